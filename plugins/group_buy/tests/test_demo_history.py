"""Group buy's part of the demo shop's month: groups completed and shipped, expired ones
refunded, and one still open to join."""

from collections import Counter

from core.testing import seed_demo_shop
from core.trade.models import Order
from plugins.group_buy.models import GroupBuyGroup, GroupBuyMember


async def test_the_demo_has_completed_expired_and_open_groups(kaidian_demo_client):
    seed, _ = await seed_demo_shop(kaidian_demo_client)
    groups = await GroupBuyGroup.filter(shop_id=seed.shop_id).values_list("id", "status")
    assert Counter(str(status) for _, status in groups) == {"completed": 5, "failed": 3, "open": 1}
    for group_id, status in groups:
        order_ids = await GroupBuyMember.filter(group_id=group_id).values_list("order_id", flat=True)
        order_statuses = set(await Order.filter(id__in=order_ids).values_list("status", flat=True))
        expected = {"completed": {"shipped", "completed"}, "failed": {"refunded"}, "open": {"paid"}}[str(status)]
        assert order_statuses <= expected, (status, order_statuses)
