"""Customers upload photos for a refund request: decoded like the media library's images,
limited per customer, scoped to their shop, and named by id in the refund request."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from PIL import Image

from core.trade import uploads
from core.trade.models import CustomerUpload
from tests.trade.helpers import checkout, make_sku

UPLOADS = "/api/shop/uploads"


def photo(color: str = "red", size: tuple[int, int] = (1200, 900), fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


async def upload(client, headers, data: bytes, name: str = "photo.jpg"):
    return await client.post(UPLOADS, files={"file": (name, data, "image/jpeg")}, headers=headers)


async def paid_order(client, shop) -> dict:
    sku = await make_sku(shop.shop_id, stock=5, price_fen=2000)
    placed = await checkout(client, shop.customer, [(sku.id, 2)])
    paid = await client.post(f"/api/shop/orders/{placed.json()['id']}/sandbox-pay", headers=shop.customer)
    assert paid.json()["status"] == "paid", paid.text
    return paid.json()


async def ask(client, headers, order, **photos):
    body = {"lines": [{"line_id": order["lines"][0]["id"], "quantity": 1}], "reason": "质量问题", **photos}
    return await client.post(f"/api/shop/orders/{order['id']}/refunds", json=body, headers=headers)


async def test_a_photo_is_checked_stored_and_attached_to_a_refund_request(kaidian_client, shop):
    client = kaidian_client
    response = await upload(client, shop.customer, photo("green", (3000, 2000)))
    assert response.status_code == 201, response.text
    uploaded = response.json()
    assert (uploaded["width"], uploaded["height"]) == (3000, 2000)
    display = await client.get(urlsplit(uploaded["url"]).path)
    assert display.status_code == 200 and display.headers["content-type"] == "image/webp"
    assert Image.open(io.BytesIO(display.content)).size == (1600, 1067)  # the display derivative
    order = await paid_order(client, shop)
    refund = await ask(client, shop.customer, order, photo_ids=[uploaded["id"]], photo_urls=["https://img.example.com/a.jpg"])
    assert refund.status_code == 201, refund.text
    assert refund.json()["photo_urls"] == ["https://img.example.com/a.jpg", uploaded["url"]]


async def test_bad_uploads_are_refused_naming_the_field(kaidian_client, shop):
    client = kaidian_client
    en = {**shop.customer, "Accept-Language": "en"}
    not_image = await upload(client, en, b"%PDF-1.4 not a photo", "a.pdf")
    assert not_image.status_code == 422 and not_image.json()["field"] == "file"
    assert "not a readable image" in not_image.json()["message"]
    damaged = await upload(client, en, photo()[:2000])
    assert damaged.status_code == 422 and damaged.json()["field"] == "file"
    missing = await client.post(UPLOADS, files={"other": ("a.txt", b"x", "text/plain")}, headers=en)
    assert missing.status_code in (400, 422)
    assert (await client.post(UPLOADS, files={"file": ("a.jpg", photo(), "image/jpeg")})).status_code == 401
    assert (await client.post(UPLOADS, files={"file": ("a.jpg", photo(), "image/jpeg")}, headers=shop.owner)).status_code in (401, 403)
    assert await CustomerUpload.filter(shop_id=shop.shop_id).count() == 0
    order = await paid_order(client, shop)
    too_many = await ask(client, shop.customer, order, photo_urls=["https://img.example.com/a.jpg"] * 5, photo_ids=[1, 2, 3, 4, 5])
    assert too_many.status_code == 422 and too_many.json()["field"] == "photo_ids"


async def test_a_customer_may_upload_only_so_much_a_day(kaidian_client, shop, monkeypatch):
    client = kaidian_client
    monkeypatch.setattr(uploads, "DAILY_UPLOADS", 2)
    small = photo(size=(64, 64))
    assert [(await upload(client, shop.customer, small)).status_code for _ in range(3)] == [201, 201, 429]
    refused = await upload(client, shop.customer, small)
    assert refused.json()["field"] == "file" and refused.json()["code"] == "rate_limited"
    monkeypatch.setattr(uploads, "DAILY_UPLOADS", 100)
    monkeypatch.setattr(uploads, "DAILY_BYTES", 3 * len(small))
    assert (await upload(client, shop.customer, small)).status_code == 201
    assert (await upload(client, shop.customer, small)).status_code == 429  # the bytes, now
    assert await CustomerUpload.filter(shop_id=shop.shop_id).count() == 3


async def test_uploads_are_the_customers_own_in_their_shop(kaidian_client, two_shops):
    from core.testing import customer_login

    client = kaidian_client
    a, b = two_shops
    mine = (await upload(client, a.customer, photo("blue"))).json()
    stored = await CustomerUpload.get(id=mine["id"])
    assert stored.shop_id == a.shop_id and stored.customer_id == a.customer_id
    assert stored.storage_key.startswith(f"{a.shop_id}/")
    # Another shop's customer, and another customer of the same shop, cannot attach it.
    b_order = await paid_order(client, b)
    foreign = await ask(client, b.customer, b_order, photo_ids=[mine["id"]])
    assert foreign.status_code == 422 and foreign.json()["field"] == "photo_ids[0]"
    headers, _ = await customer_login(client, a.shop_id, "bob")
    theirs = (await upload(client, headers, photo("yellow"))).json()
    a_order = await paid_order(client, a)
    stolen = await ask(client, a.customer, a_order, photo_ids=[mine["id"], theirs["id"]])
    assert stolen.status_code == 422 and stolen.json()["field"] == "photo_ids[1]"
    # B's quota is B's own: A's uploads do not count against it.
    assert await CustomerUpload.filter(shop_id=b.shop_id).count() == 0
