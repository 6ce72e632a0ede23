"""POST /api/shop/{shop_id}/events: per-event validation, de-duplication, customer attribution,
clock-skew replacement, limits, and the server-written order events."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from core.analytics.models import AnalyticsEvent
from core.testing import customer_login

DEVICE = "device-" + "a" * 20


def event(**overrides: Any) -> dict[str, Any]:
    body = {
        "id": uuid.uuid4().hex,
        "type": "page_view",
        "session_id": "session-0001",
        "route": "pages/index/index",
        "from_route": None,
        "block_id": None,
        "experiments": {},
        "client_time": datetime.now(UTC).isoformat(),
        "props": {},
    }
    body.update(overrides)
    return body


async def send(client: Any, shop_id: int, events: list[dict[str, Any]], headers: dict[str, str] | None = None, device: str = DEVICE) -> Any:
    return await client.post(f"/api/shop/{shop_id}/events", json={"events": events}, headers={"X-Device-Token": device, **(headers or {})})


async def test_valid_events_are_kept_while_invalid_ones_are_refused_with_reasons(kaidian_client, shop):
    good = [event(), event(type="search", props={"keyword": "连衣裙"}), event(type="block_click", block_id="banner1", props={"component": "banner"})]
    bad = [
        event(type="order_paid", props={"order_id": 1, "amount_fen": 100}),
        event(type="no_such_type"),
        event(type="search", props={"keyword": "13800138000"}),
        event(type="add_to_cart", props={"product_id": 1, "sku_id": 2, "quantity": 1, "name": "张三"}),
        event(type="block_exposure", props={"component": "banner"}),
        event(client_time="yesterday"),
        event(route="pages/index/index?from=share"),
        "not an object",
    ]
    response = await send(kaidian_client, shop.shop_id, good + bad)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["accepted"] == 3 and body["duplicates"] == 0
    refused = {item["index"]: item for item in body["rejected"]}
    assert sorted(refused) == list(range(3, 11))
    assert refused[3]["field"] == "type" and "server" in refused[3]["reason"]
    assert refused[4]["field"] == "type" and "unknown" in refused[4]["reason"]
    assert refused[5]["field"] == "props.keyword" and "phone" in refused[5]["reason"]
    assert refused[6]["field"] == "props.name" and refused[6]["reason"] == "unknown field"
    assert refused[7]["field"] == "block_id"
    assert refused[8]["field"] == "client_time"
    assert refused[9]["field"] == "route"
    assert refused[5]["id"] == bad[2]["id"] and refused[10]["id"] is None
    assert await AnalyticsEvent.filter(shop_id=shop.shop_id).count() == 3


async def test_a_retried_batch_is_stored_once_and_counted_as_duplicates(kaidian_client, shop):
    batch = [event(), event()]
    first = (await send(kaidian_client, shop.shop_id, batch + [batch[0]])).json()
    assert (first["accepted"], first["duplicates"]) == (2, 1)
    again = (await send(kaidian_client, shop.shop_id, batch)).json()
    assert (again["accepted"], again["duplicates"]) == (0, 2)
    assert await AnalyticsEvent.filter(shop_id=shop.shop_id).count() == 2


async def test_customer_from_a_valid_token_and_server_time_for_a_wrong_clock(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    skewed = event(client_time=(datetime.now(UTC) - timedelta(days=3)).isoformat())
    close = event(client_time=(datetime.now(UTC) - timedelta(hours=2)).isoformat())
    assert (await send(kaidian_client, shop_a.shop_id, [skewed, close], headers=shop_a.customer)).json()["accepted"] == 2
    rows = {row.event_id: row for row in await AnalyticsEvent.filter(shop_id=shop_a.shop_id)}
    assert {row.customer_id for row in rows.values()} == {shop_a.customer_id}
    assert rows[skewed["id"]].actor == f"c{shop_a.customer_id}"
    assert abs(rows[skewed["id"]].ts_ms / 1000 - datetime.now(UTC).timestamp()) < 60  # replaced by server time
    assert abs(rows[close["id"]].ts_ms / 1000 - (datetime.now(UTC) - timedelta(hours=2)).timestamp()) < 60
    # Another shop's token, or a broken one, is ignored (never a 401 here).
    for headers in (shop_b.customer, {"Authorization": "Bearer nonsense"}):
        response = await send(kaidian_client, shop_a.shop_id, [event()], headers=headers)
        assert response.status_code == 200
    anonymous = await AnalyticsEvent.filter(shop_id=shop_a.shop_id, customer_id=None).values_list("actor", flat=True)
    assert anonymous == [f"d{DEVICE}", f"d{DEVICE}"]


async def test_whole_body_problems_are_4xx(kaidian_client, shop):
    url = f"/api/shop/{shop.shop_id}/events"
    too_many = await kaidian_client.post(url, json={"events": [event() for _ in range(51)]}, headers={"X-Device-Token": DEVICE})
    assert too_many.status_code == 422 and too_many.json()["field"] == "events"
    assert (await kaidian_client.post(url, content=b"{nope", headers={"X-Device-Token": DEVICE, "Content-Type": "application/json"})).status_code == 400
    big = [event(props={"keyword": "x" * 2000}) for _ in range(40)]
    assert (await kaidian_client.post(url, json={"events": big}, headers={"X-Device-Token": DEVICE})).status_code == 413
    bad_device = await kaidian_client.post(url, json={"events": []}, headers={"X-Device-Token": "short"})
    assert bad_device.status_code in (400, 422) and "X-Device-Token" in bad_device.text
    assert (await send(kaidian_client, 2**31 - 2, [event()])).status_code == 404


async def test_rate_limited_per_device_with_retry_after(kaidian_client_for, kaidian_settings, shop):
    settings = kaidian_settings.model_copy(update={"analytics_batches_per_minute_per_device": 3})
    async with kaidian_client_for(settings=settings) as client:
        for _ in range(3):
            assert (await send(client, shop.shop_id, [event()])).status_code == 200
        limited = await send(client, shop.shop_id, [event()])
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
        assert (await send(client, shop.shop_id, [event()], device="another-device-token-1234")).status_code == 200
