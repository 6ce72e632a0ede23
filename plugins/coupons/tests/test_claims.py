"""Issuing never exceeds the total or the per-customer limit, however many claims race."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from core.accounts.models import Customer
from core.errors import Conflict
from core.testing import unique
from plugins.coupons import services
from plugins.coupons.models import ClaimCounter, Coupon, CouponTemplate


async def _customers(shop_id: int, count: int) -> list[int]:
    rows = [Customer(shop_id=shop_id, openid=unique("openid")) for _ in range(count)]
    await Customer.bulk_create(rows)
    return list(await Customer.filter(shop_id=shop_id).order_by("-id").limit(count).values_list("id", flat=True))


async def _race(calls) -> tuple[int, int]:
    results = await asyncio.gather(*calls, return_exceptions=True)
    unexpected = [r for r in results if isinstance(r, BaseException) and not isinstance(r, Conflict)]
    assert not unexpected, unexpected[:3]
    won = sum(1 for r in results if isinstance(r, Coupon))
    return won, len(results) - won


async def test_200_customers_racing_for_the_last_10_get_exactly_10(kaidian_client, shop, make_template):
    template = await make_template(shop, total_quantity=50)
    await CouponTemplate.filter(id=template["id"]).update(issued_count=40)
    customers = await _customers(shop.shop_id, 200)
    now = datetime.now(UTC)
    won, lost = await _race(services.claim(shop.shop_id, template["id"], customer, now) for customer in customers)
    assert (won, lost) == (10, 190)
    assert (await CouponTemplate.get(id=template["id"])).issued_count == 50
    assert await Coupon.filter(template_id=template["id"]).count() == 10
    # the per-customer counters of the losers were rolled back with their transactions
    assert sum(await ClaimCounter.filter(template_id=template["id"]).values_list("claimed", flat=True)) == 10


async def test_one_customer_tapping_20_times_gets_only_their_limit(kaidian_client, shop, make_template):
    template = await make_template(shop, per_customer_limit=2)
    now = datetime.now(UTC)
    won, lost = await _race(services.claim(shop.shop_id, template["id"], shop.customer_id, now) for _ in range(20))
    assert (won, lost) == (2, 18)
    assert (await CouponTemplate.get(id=template["id"])).issued_count == 2


async def test_shrinking_the_total_below_what_was_issued_is_refused(kaidian_client, shop, make_template):
    template = await make_template(shop, total_quantity=5, per_customer_limit=2)
    for _ in range(2):
        await services.claim(shop.shop_id, template["id"], shop.customer_id, datetime.now(UTC))
    path = f"/api/admin/coupons/templates/{template['id']}"
    response = await kaidian_client.patch(path, json={"total_quantity": 1}, headers=shop.owner)
    assert response.status_code == 422 and response.json()["field"] == "total_quantity"
    # equal to what was issued is allowed: it simply sells out
    response = await kaidian_client.patch(path, json={"total_quantity": 2}, headers=shop.owner)
    assert response.status_code == 200 and response.json()["issued_count"] == 2
    response = await kaidian_client.get("/api/shop/coupons/claimable", headers=shop.customer)
    assert template["id"] not in [row["id"] for row in response.json()]
