"""Rules for agencies and shops."""

from __future__ import annotations

import re

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core.errors import Conflict, InvalidInput, NotFound
from core.plugin_host import PluginHost
from core.shops.models import Agency, Shop

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$")


async def create_agency(name: str) -> Agency:
    return await Agency.create(name=name)


def check_slug(slug: str) -> None:
    if not SLUG_PATTERN.match(slug):
        raise InvalidInput(
            field="slug",
            reason={"zh-CN": "只能包含小写字母、数字和短横线，3-64 位", "en": "3-64 chars of a-z, 0-9 and -"},
        )


async def insert_shop(*, agency_id: int, name: str, slug: str) -> Shop:
    """The shop row alone (slug checked by the caller); 409 naming ``slug`` when it is taken.
    In a savepoint of its own, so a caller's transaction survives the refusal."""
    try:
        async with in_transaction():
            return await Shop.create(agency_id=agency_id, name=name, slug=slug)
    except IntegrityError:
        raise Conflict(field="slug", reason={"zh-CN": "店铺标识已被占用", "en": "slug already taken"}) from None


async def create_shop(
    *, agency_id: int, name: str, slug: str, host: PluginHost | None = None
) -> Shop:
    check_slug(slug)
    if not await Agency.exists(id=agency_id):
        raise NotFound(field="agency_id")
    shop = await insert_shop(agency_id=agency_id, name=name, slug=slug)
    if host is not None:
        await host.notify("kaidian_on_shop_created", shop_id=shop.id)
    return shop


async def get_shop(shop_id: int) -> Shop:
    shop = await Shop.get_or_none(id=shop_id)
    if shop is None:
        raise NotFound()
    return shop


async def agency_shop(agency_id: int, shop_id: int) -> Shop:
    """One of the agency's shops; another agency's shop is as unknown as a missing one."""
    shop = await Shop.get_or_none(id=shop_id, agency_id=agency_id)
    if shop is None:
        raise NotFound()
    return shop


async def update_shop(shop_id: int, changes: dict[str, object]) -> Shop:
    shop = await get_shop(shop_id)
    shop.update_from_dict(changes)
    await shop.save(update_fields=list(changes) or None)
    return shop
