"""The persistent cart: revalidation on read, change reports, per-customer isolation."""

from __future__ import annotations

import asyncio

from core.catalog.models import Product, ProductStatus, Sku
from core.testing import assert_other_shop_gets_404, unique
from core.trade.models import CartItem, GuestCartItem
from core.trade.orders import MAX_LINES
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


# -- guest carts ------------------------------------------------------------------------------

DEVICE = {"X-Device-Token": "device-0123456789abcdef"}


def guest(shop_id: int) -> str:
    return f"/api/shop/{shop_id}/guest-cart"


async def guest_put(client, shop_id: int, sku_id: int, quantity: int, headers=DEVICE):
    return await client.put(f"{guest(shop_id)}/items", json={"sku_id": sku_id, "quantity": quantity}, headers=headers)


async def login(client, shop_id: int, user: str, headers=DEVICE) -> dict[str, str]:
    response = await client.post("/api/shop/auth/login", json={"shop_id": shop_id, "code": f"sandbox:{user}"}, headers=headers)
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_guest_cart_by_device_token(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    sku = await make_sku(shop_a.shop_id, price_fen=1000)
    added = await guest_put(kaidian_client, shop_a.shop_id, sku.id, 2)
    assert added.status_code == 200, added.text
    assert added.json()["subtotal_fen"] == 2000
    await Sku.filter(id=sku.id).update(price_fen=900)
    read = (await kaidian_client.get(guest(shop_a.shop_id), headers=DEVICE)).json()
    assert read["items"][0]["changes"][0]["code"] == "price_changed" and read["subtotal_fen"] == 1800
    # Another device, or the same token at another shop, sees its own (empty) cart.
    other_device = {"X-Device-Token": "another-device-0000000000"}
    assert (await kaidian_client.get(guest(shop_a.shop_id), headers=other_device)).json()["items"] == []
    assert (await kaidian_client.get(guest(shop_b.shop_id), headers=DEVICE)).json()["items"] == []
    item_id = read["items"][0]["id"]
    assert (await kaidian_client.delete(f"{guest(shop_a.shop_id)}/items/{item_id}", headers=other_device)).status_code == 404
    assert (await kaidian_client.delete(f"{guest(shop_b.shop_id)}/items/{item_id}", headers=DEVICE)).status_code == 404
    # A SKU of another shop cannot go into this shop's guest cart.
    foreign = await make_sku(shop_b.shop_id)
    assert (await guest_put(kaidian_client, shop_a.shop_id, foreign.id, 1)).status_code == 409
    # Bad tokens and unknown shops.
    for headers in ({}, {"X-Device-Token": "short"}, {"X-Device-Token": "has spaces in it 0123456"}):
        response = await kaidian_client.get(guest(shop_a.shop_id), headers=headers)
        assert response.status_code == 422 and response.json()["field"] == "X-Device-Token", headers
    assert (await kaidian_client.get(guest(999999), headers=DEVICE)).status_code == 404
    assert (await guest_put(kaidian_client, shop_a.shop_id, sku.id, 1000)).status_code == 422
    assert (await kaidian_client.delete(f"{guest(shop_a.shop_id)}/items/{item_id}", headers=DEVICE)).status_code == 204
    assert not await GuestCartItem.filter(id=item_id).exists()


async def test_guest_cart_merges_on_login_once(kaidian_client, shop):
    both, only_guest, gone = [await make_sku(shop.shop_id, price_fen=500) for _ in range(3)]
    user = unique("buyer")
    await put(kaidian_client, await login(kaidian_client, shop.shop_id, user, headers={}), both.id, 998)
    for sku, quantity in ((both, 5), (only_guest, 2), (gone, 1)):
        assert (await guest_put(kaidian_client, shop.shop_id, sku.id, quantity)).status_code == 200
    await Sku.filter(id=only_guest.id).update(price_fen=450)
    await Sku.filter(id=gone.id).delete()
    # The customer logs in again, on this device.
    customer = await login(kaidian_client, shop.shop_id, user)
    cart = (await kaidian_client.get("/api/shop/cart", headers=customer)).json()
    quantities = {line["sku_id"]: line["quantity"] for line in cart["items"]}
    assert quantities == {both.id: 999, only_guest.id: 2}  # 998 + 5 capped at 999; the gone SKU dropped
    changed = next(line for line in cart["items"] if line["sku_id"] == only_guest.id)
    assert changed["changes"][0] == {
        "code": "price_changed", "message": {"zh-CN": "价格已变动", "en": "The price has changed"}, "old_price_fen": 500, "new_price_fen": 450
    }
    assert (await kaidian_client.get(guest(shop.shop_id), headers=DEVICE)).json()["items"] == []
    # Logging in again, or merging explicitly, adds nothing more.
    await login(kaidian_client, shop.shop_id, user)
    again = (await kaidian_client.post("/api/shop/cart/merge", headers={**customer, **DEVICE})).json()
    assert again["merged"] == [] and again["dropped"] == []
    assert {line["sku_id"]: line["quantity"] for line in again["cart"]["items"]} == quantities
    # A malformed token never fails a login, but the explicit merge names it.
    await login(kaidian_client, shop.shop_id, user, headers={"X-Device-Token": "bad"})
    bad = await kaidian_client.post("/api/shop/cart/merge", headers={**customer, "X-Device-Token": "bad"})
    assert bad.status_code == 422 and bad.json()["field"] == "X-Device-Token"


async def test_explicit_merge_reports_and_concurrent_merges_add_once(kaidian_client, shop):
    sku, gone = await make_sku(shop.shop_id), await make_sku(shop.shop_id)
    await guest_put(kaidian_client, shop.shop_id, sku.id, 3)
    await guest_put(kaidian_client, shop.shop_id, gone.id, 1)
    await Sku.filter(id=gone.id).delete()
    await put(kaidian_client, shop.customer, sku.id, 1)
    answers = await asyncio.gather(*(kaidian_client.post("/api/shop/cart/merge", headers={**shop.customer, **DEVICE}) for _ in range(5)))
    assert all(answer.status_code == 201 for answer in answers), [answer.text for answer in answers]
    reports = [answer.json() for answer in answers]
    assert sum(len(report["merged"]) for report in reports) == 1
    merged = next(report for report in reports if report["merged"])
    assert merged["merged"] == [{"sku_id": sku.id, "quantity": 4, "capped": False}]
    assert merged["dropped"] == [{"sku_id": gone.id, "code": "unavailable"}]
    assert (await CartItem.get(customer_id=shop.customer_id, sku_id=sku.id)).quantity == 4


async def test_merge_into_a_full_cart_drops_new_lines(kaidian_client, shop):
    sku = await make_sku(shop.shop_id)
    await guest_put(kaidian_client, shop.shop_id, sku.id, 1)
    for fake_sku_id in range(1, MAX_LINES + 1):
        await CartItem.create(shop_id=shop.shop_id, customer_id=shop.customer_id, sku_id=10_000_000 + fake_sku_id, quantity=1, seen_price_fen=1)
    report = (await kaidian_client.post("/api/shop/cart/merge", headers={**shop.customer, **DEVICE})).json()
    assert report["merged"] == [] and report["dropped"] == [{"sku_id": sku.id, "code": "cart_full"}]



async def test_concurrent_sets_of_one_sku_leave_one_line(kaidian_client, shop):
    # Two tabs, or a load balancer retrying a request the dead instance had already written:
    # the second insert of the line clashes and is a set on the line the first one made.
    sku = await make_sku(shop.shop_id, stock=50)
    responses = await asyncio.gather(*(put(kaidian_client, shop.customer, sku.id, quantity) for quantity in (1, 2, 3, 4)))
    assert [response.status_code for response in responses] == [200] * 4, [r.text for r in responses]
    lines = await CartItem.filter(shop_id=shop.shop_id, sku_id=sku.id).values_list("quantity", flat=True)
    assert len(lines) == 1 and lines[0] in (1, 2, 3, 4)
