"""Growth through the trade loop: earned when a payment succeeds, taken back by refunds (in
proportion, all of it on a full refund), once per notification; tiers follow growth, upgrades
are announced once; tier benefits reach checkout as price adjustments."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from core.pricing.pipeline import price
from core.pricing.types import PricingContext, PricingLine
from core.testing import assert_other_shop_gets_404
from plugins.membership import services
from plugins.membership.models import GrowthEntry, MemberAccount
from tests.trade.helpers import make_sku

ME = "/api/shop/membership/me"


async def _paid_order(client, shop, sku_id: int, quantity: int) -> dict:
    response = await client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": sku_id, "quantity": quantity}]},
        headers={**shop.customer, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status_code == 201, response.text
    paid = await client.post(f"/api/shop/orders/{response.json()['id']}/sandbox-pay", headers=shop.customer)
    assert paid.status_code in (200, 201) and paid.json()["status"] == "paid", paid.text
    return paid.json()


async def _refund(client, shop, order: dict, quantity: int) -> None:
    response = await client.post(
        f"/api/admin/orders/{order['id']}/refunds",
        json={"lines": [{"line_id": order["lines"][0]["id"], "quantity": quantity}], "reason": "退货"},
        headers=shop.owner,
    )
    assert response.status_code == 201, response.text


async def test_paying_earns_growth_reaches_a_tier_and_announces_the_upgrade_once(kaidian_client, shop, ladder):
    silver, gold = await ladder(shop)
    fresh = (await kaidian_client.get(ME, headers=shop.customer)).json()
    assert fresh["growth"] == 0 and fresh["tier"] is None and fresh["next_tier"]["name"] == "银卡"
    assert fresh["growth_to_next"] == 100 and fresh["progress_percent"] == 0

    sku = await make_sku(shop.shop_id, price_fen=15050, stock=20)  # ¥150.50 each
    await _paid_order(kaidian_client, shop, sku.id, 2)  # no tier yet: paid ¥301
    me = (await kaidian_client.get(ME, headers=shop.customer)).json()
    assert me["growth"] == 301  # one per whole yuan paid
    assert me["tier"]["name"] == "银卡" and me["next_tier"]["name"] == "金卡"
    assert me["growth_to_next"] == 1000 - 301 and me["progress_percent"] == (301 - 100) * 100 // 900
    second = await _paid_order(kaidian_client, shop, sku.id, 1)  # now 银卡: ¥150.50 less 5%
    assert second["total_fen"] == 15050 - 752
    assert (await kaidian_client.get(ME, headers=shop.customer)).json()["growth"] == 301 + 142
    assert me["upgrade"]["to_name"] == "银卡" and me["upgrade"]["from_name"] == ""
    seen = await kaidian_client.post("/api/shop/membership/upgrades/seen", headers=shop.customer)
    assert seen.status_code == 200 and seen.json()["upgrade"] is None
    assert (await kaidian_client.get(ME, headers=shop.customer)).json()["upgrade"] is None

    ledger = (await kaidian_client.get("/api/shop/membership/growth", headers=shop.customer)).json()
    assert [(e["kind"], e["amount"]) for e in ledger] == [("earn", 142), ("earn", 301)]


async def test_refunds_take_growth_back_in_proportion_and_may_drop_the_tier(kaidian_client, shop, ladder):
    await ladder(shop)
    sku = await make_sku(shop.shop_id, price_fen=10000, stock=20)
    order = await _paid_order(kaidian_client, shop, sku.id, 3)  # paid ¥300 → growth 300, 银卡
    assert (await kaidian_client.get(ME, headers=shop.customer)).json()["growth"] == 300
    await _refund(kaidian_client, shop, order, 1)
    me = (await kaidian_client.get(ME, headers=shop.customer)).json()
    assert me["growth"] == 200 and me["tier"]["name"] == "银卡"
    await _refund(kaidian_client, shop, order, 2)
    me = (await kaidian_client.get(ME, headers=shop.customer)).json()
    assert me["growth"] == 0 and me["tier"] is None
    amounts = await GrowthEntry.filter(shop_id=shop.shop_id).order_by("id").values_list("kind", "amount")
    assert amounts == [("earn", 300), ("reverse", -100), ("reverse", -200)]
    # a downgrade is recorded but not announced as an upgrade
    assert (await kaidian_client.get(ME, headers=shop.customer)).json()["upgrade"]["to_name"] == "银卡"


async def test_repeated_notifications_count_once_and_rounding_never_takes_back_more(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, price_fen=999, stock=5)
    order = await _paid_order(kaidian_client, shop, sku.id, 3)  # ¥29.97 → 29
    now = datetime.now(UTC)
    assert await services.earn_for_payment(shop.shop_id, order["id"], 2997, now) is None  # duplicate
    await services.reverse_for_refund(shop.shop_id, order["id"], 9001, 999, now)  # 29 × 1/3 → 9
    assert await services.reverse_for_refund(shop.shop_id, order["id"], 9001, 999, now) is None
    await services.reverse_for_refund(shop.shop_id, order["id"], 9002, 999, now)  # 29 × 2/3 → 19 in all
    await services.reverse_for_refund(shop.shop_id, order["id"], 9003, 999, now)  # full: all 29
    await services.reverse_for_refund(shop.shop_id, order["id"], 9004, 999, now)  # over-refund: nothing more
    amounts = await GrowthEntry.filter(shop_id=shop.shop_id).order_by("id").values_list("amount", flat=True)
    assert amounts == [29, -9, -10, -10]
    assert (await MemberAccount.get(shop_id=shop.shop_id, customer_id=shop.customer_id)).growth == 0


async def test_tier_benefits_apply_at_checkout(kaidian_client, shop, ladder):
    await ladder(shop)
    host = kaidian_client.app.state.host

    def cart(shipping_fen: int) -> PricingContext:
        return PricingContext(
            shop_id=shop.shop_id, customer_id=shop.customer_id, lines=(PricingLine(1, 2, 5000),), now=datetime.now(UTC), shipping_fen=shipping_fen
        )

    assert (await price(host, cart(800))).total_fen == 10800  # no tier yet
    await services.post_entry(shop.shop_id, shop.customer_id, "earn", 150, "test:silver")
    silver = await price(host, cart(800))
    assert silver.total_fen == 10000 - 500 + 800
    assert [(a.adjustment.kind, a.applied_fen) for a in silver.applied] == [("member_discount", -500)]
    await services.post_entry(shop.shop_id, shop.customer_id, "earn", 1000, "test:gold")
    gold = await price(host, cart(800))
    assert gold.total_fen == 10000 - 1000
    assert sorted((a.adjustment.kind, a.applied_fen) for a in gold.applied) == [("member_discount", -1000), ("member_free_shipping", -800)]
    assert gold.applied[0].adjustment.reason["zh-CN"] == "金卡会员9折"


async def test_customer_and_member_routes_are_shop_scoped(kaidian_client, two_shops, ladder):
    a, b = two_shops
    await ladder(a)
    await services.post_entry(a.shop_id, a.customer_id, "earn", 150, "test:a")
    member = (await kaidian_client.get(f"/api/admin/membership/members/{a.customer_id}", headers=a.owner)).json()
    assert member["growth"] == 150 and [e["amount"] for e in member["ledger"]] == [150]
    await assert_other_shop_gets_404(kaidian_client, [("GET", f"/api/admin/membership/members/{a.customer_id}", None)], b.owner)
    # B's customer sees B's (empty) programme, never A's tiers or growth
    assert (await kaidian_client.get("/api/shop/membership/tiers", headers=b.customer)).json() == []
    me = (await kaidian_client.get(ME, headers=b.customer)).json()
    assert me["growth"] == 0 and me["tier"] is None and me["next_tier"] is None and me["progress_percent"] == 100
    assert (await kaidian_client.get("/api/shop/membership/growth", headers=b.customer)).json() == []
    seen = await kaidian_client.post("/api/shop/membership/upgrades/seen", headers=b.customer)
    assert seen.status_code == 200
    assert (await kaidian_client.get(ME, headers=a.customer)).json()["upgrade"]["to_name"] == "银卡"  # untouched
