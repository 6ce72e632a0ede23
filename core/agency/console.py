"""The agency's console: its shops with their figures, opening a shop from a template shop, and
entering any of its shops.

Agency staff are staff accounts with ``is_agency_admin``; every query here is filtered by their
agency, so another agency's shop is as unknown as a missing one. Shop staff (no agency flag)
are refused the console altogether.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.functions import Count, Sum
from tortoise.transactions import in_transaction

from core import clock
from core.accounts import services as account_services
from core.accounts.models import StaffMembership, StaffRole
from core.agency import commission
from core.agency.models import CommissionEntry
from core.errors import InvalidInput, PermissionDenied
from core.plugin_host import PluginHost
from core.shop_plugins.models import ShopPlugin
from core.shops import services as shop_services
from core.shops.models import Shop
from core.trade.models import Order


def require_agency(user: Any) -> int:
    """The agency of an agency staff member; 403 for anyone else (shop staff, customers)."""
    if not getattr(user, "is_staff", False) or not user.is_agency_admin or user.agency_id is None:
        raise PermissionDenied("agency_only")
    return int(user.agency_id)


@dataclass(frozen=True)
class Figures:
    gmv_fen: int
    orders: int
    commission_fen: int


@dataclass(frozen=True)
class ConsoleShop:
    id: int
    name: str
    slug: str
    status: str
    rate_bp: int
    today: Figures
    month: Figures


def period_starts(timezone: str, now: datetime) -> tuple[datetime, datetime]:
    """UTC instants where today and this month begin in the business time zone."""
    local = now.astimezone(ZoneInfo(timezone))
    day = datetime.combine(local.date(), time.min, tzinfo=local.tzinfo)
    return day.astimezone(UTC), day.replace(day=1).astimezone(UTC)


async def _paid_by_shop(shop_ids: list[int], since: datetime) -> dict[int, tuple[int, int]]:
    rows = (
        await Order.filter(shop_id__in=shop_ids, paid_at__gte=since)
        .annotate(count=Count("id"), gmv=Sum("paid_fen"))
        .group_by("shop_id")
        .values("shop_id", "count", "gmv")
    )
    return {row["shop_id"]: (int(row["gmv"] or 0), int(row["count"] or 0)) for row in rows}


async def _commission_by_shop(shop_ids: list[int], since: datetime) -> dict[int, int]:
    rows = (
        await CommissionEntry.filter(shop_id__in=shop_ids, booked_at__gte=since)
        .annotate(total=Sum("amount_fen"))
        .group_by("shop_id")
        .values("shop_id", "total")
    )
    return {row["shop_id"]: int(row["total"] or 0) for row in rows}


async def agency_shops(agency_id: int, timezone: str, *, now: datetime | None = None) -> list[ConsoleShop]:
    """The agency's shops with today's and this month's paid GMV and orders (orders paid in the
    period) and commission (entries booked in it), in the business time zone's calendar."""
    now = now or clock.now()
    shops = await Shop.filter(agency_id=agency_id).order_by("id")
    ids = [shop.id for shop in shops]
    if not ids:
        return []
    today, month = period_starts(timezone, now)
    paid_today, paid_month = await _paid_by_shop(ids, today), await _paid_by_shop(ids, month)
    commission_today, commission_month = await _commission_by_shop(ids, today), await _commission_by_shop(ids, month)
    rates = await commission.rates_of(ids)
    return [
        ConsoleShop(
            shop.id,
            shop.name,
            shop.slug,
            str(shop.status),
            rates.get(shop.id, 0),
            Figures(*paid_today.get(shop.id, (0, 0)), commission_today.get(shop.id, 0)),
            Figures(*paid_month.get(shop.id, (0, 0)), commission_month.get(shop.id, 0)),
        )
        for shop in shops
    ]


async def template_of(agency_id: int, template_shop_id: int) -> Shop:
    """The template shop, which must be one of the agency's: anything else is 422 naming the
    field (another agency's shop and a missing one get the same answer)."""
    shop = await Shop.get_or_none(id=template_shop_id, agency_id=agency_id)
    if shop is None:
        raise InvalidInput("unknown_template_shop", field="template_shop_id", record_id=template_shop_id)
    return shop


@dataclass(frozen=True)
class CopiedShop:
    shop: Shop
    copied: list[str]


async def create_from_template(
    host: PluginHost, *, agency_id: int, staff_id: int, name: str, slug: str, template_shop_id: int, rate_bp: int | None
) -> CopiedShop:
    """Open a shop from a template shop of the agency, in one transaction: the shop, the agency
    member who opened it as owner, the template's plugin switches and settings, the commission
    rate (given, else the template's), and whatever plugins copy (the builder: pages and theme).
    Customers, orders, the catalog and the template's staff are never copied."""
    template = await template_of(agency_id, template_shop_id)
    rate = commission.check_rate(rate_bp) if rate_bp is not None else await commission.rate_of(template.id)
    shop_services.check_slug(slug)
    async with in_transaction():
        shop = await shop_services.insert_shop(agency_id=agency_id, name=name, slug=slug)
        states = await ShopPlugin.filter(shop_id=template.id)
        for state in states:
            await ShopPlugin.create(shop_id=shop.id, plugin=state.plugin, enabled=state.enabled, settings=state.settings)
        copied = ["plugins"] if states else []
        if rate:
            await commission.set_rate(shop.id, rate, staff_id)
            copied.append("commission_rate")
        await StaffMembership.create(staff_id=staff_id, shop_id=shop.id, role=StaffRole.OWNER)
        for _plugin, names in await host.collect("kaidian_collect_shop_template_copy", shop_id=shop.id, template_shop_id=template.id):
            copied.append(str(names))
    host.forget_shop_state(shop.id)
    await host.notify("kaidian_on_shop_created", shop_id=shop.id)
    return CopiedShop(shop, copied)


async def enter_shop(agency_id: int, staff_id: int, shop_id: int) -> None:
    """Let an agency staff member work in any shop of the agency: they take the owner role
    there if they have none (the agency runs its shops); another agency's shop is 404."""
    shop = await shop_services.agency_shop(agency_id, shop_id)
    if not await StaffMembership.exists(staff_id=staff_id, shop_id=shop.id):
        await account_services.grant_role(staff_id, shop.id, StaffRole.OWNER)


def month_of(now: datetime, timezone: str) -> str:
    return now.astimezone(ZoneInfo(timezone)).strftime("%Y-%m")

