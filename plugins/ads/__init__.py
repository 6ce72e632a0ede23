"""Ads (广告): splash, popup, floating-button, banner and hot-zone campaigns with schedules,
targeting, server-side frequency caps and impression/click stats from the analytics events.
Registered through the ``kaidian.plugins`` entry point like any plugin; removing this package
and its entry point removes the feature and nothing else."""

from plugins.ads.hooks import (
    kaidian_register_admin_menu,
    kaidian_register_admin_screens,
    kaidian_register_data_sources,
    kaidian_register_event_types,
    kaidian_register_models,
    kaidian_register_page_components,
    kaidian_register_page_slots,
    kaidian_register_reference_kinds,
    kaidian_register_routes,
)
from plugins.ads.manifest import manifest

__all__ = [
    "manifest",
    "kaidian_register_admin_menu",
    "kaidian_register_admin_screens",
    "kaidian_register_data_sources",
    "kaidian_register_event_types",
    "kaidian_register_models",
    "kaidian_register_page_components",
    "kaidian_register_page_slots",
    "kaidian_register_reference_kinds",
    "kaidian_register_routes",
]
