"""Run-time block variants (A/B tests) for generation: what plugins offer through
``kaidian_collect_block_variants``, checked, for ``render_project(..., variants=...)``.
The builder knows nothing of experiments; any plugin may offer variants this way."""

from __future__ import annotations

from typing import Any

from core.errors import ServiceUnavailable
from core.plugin_host import PluginError, PluginHost


def _valid(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and all(isinstance(item.get(name), str) and item[name] for name in ("page", "block_id", "source"))
        and isinstance(item.get("variants"), dict)
        and bool(item["variants"])
        and all(isinstance(key, str) and isinstance(props, dict) for key, props in item["variants"].items())
    )


async def collect_variants(host: PluginHost, shop_id: int) -> list[dict[str, Any]]:
    """The shop's block variants, ordered by page and block; 503 when a plugin fails (an app
    generated without a running experiment's variants would quietly show only one)."""
    try:
        gathered = await host.collect("kaidian_collect_block_variants", shop_id=shop_id)
    except PluginError as exc:
        raise ServiceUnavailable(plugin=exc.plugin) from exc
    items = []
    for plugin, item in gathered:
        if not _valid(item):
            raise ServiceUnavailable(plugin=plugin)
        items.append(item)
    return sorted(items, key=lambda item: (item["page"], item["block_id"]))
