"""Scheduled catalog work: announcing low-stock alerts and putting scheduled products on sale."""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from core import clock
from core.catalog.cache import bump_version
from core.catalog.inventory import announce_inventory_alerts
from core.catalog.models import Product, ProductStatus


async def announce_alerts_job(ctx: Any) -> None:
    """Sweep alerts whose transaction committed but whose announcement nobody made."""
    await announce_inventory_alerts(ctx.app.state.host)


async def publish_scheduled_job(ctx: Any) -> None:
    """Put products on sale whose ``on_sale_at`` has passed, invalidating their shops' pages."""
    now = clock.now()
    due = await Product.filter(on_sale_at__lte=now).exclude(status=ProductStatus.ON_SALE).values_list("id", "shop_id")
    for product_id, shop_id in due:
        async with in_transaction():
            if await Product.filter(id=product_id, on_sale_at__lte=now).exclude(status=ProductStatus.ON_SALE).update(
                status=ProductStatus.ON_SALE
            ):
                await bump_version(shop_id, [product_id])


def register_catalog_jobs(register: Any) -> None:
    register("catalog.announce_inventory_alerts", announce_alerts_job, 5)
    register("catalog.publish_scheduled_products", publish_scheduled_job, 30)
