"""The points plugin's read for ``POST /api/shop/batch``: ``points.mall``, on-sale products with
how many points may pay part of each (public)."""

from __future__ import annotations

from typing import Any

from core.errors import InvalidInput
from core.storefront.sources import limit_param


async def mall(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    from plugins.points import services
    from plugins.points.schemas import MallItemRead

    tag = params.get("tag") or None
    if tag is not None and (not isinstance(tag, str) or len(tag) > 20):
        raise InvalidInput(field="params.tag", reason={"zh-CN": "标签最多 20 个字", "en": "At most 20 characters"})
    items = await services.mall(shop_id, limit_param(params, maximum=50), tag)
    return {"items": [MallItemRead(**item.__dict__).model_dump(mode="json") for item in items]}
