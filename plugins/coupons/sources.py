"""The coupons plugin's read for ``POST /api/shop/batch``: ``coupons.claimable``, the coupons a
shop offers right now (guests see them too; a customer also sees what they already hold)."""

from __future__ import annotations

from typing import Any

from core.storefront.sources import customer_of, limit_param


async def claimable(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    from plugins.coupons.routes import claimable_reads

    limit = limit_param(params)
    offers = (await claimable_reads(shop_id, customer_of(request)))[:limit]
    return {"items": [offer.model_dump(mode="json") for offer in offers]}
