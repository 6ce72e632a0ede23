"""A campaign's stats per creative and day, read from the analytics events.

``ads.impression`` is recorded by the ad components through the customer runtime's exposure
measurement (``watchExposure``: at least half visible for a continuous second) and
``ads.click`` on a tap; both name the serve they belong to. De-duplicated: a serve counts
one impression and one click at most, however often its events arrive (a retried batch is
already stored once by its event id), and only serves of this campaign count, so an event
naming another shop's serve is ignored. Days are the serve's day in the shop's time zone.
Reads the default store's table (``AnalyticsEvent``), like the experiments plugin.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from core.analytics.models import AnalyticsEvent
from plugins.ads.models import AdCampaign, AdServe

IMPRESSION = "ads.impression"
CLICK = "ads.click"


async def campaign_stats(campaign: AdCampaign) -> list[dict[str, Any]]:
    serves = {
        row["id"]: (row["day"], row["creative_id"])
        for row in await AdServe.filter(campaign_id=campaign.id).values("id", "day", "creative_id")
    }
    served: dict[tuple[Any, int], int] = defaultdict(int)
    for key in serves.values():
        served[key] += 1
    seen: dict[str, set[int]] = {IMPRESSION: set(), CLICK: set()}
    events = AnalyticsEvent.filter(shop_id=campaign.shop_id, type__in=[IMPRESSION, CLICK], server_time__gte=campaign.created_at)  # type: ignore[attr-defined]
    for row in await events.values("type", "props"):
        serve_id = (row["props"] or {}).get("serve_id")
        if serve_id in serves:
            seen[row["type"]].add(serve_id)
    counted: dict[str, dict[tuple[Any, int], int]] = {kind: defaultdict(int) for kind in seen}
    for kind, ids in seen.items():
        for serve_id in ids:
            counted[kind][serves[serve_id]] += 1
    rows = []
    for key in sorted(served):
        impressions, clicks = counted[IMPRESSION][key], counted[CLICK][key]
        rows.append({
            "day": key[0], "creative_id": key[1], "served": served[key], "impressions": impressions, "clicks": clicks,
            "ctr": round(clicks / impressions, 4) if impressions else None,
        })
    return rows
