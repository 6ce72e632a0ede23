"""Checkouts racing with one coupon: all are priced with it, only one order may keep it.

Pricing runs before the order's transaction, so a plugin holds every checkout at the pricing
step until all of them have been priced with the coupon available — the worst case — and
the lock inside the transaction (``kaidian_reserve_for_order``) must pick exactly one.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest

from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.testing import make_shop
from core.trade.models import Order, OrderLine
from plugins.coupons.models import Coupon, CouponOrder, CouponStatus
from plugins.coupons.tests.conftest import template_body
from tests.trade.helpers import make_sku, stock_of

RACERS = 20


class PricingGate:
    """Holds each pricing call until ``parties`` of them are waiting, then lets all go."""

    def __init__(self, parties: int) -> None:
        self.manifest = PluginManifest(name="pricing_gate", version="0.1.0", title={"zh-CN": "闸门", "en": "gate"})
        self.barrier = asyncio.Barrier(parties)

    @hookimpl
    async def kaidian_collect_price_adjustments(self, context):
        await asyncio.wait_for(self.barrier.wait(), timeout=60)
        return None


@pytest.fixture
async def gated(kaidian_client_for):
    gate = PricingGate(RACERS)
    async with kaidian_client_for(plugins=[gate]) as client:
        yield client


async def _claimed_coupon(client, shop) -> int:
    template = await client.post("/api/admin/coupons/templates", json=template_body(), headers=shop.owner)
    assert template.status_code == 201, template.text
    claimed = await client.post(f"/api/shop/coupons/templates/{template.json()['id']}/claim", headers=shop.customer)
    assert claimed.status_code == 201, claimed.text
    return claimed.json()["id"]


async def test_twenty_checkouts_with_one_coupon_exactly_one_keeps_it(gated):
    client = gated
    shop = await make_shop(client)
    coupon_id = await _claimed_coupon(client, shop)
    sku = await make_sku(shop.shop_id, stock=RACERS, price_fen=6000)

    async def checkout():
        return await client.post(
            "/api/shop/orders",
            json={"lines": [{"sku_id": sku.id, "quantity": 2}]},
            headers={**shop.customer, "Idempotency-Key": uuid.uuid4().hex},
        )

    responses = await asyncio.gather(*(checkout() for _ in range(RACERS)))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201] + [409] * (RACERS - 1), [r.text for r in responses if r.status_code not in (201, 409)][:3]
    winner = next(response.json() for response in responses if response.status_code == 201)
    assert winner["total_fen"] == 12000 - 2000
    loser = next(response.json() for response in responses if response.status_code == 409)
    assert loser["field"] == "plugins.coupons.coupon_ids"
    assert loser["message"] == "优惠券「满100减20」已被其他订单使用，请重新下单"
    assert loser["errors"][0]["coupon_id"] == coupon_id

    # Nothing of the losers was written: one order, its lines, its stock, one coupon record.
    assert await Order.filter(shop_id=shop.shop_id).count() == 1
    assert await OrderLine.filter(shop_id=shop.shop_id).count() == 1
    assert await stock_of(sku.id) == RACERS - 2
    assert await CouponOrder.filter(shop_id=shop.shop_id).count() == 1
    coupon = await Coupon.get(id=coupon_id)
    assert coupon.status == CouponStatus.LOCKED and coupon.order_id == winner["id"]


async def test_a_refused_checkout_answers_in_english_and_the_coupon_returns_on_cancel(kaidian_client, shop, make_template):
    from plugins.coupons import services

    template = await make_template(shop)
    coupon_id = (await kaidian_client.post(f"/api/shop/coupons/templates/{template['id']}/claim", headers=shop.customer)).json()["id"]
    sku = await make_sku(shop.shop_id, stock=5, price_fen=6000)
    order = await kaidian_client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": sku.id, "quantity": 2}]},
        headers={**shop.customer, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert order.status_code == 201 and order.json()["total_fen"] == 10000
    assert (await Coupon.get(id=coupon_id)).status == CouponStatus.LOCKED
    # Someone holding a stale price (priced before the lock) is refused by the same lock.
    from datetime import UTC, datetime

    from core.errors import Conflict

    with pytest.raises(Conflict) as refused:
        await services.lock_for_order(shop.shop_id, shop.customer_id, 424242, [coupon_id], datetime.now(UTC))
    assert refused.value.message("en") == "coupon “满100减20” was just used by another order; please check out again"
    cancelled = await kaidian_client.post(f"/api/shop/orders/{order.json()['id']}/cancel", json={}, headers=shop.customer)
    assert cancelled.status_code == 201, cancelled.text
    coupon = await Coupon.get(id=coupon_id)
    assert coupon.status == CouponStatus.AVAILABLE and coupon.order_id is None
