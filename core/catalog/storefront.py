"""What customers see: product lists (filters, sorts, cursor pages) and product detail.

Builders return JSON bytes so the cache can store and serve them without re-encoding.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from tortoise.expressions import Q, Subquery

from core import clock
from core.catalog import categories
from core.catalog.inventory import StockStatus, first_image, on_sale_filter, stock_status
from core.catalog.matrix import combinations, spec_key
from core.catalog.models import CatalogSettings, Product, Sku
from core.catalog.schemas import ShopProductCard, ShopProductDetail, ShopProductPage, ShopSku
from core.errors import InvalidInput, NotFound
from core.shops.models import Shop, ShopStatus

# sort name -> (column, descending); ties break on id in the same direction.
SORTS: dict[str, tuple[str, bool]] = {
    "default": ("sort", True),
    "sales": ("sales", True),
    "price_asc": ("min_price_fen", False),
    "price_desc": ("min_price_fen", True),
    "newest": ("id", True),
}


async def require_open_shop(shop_id: int) -> None:
    if not await Shop.exists(id=shop_id, status=ShopStatus.ACTIVE):
        raise NotFound()


async def _display_settings(shop_id: int) -> tuple[int, bool]:
    row = await CatalogSettings.filter(shop_id=shop_id).values_list("low_stock_threshold", "show_exact_stock")
    return (row[0][0], row[0][1]) if row else (5, False)


def encode_cursor(value: Any, row_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([value, row_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[Any, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, row_id = json.loads(raw)
        if not isinstance(row_id, int) or not isinstance(value, int):
            raise ValueError
        return value, row_id
    except (ValueError, TypeError, json.JSONDecodeError) as exc:
        raise InvalidInput(field="cursor", reason={"zh-CN": "分页游标无效", "en": "invalid cursor"}) from exc


async def newest_first(query: Any, cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """One page of ``query`` by descending id (``limit`` clamped to 1..100) and the next cursor."""
    if cursor:
        _, last_id = decode_cursor(cursor)
        query = query.filter(id__lt=last_id)
    limit = max(1, min(limit, 100))
    rows = await query.order_by("-id").limit(limit + 1)
    return rows[:limit], encode_cursor(0, rows[limit - 1].id) if len(rows) > limit else None


async def list_products(
    shop_id: int,
    *,
    category_id: int | None = None,
    price_min_fen: int | None = None,
    price_max_fen: int | None = None,
    tags: list[str] | None = None,
    in_stock: bool = False,
    sort: str = "default",
    cursor: str | None = None,
    limit: int = 20,
) -> bytes:
    if sort not in SORTS:
        raise InvalidInput(field="sort", reason={"zh-CN": "不支持的排序方式", "en": f"sort must be one of {', '.join(SORTS)}"})
    await require_open_shop(shop_id)
    query = Product.filter(on_sale_filter(clock.now()), shop_id=shop_id)
    if category_id is not None:
        ids = await categories.descendant_ids(shop_id, category_id)
        query = query.filter(category_id__in=ids or [-1])
    if price_min_fen is not None:
        query = query.filter(min_price_fen__gte=price_min_fen)
    if price_max_fen is not None:
        query = query.filter(min_price_fen__lte=price_max_fen)
    for tag in tags or []:
        query = query.filter(tag_text__contains=f"|{tag}|")
    if in_stock:
        query = query.filter(id__in=Subquery(Sku.filter(shop_id=shop_id, stock__gt=0).values("product_id")))
    column, descending = SORTS[sort]
    if cursor:
        value, last_id = decode_cursor(cursor)
        if column == "id":
            query = query.filter(Q(id__lt=last_id) if descending else Q(id__gt=last_id))
        elif descending:
            query = query.filter(Q(**{f"{column}__lt": value}) | Q(**{column: value, "id__lt": last_id}))
        else:
            query = query.filter(Q(**{f"{column}__gt": value}) | Q(**{column: value, "id__gt": last_id}))
    prefix = "-" if descending else ""
    order = (f"{prefix}{column}",) if column == "id" else (f"{prefix}{column}", f"{prefix}id")
    rows = await query.order_by(*order).limit(limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(getattr(rows[-1], column), rows[-1].id) if more and rows else None
    return await cards(rows, shop_id, next_cursor)


async def cards(rows: list[Product], shop_id: int, next_cursor: str | None = None) -> bytes:
    """A page of product cards as JSON."""
    statuses = await _product_stock_status(shop_id, [row.id for row in rows])
    items = [
        ShopProductCard(
            id=row.id,
            title=row.title,
            subtitle=row.subtitle,
            image=first_image(row.media),
            min_price_fen=row.min_price_fen,
            sales=row.sales,
            tags=row.tags,
            stock_status=statuses.get(row.id, StockStatus.SOLD_OUT),
        )
        for row in rows
    ]
    return ShopProductPage(items=items, next_cursor=next_cursor).model_dump_json().encode()


async def _product_stock_status(shop_id: int, product_ids: list[int]) -> dict[int, StockStatus]:
    if not product_ids:
        return {}
    threshold, _ = await _display_settings(shop_id)
    best: dict[int, StockStatus] = {}
    rank = {StockStatus.SOLD_OUT: 0, StockStatus.LOW: 1, StockStatus.IN_STOCK: 2}
    rows = await Sku.filter(product_id__in=product_ids).values_list("product_id", "stock", "low_stock_threshold")
    for product_id, stock, own in rows:
        status = stock_status(stock, own if own is not None else threshold)
        if product_id not in best or rank[status] > rank[best[product_id]]:
            best[product_id] = status
    return best


async def product_detail(shop_id: int, product_id: int) -> bytes:
    await require_open_shop(shop_id)
    product = await Product.filter(on_sale_filter(clock.now()), id=product_id, shop_id=shop_id).first()
    if product is None:
        raise NotFound()
    threshold, exact = await _display_settings(shop_id)
    order = {spec_key(combo): index for index, combo in enumerate(combinations(product.specs))}
    skus = sorted(await Sku.filter(product_id=product.id), key=lambda sku: order.get(sku.spec_key, len(order)))
    sku_views = [
        ShopSku(
            id=sku.id,
            spec_values=sku.spec_values,
            price_fen=sku.price_fen,
            list_price_fen=sku.list_price_fen,
            image=sku.image,
            stock_status=stock_status(sku.stock, sku.low_stock_threshold if sku.low_stock_threshold is not None else threshold),
            stock=sku.stock if exact else None,
        )
        for sku in skus
    ]
    statuses = {view.stock_status for view in sku_views}
    overall = next(
        (status for status in (StockStatus.IN_STOCK, StockStatus.LOW) if status in statuses), StockStatus.SOLD_OUT
    )
    detail = ShopProductDetail(
        id=product.id,
        title=product.title,
        subtitle=product.subtitle,
        description=product.description,
        category_id=product.category_id,  # type: ignore[attr-defined]
        tags=product.tags,
        media=product.media,
        sales=product.sales,
        min_price_fen=product.min_price_fen,
        max_price_fen=product.max_price_fen,
        specs=product.specs,
        skus=sku_views,
        stock_status=overall,
    )
    return detail.model_dump_json(exclude_none=True).encode()
