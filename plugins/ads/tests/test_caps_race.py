"""A hundred serve requests racing for a splash capped at one per device per day: each device
gets it exactly once. Run on SQLite, MariaDB and PostgreSQL (KAIDIAN_DATABASE_URL)."""

from __future__ import annotations

import asyncio
from typing import Any

from plugins.ads.models import AdCapCounter, AdServe
from plugins.ads.tests.conftest import create_campaign, serve

REQUESTS = 100
DEVICES = [f"device-race-{number:02d}" for number in range(4)]


async def test_hundred_racing_serves_pass_a_daily_cap_once_per_device(client: Any, shop: Any) -> None:
    campaign = await create_campaign(client, shop, caps={"device": {"day": 1}})
    answers = await asyncio.gather(*(serve(client, shop.shop_id, DEVICES[number % len(DEVICES)]) for number in range(REQUESTS)))

    served = [answer for answer in answers if answer is not None]
    assert len(served) == len(DEVICES), f"{len(served)} serves for {len(DEVICES)} devices"
    assert {answer["campaign_id"] for answer in served} == {campaign["id"]}
    assert sorted(await AdServe.filter(campaign_id=campaign["id"]).values_list("device_id", flat=True)) == DEVICES
    counters = await AdCapCounter.filter(campaign_id=campaign["id"]).values_list("subject", "served")
    assert sorted(counters) == [(f"device:{device}", 1) for device in DEVICES]
    # The next day's cap is a new period; today's stays spent.
    assert await serve(client, shop.shop_id, DEVICES[0]) is None
