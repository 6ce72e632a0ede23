"""One customer racing themselves (several taps, each with its own Idempotency-Key) cannot pass
the activity's per-customer limit nor hold two places in one group — on SQLite, MariaDB
(REPEATABLE READ by default) and PostgreSQL alike."""

from __future__ import annotations

from core.testing import race_same_customer
from plugins.group_buy.models import GroupBuyGroup, GroupBuyMember
from tests.trade.helpers import stock_of

ROUNDS = 3


async def test_one_customer_opening_at_once_stays_within_the_limit(world):
    await world.make_activity(per_customer_limit=1)
    for _ in range(ROUNDS):
        headers = await world.customer("团长")
        outcome = await race_same_customer(lambda: world.open(headers))
        outcome.assert_winners(1)
        customer_id = (await GroupBuyMember.get(order_id=outcome.winners[0].json()["order_id"])).customer_id
        assert await GroupBuyGroup.filter(activity_id=world.activity["id"], leader_id=customer_id).count() == 1


async def test_one_customer_joining_one_group_at_once_takes_one_place(world):
    await world.make_activity(sizes=[5], prices={"5": 5000}, per_customer_limit=5)
    for _ in range(ROUNDS):
        _, opened = await world.open_paid()
        group_id = opened["group_id"]
        stock_before = await stock_of(world.sku.id)
        headers = await world.customer()
        outcome = await race_same_customer(lambda: world.join(headers, group_id))
        outcome.assert_winners(1)
        group = await GroupBuyGroup.get(id=group_id)
        assert group.reserved_count == 2
        assert await GroupBuyMember.filter(group_id=group_id).count() == 2
        assert await stock_of(world.sku.id) == stock_before - 1  # the losers' orders rolled back


async def test_one_customer_joining_different_groups_at_once_stays_within_the_limit(world):
    await world.make_activity(sizes=[3], prices={"3": 5000}, per_customer_limit=1)
    for _ in range(ROUNDS):
        groups = [(await world.open_paid())[1]["group_id"] for _ in range(3)]
        headers = await world.customer()
        pending = iter(groups * 2)
        outcome = await race_same_customer(lambda: world.join(headers, next(pending)))
        outcome.assert_winners(1)
        joined = await GroupBuyMember.filter(order_id=outcome.winners[0].json()["order_id"]).first()
        assert await GroupBuyMember.filter(customer_id=joined.customer_id).count() == 1
