"""Coupons through the trade loop: held while an order awaits payment, consumed on payment,
returned on cancel and on a full refund (on a partial one only when the shop says so)."""

from __future__ import annotations

import uuid

from core.trade.models import Order
from plugins.coupons.models import Coupon, CouponOrder, CouponStatus
from tests.trade.helpers import make_sku


async def _checkout(client, shop, sku_id: int, quantity: int = 1) -> dict:
    response = await client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": sku_id, "quantity": quantity}]},
        headers={**shop.customer, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status_code == 201, response.text
    return response.json()


async def _coupon(client, shop, make_template, **terms) -> int:
    template = await make_template(shop, **terms)
    response = await client.post(f"/api/shop/coupons/templates/{template['id']}/claim", headers=shop.customer)
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def _pay(client, shop, order: dict) -> dict:
    paid = await client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=shop.customer)
    assert paid.status_code in (200, 201) and paid.json()["status"] == "paid", paid.text
    return paid.json()


async def test_checkout_applies_the_best_coupon_and_an_unpaid_order_holds_it(kaidian_client, shop, make_template):
    coupon_id = await _coupon(kaidian_client, shop, make_template)
    sku = await make_sku(shop.shop_id, price_fen=6000)
    order = await _checkout(kaidian_client, shop, sku.id, 2)
    assert order["total_fen"] == 12000 - 2000
    stored = await Order.get(id=order["id"])
    assert [a["key"] for a in stored.adjustments] == [f"coupon:{coupon_id}"]
    # a second checkout cannot use the same coupon while the first order is unpaid
    second = await _checkout(kaidian_client, shop, sku.id, 2)
    assert second["total_fen"] == 12000
    preview = (await kaidian_client.post(
        "/api/shop/coupons/preview", json={"lines": [{"sku_id": sku.id, "quantity": 2, "unit_price_fen": 6000}]}, headers=shop.customer
    )).json()
    assert preview["unusable"][0]["reason"] == "「满100减20」已被待付款订单占用"


async def test_checkout_uses_the_coupons_the_customer_chose(kaidian_client, shop, make_template, two_shops):
    best = await _coupon(kaidian_client, shop, make_template)  # 满100减20
    small = await _coupon(kaidian_client, shop, make_template, name="满50减5", amount_fen=500, threshold_fen=5000)  # 满50减5
    sku = await make_sku(shop.shop_id, price_fen=6000)

    async def checkout(coupon_ids):
        response = await kaidian_client.post(
            "/api/shop/orders",
            json={"lines": [{"sku_id": sku.id, "quantity": 2}], "plugins": {"coupons": {"coupon_ids": coupon_ids}}},
            headers={**shop.customer, "Idempotency-Key": uuid.uuid4().hex},
        )
        assert response.status_code == 201, response.text
        order = response.json()
        await kaidian_client.post(f"/api/shop/orders/{order['id']}/cancel", json={}, headers=shop.customer)
        return order

    chosen = await checkout([small])
    assert chosen["total_fen"] == 12000 - 500
    assert [a["key"] for a in chosen["adjustments"]] == [f"coupon:{small}"]
    assert (await checkout([]))["total_fen"] == 12000  # an explicit "no coupon"
    assert (await checkout([best, small]))["total_fen"] == 12000 - 2000  # the best among those chosen
    # Someone else's coupon id is refused, naming it, without saying whose it is.
    _, other = two_shops
    foreign = await _coupon(kaidian_client, other, make_template)
    refused = await kaidian_client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": sku.id, "quantity": 2}], "plugins": {"coupons": {"coupon_ids": [small, foreign]}}},
        headers={**shop.customer, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert refused.status_code == 409 and refused.json()["field"] == "plugins.coupons.coupon_ids[1]"
    bad = await kaidian_client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": sku.id, "quantity": 1}], "plugins": {"coupons": {"coupon_ids": [0]}}},
        headers={**shop.customer, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert bad.status_code == 422 and bad.json()["field"] == "plugins.coupons.coupon_ids[0]"


async def test_payment_consumes_and_cancel_of_an_unpaid_order_frees(kaidian_client, shop, make_template):
    coupon_id = await _coupon(kaidian_client, shop, make_template)
    sku = await make_sku(shop.shop_id, price_fen=6000)
    unpaid = await _checkout(kaidian_client, shop, sku.id, 2)
    cancelled = await kaidian_client.post(f"/api/shop/orders/{unpaid['id']}/cancel", json={"reason": "换一单"}, headers=shop.customer)
    assert cancelled.status_code == 201
    order = await _checkout(kaidian_client, shop, sku.id, 2)
    assert order["total_fen"] == 10000  # free again after the cancel
    await _pay(kaidian_client, shop, order)
    coupon = await Coupon.get(id=coupon_id)
    assert coupon.status == CouponStatus.USED and coupon.order_id == order["id"]
    assert (await CouponOrder.get(order_id=order["id"])).paid_fen == 10000
    assert (await kaidian_client.get("/api/shop/coupons/mine", headers=shop.customer)).json() == []
    used = (await kaidian_client.get("/api/shop/coupons/mine?status=used", headers=shop.customer)).json()
    assert [row["id"] for row in used] == [coupon_id]


async def _refund(client, shop, order: dict, quantity: int) -> None:
    response = await client.post(
        f"/api/admin/orders/{order['id']}/refunds",
        json={"lines": [{"line_id": order["lines"][0]["id"], "quantity": quantity}], "reason": "退货"},
        headers=shop.owner,
    )
    assert response.status_code == 201, response.text


async def test_full_refund_returns_the_coupon_partial_does_not(kaidian_client, shop, make_template):
    coupon_id = await _coupon(kaidian_client, shop, make_template)
    sku = await make_sku(shop.shop_id, price_fen=6000)
    order = await _pay(kaidian_client, shop, await _checkout(kaidian_client, shop, sku.id, 2))
    await _refund(kaidian_client, shop, order, 1)
    assert (await Coupon.get(id=coupon_id)).status == CouponStatus.USED
    await _refund(kaidian_client, shop, order, 1)
    coupon = await Coupon.get(id=coupon_id)
    assert coupon.status == CouponStatus.AVAILABLE and coupon.order_id is None


async def test_partial_refund_returns_the_coupon_when_the_shop_says_so(kaidian_client, shop, make_template):
    response = await kaidian_client.put(
        "/api/admin/plugins/coupons", json={"settings": {"return_on_partial_refund": True}}, headers=shop.owner
    )
    assert response.status_code == 200, response.text
    coupon_id = await _coupon(kaidian_client, shop, make_template)
    sku = await make_sku(shop.shop_id, price_fen=6000)
    order = await _pay(kaidian_client, shop, await _checkout(kaidian_client, shop, sku.id, 2))
    await _refund(kaidian_client, shop, order, 1)
    assert (await Coupon.get(id=coupon_id)).status == CouponStatus.AVAILABLE


async def test_explicit_lock_is_all_or_nothing_and_released_on_cancel(kaidian_client, shop, make_template):
    from datetime import UTC, datetime

    import pytest

    from core.errors import Conflict
    from plugins.coupons import services

    first = await _coupon(kaidian_client, shop, make_template)
    second = await _coupon(kaidian_client, shop, make_template, name="包邮", kind="shipping", amount_fen=0, threshold_fen=0)
    now = datetime.now(UTC)
    await services.lock_for_order(shop.shop_id, shop.customer_id, 9001, [first], now)
    with pytest.raises(Conflict):
        await services.lock_for_order(shop.shop_id, shop.customer_id, 9002, [second, first], now)
    assert (await Coupon.get(id=second)).status == CouponStatus.AVAILABLE  # rolled back
    assert await services.return_for_order(shop.shop_id, 9001) == 1
    assert (await Coupon.get(id=first)).status == CouponStatus.AVAILABLE


async def test_category_coupons_apply_at_checkout_through_the_category_tree(kaidian_client, shop, make_template):
    from core.catalog.models import Category, Product

    parent = await Category.create(shop_id=shop.shop_id, name="服装")
    child = await Category.create(shop_id=shop.shop_id, name="T恤", parent=parent, depth=2)
    other = await Category.create(shop_id=shop.shop_id, name="食品")
    shirt, snack = await make_sku(shop.shop_id, price_fen=6000), await make_sku(shop.shop_id, price_fen=6000)
    await Product.filter(id=shirt.product_id).update(category_id=child.id)
    await Product.filter(id=snack.product_id).update(category_id=other.id)
    await _coupon(kaidian_client, shop, make_template, name="服装满50减10", amount_fen=1000, threshold_fen=5000, scope="categories", scope_ids=[parent.id])
    assert (await _checkout(kaidian_client, shop, shirt.id))["total_fen"] == 5000
    assert (await _checkout(kaidian_client, shop, snack.id))["total_fen"] == 6000
