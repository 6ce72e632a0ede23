"""``POST /api/shop/batch``: several storefront reads in one request."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from core.auth import SKIP_AUTH, optional_user
from core.openapi import problems
from core.plugin_host import PluginHost
from core.storefront.batch import BatchBody, BatchResults, run_batch


class StorefrontBatchController(Controller):
    path = "/api/shop"
    tags = ["shop: storefront"]

    @post("/batch", operation_id="storefrontBatch", status_code=200, opt={SKIP_AUTH: True}, responses=problems(404))
    async def batch(self, request: Request[Any, Any, Any], data: JSONBody[BatchBody], host: NamedDependency[PluginHost]) -> BatchResults:
        """Answer up to 10 reads (``{id, source, params}``) for the shop in ``shop_id``, each
        with ``{ok, data}`` or ``{ok: false, error}`` on its own. Public; a customer's Bearer
        token, when sent, lets reads such as ``me`` and ``cart`` see who is asking."""
        return await run_batch(
            data,
            request,
            request.app.state.registries.data_sources,
            await host.enabled_for_shop(data.shop_id),
            await optional_user(request),
        )
