"""Order feedback (订单评价): a durable timer asks each order's customer for feedback a while after
delivery or confirmation (24 h by default); the generated app shows the request as an app-level
prompt and a form (NPS 0–10, the shop's tags, text, photos), once per order; requests expire
after 7 days; the admin sees the NPS trend, tag counts and answers, and low scores go to the
shop's webhooks as ``feedback.low_score``. Registered through the ``kaidian.plugins`` entry point
like any plugin; removing this package and its entry point removes the feature."""

from plugins.feedback.hooks import (
    kaidian_collect_checkout_preview,
    kaidian_on_order_status_changed,
    kaidian_on_subscribe_results,
    kaidian_register_admin_menu,
    kaidian_register_admin_screens,
    kaidian_register_app_pages,
    kaidian_register_models,
    kaidian_register_page_slots,
    kaidian_register_routes,
    kaidian_register_timer_handlers,
    kaidian_register_webhook_events,
)
from plugins.feedback.manifest import manifest

__all__ = [
    "manifest",
    "kaidian_collect_checkout_preview",
    "kaidian_on_order_status_changed",
    "kaidian_on_subscribe_results",
    "kaidian_register_admin_menu",
    "kaidian_register_admin_screens",
    "kaidian_register_app_pages",
    "kaidian_register_models",
    "kaidian_register_page_slots",
    "kaidian_register_routes",
    "kaidian_register_timer_handlers",
    "kaidian_register_webhook_events",
]
