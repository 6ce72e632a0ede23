"""Coupons' part of the demo shop's month: customers claim coupons and their orders use them."""

from core.testing import seed_demo_shop
from core.trade.models import Order
from plugins.coupons.models import Coupon, CouponStatus


async def test_the_demo_orders_use_coupons(kaidian_demo_client):
    seed, _ = await seed_demo_shop(kaidian_demo_client)
    assert await Coupon.filter(shop_id=seed.shop_id, status=CouponStatus.USED).count() >= 10
    with_coupon = [
        adjustments for adjustments in await Order.filter(shop_id=seed.shop_id, paid_at__isnull=False).values_list("adjustments", flat=True)
        if any(item["source"] == "coupons" for item in adjustments)
    ]
    assert len(with_coupon) >= 10
