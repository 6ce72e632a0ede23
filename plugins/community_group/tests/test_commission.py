"""Leader commission: accrues when a pickup order completes, reversed by refunds, reconciles
with the orders and refunds to the fen, and settles into immutable per-period statements."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.trade.models import OrderLine, Refund, RefundStatus
from plugins.community_group.commission import BASIS, SHOP_TZ
from plugins.community_group.models import CommissionEntry, PickupOrder
from plugins.community_group.tests.conftest import make_leader, new_batch, pickup_code, pickup_order
from tests.trade.helpers import make_sku

VERIFY = "/api/shop/community_group/leader/verify"


async def _completed(client, shop, leader, lines):
    order = await pickup_order(client, shop.customer, leader.point_id, lines)
    await new_batch(client, shop)
    code = (await pickup_code(client, shop.customer, order["id"]))["pickup_code"]
    done = await client.post(VERIFY, json={"code": code}, headers=leader.headers)
    assert done.status_code == 201, done.text
    return order


async def _refund(client, shop, order, line_id, quantity):
    response = await client.post(
        f"/api/admin/orders/{order['id']}/refunds", json={"lines": [{"line_id": line_id, "quantity": quantity}]}, headers=shop.owner
    )
    assert response.status_code == 201, response.text
    return response.json()


async def expected_commission(order_id: int) -> int:
    """Independently of the plugin: each line's kept amount (total − succeeded refunds) × its rate."""
    rates = (await PickupOrder.get(order_id=order_id)).rates_bp
    kept = {line.id: line.total_fen for line in await OrderLine.filter(order_id=order_id)}
    for refund in await Refund.filter(order_id=order_id, status=RefundStatus.SUCCEEDED):
        for part in refund.lines:
            kept[part["line_id"]] -= part["amount_fen"]
    return sum(amount * rates[str(line_id)] // BASIS for line_id, amount in kept.items())


async def ledger_of(order_id: int) -> list[tuple[str, int]]:
    return [(e.kind, e.amount_fen) for e in await CommissionEntry.filter(order_id=order_id).order_by("id")]


async def test_commission_accrues_on_completion_and_reconciles_with_refunds(client, shop):
    leader = await make_leader(client, shop, commission_bp=500)
    tea = await make_sku(shop.shop_id, price_fen=3333, title="茶叶", stock=20)
    rice = await make_sku(shop.shop_id, price_fen=1999, title="大米", stock=20)
    special = await client.put(f"/api/admin/community_group/product-rates/{rice.product_id}", json={"rate_bp": 1250}, headers=shop.owner)
    assert special.status_code == 200 and special.json() == [{"product_id": rice.product_id, "rate_bp": 1250}]

    paid_only = await pickup_order(client, shop.customer, leader.point_id, [(tea.id, 1)])
    assert await ledger_of(paid_only["id"]) == []  # nothing accrues before pickup

    order = await _completed(client, shop, leader, [(tea.id, 3), (rice.id, 2)])
    lines = {line["sku_id"]: line for line in order["lines"]}
    accrued = 9999 * 500 // BASIS + 3998 * 1250 // BASIS
    assert await ledger_of(order["id"]) == [("accrual", accrued)] == [("accrual", await expected_commission(order["id"]))]

    await _refund(client, shop, order, lines[tea.id]["id"], 1)
    await _refund(client, shop, order, lines[rice.id]["id"], 1)
    entries = await ledger_of(order["id"])
    assert [kind for kind, _ in entries] == ["accrual", "reversal", "reversal"]
    assert sum(amount for _, amount in entries) == await expected_commission(order["id"])
    await _refund(client, shop, order, lines[tea.id]["id"], 2)
    await _refund(client, shop, order, lines[rice.id]["id"], 1)  # everything back: commission is zero
    assert sum(amount for _, amount in await ledger_of(order["id"])) == 0 == await expected_commission(order["id"])

    # a product's rate changed later does not touch orders already placed
    await client.put(f"/api/admin/community_group/product-rates/{rice.product_id}", json={"rate_bp": None}, headers=shop.owner)
    later = await _completed(client, shop, leader, [(rice.id, 1)])
    assert await ledger_of(later["id"]) == [("accrual", 1999 * 500 // BASIS)]


async def test_a_refund_before_pickup_accrues_only_what_was_kept(client, shop):
    leader = await make_leader(client, shop, commission_bp=1000)
    sku = await make_sku(shop.shop_id, price_fen=1000, stock=10)
    other = await make_sku(shop.shop_id, price_fen=700, stock=10)
    order = await pickup_order(client, shop.customer, leader.point_id, [(sku.id, 2), (other.id, 1)])
    await new_batch(client, shop)
    await _refund(client, shop, order, order["lines"][0]["id"], 1)
    assert await ledger_of(order["id"]) == []  # a refund of a not-yet-completed order reverses nothing
    code = (await pickup_code(client, shop.customer, order["id"]))["pickup_code"]
    assert (await client.post(VERIFY, json={"code": code}, headers=leader.headers)).status_code == 201
    assert await ledger_of(order["id"]) == [("accrual", await expected_commission(order["id"]))] == [("accrual", 170)]


async def test_a_period_settles_exactly_once_into_immutable_statements(client, shop):
    leader = await make_leader(client, shop, "结算团长", commission_bp=1000)
    second = await make_leader(client, shop, "第二团长", commission_bp=200)
    sku = await make_sku(shop.shop_id, price_fen=5000, stock=20)
    old = await _completed(client, shop, leader, [(sku.id, 2)])
    other = await _completed(client, shop, second, [(sku.id, 1)])
    await _refund(client, shop, old, old["lines"][0]["id"], 1)
    # Move these entries into last month (the ledger records when things happened).
    now = datetime.now(SHOP_TZ)
    last_month_day = now.replace(day=1) - timedelta(days=3)
    period = f"{last_month_day:%Y-%m}"
    await CommissionEntry.filter(shop_id=shop.shop_id).update(occurred_at=last_month_day.astimezone(UTC))

    not_over = await client.post("/api/admin/community_group/settlements", json={"period": f"{now:%Y-%m}"}, headers=shop.owner)
    assert not_over.status_code == 409 and not_over.json()["field"] == "period"
    assert (await client.post("/api/admin/community_group/settlements", json={"period": "2026-13"}, headers=shop.owner)).status_code == 422
    settled = await client.post("/api/admin/community_group/settlements", json={"period": period}, headers=shop.owner)
    assert settled.status_code == 201, settled.text
    settlement = settled.json()
    assert settlement["entry_count"] == 3 and settlement["total_fen"] == 1000 - 500 + 100
    twice = await client.post("/api/admin/community_group/settlements", json={"period": period}, headers=shop.owner)
    assert twice.status_code == 409 and twice.json()["message"] == f"{period} 已结算"

    statements = (await client.get(f"/api/admin/community_group/settlements/{settlement['id']}/statements", headers=shop.owner)).json()
    by_leader = {s["leader_name"]: s for s in statements}
    assert (by_leader["结算团长"]["accrued_fen"], by_leader["结算团长"]["reversed_fen"], by_leader["结算团长"]["total_fen"]) == (1000, -500, 500)
    assert [e["kind"] for e in by_leader["结算团长"]["entries"]] == ["accrual", "reversal"]
    assert by_leader["第二团长"]["total_fen"] == 100 and by_leader["第二团长"]["entries"][0]["order_id"] == other["id"]

    # A refund after settlement never edits the settled ledger: it reverses in a later period.
    await _refund(client, shop, old, old["lines"][0]["id"], 1)
    settled_entries = await CommissionEntry.filter(settlement_id=settlement["id"]).values_list("id", "amount_fen")
    assert sorted(amount for _, amount in settled_entries) == [-500, 100, 1000]
    mine = (await client.get("/api/shop/community_group/leader/commission", headers=leader.headers)).json()
    assert mine["unsettled_fen"] == -500 and [s["total_fen"] for s in mine["statements"]] == [500]
    assert {s["leader_name"] for s in mine["statements"]} == {"结算团长"}  # only their own
    listed = (await client.get("/api/admin/community_group/settlements", headers=shop.owner)).json()
    assert [s["period"] for s in listed] == [period]


async def test_repeated_and_racing_events_never_count_twice(client, shop):
    import asyncio

    from plugins.community_group.commission import record

    leader = await make_leader(client, shop, commission_bp=1000)
    sku = await make_sku(shop.shop_id, price_fen=999, stock=10)
    order = await pickup_order(client, shop.customer, leader.point_id, [(sku.id, 3)])
    await new_batch(client, shop)
    # the completion event delivered many times at once: one accrual
    await asyncio.gather(*[record(shop.shop_id, order["id"], cause=f"completed:{order['id']}", completing=True) for _ in range(8)])
    assert await ledger_of(order["id"]) == [("accrual", 2997 * 1000 // BASIS)]
    # two refunds succeed and their notifications race, each delivered twice
    line_id = order["lines"][0]["id"]
    refunds = [
        await Refund.create(shop_id=shop.shop_id, order_id=order["id"], refund_no=f"RFT{n}{order['id']}", amount_fen=999,
                            status=RefundStatus.SUCCEEDED, lines=[{"line_id": line_id, "quantity": 1, "amount_fen": 999}])
        for n in range(2)
    ]
    await asyncio.gather(*[record(shop.shop_id, order["id"], cause=f"refund:{r.id}", completing=False) for r in refunds * 2])
    entries = await ledger_of(order["id"])
    assert sum(amount for _, amount in entries) == await expected_commission(order["id"]) == 999 * 1000 // BASIS
    assert len(entries) <= 3


async def test_racing_settlements_of_one_period_settle_once(client, shop):
    import asyncio

    leader = await make_leader(client, shop, commission_bp=1000)
    sku = await make_sku(shop.shop_id, price_fen=1000, stock=10)
    await _completed(client, shop, leader, [(sku.id, 1)])
    last_month = datetime.now(SHOP_TZ).replace(day=1) - timedelta(days=1)
    await CommissionEntry.filter(shop_id=shop.shop_id).update(occurred_at=last_month.astimezone(UTC))
    body = {"period": f"{last_month:%Y-%m}"}
    answers = await asyncio.gather(*[client.post("/api/admin/community_group/settlements", json=body, headers=shop.owner) for _ in range(5)])
    assert sorted(a.status_code for a in answers) == [201, 409, 409, 409, 409], [a.text for a in answers]
    assert [a.json()["entry_count"] for a in answers if a.status_code == 201] == [1]
