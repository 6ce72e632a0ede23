"""Membership tiers (会员等级): per-shop tiers reached by growth value (earned by paying,
taken back on refunds, kept in an immutable ledger) with benefits — a tier discount and free
shipping through the pricing pipeline, and a yearly birthday coupon when the coupons plugin is
enabled too. Removing this package and its entry point removes the feature and nothing else."""

from plugins.membership.hooks import (
    kaidian_collect_customer_segments,
    kaidian_collect_price_adjustments,
    kaidian_on_payment_succeeded,
    kaidian_on_refund_succeeded,
    kaidian_register_admin_menu,
    kaidian_register_admin_screens,
    kaidian_register_jobs,
    kaidian_register_models,
    kaidian_register_data_sources,
    kaidian_register_page_components,
    kaidian_register_page_templates,
    kaidian_register_routes,
)
from plugins.membership.manifest import manifest

__all__ = [
    "manifest",
    "kaidian_collect_customer_segments",
    "kaidian_collect_price_adjustments",
    "kaidian_on_payment_succeeded",
    "kaidian_on_refund_succeeded",
    "kaidian_register_admin_menu",
    "kaidian_register_admin_screens",
    "kaidian_register_jobs",
    "kaidian_register_models",
    "kaidian_register_data_sources",
    "kaidian_register_page_components",
    "kaidian_register_page_templates",
    "kaidian_register_routes",
]
