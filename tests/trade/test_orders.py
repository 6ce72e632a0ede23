"""Checkout, idempotency keys, the state machine and cancellation."""

from __future__ import annotations

import asyncio

import pytest

from core.testing import customer_login, unique
from core.trade.models import IdempotencyKey, Order, OrderStatus, OrderStatusLog
from core.trade.states import TRANSITIONS, can_move
from tests.trade.helpers import Recorder, checkout, delivery_address, make_sku, stock_of


@pytest.fixture
async def recorded(kaidian_client_for):
    recorder = Recorder(discount_fen=100)
    async with kaidian_client_for(plugins=[recorder]) as client:
        yield client, recorder


async def test_checkout_prices_reserves_and_logs(recorded):
    client, recorder = recorded
    from core.testing import make_shop

    shop = await make_shop(client)
    first = await make_sku(shop.shop_id, stock=5, price_fen=1000)
    second = await make_sku(shop.shop_id, stock=5, price_fen=333)
    response = await checkout(client, shop.customer, [(first.id, 2), (second.id, 3)])
    assert response.status_code == 201, response.text
    order = response.json()
    assert order["status"] == "pending_payment"
    assert order["subtotal_fen"] == 2999 and order["total_fen"] == 2899 and order["discount_fen"] == 100
    # The discount is allocated to lines and the parts sum exactly.
    assert sum(line["discount_fen"] for line in order["lines"]) == 100
    assert sum(line["total_fen"] for line in order["lines"]) == 2899
    assert all(line["allocations_fen"] == {"recorder:flat": -line["discount_fen"]} for line in order["lines"])
    assert (await stock_of(first.id), await stock_of(second.id)) == (3, 2)
    detail = (await client.get(f"/api/shop/orders/{order['id']}", headers=shop.customer)).json()
    assert [(row["from_status"], row["to_status"]) for row in detail["history"]] == [(None, "pending_payment")]
    # The answer is built from the rows as written (no read where the database returns the line
    # ids): it must be the order as read back, line ids included.
    assert {**detail, "history": []} == order and len({line["id"] for line in order["lines"]}) == 2


async def test_same_key_same_body_replays_and_different_body_is_422(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, stock=10)
    first = await checkout(kaidian_client, shop.customer, [(sku.id, 1)], key="key-1")
    again = await checkout(kaidian_client, shop.customer, [(sku.id, 1)], key="key-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert await stock_of(sku.id) == 9 and await Order.filter(shop_id=shop.shop_id).count() == 1
    other = await checkout(kaidian_client, shop.customer, [(sku.id, 2)], key="key-1")
    assert other.status_code == 422 and other.json()["field"] == "Idempotency-Key"
    missing = await kaidian_client.post("/api/shop/orders", json={"lines": [{"sku_id": sku.id, "quantity": 1}]}, headers=shop.customer)
    assert missing.status_code == 422 and missing.json()["field"] == "Idempotency-Key"


async def test_racing_requests_with_one_key_make_one_order(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, stock=10)
    await delivery_address(kaidian_client, shop.customer)  # before the race: every request then sends the same body
    responses = await asyncio.gather(*[checkout(kaidian_client, shop.customer, [(sku.id, 1)], key="race") for _ in range(8)])
    codes = sorted(response.status_code for response in responses)
    assert set(codes) <= {201, 409} and 201 in codes
    assert len({response.json()["id"] for response in responses if response.status_code == 201}) == 1
    assert await Order.filter(shop_id=shop.shop_id).count() == 1 and await stock_of(sku.id) == 9


async def test_out_of_stock_writes_nothing_and_frees_the_key(kaidian_client, shop):
    plenty = await make_sku(shop.shop_id, stock=10)
    scarce = await make_sku(shop.shop_id, stock=1)
    response = await checkout(kaidian_client, shop.customer, [(plenty.id, 2), (scarce.id, 2)], key="k-oos")
    assert response.status_code == 409 and response.json()["code"] == "out_of_stock"
    assert (await stock_of(plenty.id), await stock_of(scarce.id)) == (10, 1)
    assert await Order.filter(shop_id=shop.shop_id).count() == 0
    assert not await IdempotencyKey.filter(key="k-oos").exists()


@pytest.mark.parametrize("quantity", [0, -1, 1000])
async def test_bad_quantities_are_422(kaidian_client, shop, quantity):
    sku = await make_sku(shop.shop_id)
    response = await checkout(kaidian_client, shop.customer, [(sku.id, quantity)])
    assert response.status_code == 422
    assert await stock_of(sku.id) == 10


async def test_a_shipping_method_nobody_serves_is_422_and_writes_nothing(kaidian_client, shop):
    sku = await make_sku(shop.shop_id)
    response = await kaidian_client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": sku.id, "quantity": 1}], "shipping_method": "teleport"},
        headers={**shop.customer, "Idempotency-Key": "k-teleport"},
    )
    assert response.status_code == 422 and response.json()["field"] == "shipping_method", response.text
    assert await Order.filter(shop_id=shop.shop_id).count() == 0 and await stock_of(sku.id) == 10
    plain = await checkout(kaidian_client, shop.customer, [(sku.id, 1)])
    assert list(plain.json()["shipping"]) == ["address_id"] and plain.json()["shipping_fen"] == 0  # express: the address only


async def test_unknown_or_foreign_sku_is_409(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    foreign = await make_sku(shop_b.shop_id)
    response = await checkout(kaidian_client, shop_a.customer, [(foreign.id, 1)])
    assert response.status_code == 409 and response.json()["code"] == "sku_unavailable"
    assert await stock_of(foreign.id) == 10


async def test_cancel_releases_stock_and_cannot_repeat(recorded):
    client, recorder = recorded
    from core.testing import make_shop

    shop = await make_shop(client)
    sku = await make_sku(shop.shop_id, stock=4)
    order = (await checkout(client, shop.customer, [(sku.id, 3)])).json()
    cancelled = await client.post(f"/api/shop/orders/{order['id']}/cancel", json={"reason": "不想要了"}, headers=shop.customer)
    assert cancelled.status_code == 201 and cancelled.json()["status"] == "cancelled"
    assert await stock_of(sku.id) == 4
    assert recorder.of("status") == [{"order_id": order["id"], "old": "pending_payment", "new": "cancelled", "reason": "不想要了"}]
    again = await client.post(f"/api/admin/orders/{order['id']}/cancel", json={}, headers=shop.owner)
    assert again.status_code == 409
    assert await stock_of(sku.id) == 4
    log = await OrderStatusLog.filter(order_id=order["id"]).order_by("id").values_list("to_status", "actor")
    assert log == [("pending_payment", f"customer:{shop.customer_id}"), ("cancelled", f"customer:{shop.customer_id}")]


def test_state_machine_refuses_illegal_moves():
    assert can_move(OrderStatus.PENDING_PAYMENT, OrderStatus.PAID)
    assert not can_move(OrderStatus.PENDING_PAYMENT, OrderStatus.SHIPPED)
    assert not can_move(OrderStatus.CANCELLED, OrderStatus.PAID)
    assert not can_move(OrderStatus.PAID, OrderStatus.CANCELLED)
    assert TRANSITIONS[OrderStatus.REFUNDED] == frozenset()


async def test_other_shops_tokens_get_404(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    sku = await make_sku(shop_a.shop_id)
    order = (await checkout(kaidian_client, shop_a.customer, [(sku.id, 1)])).json()
    from core.testing import assert_other_shop_gets_404

    await assert_other_shop_gets_404(
        kaidian_client,
        [
            ("GET", f"/api/shop/orders/{order['id']}", None),
            ("POST", f"/api/shop/orders/{order['id']}/cancel", {}),
            ("POST", f"/api/shop/orders/{order['id']}/pay", {"method": "sandbox"}),
            ("POST", f"/api/shop/orders/{order['id']}/sandbox-pay", None),
            ("GET", f"/api/shop/orders/{order['id']}/events", None),
        ],
        shop_b.customer,
    )
    await assert_other_shop_gets_404(
        kaidian_client,
        [("GET", f"/api/admin/orders/{order['id']}", None), ("POST", f"/api/admin/orders/{order['id']}/cancel", {})],
        shop_b.owner,
    )
    assert (await kaidian_client.get("/api/shop/orders", headers=shop_b.customer)).json() == []
    assert (await kaidian_client.get("/api/admin/orders", headers=shop_b.owner)).json() == []
    assert [row["id"] for row in (await kaidian_client.get("/api/admin/orders", headers=shop_a.owner)).json()] == [order["id"]]
    assert (await Order.get(id=order["id"])).status == OrderStatus.PENDING_PAYMENT


async def test_status_events_stream_until_a_final_status(kaidian_client, shop):
    sku = await make_sku(shop.shop_id)
    order = (await checkout(kaidian_client, shop.customer, [(sku.id, 1)])).json()
    await kaidian_client.post(f"/api/shop/orders/{order['id']}/cancel", json={}, headers=shop.customer)
    response = await kaidian_client.get(f"/api/shop/orders/{order['id']}/events", headers=shop.customer)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    events = [line for line in response.text.splitlines() if line.startswith("data:")]
    import json

    assert [json.loads(line[5:])["to"] for line in events] == ["pending_payment", "cancelled"]
    first_id = next(line for line in response.text.splitlines() if line.startswith("id:"))[3:].strip()
    resumed = await kaidian_client.get(f"/api/shop/orders/{order['id']}/events", headers={**shop.customer, "Last-Event-ID": first_id})
    assert [json.loads(line[5:])["to"] for line in resumed.text.splitlines() if line.startswith("data:")] == ["cancelled"]


async def test_the_losers_of_a_race_for_the_last_units_hear_sold_out(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, stock=3)
    buyers = [(await customer_login(kaidian_client, shop.shop_id, unique("buyer")))[0] for _ in range(12)]
    responses = await asyncio.gather(*[checkout(kaidian_client, headers, [(sku.id, 1)]) for headers in buyers])
    losers = [response for response in responses if response.status_code != 201]
    assert len(losers) == 9 and await stock_of(sku.id) == 0
    assert {(r.status_code, r.json()["code"], r.json()["message"], r.json()["field"]) for r in losers} == {
        (409, "out_of_stock", f"商品已售罄（SKU {sku.id}）", "lines[0].sku_id")
    }
    english = await kaidian_client.post(
        "/api/shop/orders", json={"lines": [{"sku_id": sku.id, "quantity": 1}]},
        headers={**buyers[0], "Accept-Language": "en", "Idempotency-Key": unique("late")},
    )
    assert (english.json()["code"], english.json()["message"]) == ("out_of_stock", f"SKU {sku.id} is sold out")


async def test_checkout_keeps_the_customers_own_delivery_address(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, stock=5)
    address = {"recipient": "张三", "phone": "13800000000", "province": "浙江省", "city": "杭州市", "district": "西湖区", "detail": "文三路 1 号"}
    created = await kaidian_client.post("/api/shop/addresses", json=address, headers=shop.customer)
    assert created.status_code == 201, created.text
    address_id = created.json()["id"]
    body = {"lines": [{"sku_id": sku.id, "quantity": 1}], "address_id": address_id}
    placed = await kaidian_client.post("/api/shop/orders", json=body, headers=shop.customer | {"Idempotency-Key": "addr-1"})
    assert placed.status_code == 201, placed.text
    assert placed.json()["shipping"]["address_id"] == address_id
    # An address that is not the customer's is refused by name, at checkout and in the preview.
    wrong = body | {"address_id": address_id + 1000}
    for path, headers in (("/api/shop/orders", {"Idempotency-Key": "addr-2"}), ("/api/shop/checkout/preview", {})):
        refused = await kaidian_client.post(path, json=wrong, headers=shop.customer | headers)
        assert refused.status_code == 422 and refused.json()["field"] == "address_id", (path, refused.text)
    assert await Order.filter(shop_id=shop.shop_id).count() == 1
