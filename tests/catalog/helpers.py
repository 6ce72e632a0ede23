"""Shared set-up for catalog tests: products straight through the ORM (no HTTP needed)."""

from __future__ import annotations

from core.catalog.models import Product, ProductStatus, Sku


async def make_product(shop_id: int, *, stock: int = 10, price_fen: int = 1000, threshold: int | None = None,
                       status: ProductStatus = ProductStatus.ON_SALE, title: str = "测试商品") -> tuple[Product, Sku]:
    product = await Product.create(shop_id=shop_id, title=title, status=status, specs=[{"name": "颜色", "values": ["红"]}],
                                   min_price_fen=price_fen, max_price_fen=price_fen)
    sku = await Sku.create(shop_id=shop_id, product=product, spec_key="红", spec_values=["红"], price_fen=price_fen,
                           stock=stock, low_stock_threshold=threshold)
    return product, sku
