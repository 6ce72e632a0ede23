"""Per-shop plugin switches and settings, validated against each plugin's JSON Schema."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jsonschema

from core.errors import InvalidInput, NotFound, PermissionDenied
from core.plugin_host import SYSTEM_PLUGINS, LoadedPlugin, PluginHost
from core.schema_messages import field_label, translate
from core.shop_plugins.models import ShopPlugin


@dataclass(frozen=True)
class ShopPluginState:
    plugin: LoadedPlugin
    enabled: bool
    settings: dict[str, Any]


def _loaded(host: PluginHost, name: str) -> LoadedPlugin:
    plugin = host.plugins.get(name)
    if plugin is None or name in SYSTEM_PLUGINS:
        raise NotFound(field="name")
    return plugin


def settings_errors(schema: dict[str, Any], settings: dict[str, Any]) -> list[dict[str, Any]]:
    """Every violation with the JSON path of the offending value (``$.a.b[0]``) and a message
    in both languages that names the setting by its title."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = []
    for error in sorted(validator.iter_errors(settings), key=lambda e: list(e.absolute_path)):
        message = translate(error, schema)
        key = error.path[-1] if error.path else None
        if isinstance(key, str) and error.validator != "required":  # "起送金额：不能小于 0"
            zh, en = field_label(_property(schema, list(error.path)), key)
            message = {"zh-CN": f"{zh}：{message['zh-CN']}", "en": f"{en}: {message['en']}"}
        errors.append({"field": error.json_path, "message": message})
    return errors


def _property(schema: dict[str, Any], path: list[Any]) -> dict[str, Any] | None:
    node: Any = schema
    for part in path:
        node = node.get("properties", {}).get(part) if isinstance(part, str) else node.get("items")
        if not isinstance(node, dict):
            return None
    return node


async def shop_plugin_states(host: PluginHost, shop_id: int) -> list[ShopPluginState]:
    rows = {row.plugin: row for row in await ShopPlugin.filter(shop_id=shop_id)}
    states = []
    for name, plugin in sorted(host.plugins.items()):
        if name in SYSTEM_PLUGINS:
            continue
        row = rows.get(name)
        enabled = row.enabled if row else plugin.manifest.enabled_by_default
        settings = {**plugin.manifest.settings_defaults(), **(row.settings if row else {})}
        states.append(ShopPluginState(plugin, enabled, settings))
    return states


async def plugin_settings(host: PluginHost, shop_id: int, name: str) -> dict[str, Any]:
    """A plugin's effective settings for one shop: schema defaults overlaid by the shop's."""
    plugin = _loaded(host, name)
    row = await ShopPlugin.get_or_none(shop_id=shop_id, plugin=name)
    return {**plugin.manifest.settings_defaults(), **(row.settings if row else {})}


def _check_operator_change(
    plugin: LoadedPlugin, row: ShopPlugin | None, enabled: bool | None, settings: dict[str, Any] | None
) -> None:
    manifest = plugin.manifest
    current_enabled = row.enabled if row else manifest.enabled_by_default
    if enabled is not None and enabled != current_enabled:
        raise PermissionDenied(
            "plugin_owner_only", field="enabled", action_zh="启用或停用插件", action_en="switch plugins on or off"
        )
    if settings is None:
        return
    defaults = manifest.settings_defaults()
    before = {**defaults, **(row.settings if row else {})}
    after = {**defaults, **settings}
    changed = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
    refused = [key for key in changed if key not in manifest.operator_settings]
    if refused:
        raise PermissionDenied(
            "plugin_owner_only",
            field=f"settings.{refused[0]}",
            action_zh=f"修改设置 {', '.join(refused)}",
            action_en=f"change the settings {', '.join(refused)}",
        )


async def configure_plugin(
    host: PluginHost,
    shop_id: int,
    name: str,
    *,
    enabled: bool | None = None,
    settings: dict[str, Any] | None = None,
    owner: bool = True,
) -> ShopPluginState:
    """Switch a plugin on/off for a shop or replace its settings.

    ``owner=False`` (an operator): switching is refused, and so is changing any setting the
    plugin's manifest does not list in ``operator_settings`` — a plugin such as WeChat Pay
    decides the shop's money, and an operator must not switch it off (403 ``plugin_owner_only``).
    """
    plugin = _loaded(host, name)
    row = await ShopPlugin.get_or_none(shop_id=shop_id, plugin=name)
    if not owner:
        _check_operator_change(plugin, row, enabled, settings)
    if settings is not None:
        errors = settings_errors(plugin.manifest.settings_schema, settings)
        if errors:
            raise InvalidInput(
                "plugin_settings_invalid",
                field=f"settings{errors[0]['field'][1:]}",
                errors=errors,
                reason=errors[0]["message"],
            )
    if row is None:
        row = await ShopPlugin.create(
            shop_id=shop_id,
            plugin=name,
            enabled=plugin.manifest.enabled_by_default if enabled is None else enabled,
            settings=settings or {},
        )
    else:
        if enabled is not None:
            row.enabled = enabled
        if settings is not None:
            row.settings = settings
        await row.save()
    host.forget_shop_state(shop_id)
    return ShopPluginState(plugin, row.enabled, {**plugin.manifest.settings_defaults(), **row.settings})
