"""Demo data for ``kaidian demo``: one agency, one shop, one owner. Idempotent."""

from __future__ import annotations

from dataclasses import dataclass

from core.accounts.models import StaffAccount, StaffRole
from core.accounts.services import create_staff, grant_role
from core.plugin_host import PluginHost
from core.shops.models import Shop
from core.shops.services import create_agency, create_shop

DEMO_EMAIL = "owner@demo.kaidian.dev"
DEMO_PASSWORD = "kaidian-demo"
DEMO_SHOP_SLUG = "demo"


@dataclass(frozen=True)
class DemoSeed:
    email: str
    password: str
    shop_id: int
    shop_name: str
    created: bool


async def seed_demo(host: PluginHost | None = None) -> DemoSeed:
    shop = await Shop.get_or_none(slug=DEMO_SHOP_SLUG)
    if shop is not None:
        return DemoSeed(DEMO_EMAIL, DEMO_PASSWORD, shop.id, shop.name, created=False)
    agency = await create_agency("开店演示代理 Demo Agency")
    shop = await create_shop(agency_id=agency.id, name="开店演示店", slug=DEMO_SHOP_SLUG, host=host)
    staff = await StaffAccount.get_or_none(email=DEMO_EMAIL)
    if staff is None:
        staff = await create_staff(
            agency_id=agency.id,
            email=DEMO_EMAIL,
            password=DEMO_PASSWORD,
            display_name="演示店主",
            is_agency_admin=True,
        )
    await grant_role(staff.id, shop.id, StaffRole.OWNER)
    return DemoSeed(DEMO_EMAIL, DEMO_PASSWORD, shop.id, shop.name, created=True)
