"""The API says what it enforces and enforces what it says (issue 13 §1): 405s carry ``Allow``,
ids and integers beyond what a column holds get a 4xx (never a 500), JSON values of the wrong type
are refused instead of coerced, the OpenAPI document states patterns, bounds and closed bodies,
and public operations need no token. tests/contract runs schemathesis over all of it."""

from __future__ import annotations

import pytest
from pydantic import AwareDatetime, PastDate, ValidationError

from core.accounts.models import CustomerAddress
from core.catalog.models import Category
from core.schemas import NO_NUL, NON_BLANK_NO_NUL, WriteModel

ADDRESS = {"recipient": "王五", "phone": "13700000000", "province": "江苏省", "city": "南京市", "detail": "中山路 1 号"}


async def test_405_names_the_allowed_methods(kaidian_client):
    response = await kaidian_client.delete("/healthz")
    assert response.status_code == 405
    assert set(response.headers["allow"].replace(" ", "").split(",")) >= {"GET"}
    assert response.json()["code"] == "method_not_allowed"


async def test_ids_beyond_32_bits_are_not_found_not_500(kaidian_client, shop):
    for path in ("/api/admin/orders/267681907244614418432", "/api/admin/orders/2147483648", "/api/admin/orders/0"):
        response = await kaidian_client.get(path, headers=shop.owner)
        assert response.status_code == 404 and response.json()["field"] == "order_id", (path, response.text)


async def test_a_plugin_route_with_a_shop_id_beyond_32_bits_is_not_found(kaidian_client):
    # plugin routers' enabled-guard reads the shop id before the app's range check runs
    for shop_id in ("267681907244614418432", "2147483648", "0"):
        response = await kaidian_client.get(f"/api/shop/{shop_id}/group-buy/activities")
        assert response.status_code == 404, (shop_id, response.text)


async def test_integer_query_and_body_values_are_bounded(kaidian_client, shop):
    too_far = await kaidian_client.get("/api/admin/customers", params={"offset": "1" + "0" * 25}, headers=shop.owner)
    assert too_far.status_code == 422 and too_far.json()["field"] == "offset"
    # A phone number looks like an integer but is text: it is not bounded.
    assert (await kaidian_client.get("/api/admin/customers", params={"phone": "13812345678"}, headers=shop.owner)).status_code == 200
    huge_sort = await kaidian_client.post("/api/admin/catalog/categories", json={"name": "大", "sort": -(10**29)}, headers=shop.owner)
    assert huge_sort.status_code == 422 and huge_sort.json()["field"] == "sort", huge_sort.text
    assert await Category.filter(shop_id=shop.shop_id, name="大").count() == 0
    unknown_status = await kaidian_client.get("/api/admin/orders", params={"status": "on_sale"}, headers=shop.owner)
    assert unknown_status.status_code == 422 and unknown_status.json()["field"] == "status"


async def test_json_values_are_not_coerced(kaidian_client, shop):
    as_number = await kaidian_client.post("/api/shop/addresses", json={**ADDRESS, "is_default": 0}, headers=shop.customer)
    assert as_number.status_code == 422 and as_number.json()["field"] == "is_default"
    as_bool = await kaidian_client.put("/api/shop/cart/items", json={"sku_id": 1, "quantity": False}, headers=shop.customer)
    assert as_bool.status_code == 422 and as_bool.json()["field"] == "quantity"
    date_as_number = await kaidian_client.patch("/api/shop/me", json={"birthday": 0}, headers=shop.customer)
    assert date_as_number.status_code == 422 and date_as_number.json()["field"] == "birthday"
    assert await CustomerAddress.filter(customer_id=shop.customer_id).count() == 0


def test_pydantic_datetime_kinds_are_not_coerced_from_numbers():
    # AwareDatetime is a class of its own, not datetime: a campaign's `starts_at: 0` became 1970.
    class Window(WriteModel):
        starts_at: AwareDatetime
        on: PastDate | None = None

    for body in ({"starts_at": 0}, {"starts_at": "2026-01-01T00:00:00Z", "on": 0}):
        with pytest.raises(ValidationError):
            Window.model_validate(body)
    assert Window.model_validate({"starts_at": "2026-01-01T00:00:00Z"}).starts_at.year == 2026


async def test_text_with_the_nul_character_is_refused_naming_the_field(kaidian_client, shop):
    # PostgreSQL cannot store NUL in text: the contract test's \u0000 in an address or a product's
    # media answered 500 there. Every body refuses it, and the document's patterns say so.
    address = await kaidian_client.post("/api/shop/addresses", json={**ADDRESS, "district": "Ö\u0000"}, headers=shop.customer)
    assert address.status_code == 422 and address.json()["field"] == "district", address.text
    product = {"title": "灯", "media": [{"kind": "image", "url": "https://a.example/1.png", "thumbnail": "x\u0000"}]}
    created = await kaidian_client.post("/api/admin/catalog/products", json=product, headers=shop.owner)
    assert created.status_code == 422 and created.json()["field"] == "media.0.thumbnail", created.text
    tags = await kaidian_client.post("/api/admin/catalog/products", json={"title": "灯", "tags": ["ok", "\u0000"]}, headers=shop.owner)
    assert tags.status_code == 422 and tags.json()["field"] == "tags", tags.text
    assert await CustomerAddress.filter(customer_id=shop.customer_id).count() == 0
    # and query values (a product search or tag filter holding NUL was a 500 on PostgreSQL)
    for path, name, headers in ((f"/api/shop/{shop.shop_id}/products", "tag", {}), ("/api/admin/catalog/products", "q", shop.owner)):
        query = await kaidian_client.get(path, params={name: "a\x00b"}, headers=headers)
        assert query.status_code == 422 and query.json()["field"] == name, query.text
    schemas = (await kaidian_client.get("/schema/openapi.json")).json()["components"]["schemas"]
    assert schemas["AddressWrite"]["properties"]["district"]["pattern"] == NO_NUL
    assert schemas["AddressWrite"]["properties"]["recipient"]["pattern"] == NON_BLANK_NO_NUL
    assert schemas["ProductCreate"]["properties"]["tags"]["items"]["pattern"] == NO_NUL


async def test_validation_messages_are_readable_in_both_languages(kaidian_client, shop):
    body = {**ADDRESS, "phone": "12345"}
    chinese = (await kaidian_client.post("/api/shop/addresses", json=body, headers=shop.customer)).json()
    english = (await kaidian_client.post("/api/shop/addresses", json=body, headers={**shop.customer, "Accept-Language": "en"})).json()
    assert chinese["field"] == english["field"] == "phone"
    assert chinese["message"] == "格式不正确" and english["message"] == "has the wrong format"


async def test_malformed_multipart_is_a_400(kaidian_client, shop):
    boundary = "kaidianboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n").encode() + b"\x89PNG\xff\xfe\r\n" + f"--{boundary}--\r\n".encode()
    response = await kaidian_client.post(
        "/api/admin/catalog/media", content=body, headers={**shop.owner, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    assert response.status_code == 400 and response.json()["field"] == "body"


async def test_document_states_security_patterns_and_closed_bodies(kaidian_client):
    document = (await kaidian_client.get("/schema/openapi.json")).json()
    assert "security" not in document  # stated per operation
    paths = document["paths"]
    for public in (("/healthz", "get"), ("/api/shop/{shop_id}/products", "get"), ("/api/shop/auth/login", "post"), ("/api/shop/batch", "post")):
        assert not paths[public[0]][public[1]].get("security"), public
    assert paths["/api/shop/orders"]["get"]["security"] == [{"BearerToken": []}]
    assert paths["/api/admin/orders"]["get"]["security"] == [{"BearerToken": []}]
    schemas = document["components"]["schemas"]
    address = schemas["AddressWrite"]
    assert address["additionalProperties"] is False and address["properties"]["phone"]["pattern"].startswith("^")
    checkout = schemas["CheckoutCreate"]["properties"]
    coupons = checkout["plugins"]["properties"]["coupons"]["properties"]
    assert coupons["coupon_ids"]["items"]["minimum"] == 1
    assert coupons["coupon_ids"]["items"]["maximum"] == 2**31 - 1
    headers = {p["name"]: p for p in paths["/api/shop/orders"]["post"]["parameters"] if p["in"] == "header"}
    assert headers["Idempotency-Key"]["required"] is True
    statuses = {p["name"]: p for p in paths["/api/shop/orders"]["get"]["parameters"]}["status"]
    assert statuses["schema"]["oneOf"][0] == {"$ref": "#/components/schemas/OrderStatus"}
    assert "pending_payment" in schemas["OrderStatus"]["enum"]
