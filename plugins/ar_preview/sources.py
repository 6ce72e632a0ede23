"""The AR preview plugin's read for ``POST /api/shop/batch``: ``ar_preview.model``, a product's
3D model (``params.product_id``) or the shop's latest one, public."""

from __future__ import annotations

from typing import Any

from core.errors import InvalidInput


async def product_model(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any] | None:
    from core.catalog.media_storage import media_storage
    from plugins.ar_preview import services

    product_id = params.get("product_id")
    if product_id is not None and (not isinstance(product_id, int) or isinstance(product_id, bool) or product_id < 1):
        raise InvalidInput(field="product_id", reason={"zh-CN": "应为正整数", "en": "must be a positive integer"})
    found = await services.for_customers(media_storage(request.app), shop_id, product_id)
    return found.model_dump(mode="json") if found else None
