"""Bad input gets a clear 4xx problem naming the field and reason — never a 500, nothing written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt

from core.accounts.models import CustomerAddress
from core.security.crypto import mask_phone


async def test_malformed_json_is_400(kaidian_client, shop):
    response = await kaidian_client.post(
        "/api/shop/addresses",
        content=b'{"recipient": ',
        headers={**shop.customer, "Content-Type": "application/json", "Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_json"


async def test_wrong_type_names_the_field(kaidian_client, shop):
    response = await kaidian_client.post(
        "/api/shop/addresses",
        json={"recipient": "王五", "phone": "13700000000", "province": "江苏省", "city": 12, "detail": "路"},
        headers=shop.customer,
    )
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "city" and body["code"] == "validation_failed"
    assert await CustomerAddress.filter(customer_id=shop.customer_id).count() == 0



async def test_a_number_sent_as_text_is_refused_naming_the_field(kaidian_client, shop):
    # The document says integer; pydantic alone would read "2" as 2 (found by the contract test).
    for body, field in (({"name": "鞋", "parent_id": "2"}, "parent_id"), ({"name": "鞋", "sort": "1"}, "sort")):
        response = await kaidian_client.post("/api/admin/catalog/categories", json=body, headers={**shop.owner, "Accept-Language": "en"})
        assert response.status_code == 422, response.text
        assert response.json()["field"] == field and "not text" in response.json()["message"], response.text


async def test_unknown_field_in_a_write_is_refused(kaidian_client, shop):
    response = await kaidian_client.patch("/api/shop/me", json={"nickname": "x", "is_admin": True}, headers=shop.customer)
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_field" and response.json()["field"] == "is_admin"


async def test_missing_field_is_named(kaidian_client, shop):
    response = await kaidian_client.post("/api/shop/addresses", json={"recipient": "王五"}, headers=shop.customer)
    assert response.status_code == 422 and response.json()["code"] == "missing_field"
    assert response.json()["field"] in {"phone", "province", "city", "detail"}


async def test_oversize_body_is_413(kaidian_client, shop):
    huge = {"nickname": "x" * (kaidian_client.app.state.settings.max_body_bytes + 10)}
    response = await kaidian_client.patch("/api/shop/me", json=huge, headers=shop.customer)
    assert response.status_code == 413 and response.json()["code"] == "body_too_large"


async def test_missing_bad_and_expired_tokens_are_401(kaidian_client, shop):
    assert (await kaidian_client.get("/api/shop/me")).status_code == 401
    bad = await kaidian_client.get("/api/shop/me", headers={"Authorization": "Bearer not.a.jwt"})
    assert bad.status_code == 401 and bad.json()["code"] == "token_invalid"
    now = datetime.now(UTC)
    expired = jwt.encode(
        {"sub": f"customer:{shop.customer_id}", "iat": now - timedelta(hours=3), "exp": now - timedelta(seconds=5), "shop_id": shop.shop_id},
        kaidian_client.app.state.settings.secret_key,
        algorithm="HS256",
    )
    response = await kaidian_client.get("/api/shop/me", headers={"Authorization": f"Bearer {expired}", "Accept-Language": "en"})
    assert response.status_code == 401
    assert response.json() == {"code": "token_expired", "message": "The access token has expired"}


async def test_token_signed_with_another_secret_is_401(kaidian_client, shop):
    from core.auth import build_jwt_auth

    other = build_jwt_auth(kaidian_client.app.state.settings.model_copy(update={"secret_key": "x" * 40}))
    forged = other.create_token(identifier=f"customer:{shop.customer_id}", token_extras={"shop_id": shop.shop_id})
    assert (await kaidian_client.get("/api/shop/me", headers={"Authorization": f"Bearer {forged}"})).status_code == 401


async def test_token_claiming_another_shop_is_401(kaidian_client, two_shops):
    a, b = two_shops
    jwt_auth = kaidian_client.app.state.jwt_auth
    # a validly signed token whose customer does not belong to the claimed shop
    mixed = jwt_auth.create_token(identifier=f"customer:{a.customer_id}", token_extras={"shop_id": b.shop_id})
    assert (await kaidian_client.get("/api/shop/me", headers={"Authorization": f"Bearer {mixed}"})).status_code == 401


async def test_errors_default_to_chinese_and_follow_accept_language(kaidian_client):
    zh = await kaidian_client.get("/api/shop/me")
    assert zh.json()["message"] == "请先登录" and zh.headers["content-language"] == "zh-CN"
    en = await kaidian_client.get("/api/shop/me", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert en.json()["message"] == "Authentication is required"
    weighted = await kaidian_client.get("/api/shop/me", headers={"Accept-Language": "en;q=0.4, zh-CN;q=0.8"})
    assert weighted.json()["message"] == "请先登录"


async def test_unknown_route_and_method_are_problems(kaidian_client, shop):
    missing = await kaidian_client.get("/api/nowhere")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    wrong = await kaidian_client.put("/healthz")
    assert wrong.status_code == 405 and wrong.json()["code"] == "method_not_allowed"


def test_phone_masking():
    assert mask_phone("13812341234") == "138****1234"


async def test_length_limits_read_as_words_not_the_validators_english(kaidian_client, shop):
    empty = await kaidian_client.post("/api/admin/catalog/products", json={"title": ""}, headers=shop.owner)
    assert (empty.status_code, empty.json()["field"], empty.json()["message"]) == (422, "title", "不能为空")
    english = await kaidian_client.post("/api/admin/catalog/products", json={"title": ""}, headers={**shop.owner, "Accept-Language": "en"})
    assert english.json()["message"] == "must not be empty"
    short = await kaidian_client.post("/api/admin/shops", json={"name": "新店", "slug": "ab"}, headers=shop.owner)
    assert (short.json()["field"], short.json()["message"]) == ("slug", "至少 3 个字符")
