"""Earning points: paid orders (once per order), reversal on refund (proportional, and the
negative-balance policy), reviews, expiry — the ledger is append-only and the cached balance
always equals the sum of the entries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from plugins.points import earning, ledger
from plugins.points.models import EntryKind, PointsEntry
from plugins.points.tests.conftest import balance, pay, place, refund, set_points_settings
from tests.trade.helpers import make_sku


async def _entries(customer_id: int) -> list[tuple[str, int]]:
    rows = await PointsEntry.filter(customer_id=customer_id).order_by("id").values_list("kind", "points")
    return [(str(kind), points) for kind, points in rows]


async def _consistent(shop_id: int, customer_id: int) -> int:
    cached = (await ledger.balance_of(shop_id, customer_id)).balance
    assert cached == await ledger.derived_balance(shop_id, customer_id)
    return cached


async def test_a_paid_order_earns_points_once(kaidian_client, shop):
    await set_points_settings(kaidian_client, shop.owner, earn_points_per_yuan=2)
    sku = await make_sku(shop.shop_id, price_fen=12345)
    order = await pay(kaidian_client, shop.customer, await place(kaidian_client, shop.customer, sku.id))
    assert await _entries(shop.customer_id) == [("earn", 246)]  # ¥123.45 → 123 whole yuan × 2
    # the same notification again (a provider retry reaching the hook twice) records nothing
    assert await earning.earn_for_payment(shop.shop_id, order["id"], 12345, datetime.now(UTC)) == 0
    assert await _entries(shop.customer_id) == [("earn", 246)]
    points = await balance(kaidian_client, shop.customer)
    assert points["balance"] == points["available"] == 246 and points["held"] == 0
    assert await _consistent(shop.shop_id, shop.customer_id) == 246
    entry = await PointsEntry.get(customer_id=shop.customer_id)
    assert entry.expires_at is not None and entry.expires_at - datetime.now(UTC) > timedelta(days=360)


async def test_refunds_take_back_points_in_proportion(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, price_fen=10000)
    order = await pay(kaidian_client, shop.customer, await place(kaidian_client, shop.customer, sku.id, 3))
    assert await _consistent(shop.shop_id, shop.customer_id) == 300
    await refund(kaidian_client, shop.owner, order, 1)
    assert await _entries(shop.customer_id) == [("earn", 300), ("reverse", -100)]
    await refund(kaidian_client, shop.owner, order, 2)
    assert await _entries(shop.customer_id) == [("earn", 300), ("reverse", -100), ("reverse", -200)]
    assert await _consistent(shop.shop_id, shop.customer_id) == 0


async def test_a_reversal_of_spent_points_leaves_a_visible_negative_balance(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, price_fen=10000)
    order = await pay(kaidian_client, shop.customer, await place(kaidian_client, shop.customer, sku.id))
    response = await kaidian_client.post(
        f"/api/admin/points/customers/{shop.customer_id}/adjustments", json={"points": -80, "reason": "兑换礼品"}, headers=shop.owner
    )
    assert response.status_code == 201, response.text
    await refund(kaidian_client, shop.owner, order, 1)
    points = await balance(kaidian_client, shop.customer)
    assert points["balance"] == -80 and points["available"] == 0
    # the debt is paid back by the next earning before anything is available again
    await pay(kaidian_client, shop.customer, await place(kaidian_client, shop.customer, sku.id))
    assert (await balance(kaidian_client, shop.customer))["available"] == 20
    assert await _consistent(shop.shop_id, shop.customer_id) == 20


async def test_reviews_earn_once_per_review_and_only_in_their_shop(kaidian_client, two_shops):
    a, b = two_shops
    now = datetime.now(UTC)
    assert await earning.earn_for_review(a.shop_id, a.customer_id, 501, now) == 10
    assert await earning.earn_for_review(a.shop_id, a.customer_id, 501, now) == 0
    assert await earning.earn_for_review(a.shop_id, a.customer_id, 502, now) == 10
    try:
        await earning.earn_for_review(b.shop_id, a.customer_id, 503, now)
    except Exception as exc:  # NotFound: A's customer is nobody in shop B
        assert type(exc).__name__ == "NotFound"
    else:
        raise AssertionError("a review of another shop's customer earned points")
    assert await _consistent(a.shop_id, a.customer_id) == 20


async def test_points_expire_first_in_first_out(kaidian_client, shop):
    now = datetime.now(UTC)
    await earning.earn_for_review(shop.shop_id, shop.customer_id, 1, now)  # 10, expires in 12 months
    await earning.earn_for_review(shop.shop_id, shop.customer_id, 2, now)  # 10 more
    await PointsEntry.filter(customer_id=shop.customer_id, unique_key="review:1").update(expires_at=now + timedelta(days=10))
    response = await kaidian_client.post(
        f"/api/admin/points/customers/{shop.customer_id}/adjustments", json={"points": -4, "reason": "测试"}, headers=shop.owner
    )
    assert response.status_code == 201
    assert (await balance(kaidian_client, shop.customer))["expiring_soon"] == 6  # the 4 spent came from the oldest
    assert await ledger.expire_due(now) == 0  # nothing due yet
    later = now + timedelta(days=11)
    assert await ledger.expire_due(later) == 1
    assert await ledger.expire_due(later) == 0  # idempotent: the job may run twice
    assert await _entries(shop.customer_id) == [("earn", 10), ("earn", 10), ("adjust", -4), ("expire", -6)]
    assert await _consistent(shop.shop_id, shop.customer_id) == 10
    assert await PointsEntry.filter(customer_id=shop.customer_id, kind=EntryKind.EXPIRE).count() == 1


async def test_twenty_racing_copies_of_one_payment_earn_once(kaidian_client, shop):
    import asyncio

    sku = await make_sku(shop.shop_id, price_fen=5000)
    order = await place(kaidian_client, shop.customer, sku.id)
    now = datetime.now(UTC)
    results = await asyncio.gather(*(earning.earn_for_payment(shop.shop_id, order["id"], 5000, now) for _ in range(20)))
    assert sorted(results) == [0] * 19 + [50]
    assert await _entries(shop.customer_id) == [("earn", 50)]
    assert await _consistent(shop.shop_id, shop.customer_id) == 50
