"""The last-slot race: 100 customers join one group at once; never more members than the
group's size, every loser told why, and the winners' payments complete it exactly."""

from __future__ import annotations

import asyncio

from plugins.group_buy.models import GroupBuyGroup, GroupBuyMember
from tests.trade.helpers import stock_of

JOINERS = 100
SIZE = 10


async def test_100_concurrent_joiners_never_overfill_a_group(world):
    await world.make_activity(sizes=[SIZE], prices={str(SIZE): 5000}, per_customer_limit=1)
    _, opened = await world.open_paid()
    group_id = opened["group_id"]
    joiners = [await world.customer() for _ in range(JOINERS)]
    answers = await asyncio.gather(*[world.join(headers, group_id) for headers in joiners])
    codes = sorted(answer.status_code for answer in answers)
    assert codes.count(201) == SIZE - 1, codes
    assert codes.count(409) == JOINERS - SIZE + 1, codes
    assert all(answer.json()["message"] in ("该团已满员，去开个新团吧", "该团已结束") for answer in answers if answer.status_code == 409)
    group = await GroupBuyGroup.get(id=group_id)
    assert group.reserved_count == SIZE
    assert await GroupBuyMember.filter(group_id=group_id).count() == SIZE
    assert await stock_of(world.sku.id) == 500 - SIZE  # losers took no stock

    winners = [(headers, answer.json()) for headers, answer in zip(joiners, answers) if answer.status_code == 201]
    await asyncio.gather(*[world.pay(headers, placed["order_id"]) for headers, placed in winners])
    group = await GroupBuyGroup.get(id=group_id)
    assert (group.status, group.paid_count) == ("completed", SIZE)
    assert await GroupBuyMember.filter(group_id=group_id, status="paid", counted=True).count() == SIZE
