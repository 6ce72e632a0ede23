"""The community group plugin's hook implementations (re-exported by the package for pluggy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.hookspecs import hookimpl
from core.pricing.types import PricingContext

PLUGIN = "community_group"

# Built from admin/src by `npm run build:plugins` in the repository's admin/ (committed).
ADMIN_BUNDLE = Path(__file__).parent / "admin" / "dist"


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("plugins.community_group.models")


@hookimpl
def kaidian_register_blind_indexes(register: Callable[..., None]) -> None:
    from plugins.community_group.leaders import PHONE
    from plugins.community_group.models import Leader

    register(Leader, "phone_encrypted", "phone_index", PHONE)


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from plugins.community_group.routes import CommunityAdminController, CommunityLeaderController, CommunityShopController

    register(CommunityAdminController)
    register(CommunityLeaderController)
    register(CommunityShopController)


@hookimpl
def kaidian_register_data_sources(register: Callable[..., None]) -> None:
    from plugins.community_group.sources import pickup_points

    register("community_group.pickup_points", pickup_points)


@hookimpl
def kaidian_register_page_components(register: Callable[..., None]) -> None:
    from plugins.community_group.components import community_components

    for component in community_components():
        register(component)


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    register(
        "community_group", {"zh-CN": "社区团购", "en": "Community group buying"}, "/community-group",
        icon="shop", roles=("owner", "operator"), order=45,
    )


@hookimpl
def kaidian_register_admin_screens(register: Callable[..., None]) -> None:
    register("/community-group", "CommunityGroup", ADMIN_BUNDLE)


@hookimpl
def kaidian_register_checkout_inputs(register: Callable[..., None]) -> None:
    from plugins.community_group.services import CHECKOUT_INPUT

    # pickup_point_id at the top of the checkout body: the form before plugins had their own part.
    register(CHECKOUT_INPUT, deprecated_fields={"pickup_point_id": "pickup_point_id"})


@hookimpl
async def kaidian_resolve_shipping_fee(shop_id: int, context: PricingContext) -> int | None:
    """Serve the ``pickup`` shipping method with the shop's pickup fee rule. The chosen point
    itself is checked in ``kaidian_reserve_for_order``, inside the order's transaction."""
    from plugins.community_group import services
    from plugins.community_group.pickup import METHOD

    if context.extra.get("shipping_method") != METHOD:
        return None
    return services.pickup_fee(await services.shop_settings(shop_id), context.subtotal_fen)


@hookimpl
async def kaidian_collect_checkout_preview(
    context: PricingContext, adjustments: list[dict[str, Any]], locale: str
) -> dict[str, Any] | None:
    """The open pickup points with this order's pickup fee; a chosen point that is unknown or
    closed fails the preview with the 422 the checkout would answer."""
    from plugins.community_group import services
    from plugins.community_group.pickup import METHOD

    if context.extra.get("shipping_method") == METHOD:
        await services.open_point(context.shop_id, context.inputs.get(PLUGIN, {}).get("pickup_point_id"))
    fee = services.pickup_fee(await services.shop_settings(context.shop_id), context.subtotal_fen)
    found = await services.nearby_points(context.shop_id, None, None, services.MAX_NEARBY)
    return {
        "pickup_points": [
            {"id": item.point.id, "name": item.point.name, "address": item.point.address, "distance_m": item.distance_m, "fee_fen": fee}
            for item in found
        ]
    }


@hookimpl
async def kaidian_reserve_for_order(
    shop_id: int, customer_id: int, order_id: int, extra: dict[str, Any], inputs: dict[str, dict[str, Any]]
) -> None:
    from plugins.community_group.pickup import METHOD, link_order

    if extra.get("shipping_method") == METHOD:
        await link_order(shop_id, customer_id, order_id, inputs.get(PLUGIN, {}).get("pickup_point_id"))


@hookimpl
async def kaidian_on_order_status_changed(
    shop_id: int, order_id: int, old_status: str, new_status: str, reason: str | None
) -> None:
    from plugins.community_group.commission import record

    if new_status == "completed":
        await record(shop_id, order_id, cause=f"completed:{order_id}", completing=True)


@hookimpl
async def kaidian_on_refund_succeeded(
    shop_id: int, order_id: int, refund_id: int, amount_fen: int, lines: list[dict[str, Any]]
) -> None:
    from plugins.community_group.commission import record

    await record(shop_id, order_id, cause=f"refund:{refund_id}", completing=False)


@hookimpl
def kaidian_register_page_slots(register: Callable[..., None]) -> None:
    from pathlib import Path

    from builder.slots import SlotComponent, slot_templates

    templates = Path(__file__).resolve().parent / "templates"
    register(SlotComponent(name="pickup_checkout", slot="checkout.sections", templates=slot_templates(templates, "pickup_checkout"), order=10))
