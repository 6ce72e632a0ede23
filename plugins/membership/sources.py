"""The membership plugin's read for ``POST /api/shop/batch``: ``membership.tiers``, the shop's
tiers with thresholds and benefits (public)."""

from __future__ import annotations

from typing import Any


async def tiers(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    from plugins.membership import services
    from plugins.membership.routes import tier_read

    return {"items": [tier_read(tier).model_dump(mode="json") for tier in await services.list_tiers(shop_id)]}
