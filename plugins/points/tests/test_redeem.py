"""Redeeming points at checkout: capped by the shop's percentage, held at submit, spent on
payment, freed on cancel, given back on refund — and never overspent by racing checkouts."""

from __future__ import annotations

from datetime import UTC, datetime

from core.testing import race_same_customer
from plugins.points import earning, ledger
from plugins.points.models import HoldStatus, PointsEntry, PointsHold
from plugins.points.tests.conftest import balance, checkout, pay, place, refund, set_points_settings
from tests.trade.helpers import make_sku


async def _give(shop, points: int) -> None:
    """Points for the test customer, through a review earning (the rule under test is redemption)."""
    from plugins.points.manifest import manifest
    from core.shop_plugins.models import ShopPlugin

    row = await ShopPlugin.get_or_none(shop_id=shop.shop_id, plugin=manifest.name)
    settings = {**(row.settings if row else {}), "review_points": points}
    await ShopPlugin.update_or_create(defaults={"settings": settings, "enabled": True}, shop_id=shop.shop_id, plugin=manifest.name)
    assert await earning.earn_for_review(shop.shop_id, shop.customer_id, points, datetime.now(UTC)) == points


async def _preview(client, shop, sku_id: int, quantity: int, points: int) -> dict:
    response = await client.post(
        "/api/shop/points/redeem-preview",
        json={"lines": [{"sku_id": sku_id, "quantity": quantity}], "points_to_redeem": points},
        headers=shop.customer,
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_preview_shows_the_cap_and_explains_what_cannot_be_used(kaidian_client, shop):
    await set_points_settings(kaidian_client, shop.owner, earn_points_per_yuan=0)
    await _give(shop, 5000)
    sku = await make_sku(shop.shop_id, price_fen=4000)
    # 100 points = ¥1, at most 50% of ¥80 = ¥40 = 4000 points
    preview = await _preview(kaidian_client, shop, sku.id, 2, 0)
    assert (preview["available"], preview["max_points"], preview["points_used"], preview["problem"]) == (5000, 4000, 0, None)
    preview = await _preview(kaidian_client, shop, sku.id, 2, 1500)
    assert (preview["points_used"], preview["discount_fen"], preview["total_fen"]) == (1500, 1500, 8000 - 1500)
    assert (await _preview(kaidian_client, shop, sku.id, 2, 4500))["problem"] == "本单最多可用4000积分（商品金额的50%）"
    assert (await _preview(kaidian_client, shop, sku.id, 20, 6000))["problem"] == "积分不足，可用5000积分"
    english = await kaidian_client.post(
        "/api/shop/points/redeem-preview",
        json={"lines": [{"sku_id": sku.id, "quantity": 2}], "points_to_redeem": 4500},
        headers={**shop.customer, "Accept-Language": "en"},
    )
    assert english.json()["problem"] == "at most 4000 points on this order (50% of the goods)"
    assert english.json()["points_used"] == 0 and english.json()["total_fen"] == 8000


async def test_checkout_holds_payment_spends_cancel_frees(kaidian_client, shop):
    await set_points_settings(kaidian_client, shop.owner, earn_points_per_yuan=0)
    await _give(shop, 3000)
    sku = await make_sku(shop.shop_id, price_fen=5000)
    order = await place(kaidian_client, shop.customer, sku.id, 1, points_to_redeem=2000)
    assert order["total_fen"] == 3000
    assert [(a["source"], a["amount_fen"]) for a in order["adjustments"]] == [("points", -2000)]
    points = await balance(kaidian_client, shop.customer)
    assert (points["balance"], points["held"], points["available"]) == (3000, 2000, 1000)
    cancelled = await kaidian_client.post(f"/api/shop/orders/{order['id']}/cancel", json={}, headers=shop.customer)
    assert cancelled.status_code == 201
    assert (await PointsHold.get(order_id=order["id"])).status == HoldStatus.RELEASED
    assert (await balance(kaidian_client, shop.customer))["available"] == 3000
    assert await PointsEntry.filter(customer_id=shop.customer_id).count() == 1  # a cancel writes nothing

    order = await place(kaidian_client, shop.customer, sku.id, 1, points_to_redeem=2500)
    await pay(kaidian_client, shop.customer, order)
    assert (await PointsHold.get(order_id=order["id"])).status == HoldStatus.CONFIRMED
    points = await balance(kaidian_client, shop.customer)
    assert (points["balance"], points["held"], points["available"]) == (500, 0, 500)
    ledger_page = (await kaidian_client.get("/api/shop/points/ledger", headers=shop.customer)).json()
    assert [(e["kind"], e["points"], e["order_id"]) for e in ledger_page["items"]][0] == ("spend", -2500, order["id"])


async def test_bad_redemptions_refuse_the_checkout_naming_the_field(kaidian_client, shop):
    await set_points_settings(kaidian_client, shop.owner, earn_points_per_yuan=0)
    await _give(shop, 1000)
    sku = await make_sku(shop.shop_id, price_fen=10000, stock=5)
    for points, message in [(1001, "积分不足，可用1000积分"), (50, "至少使用100积分")]:
        if points == 50:
            await set_points_settings(kaidian_client, shop.owner, earn_points_per_yuan=0, redeem_points_per_yuan=10000)
        response = await checkout(kaidian_client, shop.customer, sku.id, 1, points_to_redeem=points)
        assert response.status_code == 409, response.text
        assert response.json()["field"] == "plugins.points.points_to_redeem" and response.json()["message"] == message
    await set_points_settings(kaidian_client, shop.owner, earn_points_per_yuan=0, redeem_max_percent=5)
    response = await checkout(kaidian_client, shop.customer, sku.id, 1, points_to_redeem=600)
    assert response.status_code == 409 and response.json()["message"] == "本单最多可用500积分（商品金额的5%）"
    assert (await make_sku(shop.shop_id)).id  # nothing was written by the refused checkouts:
    assert await PointsHold.filter(customer_id=shop.customer_id).count() == 0
    from core.catalog.models import Sku

    assert (await Sku.get(id=sku.id)).stock == 5
    bad = await checkout(kaidian_client, shop.customer, sku.id, 1, points_to_redeem=-5)
    assert bad.status_code in (400, 422) and "points_to_redeem" in bad.text


async def test_a_refund_gives_back_redeemed_points_in_proportion(kaidian_client, shop):
    await set_points_settings(kaidian_client, shop.owner, earn_points_per_yuan=0)
    await _give(shop, 4000)
    sku = await make_sku(shop.shop_id, price_fen=4000)
    order = await pay(kaidian_client, shop.customer, await place(kaidian_client, shop.customer, sku.id, 2, points_to_redeem=4000))
    assert order["paid_fen"] == 4000 and (await balance(kaidian_client, shop.customer))["balance"] == 0
    await refund(kaidian_client, shop.owner, order, 1)
    assert (await balance(kaidian_client, shop.customer))["balance"] == 2000
    await refund(kaidian_client, shop.owner, order, 1)
    assert (await balance(kaidian_client, shop.customer))["balance"] == 4000
    assert await ledger.derived_balance(shop.shop_id, shop.customer_id) == 4000


async def test_racing_checkouts_cannot_overspend(kaidian_client, shop):
    await set_points_settings(kaidian_client, shop.owner, earn_points_per_yuan=0)
    await _give(shop, 1000)
    sku = await make_sku(shop.shop_id, price_fen=10000, stock=50)
    outcome = await race_same_customer(lambda: checkout(kaidian_client, shop.customer, sku.id, 1, points_to_redeem=600), taps=10)
    outcome.assert_winners(1)
    points = await balance(kaidian_client, shop.customer)
    assert (points["balance"], points["held"], points["available"]) == (1000, 600, 400)
    assert await PointsHold.filter(customer_id=shop.customer_id, status=HoldStatus.HELD).count() == 1


async def test_holds_left_by_lost_notifications_are_settled_by_the_job(kaidian_client, shop):
    from core.trade.models import Order
    from plugins.points.redeem import settle_stale_holds

    await set_points_settings(kaidian_client, shop.owner, earn_points_per_yuan=0)
    await _give(shop, 3000)
    sku = await make_sku(shop.shop_id, price_fen=5000)
    paid = await place(kaidian_client, shop.customer, sku.id, 1, points_to_redeem=1000)
    cancelled = await place(kaidian_client, shop.customer, sku.id, 1, points_to_redeem=1000)
    waiting = await place(kaidian_client, shop.customer, sku.id, 1, points_to_redeem=1000)
    # the orders moved, but the notifications never reached the plugin
    await Order.filter(id=paid["id"]).update(status="paid", paid_at=datetime.now(UTC), paid_fen=4000)
    await Order.filter(id=cancelled["id"]).update(status="cancelled")
    assert await settle_stale_holds() == 2
    assert await settle_stale_holds() == 0
    statuses = {h.order_id: h.status for h in await PointsHold.filter(customer_id=shop.customer_id)}
    assert statuses == {paid["id"]: HoldStatus.CONFIRMED, cancelled["id"]: HoldStatus.RELEASED, waiting["id"]: HoldStatus.HELD}
    points = await balance(kaidian_client, shop.customer)
    assert (points["balance"], points["held"], points["available"]) == (2000, 1000, 1000)
