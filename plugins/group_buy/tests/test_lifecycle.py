"""A group from opening to completion: priced as a price adjustment, a slot per member, held
from shipping until complete, closed slots given back, limits enforced."""

from __future__ import annotations

import uuid

from plugins.group_buy.models import GroupBuyEvent, GroupBuyGroup, GroupBuyMember
from plugins.group_buy.tests.conftest import order_of

SHIP = {"carrier": "SF", "tracking_no": "SF1234567890"}


async def test_leader_opens_by_paying_friends_join_and_the_group_completes(world):
    client, shop = world.client, world.shop
    leader = await world.customer("张三")
    opened = await world.open(leader)
    assert opened.status_code == 201, opened.text
    group_id, leader_order = opened.json()["group_id"], opened.json()["order_id"]
    assert opened.json()["total_fen"] == 6000
    # not joinable (nor shared) before the leader paid
    friend = await world.customer("李四")
    assert (await world.join(friend, group_id)).status_code == 409
    assert (await client.get(f"/api/shop/group-buy/groups/{group_id}", headers=friend)).status_code == 404
    await world.pay(leader, leader_order)
    page = (await client.get(f"/api/shop/group-buy/groups/{group_id}", headers=friend)).json()
    assert page["status"] == "open" and page["remaining"] == 2 and page["joinable"] and not page["is_member"]
    assert page["members"] == [{"nickname": "张*", "avatar_url": "", "is_leader": True, "paid": True}]

    # the second member joins through the generic checkout with the group in its context
    joined = await client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": world.sku.id, "quantity": 1}], "plugins": {"group_buy": {"activity_id": world.activity["id"], "group_id": group_id}}, "address_id": world.addresses[friend["Authorization"]]},
        headers={**friend, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert joined.status_code == 201, joined.text
    order = joined.json()
    assert order["total_fen"] == 6000
    assert [(a["source"], a["kind"], a["amount_fen"]) for a in order["adjustments"]] == [("group_buy", "group_buy", -4000)]
    await world.pay(friend, order["id"])

    # paid but the group is not complete: the orders may not ship yet
    held = await client.post(f"/api/admin/orders/{leader_order}/ship", json=SHIP, headers=shop.owner)
    assert held.status_code == 409 and held.json()["message"] == "拼团尚未成功，暂不能发货"

    _, last = await world.join_paid(group_id)
    group = await GroupBuyGroup.get(id=group_id)
    assert (group.status, group.paid_count, group.reserved_count) == ("completed", 3, 3)
    for order_id in (leader_order, order["id"], last["order_id"]):
        shipped = await client.post(f"/api/admin/orders/{order_id}/ship", json=SHIP, headers=shop.owner)
        assert shipped.status_code == 201 and shipped.json()["status"] == "shipped", shipped.text
    # the expiry timer was disarmed: firing timers a day later refunds nothing
    await world.run_timers()
    assert (await order_of(leader_order)).refunded_fen == 0
    # a fourth customer cannot join a completed group
    late = await world.join(await world.customer(), group_id)
    assert late.status_code == 409
    mine = (await client.get("/api/shop/group-buy/mine", headers=leader)).json()
    assert [(row["group"]["id"], row["member_status"], row["group"]["status"]) for row in mine] == [(group_id, "paid", "completed")]
    admin = (await client.get(f"/api/admin/group-buy/groups/{group_id}", headers=shop.owner)).json()
    assert [(m["is_leader"], m["status"], m["counted"]) for m in admin["members"]] == [(True, "paid", True), (False, "paid", True), (False, "paid", True)]
    events = await GroupBuyEvent.filter(group_id=group_id).order_by("id").values_list("kind", flat=True)
    assert events == ["opened", "joined", "joined", "completed"]


async def test_an_unpaid_joiner_that_is_cancelled_frees_the_slot(world):
    _, opened = await world.open_paid()
    group_id = opened["group_id"]
    first = await world.customer()
    joined = (await world.join(first, group_id)).json()
    second = await world.customer()
    assert (await world.join(second, group_id)).status_code == 201  # the last slot
    third = await world.customer()
    full = await world.join(third, group_id)
    assert full.status_code == 409 and full.json()["message"] == "该团已满员，去开个新团吧"
    assert full.json()["field"] == "plugins.group_buy.group_id"
    cancelled = await world.client.post(f"/api/shop/orders/{joined['order_id']}/cancel", json={}, headers=first)
    assert cancelled.status_code == 201
    assert (await GroupBuyGroup.get(id=group_id)).reserved_count == 2
    assert (await world.join(third, group_id)).status_code == 201


async def test_a_leader_who_never_pays_cancels_the_group(world):
    leader = await world.customer()
    opened = (await world.open(leader)).json()
    await world.client.post(f"/api/shop/orders/{opened['order_id']}/cancel", json={}, headers=leader)
    assert (await GroupBuyGroup.get(id=opened["group_id"])).status == "cancelled"
    assert (await world.join(await world.customer(), opened["group_id"])).status_code == 409


async def test_limits_and_bad_choices_are_refused_with_the_reason(world):
    client = world.client
    leader, opened = await world.open_paid()
    # one customer cannot be twice in a group, nor in more groups than the limit (2)
    again = await world.join(leader, opened["group_id"])
    assert again.status_code == 409 and again.json()["message"] == "你已经在这个团里了"
    await world.open_paid(leader)
    third = await world.open(leader)
    assert third.status_code == 409 and third.json()["message"] == "每人最多参加 2 次该拼团"
    customer = await world.customer()
    too_many = await world.open(customer, quantity=2)
    assert too_many.status_code == 422 and too_many.json()["field"] == "quantity"
    wrong_size = await world.open(customer, size=5)
    assert wrong_size.status_code == 422 and wrong_size.json()["field"] == "plugins.group_buy.size"
    other = await world.client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": world.sku.id, "quantity": 1}], "plugins": {"group_buy": {"activity_id": 999999}}},
        headers={**customer, "Idempotency-Key": uuid.uuid4().hex, "Accept-Language": "en"},
    )
    assert other.status_code == 409 and other.json()["message"] == "the group-buy activity is not running"
    old_form = await world.client.post(  # the top-level group_buy of before, for one release
        "/api/shop/orders",
        json={"lines": [{"sku_id": world.sku.id, "quantity": 1}], "group_buy": {"activity_id": 999999}},
        headers={**customer, "Idempotency-Key": uuid.uuid4().hex, "Accept-Language": "en"},
    )
    assert old_form.status_code == 409 and old_form.json()["field"] == "plugins.group_buy.activity_id"
    # nothing half-written: the refused checkouts left no order, member or stock taken
    from core.trade.models import Order
    from tests.trade.helpers import stock_of

    assert await GroupBuyMember.filter(group__activity_id=world.activity["id"]).count() == 2
    assert await Order.filter(shop_id=world.shop.shop_id).count() == 2
    assert await stock_of(world.sku.id) == 500 - 2
    stopped = await client.patch(f"/api/admin/group-buy/activities/{world.activity['id']}", json={"status": "stopped"}, headers=world.shop.owner)
    assert stopped.status_code == 200
    assert (await world.open(customer)).status_code == 409


async def test_ladder_sizes_and_the_leader_discount(kaidian_client_for):
    import plugins.group_buy as group_buy_plugin
    from core.testing import make_shop
    from plugins.group_buy.tests.conftest import GroupBuyWorld

    async with kaidian_client_for(plugins=[group_buy_plugin]) as client:
        world = GroupBuyWorld(client, await make_shop(client))
        await world.make_activity(sizes=[2, 3, 5], prices={"2": 8000, "3": 7000, "5": 6000}, leader_discount_fen=500)
        leader = await world.customer()
        five = (await world.open(leader, size=5)).json()
        assert five["total_fen"] == 6000 - 500
        stored = await order_of(five["order_id"])
        assert sorted(a["kind"] for a in stored.adjustments) == ["group_buy", "group_buy_leader"]
        await world.pay(leader, five["order_id"])
        assert (await GroupBuyGroup.get(id=five["group_id"])).size == 5
        member = await world.customer()
        joined = (await world.join(member, five["group_id"])).json()
        assert joined["total_fen"] == 6000  # the group's size sets the price; no leader discount
        two = (await world.open(member, size=2)).json()
        assert two["total_fen"] == 8000 - 500


async def test_a_group_order_takes_only_the_customers_own_address(world):
    await world.make_activity()
    leader = await world.customer("王五")
    stranger = await world.customer("赵六")
    refused = await world.open(leader, address_id=world.addresses[stranger["Authorization"]])
    assert refused.status_code == 422 and refused.json()["field"] == "address_id", refused.text
    opened = await world.open(leader)
    assert opened.status_code == 201, opened.text
    order = await order_of(opened.json()["order_id"])
    # kept by id and as chosen (the address book's ciphertexts), as core's checkout keeps it
    assert order.shipping["address_id"] == world.addresses[leader["Authorization"]]
    assert set(order.shipping) == {"address_id", "address"} and order.shipping["address"]["district"] == "黄浦区"
