"""The dashboard counts in the database, per shop, with "today" in the business time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from core.catalog.models import InventoryAlert
from core.dashboard.service import shop_dashboard
from core.testing import make_shop
from core.trade.models import Order
from tests.trade.helpers import checkout, make_sku


async def _paid_order(client, shop, sku_id: int, quantity: int) -> dict:
    order = (await checkout(client, shop.customer, [(sku_id, quantity)])).json()
    paid = await client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=shop.customer)
    assert paid.json()["status"] == "paid", paid.text
    return paid.json()


async def test_figures_count_today_and_the_work_waiting(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, stock=50, price_fen=1250)
    first = await _paid_order(kaidian_client, shop, sku.id, 2)
    await _paid_order(kaidian_client, shop, sku.id, 1)
    unpaid = await checkout(kaidian_client, shop.customer, [(sku.id, 1)])
    assert unpaid.status_code == 201
    shipped = await kaidian_client.post(
        f"/api/admin/orders/{first['id']}/ship", json={"carrier": "SF", "tracking_no": "SF0000000001"}, headers=shop.owner
    )
    assert shipped.status_code == 201
    asked = await kaidian_client.post(
        f"/api/shop/orders/{first['id']}/refunds",
        json={"lines": [{"line_id": first["lines"][0]["id"], "quantity": 1}], "reason": "质量问题"},
        headers=shop.customer,
    )
    assert asked.status_code == 201 and asked.json()["status"] == "requested", asked.text  # shipped: staff decide
    await InventoryAlert.create(shop_id=shop.shop_id, sku_id=sku.id, product_id=sku.product_id, stock=1, threshold=5)

    response = await kaidian_client.get("/api/admin/dashboard", headers=shop.owner)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["timezone"] == "Asia/Shanghai"
    assert body["today"]["orders"] == 3
    assert body["today"]["paid_orders"] == 2
    assert body["today"]["gmv_fen"] == 1250 * 3
    assert body["pending_shipments"] == 1  # the second paid order; the first is shipped
    assert body["low_stock_alerts"] == 1
    assert body["refunds_awaiting_review"] == 1
    assert len(body["last_7_days"]) == 7 and body["last_7_days"][-1] == body["today"]
    assert [day["orders"] for day in body["last_7_days"][:-1]] == [0] * 6


async def test_today_turns_over_at_midnight_in_the_business_time_zone(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, stock=5, price_fen=900)
    order = await _paid_order(kaidian_client, shop, sku.id, 1)
    # 16:30 UTC on 24 November is 00:30 on 25 November in Shanghai.
    paid_at = datetime(2026, 11, 24, 16, 30, tzinfo=UTC)
    await Order.filter(id=order["id"]).update(paid_at=paid_at, created_at=paid_at)
    evening = await shop_dashboard(shop.shop_id, "Asia/Shanghai", now=datetime(2026, 11, 25, 3, 0, tzinfo=UTC))
    assert evening.today.day == date(2026, 11, 25)
    assert (evening.today.paid_orders, evening.today.gmv_fen) == (1, 900)
    in_utc = await shop_dashboard(shop.shop_id, "UTC", now=datetime(2026, 11, 25, 3, 0, tzinfo=UTC))
    assert (in_utc.today.paid_orders, in_utc.last_7_days[-2].paid_orders) == (0, 1)
    a_week_later = await shop_dashboard(shop.shop_id, "Asia/Shanghai", now=paid_at + timedelta(days=8))
    assert sum(day.paid_orders for day in a_week_later.last_7_days) == 0


async def test_figures_are_the_token_shops_only(kaidian_client, two_shops):
    a, b = two_shops
    sku = await make_sku(a.shop_id, stock=5)
    await _paid_order(kaidian_client, a, sku.id, 1)
    own = (await kaidian_client.get("/api/admin/dashboard", headers=a.owner)).json()
    other = (await kaidian_client.get("/api/admin/dashboard", headers=b.owner)).json()
    assert (own["today"]["paid_orders"], own["pending_shipments"]) == (1, 1)
    assert (other["today"]["orders"], other["today"]["paid_orders"], other["pending_shipments"]) == (0, 0, 0)
    assert (await kaidian_client.get("/api/admin/dashboard", headers=a.customer)).status_code in (401, 403)
