"""``POST /api/shop/subscriptions``: what a customer answered the app's WeChat subscribe-message
request (e.g. at checkout), handed to the plugins owning the templates
(``kaidian_on_subscribe_results``). Core keeps no record: WeChat's grants are the plugins'."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from core.auth import AuthUser, customer_only
from core.errors import NotFound
from core.openapi import AUTHED, problems
from core.plugin_host import PluginHost
from core.trade.models import Order
from core.trade.schemas import SubscribeResultsCreate

HOOK = "kaidian_on_subscribe_results"


class SubscriptionController(Controller):
    path = "/api/shop/subscriptions"
    tags = ["shop: account"]
    guards = [customer_only]

    @post("/", operation_id="reportSubscribeResults", status_code=204, responses=problems(*AUTHED, 404, 422))
    async def report(self, request: Request[AuthUser, Any, Any], data: JSONBody[SubscribeResultsCreate], host: NamedDependency[PluginHost]) -> None:
        """Report what ``wx.requestSubscribeMessage`` answered (template id → ``accept``,
        ``reject``, ``ban`` or ``filter``), with the order placed on the same tap if any (404
        naming ``order_id`` for an order that is not the caller's). Plugins count their grants."""
        user = request.user
        if data.order_id is not None and not await Order.exists(id=data.order_id, shop_id=user.shop_id, customer_id=user.account_id):
            raise NotFound(field="order_id")
        if data.results:
            await host.notify(HOOK, shop_id=user.shop_id, customer_id=user.account_id, results=dict(data.results), order_id=data.order_id)
