"""The points plugin's hook implementations (re-exported by the package for pluggy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core import clock
from core.hookspecs import hookimpl
from core.pricing.types import PriceAdjustment, PricingContext

EXPIRE_EVERY_SECONDS = 3600


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("plugins.points.models")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from plugins.points.routes import PointsAdminController, PointsShopController

    register(PointsAdminController)
    register(PointsShopController)


@hookimpl
def kaidian_register_data_sources(register: Callable[..., None]) -> None:
    from plugins.points.sources import mall

    register("points.mall", mall)


@hookimpl
def kaidian_register_page_templates(register: Callable[..., None]) -> None:
    register(
        "points_mall",
        {"zh-CN": "积分商城", "en": "Points mall"},
        {"route": "points_mall", "title": "积分商城", "components": [{"type": "points_balance", "props": {}}, {"type": "points_mall", "props": {"limit": 20}}]},
        description={"zh-CN": "积分余额、签到和可用积分抵扣的商品", "en": "Balance, daily sign-in and products that take points"},
        order=50,
    )


@hookimpl
def kaidian_register_page_components(register: Callable[..., None]) -> None:
    from plugins.points.components import points_components

    for component in points_components():
        register(component)


async def expire_points(ctx: Any) -> None:
    """Hourly: expire due points, and settle holds a lost notification left behind."""
    from plugins.points.ledger import expire_due
    from plugins.points.redeem import settle_stale_holds

    await settle_stale_holds()
    await expire_due(clock.now())


@hookimpl
def kaidian_register_jobs(register: Callable[..., None]) -> None:
    register("expire", expire_points, every_seconds=EXPIRE_EVERY_SECONDS)


@hookimpl
def kaidian_register_timer_handlers(register: Callable[..., None]) -> None:
    from plugins.points.earning import SHARE_REWARD_TIMER, reward_share

    register(SHARE_REWARD_TIMER, reward_share)


@hookimpl
def kaidian_register_checkout_inputs(register: Callable[..., None]) -> None:
    from plugins.points.redeem import CHECKOUT_INPUT

    # points_to_redeem at the top of the checkout body: the form before plugins had their own part.
    register(CHECKOUT_INPUT, deprecated_fields={"points_to_redeem": "points_to_redeem"})


@hookimpl
async def kaidian_collect_price_adjustments(context: PricingContext) -> list[PriceAdjustment]:
    """Redeem ``plugins.points.points_to_redeem`` points, when the customer asked to."""
    from plugins.points.redeem import offer

    return await offer(context)


@hookimpl
async def kaidian_collect_checkout_preview(
    context: PricingContext, adjustments: list[dict[str, Any]], locale: str
) -> dict[str, Any] | None:
    """The customer's points on the checkout page: usable balance, the most this order takes,
    what one point is worth, and what this preview redeemed (or why it could not)."""
    from plugins.points.redeem import preview_section

    if context.customer_id is None:
        return None
    return await preview_section(context, adjustments, locale)


@hookimpl
async def kaidian_reserve_for_order(
    shop_id: int, customer_id: int, order_id: int, adjustments: list[dict[str, Any]], inputs: dict[str, dict[str, Any]]
) -> None:
    from plugins.points.redeem import hold_for_order

    await hold_for_order(shop_id, order_id, customer_id, adjustments, inputs)


@hookimpl
async def kaidian_on_order_status_changed(
    shop_id: int, order_id: int, old_status: str, new_status: str, reason: str | None
) -> None:
    from plugins.points.redeem import release

    if new_status == "cancelled":
        await release(shop_id, order_id)


@hookimpl
async def kaidian_on_payment_succeeded(shop_id: int, order_id: int, amount_fen: int, payment: dict[str, Any]) -> None:
    from plugins.points import earning, redeem

    now = clock.now()
    await redeem.confirm(shop_id, order_id)
    await earning.earn_for_payment(shop_id, order_id, amount_fen, now)
    await earning.start_share_reward(shop_id, order_id, now)


@hookimpl
async def kaidian_on_refund_succeeded(
    shop_id: int, order_id: int, refund_id: int, amount_fen: int, lines: list[dict[str, Any]]
) -> None:
    from core.trade.models import Order
    from plugins.points import earning, redeem

    await earning.cancel_share_reward(shop_id, order_id)
    await earning.reverse_for_refund(shop_id, order_id, refund_id)
    paid = await Order.filter(id=order_id, shop_id=shop_id).values_list("paid_fen", flat=True)
    if paid:
        refunded = await earning.refunded_so_far(order_id)
        await redeem.return_on_refund(shop_id, order_id, refund_id, refunded, int(paid[0]), clock.now())


@hookimpl
async def kaidian_on_customer_registered(shop_id: int, customer_id: int, share_code: str | None) -> None:
    from plugins.points.earning import record_referral

    await record_referral(shop_id, customer_id, share_code)


@hookimpl
def kaidian_register_page_slots(register: Callable[..., None]) -> None:
    from pathlib import Path

    from builder.slots import SlotComponent, slot_templates

    templates = Path(__file__).resolve().parent / "templates"
    register(SlotComponent(name="points_checkout", slot="checkout.sections", templates=slot_templates(templates, "points_checkout"), order=30))
