"""Serving through the batch endpoint: caps per session and per customer, page targeting,
priority, schedules, audiences; and the stats read from the analytics events."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from plugins.ads.tests.conftest import campaign_body, create_campaign, serve


async def test_session_and_customer_caps(client: Any, shop: Any) -> None:
    await create_campaign(client, shop, slot="popup", pages=["home"], caps={"device": {"session": 1}, "customer": {"lifetime": 2}})
    assert await serve(client, shop.shop_id, "device-aaaa-0001", slot="popup", session="visit-a1") is not None
    assert await serve(client, shop.shop_id, "device-aaaa-0001", slot="popup", session="visit-a1") is None
    assert await serve(client, shop.shop_id, "device-aaaa-0001", slot="popup", session="visit-a2") is not None
    # The customer's lifetime cap follows them to another device: two serves in all.
    assert await serve(client, shop.shop_id, "device-bbbb-0001", slot="popup", session="visit-b1", headers=shop.customer) is not None
    assert await serve(client, shop.shop_id, "device-bbbb-0002", slot="popup", session="visit-b2", headers=shop.customer) is not None
    assert await serve(client, shop.shop_id, "device-bbbb-0003", slot="popup", session="visit-b3", headers=shop.customer) is None
    # A full customer cap counts nothing against the device either.
    assert await serve(client, shop.shop_id, "device-bbbb-0003", slot="popup", session="visit-b3") is not None


async def test_pages_priority_schedule_and_audience(client: Any, shop: Any) -> None:
    now = datetime.now(UTC)
    low = await create_campaign(client, shop, slot="popup", pages=["cart"], caps={}, name="低")
    high = await create_campaign(client, shop, slot="popup", pages=["cart"], caps={"device": {"day": 1}}, priority=10, name="高")
    await create_campaign(client, shop, slot="popup", pages=["cart"], caps={}, priority=50, audience="returning", name="老客")
    hour = (now + timedelta(hours=8)).hour  # the shop's hour (Asia/Shanghai)
    await create_campaign(client, shop, slot="popup", pages=["cart"], caps={}, priority=60, hours=[(hour + 1) % 24, (hour + 1) % 24 + 1] if hour < 23 else [0, 1], name="别的时段")
    await create_campaign(client, shop, slot="popup", pages=["cart"], caps={}, priority=70, starts_at=(now + timedelta(days=1)).isoformat(), ends_at=(now + timedelta(days=2)).isoformat(), name="未开始")

    assert await serve(client, shop.shop_id, "device-cccc-0001", slot="popup", page="home") is None  # not targeted there
    first = await serve(client, shop.shop_id, "device-cccc-0001", slot="popup", page="cart")
    assert first["campaign_id"] == high["id"]  # a guest is new: the returning customers' popup is skipped
    assert (await serve(client, shop.shop_id, "device-cccc-0001", slot="popup", page="cart"))["campaign_id"] == low["id"]  # high is capped


async def test_bad_serve_params_fail_only_that_read(client: Any, shop: Any) -> None:
    body = {"shop_id": shop.shop_id, "requests": [{"id": "ad", "source": "ads.serve", "params": {"slot": "nope", "session": "visit-0001"}}]}
    answer = (await client.post("/api/shop/batch", json=body, headers={"X-Device-Token": "device-dddd-0001"})).json()["results"]["ad"]
    assert answer["ok"] is False and answer["error"]["field"] == "params.slot"
    body["requests"][0]["params"] = {"slot": "splash"}
    answer = (await client.post("/api/shop/batch", json=body, headers={"X-Device-Token": "device-dddd-0001"})).json()["results"]["ad"]
    assert answer["error"]["field"] == "params.session"


def _event(kind: str, ad: dict[str, Any], creative: int = 0) -> dict[str, Any]:
    return {
        "id": uuid.uuid4().hex, "type": kind, "session_id": "visit-0001", "route": "pages/home/index", "from_route": None,
        "block_id": None, "experiments": {}, "client_time": datetime.now(UTC).isoformat(),
        "props": {"serve_id": ad["serve_id"], "campaign_id": ad["campaign_id"], "creative_id": ad["creatives"][creative]["id"], "slot": ad["slot"]},
    }


async def test_stats_count_each_serve_once(client: Any, shop: Any) -> None:
    campaign = await create_campaign(client, shop, caps={})
    ads = [await serve(client, shop.shop_id, f"device-eeee-000{n}") for n in range(3)]
    events = [_event("ads.impression", ad) for ad in ads] + [_event("ads.impression", ads[0]), _event("ads.click", ads[0]), _event("ads.click", ads[0])]
    sent = await client.post(f"/api/shop/{shop.shop_id}/events", json={"events": events}, headers={"X-Device-Token": "device-eeee-0000"})
    assert sent.status_code in (200, 201, 202), sent.text
    stats = (await client.get(f"/api/admin/ads/campaigns/{campaign['id']}/stats", headers=shop.owner)).json()
    assert len(stats) == 1
    assert {key: stats[0][key] for key in ("creative_id", "served", "impressions", "clicks", "ctr")} == {
        "creative_id": campaign["creatives"][0]["id"], "served": 3, "impressions": 3, "clicks": 1, "ctr": round(1 / 3, 4),
    }
