"""The group-buy plugin's hook implementations (re-exported by the package for pluggy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.hookspecs import hookimpl
from core.pricing.types import PriceAdjustment, PricingContext

# Built from admin/src by `npm run build:plugins` in the repository's admin/ (committed).
ADMIN_BUNDLE = Path(__file__).parent / "admin" / "dist"

SWEEP_EVERY_SECONDS = 60


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("plugins.group_buy.models")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from plugins.group_buy.routes import GroupBuyAdminController, GroupBuyPublicController, GroupBuyShopController

    register(GroupBuyAdminController)
    register(GroupBuyPublicController)
    register(GroupBuyShopController)


@hookimpl
def kaidian_register_data_sources(register: Callable[..., None]) -> None:
    from plugins.group_buy.sources import running

    register("group_buy.activities", running)


@hookimpl
def kaidian_register_page_templates(register: Callable[..., None]) -> None:
    register(
        "group_buy_zone",
        {"zh-CN": "拼团专区", "en": "Group-buy zone"},
        {"route": "group_buy", "title": "拼团专区", "components": [{"type": "notice_bar", "props": {"text": "邀请好友一起拼，人满即发货"}}, {"type": "group_buy_list", "props": {"limit": 20}}]},
        description={"zh-CN": "正在进行的拼团活动", "en": "Running group-buy activities"},
        order=50,
    )


@hookimpl
def kaidian_register_page_components(register: Callable[..., None]) -> None:
    from plugins.group_buy.components import group_buy_components

    for component in group_buy_components():
        register(component)


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    register("group_buy", {"zh-CN": "拼团", "en": "Group buy"}, "/group-buy", icon="user-filled", roles=("owner", "operator"), order=45)


@hookimpl
def kaidian_register_admin_screens(register: Callable[..., None]) -> None:
    register("/group-buy", "GroupBuyActivities", ADMIN_BUNDLE)


@hookimpl
def kaidian_register_timer_handlers(register: Callable[..., None]) -> None:
    from plugins.group_buy import groups

    register(groups.EXPIRY, groups.expire)
    register(groups.SETTLE, groups.settle)
    register(groups.NOTIFY, groups.notify_members)


@hookimpl
def kaidian_register_jobs(register: Callable[..., None]) -> None:
    from plugins.group_buy import groups

    register("group_buy_sweep", groups.sweep_job, SWEEP_EVERY_SECONDS)


@hookimpl
def kaidian_register_checkout_inputs(register: Callable[..., None]) -> None:
    from plugins.group_buy.checkout import CHECKOUT_INPUT

    # group_buy at the top of the checkout body (the same object): the form before plugins had their own part.
    register(CHECKOUT_INPUT, deprecated_fields={"group_buy": None})


@hookimpl
def kaidian_on_demo_history(history: Any) -> None:
    """Groups opened, completed and expired over the demo shop's past month."""
    from plugins.group_buy import demo

    demo.plan(history)


@hookimpl
async def kaidian_collect_price_adjustments(context: PricingContext) -> list[PriceAdjustment]:
    """The group price when the checkout names an activity or group (``plugins.group_buy``)."""
    from plugins.group_buy import checkout

    return await checkout.price_adjustments(context)


@hookimpl
async def kaidian_reserve_for_order(shop_id: int, customer_id: int, order_id: int, adjustments: list[dict[str, Any]]) -> None:
    from plugins.group_buy import checkout

    await checkout.reserve_slot(shop_id, customer_id, order_id, adjustments)


@hookimpl
async def kaidian_collect_shipping_holds(shop_id: int, order_id: int) -> list[dict[str, str]] | None:
    from plugins.group_buy import groups

    return await groups.hold_reasons(shop_id, order_id)


@hookimpl
async def kaidian_on_payment_succeeded(shop_id: int, order_id: int, amount_fen: int, payment: dict[str, Any]) -> None:
    from plugins.group_buy import groups

    await groups.member_paid(shop_id, order_id)


@hookimpl
async def kaidian_on_order_status_changed(shop_id: int, order_id: int, old_status: str, new_status: str, reason: str | None) -> None:
    from plugins.group_buy import groups

    if new_status in ("cancelled", "refunded"):
        await groups.order_closed(shop_id, order_id, new_status)


@hookimpl
def kaidian_register_page_slots(register: Callable[..., None]) -> None:
    from pathlib import Path

    from builder.slots import SlotComponent, slot_templates

    templates = Path(__file__).resolve().parent / "templates"
    register(SlotComponent(name="group_buy_start", slot="product_detail.actions", templates=slot_templates(templates, "group_buy_start"), order=10))
