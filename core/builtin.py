"""Core's own features, registered through the ``kaidian.plugins`` entry point like any plugin."""

from __future__ import annotations

from collections.abc import Callable

from core import __version__
from core.hookspecs import hookimpl
from core.manifest import PluginManifest

manifest = PluginManifest(
    name="core",
    version=__version__,
    title={"zh-CN": "核心", "en": "Core"},
    description={"zh-CN": "店铺、账号、商品、交易", "en": "Shops, accounts, catalog, trade"},
    requires_core=f"=={__version__}",
)


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("core.shops.models", migrations="core.migrations")
    register("core.accounts.models", migrations="core.migrations")
    register("core.shop_plugins.models", migrations="core.migrations")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from core.system.controller import SystemController

    register(SystemController)
