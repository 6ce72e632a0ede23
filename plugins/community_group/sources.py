"""The community-group plugin's read for ``POST /api/shop/batch``:
``community_group.pickup_points``, the open pickup points (public; no location, so unsorted
by distance — the picker asks for the customer's location itself). Leaders' names are masked."""

from __future__ import annotations

from typing import Any

from core.storefront.sources import limit_param


async def pickup_points(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    from plugins.community_group import services

    from plugins.community_group.leaders import contact_of

    found = await services.nearby_points(shop_id, None, None, limit_param(params, default=20, maximum=services.MAX_NEARBY))
    cipher = request.app.state.cipher
    return {
        "items": [
            {"id": item.point.id, "name": item.point.name, "address": item.point.address,
             "opening_hours": item.point.opening_hours, "leader_name": contact_of(item.leader, cipher, full=False).name,
             "distance_m": item.distance_m}
            for item in found
        ]
    }
