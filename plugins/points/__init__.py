"""Points (积分): an immutable per-customer ledger; points for payments, reviews, daily sign-ins
and share rewards; redemption at checkout; expiry and reversal on refund. Registered through
the ``kaidian.plugins`` entry point like any plugin; removing this package and its entry point
removes the feature and nothing else."""

from plugins.points.hooks import (
    kaidian_collect_checkout_preview,
    kaidian_collect_price_adjustments,
    kaidian_on_customer_registered,
    kaidian_on_order_status_changed,
    kaidian_on_payment_succeeded,
    kaidian_on_refund_succeeded,
    kaidian_register_jobs,
    kaidian_register_models,
    kaidian_register_data_sources,
    kaidian_register_page_components,
    kaidian_register_page_templates,
    kaidian_register_page_slots,
    kaidian_register_routes,
    kaidian_register_timer_handlers,
    kaidian_register_checkout_inputs,
    kaidian_reserve_for_order,
)
from plugins.points.manifest import manifest

__all__ = [
    "manifest",
    "kaidian_collect_checkout_preview",
    "kaidian_collect_price_adjustments",
    "kaidian_on_customer_registered",
    "kaidian_on_order_status_changed",
    "kaidian_on_payment_succeeded",
    "kaidian_on_refund_succeeded",
    "kaidian_register_jobs",
    "kaidian_register_models",
    "kaidian_register_data_sources",
    "kaidian_register_page_components",
    "kaidian_register_page_templates",
    "kaidian_register_page_slots",
    "kaidian_register_routes",
    "kaidian_register_timer_handlers",
    "kaidian_register_checkout_inputs",
    "kaidian_reserve_for_order",
]
