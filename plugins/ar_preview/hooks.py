"""The AR preview plugin's hook implementations (re-exported by the package for pluggy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.hookspecs import hookimpl

PACKAGE = Path(__file__).resolve().parent
# Built from admin/src by `npm run build:plugins` in the repository's admin/ (committed).
ADMIN_BUNDLE = PACKAGE / "admin" / "dist"


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("plugins.ar_preview.models")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from plugins.ar_preview.routes import ArPreviewAdminController, ArPreviewPublicController

    register(ArPreviewAdminController)
    register(ArPreviewPublicController)


@hookimpl
def kaidian_register_data_sources(register: Callable[..., None]) -> None:
    from plugins.ar_preview.sources import product_model

    register("ar_preview.model", product_model)


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    register("ar_preview", {"zh-CN": "3D/AR 展示", "en": "3D / AR"}, "/ar-preview", icon="box", roles=("owner", "operator"), order=60)


@hookimpl
def kaidian_register_admin_screens(register: Callable[..., None]) -> None:
    register("/ar-preview", "ArModels", ADMIN_BUNDLE)


@hookimpl
def kaidian_on_demo_history(history: Any) -> None:
    """The demo shop's first product gets the sample cube as its 3D model."""
    from plugins.ar_preview import demo

    demo.plan(history)


@hookimpl
def kaidian_register_page_components(register: Callable[..., None]) -> None:
    from plugins.ar_preview.components import ar_block

    register(ar_block())


@hookimpl
def kaidian_register_page_slots(register: Callable[..., None]) -> None:
    from plugins.ar_preview.components import ar_entry

    register(ar_entry())


@hookimpl
def kaidian_register_app_pages(register: Callable[..., None]) -> None:
    from plugins.ar_preview.components import viewer_page

    register(viewer_page())


@hookimpl
def kaidian_register_app_dependencies(register: Callable[..., None]) -> None:
    from plugins.ar_preview.components import viewer_dependencies

    register(viewer_dependencies())
