"""Public catalog routes for the storefront. The shop is named in the path:
``/api/shop/{shop_id}/products…`` — cacheable URLs, no token needed."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Controller, MediaType, Request, Response, get
from litestar.params import FromPath, FromQuery, Parameter

from core.auth import SKIP_AUTH
from core.catalog import categories, storefront
from core.catalog.cache import catalog_cache
from core.catalog.models import Product
from core.catalog.schemas import (
    CategoryRead,
    HotSearches,
    ShopProductDetail,
    ShopProductPage,
    Suggestion,
    SuggestionList,
)
from core.catalog.search import hot_searches, record_search, search_backend
from core.errors import InvalidInput
from core.openapi import problems
from core.schemas import LARGEST_ID

PUBLIC = {SKIP_AUTH: True}


def _json(body: bytes) -> Response[Any]:
    return Response(body, media_type=MediaType.JSON)


# The names of storefront.SORTS (a Literal so the OpenAPI schema lists them).
ProductSort = Literal["default", "sales", "price_asc", "price_desc", "newest"]

# A price filter's bound: 2**53 is the largest integer a JSON number (a double) holds exactly, so
# the bound OpenAPI states is the one enforced (2**63 - 1 would read as 2**63 there).
PRICE_FILTER_LIMIT = 2**53


class ShopCatalogController(Controller):
    path = "/api/shop/{shop_id:int}"
    tags = ["shop: catalog"]

    @get("/categories", operation_id="shopCategories", opt=PUBLIC, responses=problems(404))
    async def list_categories(self, shop_id: FromPath[int]) -> list[CategoryRead]:
        """The shop's category tree."""
        await storefront.require_open_shop(shop_id)
        return await categories.tree(shop_id)

    @get("/products", operation_id="shopProducts", opt=PUBLIC, responses=problems(404))
    async def list_products(
        self,
        request: Request[Any, Any, Any],
        shop_id: FromPath[int],
        category_id: FromQuery[Annotated[int, Parameter(ge=1, le=LARGEST_ID)] | None] = None,
        price_min_fen: FromQuery[Annotated[int, Parameter(ge=0, le=PRICE_FILTER_LIMIT)] | None] = None,
        price_max_fen: FromQuery[Annotated[int, Parameter(ge=0, le=PRICE_FILTER_LIMIT)] | None] = None,
        tag: FromQuery[list[str] | None] = None,
        in_stock: FromQuery[bool] = False,
        sort: FromQuery[ProductSort] = "default",
        cursor: FromQuery[str | None] = None,
        limit: Annotated[int, Parameter(ge=1, le=50)] = 20,
    ) -> Response[ShopProductPage]:
        """Products on sale: filter by category (with its subcategories), price range, tags,
        in stock; sort by ``default``, ``sales``, ``price_asc``, ``price_desc``, ``newest``;
        page with ``next_cursor``."""
        # Litestar documents the bound of an optional parameter but does not enforce it.
        for name, value in (("price_min_fen", price_min_fen), ("price_max_fen", price_max_fen)):
            if value is not None and not 0 <= value <= PRICE_FILTER_LIMIT:
                raise InvalidInput(field=name, reason={"zh-CN": f"应在 0 到 {PRICE_FILTER_LIMIT} 之间", "en": f"must be between 0 and {PRICE_FILTER_LIMIT}"})
        key = f"list:{category_id}:{price_min_fen}:{price_max_fen}:{','.join(sorted(tag or []))}:{in_stock}:{sort}:{cursor}:{limit}"

        async def load() -> bytes:
            return await storefront.list_products(
                shop_id, category_id=category_id, price_min_fen=price_min_fen, price_max_fen=price_max_fen,
                tags=tag, in_stock=in_stock, sort=sort, cursor=cursor, limit=limit,
            )

        return _json(await catalog_cache(request.app).get_or_load(shop_id, key, load))

    @get("/products/{product_id:int}", operation_id="shopProductDetail", opt=PUBLIC, responses=problems(404))
    async def detail(self, request: Request[Any, Any, Any], shop_id: FromPath[int], product_id: FromPath[int]) -> Response[ShopProductDetail]:
        """A product on sale with its SKU matrix, media and stock status per SKU."""
        body = await catalog_cache(request.app).get_or_load(
            shop_id, f"detail:{product_id}", lambda: storefront.product_detail(shop_id, product_id)
        )
        return _json(body)

    @get("/search", operation_id="shopSearch", opt=PUBLIC, responses=problems(404))
    async def search(
        self, request: Request[Any, Any, Any], shop_id: FromPath[int], q: Annotated[str, Parameter(min_length=1, max_length=60)]
    ) -> Response[ShopProductPage]:
        """Products matching ``q`` (text, pinyin, initials, one typo), by relevance then sales."""
        await storefront.require_open_shop(shop_id)
        ids = await search_backend(request.app).search(shop_id, q, limit=50)
        await record_search(shop_id, q)
        rows = {row.id: row for row in await Product.filter(shop_id=shop_id, id__in=ids)}
        body = await storefront.cards([rows[i] for i in ids if i in rows], shop_id)
        return _json(body)

    @get("/search/suggest", operation_id="shopSearchSuggest", opt=PUBLIC, responses=problems(404))
    async def suggest(
        self, request: Request[Any, Any, Any], shop_id: FromPath[int], q: Annotated[str, Parameter(max_length=60)] = ""
    ) -> SuggestionList:
        """As-you-type suggestions for ``q``."""
        await storefront.require_open_shop(shop_id)
        found = await search_backend(request.app).suggest(shop_id, q, limit=10)
        return SuggestionList(items=[Suggestion(text=title, product_id=pid) for title, pid in found])

    @get("/search/hot", operation_id="shopHotSearches", opt=PUBLIC, responses=problems(404))
    async def hot(self, shop_id: FromPath[int]) -> HotSearches:
        """The shop's most searched terms."""
        await storefront.require_open_shop(shop_id)
        return HotSearches(items=await hot_searches(shop_id))
