"""Fixtures of the bargain tests: an app with core and this plugin only, a shop, and helpers
to make activities, customers and cuts."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from core.testing import customer_login, make_shop, unique

LOOSE = {"cut_attempts_per_minute": 600, "cuts_per_device_per_day": 0, "cuts_per_ip_per_day": 0}


@pytest.fixture
async def client(kaidian_client_for: Any) -> Any:
    import core.builtin
    import plugins.bargain

    async with kaidian_client_for(plugins=[core.builtin, plugins.bargain], entry_points=False) as client:
        yield client


@pytest.fixture
async def shop(client: Any) -> Any:
    return await make_shop(client, name="砍价店")


async def loosen(client: Any, shop: Any, **settings: Any) -> None:
    """Lift the shop's device/IP limits so a test can cut from one machine many times."""
    response = await client.put("/api/admin/plugins/bargain", json={"settings": {**LOOSE, **settings}}, headers=shop.owner)
    assert response.status_code == 200, response.text


def activity_body(sku: int, **overrides: Any) -> dict[str, Any]:
    """¥100 down to ¥10 with 5 helpers, open for a day, one bargain per customer."""
    now = datetime.now(UTC)
    body: dict[str, Any] = {
        "name": "砍价耳机",
        "sku_id": sku,
        "start_price_fen": 10000,
        "floor_price_fen": 1000,
        "helpers_needed": 5,
        "duration_minutes": 60 * 24,
        "starts_at": (now - timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(days=7)).isoformat(),
    }
    body.update(overrides)
    return body


@pytest.fixture
def make_activity(client: Any):
    async def make(shop: Any, sku_id: int | None = None, **overrides: Any) -> dict[str, Any]:
        from tests.trade.helpers import make_sku

        if sku_id is None:
            sku_id = (await make_sku(shop.shop_id, price_fen=10000, stock=50)).id
        response = await client.post("/api/admin/bargain/activities", json=activity_body(sku_id, **overrides), headers=shop.owner)
        assert response.status_code == 201, response.text
        return response.json()

    return make


async def start_bargain(client: Any, shop: Any, activity_id: int, headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = await client.post(f"/api/shop/bargain/activities/{activity_id}/start", headers=headers or shop.customer)
    assert response.status_code == 201, response.text
    return response.json()


async def new_helper(client: Any, shop: Any) -> dict[str, str]:
    headers, _ = await customer_login(client, shop.shop_id, unique("friend"))
    return headers


def device(headers: dict[str, str], token: str | None = None, ip: str | None = None) -> dict[str, str]:
    extra = {"X-Device-Id": token or f"dev-{uuid.uuid4().hex[:12]}"}
    if ip:
        extra["X-Forwarded-For"] = ip
    return {**headers, **extra}


async def cut(client: Any, bargain_id: int, headers: dict[str, str], **device_args: Any) -> Any:
    return await client.post(f"/api/shop/bargain/bargains/{bargain_id}/cut", headers=device(headers, **device_args))
