"""Checkout with the pickup shipping method, pickup codes, delivery batches with picking
lists, and the leader's verification completing the order through the state machine."""

from __future__ import annotations

import asyncio
import csv
import io

from openpyxl import load_workbook

from core.trade import timers
from core.trade.models import Order, OrderStatus, Shipment, Timer, TimerStatus
from plugins.community_group.models import PickupOrder
from plugins.community_group.tests.conftest import checkout, make_leader, new_batch, pickup_code, pickup_order, set_fee
from tests.trade.helpers import make_sku, stock_of

VERIFY = "/api/shop/community_group/leader/verify"


async def test_pickup_fee_rules_and_the_chosen_point_is_kept(client, shop):
    leader = await make_leader(client, shop)
    await set_fee(client, shop, pickup_fee_fen=300, free_pickup_over_fen=5000)
    sku = await make_sku(shop.shop_id, price_fen=2000)
    small = await pickup_order(client, shop.customer, leader.point_id, [(sku.id, 1)], pay=False)
    assert (small["shipping_fen"], small["total_fen"]) == (300, 2300)
    assert small["shipping"] == {"method": "pickup", "pickup_point_id": leader.point_id}
    big = await pickup_order(client, shop.customer, leader.point_id, [(sku.id, 3)], pay=False)
    assert (big["shipping_fen"], big["total_fen"]) == (0, 6000)
    express = await checkout(client, shop.customer, [(sku.id, 1)])
    assert express.json()["shipping_fen"] == 0 and express.json()["shipping"] == {}
    assert not await PickupOrder.filter(order_id=express.json()["id"]).exists()
    linked = await PickupOrder.get(order_id=small["id"])
    assert linked.leader_id == leader.id and len(linked.pickup_code) == 10


async def test_bad_pickup_choices_write_nothing(client, shop, two_shops):
    pending = await make_leader(client, shop, approve=False)
    _, other_shop = two_shops
    foreign = await make_leader(client, other_shop)
    sku = await make_sku(shop.shop_id, stock=5)
    for body, field in [
        ({"shipping_method": "pickup"}, "plugins.community_group.pickup_point_id"),
        ({"shipping_method": "pickup", "plugins": {"community_group": {"pickup_point_id": pending.point_id}}}, "plugins.community_group.pickup_point_id"),
        ({"shipping_method": "pickup", "plugins": {"community_group": {"pickup_point_id": foreign.point_id}}}, "plugins.community_group.pickup_point_id"),
        ({"shipping_method": "pickup", "plugins": {"community_group": {"pickup_point_id": 0}}}, "plugins.community_group.pickup_point_id"),
        ({"shipping_method": "Pickup!", "plugins": {"community_group": {"pickup_point_id": pending.point_id}}}, "shipping_method"),
        # the form before plugins had their own part of the checkout, for one release
        ({"shipping_method": "pickup", "pickup_point_id": pending.point_id}, "plugins.community_group.pickup_point_id"),
    ]:
        response = await checkout(client, shop.customer, [(sku.id, 2)], **body)
        assert response.status_code == 422, (body, response.text)
        assert field in response.json()["field"], (body, response.json())
    assert await Order.filter(shop_id=shop.shop_id).count() == 0 and await stock_of(sku.id) == 5
    assert await PickupOrder.filter(shop_id=shop.shop_id).count() == 0


async def test_the_plugin_disabled_means_no_pickup(client, shop):
    leader = await make_leader(client, shop)
    sku = await make_sku(shop.shop_id)
    off = await client.put("/api/admin/plugins/community_group", json={"enabled": False}, headers=shop.owner)
    assert off.status_code == 200, off.text
    response = await checkout(client, shop.customer, [(sku.id, 1)], shipping_method="pickup", plugins={"community_group": {"pickup_point_id": leader.point_id}})
    assert response.status_code == 422 and (response.json()["code"], response.json()["field"]) == ("plugin_disabled", "plugins.community_group")
    response = await checkout(client, shop.customer, [(sku.id, 1)], shipping_method="pickup")
    assert response.status_code == 422 and response.json()["field"] == "shipping_method"


async def test_pickup_from_payment_to_batch_to_verified_completion(client, shop):
    east = await make_leader(client, shop, "东区团长", name="东区自提点")
    west = await make_leader(client, shop, "西区团长", name="西区自提点")
    apples = await make_sku(shop.shop_id, price_fen=1000, title="=苹果")  # a formula-looking title must stay text
    eggs = await make_sku(shop.shop_id, price_fen=500, title="鸡蛋")
    first = await pickup_order(client, shop.customer, east.point_id, [(apples.id, 2), (eggs.id, 1)])
    second = await pickup_order(client, shop.customer, east.point_id, [(apples.id, 1)])
    third = await pickup_order(client, shop.customer, west.point_id, [(eggs.id, 4)])
    unpaid = await pickup_order(client, shop.customer, west.point_id, [(eggs.id, 1)], pay=False)

    not_yet = await client.get(f"/api/shop/community_group/orders/{unpaid['id']}/pickup", headers=shop.customer)
    assert not_yet.status_code == 409 and not_yet.json()["message"] == "订单支付后才有提货码"
    code = await pickup_code(client, shop.customer, first["id"])
    assert code["pickup_code"].isdigit() and len(code["pickup_code"]) == 10
    assert code["scan_payload"] == f"KDPICKUP:{shop.shop_id}:{code['pickup_code']}"
    assert code["pickup_point"]["name"] == "东区自提点"
    codes = {code["pickup_code"]} | {(await pickup_code(client, shop.customer, o["id"]))["pickup_code"] for o in (second, third)}
    assert len(codes) == 3

    early = await client.post(VERIFY, json={"code": code["pickup_code"]}, headers=east.headers)
    assert early.status_code == 409 and early.json()["message"] == "商品尚未送达自提点"

    batch = await new_batch(client, shop)
    assert batch["order_count"] == 3
    again = await client.post("/api/admin/community_group/batches", json={}, headers=shop.owner)
    assert again.status_code == 409
    for order in (first, second, third):
        assert (await Order.get(id=order["id"])).status == OrderStatus.SHIPPED
    assert (await Order.get(id=unpaid["id"])).status == OrderStatus.PENDING_PAYMENT
    assert await Shipment.filter(order_id=first["id"], carrier="community_pickup", tracking_no=batch["batch_no"]).exists()
    # a pickup order completes when handed over, never by the 10-day automatic receipt
    assert not await Timer.filter(kind=timers.AUTO_CONFIRM, target_id=first["id"], status=TimerStatus.PENDING).exists()

    picking = (await client.get(f"/api/admin/community_group/batches/{batch['id']}/picking-list", headers=shop.owner)).json()
    summary = {(row["leader_name"], row["title"].split()[0]): (row["quantity"], row["order_count"]) for row in picking}
    assert summary == {("东区团长", "=苹果"): (3, 2), ("东区团长", "鸡蛋"): (1, 1), ("西区团长", "鸡蛋"): (4, 1)}
    csv_response = await client.get(f"/api/admin/community_group/batches/{batch['id']}/picking-list?format=csv", headers=shop.owner)
    assert csv_response.status_code == 200 and csv_response.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["团长", "电话", "自提点"] and len(rows) == 4
    assert any(row[4].startswith("'=苹果") for row in rows[1:])  # no CSV formula injection
    xlsx = await client.get(f"/api/admin/community_group/batches/{batch['id']}/picking-list?format=xlsx", headers=shop.owner)
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert sorted(workbook.sheetnames) == sorted([f"东区团长-{east.id}", f"西区团长-{west.id}"])
    east_sheet = list(workbook[f"东区团长-{east.id}"].iter_rows(values_only=True))
    assert east_sheet[0][0] == "团长" and east_sheet[-1][0] == "合计" and east_sheet[-1][6] == 4
    only_west = (await client.get(f"/api/admin/community_group/batches/{batch['id']}/picking-list?leader_id={west.id}", headers=shop.owner)).json()
    assert {row["leader_name"] for row in only_west} == {"西区团长"}
    bad_format = await client.get(f"/api/admin/community_group/batches/{batch['id']}/picking-list?format=pdf", headers=shop.owner)
    assert bad_format.status_code in (400, 422)

    leader_batches = (await client.get("/api/shop/community_group/leader/batches", headers=west.headers)).json()
    assert [b["id"] for b in leader_batches] == [batch["id"]] and [r["quantity"] for r in leader_batches[0]["picking"]] == [4]
    east_orders = (await client.get("/api/shop/community_group/leader/orders", headers=east.headers)).json()
    assert {row["order_id"] for row in east_orders} == {first["id"], second["id"]}
    assert all("pickup_code" not in row for row in east_orders)

    wrong = await client.post(VERIFY, json={"code": "0000000000"}, headers=east.headers)
    assert wrong.status_code == 422 and wrong.json()["field"] == "code"
    not_mine = await client.post(VERIFY, json={"code": code["pickup_code"]}, headers=west.headers)
    assert not_mine.status_code == 422 and not_mine.json()["message"] == "提货码无效：本自提点没有这个提货码"
    short = await client.post(VERIFY, json={"code": "12"}, headers={**east.headers, "Accept-Language": "en"})
    assert short.status_code == 422 and short.json()["message"] == "a pickup code has 10 digits"
    foreign_scan = await client.post(VERIFY, json={"scan": f"KDPICKUP:{shop.shop_id + 1}:{code['pickup_code']}"}, headers=east.headers)
    assert foreign_scan.status_code == 422 and foreign_scan.json()["field"] == "scan"
    neither = await client.post(VERIFY, json={}, headers=east.headers)
    assert neither.status_code == 422

    scanned = await client.post(VERIFY, json={"scan": code["scan_payload"]}, headers=east.headers)
    assert scanned.status_code == 201, scanned.text
    assert scanned.json()["status"] == "completed" and scanned.json()["order_id"] == first["id"]
    history = [(row["from_status"], row["to_status"]) for row in (await client.get(f"/api/shop/orders/{first['id']}", headers=shop.customer)).json()["history"]]
    assert history[-2:] == [("shipped", "delivered"), ("delivered", "completed")]
    used = await client.post(VERIFY, json={"code": code["pickup_code"]}, headers=east.headers)
    assert used.status_code == 409 and used.json()["message"].startswith("提货码已于")
    shown = await pickup_code(client, shop.customer, first["id"])
    assert shown["picked_up_at"] is not None and shown["order_status"] == "completed"


async def test_one_code_verified_twice_at_once_completes_once(client, shop):
    leader = await make_leader(client, shop)
    sku = await make_sku(shop.shop_id)
    order = await pickup_order(client, shop.customer, leader.point_id, [(sku.id, 1)])
    await new_batch(client, shop)
    code = (await pickup_code(client, shop.customer, order["id"]))["pickup_code"]
    answers = await asyncio.gather(*[client.post(VERIFY, json={"code": code}, headers=leader.headers) for _ in range(5)])
    assert sorted(a.status_code for a in answers) == [201, 409, 409, 409, 409]
    assert (await Order.get(id=order["id"])).status == OrderStatus.COMPLETED


async def test_racing_batches_never_share_an_order(client, shop):
    leader = await make_leader(client, shop)
    sku = await make_sku(shop.shop_id, stock=50)
    orders = [await pickup_order(client, shop.customer, leader.point_id, [(sku.id, 1)]) for _ in range(6)]
    answers = await asyncio.gather(*[client.post("/api/admin/community_group/batches", json={}, headers=shop.owner) for _ in range(4)])
    assert sorted(a.status_code for a in answers)[0] == 201 and {a.status_code for a in answers} <= {201, 409}
    batched = await PickupOrder.filter(shop_id=shop.shop_id).values_list("order_id", "batch_id")
    assert {order_id for order_id, batch_id in batched if batch_id} == {o["id"] for o in orders}
    made = [a.json() for a in answers if a.status_code == 201]
    assert sum(b["order_count"] for b in made) == 6  # every order in exactly one batch


async def test_a_refunded_order_cannot_be_picked_up_and_leaves_the_picking_list(client, shop):
    leader = await make_leader(client, shop)
    sku = await make_sku(shop.shop_id)
    order = await pickup_order(client, shop.customer, leader.point_id, [(sku.id, 2)])
    batch = await new_batch(client, shop)
    line_id = order["lines"][0]["id"]
    refund = await client.post(f"/api/admin/orders/{order['id']}/refunds", json={"lines": [{"line_id": line_id, "quantity": 2}]}, headers=shop.owner)
    assert refund.status_code == 201, refund.text
    code = (await client.get(f"/api/shop/community_group/orders/{order['id']}/pickup", headers=shop.customer))
    assert code.status_code == 409
    stored = await PickupOrder.get(order_id=order["id"])
    refused = await client.post(VERIFY, json={"code": stored.pickup_code}, headers=leader.headers)
    assert refused.status_code == 409 and refused.json()["message"] == "订单已退款或关闭，不能提货"
    picking = (await client.get(f"/api/admin/community_group/batches/{batch['id']}/picking-list", headers=shop.owner)).json()
    assert picking == []


async def test_guessing_codes_is_stopped_after_too_many_wrong_ones(client, shop):
    from plugins.community_group.attempts import WRONG_CODES_PER_HOUR

    leader = await make_leader(client, shop)
    other = await make_leader(client, shop, "隔壁团长")
    sku = await make_sku(shop.shop_id)
    order = await pickup_order(client, shop.customer, leader.point_id, [(sku.id, 1)])
    await new_batch(client, shop)
    for guess in range(WRONG_CODES_PER_HOUR):
        wrong = await client.post(VERIFY, json={"code": f"{guess:010d}"}, headers=leader.headers)
        assert wrong.status_code == 422, wrong.text
    code = (await pickup_code(client, shop.customer, order["id"]))["pickup_code"]
    locked = await client.post(VERIFY, json={"code": code}, headers=leader.headers)
    assert locked.status_code == 429 and locked.json()["code"] == "rate_limited"
    assert (await Order.get(id=order["id"])).status == OrderStatus.SHIPPED
    # another leader is not affected
    assert (await client.post(VERIFY, json={"code": "0000000000"}, headers=other.headers)).status_code == 422
