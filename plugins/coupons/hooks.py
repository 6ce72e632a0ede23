"""The coupons plugin's hook implementations (re-exported by the package for pluggy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from core import clock
from core.hookspecs import hookimpl
from core.pricing.types import PriceAdjustment, PricingContext

# Built from admin/src by `npm run build:plugins` in the repository's admin/ (committed).
ADMIN_BUNDLE = Path(__file__).parent / "admin" / "dist"

# Order states (core.trade.models.OrderStatus) that give an order's coupons back.
RETURN_STATUSES = frozenset({"cancelled", "refunded"})
PLUGIN = "coupons"


def chosen_coupon_ids(context: PricingContext) -> list[int] | None:
    """The coupons the checkout chose (``plugins.coupons.coupon_ids``; ``[]`` for none), or
    None to let the best be picked."""
    chosen = context.inputs.get(PLUGIN, {}).get("coupon_ids")
    return [int(coupon_id) for coupon_id in chosen] if isinstance(chosen, list) else None


@hookimpl
def kaidian_register_checkout_inputs(register: Callable[..., None]) -> None:
    from plugins.coupons.schemas import CHECKOUT_INPUT

    # coupon_ids at the top of the checkout body: the form before plugins had their own part.
    register(CHECKOUT_INPUT, deprecated_fields={"coupon_ids": "coupon_ids"})


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("plugins.coupons.models")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from plugins.coupons.routes import CouponAdminController, CouponPublicController, CouponShopController

    register(CouponAdminController)
    register(CouponPublicController)
    register(CouponShopController)


@hookimpl
def kaidian_register_data_sources(register: Callable[..., None]) -> None:
    from plugins.coupons.sources import claimable

    register("coupons.claimable", claimable)


@hookimpl
def kaidian_register_page_templates(register: Callable[..., None]) -> None:
    register(
        "coupon_centre",
        {"zh-CN": "领券中心", "en": "Coupon centre"},
        {"route": "coupons", "title": "领券中心", "components": [{"type": "title", "props": {"text": "领券中心", "subtitle": "先领券，再购物", "align": "center"}}, {"type": "coupon_block", "props": {"layout": "list", "limit": 20}}]},
        description={"zh-CN": "可领取的优惠券", "en": "Claimable coupons"},
        order=50,
    )


@hookimpl
def kaidian_register_page_components(register: Callable[..., None]) -> None:
    from plugins.coupons.components import coupon_components

    for component in coupon_components():
        register(component)


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    register("coupons", {"zh-CN": "优惠券", "en": "Coupons"}, "/coupons", icon="ticket", roles=("owner", "operator"), order=40)


@hookimpl
def kaidian_register_admin_screens(register: Callable[..., None]) -> None:
    register("/coupons", "CouponTemplates", ADMIN_BUNDLE)


@hookimpl
async def kaidian_collect_price_adjustments(context: PricingContext) -> list[PriceAdjustment]:
    """Offer the customer's coupons: the best combination applies, the rest explain themselves.

    ``plugins.coupons.coupon_ids`` (a list) limits the offer to the coupons the customer chose;
    without it the best combination of everything they hold is picked.
    """
    from plugins.coupons.offers import adjustments, required_choices

    if context.customer_id is None:
        return []
    offered = adjustments(await _evaluations(context, chosen_only=True))
    chosen = chosen_coupon_ids(context)
    if chosen is not None:
        # The customer's explicit choice: one that cannot be used refuses the checkout (409).
        offered = required_choices(offered, chosen)
    return offered


async def _evaluations(context: PricingContext, chosen_only: bool) -> list[Any]:
    """Each held coupon evaluated against the cart (the chosen ones only, if asked to)."""
    from plugins.coupons import services
    from plugins.coupons.models import CouponStatus
    from plugins.coupons.offers import evaluate

    held = await services.held_coupons(
        context.shop_id, context.customer_id, (CouponStatus.AVAILABLE, CouponStatus.LOCKED)  # type: ignore[arg-type]
    )
    chosen = chosen_coupon_ids(context)
    if chosen_only and chosen is not None:
        wanted = set(chosen)
        held = [coupon for coupon in held if coupon.id in wanted]
    else:
        # Expired coupons still explain themselves ("已过期") for a while, then drop out.
        held = [coupon for coupon in held if (context.now - coupon.valid_until).days < 30]
    if not held:  # most checkouts: no coupon to weigh, so no categories to read
        return []
    context = await services.with_categories(context)
    return [evaluate(services.terms_of(coupon), context) for coupon in held]


@hookimpl
async def kaidian_collect_checkout_preview(
    context: PricingContext, adjustments: list[dict[str, Any]], locale: str
) -> dict[str, Any] | None:
    """The customer's coupons for the checkout page: what each would take off this cart (and
    whether this preview applied it), or why it cannot be used here."""
    from core.i18n import pick
    from plugins.coupons.manifest import manifest
    from plugins.coupons.offers import title

    if context.customer_id is None:
        return None
    applied = {item["key"]: -item["amount_fen"] for item in adjustments if item["source"] == manifest.name and item["applied"]}
    chosen_ids = set(chosen_coupon_ids(context) or ())
    usable, unusable = [], []
    for evaluation in await _evaluations(context, chosen_only=False):
        terms = evaluation.terms
        key = f"coupon:{terms.coupon_id}"
        entry = {"id": terms.coupon_id, "title": terms.name, "summary": pick(title(terms), locale), "valid_until": terms.valid_until.isoformat()}
        if evaluation.usable:
            usable.append({**entry, "discount_fen": applied.get(key, evaluation.discount_fen), "chosen": key in applied})
        else:
            # chosen: the body names it, so the checkout would refuse it (409 naming plugins.coupons.coupon_ids[i])
            unusable.append({**entry, "reason": pick(evaluation.problem or {}, locale), "chosen": terms.coupon_id in chosen_ids})
    return {"usable": usable, "unusable": unusable}


@hookimpl
async def kaidian_reserve_for_order(shop_id: int, customer_id: int, order_id: int, adjustments: list[dict[str, Any]]) -> None:
    """Lock the order's coupons inside its transaction: a checkout that lost the race for one
    is refused with a 409 naming it, and its order is never written."""
    from plugins.coupons import services

    await services.lock_for_order(shop_id, customer_id, order_id, services.coupon_ids_of(adjustments), clock.now())


@hookimpl
def kaidian_on_demo_history(history: Any) -> None:
    """Customers claim the claim centre's coupons over the demo shop's past month."""
    from plugins.coupons import demo

    demo.plan(history)


@hookimpl
async def kaidian_on_demo_shop_created(shop_id: int, base_url: str, images: dict[str, str]) -> None:
    """The demo shop's coupons: a new-customer gift (¥10 off anything) and a 满100减20 in the
    claim centre, each valid for 30 days after it is received."""
    from plugins.coupons import services

    common = {"validity": "after_claim", "valid_days": 30, "total_quantity": 100_000}
    await services.create_template(
        shop_id, {"name": "新人专享券", "kind": "no_threshold", "amount_fen": 1000, "claimable": False, "new_customer_gift": True, **common}
    )
    await services.create_template(shop_id, {"name": "满100减20", "kind": "amount_off", "amount_fen": 2000, "threshold_fen": 10000, **common})


@hookimpl
async def kaidian_on_order_status_changed(
    shop_id: int, order_id: int, old_status: str, new_status: str, reason: str | None
) -> None:
    from plugins.coupons import services

    # A cancelled order (by the customer, staff or the unpaid timeout) and a refunded one give
    # their locked or used coupons back.
    if new_status in RETURN_STATUSES:
        await services.return_for_order(shop_id, order_id)


@hookimpl
async def kaidian_on_payment_succeeded(shop_id: int, order_id: int, amount_fen: int, payment: dict[str, Any]) -> None:
    from plugins.coupons import services

    await services.consume_for_order(shop_id, order_id, amount_fen, clock.now())


@hookimpl
async def kaidian_on_refund_succeeded(
    shop_id: int, order_id: int, refund_id: int, amount_fen: int, lines: list[dict[str, Any]]
) -> None:
    from plugins.coupons import services

    await services.record_refund(shop_id, order_id, amount_fen)


@hookimpl
def kaidian_register_app_pages(register: Callable[..., None]) -> None:
    from pathlib import Path

    from builder.app_pages import AppPage, app_page_templates

    templates = Path(__file__).resolve().parent / "templates"
    style = {"style": str(templates / "common" / "coupon_pages.css.j2")}
    pages = (("coupon_center", {"zh-CN": "领券中心", "en": "Coupon centre"}), ("my_coupons", {"zh-CN": "我的优惠券", "en": "My coupons"}))
    for order, (name, title) in enumerate(pages, start=10):
        register(AppPage(name=name, title=title, templates=app_page_templates(templates, name) | style, entry=title, order=order))


@hookimpl
def kaidian_register_reference_kinds(register: Callable[..., None]) -> None:
    from plugins.coupons.models import CouponTemplate

    # A link "coupon:<template id>" (an ad, a banner) opens 领券中心 with that coupon first.
    register("coupon", CouponTemplate, title={"zh-CN": "优惠券", "en": "Coupon"}, link_page="coupon_center", label_field="name")


@hookimpl
def kaidian_register_page_slots(register: Callable[..., None]) -> None:
    from pathlib import Path

    from builder.slots import SlotComponent, slot_templates

    templates = Path(__file__).resolve().parent / "templates"
    register(SlotComponent(name="coupon_claim", slot="product_detail.info", templates=slot_templates(templates, "coupon_claim"), order=20))
    register(SlotComponent(name="coupon_checkout", slot="checkout.sections", templates=slot_templates(templates, "coupon_checkout"), order=20))
