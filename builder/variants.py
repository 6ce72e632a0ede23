"""Run-time variants (A/B tests) for generation: the block variants plugins offer through
``kaidian_collect_block_variants`` and the page variants (block orders) through
``kaidian_collect_page_variants``, checked, for ``render_project(..., variants=...)``.
The builder knows nothing of experiments; any plugin may offer variants this way."""

from __future__ import annotations

from typing import Any

from core.errors import ServiceUnavailable
from core.plugin_host import PluginError, PluginHost


def _named(item: Any, names: tuple[str, ...]) -> bool:
    return isinstance(item, dict) and all(isinstance(item.get(name), str) and item[name] for name in names)


def _valid_block(item: Any) -> bool:
    return (
        _named(item, ("page", "block_id", "source"))
        and isinstance(item.get("variants"), dict)
        and bool(item["variants"])
        and all(isinstance(key, str) and isinstance(props, dict) for key, props in item["variants"].items())
    )


def _valid_page(item: Any) -> bool:
    return (
        _named(item, ("page", "source"))
        and "block_id" not in item
        and isinstance(item.get("variants"), dict)
        and bool(item["variants"])
        and all(
            isinstance(key, str) and isinstance(ids, list) and all(isinstance(one, str) and one for one in ids)
            for key, ids in item["variants"].items()
        )
    )


async def _collect(host: PluginHost, hook: str, shop_id: int, valid: Any) -> list[dict[str, Any]]:
    try:
        gathered = await host.collect(hook, shop_id=shop_id)
    except PluginError as exc:
        raise ServiceUnavailable(plugin=exc.plugin) from exc
    items = []
    for plugin, item in gathered:
        if not valid(item):
            raise ServiceUnavailable(plugin=plugin)
        items.append(item)
    return items


async def collect_variants(host: PluginHost, shop_id: int) -> list[dict[str, Any]]:
    """The shop's block variants (items with a ``block_id``) and page variants (without),
    ordered by page and block; 503 when a plugin fails (an app generated without a running
    experiment's variants would quietly show only one)."""
    items = await _collect(host, "kaidian_collect_block_variants", shop_id, _valid_block)
    items += await _collect(host, "kaidian_collect_page_variants", shop_id, _valid_page)
    return sorted(items, key=lambda item: (item["page"], item.get("block_id", "")))
