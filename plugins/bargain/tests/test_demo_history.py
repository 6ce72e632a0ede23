"""Bargain's part of the demo shop's month: two bargains cut to the floor and bought, one still
being cut."""

from collections import Counter

from core.testing import seed_demo_shop
from core.trade.models import Order
from plugins.bargain.models import Bargain, BargainActivity


async def test_the_demo_has_bargains_bought_and_one_under_way(kaidian_demo_client):
    seed, _ = await seed_demo_shop(kaidian_demo_client)
    bargains = await Bargain.filter(shop_id=seed.shop_id).values_list("status", "order_id", "current_price_fen", "floor_price_fen")
    assert Counter(str(status) for status, *_ in bargains) == {"purchased": 2, "in_progress": 1}
    activity = await BargainActivity.get(shop_id=seed.shop_id)
    for status, order_id, price_fen, floor_fen in bargains:
        if str(status) == "purchased":
            order = await Order.get(id=order_id)
            assert price_fen == floor_fen == activity.start_price_fen // 2 and order.paid_fen <= floor_fen
            assert any(item["source"] == "bargain" for item in order.adjustments)
