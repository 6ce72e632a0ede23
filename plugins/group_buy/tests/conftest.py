"""Helpers shared by the group-buy tests: an app with the plugin, activities, customers,
checkouts through the plugin routes and the generic checkout, sandbox payments, timers."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

import plugins.group_buy as group_buy_plugin
from core.testing import bearer, make_shop
from tests.trade.helpers import DELIVERY_ADDRESS as ADDRESS, make_sku

ACTIVITIES = "/api/admin/group-buy/activities"


def activity_body(sku_ids: list[int], **overrides: Any) -> dict[str, Any]:
    """A 3-person group at 60.00 (normal 100.00), open 24 h, running for a week."""
    now = datetime.now(UTC)
    sizes = overrides.pop("sizes", [3])
    prices = overrides.pop("prices", {str(size): 6000 - 500 * index for index, size in enumerate(sizes)})
    body: dict[str, Any] = {
        "name": "三人团",
        "product_id": overrides.pop("product_id"),
        "sizes": sizes,
        "skus": [{"sku_id": sku_id, "prices_fen": prices} for sku_id in sku_ids],
        "window_hours": 24,
        "starts_at": (now - timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(days=7)).isoformat(),
        "per_customer_limit": 2,
    }
    body.update(overrides)
    return body


class GroupBuyWorld:
    """One shop with a product on a group-buy activity, and ways to act in it."""

    def __init__(self, client: Any, shop: Any) -> None:
        self.client = client
        self.shop = shop
        self.sku: Any = None
        self.activity: dict[str, Any] = {}
        self.addresses: dict[str, int] = {}  # each customer's delivery address, by token

    @property
    def host(self) -> Any:
        return self.client.app.state.host

    @property
    def settings(self) -> Any:
        return self.client.app.state.settings

    async def make_activity(self, *, stock: int = 500, **overrides: Any) -> dict[str, Any]:
        self.sku = await make_sku(self.shop.shop_id, stock=stock, price_fen=10000, title="拼团好物")
        response = await self.client.post(ACTIVITIES, json=activity_body([self.sku.id], product_id=self.sku.product_id, **overrides), headers=self.shop.owner)
        assert response.status_code == 201, response.text
        self.activity = response.json()
        return self.activity

    async def customer(self, name: str | None = None) -> dict[str, str]:
        """A customer of the shop with a token (made directly: logins are not under test here)."""
        from core.accounts.models import Customer
        from core.auth import issue_customer_token

        customer = await Customer.create(shop_id=self.shop.shop_id, openid=uuid.uuid4().hex, nickname=name or "拼友")
        headers = bearer(issue_customer_token(self.client.app.state.jwt_auth, customer))
        address = await self.client.post("/api/shop/addresses", json=ADDRESS, headers=headers)
        assert address.status_code == 201, address.text
        self.addresses[headers["Authorization"]] = address.json()["id"]
        return headers

    async def open(self, headers: dict[str, str], **body: Any) -> Any:
        body = {"sku_id": self.sku.id, "address_id": self.addresses.get(headers["Authorization"]), **body}
        return await self.client.post(
            f"/api/shop/group-buy/activities/{self.activity['id']}/open", json=body, headers={**headers, "Idempotency-Key": uuid.uuid4().hex}
        )

    async def join(self, headers: dict[str, str], group_id: int, **body: Any) -> Any:
        body = {"sku_id": self.sku.id, "address_id": self.addresses.get(headers["Authorization"]), **body}
        return await self.client.post(
            f"/api/shop/group-buy/groups/{group_id}/join", json=body, headers={**headers, "Idempotency-Key": uuid.uuid4().hex}
        )

    async def pay(self, headers: dict[str, str], order_id: int) -> dict[str, Any]:
        response = await self.client.post(f"/api/shop/orders/{order_id}/sandbox-pay", headers=headers)
        assert response.status_code == 201, response.text
        return response.json()

    async def open_paid(self, headers: dict[str, str] | None = None, **body: Any) -> tuple[dict[str, str], dict[str, Any]]:
        headers = headers or await self.customer("团长")
        opened = await self.open(headers, **body)
        assert opened.status_code == 201, opened.text
        await self.pay(headers, opened.json()["order_id"])
        return headers, opened.json()

    async def join_paid(self, group_id: int) -> tuple[dict[str, str], dict[str, Any]]:
        headers = await self.customer()
        joined = await self.join(headers, group_id)
        assert joined.status_code == 201, joined.text
        await self.pay(headers, joined.json()["order_id"])
        return headers, joined.json()

    async def run_timers(self, after: timedelta = timedelta(0)) -> int:
        """Fire every timer due ``after`` from now (the test database is shared, so other
        tests' timers may be due too: keep going until none is left)."""
        from core.trade.timers import run_due_timers

        fired = 0
        for _ in range(50):
            now = datetime.now(UTC) + after
            batch = await run_due_timers(self.host, self.settings, now=now)
            fired += batch
            if not batch:
                return fired
        raise AssertionError("timers kept falling due")


@pytest.fixture
async def world(kaidian_client_for):
    async with kaidian_client_for(plugins=[group_buy_plugin]) as client:
        shop = await make_shop(client)
        world = GroupBuyWorld(client, shop)
        await world.make_activity()
        yield world


async def refunds_of(order_id: int) -> list[Any]:
    from core.trade.models import Refund

    return await Refund.filter(order_id=order_id).order_by("id")


async def order_of(order_id: int) -> Any:
    from core.trade.models import Order

    return await Order.get(id=order_id)
