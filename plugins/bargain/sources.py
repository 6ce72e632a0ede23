"""The bargain plugin's read for ``POST /api/shop/batch``: ``bargain.activities``, the activities
open now (a customer also sees whether they may start another bargain)."""

from __future__ import annotations

from typing import Any

from core import clock
from core.storefront.sources import customer_of, limit_param


async def open_activities(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    from plugins.bargain import activities
    from plugins.bargain.models import ActivityStatus
    from plugins.bargain.routes import _shop_activity_reads

    limit = limit_param(params)
    now = clock.now()
    rows = [a for a in await activities.list_activities(shop_id, ActivityStatus.ACTIVE) if activities.open_problem(a, now) is None]
    reads = await _shop_activity_reads(shop_id, customer_of(request) or 0, rows[:limit], now)
    return {"items": [read.model_dump(mode="json") for read in reads]}
