"""Plugins' parts of the checkout body (``kaidian_register_checkout_inputs``): a temporary
plugin registers its part, and core validates it, hands it to the plugin's hooks, shows it in
the OpenAPI document and refuses parts of unknown or switched-off plugins — knowing none of its
fields. The bundled plugins' old top-level fields still work, answered as deprecated."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from core.app import create_app
from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.pricing.types import PriceAdjustment, PricingContext
from core.registries import RegistrationError
from core.testing import make_shop
from tests.trade.helpers import make_sku

PREVIEW = "/api/shop/checkout/preview"
WRAP_FEE_FEN = 300


class GiftWrap:
    """Wraps the order as a gift for a fee, with a card note: its part is ``plugins.gift_wrap``."""

    manifest = PluginManifest(name="gift_wrap", version="0.1.0", title={"zh-CN": "礼品包装", "en": "Gift wrap"})

    def __init__(self) -> None:
        self.reserved: list[dict[str, Any]] = []

    @hookimpl
    def kaidian_register_checkout_inputs(self, register: Any) -> None:
        register({
            "type": "object",
            "properties": {"wrap": {"type": "boolean"}, "note": {"type": "string", "maxLength": 20}},
            "required": ["wrap"],
            "additionalProperties": False,
        })

    @hookimpl
    def kaidian_collect_price_adjustments(self, context: PricingContext) -> list[PriceAdjustment]:
        part = context.inputs.get("gift_wrap", {})
        if not part.get("wrap"):
            return []
        return [PriceAdjustment(WRAP_FEE_FEN, "gift_wrap", {"zh-CN": "礼品包装", "en": "gift wrap"}, key="wrap")]

    @hookimpl
    def kaidian_collect_checkout_preview(self, context: PricingContext) -> dict[str, Any] | None:
        return {"note": context.inputs.get("gift_wrap", {}).get("note")}

    @hookimpl
    def kaidian_reserve_for_order(self, order_id: int, inputs: dict[str, dict[str, Any]]) -> None:
        self.reserved.append({"order_id": order_id, "part": inputs.get("gift_wrap")})


@pytest.fixture
async def wrapped(kaidian_client_for: Any) -> Any:
    plugin = GiftWrap()
    async with kaidian_client_for(plugins=[plugin]) as client:
        client.gift_wrap = plugin
        yield client


@pytest.fixture
async def wrap_shop(wrapped: Any) -> Any:
    return await make_shop(wrapped, name="礼品店")


async def place(client: Any, headers: dict[str, str], body: dict[str, Any]) -> Any:
    return await client.post("/api/shop/orders", json=body, headers={**headers, "Idempotency-Key": uuid.uuid4().hex})


async def test_a_plugin_part_is_priced_previewed_and_reaches_the_order_hook(wrapped, wrap_shop):
    sku = await make_sku(wrap_shop.shop_id, price_fen=1000)
    body = {"lines": [{"sku_id": sku.id, "quantity": 1}], "plugins": {"gift_wrap": {"wrap": True, "note": "生日快乐"}}}
    seen = await wrapped.post(PREVIEW, json=body, headers=wrap_shop.customer)
    assert seen.status_code == 200, seen.text
    assert seen.json()["total_fen"] == 1000 + WRAP_FEE_FEN and seen.json()["sections"]["gift_wrap"] == {"note": "生日快乐"}
    assert "deprecation" not in seen.headers
    placed = await place(wrapped, wrap_shop.customer, body)
    assert placed.status_code == 201, placed.text
    assert placed.json()["total_fen"] == 1000 + WRAP_FEE_FEN
    assert wrapped.gift_wrap.reserved == [{"order_id": placed.json()["id"], "part": {"wrap": True, "note": "生日快乐"}}]
    plain = await place(wrapped, wrap_shop.customer, {"lines": body["lines"]})
    assert plain.json()["total_fen"] == 1000 and wrapped.gift_wrap.reserved[-1]["part"] is None


@pytest.mark.parametrize(
    ("part", "code", "field", "message"),
    [
        ({"wrap": "yes"}, "validation_failed", "plugins.gift_wrap.wrap", "must be true or false"),
        ({"wrap": True, "note": "x" * 21}, "validation_failed", "plugins.gift_wrap.note", "allows at most 20 characters"),
        ({}, "missing_field", "plugins.gift_wrap.wrap", "This field is required"),
        ({"wrap": True, "ribbon": "red"}, "unknown_field", "plugins.gift_wrap.ribbon", "This field is not allowed"),
        ("wrap", "validation_failed", "plugins.gift_wrap", "must be an object"),
    ],
)
async def test_a_bad_part_is_a_422_naming_its_field_and_why(wrapped, wrap_shop, part, code, field, message):
    sku = await make_sku(wrap_shop.shop_id)
    body = {"lines": [{"sku_id": sku.id, "quantity": 1}], "plugins": {"gift_wrap": part}}
    headers = {**wrap_shop.customer, "Accept-Language": "en"}
    for response in (await wrapped.post(PREVIEW, json=body, headers=headers), await place(wrapped, headers, body)):
        assert response.status_code == 422, response.text
        assert (response.json()["code"], response.json()["field"], response.json()["message"]) == (code, field, message)
    assert wrapped.gift_wrap.reserved == []


async def test_unknown_and_switched_off_plugins_are_refused(wrapped, wrap_shop):
    sku = await make_sku(wrap_shop.shop_id)
    line = [{"sku_id": sku.id, "quantity": 1}]
    unknown = await place(wrapped, wrap_shop.customer, {"lines": line, "plugins": {"confetti": {}}})
    assert unknown.status_code == 422 and (unknown.json()["code"], unknown.json()["field"]) == ("unknown_plugin", "plugins.confetti")
    # a plugin that is installed but takes no part of the checkout is unknown here too
    no_part = await place(wrapped, wrap_shop.customer, {"lines": line, "plugins": {"membership": {}}})
    assert no_part.status_code == 422 and no_part.json()["code"] == "unknown_plugin"
    switched = await wrapped.put("/api/admin/plugins/gift_wrap", json={"enabled": False}, headers=wrap_shop.owner)
    assert switched.status_code == 200, switched.text
    body = {"lines": line, "plugins": {"gift_wrap": {"wrap": True}}}
    for response in (await wrapped.post(PREVIEW, json=body, headers=wrap_shop.customer), await place(wrapped, wrap_shop.customer, body)):
        assert response.status_code == 422
        assert (response.json()["code"], response.json()["field"]) == ("plugin_disabled", "plugins.gift_wrap")
    plain = await place(wrapped, wrap_shop.customer, {"lines": line})
    assert plain.status_code == 201 and plain.json()["total_fen"] == 1000


async def test_the_openapi_document_shows_each_part_and_the_deprecated_fields(wrapped):
    document = (await wrapped.get("/schema/openapi.json")).json()
    schemas = document["components"]["schemas"]
    for path in ("/api/shop/orders", PREVIEW):
        body = document["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert body == {"$ref": "#/components/schemas/CheckoutCreate"}
    checkout = schemas["CheckoutCreate"]
    assert checkout["additionalProperties"] is False
    parts = checkout["properties"]["plugins"]
    assert parts["additionalProperties"] is False
    assert parts["properties"]["gift_wrap"]["properties"]["note"] == {"type": "string", "maxLength": 20}
    assert parts["properties"]["coupons"]["properties"]["coupon_ids"]["items"]["maximum"] == 2**31 - 1
    assert {"coupons", "points", "group_buy", "bargain", "community_group"} <= set(parts["properties"])
    old = checkout["properties"]["points_to_redeem"]
    assert old["deprecated"] is True and "plugins.points.points_to_redeem" in old["description"]
    assert checkout["properties"]["group_buy"]["deprecated"] is True
    assert "shipping_method" in checkout["properties"]  # core's own choice stays at the top


async def test_old_top_level_fields_still_work_and_say_what_to_send_instead(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, price_fen=1000)
    line = [{"sku_id": sku.id, "quantity": 1}]
    old = await kaidian_client.post(PREVIEW, json={"lines": line, "coupon_ids": []}, headers=shop.customer)
    assert old.status_code == 200, old.text
    assert old.headers["deprecation"] == "@1796342400"
    assert 'rel="deprecation"' in old.headers["link"] and "send plugins.coupons.coupon_ids" in old.headers["link"]
    placed = await place(kaidian_client, shop.customer, {"lines": line, "coupon_ids": []})
    assert placed.status_code == 201 and placed.headers["deprecation"] == "@1796342400"
    # the old field is checked by the plugin's schema and named as sent
    bad = await place(kaidian_client, shop.customer, {"lines": line, "points_to_redeem": 0})
    assert bad.status_code == 422 and bad.json()["field"] == "points_to_redeem"
    twice = await place(kaidian_client, shop.customer, {"lines": line, "coupon_ids": [1], "plugins": {"coupons": {"coupon_ids": [2]}}})
    assert twice.status_code == 422 and twice.json()["field"] == "coupon_ids"
    unknown = await place(kaidian_client, shop.customer, {"lines": line, "gift_note": "hi"})
    assert unknown.status_code == 422 and (unknown.json()["code"], unknown.json()["field"]) == ("unknown_field", "gift_note")


def test_a_schema_that_is_not_an_object_schema_stops_start_up(kaidian_settings):
    class Broken:
        manifest = PluginManifest(name="broken_input", version="1", title={"zh-CN": "b", "en": "b"})

        @hookimpl
        def kaidian_register_checkout_inputs(self, register: Any) -> None:
            register({"type": "object", "properties": {"n": {"type": "integer", "minimum": "one"}}})

    with pytest.raises(RegistrationError, match="broken_input"):
        create_app(kaidian_settings, plugins=[Broken()])
