"""Every id in a request that refers to another record is checked against the caller's shop,
in core and in every bundled plugin: naming another shop's product, SKU, category, media,
coupon, coupon template, customer, address, activity, pickup point or leader is refused with a
4xx whose ``field`` names the offending field — and nothing is written."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from core.catalog.models import Category, Media, MediaKind
from plugins.coupons.tests.conftest import template_body
from tests.trade.helpers import make_sku

NOW = datetime.now(UTC)
WINDOW = {"starts_at": (NOW - timedelta(hours=1)).isoformat(), "ends_at": (NOW + timedelta(days=7)).isoformat()}


async def _foreign_world(client: Any, shop: Any) -> dict[str, int]:
    """Shop B's records whose ids shop A will try to use."""
    from core.accounts.models import CustomerAddress
    from plugins.community_group.tests.conftest import make_leader

    sku = await make_sku(shop.shop_id)
    category = await Category.create(shop_id=shop.shop_id, name="乙分类")
    media = await Media.create(shop_id=shop.shop_id, kind=MediaKind.IMAGE, storage_key=f"x/{uuid.uuid4().hex}.png", format="png")
    template = await client.post("/api/admin/coupons/templates", json=template_body(kind="no_threshold", threshold_fen=0, amount_fen=100), headers=shop.owner)
    assert template.status_code == 201, template.text
    claimed = await client.post(f"/api/shop/coupons/templates/{template.json()['id']}/claim", headers=shop.customer)
    assert claimed.status_code == 201, claimed.text
    group_buy = await client.post(
        "/api/admin/group-buy/activities",
        json={"name": "乙拼团", "product_id": sku.product_id, "sizes": [2], "skus": [{"sku_id": sku.id, "prices_fen": {"2": 800}}], **WINDOW},
        headers=shop.owner,
    )
    assert group_buy.status_code == 201, group_buy.text
    leader = await make_leader(client, shop, "乙团长")
    address = await client.post(
        "/api/shop/addresses",
        json={"recipient": "乙", "phone": "13900001111", "province": "广东省", "city": "深圳市", "district": "南山区", "detail": "1号"},
        headers=shop.customer,
    )
    assert address.status_code == 201, address.text
    assert await CustomerAddress.exists(id=address.json()["id"])
    return {
        "sku": sku.id, "product": sku.product_id, "category": category.id, "media": media.id,
        "template": template.json()["id"], "coupon": claimed.json()["id"], "customer": shop.customer_id,
        "group_buy": group_buy.json()["id"], "point": leader.point_id, "leader": leader.id, "address": address.json()["id"],
    }


def _cases(a: dict[str, Any], b: dict[str, int]) -> list[tuple[str, str, str, dict[str, Any] | None, str, str]]:
    """(who, method, path, body, field) — ``who`` is "owner" or "customer" of shop A; the
    answer's ``field`` must contain ``field`` (``lines[0].sku_id`` contains ``sku_id``)."""
    own_sku = a["sku"]
    line = [{"sku_id": own_sku, "quantity": 1}]
    order = {"lines": line}
    return [
        # core catalog
        ("owner", "POST", "/api/admin/catalog/categories", {"name": "子", "parent_id": b["category"]}, "parent_id"),
        ("owner", "PATCH", f"/api/admin/catalog/categories/{a['category']}", {"parent_id": b["category"]}, "parent_id"),
        ("owner", "POST", "/api/admin/catalog/products", {"title": "新品", "category_id": b["category"]}, "category_id"),
        ("owner", "PATCH", f"/api/admin/catalog/products/{a['product']}", {"category_id": b["category"]}, "category_id"),
        ("owner", "PATCH", f"/api/admin/catalog/products/{a['product']}/skus", [{"id": b["sku"], "stock": 1}], "skus[0].id"),
        ("owner", "PUT", f"/api/admin/catalog/products/{a['product']}/media", {"images": [b["media"]]}, "images"),
        ("owner", "PUT", f"/api/admin/catalog/products/{a['product']}/media", {"video_id": b["media"]}, "video_id"),
        # core cart and checkout
        ("customer", "PUT", "/api/shop/cart/items", {"sku_id": b["sku"], "quantity": 1}, "sku_id"),
        ("customer", "POST", "/api/shop/checkout/preview", {"lines": [{"sku_id": b["sku"], "quantity": 1}]}, "sku_id"),
        ("customer", "POST", "/api/shop/orders", {"lines": [{"sku_id": b["sku"], "quantity": 1}]}, "sku_id"),
        ("customer", "POST", "/api/shop/orders", {**order, "plugins": {"coupons": {"coupon_ids": [b["coupon"]]}}}, "plugins.coupons.coupon_ids"),
        ("customer", "POST", "/api/shop/orders", {**order, "address_id": b["address"]}, "address_id"),
        ("customer", "POST", "/api/shop/orders", {**order, "shipping_method": "pickup", "plugins": {"community_group": {"pickup_point_id": b["point"]}}}, "plugins.community_group.pickup_point_id"),
        ("customer", "POST", "/api/shop/orders", {"lines": line, "plugins": {"group_buy": {"activity_id": b["group_buy"]}}}, "plugins.group_buy"),
        # coupons
        ("owner", "POST", "/api/admin/coupons/templates", template_body(scope="products", scope_ids=[b["product"]]), "scope_ids"),
        ("owner", "POST", f"/api/admin/coupons/templates/{a['template']}/grant", {"customer_ids": [b["customer"]]}, "customer_ids"),
        ("customer", "POST", "/api/shop/coupons/preview",
         {"lines": [{"sku_id": b["sku"], "quantity": 1, "unit_price_fen": 1000}]}, "lines[0].sku_id"),
        ("customer", "POST", "/api/shop/coupons/preview",
         {"lines": [{"sku_id": own_sku, "quantity": 1, "unit_price_fen": 1000, "product_id": b["product"]}]}, "lines[0].product_id"),
        ("customer", "POST", "/api/shop/coupons/preview",
         {"lines": [{"sku_id": own_sku, "quantity": 1, "unit_price_fen": 1000, "category_ids": [b["category"]]}]}, "lines[0].category_ids[0]"),
        # group buy
        ("owner", "POST", "/api/admin/group-buy/activities",
         {"name": "拼", "product_id": b["product"], "sizes": [2], "skus": [{"sku_id": b["sku"], "prices_fen": {"2": 800}}], **WINDOW}, "product_id"),
        ("owner", "POST", "/api/admin/group-buy/activities",
         {"name": "拼", "product_id": a["product"], "sizes": [2], "skus": [{"sku_id": b["sku"], "prices_fen": {"2": 800}}], **WINDOW}, "sku_id"),
        # bargain
        ("owner", "POST", "/api/admin/bargain/activities",
         {"name": "砍", "sku_id": b["sku"], "start_price_fen": 1000, "floor_price_fen": 100, "helpers_needed": 3, "duration_minutes": 60, **WINDOW}, "sku_id"),
        # membership
        ("owner", "POST", "/api/admin/membership/tiers", {"level": 1, "name": "银卡", "threshold": 0, "birthday_template_id": b["template"]}, "birthday_template_id"),
        # points
        ("customer", "POST", "/api/shop/points/redeem-preview", {"lines": [{"sku_id": b["sku"], "quantity": 1}]}, "sku_id"),
        # community group (the leader filter of a picking list)
        ("owner", "GET", f"/api/admin/community_group/batches/{a['batch']}/picking-list?leader_id={b['leader']}", None, "leader_id"),
    ]


async def test_foreign_ids_are_refused_naming_the_field(kaidian_client, two_shops):
    from plugins.community_group.tests.conftest import make_leader, new_batch, pickup_order

    a, b = two_shops
    foreign = await _foreign_world(kaidian_client, b)
    own_sku = await make_sku(a.shop_id)
    own_category = await Category.create(shop_id=a.shop_id, name="甲分类")
    own_template = await kaidian_client.post("/api/admin/coupons/templates", json=template_body(), headers=a.owner)
    leader = await make_leader(kaidian_client, a, "甲团长")
    await pickup_order(kaidian_client, a.customer, leader.point_id, [(own_sku.id, 1)])
    batch = await new_batch(kaidian_client, a)
    own = {"sku": own_sku.id, "product": own_sku.product_id, "category": own_category.id,
           "template": own_template.json()["id"], "batch": batch["id"]}
    refused = []
    for who, method, path, body, field in _cases(own, foreign):
        headers = {**(a.owner if who == "owner" else a.customer), "Idempotency-Key": uuid.uuid4().hex}
        response = await kaidian_client.request(method, path, json=body, headers=headers)
        answer = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
        named = isinstance(answer, dict) and field in str(answer.get("field") or "")
        if not (400 <= response.status_code < 500 and named):
            refused.append(f"{method} {path} {body}: {response.status_code} {response.text[:200]}")
    assert not refused, "\n".join(refused)
