"""3D/AR product preview (3D/AR 展示): a product's GLB/glTF model, poster and optional USDZ,
checked with pygltflib; shown in the mini-program with WeChat's xr-frame (a native component
in its own subpackage) and in H5 builds with Google's model-viewer. Registered through the
``kaidian.plugins`` entry point like any plugin; removing this package and its entry point
removes the feature and nothing else."""

from plugins.ar_preview.hooks import (
    kaidian_on_demo_history,
    kaidian_register_admin_menu,
    kaidian_register_page_components,
    kaidian_register_page_slots,
    kaidian_register_app_pages,
    kaidian_register_app_dependencies,
    kaidian_register_admin_screens,
    kaidian_register_data_sources,
    kaidian_register_models,
    kaidian_register_routes,
)
from plugins.ar_preview.manifest import manifest

__all__ = [
    "manifest",
    "kaidian_on_demo_history",
    "kaidian_register_admin_menu",
    "kaidian_register_page_components",
    "kaidian_register_page_slots",
    "kaidian_register_app_pages",
    "kaidian_register_app_dependencies",
    "kaidian_register_admin_screens",
    "kaidian_register_data_sources",
    "kaidian_register_models",
    "kaidian_register_routes",
]
