"""A checkout whose request died between claiming its Idempotency-Key and answering (its
process killed, its instance lost behind the load balancer) does not leave the key answering
409 for ever: after ``STALE_AFTER`` a retry is answered with the order the dead request placed,
or, when it placed none, takes the claim over and places it — one order per key however many
retries race."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from core import clock
from core.trade.idempotency import STALE_AFTER
from core.trade.models import IdempotencyKey, Order
from tests.trade.helpers import checkout, delivery_address, make_sku, stock_of


async def _stuck(key: str, *, seconds_ago: float) -> None:
    """Leave ``key`` as a request that died before its answer was stored."""
    moment = clock.now() - timedelta(seconds=seconds_ago)
    assert await IdempotencyKey.filter(key=key).update(status_code=None, response=None, created_at=moment) == 1


async def test_a_retry_after_a_dead_request_gets_the_order_it_placed(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, stock=10)
    first = await checkout(kaidian_client, shop.customer, [(sku.id, 1)], key="died-after-commit")
    assert first.status_code == 201
    await _stuck("died-after-commit", seconds_ago=5)
    soon = await checkout(kaidian_client, shop.customer, [(sku.id, 1)], key="died-after-commit")
    assert soon.status_code == 409 and soon.json()["field"] == "Idempotency-Key"  # it may still be running
    await _stuck("died-after-commit", seconds_ago=STALE_AFTER.total_seconds() + 1)
    later = await checkout(kaidian_client, shop.customer, [(sku.id, 1)], key="died-after-commit")
    assert later.status_code == 201, later.text
    assert later.json()["id"] == first.json()["id"] and later.json()["order_no"] == first.json()["order_no"]
    assert await Order.filter(shop_id=shop.shop_id).count() == 1 and await stock_of(sku.id) == 9
    replay = await checkout(kaidian_client, shop.customer, [(sku.id, 1)], key="died-after-commit")
    assert replay.status_code == 201 and replay.json()["id"] == first.json()["id"]


async def test_retries_after_a_request_that_died_before_its_order_place_one(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, stock=10)
    await delivery_address(kaidian_client, shop.customer)  # every request then sends the same body
    model = await checkout(kaidian_client, shop.customer, [(sku.id, 1)], key="model")
    assert model.status_code == 201
    request_hash = (await IdempotencyKey.get(key="model")).request_hash
    # The same body under another key, claimed by a request that died before committing.
    stale = await IdempotencyKey.create(shop_id=shop.shop_id, customer_id=model.json()["customer_id"], key="died-before-commit", request_hash=request_hash)
    await _stuck("died-before-commit", seconds_ago=STALE_AFTER.total_seconds() + 1)
    responses = await asyncio.gather(*[checkout(kaidian_client, shop.customer, [(sku.id, 1)], key="died-before-commit") for _ in range(5)])
    codes = sorted(response.status_code for response in responses)
    assert set(codes) <= {201, 409} and 201 in codes, [response.text for response in responses]
    placed = {response.json()["id"] for response in responses if response.status_code == 201}
    assert len(placed) == 1
    assert await Order.filter(shop_id=shop.shop_id).count() == 2 and await stock_of(sku.id) == 8
    assert (await Order.get(id=placed.pop())).idempotency_key_id == stale.id
    assert (await IdempotencyKey.get(id=stale.id)).status_code == 201
