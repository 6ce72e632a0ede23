"""The group-buy plugin's read for ``POST /api/shop/batch``: ``group_buy.activities``, the
activities running now (public: the same list for guests and customers)."""

from __future__ import annotations

from typing import Any

from core import clock
from core.storefront.sources import limit_param


async def running(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    from plugins.group_buy import services, views

    limit = limit_param(params)
    rows = (await services.running_activities(shop_id, clock.now()))[:limit]
    return {"items": [(await views.shop_activity_read(row)).model_dump(mode="json") for row in rows]}
