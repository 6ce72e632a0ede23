"""Serving: which campaign a device sees in a slot right now, decided on the server with its
frequency caps. Each cap is a counter row bumped by ``UPDATE … WHERE served < cap`` inside
one transaction, so a hundred racing requests of one device pass a 1-per-day cap exactly once
(SQLite, MariaDB and PostgreSQL alike): the database, not the application, decides."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from plugins.ads.models import AdAudience, AdCampaign, AdCapCounter, AdCreative, AdServe, AdSlot, AdStatus

PAGE_SLOTS = (AdSlot.POPUP, AdSlot.FLOATING)


# The customer's tier and tag segments, asked only when a candidate campaign targets any.
SegmentsOf = Callable[[int, int], Awaitable[list[dict[str, Any]]]]


@dataclass(frozen=True)
class Viewer:
    device: str
    customer_id: int | None
    session: str
    route: str


def in_segments(campaign: AdCampaign, segments: set[tuple[str, str]]) -> bool:
    """In one of the campaign's tiers (if it names any) and carrying one of its tags (likewise)."""
    if campaign.tiers and not any(("tier", key) in segments for key in campaign.tiers):
        return False
    if campaign.tags and not any(("tag", key) in segments for key in campaign.tags):
        return False
    return True


class _Capped(Exception):
    pass


def in_schedule(campaign: AdCampaign, local: datetime) -> bool:
    if campaign.days_of_week and local.isoweekday() not in campaign.days_of_week:
        return False
    if campaign.hours and not campaign.hours[0] <= local.hour < campaign.hours[1]:
        return False
    return True


def cap_keys(campaign: AdCampaign, viewer: Viewer, local: datetime) -> list[tuple[str, str, int]]:
    """``(subject, period, cap)`` of every cap that applies to this viewer, in a fixed order
    (the same lock order for every request, so two transactions never wait on each other)."""
    subjects = {"device": f"device:{viewer.device}"}
    if viewer.customer_id is not None:
        subjects["customer"] = f"customer:{viewer.customer_id}"
    periods = {"day": f"day:{local.date().isoformat()}", "session": f"session:{viewer.session}", "lifetime": "lifetime"}
    keys = []
    for who, subject in subjects.items():
        for period, cap in (campaign.caps.get(who) or {}).items():
            if period in periods and int(cap) > 0:
                keys.append((subject, periods[period], int(cap)))
    return sorted(keys)


async def take(campaign: AdCampaign, keys: list[tuple[str, str, int]]) -> bool:
    """Count one serve against every cap, or against none if any is full."""
    if not keys:
        return True
    await AdCapCounter.bulk_create(
        [AdCapCounter(campaign_id=campaign.id, subject=subject, period=period) for subject, period, _ in keys], ignore_conflicts=True
    )
    try:
        async with in_transaction():
            for subject, period, cap in keys:
                bumped = await AdCapCounter.filter(campaign_id=campaign.id, subject=subject, period=period, served__lt=cap).update(
                    served=F("served") + 1
                )
                if not bumped:
                    raise _Capped  # rolls back the caps already counted
    except _Capped:
        return False
    return True


async def _is_new_customer(shop_id: int, customer_id: int | None) -> bool:
    from core.trade.models import Order

    return customer_id is None or not await Order.exists(shop_id=shop_id, customer_id=customer_id)


async def candidates(
    shop_id: int, slot: AdSlot, viewer: Viewer, now: datetime, local: datetime, campaign_id: int | None, segments_of: SegmentsOf | None
) -> list[AdCampaign]:
    query = AdCampaign.filter(shop_id=shop_id, slot=slot, status=AdStatus.ACTIVE, starts_at__lte=now, ends_at__gt=now)
    if campaign_id is not None:
        query = query.filter(id=campaign_id)
    found = [c for c in await query.order_by("-priority", "-id") if in_schedule(c, local)]
    if slot in PAGE_SLOTS:
        found = [c for c in found if not c.pages or viewer.route in c.pages]
    if any(c.audience != AdAudience.ALL for c in found):
        new = await _is_new_customer(shop_id, viewer.customer_id)
        found = [c for c in found if c.audience == AdAudience.ALL or (c.audience == AdAudience.NEW) == new]
    if any(c.tiers or c.tags for c in found):
        # Guests are in no segment; without a source of segments nobody is.
        segments: set[tuple[str, str]] = set()
        if viewer.customer_id is not None and segments_of is not None:
            segments = {(item["kind"], item["key"]) for item in await segments_of(shop_id, viewer.customer_id)}
        found = [c for c in found if in_segments(c, segments)]
    return found


async def serve(
    shop_id: int, slot: AdSlot, viewer: Viewer, now: datetime, timezone: str, campaign_id: int | None = None, *,
    count: bool = True, segments_of: SegmentsOf | None = None,
) -> dict[str, Any] | None:
    """The first campaign (by priority) aimed at this viewer whose caps still allow a serve,
    with one of its creatives picked by weight; None when nothing may be shown. ``count=False``
    (the editor's preview) shows what would be served without counting it against any cap."""
    local = now.astimezone(ZoneInfo(timezone))
    for campaign in await candidates(shop_id, slot, viewer, now, local, campaign_id, segments_of):
        creatives = await AdCreative.filter(campaign_id=campaign.id).order_by("position")
        if not creatives or (count and not await take(campaign, cap_keys(campaign, viewer, local))):
            continue
        # Banners rotate through all their creatives; other slots show one, picked by weight.
        shown = creatives if slot == AdSlot.BANNER else random.choices(creatives, weights=[c.weight for c in creatives])
        record = None
        if count:
            record = await AdServe.create(
                shop_id=shop_id, campaign_id=campaign.id, creative_id=shown[0].id, device_id=viewer.device,
                customer_id=viewer.customer_id, served_at=now, day=local.date(),
            )
        return {
            "serve_id": record.id if record else None,
            "campaign_id": campaign.id,
            "slot": slot.value,
            "countdown_seconds": campaign.countdown_seconds,
            "creatives": [
                {
                    "id": c.id, "kind": c.kind, "media_url": c.media_url, "width": c.width, "height": c.height,
                    "link": c.link, "hot_zones": c.hot_zones,
                }
                for c in shown
            ],
        }
    return None
