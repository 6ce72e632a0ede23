"""Customers' refund requests: auto-review rules, the staff review queue, returns, bad input,
concurrency and per-shop isolation."""

from __future__ import annotations

import asyncio

import pytest

from core.catalog.models import Product
from core.testing import assert_other_shop_gets_404, customer_login, make_shop
from core.trade.models import Order, OrderStatus, Refund, RefundLog, RefundStatus
from tests.trade.helpers import Recorder, checkout, make_sku, stock_of


@pytest.fixture
async def env(kaidian_client_for):
    recorder = Recorder()
    async with kaidian_client_for(plugins=[recorder]) as client:
        shop = await make_shop(client)
        yield client, recorder, shop


async def paid_order(client, shop, lines) -> dict:
    response = await checkout(client, shop.customer, lines)
    assert response.status_code == 201, response.text
    paid = await client.post(f"/api/shop/orders/{response.json()['id']}/sandbox-pay", headers=shop.customer)
    assert paid.json()["status"] == "paid", paid.text
    return paid.json()


async def ask(client, shop, order, units, **extra):
    body = {"lines": [{"line_id": line_id, "quantity": quantity} for line_id, quantity in units], "reason": "不想要了", **extra}
    return await client.post(f"/api/shop/orders/{order['id']}/refunds", json=body, headers=shop.customer)


def actors(refund: dict) -> list[tuple[str, str]]:
    return [(row["to_status"], row["actor"]) for row in refund["history"]]


async def test_unshipped_units_are_refunded_at_once_and_restocked(env):
    client, recorder, shop = env
    sku = await make_sku(shop.shop_id, stock=10, price_fen=1000)
    order = await paid_order(client, shop, [(sku.id, 3)])
    line = order["lines"][0]
    response = await ask(client, shop, order, [(line["id"], 2)], photo_urls=["https://img.example.com/a.jpg"])
    assert response.status_code == 201, response.text
    refund = response.json()
    assert refund["status"] == "succeeded" and refund["amount_fen"] == 2000 and refund["source"] == "customer"
    assert refund["reviewed_by"] == "rule:unshipped" and refund["photo_urls"] == ["https://img.example.com/a.jpg"]
    assert actors(refund) == [
        ("requested", f"customer:{shop.customer_id}"),
        ("approved", "rule:unshipped"),
        ("processing", "rule:unshipped"),
        ("succeeded", "payment:provider"),
    ]
    assert await stock_of(sku.id) == 9  # 10 − 3 bought + 2 back
    assert recorder.of("refunded") == [{"order_id": order["id"], "amount_fen": 2000}]
    stored = await Order.get(id=order["id"])
    assert (stored.status, stored.refunded_fen) == (OrderStatus.PAID, 2000)
    # The last unit: the whole payment is back and the order is refunded.
    last = (await ask(client, shop, order, [(line["id"], 1)])).json()
    assert last["status"] == "succeeded" and last["amount_fen"] == 1000
    stored = await Order.get(id=order["id"])
    assert stored.status == OrderStatus.REFUNDED and stored.refunded_fen == stored.paid_fen == 3000


async def test_seven_day_no_reason_items_are_approved_on_return(env):
    client, _, shop = env
    sku = await make_sku(shop.shop_id, stock=5)
    await Product.filter(id=sku.product_id).update(tags=["7天无理由"])
    order = await paid_order(client, shop, [(sku.id, 2)])
    await client.post(f"/api/admin/orders/{order['id']}/ship", json={"carrier": "SF", "tracking_no": "SF100001"}, headers=shop.owner)
    await client.post(f"/api/admin/orders/{order['id']}/deliver", headers=shop.owner)
    refund = (await ask(client, shop, order, [(order["lines"][0]["id"], 1)])).json()
    assert refund["status"] == "awaiting_return" and refund["return_required"] is True
    assert refund["reviewed_by"] == "rule:no_reason_return"
    assert await stock_of(sku.id) == 3
    # Staff cannot pay before the goods are back; the customer sends them.
    sent = await client.post(f"/api/shop/refunds/{refund['id']}/return", json={"carrier": "YTO", "tracking_no": "YT123456"}, headers=shop.customer)
    assert sent.status_code == 201 and sent.json()["return_tracking_no"] == "YT123456"
    received = await client.post(f"/api/admin/refunds/{refund['id']}/receive-return", json={}, headers=shop.owner)
    assert received.status_code == 201, received.text
    assert received.json()["status"] == "succeeded"
    assert await stock_of(sku.id) == 4  # the returned unit is back on the shelf (restock_returned)
    again = await client.post(f"/api/admin/refunds/{refund['id']}/receive-return", json={}, headers=shop.owner)
    assert again.status_code == 409


async def test_shipped_items_without_the_mark_wait_for_staff_who_approve_or_reject(env):
    client, recorder, shop = env
    sku = await make_sku(shop.shop_id, stock=5, price_fen=5000)
    order = await paid_order(client, shop, [(sku.id, 2)])
    await client.post(f"/api/admin/orders/{order['id']}/ship", json={"carrier": "SF", "tracking_no": "SF100002"}, headers=shop.owner)
    line_id = order["lines"][0]["id"]
    first = (await ask(client, shop, order, [(line_id, 1)], reason="质量问题", description="屏幕有划痕")).json()
    assert first["status"] == "requested" and first["reviewed_by"] == ""
    queue = (await client.get("/api/admin/refunds", params={"status": "requested"}, headers=shop.owner)).json()
    assert [row["id"] for row in queue] == [first["id"]] and queue[0]["order_no"] == order["order_no"]
    rejected = await client.post(f"/api/admin/refunds/{first['id']}/reject", json={"reason": "商品已签收且无质量问题"}, headers=shop.owner)
    assert rejected.status_code == 201 and rejected.json()["status"] == "rejected"
    assert rejected.json()["review_note"] == "商品已签收且无质量问题"
    assert (await client.post(f"/api/admin/refunds/{first['id']}/reject", json={"reason": "x"}, headers=shop.owner)).status_code == 409
    # A rejected request frees its units: the customer may ask again; staff approve, and as
    # the unit shipped, a return is required by default.
    second = (await ask(client, shop, order, [(line_id, 1)])).json()
    approved = await client.post(f"/api/admin/refunds/{second['id']}/approve", json={"note": "同意退货"}, headers=shop.owner)
    assert approved.json()["status"] == "awaiting_return"
    received = (await client.post(f"/api/admin/refunds/{second['id']}/receive-return", json={"restock": False}, headers=shop.owner)).json()
    assert received["status"] == "succeeded" and received["amount_fen"] == 5000
    assert await stock_of(sku.id) == 3  # not restocked: staff said the unit is damaged
    assert [call["amount_fen"] for call in recorder.of("refunded")] == [5000]
    # Staff may also approve without a return.
    third = (await ask(client, shop, order, [(line_id, 1)])).json()
    done = (await client.post(f"/api/admin/refunds/{third['id']}/approve", json={"require_return": False}, headers=shop.owner)).json()
    assert done["status"] == "succeeded"
    assert (await Order.get(id=order["id"])).status == OrderStatus.REFUNDED


async def test_rules_are_per_shop_and_the_amount_limit_wins(env):
    client, _, shop = env
    defaults = (await client.get("/api/admin/refund-rules", headers=shop.owner)).json()
    assert defaults == {"auto_approve_unshipped": True, "no_reason_return_days": 7, "manual_review_over_fen": None, "restock_returned": True}
    rules = {**defaults, "manual_review_over_fen": 1500}
    assert (await client.put("/api/admin/refund-rules", json=rules, headers=shop.owner)).json() == rules
    bad = await client.put("/api/admin/refund-rules", json={**rules, "no_reason_return_days": -1}, headers=shop.owner)
    assert bad.status_code == 422 and bad.json()["field"] == "no_reason_return_days"
    assert (await client.put("/api/admin/refund-rules", json=rules, headers=shop.customer)).status_code == 403
    other = await make_shop(client)
    assert (await client.get("/api/admin/refund-rules", headers=other.owner)).json() == defaults

    sku = await make_sku(shop.shop_id, price_fen=1000)
    order = await paid_order(client, shop, [(sku.id, 2)])
    line_id = order["lines"][0]["id"]
    small = (await ask(client, shop, order, [(line_id, 1)])).json()
    assert small["status"] == "succeeded"  # 1000 ≤ 1500: unshipped → approved
    order2 = await paid_order(client, shop, [(sku.id, 2)])
    large = (await ask(client, shop, order2, [(order2["lines"][0]["id"], 2)])).json()
    assert large["status"] == "requested"  # 2000 > 1500: staff decide
    await client.put("/api/admin/refund-rules", json={**rules, "manual_review_over_fen": None, "auto_approve_unshipped": False}, headers=shop.owner)
    order3 = await paid_order(client, shop, [(sku.id, 1)])
    assert (await ask(client, shop, order3, [(order3["lines"][0]["id"], 1)])).json()["status"] == "requested"


async def test_bad_requests_are_refused_clearly(env):
    client, _, shop = env
    sku = await make_sku(shop.shop_id)
    order = await paid_order(client, shop, [(sku.id, 2)])
    line_id = order["lines"][0]["id"]
    await client.post(f"/api/admin/orders/{order['id']}/ship", json={"carrier": "SF", "tracking_no": "SF100003"}, headers=shop.owner)
    too_many = await ask(client, shop, order, [(line_id, 3)])
    assert too_many.status_code == 422 and too_many.json()["field"] == "quantity"
    assert (await ask(client, shop, order, [(line_id, 0)])).status_code == 422
    other_order = await paid_order(client, shop, [(sku.id, 1)])
    foreign_line = await ask(client, shop, order, [(other_order["lines"][0]["id"], 1)])
    assert foreign_line.status_code == 422 and foreign_line.json()["field"] == "line_id"
    insecure = await ask(client, shop, order, [(line_id, 1)], photo_urls=["http://evil.example.com/a.jpg"])
    assert insecure.status_code == 422 and insecure.json()["field"] == "photo_urls[0]"
    assert (await ask(client, shop, order, [(line_id, 1)], photo_urls=["https://a.example.com/x.jpg"] * 10)).status_code == 422
    assert (await ask(client, shop, order, [(line_id, 1)], photo_urls=["javascript:alert(1)"])).status_code == 422
    assert (await ask(client, shop, order, [(line_id, 1)], reason="")).status_code == 422
    # Units already asked for in an open request cannot be asked for again.
    assert (await ask(client, shop, order, [(line_id, 2)])).json()["status"] == "requested"
    again = await ask(client, shop, order, [(line_id, 1)])
    assert again.status_code == 422 and again.json()["field"] == "quantity"
    # Another customer of the same shop cannot ask about this order or read the refund.
    stranger, _ = await customer_login(client, shop.shop_id, "stranger")
    response = await client.post(
        f"/api/shop/orders/{order['id']}/refunds", json={"lines": [{"line_id": line_id, "quantity": 1}], "reason": "x"}, headers=stranger
    )
    assert response.status_code == 404
    refund_id = (await Refund.get(order_id=order["id"])).id
    assert (await client.get(f"/api/shop/refunds/{refund_id}", headers=stranger)).status_code == 404
    assert (await client.post(f"/api/shop/refunds/{refund_id}/cancel", headers=stranger)).status_code == 404
    # An unpaid order has nothing to refund.
    unpaid = (await checkout(client, shop.customer, [(sku.id, 1)])).json()
    assert (await ask(client, shop, unpaid, [(unpaid["lines"][0]["id"], 1)])).status_code == 409
    # A request not waiting for a return takes no tracking number; withdrawn, it is final.
    assert (await client.post(f"/api/shop/refunds/{refund_id}/return", json={"carrier": "SF", "tracking_no": "SF0001"}, headers=shop.customer)).status_code == 409
    withdrawn = await client.post(f"/api/shop/refunds/{refund_id}/cancel", headers=shop.customer)
    assert withdrawn.status_code == 201 and withdrawn.json()["status"] == "cancelled"
    assert (await client.post(f"/api/admin/refunds/{refund_id}/approve", json={}, headers=shop.owner)).status_code == 409
    assert (await Order.get(id=order["id"])).refunded_fen == 0


async def test_concurrent_requests_never_refund_more_than_paid(env):
    client, recorder, shop = env
    sku = await make_sku(shop.shop_id, stock=10, price_fen=777)
    order = await paid_order(client, shop, [(sku.id, 3)])
    line_id = order["lines"][0]["id"]
    answers = await asyncio.gather(*(ask(client, shop, order, [(line_id, 2)]) for _ in range(4)))
    codes = sorted(answer.status_code for answer in answers)
    assert codes == [201, 422, 422, 422], [answer.text for answer in answers]
    # Staff refunding the last unit while the customer asks for it: one of them gets it.
    staff, customer = await asyncio.gather(
        client.post(f"/api/admin/orders/{order['id']}/refunds", json={"lines": [{"line_id": line_id, "quantity": 1}]}, headers=shop.owner),
        ask(client, shop, order, [(line_id, 1)]),
    )
    stored = await Order.get(id=order["id"])
    assert stored.refunded_fen == stored.paid_fen == 2331
    succeeded = await Refund.filter(order_id=order["id"], status=RefundStatus.SUCCEEDED).values_list("amount_fen", flat=True)
    assert sum(succeeded) == 2331 and sum(call["amount_fen"] for call in recorder.of("refunded")) == 2331
    assert await stock_of(sku.id) == 10
    # Whoever lost says so: a 4xx, or a request recorded as failed with the reason.
    loser = customer.json() if staff.status_code == 201 else staff.json()
    assert staff.status_code in (201, 409, 422) and customer.status_code in (201, 409, 422)
    if customer.status_code == 201 and staff.status_code == 201:
        assert customer.json()["status"] == "failed" and customer.json()["history"][-1]["reason"], loser


async def test_refund_routes_are_per_shop(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    sku = await make_sku(shop_a.shop_id)
    order = await paid_order(kaidian_client, shop_a, [(sku.id, 2)])
    await kaidian_client.post(f"/api/admin/orders/{order['id']}/ship", json={"carrier": "SF", "tracking_no": "SF100004"}, headers=shop_a.owner)
    line_id = order["lines"][0]["id"]
    refund = (await ask(kaidian_client, shop_a, order, [(line_id, 1)])).json()
    assert refund["status"] == "requested"
    await assert_other_shop_gets_404(
        kaidian_client,
        [
            ("POST", f"/api/shop/orders/{order['id']}/refunds", {"lines": [{"line_id": line_id, "quantity": 1}], "reason": "x"}),
            ("GET", f"/api/shop/refunds/{refund['id']}", None),
            ("POST", f"/api/shop/refunds/{refund['id']}/return", {"carrier": "SF", "tracking_no": "SF0001"}),
            ("POST", f"/api/shop/refunds/{refund['id']}/cancel", None),
        ],
        shop_b.customer,
    )
    await assert_other_shop_gets_404(
        kaidian_client,
        [
            ("GET", f"/api/admin/refunds/{refund['id']}", None),
            ("POST", f"/api/admin/refunds/{refund['id']}/approve", {}),
            ("POST", f"/api/admin/refunds/{refund['id']}/reject", {"reason": "x"}),
            ("POST", f"/api/admin/refunds/{refund['id']}/receive-return", {}),
            ("POST", f"/api/admin/refunds/{refund['id']}/retry", None),
        ],
        shop_b.owner,
    )
    assert (await kaidian_client.get("/api/admin/refunds", headers=shop_b.owner)).json() == []
    bogus = await kaidian_client.get("/api/admin/refunds", params={"status": "bogus"}, headers=shop_a.owner)
    assert bogus.status_code in (400, 422) and bogus.json()["field"] == "status"
    assert (await kaidian_client.get("/api/shop/refunds", headers=shop_b.customer)).json() == []
    mine = (await kaidian_client.get("/api/shop/refunds", headers=shop_a.customer)).json()
    assert [row["id"] for row in mine] == [refund["id"]]
    assert (await Refund.get(id=refund["id"])).status == RefundStatus.REQUESTED
    assert await RefundLog.filter(refund_id=refund["id"]).count() == 1
