"""Staff routes to switch plugins on or off per shop and edit their settings; the admin menu and
the screens plugins ship for it."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from pydantic import Field

from core.accounts.models import StaffRole
from core.auth import AuthUser, managers, staff_only
from core.i18n import negotiate_locale, pick
from core.openapi import AUTHED, problems
from core.plugin_host import PluginHost
from core.schemas import ReadModel, WriteModel
from core.shop_plugins import services

StaffRequest = Request[AuthUser, Any, Any]


class ShopPluginRead(ReadModel):
    name: str
    version: str
    title: dict[str, str]
    description: dict[str, str]
    enabled: bool
    settings: dict[str, Any]
    settings_schema: dict[str, Any]
    operator_settings: list[str] = Field(description="settings operators may change; the rest, and enabled, are owner-only")


class ShopPluginUpdate(WriteModel):
    enabled: bool | None = None
    settings: dict[str, Any] | None = Field(default=None, description="validated by the plugin's JSON Schema")


class BundledComponentRead(ReadModel):
    component: str = Field(description="the export of the module that draws it")
    plugin: str
    module: str = Field(description="URL of the plugin's ES module (its index.js)")
    styles: list[str] = Field(description="URLs of the stylesheets the module needs")


class AdminScreenRead(BundledComponentRead):
    path: str = Field(description="the admin route, e.g. /coupons")


class AdminExtensionRead(BundledComponentRead):
    point: str = Field(description="where the admin mounts it, e.g. editor.block-actions")


def _bundle_files(registries: Any, plugin: str) -> dict[str, Any]:
    bundle = registries.admin_bundles[plugin]
    return {"module": f"{bundle.url}/index.js", "styles": [f"{bundle.url}/{name}" for name in bundle.styles]}


class MenuEntry(ReadModel):
    key: str
    title: str
    path: str
    icon: str | None
    plugin: str


def _read(state: services.ShopPluginState) -> ShopPluginRead:
    manifest = state.plugin.manifest
    return ShopPluginRead(
        name=manifest.name,
        version=manifest.version,
        title=manifest.title,
        description=manifest.description,
        enabled=state.enabled,
        settings=state.settings,
        settings_schema=manifest.settings_schema,
        operator_settings=list(manifest.operator_settings),
    )


class ShopPluginController(Controller):
    path = "/api/admin"
    tags = ["admin: plugins"]
    guards = [staff_only]

    @get("/plugins", operation_id="listShopPlugins", responses=problems(*AUTHED))
    async def list_plugins(self, request: StaffRequest, host: NamedDependency[PluginHost]) -> list[ShopPluginRead]:
        """Installed plugins with their state and settings for the current shop."""
        return [_read(state) for state in await services.shop_plugin_states(host, request.user.shop_id)]

    @put("/plugins/{name:str}", operation_id="configureShopPlugin", guards=[managers], responses=problems(*AUTHED))
    async def configure(self, request: StaffRequest, name: FromPath[str], data: JSONBody[ShopPluginUpdate], host: NamedDependency[PluginHost]) -> ShopPluginRead:
        """Enable/disable a plugin for the current shop or replace its settings (422 lists each
        schema violation with its JSON path). Switching and settings are the owner's; an
        operator may change only the settings the plugin lists in ``operator_settings`` (else 403
        ``plugin_owner_only`` naming the first refused field)."""
        state = await services.configure_plugin(
            host,
            request.user.shop_id,
            name,
            enabled=data.enabled,
            settings=data.settings,
            owner=request.user.role == StaffRole.OWNER,
        )
        return _read(state)

    @get("/menu", operation_id="adminMenu", responses=problems(*AUTHED))
    async def menu(self, request: StaffRequest, host: NamedDependency[PluginHost]) -> list[MenuEntry]:
        """Navigation entries for the current staff member: role-filtered, disabled plugins hidden."""
        locale = negotiate_locale(request.headers.get("accept-language"))
        enabled = await host.enabled_for_shop(request.user.shop_id)
        entries = []
        for entry in request.app.state.registries.admin_menu:
            if entry.plugin not in enabled or (entry.roles and str(request.user.role) not in entry.roles):
                continue
            entries.append(
                MenuEntry(key=entry.key, title=pick(entry.title, locale), path=entry.path, icon=entry.icon, plugin=entry.plugin)
            )
        return entries

    @get("/screens", operation_id="adminScreens", responses=problems(*AUTHED))
    async def screens(self, request: StaffRequest, host: NamedDependency[PluginHost]) -> list[AdminScreenRead]:
        """The screens plugins enabled for the current shop ship in their packages: the admin
        adds a route per screen and imports ``module`` when it is first opened."""
        registries = request.app.state.registries
        enabled = await host.enabled_for_shop(request.user.shop_id)
        return [
            AdminScreenRead(path=screen.path, component=screen.component, plugin=screen.plugin, **_bundle_files(registries, screen.plugin))
            for screen in registries.admin_screens
            if screen.plugin in enabled
        ]

    @get("/extensions", operation_id="adminExtensions", responses=problems(*AUTHED))
    async def extensions(self, request: StaffRequest, host: NamedDependency[PluginHost]) -> list[AdminExtensionRead]:
        """The components plugins enabled for the current shop mount inside core screens
        (``kaidian_register_admin_extensions``): the editor imports ``module`` and draws
        ``component`` at ``point``."""
        registries = request.app.state.registries
        enabled = await host.enabled_for_shop(request.user.shop_id)
        return [
            AdminExtensionRead(point=extension.point, component=extension.component, plugin=extension.plugin, **_bundle_files(registries, extension.plugin))
            for extension in registries.admin_extensions
            if extension.plugin in enabled
        ]
