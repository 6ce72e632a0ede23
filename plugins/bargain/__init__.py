"""Bargain (砍价): activities, bargains that friends cut down to a floor price along an
auditable random plan, anti-abuse limits, expiry, and checkout at the bargain price.
Registered through the ``kaidian.plugins`` entry point like any plugin; removing this package
and its entry point removes the feature and nothing else."""

from plugins.bargain.hooks import (
    kaidian_collect_price_adjustments,
    kaidian_on_demo_history,
    kaidian_on_order_status_changed,
    kaidian_on_payment_succeeded,
    kaidian_register_admin_menu,
    kaidian_register_admin_screens,
    kaidian_register_models,
    kaidian_register_data_sources,
    kaidian_register_page_components,
    kaidian_register_page_templates,
    kaidian_register_routes,
    kaidian_register_timer_handlers,
    kaidian_register_checkout_inputs,
    kaidian_reserve_for_order,
)
from plugins.bargain.manifest import manifest

__all__ = [
    "manifest",
    "kaidian_collect_price_adjustments",
    "kaidian_on_demo_history",
    "kaidian_on_order_status_changed",
    "kaidian_on_payment_succeeded",
    "kaidian_register_admin_menu",
    "kaidian_register_admin_screens",
    "kaidian_register_models",
    "kaidian_register_data_sources",
    "kaidian_register_page_components",
    "kaidian_register_page_templates",
    "kaidian_register_routes",
    "kaidian_register_timer_handlers",
    "kaidian_register_checkout_inputs",
    "kaidian_reserve_for_order",
]
