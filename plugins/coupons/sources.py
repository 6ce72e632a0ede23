"""The coupons plugin's read for ``POST /api/shop/batch``: ``coupons.claimable``, the coupons a
shop offers right now (guests see them too; a customer also sees what they already hold)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from core.storefront.sources import customer_of, limit_param


async def claimable(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    from plugins.coupons import services
    from plugins.coupons.routes import claimable_read

    limit = limit_param(params)
    now = datetime.now(UTC)
    templates = (await services.claim_centre(shop_id, now))[:limit]
    customer_id = customer_of(request)
    counts = await services.claimed_counts(customer_id, [t.id for t in templates]) if customer_id else {}
    return {"items": [claimable_read(t, counts.get(t.id, 0), now).model_dump(mode="json") for t in templates]}
