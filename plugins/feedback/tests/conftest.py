"""Helpers shared by the feedback tests: an app with the plugin, orders taken to receipt through
the real routes, and the plugin's durable timers fired at their moment."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

import plugins.feedback as feedback_plugin
from core.testing import bearer, make_shop
from core.trade import timers
from core.trade.models import Timer
from plugins.feedback import services
from tests.trade.helpers import checkout, make_sku


class FeedbackWorld:
    def __init__(self, client: Any, shop: Any) -> None:
        self.client, self.shop = client, shop

    @property
    def host(self) -> Any:
        return self.client.app.state.host

    async def customer(self, shop: Any = None, name: str = "顾客") -> tuple[dict[str, str], int]:
        from core.accounts.models import Customer
        from core.auth import issue_customer_token

        shop = shop or self.shop
        customer = await Customer.create(shop_id=shop.shop_id, openid=uuid.uuid4().hex, nickname=name)
        return bearer(issue_customer_token(self.client.app.state.jwt_auth, customer)), customer.id

    async def received_order(self, headers: dict[str, str] | None = None, shop: Any = None) -> dict[str, Any]:
        """An order paid, shipped and confirmed received by its customer (delivered → completed)."""
        shop = shop or self.shop
        headers = headers or shop.customer
        sku = await make_sku(shop.shop_id, stock=5)
        placed = await checkout(self.client, headers, [(sku.id, 1)])
        assert placed.status_code == 201, placed.text
        order = placed.json()
        assert (await self.client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=headers)).status_code in (200, 201)
        shipped = await self.client.post(f"/api/admin/orders/{order['id']}/ship", json={"carrier": "SF", "tracking_no": "SF" + uuid.uuid4().hex[:10]}, headers=shop.owner)
        assert shipped.status_code == 201, shipped.text
        done = await self.client.post(f"/api/shop/orders/{order['id']}/confirm-receipt", headers=headers)
        assert done.status_code == 201 and done.json()["status"] == "completed", done.text
        return done.json()

    async def ask_timer(self, order_id: int) -> Timer | None:
        return await Timer.get_or_none(kind=services.ASK, target_id=order_id)

    async def fire(self, timer: Timer, after: timedelta = timedelta(seconds=1)) -> bool:
        return await timers.fire_timer(self.host, self.client.app.state.settings, timer.id, now=timer.run_at + after)

    async def asked(self, order_id: int) -> Any:
        """Fire the order's ask timer at its moment: the feedback request is made."""
        timer = await self.ask_timer(order_id)
        assert timer is not None
        assert await self.fire(timer)
        from plugins.feedback.models import FeedbackRequest

        return await FeedbackRequest.get(order_id=order_id)

    async def answer(self, headers: dict[str, str], order_id: int, **body: Any) -> Any:
        return await self.client.post("/api/shop/feedback/answers", json={"order_id": order_id, "score": 9, **body}, headers=headers)


@pytest.fixture
async def world(kaidian_client_for: Any) -> Any:
    async with kaidian_client_for(plugins=[feedback_plugin]) as client:
        yield FeedbackWorld(client, await make_shop(client, name="评价店"))
