"""The persistent cart: revalidation on read, change reports, per-customer isolation."""

from __future__ import annotations

from core.catalog.models import Product, ProductStatus, Sku
from core.testing import assert_other_shop_gets_404
from core.trade.models import CartItem
from tests.trade.helpers import make_sku


async def put(client, headers, sku_id: int, quantity: int):
    return await client.put("/api/shop/cart/items", json={"sku_id": sku_id, "quantity": quantity}, headers=headers)


async def test_cart_persists_and_reports_price_changes_once(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, price_fen=1000, stock=50)
    response = await put(kaidian_client, shop.customer, sku.id, 2)
    assert response.status_code == 200, response.text
    assert response.json()["subtotal_fen"] == 2000 and response.json()["changed"] is False
    await Sku.filter(id=sku.id).update(price_fen=1200)
    cart = (await kaidian_client.get("/api/shop/cart", headers=shop.customer)).json()
    line = cart["items"][0]
    assert cart["changed"] is True and cart["subtotal_fen"] == 2400
    assert line["changes"] == [
        {"code": "price_changed", "message": {"zh-CN": "价格已变动", "en": "The price has changed"}, "old_price_fen": 1000, "new_price_fen": 1200}
    ]
    again = (await kaidian_client.get("/api/shop/cart", headers=shop.customer)).json()
    assert again["changed"] is False and again["items"][0]["changes"] == []
    # Setting a quantity replaces it; 0 removes the line.
    assert (await put(kaidian_client, shop.customer, sku.id, 5)).json()["items"][0]["quantity"] == 5
    assert (await put(kaidian_client, shop.customer, sku.id, 0)).json()["items"] == []


async def test_sold_out_and_off_sale_lines_are_flagged(kaidian_client, shop):
    sold_out = await make_sku(shop.shop_id, stock=1)
    withdrawn = await make_sku(shop.shop_id, stock=10)
    await put(kaidian_client, shop.customer, sold_out.id, 1)
    await put(kaidian_client, shop.customer, withdrawn.id, 1)
    await Sku.filter(id=sold_out.id).update(stock=0)
    await Product.filter(id=withdrawn.product_id).update(status=ProductStatus.OFF_SALE)
    cart = (await kaidian_client.get("/api/shop/cart", headers=shop.customer)).json()
    codes = {line["sku_id"]: [change["code"] for change in line["changes"]] for line in cart["items"]}
    assert codes == {sold_out.id: ["sold_out"], withdrawn.id: ["unavailable"]}
    assert cart["subtotal_fen"] == 0 and cart["changed"] is True


async def test_bad_cart_input(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    foreign = await make_sku(shop_b.shop_id)
    response = await put(kaidian_client, shop_a.customer, foreign.id, 1)
    assert response.status_code == 409 and response.json()["code"] == "sku_unavailable"
    mine = await make_sku(shop_a.shop_id)
    assert (await put(kaidian_client, shop_a.customer, mine.id, 1000)).status_code == 422
    assert (await put(kaidian_client, shop_a.customer, mine.id, -1)).status_code == 422


async def test_carts_are_per_customer_and_shop(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    sku = await make_sku(shop_a.shop_id)
    await put(kaidian_client, shop_a.customer, sku.id, 3)
    item_id = (await CartItem.get(customer_id=shop_a.customer_id)).id
    assert (await kaidian_client.get("/api/shop/cart", headers=shop_b.customer)).json()["items"] == []
    await assert_other_shop_gets_404(kaidian_client, [("DELETE", f"/api/shop/cart/items/{item_id}", None)], shop_b.customer)
    assert await CartItem.filter(id=item_id).exists()
    assert (await kaidian_client.delete(f"/api/shop/cart/items/{item_id}", headers=shop_a.customer)).status_code == 204
    assert not await CartItem.filter(id=item_id).exists()
