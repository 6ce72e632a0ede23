"""Bargains through the trade loop: bought at the floor price through checkout's bargain_id,
held by the unpaid order, freed by its cancel, bought once; expiry by the durable timer, and
buying an expired bargain at the price reached when the activity allows it."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from core.trade.models import Order
from core.trade.timers import run_due_timers
from plugins.bargain.models import Bargain, BargainStatus
from plugins.bargain.tests.conftest import cut, loosen, new_helper, start_bargain


async def _checkout(client, shop, sku_id: int, bargain_id: int | None, quantity: int = 1):
    body: dict = {"lines": [{"sku_id": sku_id, "quantity": quantity}]}
    if bargain_id is not None:
        body["plugins"] = {"bargain": {"bargain_id": bargain_id}}
    return await client.post("/api/shop/orders", json=body, headers={**shop.customer, "Idempotency-Key": uuid.uuid4().hex})


async def _finished(client, shop, make_activity, **overrides) -> tuple[dict, dict]:
    await loosen(client, shop)
    activity = await make_activity(shop, helpers_needed=2, **overrides)
    bargain = await start_bargain(client, shop, activity["id"])
    for _ in range(2):
        assert (await cut(client, bargain["id"], await new_helper(client, shop))).status_code == 201
    return activity, bargain


async def test_bought_once_at_the_floor_price(client, shop, make_activity):
    activity, bargain = await _finished(client, shop, make_activity)
    early = await _checkout(client, shop, activity["sku_id"], None)
    assert early.json()["total_fen"] == 10000  # without bargain_id: a normal order

    order = await _checkout(client, shop, activity["sku_id"], bargain["id"], quantity=2)
    assert order.status_code == 201, order.text
    assert order.json()["total_fen"] == 1000 + 10000  # one unit at the bargain price
    stored = await Bargain.get(id=bargain["id"])
    assert stored.status == BargainStatus.ORDERED and stored.order_id == order.json()["id"]
    adjustments = (await Order.get(id=order.json()["id"])).adjustments
    assert [(a["source"], a["key"], a["amount_fen"]) for a in adjustments] == [("bargain", f"bargain:{bargain['id']}", -9000)]

    # held by the unpaid order: another checkout with it is refused, naming why
    second = await _checkout(client, shop, activity["sku_id"], bargain["id"])
    assert second.status_code == 409 and second.json()["field"] == "plugins.bargain.bargain_id"
    assert second.json()["message"] == "该砍价已下单，请先支付或取消原订单"
    detail = (await client.get(f"/api/shop/bargain/bargains/{bargain['id']}", headers=shop.customer)).json()
    assert detail["status"] == "ordered" and detail["buy_price_fen"] is None

    # cancelling frees it, paying for the next order buys it for good
    cancelled = await client.post(f"/api/shop/orders/{order.json()['id']}/cancel", json={}, headers=shop.customer)
    assert cancelled.status_code == 201, cancelled.text
    assert (await Bargain.get(id=bargain["id"])).status == BargainStatus.SUCCEEDED
    again = await _checkout(client, shop, activity["sku_id"], bargain["id"])
    assert again.json()["total_fen"] == 1000
    paid = await client.post(f"/api/shop/orders/{again.json()['id']}/sandbox-pay", headers=shop.customer)
    assert paid.status_code in (200, 201) and paid.json()["status"] == "paid", paid.text
    stored = await Bargain.get(id=bargain["id"])
    assert stored.status == BargainStatus.PURCHASED and stored.order_id == again.json()["id"] and stored.purchased_at
    bought = await _checkout(client, shop, activity["sku_id"], bargain["id"])
    assert bought.status_code == 409 and bought.json()["message"] == "该砍价已购买"


async def test_racing_checkouts_buy_a_bargain_once(client, shop, make_activity):
    activity, bargain = await _finished(client, shop, make_activity)
    responses = await asyncio.gather(*(_checkout(client, shop, activity["sku_id"], bargain["id"]) for _ in range(8)))
    assert all(r.status_code in (201, 409) for r in responses), [r.text for r in responses]
    discounted = [r for r in responses if r.status_code == 201 and r.json()["total_fen"] == 1000]
    assert len(discounted) == 1
    assert {r.json()["message"] for r in responses if r.status_code == 409} <= {"该砍价已下单或已购买", "该砍价已下单，请先支付或取消原订单"}
    assert (await Bargain.get(id=bargain["id"])).order_id == discounted[0].json()["id"]


async def test_someone_elses_bargain_or_another_item_is_refused(client, shop, make_activity):
    from tests.trade.helpers import make_sku

    activity, bargain = await _finished(client, shop, make_activity)
    friend = await new_helper(client, shop)
    theirs = await client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": activity["sku_id"], "quantity": 1}], "plugins": {"bargain": {"bargain_id": bargain["id"]}}},
        headers={**friend, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert theirs.status_code == 409 and theirs.json()["message"] == "砍价不存在"
    other_item = await make_sku(shop.shop_id, price_fen=5000)
    wrong = await _checkout(client, shop, other_item.id, bargain["id"])
    assert wrong.status_code == 409 and wrong.json()["message"] == "订单中没有砍价商品"
    english = await client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": other_item.id, "quantity": 1}], "bargain_id": bargain["id"]},
        headers={**shop.customer, "Idempotency-Key": uuid.uuid4().hex, "Accept-Language": "en"},
    )
    assert english.json()["message"] == "the bargain's item is not in this order"
    assert english.json()["field"] == "plugins.bargain.bargain_id"  # the old top-level bargain_id still works
    from core.catalog.models import Sku

    assert (await Sku.get(id=other_item.id)).stock == 10  # nothing of the refused orders was kept
    assert (await Bargain.get(id=bargain["id"])).status == BargainStatus.SUCCEEDED


async def test_unfinished_bargains_expire_by_timer(client, shop, make_activity):
    await loosen(client, shop)
    strict = await make_activity(shop, helpers_needed=3)
    lenient = await make_activity(shop, helpers_needed=3, buy_at_current_price=True)
    kept = await start_bargain(client, shop, strict["id"])
    cheap = await start_bargain(client, shop, lenient["id"])
    assert (await cut(client, cheap["id"], await new_helper(client, shop))).status_code == 201

    later = datetime.now(UTC) + timedelta(days=2)
    assert await run_due_timers(client.app.state.host, client.app.state.settings, now=later) >= 2
    assert (await Bargain.get(id=kept["id"])).status == BargainStatus.EXPIRED
    assert (await run_due_timers(client.app.state.host, client.app.state.settings, now=later)) == 0  # fired once

    # the timer changed the status; the deadline decides for readers and cutters alike
    await Bargain.filter(id__in=[kept["id"], cheap["id"]]).update(expires_at=datetime.now(UTC) - timedelta(minutes=1))
    late = await cut(client, kept["id"], await new_helper(client, shop))
    assert late.status_code == 409 and late.json()["message"] == "砍价已过期"
    refused = await _checkout(client, shop, strict["sku_id"], kept["id"])
    assert refused.status_code == 409 and refused.json()["message"] == "砍价已过期，未砍到底价"

    detail = (await client.get(f"/api/shop/bargain/bargains/{cheap['id']}", headers=shop.customer)).json()
    assert detail["status"] == "expired" and detail["buy_price_fen"] == detail["current_price_fen"] < 10000
    order = await _checkout(client, shop, lenient["sku_id"], cheap["id"])
    assert order.json()["total_fen"] == detail["current_price_fen"]
    # cancelled, an unfinished bargain goes back to expired (still buyable at that price)
    await client.post(f"/api/shop/orders/{order.json()['id']}/cancel", json={}, headers=shop.customer)
    assert (await Bargain.get(id=cheap["id"])).status == BargainStatus.EXPIRED
