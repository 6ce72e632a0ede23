"""Experiments (A/B 实验): variants of a page block (other props) or of a page (other blocks),
deterministic per-device assignment and the statistics that read the analytics events.
Registered through the ``kaidian.plugins`` entry point like any plugin; removing this package
and its entry point removes the feature and nothing else."""

from plugins.experiments.hooks import (
    kaidian_collect_block_variants,
    kaidian_collect_page_variants,
    kaidian_register_admin_extensions,
    kaidian_register_admin_menu,
    kaidian_register_admin_screens,
    kaidian_register_data_sources,
    kaidian_register_models,
    kaidian_register_routes,
)
from plugins.experiments.manifest import manifest

__all__ = [
    "manifest",
    "kaidian_collect_block_variants",
    "kaidian_collect_page_variants",
    "kaidian_register_admin_extensions",
    "kaidian_register_admin_menu",
    "kaidian_register_admin_screens",
    "kaidian_register_data_sources",
    "kaidian_register_models",
    "kaidian_register_routes",
]
