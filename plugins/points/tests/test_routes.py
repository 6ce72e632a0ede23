"""The points routes: staff look-up and adjustments (roles, reasons, bad input), the customer
ledger pages and the points mall, tenant isolation on every route, and the plugin switched off."""

from __future__ import annotations

from datetime import UTC, datetime

from core.accounts.models import StaffRole
from core.catalog.models import Product
from core.testing import add_staff, assert_other_shop_gets_404
from plugins.points import earning
from plugins.points.tests.conftest import balance
from tests.trade.helpers import make_sku

ADMIN = "/api/admin/points/customers"


async def test_staff_adjust_with_a_reason_and_customer_service_only_reads(kaidian_client, shop):
    path = f"{ADMIN}/{shop.customer_id}/adjustments"
    added = await kaidian_client.post(path, json={"points": 300, "reason": "客诉补偿"}, headers=shop.owner)
    assert added.status_code == 201, added.text
    assert added.json()["kind"] == "adjust" and added.json()["actor"].startswith("staff:") and added.json()["reason"] == "客诉补偿"
    operator = await add_staff(kaidian_client, shop, StaffRole.OPERATOR)
    assert (await kaidian_client.post(path, json={"points": -100, "reason": "误发"}, headers=operator)).status_code == 201
    service = await add_staff(kaidian_client, shop, StaffRole.CUSTOMER_SERVICE)
    assert (await kaidian_client.post(path, json={"points": 5, "reason": "x"}, headers=service)).status_code == 403
    looked_up = await kaidian_client.get(f"{ADMIN}/{shop.customer_id}", headers=service)
    assert looked_up.status_code == 200
    body = looked_up.json()
    assert body["balance"] == 200 and [e["points"] for e in body["ledger"]["items"]] == [-100, 300]
    assert len(body["share_code"]) == 8

    too_much = await kaidian_client.post(path, json={"points": -201, "reason": "扣减"}, headers={**shop.owner, "Accept-Language": "en"})
    assert too_much.status_code == 409 and too_much.json()["field"] == "points"
    assert too_much.json()["message"] == "only 200 points available to take away"
    for body, field in [({"points": 0, "reason": "x"}, "points"), ({"points": 5}, "reason"), ({"points": 5, "reason": ""}, "reason"), ({"points": 5, "reason": "x", "extra": 1}, "extra")]:
        response = await kaidian_client.post(path, json=body, headers=shop.owner)
        assert response.status_code in (400, 422), (body, response.text)
        assert field in response.text, (body, response.text)
    assert (await kaidian_client.post(path, json={"points": 5, "reason": "x"}, headers=shop.customer)).status_code == 403
    assert (await kaidian_client.get(f"{ADMIN}/999999", headers=shop.owner)).status_code == 404


async def test_the_ledger_pages_newest_first(kaidian_client, shop):
    now = datetime.now(UTC)
    for review_id in range(1, 6):
        await earning.earn_for_review(shop.shop_id, shop.customer_id, review_id, now)
    first = (await kaidian_client.get("/api/shop/points/ledger?limit=2", headers=shop.customer)).json()
    assert [e["reason"] for e in first["items"]] == ["评价得积分"] * 2 and first["next_before_id"] is not None
    seen = [e["id"] for e in first["items"]]
    cursor = first["next_before_id"]
    while cursor:
        page = (await kaidian_client.get(f"/api/shop/points/ledger?limit=2&before_id={cursor}", headers=shop.customer)).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_before_id"]
    assert seen == sorted(seen, reverse=True) and len(seen) == 5
    bad = await kaidian_client.get("/api/shop/points/ledger?limit=0", headers=shop.customer)
    assert bad.status_code in (400, 422) and "limit" in bad.text


async def test_the_mall_lists_on_sale_products_with_their_points(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, price_fen=8000)
    await Product.filter(id=sku.product_id).update(tags=["积分"], tag_text="|积分|")
    await make_sku(shop.shop_id, price_fen=3000)
    items = (await kaidian_client.get("/api/shop/points/mall?tag=积分", headers=shop.customer)).json()
    assert [(i["product_id"], i["price_fen"], i["max_points"], i["points_discount_fen"]) for i in items] == [(sku.product_id, 8000, 4000, 4000)]
    assert len((await kaidian_client.get("/api/shop/points/mall", headers=shop.customer)).json()) == 2


async def test_customer_routes_are_shop_scoped(kaidian_client, two_shops):
    a, b = two_shops
    await earning.earn_for_review(a.shop_id, a.customer_id, 1, datetime.now(UTC))
    await kaidian_client.post("/api/shop/points/sign-in", headers=a.customer)
    a_sku = await make_sku(a.shop_id, price_fen=5000)
    # B's customer sees nothing of A: no points, no sign-in, own share code, none of A's goods
    assert (await balance(kaidian_client, b.customer))["balance"] == 0
    assert (await kaidian_client.get("/api/shop/points/ledger", headers=b.customer)).json()["items"] == []
    assert (await kaidian_client.get("/api/shop/points/sign-in", headers=b.customer)).json()["signed_today"] is False
    assert (await kaidian_client.post("/api/shop/points/sign-in", headers=b.customer)).status_code == 201
    codes = [(await kaidian_client.get("/api/shop/points/share", headers=h)).json()["share_code"] for h in (a.customer, b.customer)]
    assert codes[0] != codes[1]
    assert (await kaidian_client.get("/api/shop/points/mall", headers=b.customer)).json() == []
    preview = await kaidian_client.post(
        "/api/shop/points/redeem-preview", json={"lines": [{"sku_id": a_sku.id, "quantity": 1}]}, headers=b.customer
    )
    assert preview.status_code == 409 and preview.json()["field"] == "sku_id"
    assert (await balance(kaidian_client, a.customer))["balance"] == 15  # A's own points untouched


async def test_admin_routes_are_shop_scoped(kaidian_client, two_shops):
    a, b = two_shops
    await earning.earn_for_review(a.shop_id, a.customer_id, 1, datetime.now(UTC))
    await assert_other_shop_gets_404(
        kaidian_client,
        [
            ("GET", f"{ADMIN}/{a.customer_id}", None),
            ("POST", f"{ADMIN}/{a.customer_id}/adjustments", {"points": 1000, "reason": "hijack"}),
            ("POST", f"{ADMIN}/{a.customer_id}/adjustments", {"points": -10, "reason": "hijack"}),
        ],
        b.owner,
    )
    assert (await balance(kaidian_client, a.customer))["balance"] == 10


async def test_routes_answer_404_when_the_shop_disables_the_plugin(kaidian_client, shop):
    response = await kaidian_client.put("/api/admin/plugins/points", json={"enabled": False}, headers=shop.owner)
    assert response.status_code == 200
    assert (await kaidian_client.get("/api/shop/points/balance", headers=shop.customer)).status_code == 404
    assert (await kaidian_client.get(f"{ADMIN}/{shop.customer_id}", headers=shop.owner)).status_code == 404


async def test_settings_are_validated_by_their_schema(kaidian_client, shop):
    for settings, field in [({"redeem_max_percent": 150}, "redeem_max_percent"), ({"redeem_points_per_yuan": 0}, "redeem_points_per_yuan"), ({"surprise": 1}, "surprise")]:
        response = await kaidian_client.put("/api/admin/plugins/points", json={"settings": settings}, headers=shop.owner)
        assert response.status_code == 422 and field in response.text, (settings, response.text)
