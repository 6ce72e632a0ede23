"""Helpers shared by the community group tests: an app with the plugin, shops, approved
leaders with points, pickup orders placed, paid and batched through the real HTTP API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from core.testing import customer_login, make_shop, unique

# Three points around 人民广场, Shanghai (WGS-84), and one in Beijing.
PEOPLES_SQUARE = (31.2304, 121.4737)
POINTS = {
    "near": (31.2310, 121.4740),  # ~70 m
    "mid": (31.2400, 121.4800),  # ~1.2 km
    "beijing": (39.9042, 116.4074),  # ~1,067 km
}


def point_body(name: str = "阳光小区便利店", latitude: float = 31.2310, longitude: float = 121.4740, **overrides: Any) -> dict[str, Any]:
    body = {"name": name, "address": "上海市黄浦区人民大道100号", "opening_hours": "每天 08:00-21:00", "latitude": latitude, "longitude": longitude}
    body.update(overrides)
    return body


def apply_body(leader_name: str = "王团长", **point: Any) -> dict[str, Any]:
    return {"name": leader_name, "phone": "13800138000", "pickup_point": point_body(**point)}


@pytest.fixture
def client(kaidian_client: Any) -> Any:
    """The app with the installed plugins (this one comes through its entry point)."""
    return kaidian_client


@pytest.fixture
async def shop(client: Any) -> Any:
    return await make_shop(client, name="社区店A")


@pytest.fixture
async def two_shops(client: Any) -> Any:
    return await make_shop(client, name="社区店A"), await make_shop(client, name="社区店B")


@dataclass
class LeaderHandle:
    id: int
    point_id: int
    headers: dict[str, str]
    customer_id: int


async def make_leader(client: Any, shop: Any, leader_name: str = "王团长", *, approve: bool = True, commission_bp: int | None = None, **point: Any) -> LeaderHandle:
    headers, customer_id = await customer_login(client, shop.shop_id, unique("leader"))
    applied = await client.post("/api/shop/community_group/leader-application", json=apply_body(leader_name, **point), headers=headers)
    assert applied.status_code == 201, applied.text
    leader = applied.json()
    if approve:
        body = {} if commission_bp is None else {"commission_bp": commission_bp}
        approved = await client.post(f"/api/admin/community_group/leaders/{leader['id']}/approve", json=body, headers=shop.owner)
        assert approved.status_code == 201, approved.text
    return LeaderHandle(leader["id"], leader["pickup_point"]["id"], headers, customer_id)


async def set_fee(client: Any, shop: Any, **settings: Any) -> None:
    response = await client.put("/api/admin/plugins/community_group", json={"settings": settings}, headers=shop.owner)
    assert response.status_code == 200, response.text


async def checkout(client: Any, headers: dict[str, str], lines: list[tuple[int, int]], **body: Any) -> Any:
    return await client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": sku_id, "quantity": quantity} for sku_id, quantity in lines], **body},
        headers={**headers, "Idempotency-Key": uuid.uuid4().hex},
    )


async def pickup_order(client: Any, headers: dict[str, str], point_id: int, lines: list[tuple[int, int]], *, pay: bool = True) -> dict[str, Any]:
    placed = await checkout(client, headers, lines, shipping_method="pickup", plugins={"community_group": {"pickup_point_id": point_id}})
    assert placed.status_code == 201, placed.text
    order = placed.json()
    if pay:
        paid = await client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=headers)
        assert paid.status_code in (200, 201) and paid.json()["status"] == "paid", paid.text
        order = paid.json()
    return order


async def pickup_code(client: Any, headers: dict[str, str], order_id: int) -> dict[str, Any]:
    response = await client.get(f"/api/shop/community_group/orders/{order_id}/pickup", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def new_batch(client: Any, shop: Any) -> dict[str, Any]:
    response = await client.post("/api/admin/community_group/batches", json={}, headers=shop.owner)
    assert response.status_code == 201, response.text
    return response.json()
