"""Product and SKU rules for the admin: matrix generation, linked editing, bulk edits.

Every write runs in one transaction that also bumps the shop's catalog version (cache) and
re-checks low-stock state for SKUs whose stock it set.
"""

from __future__ import annotations

from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core.catalog import matrix
from core.catalog.cache import bump_version
from core.catalog.inventory import sync_low_stock
from core.catalog.models import Category, Product, ProductMedia, ProductStatus, Sku
from core.catalog.schemas import ProductRead, SkuRead
from core.errors import Conflict, InvalidInput, NotFound
from core.schemas import settable
from core.shops.references import ensure_shop_id

SKU_FIELDS = ("price_fen", "list_price_fen", "stock", "code", "image", "low_stock_threshold")


def _invalid(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason={"zh-CN": zh, "en": en})


async def get_product(shop_id: int, product_id: int) -> Product:
    product = await Product.get_or_none(id=product_id, shop_id=shop_id)
    if product is None:
        raise NotFound()
    return product


async def _check_category(shop_id: int, category_id: int | None) -> None:
    await ensure_shop_id(Category, shop_id, category_id, field="category_id")


def _tag_text(tags: list[str]) -> str:
    cleaned = [tag.strip().replace("|", "") for tag in tags if tag.strip()]
    return f"|{'|'.join(cleaned)}|" if cleaned else ""


def _check_sku_values(values: dict[str, Any], field_prefix: str) -> None:
    price, list_price = values.get("price_fen"), values.get("list_price_fen")
    if price is not None and list_price is not None and list_price < price:
        raise _invalid(f"{field_prefix}.list_price_fen", "划线价不能低于售价", "list price must not be below the sale price")


async def _check_codes(shop_id: int, product_id: int | None, codes: dict[str, str]) -> None:
    """``codes`` maps field path → code; codes must be unique in the payload and the shop."""
    seen: dict[str, str] = {}
    for path, code in codes.items():
        if code in seen:
            raise _invalid(path, f"SKU 编码重复：{code}", f"duplicate SKU code: {code}")
        seen[code] = path
    if not seen:
        return
    query = Sku.filter(shop_id=shop_id, code__in=list(seen))
    if product_id is not None:
        query = query.exclude(product_id=product_id)
    taken = await query.values_list("code", flat=True)
    if taken:
        raise _invalid(seen[taken[0]], f"SKU 编码已被使用：{taken[0]}", f"SKU code already in use: {taken[0]}")


async def _refresh_prices(product: Product) -> None:
    prices = await Sku.filter(product_id=product.id).values_list("price_fen", flat=True)
    product.min_price_fen = min(prices) if prices else 0
    product.max_price_fen = max(prices) if prices else 0
    await Product.filter(id=product.id).update(min_price_fen=product.min_price_fen, max_price_fen=product.max_price_fen)


async def _save_guarded(coro: Any, field: str = "skus") -> Any:
    try:
        return await coro
    except IntegrityError as exc:  # a code taken by a concurrent edit
        raise _invalid(field, "SKU 编码已被使用", "SKU code already in use") from exc


def _cell_updates(
    specs: list[dict[str, Any]], cells: list[Any]
) -> tuple[dict[str, dict[str, Any]], dict[str, str], dict[str, str]]:
    """Payload SKUs by spec key (validated against the matrix), their codes by field path, and
    each spec key's field path (``skus[i]``)."""
    valid = {matrix.spec_key(combo) for combo in matrix.combinations(specs)}
    by_key: dict[str, dict[str, Any]] = {}
    codes: dict[str, str] = {}
    paths: dict[str, str] = {}
    for index, cell in enumerate(cells):
        values = cell.model_dump(exclude_unset=True)
        spec_values = [value.strip() for value in values.pop("spec_values", [])]
        key = matrix.spec_key(spec_values)
        if key not in valid:
            raise _invalid(f"skus[{index}].spec_values", "规格组合不在规格矩阵中", "this combination is not in the spec matrix")
        if key in by_key:
            raise _invalid(f"skus[{index}].spec_values", "规格组合重复", "duplicate combination")
        _check_sku_values(values, f"skus[{index}]")
        if values.get("code"):
            codes[f"skus[{index}].code"] = values["code"]
        by_key[key] = values
        paths[key] = f"skus[{index}]"
    return by_key, codes, paths


def _new_sku_values(values: dict[str, Any]) -> dict[str, Any]:
    """A payload cell's columns for a SKU being created (``expected_stock`` is for edits)."""
    return {name: value for name, value in values.items() if value is not None and name != "expected_stock"}


async def _save_sku(sku: Sku, values: dict[str, Any], path: str, also: tuple[str, ...] = ()) -> None:
    """Write a body's settable SKU ``values`` to ``sku``, only those columns (and ``also``):
    a whole-row save would write back the stock read at the start, handing back units that
    orders took meanwhile. ``stock`` is set by a conditional UPDATE when the body says which
    stock it expects, a 409 ``stock_changed`` naming ``<path>.stock`` when it is no longer so."""
    values = dict(values)
    expected = values.pop("expected_stock", None)
    stock = values.pop("stock", None)
    for name, value in values.items():
        setattr(sku, name, value)
    if values or also:
        await _save_guarded(sku.save(update_fields=[*values, *also, "updated_at"]))
    if stock is None:
        return
    query = Sku.filter(id=sku.id) if expected is None else Sku.filter(id=sku.id, stock=expected)
    if not await query.update(stock=stock):
        current = await Sku.filter(id=sku.id).values_list("stock", flat=True)
        raise Conflict("stock_changed", field=f"{path}.stock", sku_id=sku.id, stock=current[0] if current else 0)
    sku.stock = stock


async def create_product(shop_id: int, data: Any) -> Product:
    specs = matrix.validate_specs([dimension.model_dump() for dimension in data.specs])
    cells, codes, _ = _cell_updates(specs, data.skus)
    async with in_transaction():
        await _check_category(shop_id, data.category_id)
        await _check_codes(shop_id, None, codes)
        product = await Product.create(
            shop_id=shop_id,
            category_id=data.category_id,
            title=data.title,
            subtitle=data.subtitle,
            description=data.description,
            status=ProductStatus(data.status),
            on_sale_at=data.on_sale_at,
            tags=data.tags,
            tag_text=_tag_text(data.tags),
            media=[item.model_dump(exclude_none=True) for item in data.media],
            sort=data.sort,
            specs=specs,
        )
        created = []
        for combo in matrix.combinations(specs):
            values = cells.get(matrix.spec_key(combo), {})
            created.append(Sku(shop_id=shop_id, product_id=product.id, spec_values=combo, spec_key=matrix.spec_key(combo),
                               **_new_sku_values(values)))
        await _save_guarded(Sku.bulk_create(created))
        await _refresh_prices(product)
        sku_ids = await Sku.filter(product_id=product.id).values_list("id", flat=True)
        await sync_low_stock(shop_id, list(sku_ids))
        await bump_version(shop_id, [product.id])
    return product


async def update_product(shop_id: int, product_id: int, changes: dict[str, Any]) -> Product:
    async with in_transaction():
        product = await get_product(shop_id, product_id)
        if "category_id" in changes:
            await _check_category(shop_id, changes["category_id"])
            product.category_id = changes["category_id"]  # type: ignore[attr-defined]
        for name in ("title", "subtitle", "description", "sort"):
            if changes.get(name) is not None:
                setattr(product, name, changes[name])
        if changes.get("status") is not None:
            product.status = ProductStatus(changes["status"])
            if product.status == ProductStatus.OFF_SALE and "on_sale_at" not in changes:
                product.on_sale_at = None  # taking it off sale cancels a schedule
        if "on_sale_at" in changes:
            product.on_sale_at = changes["on_sale_at"]
        if changes.get("tags") is not None:
            product.tags = changes["tags"]
            product.tag_text = _tag_text(changes["tags"])
        if changes.get("media") is not None:
            product.media = changes["media"]
            # Media given by URL replace attached uploads: those become free to delete.
            await ProductMedia.filter(product_id=product.id).delete()
        await product.save()
        await bump_version(shop_id, [product.id])
    return product


async def delete_product(shop_id: int, product_id: int) -> None:
    async with in_transaction():
        product = await get_product(shop_id, product_id)
        await product.delete()
        await bump_version(shop_id, [product_id])


async def replace_specs(shop_id: int, product_id: int, data: Any) -> Product:
    """Linked editing: regenerate the matrix, carrying every surviving SKU's data along."""
    specs = matrix.validate_specs([dimension.model_dump() for dimension in data.specs])
    cells, codes, paths = _cell_updates(specs, data.skus)
    async with in_transaction():
        product = await get_product(shop_id, product_id)
        existing = await Sku.filter(product_id=product.id).order_by("id")
        plan = matrix.plan_matrix(product.specs, specs, [(sku.id, sku.spec_values) for sku in existing], data.renames)
        await _check_codes(shop_id, product.id, codes)
        if plan.delete:
            await Sku.filter(id__in=plan.delete).delete()
        by_id = {sku.id: sku for sku in existing}
        # Park kept SKUs on temporary keys first: a rename may swap two combinations.
        for sku_id in plan.keep:
            await Sku.filter(id=sku_id).update(spec_key=f"~{sku_id}")
        touched = []
        for sku_id, values in plan.keep.items():
            sku = by_id[sku_id]
            sku.spec_values, sku.spec_key = values, matrix.spec_key(values)
            cell = settable(Sku, cells.get(sku.spec_key, {}))
            path = paths.get(sku.spec_key, "skus")
            _check_sku_values({name: cell.get(name, getattr(sku, name)) for name in ("price_fen", "list_price_fen")}, path)
            await _save_sku(sku, cell, path, also=("spec_values", "spec_key"))
            touched.append(sku_id)
        created = []
        for combo in plan.create:
            values = cells.get(matrix.spec_key(combo), {})
            created.append(Sku(shop_id=shop_id, product_id=product.id, spec_values=combo, spec_key=matrix.spec_key(combo),
                               **_new_sku_values(values)))
        await _save_guarded(Sku.bulk_create(created))
        product.specs = specs
        await product.save()
        await _refresh_prices(product)
        await sync_low_stock(shop_id, touched)
        await bump_version(shop_id, [product.id])
    return product


async def patch_skus(shop_id: int, product_id: int, items: list[Any]) -> Product:
    async with in_transaction():
        product = await get_product(shop_id, product_id)
        skus = {sku.id: sku for sku in await Sku.filter(product_id=product.id)}
        codes = {}
        for index, item in enumerate(items):
            if item.id not in skus:
                raise _invalid(f"skus[{index}].id", "SKU 不属于该商品", "this SKU is not part of the product")
            if item.code:
                codes[f"skus[{index}].code"] = item.code
        await _check_codes(shop_id, product.id, codes)
        for index, item in enumerate(items):
            sku = skus[item.id]
            changes = settable(Sku, item.model_dump(exclude_unset=True, exclude={"id"}))
            _check_sku_values({name: changes.get(name, getattr(sku, name)) for name in ("price_fen", "list_price_fen")}, f"skus[{index}]")
            await _save_sku(sku, changes, f"skus[{index}]")
        await _refresh_prices(product)
        await sync_low_stock(shop_id, [item.id for item in items])
        await bump_version(shop_id, [product.id])
    return product


async def bulk_set(shop_id: int, product_id: int, data: Any) -> Product:
    """Set price/list price/stock on every SKU of a row or column of the matrix."""
    changes = data.model_dump(exclude_unset=True, exclude={"match"})
    changes = {name: value for name, value in changes.items() if value is not None}
    if not changes:
        raise _invalid("price_fen", "请至少设置价格或库存之一", "set at least one of price_fen, list_price_fen, stock")
    async with in_transaction():
        product = await get_product(shop_id, product_id)
        rows = await Sku.filter(product_id=product.id).values_list("id", "spec_values", "price_fen", "list_price_fen")
        ids = matrix.matching_rows(product.specs, [(row[0], row[1]) for row in rows], data.match)
        for sku_id, _, price, list_price in rows:
            if sku_id in ids:
                _check_sku_values(
                    {"price_fen": changes.get("price_fen", price), "list_price_fen": changes.get("list_price_fen", list_price)},
                    "body",
                )
        if ids:
            await Sku.filter(id__in=ids).update(**changes)
        await _refresh_prices(product)
        await sync_low_stock(shop_id, ids)
        await bump_version(shop_id, [product.id])
    return product


async def product_read(product: Product) -> ProductRead:
    skus = await Sku.filter(product_id=product.id).order_by("id")
    order = {matrix.spec_key(combo): index for index, combo in enumerate(matrix.combinations(product.specs))}
    skus.sort(key=lambda sku: order.get(sku.spec_key, len(order)))
    return ProductRead(
        id=product.id,
        title=product.title,
        subtitle=product.subtitle,
        description=product.description,
        category_id=product.category_id,  # type: ignore[attr-defined]
        status=str(product.status),
        on_sale_at=product.on_sale_at,
        tags=product.tags,
        media=product.media,
        sort=product.sort,
        sales=product.sales,
        min_price_fen=product.min_price_fen,
        max_price_fen=product.max_price_fen,
        specs=product.specs,
        skus=[SkuRead.model_validate(sku) for sku in skus],
        created_at=product.created_at,
        updated_at=product.updated_at,
    )
