"""Core's data sources for the batch endpoint, named by the core page components'
``data_source``: ``products``, ``product``, ``categories``, ``me`` and ``cart``.

Each checks its parameters, asks the owning domain (the catalog's storefront reads, through
the catalog cache, so the batch and the plain product routes share one invalidation) and
shapes the answer the way the generated components read it (``price_fen``, ``images``).
The trade domain has no customer cart read yet, so ``cart`` answers an empty cart.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core import clock
from core.accounts.customers import get_customer
from core.catalog import categories as catalog_categories
from core.catalog import storefront as catalog
from core.catalog.cache import catalog_cache
from core.catalog.inventory import on_sale_filter
from core.catalog.models import Product
from core.errors import InvalidInput, NotAuthenticated


class _Params(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ProductListParams(_Params):
    by: Literal["category", "tag", "manual"] = "category"
    category_id: int | None = Field(default=None, ge=1)
    tag: str = Field(default="", max_length=30)
    ids: list[int] = Field(default_factory=list, max_length=50)
    limit: int = Field(default=6, ge=1, le=50)


class ProductParams(_Params):
    id: int = Field(ge=1)


class CategoryParams(_Params):
    with_products: bool = True


def _params(model: type[_Params], raw: dict[str, Any]) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidInput(
            field="params." + ".".join(str(part) for part in first["loc"]),
            reason={"zh-CN": "参数不正确", "en": first["msg"]},
        ) from None


def _customer_id(request: Any) -> int:
    user = request.scope.get("user")
    if user is None:
        raise NotAuthenticated()
    return user.account_id


# Categories whose products the category page shows at once.
MAX_CATEGORIES_WITH_PRODUCTS = 20
PRODUCTS_PER_CATEGORY = 10


async def _cached(request: Any, shop_id: int, key: str, load: Callable[[], Awaitable[bytes]]) -> Any:
    return json.loads(await catalog_cache(request.app).get_or_load(shop_id, f"batch:{key}", load))


def _card(item: dict[str, Any]) -> dict[str, Any]:
    return {**item, "price_fen": item["min_price_fen"]}


async def _chosen_products(shop_id: int, ids: list[int]) -> bytes:
    rows = await Product.filter(on_sale_filter(clock.now()), shop_id=shop_id, id__in=ids or [-1])
    by_id = {row.id: row for row in rows}
    return await catalog.cards([by_id[i] for i in dict.fromkeys(ids) if i in by_id], shop_id)


async def products(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    query = _params(ProductListParams, params)
    if query.by == "manual":
        ids = query.ids[: query.limit]
        page = await _cached(request, shop_id, f"manual:{','.join(map(str, ids))}", lambda: _chosen_products(shop_id, ids))
    else:
        category_id = query.category_id if query.by == "category" else None
        tags = [query.tag] if query.by == "tag" and query.tag else None
        page = await _cached(
            request,
            shop_id,
            f"list:{category_id}:{query.tag if tags else ''}:{query.limit}",
            lambda: catalog.list_products(shop_id, category_id=category_id, tags=tags, limit=query.limit),
        )
    return {"items": [_card(item) for item in page["items"]]}


async def product(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    query = _params(ProductParams, params)
    detail = await _cached(request, shop_id, f"detail:{query.id}", lambda: catalog.product_detail(shop_id, query.id))
    images = [item["url"] for item in detail.get("media") or [] if item.get("kind", "image") == "image" and item.get("url")]
    return {**detail, "price_fen": detail["min_price_fen"], "images": images}


async def categories(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    query = _params(CategoryParams, params)
    await catalog.require_open_shop(shop_id)
    tree = [node.model_dump(mode="json") for node in await catalog_categories.tree(shop_id)]
    if query.with_products:
        for node in tree[:MAX_CATEGORIES_WITH_PRODUCTS]:
            node["products"] = (await products(shop_id, {"by": "category", "category_id": node["id"], "limit": PRODUCTS_PER_CATEGORY}, request))["items"]
    return {"items": tree}


async def me(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    customer = await get_customer(shop_id, _customer_id(request))
    return {"id": customer.id, "nickname": customer.nickname, "avatar": customer.avatar_url}


async def cart(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    _customer_id(request)
    return {"items": [], "total_fen": 0}  # the trade domain has no cart read yet


def register_core_sources(register: Callable[..., None]) -> None:
    for name, handler in (("products", products), ("product", product), ("categories", categories), ("me", me), ("cart", cart)):
        register(name, handler)


def limit_param(params: dict[str, Any], default: int = 10, maximum: int = 30) -> int:
    """A list source's ``limit`` parameter (untrusted: 1…``maximum``), for plugins' sources too."""
    value = params.get("limit", default)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise InvalidInput(
            field="params.limit",
            reason={"zh-CN": f"应为 1 到 {maximum} 的整数", "en": f"Must be a whole number from 1 to {maximum}"},
        )
    return value


def customer_of(request: Any) -> int | None:
    """The customer a read is for (the batch's Bearer token), or None for a guest."""
    user = request.scope.get("user")
    return user.account_id if user is not None else None
