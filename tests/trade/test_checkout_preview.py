"""The checkout preview: the checkout's own pricing, answered and never written.

The proof the checkout page relies on: for the same body, the preview's total is the placed
order's total (coupons, points and membership on), bad lines fail with the checkout's own
problem naming the line, and a preview leaves every table exactly as it was.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise import Tortoise

from core.catalog.models import Product, ProductStatus
from core.testing import customer_login
from plugins.membership import services as membership
from plugins.points import earning
from tests.trade.helpers import make_sku, stock_of

PREVIEW = "/api/shop/checkout/preview"


async def preview(client: Any, headers: dict[str, str], body: dict[str, Any], locale: str = "zh-CN") -> Any:
    return await client.post(PREVIEW, json=body, headers={**headers, "Accept-Language": locale})


async def place(client: Any, headers: dict[str, str], body: dict[str, Any]) -> Any:
    return await client.post("/api/shop/orders", json=body, headers={**headers, "Idempotency-Key": uuid.uuid4().hex})


def lines(*pairs: tuple[int, int]) -> list[dict[str, int]]:
    return [{"sku_id": sku_id, "quantity": quantity} for sku_id, quantity in pairs]


async def coupon_template(client: Any, shop: Any, **overrides: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    body = {
        "name": "满100减20", "kind": "amount_off", "amount_fen": 2000, "threshold_fen": 10000,
        "valid_from": (now - timedelta(hours=1)).isoformat(), "valid_until": (now + timedelta(days=7)).isoformat(),
        "total_quantity": 100, **overrides,
    }
    response = await client.post("/api/admin/coupons/templates", json=body, headers=shop.owner)
    assert response.status_code == 201, response.text
    return response.json()


async def claim(client: Any, headers: dict[str, str], template: dict[str, Any]) -> int:
    response = await client.post(f"/api/shop/coupons/templates/{template['id']}/claim", headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def give_points(client: Any, shop: Any, points: int) -> None:
    response = await client.put("/api/admin/plugins/points", json={"settings": {"review_points": points}}, headers=shop.owner)
    assert response.status_code == 200, response.text
    assert await earning.earn_for_review(shop.shop_id, shop.customer_id, points, datetime.now(UTC)) == points


async def make_member(client: Any, shop: Any) -> None:
    """银卡: 5% off the goods, for the shop's test customer."""
    body = {"level": 1, "name": "银卡", "threshold": 100, "discount_percent": 5}
    assert (await client.post("/api/admin/membership/tiers", json=body, headers=shop.owner)).status_code == 201
    await membership.post_entry(shop.shop_id, shop.customer_id, "earn", 150, "test:silver")


async def everything() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, to prove a preview wrote nothing."""
    dump: dict[str, list[dict[str, Any]]] = {}
    for app, models in Tortoise.apps.items():
        for name, model in models.items():
            dump[f"{app}.{name}"] = sorted(await model.all().values(), key=repr)
    return dump


async def test_the_preview_total_is_the_placed_orders_total(kaidian_client, shop):
    client = kaidian_client
    await make_member(client, shop)
    await give_points(client, shop, 3000)
    twenty = await claim(client, shop.customer, await coupon_template(client, shop))
    ten = await claim(client, shop.customer, await coupon_template(client, shop, name="无门槛减10", kind="no_threshold", amount_fen=1000, threshold_fen=0))
    big = await make_sku(shop.shop_id, stock=20, price_fen=6000)
    small = await make_sku(shop.shop_id, stock=20, price_fen=1999)
    bodies = [
        {"lines": lines((big.id, 2), (small.id, 1))},  # best coupon picked, membership
        {"lines": lines((big.id, 2), (small.id, 3)), "plugins": {"points": {"points_to_redeem": 1500}}},  # + points
        {"lines": lines((big.id, 1), (small.id, 1), (big.id, 1)), "plugins": {"coupons": {"coupon_ids": [ten]}, "points": {"points_to_redeem": 999}}},
        {"lines": lines((small.id, 1)), "plugins": {"coupons": {"coupon_ids": []}, "points": {"points_to_redeem": 300}}},
        {"lines": lines((small.id, 1), (big.id, 2)), "plugins": {"coupons": {"coupon_ids": [twenty, ten]}}},  # the best of those chosen
    ]
    for body in bodies:
        previewed = await preview(client, shop.customer, body)
        assert previewed.status_code == 200, previewed.text
        seen = previewed.json()
        placed = await place(client, shop.customer, body)
        assert placed.status_code == 201, placed.text
        order = placed.json()
        for key in ("subtotal_fen", "discount_fen", "shipping_fen", "total_fen"):
            assert seen[key] == order[key], (body, key)
        assert [(line["sku_id"], line["quantity"], line["total_fen"]) for line in seen["lines"]] == [
            (line["sku_id"], line["quantity"], line["total_fen"]) for line in order["lines"]
        ]
        assert [(a["source"], a["key"], a["amount_fen"]) for a in seen["adjustments"]] == [
            (a["source"], a["key"], a["amount_fen"]) for a in order["adjustments"]
        ]
        # Give the coupon and points back before the next body.
        cancelled = await client.post(f"/api/shop/orders/{order['id']}/cancel", json={}, headers=shop.customer)
        assert cancelled.status_code == 201, cancelled.text
    # The first body really had all three on: member discount, the best coupon, and its label.
    first = (await preview(client, shop.customer, bodies[1])).json()
    assert {a["source"] for a in first["adjustments"]} == {"membership", "coupons", "points"}
    assert first["subtotal_fen"] == 6000 * 2 + 1999 * 3 and first["total_fen"] < first["subtotal_fen"]


async def test_a_preview_writes_nothing(kaidian_client, shop):
    client = kaidian_client
    await make_member(client, shop)
    await give_points(client, shop, 3000)
    await claim(client, shop.customer, await coupon_template(client, shop))
    sku = await make_sku(shop.shop_id, stock=3, price_fen=6000)
    before = await everything()
    body = {"lines": lines((sku.id, 2)), "plugins": {"points": {"points_to_redeem": 500}}, "note": "请尽快发货"}
    response = await preview(client, shop.customer, body)
    assert response.status_code == 200, response.text
    assert response.json()["sections"]["coupons"]["usable"][0]["chosen"] is True
    assert await everything() == before
    assert await stock_of(sku.id) == 3


async def test_bad_lines_fail_exactly_as_the_checkout_naming_the_line(kaidian_client, shop):
    client = kaidian_client
    good = await make_sku(shop.shop_id, stock=5)
    scarce = await make_sku(shop.shop_id, stock=2)
    sold_out = await make_sku(shop.shop_id, stock=0)
    off_sale = await make_sku(shop.shop_id, stock=5)
    await Product.filter(id=off_sale.product_id).update(status=ProductStatus.OFF_SALE)
    for body, code, field in [
        ({"lines": lines((good.id, 1), (scarce.id, 3))}, "out_of_stock", "lines[1].sku_id"),
        ({"lines": lines((good.id, 1), (sold_out.id, 1))}, "out_of_stock", "lines[1].sku_id"),
        ({"lines": lines((off_sale.id, 1), (good.id, 1))}, "sku_unavailable", "lines[0].sku_id"),
        ({"lines": lines((good.id, 1), (999_999, 1))}, "sku_unavailable", "lines[1].sku_id"),
    ]:
        for locale in ("zh-CN", "en"):
            previewed = await preview(client, shop.customer, body, locale)
            placed = await client.post(
                "/api/shop/orders", json=body, headers={**shop.customer, "Accept-Language": locale, "Idempotency-Key": uuid.uuid4().hex}
            )
            assert previewed.status_code == placed.status_code == 409
            assert previewed.json() == placed.json()
            assert (previewed.json()["code"], previewed.json()["field"]) == (code, field)
    assert (await stock_of(good.id), await stock_of(scarce.id)) == (5, 2)
    # Bad bodies are refused like the checkout's: 422 naming the field.
    bad = await preview(client, shop.customer, {"lines": []})
    assert bad.status_code == 422 and "lines" in bad.json()["field"]


async def test_sections_explain_coupons_and_points_in_the_requests_language(kaidian_client, shop):
    client = kaidian_client
    await give_points(client, shop, 3000)
    twenty = await claim(client, shop.customer, await coupon_template(client, shop))
    ten = await claim(client, shop.customer, await coupon_template(client, shop, name="无门槛减10", kind="no_threshold", amount_fen=1000, threshold_fen=0))
    sku = await make_sku(shop.shop_id, stock=10, price_fen=4000)
    seen = (await preview(client, shop.customer, {"lines": lines((sku.id, 2)), "plugins": {"points": {"points_to_redeem": 500}}})).json()
    coupons = seen["sections"]["coupons"]
    assert [(c["id"], c["discount_fen"], c["chosen"]) for c in coupons["usable"]] == [(ten, 1000, True)]
    assert [(c["id"], c["reason"]) for c in coupons["unusable"]] == [(twenty, "「满100减20」还差¥20可用")]
    assert seen["sections"]["points"] == {
        "balance": 3000, "max_points": 3000, "fen_per_point": 1, "points_per_yuan": 100,
        "redeemed_points": 500, "redeemed_fen": 500, "reason": None,
    }
    assert seen["total_fen"] == 8000 - 1000 - 500
    labels = {a["source"]: a["label"] for a in seen["adjustments"]}
    assert labels == {"coupons": "无门槛减10（无门槛减10元）", "points": "500积分抵扣¥5.00"}
    # Choosing none: nothing chosen, both explained the same way; too many points say why.
    english = (await preview(client, shop.customer, {"lines": lines((sku.id, 2)), "plugins": {"coupons": {"coupon_ids": []}, "points": {"points_to_redeem": 9000}}}, "en")).json()
    assert [c["chosen"] for c in english["sections"]["coupons"]["usable"]] == [False]
    assert english["sections"]["coupons"]["unusable"][0]["reason"] == "“满100减20”: spend ¥20 more to use it"
    points = english["sections"]["points"]
    assert (points["redeemed_points"], points["reason"]) == (0, "not enough points: 3000 available")
    assert english["total_fen"] == 8000 and english["adjustments"] == []


async def test_pickup_points_come_with_their_fee_and_a_closed_one_fails_as_checkout(kaidian_client, shop):
    from plugins.community_group.tests.conftest import make_leader, set_fee

    client = kaidian_client
    await set_fee(client, shop, pickup_fee_fen=300, free_pickup_over_fen=10000)
    leader = await make_leader(client, shop)
    sku = await make_sku(shop.shop_id, stock=10, price_fen=2000)
    body = {"lines": lines((sku.id, 1)), "shipping_method": "pickup", "plugins": {"community_group": {"pickup_point_id": leader.point_id}}}
    seen = (await preview(client, shop.customer, body)).json()
    assert [(p["id"], p["fee_fen"], p["distance_m"]) for p in seen["sections"]["community_group"]["pickup_points"]] == [(leader.point_id, 300, None)]
    placed = (await place(client, shop.customer, body)).json()
    assert (seen["shipping_fen"], seen["total_fen"]) == (placed["shipping_fen"], placed["total_fen"]) == (300, 2300)
    closed = {**body, "plugins": {"community_group": {"pickup_point_id": leader.point_id + 1000}}}
    previewed, refused = await preview(client, shop.customer, closed), await place(client, shop.customer, closed)
    assert previewed.status_code == refused.status_code == 422
    assert previewed.json() == refused.json() and previewed.json()["field"] == "plugins.community_group.pickup_point_id"


async def test_another_shops_customer_sees_nothing_of_this_shop(kaidian_client, two_shops):
    client = kaidian_client
    a, b = two_shops
    await claim(client, a.customer, await coupon_template(client, a, kind="no_threshold", amount_fen=500, threshold_fen=0))
    a_sku = await make_sku(a.shop_id, stock=5, price_fen=3000)
    foreign = await preview(client, b.customer, {"lines": lines((a_sku.id, 1))})
    assert foreign.status_code == 409 and foreign.json()["field"] == "lines[0].sku_id"
    assert "3000" not in foreign.text
    b_sku = await make_sku(b.shop_id, stock=5, price_fen=3000)
    own = (await preview(client, b.customer, {"lines": lines((b_sku.id, 1))})).json()
    assert own["sections"]["coupons"] == {"usable": [], "unusable": []}  # A's customer's coupon is A's
    anonymous = await client.post(PREVIEW, json={"lines": lines((b_sku.id, 1))})
    assert anonymous.status_code == 401
    staff = await client.post(PREVIEW, json={"lines": lines((b_sku.id, 1))}, headers=b.owner)
    assert staff.status_code in (401, 403)
    # A customer of A with the same body gets A's coupon: the preview is scoped to the token.
    headers, _ = await customer_login(client, a.shop_id, "another")
    assert (await preview(client, headers, {"lines": lines((a_sku.id, 1))})).json()["sections"]["coupons"]["usable"] == []


async def test_a_chosen_coupon_that_cannot_be_used_refuses_the_checkout_and_the_preview_says_why(kaidian_client, two_shops):
    client = kaidian_client
    shop, other = two_shops
    twenty = await claim(client, shop.customer, await coupon_template(client, shop))
    ten = await claim(client, shop.customer, await coupon_template(client, shop, name="无门槛减10", kind="no_threshold", amount_fen=1000, threshold_fen=0))
    foreign = await claim(client, other.customer, await coupon_template(client, other, name="别家的券"))
    sku = await make_sku(shop.shop_id, stock=10, price_fen=4000)
    below = {"lines": lines((sku.id, 2)), "plugins": {"coupons": {"coupon_ids": [ten, twenty]}}}
    seen = (await preview(client, shop.customer, below)).json()
    assert [(c["id"], c["chosen"]) for c in seen["sections"]["coupons"]["unusable"]] == [(twenty, True)]
    refused = await place(client, shop.customer, below)
    assert refused.status_code == 409
    assert (refused.json()["field"], refused.json()["message"]) == ("plugins.coupons.coupon_ids[1]", "「满100减20」还差¥20可用")
    english = await client.post(
        "/api/shop/orders", json={"lines": lines((sku.id, 2)), "plugins": {"coupons": {"coupon_ids": [foreign]}}},
        headers={**shop.customer, "Accept-Language": "en", "Idempotency-Key": uuid.uuid4().hex},
    )
    assert english.status_code == 409 and english.json()["field"] == "plugins.coupons.coupon_ids[0]"
    assert "别家" not in english.text and "not yours" in english.json()["message"]
    assert await stock_of(sku.id) == 10  # nothing was written
    # Chosen and usable (and none chosen) still place the order.
    assert (await place(client, shop.customer, {"lines": lines((sku.id, 3)), "plugins": {"coupons": {"coupon_ids": [twenty, ten]}}})).json()["total_fen"] == 12000 - 2000
