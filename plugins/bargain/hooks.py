"""The bargain plugin's hook implementations (re-exported by the package for pluggy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from core import clock
from core.hookspecs import hookimpl
from core.pricing.types import PriceAdjustment, PricingContext

# Built from admin/src by `npm run build:plugins` in the repository's admin/ (committed).
ADMIN_BUNDLE = Path(__file__).parent / "admin" / "dist"

# Order states (core.trade.models.OrderStatus) after which an unpaid order's bargain is free again.
RELEASE_STATUSES = frozenset({"cancelled"})
PLUGIN = "bargain"


@hookimpl
def kaidian_on_demo_history(history: Any) -> None:
    """Bargains cut to the floor and bought over the demo shop's past month."""
    from plugins.bargain import demo

    demo.plan(history)


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("plugins.bargain.models")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from plugins.bargain.routes import BargainAdminController, BargainPublicController, BargainShopController

    register(BargainAdminController)
    register(BargainPublicController)
    register(BargainShopController)


@hookimpl
def kaidian_register_data_sources(register: Callable[..., None]) -> None:
    from plugins.bargain.sources import open_activities

    register("bargain.activities", open_activities)


@hookimpl
def kaidian_register_page_templates(register: Callable[..., None]) -> None:
    register(
        "bargain_zone",
        {"zh-CN": "砍价专区", "en": "Bargain zone"},
        {"route": "bargain", "title": "砍价专区", "components": [{"type": "notice_bar", "props": {"text": "邀请好友帮砍，最低砍到底价"}}, {"type": "bargain_list", "props": {"limit": 20}}]},
        description={"zh-CN": "开放中的砍价活动", "en": "Open bargain activities"},
        order=50,
    )


@hookimpl
def kaidian_register_page_components(register: Callable[..., None]) -> None:
    from plugins.bargain.components import bargain_components

    for component in bargain_components():
        register(component)


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    register("bargain", {"zh-CN": "砍价", "en": "Bargains"}, "/bargain", icon="scissor", roles=("owner", "operator"), order=45)


@hookimpl
def kaidian_register_admin_screens(register: Callable[..., None]) -> None:
    register("/bargain", "BargainActivities", ADMIN_BUNDLE)


@hookimpl
def kaidian_register_timer_handlers(register: Callable[..., None]) -> None:
    from plugins.bargain.services import EXPIRE_TIMER, expire

    register(EXPIRE_TIMER, expire)


@hookimpl
def kaidian_register_checkout_inputs(register: Callable[..., None]) -> None:
    from plugins.bargain.schemas import CHECKOUT_INPUT

    # bargain_id at the top of the checkout body: the form before plugins had their own part.
    register(CHECKOUT_INPUT, deprecated_fields={"bargain_id": "bargain_id"})


@hookimpl
async def kaidian_collect_price_adjustments(context: PricingContext) -> list[PriceAdjustment] | None:
    """The starter buys one unit of the activity's SKU at the bargain price.

    ``plugins.bargain.bargain_id`` (this plugin's part of the checkout) names the bargain.
    A bargain that cannot be bought now is offered as not applicable, with the reason.
    """
    from plugins.bargain.services import ADJUSTMENT_KEY_PREFIX, buy_price
    from plugins.bargain.models import Bargain

    raw = context.inputs.get(PLUGIN, {}).get("bargain_id")
    if raw is None or context.customer_id is None:
        return None
    bargain = await Bargain.get_or_none(
        id=int(raw), shop_id=context.shop_id, customer_id=context.customer_id  # type: ignore[arg-type]
    ).prefetch_related("activity")
    key = f"{ADJUSTMENT_KEY_PREFIX}{raw}"
    if bargain is None:
        reason = {"zh-CN": "砍价不存在", "en": "no such bargain"}
        return [PriceAdjustment(amount_fen=0, kind="bargain", reason=reason, key=key, applicable=False)]
    activity = bargain.activity
    price_fen, reason = buy_price(bargain, activity, context.now)
    line = next((line for line in context.lines if line.sku_id == activity.sku_id), None)
    if line is None:
        price_fen, reason = None, {"zh-CN": "订单中没有砍价商品", "en": "the bargain's item is not in this order"}
    if price_fen is None or line is None:
        return [PriceAdjustment(amount_fen=0, kind="bargain", reason=reason, key=key, applicable=False)]
    name = {"zh-CN": f"砍价「{activity.name}」", "en": f"Bargain “{activity.name}”"}
    return [
        PriceAdjustment(
            amount_fen=-max(line.unit_price_fen - price_fen, 0),
            kind="bargain",
            reason=name,
            stacking_group="bargain",
            priority=10,
            sku_ids=(activity.sku_id,),
            key=key,
        )
    ]


@hookimpl
async def kaidian_reserve_for_order(
    shop_id: int, customer_id: int, order_id: int, adjustments: list[dict[str, Any]], inputs: dict[str, dict[str, Any]]
) -> None:
    """The new order takes the bargain it was priced with (409 if another order got it first);
    a ``bargain_id`` the checkout asked for that could not be priced refuses the order, naming why."""
    from plugins.bargain import services

    now = clock.now()
    bargain_ids = services.bargain_ids_of(adjustments)
    requested = inputs.get(PLUGIN, {}).get("bargain_id")
    if requested is not None and int(requested) not in bargain_ids:
        raise await services.not_buyable(shop_id, customer_id, int(requested), now)
    if bargain_ids:
        await services.hold_for_order(shop_id, customer_id, order_id, bargain_ids, now)


@hookimpl
async def kaidian_on_order_status_changed(
    shop_id: int, order_id: int, old_status: str, new_status: str, reason: str | None
) -> None:
    from plugins.bargain import services

    if new_status in RELEASE_STATUSES:
        await services.release_for_order(shop_id, order_id)


@hookimpl
async def kaidian_on_payment_succeeded(shop_id: int, order_id: int, amount_fen: int, payment: dict[str, Any]) -> None:
    from plugins.bargain import services

    await services.purchase_for_order(shop_id, order_id, clock.now())
