"""Expiry: a durable timer per group closes it — virtually filled or failed — and every paid
member is refunded through the payment provider exactly once, whatever races or repeats."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import plugins.group_buy as group_buy_plugin
from core.testing import make_shop
from core.trade.models import Timer
from plugins.group_buy import groups
from plugins.group_buy.models import GroupBuyGroup, GroupBuyMember
from plugins.group_buy.tests.conftest import GroupBuyWorld, order_of, refunds_of

LATER = timedelta(hours=25)


async def expiry_timer(group_id: int) -> Timer:
    return await Timer.get(kind=groups.EXPIRY, target_id=group_id)


async def assert_refunded_once(order_id: int) -> None:
    order = await order_of(order_id)
    refunds = await refunds_of(order_id)
    assert len(refunds) == 1, [r.refund_no for r in refunds]
    assert refunds[0].amount_fen == order.paid_fen and refunds[0].status == "succeeded"
    assert order.status == "refunded" and order.refunded_fen == order.paid_fen


async def test_an_expired_group_fails_refunds_the_paid_and_closes_the_unpaid(world):
    leader, opened = await world.open_paid()
    _, paid = await world.join_paid(opened["group_id"])
    unpaid_headers = await world.customer()
    # the unpaid joiner's order would be auto-cancelled after 30 minutes; the group expires first
    unpaid = (await world.join(unpaid_headers, opened["group_id"])).json()
    await Timer.filter(kind="auto_cancel", target_id=unpaid["order_id"]).update(run_at=datetime.now(UTC) + timedelta(days=30))
    assert await world.run_timers(LATER) >= 1
    group = await GroupBuyGroup.get(id=opened["group_id"])
    assert group.status == "failed" and not group.virtual_fill
    for order_id in (opened["order_id"], paid["order_id"]):
        await assert_refunded_once(order_id)
    assert (await order_of(unpaid["order_id"])).status == "cancelled"
    assert await refunds_of(unpaid["order_id"]) == []
    statuses = await GroupBuyMember.filter(group_id=group.id).order_by("id").values_list("status", flat=True)
    assert statuses == ["refunded", "refunded", "cancelled"]
    page = (await world.client.get(f"/api/shop/group-buy/groups/{group.id}", headers=leader)).json()
    assert page["status"] == "failed" and page["joinable"] is False
    # the stock came back: three units were taken, none remain taken
    from tests.trade.helpers import stock_of

    assert await stock_of(world.sku.id) == 500


async def test_duplicate_timer_deliveries_refund_each_member_once(world):
    _, opened = await world.open_paid()
    _, joined = await world.join_paid(opened["group_id"])
    timer = await expiry_timer(opened["group_id"])
    # two workers deliver the same timer at once, then a third delivery arrives late
    await asyncio.gather(
        groups.expire(world.host, world.settings, timer), groups.expire(world.host, world.settings, timer)
    )
    await groups.expire(world.host, world.settings, timer)
    for order_id in (opened["order_id"], joined["order_id"]):
        await assert_refunded_once(order_id)


async def test_a_restart_between_closing_and_refunding_loses_nothing(kaidian_client_for):
    async with kaidian_client_for(plugins=[group_buy_plugin]) as client:
        world = GroupBuyWorld(client, await make_shop(client))
        await world.make_activity()
        _, opened = await world.open_paid()
        _, joined = await world.join_paid(opened["group_id"])
        # the process dies right after closing the group: the timer was claimed, nothing refunded
        await Timer.filter(kind=groups.EXPIRY, target_id=opened["group_id"]).update(status="done")
        assert await groups.close_group(opened["group_id"], datetime.now(UTC) + LATER) == "failed"
        assert (await order_of(joined["order_id"])).refunded_fen == 0
    # a new process (a fresh app and plugin host) recovers with the sweep job, twice over
    async with kaidian_client_for(plugins=[group_buy_plugin]) as restarted:
        host, settings = restarted.app.state.host, restarted.app.state.settings
        assert await groups.sweep(host, settings) >= 2
        assert await groups.sweep(host, settings) == 0
        await groups.expire(host, settings, await expiry_timer(opened["group_id"]))  # a late redelivery
        for order_id in (opened["order_id"], joined["order_id"]):
            await assert_refunded_once(order_id)


async def test_a_group_whose_timer_was_lost_is_closed_by_the_sweep(world):
    _, opened = await world.open_paid()
    await Timer.filter(kind=groups.EXPIRY, target_id=opened["group_id"]).update(status="done")  # claimed, then a crash
    await GroupBuyGroup.filter(id=opened["group_id"]).update(expires_at=datetime.now(UTC) - timedelta(minutes=10))
    await groups.sweep(world.host, world.settings)
    assert (await GroupBuyGroup.get(id=opened["group_id"])).status == "failed"
    await assert_refunded_once(opened["order_id"])


async def test_a_payment_racing_the_expiry_is_refunded_once_whoever_wins(world):
    _, opened = await world.open_paid()
    joiner = await world.customer()
    joined = (await world.join(joiner, opened["group_id"])).json()
    timer = await expiry_timer(opened["group_id"])
    pay = world.client.post(f"/api/shop/orders/{joined['order_id']}/sandbox-pay", headers=joiner)
    await asyncio.gather(pay, groups.expire(world.host, world.settings, timer))
    await world.run_timers(timedelta(minutes=1))  # the settle timer of a payment that came too late
    await groups.sweep(world.host, world.settings)
    assert (await GroupBuyGroup.get(id=opened["group_id"])).status == "failed"
    await assert_refunded_once(opened["order_id"])
    order = await order_of(joined["order_id"])
    refunds = await refunds_of(joined["order_id"])
    # either the payment landed first (then the expiry refunded it) or the order was cancelled
    # first (then core refunded the late payment): one refund of the whole amount either way
    assert len(refunds) == 1 and refunds[0].amount_fen == 6000, (order.status, [r.amount_fen for r in refunds])


async def test_a_payment_after_the_group_closed_is_refunded_automatically(world):
    _, opened = await world.open_paid()
    joiner = await world.customer()
    joined = (await world.join(joiner, opened["group_id"])).json()
    # the group closed (failed) but the joiner's order was not closed yet when the payment came
    assert await groups.close_group(opened["group_id"], datetime.now(UTC)) == "failed"
    await world.pay(joiner, joined["order_id"])
    member = await GroupBuyMember.get(order_id=joined["order_id"])
    assert member.status == "paid" and not member.counted
    await world.run_timers()  # the settle timer the uncounted payment armed
    await assert_refunded_once(joined["order_id"])


async def test_virtual_fill_completes_a_nearly_full_group_and_refunds_no_one(kaidian_client_for):
    async with kaidian_client_for(plugins=[group_buy_plugin]) as client:
        world = GroupBuyWorld(client, await make_shop(client))
        await world.make_activity(sizes=[5], prices={"5": 5000}, virtual_fill_percent=60)
        _, opened = await world.open_paid()
        paid = [(await world.join_paid(opened["group_id"]))[1] for _ in range(2)]
        late_headers = await world.customer()
        late = (await world.join(late_headers, opened["group_id"])).json()
        await Timer.filter(kind="auto_cancel", target_id=late["order_id"]).update(run_at=datetime.now(UTC) + timedelta(days=30))
        await world.run_timers(LATER)
        group = await GroupBuyGroup.get(id=opened["group_id"])
        assert group.status == "completed" and group.virtual_fill and group.paid_count == 3
        for order_id in [opened["order_id"]] + [row["order_id"] for row in paid]:
            assert await refunds_of(order_id) == []
            shipped = await client.post(f"/api/admin/orders/{order_id}/ship", json={"carrier": "SF", "tracking_no": "SF1234567890"}, headers=world.shop.owner)
            assert shipped.status_code == 201, shipped.text
        assert (await order_of(late["order_id"])).status == "cancelled"  # the unpaid joiner is closed


async def test_below_the_virtual_fill_threshold_the_group_fails(kaidian_client_for):
    async with kaidian_client_for(plugins=[group_buy_plugin]) as client:
        world = GroupBuyWorld(client, await make_shop(client))
        await world.make_activity(sizes=[5], prices={"5": 5000}, virtual_fill_percent=60)
        _, opened = await world.open_paid()
        _, joined = await world.join_paid(opened["group_id"])
        await world.run_timers(LATER)
        assert (await GroupBuyGroup.get(id=opened["group_id"])).status == "failed"
        for order_id in (opened["order_id"], joined["order_id"]):
            await assert_refunded_once(order_id)


async def test_a_payment_for_a_group_already_full_is_refunded_and_the_winners_keep_theirs(kaidian_client_for):
    async with kaidian_client_for(plugins=[group_buy_plugin]) as client:
        world = GroupBuyWorld(client, await make_shop(client))
        await world.make_activity(sizes=[4], prices={"4": 5000}, virtual_fill_percent=50)
        _, opened = await world.open_paid()
        _, winner = await world.join_paid(opened["group_id"])
        straggler_headers = await world.customer()
        straggler = (await world.join(straggler_headers, opened["group_id"])).json()
        # the group is closed as full (virtual fill: 2 of 4 paid) before the straggler's order is
        # closed; then the straggler's payment arrives
        assert await groups.close_group(opened["group_id"], datetime.now(UTC)) == "completed"
        await world.pay(straggler_headers, straggler["order_id"])
        await world.run_timers()
        await assert_refunded_once(straggler["order_id"])
        group = await GroupBuyGroup.get(id=opened["group_id"])
        assert group.paid_count == 2
        for order_id in (opened["order_id"], winner["order_id"]):
            assert await refunds_of(order_id) == []
            assert (await order_of(order_id)).status == "paid"
        held = await client.post(f"/api/admin/orders/{straggler['order_id']}/ship", json={"carrier": "SF", "tracking_no": "SF1234567890"}, headers=world.shop.owner)
        assert held.status_code == 409
