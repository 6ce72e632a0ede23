"""Coupons (优惠券): templates, claim centre, grants, new-customer gifts, checkout stacking and
the order lifecycle. Registered through the ``kaidian.plugins`` entry point like any plugin;
removing this package and its entry point removes the feature and nothing else."""

from plugins.coupons.hooks import (
    kaidian_collect_checkout_preview,
    kaidian_collect_price_adjustments,
    kaidian_on_demo_history,
    kaidian_on_demo_shop_created,
    kaidian_on_order_status_changed,
    kaidian_on_payment_succeeded,
    kaidian_on_refund_succeeded,
    kaidian_register_admin_menu,
    kaidian_register_admin_screens,
    kaidian_register_app_pages,
    kaidian_register_models,
    kaidian_register_data_sources,
    kaidian_register_page_components,
    kaidian_register_page_templates,
    kaidian_register_page_slots,
    kaidian_register_reference_kinds,
    kaidian_register_routes,
    kaidian_register_checkout_inputs,
    kaidian_reserve_for_order,
)
from plugins.coupons.manifest import manifest

__all__ = [
    "manifest",
    "kaidian_collect_checkout_preview",
    "kaidian_collect_price_adjustments",
    "kaidian_on_demo_history",
    "kaidian_on_demo_shop_created",
    "kaidian_on_order_status_changed",
    "kaidian_on_payment_succeeded",
    "kaidian_on_refund_succeeded",
    "kaidian_register_admin_menu",
    "kaidian_register_admin_screens",
    "kaidian_register_app_pages",
    "kaidian_register_models",
    "kaidian_register_data_sources",
    "kaidian_register_page_components",
    "kaidian_register_page_templates",
    "kaidian_register_page_slots",
    "kaidian_register_reference_kinds",
    "kaidian_register_routes",
    "kaidian_register_checkout_inputs",
    "kaidian_reserve_for_order",
]
