"""The membership plugin's hook implementations (re-exported by the package for pluggy).

Growth is earned when a payment succeeds (``kaidian_on_payment_succeeded``): the customer sees
their progress as soon as they have paid, and every refund takes back its share
(``kaidian_on_refund_succeeded``), so a bought-then-refunded order leaves no growth behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from core import clock
from core.hookspecs import hookimpl
from core.pricing.types import PriceAdjustment, PricingContext

# Built from admin/src by `npm run build:plugins` in the repository's admin/ (committed).
ADMIN_BUNDLE = Path(__file__).parent / "admin" / "dist"


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("plugins.membership.models")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from plugins.membership.routes import MembershipAdminController, MembershipShopController

    register(MembershipAdminController)
    register(MembershipShopController)


@hookimpl
def kaidian_register_data_sources(register: Callable[..., None]) -> None:
    from plugins.membership.sources import tiers

    register("membership.tiers", tiers)


@hookimpl
def kaidian_register_page_templates(register: Callable[..., None]) -> None:
    register(
        "member_page",
        {"zh-CN": "会员页", "en": "Membership"},
        {"route": "member", "title": "会员中心", "components": [{"type": "member_card", "props": {}}, {"type": "title", "props": {"text": "会员专享"}}, {"type": "product_grid", "props": {"source": "tag", "tag": "会员专享", "limit": 6}}]},
        description={"zh-CN": "会员卡、等级和权益", "en": "Member card, tiers and benefits"},
        order=50,
    )


@hookimpl
def kaidian_register_page_components(register: Callable[..., None]) -> None:
    from plugins.membership.components import membership_components

    for component in membership_components():
        register(component)


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    register("membership", {"zh-CN": "会员等级", "en": "Membership"}, "/membership", icon="medal", roles=("owner", "operator"), order=45)


@hookimpl
def kaidian_register_admin_screens(register: Callable[..., None]) -> None:
    register("/membership", "MembershipTiers", ADMIN_BUNDLE)


@hookimpl
def kaidian_register_jobs(register: Callable[..., None]) -> None:
    from plugins.membership.birthdays import birthday_job

    # Hourly, idempotent: a customer gets their gift on the first run of their birthday (in the
    # shop's business time zone), however often the job runs or restarts.
    register("birthday_coupons", birthday_job, 3600)


@hookimpl
async def kaidian_collect_price_adjustments(context: PricingContext) -> list[PriceAdjustment]:
    """The customer's tier discount (goods) and free shipping."""
    from plugins.membership import services

    if context.customer_id is None:
        return []
    tier = await services.current_tier(context.shop_id, context.customer_id)
    return services.tier_adjustments(tier, context) if tier else []


@hookimpl
async def kaidian_collect_customer_segments(shop_id: int, customer_id: int | None) -> list[dict[str, Any]]:
    """The shop's tiers (``customer_id=None``), or the one the customer is in, as ``tier``
    segments keyed by the tier's id (so a renamed tier keeps its targeting)."""
    from plugins.membership import services

    if customer_id is None:
        tiers = await services.list_tiers(shop_id)
    else:
        tier = await services.current_tier(shop_id, customer_id)
        tiers = [tier] if tier is not None else []
    return [{"kind": "tier", "key": str(tier.id), "title": {"zh-CN": tier.name, "en": tier.name}} for tier in tiers]


@hookimpl
async def kaidian_on_payment_succeeded(shop_id: int, order_id: int, amount_fen: int, payment: dict[str, Any]) -> None:
    from plugins.membership import services

    await services.earn_for_payment(shop_id, order_id, amount_fen, clock.now())


@hookimpl
async def kaidian_on_refund_succeeded(
    shop_id: int, order_id: int, refund_id: int, amount_fen: int, lines: list[dict[str, Any]]
) -> None:
    from plugins.membership import services

    await services.reverse_for_refund(shop_id, order_id, refund_id, amount_fen, clock.now())
