"""Shop isolation on every community group route: shop B's tokens neither see nor change
anything of shop A (leaders, points, pickup orders and codes, batches, rates, settlements)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.testing import assert_other_shop_gets_404
from plugins.community_group.commission import SHOP_TZ
from plugins.community_group.models import CommissionEntry, Leader, PickupOrder
from plugins.community_group.tests.conftest import make_leader, new_batch, pickup_code, pickup_order
from tests.trade.helpers import make_sku

BASE = "/api/admin/community_group"


async def _shop_a_world(client, shop):
    """Shop A: an approved and a pending leader, a completed and a batched order, a settlement."""
    leader = await make_leader(client, shop, "甲团长", commission_bp=1000)
    pending = await make_leader(client, shop, "待审团长", approve=False)
    sku = await make_sku(shop.shop_id, stock=10)
    done = await pickup_order(client, shop.customer, leader.point_id, [(sku.id, 1)])
    await new_batch(client, shop)
    code = (await pickup_code(client, shop.customer, done["id"]))["pickup_code"]
    assert (await client.post("/api/shop/community_group/leader/verify", json={"code": code}, headers=leader.headers)).status_code == 201
    waiting = await pickup_order(client, shop.customer, leader.point_id, [(sku.id, 1)])
    batch = await new_batch(client, shop)
    last_month = datetime.now(SHOP_TZ).replace(day=1) - timedelta(days=2)
    await CommissionEntry.filter(shop_id=shop.shop_id).update(occurred_at=last_month.astimezone(UTC))
    settled = await client.post(f"{BASE}/settlements", json={"period": f"{last_month:%Y-%m}"}, headers=shop.owner)
    assert settled.status_code == 201, settled.text
    return leader, pending, sku, waiting, batch, settled.json()


async def test_admin_routes_are_shop_scoped(client, two_shops):
    shop_a, shop_b = two_shops
    leader, pending, sku, waiting, batch, settlement = await _shop_a_world(client, shop_a)
    await assert_other_shop_gets_404(
        client,
        [
            ("GET", f"{BASE}/leaders/{leader.id}", None),
            ("POST", f"{BASE}/leaders/{pending.id}/approve", {}),
            ("POST", f"{BASE}/leaders/{pending.id}/reject", {"note": "x"}),
            ("PUT", f"{BASE}/leaders/{leader.id}/commission", {"commission_bp": 0}),
            ("PUT", f"{BASE}/product-rates/{sku.product_id}", {"rate_bp": 4000}),
            ("GET", f"{BASE}/batches/{batch['id']}/picking-list", None),
            ("GET", f"{BASE}/batches/{batch['id']}/picking-list?format=xlsx", None),
            ("GET", f"{BASE}/settlements/{settlement['id']}/statements", None),
        ],
        shop_b.owner,
    )
    for path in ("leaders", "product-rates", "batches", "settlements"):
        assert (await client.get(f"{BASE}/{path}", headers=shop_b.owner)).json() == [], path
    # B's batch and settlement take nothing of A's
    assert (await client.post(f"{BASE}/batches", json={}, headers=shop_b.owner)).status_code == 409
    assert (await client.post(f"{BASE}/settlements", json={"period": settlement["period"]}, headers=shop_b.owner)).json()["entry_count"] == 0
    assert (await Leader.get(id=pending.id)).status == "pending" and (await Leader.get(id=leader.id)).commission_bp == 1000
    assert (await PickupOrder.get(order_id=waiting["id"])).batch_id == batch["id"]
    assert len((await client.get(f"{BASE}/leaders", headers=shop_a.owner)).json()) == 2


async def test_customer_and_leader_routes_are_shop_scoped(client, two_shops):
    shop_a, shop_b = two_shops
    leader, pending, _, waiting, _, _ = await _shop_a_world(client, shop_a)
    leader_b = await make_leader(client, shop_b, "乙团长")
    await assert_other_shop_gets_404(
        client, [("GET", f"/api/shop/community_group/orders/{waiting['id']}/pickup", None)], shop_b.customer
    )
    points = (await client.get("/api/shop/community_group/pickup-points", headers=shop_b.customer)).json()
    assert [p["id"] for p in points] == [leader_b.point_id]
    mine = await client.get("/api/shop/community_group/leader-application", headers=shop_b.customer)
    assert mine.status_code == 200 and mine.json() is None
    applied = await client.post("/api/shop/community_group/leader-application", json={
        "name": "乙申请", "phone": "13900000000",
        "pickup_point": {"name": "乙点", "address": "乙路1号", "opening_hours": "9-18", "latitude": 30, "longitude": 120},
    }, headers=shop_b.customer)
    assert applied.status_code == 201
    assert [row["id"] for row in (await client.get(f"{BASE}/leaders?status=pending", headers=shop_a.owner)).json()] == [pending.id]
    assert (await client.get(f"{BASE}/leaders", params={"phone": "13900000000"}, headers=shop_a.owner)).json() == []

    # B's leader sees nothing of A, and A's pickup code means nothing in B
    for path in ("orders", "batches"):
        assert (await client.get(f"/api/shop/community_group/leader/{path}", headers=leader_b.headers)).json() == [], path
    commission = (await client.get("/api/shop/community_group/leader/commission", headers=leader_b.headers)).json()
    assert commission == {"unsettled_fen": 0, "statements": []}
    code = (await PickupOrder.get(order_id=waiting["id"])).pickup_code
    foreign = await client.post("/api/shop/community_group/leader/verify", json={"code": code}, headers=leader_b.headers)
    assert foreign.status_code == 422 and foreign.json()["field"] == "code"
    assert (await PickupOrder.get(order_id=waiting["id"])).picked_up_at is None
    # A's leader token is a customer token of shop A only: nothing of B through it either
    assert [p["id"] for p in (await client.get("/api/shop/community_group/pickup-points", headers=leader.headers)).json()] == [leader.point_id]
