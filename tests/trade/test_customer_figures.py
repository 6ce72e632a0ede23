"""The admin's customer list: each customer's paid orders, spend net of refunds and latest order."""

from __future__ import annotations

from datetime import UTC, datetime

from core.testing import make_shop
from tests.trade.helpers import checkout, make_sku


async def test_the_customer_list_counts_paid_orders_and_net_spend(kaidian_client_for):
    async with kaidian_client_for() as client:
        shop = await make_shop(client)
        other_shop = await make_shop(client)
        sku = await make_sku(shop.shop_id, stock=10, price_fen=2500)
        before = datetime.now(UTC)
        paid_ids = []
        for quantity in (2, 1):
            placed = await checkout(client, shop.customer, [(sku.id, quantity)])
            assert (await client.post(f"/api/shop/orders/{placed.json()['id']}/sandbox-pay", headers=shop.customer)).status_code == 201
            paid_ids.append(placed.json())
        unpaid = await checkout(client, shop.customer, [(sku.id, 1)])
        assert unpaid.status_code == 201  # placed, never paid: not spent
        refund = await client.post(
            f"/api/admin/orders/{paid_ids[0]['id']}/refunds", json={"lines": [{"line_id": paid_ids[0]["lines"][0]["id"], "quantity": 1}]}, headers=shop.owner
        )
        assert refund.status_code == 201, refund.text
        assert (await client.patch("/api/shop/me", json={"nickname": "小红", "phone": "13812345678"}, headers=shop.customer)).status_code == 200

        listed = await client.get("/api/admin/customers", headers=shop.owner)
        row = next(row for row in listed.json() if row["id"] == shop.customer_id)
        assert (row["nickname"], row["phone"], row["order_count"], row["spent_fen"]) == ("小红", "138****5678", 2, 2500 * 3 - 2500)
        assert before <= datetime.fromisoformat(row["last_order_at"]) <= datetime.now(UTC)
        found = await client.get("/api/admin/customers", params={"phone": "138 1234 5678"}, headers=shop.owner)
        assert [(row["id"], row["order_count"]) for row in found.json()] == [(shop.customer_id, 2)]
        one = await client.get(f"/api/admin/customers/{shop.customer_id}", headers=shop.owner)
        assert one.json()["spent_fen"] == 5000

        # another shop's staff see their own customer, with no orders, and not this one
        theirs = (await client.get("/api/admin/customers", headers=other_shop.owner)).json()
        assert [(row["id"], row["order_count"], row["spent_fen"], row["last_order_at"]) for row in theirs] == [(other_shop.customer_id, 0, 0, None)]
