"""Community group buying (社区团购): leaders (团长) with pickup points, the ``pickup`` shipping
method with its fee rule, delivery batches with per-leader picking lists, pickup codes verified
by the leader, and leader commission settled per period. Registered through the
``kaidian.plugins`` entry point like any plugin; removing this package and its entry point
removes the feature and nothing else."""

from plugins.community_group.hooks import (
    kaidian_collect_checkout_preview,
    kaidian_on_order_status_changed,
    kaidian_on_refund_succeeded,
    kaidian_register_admin_menu,
    kaidian_register_admin_screens,
    kaidian_register_blind_indexes,
    kaidian_register_models,
    kaidian_register_data_sources,
    kaidian_register_page_components,
    kaidian_register_page_slots,
    kaidian_register_routes,
    kaidian_register_checkout_inputs,
    kaidian_reserve_for_order,
    kaidian_resolve_shipping_fee,
)
from plugins.community_group.manifest import manifest

__all__ = [
    "manifest",
    "kaidian_collect_checkout_preview",
    "kaidian_on_order_status_changed",
    "kaidian_on_refund_succeeded",
    "kaidian_register_admin_menu",
    "kaidian_register_admin_screens",
    "kaidian_register_blind_indexes",
    "kaidian_register_models",
    "kaidian_register_data_sources",
    "kaidian_register_page_components",
    "kaidian_register_page_slots",
    "kaidian_register_routes",
    "kaidian_register_checkout_inputs",
    "kaidian_reserve_for_order",
    "kaidian_resolve_shipping_fee",
]
