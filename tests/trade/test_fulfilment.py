"""Shipping (partial and batch), delivery, receipt, and partial refunds from allocations."""

from __future__ import annotations

import pytest

from core.accounts.models import StaffRole
from core.testing import add_staff, assert_other_shop_gets_404, make_shop
from core.trade.models import Order, OrderStatus, Refund, RefundStatus
from tests.trade.helpers import Recorder, checkout, make_sku, stock_of


@pytest.fixture
async def env(kaidian_client_for):
    recorder = Recorder(discount_fen=100)
    async with kaidian_client_for(plugins=[recorder]) as client:
        shop = await make_shop(client)
        yield client, recorder, shop


async def paid_order(client, shop, lines) -> dict:
    response = await checkout(client, shop.customer, lines)
    assert response.status_code == 201, response.text
    order = response.json()
    paid = await client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=shop.customer)
    assert paid.json()["status"] == "paid"
    return paid.json()


async def test_partial_then_full_shipping_then_receipt(env):
    client, recorder, shop = env
    first, second = await make_sku(shop.shop_id), await make_sku(shop.shop_id)
    order = await paid_order(client, shop, [(first.id, 2), (second.id, 1)])
    line_a, line_b = order["lines"]
    partial = await client.post(
        f"/api/admin/orders/{order['id']}/ship",
        json={"lines": [{"line_id": line_a["id"], "quantity": 1}], "carrier": "SF", "tracking_no": "SF1234567890"},
        headers=shop.owner,
    )
    assert partial.status_code == 201 and partial.json()["status"] == "partially_shipped"
    too_many = await client.post(
        f"/api/admin/orders/{order['id']}/ship",
        json={"lines": [{"line_id": line_a["id"], "quantity": 2}], "carrier": "SF", "tracking_no": "SF1234567891"},
        headers=shop.owner,
    )
    assert too_many.status_code == 422 and too_many.json()["field"] == "quantity"
    rest = await client.post(f"/api/admin/orders/{order['id']}/ship", json={"carrier": "YTO", "tracking_no": "YT0000001"}, headers=shop.owner)
    assert rest.json()["status"] == "shipped"
    assert [line["shipped_quantity"] for line in rest.json()["lines"]] == [2, 1]
    done = await client.post(f"/api/shop/orders/{order['id']}/confirm-receipt", headers=shop.customer)
    assert done.status_code == 201 and done.json()["status"] == "completed"
    assert [row["to_status"] for row in done.json()["history"]] == [
        "pending_payment", "paid", "partially_shipped", "shipped", "delivered", "completed"
    ]
    assert [call["new"] for call in recorder.of("status")] == ["paid", "partially_shipped", "shipped", "delivered", "completed"]
    # No skipping back: a completed order cannot be shipped or confirmed again.
    assert (await client.post(f"/api/shop/orders/{order['id']}/confirm-receipt", headers=shop.customer)).status_code == 409


async def test_an_express_order_without_a_delivery_address_is_refused_shipping(env):
    client, _, shop = env
    sku = await make_sku(shop.shop_id)
    placed = await client.post("/api/shop/orders", json={"lines": [{"sku_id": sku.id, "quantity": 1}]}, headers={**shop.customer, "Idempotency-Key": "no-address"})
    assert placed.status_code == 201 and placed.json()["shipping"] == {}
    await client.post(f"/api/shop/orders/{placed.json()['id']}/sandbox-pay", headers=shop.customer)
    ship = {"carrier": "SF", "tracking_no": "SF1234567890"}
    refused = await client.post(f"/api/admin/orders/{placed.json()['id']}/ship", json=ship, headers=shop.owner)
    assert refused.status_code == 409 and refused.json()["field"] == "shipping.address_id"
    assert refused.json()["message"] == "订单没有收货地址，不能发货：请联系顾客补充收货地址"
    english = await client.post(f"/api/admin/orders/{placed.json()['id']}/ship", json=ship, headers={**shop.owner, "Accept-Language": "en"})
    assert english.json()["message"] == "the order has no delivery address to ship to: ask the customer for one"
    batch = await client.post("/api/admin/orders/ship-batch", json={"csv": f"{placed.json()['order_no']},SF,SF1"}, headers=shop.owner)
    assert batch.json()[0]["ok"] is False
    assert (await Order.get(id=placed.json()["id"])).status == OrderStatus.PAID

    # An order placed before orders kept their address names it by id only: once the customer
    # deletes it, there is nowhere to ship to either.
    order = await paid_order(client, shop, [(sku.id, 1)])
    await Order.filter(id=order["id"]).update(shipping={"address_id": order["shipping"]["address_id"]})
    deleted = await client.delete(f"/api/shop/addresses/{order['shipping']['address_id']}", headers=shop.customer)
    assert deleted.status_code in (200, 204)
    gone = await client.post(f"/api/admin/orders/{order['id']}/ship", json=ship, headers=shop.owner)
    assert gone.status_code == 409 and gone.json()["field"] == "shipping.address_id"
    assert (await client.get(f"/api/admin/orders/{order['id']}/delivery-address", headers=shop.owner)).json() is None


async def test_staff_see_where_to_ship_as_the_customer_chose_it(env):
    client, _, shop = env
    sku = await make_sku(shop.shop_id)
    order = await paid_order(client, shop, [(sku.id, 1)])
    address_id = order["shipping"]["address_id"]
    assert set(order["shipping"]) == {"address_id"}  # the kept ciphertexts never leave the server
    stored = (await Order.get(id=order["id"])).shipping["address"]
    assert "人民大道" not in str(stored) and "13800138000" not in str(stored)  # kept encrypted

    # The customer edits the address, then deletes it: the order still goes where it was placed to.
    edited = await client.patch(f"/api/shop/addresses/{address_id}", json={"detail": "南京西路1号"}, headers=shop.customer)
    assert edited.status_code == 200, edited.text
    assert (await client.delete(f"/api/shop/addresses/{address_id}", headers=shop.customer)).status_code in (200, 204)
    owner_view = await client.get(f"/api/admin/orders/{order['id']}/delivery-address", headers=shop.owner)
    assert owner_view.status_code == 200, owner_view.text
    assert owner_view.json() == {
        "recipient": "张三", "phone": "13800138000", "province": "上海市", "city": "上海市", "district": "黄浦区",
        "detail": "人民大道100号", "masked": False, "as_placed": True,
    }
    # Operators ship orders too; customer service sees it masked.
    operator = await add_staff(client, shop, StaffRole.OPERATOR)
    assert (await client.get(f"/api/admin/orders/{order['id']}/delivery-address", headers=operator)).json()["detail"] == "人民大道100号"
    service = await add_staff(client, shop, StaffRole.CUSTOMER_SERVICE)
    masked = (await client.get(f"/api/admin/orders/{order['id']}/delivery-address", headers=service)).json()
    assert masked["masked"] is True and masked["phone"] != "13800138000" and "人民大道100号" not in masked["detail"]
    assert masked["province"] == "上海市"

    shipped = await client.post(f"/api/admin/orders/{order['id']}/ship", json={"carrier": "SF", "tracking_no": "SF1234567890"}, headers=shop.owner)
    assert shipped.status_code == 201 and shipped.json()["status"] == "shipped"

    other = await make_shop(client)
    await assert_other_shop_gets_404(client, [("GET", f"/api/admin/orders/{order['id']}/delivery-address", None)], other.owner)
    assert (await client.get(f"/api/admin/orders/{order['id']}/delivery-address", headers=shop.customer)).status_code in (401, 403)


async def test_unpaid_order_cannot_ship_or_refund(env):
    client, _, shop = env
    sku = await make_sku(shop.shop_id)
    order = (await checkout(client, shop.customer, [(sku.id, 1)])).json()
    ship = await client.post(f"/api/admin/orders/{order['id']}/ship", json={"carrier": "SF", "tracking_no": "SF0001"}, headers=shop.owner)
    assert ship.status_code == 409
    refund = await client.post(
        f"/api/admin/orders/{order['id']}/refunds", json={"lines": [{"line_id": order["lines"][0]["id"], "quantity": 1}]}, headers=shop.owner
    )
    assert refund.status_code == 409


async def test_partial_refunds_sum_exactly_and_restock_unshipped_units(env):
    client, recorder, shop = env
    cheap, dear = await make_sku(shop.shop_id, price_fen=333), await make_sku(shop.shop_id, price_fen=1000)
    order = await paid_order(client, shop, [(cheap.id, 3), (dear.id, 1)])
    assert order["total_fen"] == 1899  # 999 + 1000 − 100
    line_cheap = next(line for line in order["lines"] if line["sku_id"] == cheap.id)
    refunds = []
    for _ in range(3):
        response = await client.post(
            f"/api/admin/orders/{order['id']}/refunds",
            json={"lines": [{"line_id": line_cheap["id"], "quantity": 1}], "reason": "缺货"},
            headers=shop.owner,
        )
        assert response.status_code == 201, response.text
        refunds.append(response.json()["amount_fen"])
    assert sum(refunds) == line_cheap["total_fen"] and max(refunds) - min(refunds) <= 1
    assert await stock_of(cheap.id) == 10  # unshipped units went back
    over = await client.post(
        f"/api/admin/orders/{order['id']}/refunds", json={"lines": [{"line_id": line_cheap["id"], "quantity": 1}]}, headers=shop.owner
    )
    assert over.status_code == 422
    assert (await Order.get(id=order["id"])).status == OrderStatus.PAID
    line_dear = next(line for line in order["lines"] if line["sku_id"] == dear.id)
    last = await client.post(
        f"/api/admin/orders/{order['id']}/refunds", json={"lines": [{"line_id": line_dear["id"], "quantity": 1}]}, headers=shop.owner
    )
    assert last.status_code == 201
    final = await Order.get(id=order["id"])
    assert final.status == OrderStatus.REFUNDED and final.refunded_fen == final.paid_fen == 1899
    assert await Refund.filter(order_id=order["id"], status=RefundStatus.SUCCEEDED).count() == 4
    assert sum(call["amount_fen"] for call in recorder.of("refunded")) == 1899
    listed = (await client.get(f"/api/admin/orders/{order['id']}/refunds", headers=shop.owner)).json()
    assert [row["amount_fen"] for row in listed] == refunds + [last.json()["amount_fen"]]


async def test_batch_shipping_reports_each_row(env):
    client, _, shop = env
    sku = await make_sku(shop.shop_id)
    one = await paid_order(client, shop, [(sku.id, 1)])
    two = await paid_order(client, shop, [(sku.id, 2)])
    unpaid = (await checkout(client, shop.customer, [(sku.id, 1)])).json()
    other = await make_shop(client)
    foreign = await paid_order(client, other, [((await make_sku(other.shop_id)).id, 1)])
    csv_text = f"order_no,carrier,tracking_no\n{two['order_no']},ZTO,ZT000002\n{unpaid['order_no']},ZTO,ZT000003\nbroken-row\n{foreign['order_no']},SF,SF999\n"
    response = await client.post(
        "/api/admin/orders/ship-batch",
        json={"rows": [{"order_no": one["order_no"], "carrier": "SF", "tracking_no": "SF000001"}], "csv": csv_text},
        headers={**shop.owner, "Accept-Language": "en"},
    )
    assert response.status_code == 201, response.text
    report = response.json()
    assert [(row["order_no"], row["ok"]) for row in report] == [
        (one["order_no"], True), (two["order_no"], True), (unpaid["order_no"], False), ("broken-row", False), (foreign["order_no"], False)
    ]
    assert report[4]["error"] == "Not found"
    assert (await Order.get(id=one["id"])).status == OrderStatus.SHIPPED
    assert (await Order.get(id=two["id"])).status == OrderStatus.SHIPPED
    assert (await Order.get(id=foreign["id"])).status == OrderStatus.PAID


async def test_foreign_fulfilment_is_404(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    sku = await make_sku(shop_a.shop_id)
    order = (await checkout(kaidian_client, shop_a.customer, [(sku.id, 1)])).json()
    await kaidian_client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=shop_a.customer)
    line_id = order["lines"][0]["id"]
    await assert_other_shop_gets_404(
        kaidian_client,
        [
            ("POST", f"/api/admin/orders/{order['id']}/ship", {"carrier": "SF", "tracking_no": "SF0001"}),
            ("POST", f"/api/admin/orders/{order['id']}/deliver", None),
            ("POST", f"/api/admin/orders/{order['id']}/refunds", {"lines": [{"line_id": line_id, "quantity": 1}]}),
            ("GET", f"/api/admin/orders/{order['id']}/refunds", None),
        ],
        shop_b.owner,
    )
    await assert_other_shop_gets_404(kaidian_client, [("POST", f"/api/shop/orders/{order['id']}/confirm-receipt", None)], shop_b.customer)
    assert (await Order.get(id=order["id"])).status == OrderStatus.PAID
    assert not await Refund.filter(order_id=order["id"]).exists()


async def test_receipt_is_confirmed_automatically_after_ten_days(env):
    from datetime import UTC, datetime, timedelta

    from core.trade.timers import run_due_timers

    client, recorder, shop = env
    sku = await make_sku(shop.shop_id)
    order = await paid_order(client, shop, [(sku.id, 1)])
    await client.post(f"/api/admin/orders/{order['id']}/ship", json={"carrier": "SF", "tracking_no": "SF55555"}, headers=shop.owner)
    host = client.app.state.host
    await run_due_timers(host, now=datetime.now(UTC) + timedelta(days=9))
    assert (await Order.get(id=order["id"])).status == OrderStatus.SHIPPED
    await run_due_timers(host, now=datetime.now(UTC) + timedelta(days=11))
    assert (await Order.get(id=order["id"])).status == OrderStatus.COMPLETED
    mine = [call["new"] for call in recorder.of("status") if call["order_id"] == order["id"]]
    assert mine == ["paid", "shipped", "delivered", "completed"]


async def test_orders_placed_in_code_keep_their_address_too(env):
    """Plugins' checkouts and the demo call place_order with an address id only."""
    from core.trade.orders import LineRequest, place_order
    from tests.trade.helpers import delivery_address

    client, _, shop = env
    sku = await make_sku(shop.shop_id)
    address_id = await delivery_address(client, shop.customer)
    order = await place_order(client.app.state.host, shop.shop_id, shop.customer_id, [LineRequest(sku.id, 1)], shipping={"address_id": address_id})
    assert (await client.delete(f"/api/shop/addresses/{address_id}", headers=shop.customer)).status_code in (200, 204)
    view = (await client.get(f"/api/admin/orders/{order.id}/delivery-address", headers=shop.owner)).json()
    assert view["recipient"] == "张三" and view["as_placed"] is True
