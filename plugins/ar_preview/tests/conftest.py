"""Fixtures of the AR preview tests: an app with core, the builder and this plugin only, a
shop, and one of its products on sale."""

from __future__ import annotations

from typing import Any

import pytest

from core.testing import make_shop


@pytest.fixture
async def client(kaidian_client_for: Any) -> Any:
    import builder.plugin
    import core.builtin
    import plugins.ar_preview

    async with kaidian_client_for(plugins=[core.builtin, builder.plugin, plugins.ar_preview], entry_points=False) as client:
        yield client


@pytest.fixture
async def shop(client: Any) -> Any:
    return await make_shop(client, name="3D 店")


async def on_sale_product(shop_id: int, title: str = "立体小方块") -> int:
    from core.catalog.models import Product, ProductStatus

    product = await Product.create(shop_id=shop_id, title=title, status=ProductStatus.ON_SALE)
    return product.id
