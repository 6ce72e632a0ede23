"""The feedback plugin's hook implementations (re-exported by the package for pluggy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.hookspecs import hookimpl

# Built from admin/src by `npm run build:plugins` in the repository's admin/ (committed).
ADMIN_BUNDLE = Path(__file__).parent / "admin" / "dist"
TEMPLATES = Path(__file__).resolve().parent / "templates"


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("plugins.feedback.models")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from plugins.feedback.routes import FeedbackAdminController, FeedbackShopController

    register(FeedbackShopController)
    register(FeedbackAdminController)


@hookimpl
def kaidian_register_timer_handlers(register: Callable[..., None]) -> None:
    from plugins.feedback import services

    register(services.ASK, services.ask)
    register(services.EXPIRE, services.expire)


@hookimpl
def kaidian_register_webhook_events(register: Callable[..., None]) -> None:
    from plugins.feedback.services import LOW_SCORE_EVENT

    register(LOW_SCORE_EVENT, {"zh-CN": "顾客低分评价", "en": "A customer's low feedback score"})


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    register("feedback", {"zh-CN": "订单评价", "en": "Feedback"}, "/feedback", icon="chat-dot-round", roles=("owner", "operator"), order=60)


@hookimpl
def kaidian_register_admin_screens(register: Callable[..., None]) -> None:
    register("/feedback", "FeedbackScreen", ADMIN_BUNDLE)


@hookimpl
async def kaidian_on_order_status_changed(shop_id: int, order_id: int, old_status: str, new_status: str, reason: str | None) -> None:
    from plugins.feedback import services

    if new_status in services.HAS_GOODS:
        await services.order_has_goods(shop_id, order_id)


@hookimpl
def kaidian_register_page_slots(register: Callable[..., None]) -> None:
    from builder.slots import SlotComponent, slot_templates

    templates = slot_templates(TEMPLATES, "feedback_prompt") | {"style": str(TEMPLATES / "common" / "feedback_prompt.css.j2")}
    register(SlotComponent(name="feedback_prompt", slot="app.prompts", templates=templates, order=50))


@hookimpl
def kaidian_register_app_pages(register: Callable[..., None]) -> None:
    from builder.app_pages import AppPage, app_page_templates

    # Opened from the prompt or a subscribe message (``?order_id=``), never from a menu: no entry.
    register(AppPage(name="feedback_form", title={"zh-CN": "订单评价", "en": "Order feedback"}, templates=app_page_templates(TEMPLATES, "feedback_form")))


@hookimpl
async def kaidian_collect_checkout_preview(context: Any, adjustments: list[dict[str, Any]], locale: str) -> dict[str, Any] | None:
    # The checkout page asks the customer to allow the shop's template on the tap that places
    # the order (a section's ``subscribe_template_ids``); the answer comes back below.
    from plugins.feedback.services import shop_settings

    template_id = (await shop_settings(context.shop_id))["subscribe_template_id"]
    return {"subscribe_template_ids": [template_id]} if template_id else None


@hookimpl
async def kaidian_on_subscribe_results(shop_id: int, customer_id: int, results: dict[str, str], order_id: int | None) -> None:
    from plugins.feedback import subscribe

    await subscribe.record_results(shop_id, customer_id, results)
