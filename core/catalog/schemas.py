"""Request and response shapes of the catalog API. Money is integer fen everywhere."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from core.schemas import ReadModel, WriteModel



# -- categories ------------------------------------------------------------------------------


class CategoryCreate(WriteModel):
    name: str = Field(min_length=1, max_length=60)
    parent_id: int | None = None
    sort: int = 0
    icon: str = Field(default="", max_length=500)


class CategoryUpdate(WriteModel):
    """Any subset; ``parent_id`` moves the category with its whole subtree (null = to the root)."""

    name: str | None = Field(default=None, min_length=1, max_length=60)
    parent_id: int | None = None
    sort: int | None = None
    icon: str | None = Field(default=None, max_length=500)


class CategoryRead(ReadModel):
    id: int
    parent_id: int | None
    name: str
    sort: int
    icon: str
    depth: int
    children: list[CategoryRead] = []


# -- products and SKUs -----------------------------------------------------------------------


class SpecDimension(WriteModel):
    name: str = Field(min_length=1, max_length=20)
    values: list[str] = Field(min_length=1, max_length=100)


class SkuFields(WriteModel):
    price_fen: int | None = Field(default=None, ge=0, le=10**11)
    list_price_fen: int | None = Field(default=None, ge=0, le=10**11)
    stock: int | None = Field(default=None, ge=0, le=10**9)
    code: str | None = Field(default=None, max_length=64)
    image: str | None = Field(default=None, max_length=500)
    low_stock_threshold: int | None = Field(default=None, ge=0, le=10**9)
    # Orders take stock between an editor's read and its save: with this, ``stock`` is set only
    # while the SKU still holds what the editor read (else 409 ``stock_changed``), so a save
    # never hands sold units back. Without it ``stock`` is set as given (imports, scripts).
    expected_stock: int | None = Field(
        default=None, ge=0, le=10**9,
        description="The stock the editor read: `stock` is set only if the SKU still holds this, else 409 stock_changed.",
    )


class SkuWrite(SkuFields):
    """A cell of the matrix, named by its values in dimension order (``[]`` without specs)."""

    spec_values: list[str] = []


class SkuPatch(SkuFields):
    id: int


class MediaItem(WriteModel):
    kind: Literal["image", "video", "model"] = "image"
    url: str = Field(min_length=1, max_length=1000)
    poster: str | None = Field(default=None, max_length=1000)
    thumbnail: str | None = Field(default=None, max_length=1000)


class ProductMediaItem(ReadModel):
    """One medium of a product page. Uploaded images carry ``webp`` (≤ 1600 px) and
    ``thumbnail`` (≤ 400 px) derivatives; a video its ``poster``; a model its ``format``."""

    kind: str
    url: str
    media_id: int | None = None
    webp: str | None = None
    thumbnail: str | None = None
    poster: str | None = None
    width: int | None = None
    height: int | None = None
    format: str | None = None


class ProductCreate(WriteModel):
    title: str = Field(min_length=1, max_length=120)
    subtitle: str = Field(default="", max_length=200)
    description: str = Field(default="", max_length=20000)
    category_id: int | None = None
    status: Literal["draft", "on_sale", "off_sale"] = "draft"
    on_sale_at: datetime | None = None
    tags: list[str] = Field(default=[], max_length=20)
    media: list[MediaItem] = Field(default=[], max_length=30)
    sort: int = 0
    specs: list[SpecDimension] = Field(default=[], max_length=3)
    skus: list[SkuWrite] = []


class ProductUpdate(WriteModel):
    title: str | None = Field(default=None, min_length=1, max_length=120)
    subtitle: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=20000)
    category_id: int | None = None
    status: Literal["draft", "on_sale", "off_sale"] | None = None
    on_sale_at: datetime | None = None
    tags: list[str] | None = Field(default=None, max_length=20)
    media: list[MediaItem] | None = Field(default=None, max_length=30)
    sort: int | None = None


class SpecsReplace(WriteModel):
    """Linked editing: the new dimensions, value renames ``{dimension: {old: new}}``, and
    optional values for cells (existing or new) to set in the same step."""

    specs: list[SpecDimension] = Field(max_length=3)
    renames: dict[str, dict[str, str]] = {}
    skus: list[SkuWrite] = []


class SkuBulkUpdate(WriteModel):
    """Set price/stock for a row or column: ``match`` = ``{"颜色": "红"}``; ``{}`` = every SKU."""

    match: dict[str, str] = {}
    price_fen: int | None = Field(default=None, ge=0, le=10**11)
    list_price_fen: int | None = Field(default=None, ge=0, le=10**11)
    stock: int | None = Field(default=None, ge=0, le=10**9)


class SkuRead(ReadModel):
    id: int
    spec_values: list[str]
    code: str | None
    price_fen: int
    list_price_fen: int | None
    stock: int
    low_stock_threshold: int | None
    image: str
    sales: int


class ProductRead(ReadModel):
    id: int
    title: str
    subtitle: str
    description: str
    category_id: int | None
    status: str
    on_sale_at: datetime | None
    tags: list[str]
    media: list[ProductMediaItem]
    sort: int
    sales: int
    min_price_fen: int
    max_price_fen: int
    specs: list[dict]
    skus: list[SkuRead]
    created_at: datetime
    updated_at: datetime


class ProductSummary(ReadModel):
    id: int
    title: str
    status: str
    category_id: int | None
    min_price_fen: int
    max_price_fen: int
    sales: int
    image: str


class ProductPage(ReadModel):
    items: list[ProductSummary]
    next_cursor: str | None


# -- bulk import -------------------------------------------------------------------------------


class ImportedProduct(ReadModel):
    row: int = Field(description="the sheet row of the product's first SKU (the header is row 1)")
    product_id: int
    title: str


class ImportProblem(ReadModel):
    row: int
    column: str = Field(description="the column (or field) at fault")
    message: str


class ImportReport(ReadModel):
    """Valid products are created; every refused row is listed. A product whose rows have an
    error is not created at all."""

    created: int
    products: list[ImportedProduct]
    errors: list[ImportProblem]


# -- media -----------------------------------------------------------------------------------


class MediaRead(ReadModel):
    id: int
    kind: Literal["image", "video", "model"]
    format: str = Field(description="jpeg, png, webp, gif, mp4, mov, webm, glb or gltf")
    content_type: str
    filename: str
    size_bytes: int
    width: int | None
    height: int | None
    url: str = Field(description="the original (or the external URL of a linked video)")
    webp_url: str | None = None
    thumbnail_url: str | None = None
    poster_url: str | None = None
    poster_thumbnail_url: str | None = None
    created_at: datetime


class MediaPage(ReadModel):
    items: list[MediaRead]
    next_cursor: str | None


class ProductMediaAttach(WriteModel):
    """The product's media, replacing what was attached: gallery ``images`` in display order,
    the ``main_image_id`` (shown first; defaults to the first image), one video, one 3D model."""

    images: list[int] = Field(default=[], max_length=30)
    main_image_id: int | None = None
    video_id: int | None = None
    model_id: int | None = None


# -- customer shapes ---------------------------------------------------------------------------


class ShopSku(ReadModel):
    id: int
    spec_values: list[str]
    price_fen: int
    list_price_fen: int | None
    image: str
    stock_status: Literal["in_stock", "low", "sold_out"]
    stock: int | None = None  # only when the shop shows exact counts


class ShopProductDetail(ReadModel):
    id: int
    title: str
    subtitle: str
    description: str
    category_id: int | None
    tags: list[str]
    media: list[ProductMediaItem]
    sales: int
    min_price_fen: int
    max_price_fen: int
    specs: list[dict]
    skus: list[ShopSku]
    stock_status: Literal["in_stock", "low", "sold_out"]


class ShopProductCard(ReadModel):
    id: int
    title: str
    subtitle: str
    image: str
    min_price_fen: int
    sales: int
    tags: list[str]
    stock_status: Literal["in_stock", "low", "sold_out"]


class ShopProductPage(ReadModel):
    items: list[ShopProductCard]
    next_cursor: str | None


# -- inventory, settings, cache ----------------------------------------------------------------


class InventoryAlertRead(ReadModel):
    id: int
    sku_id: int
    product_id: int
    stock: int
    threshold: int
    read_at: datetime | None
    created_at: datetime


class CatalogSettingsRead(ReadModel):
    low_stock_threshold: int
    show_exact_stock: bool


class CatalogSettingsUpdate(WriteModel):
    low_stock_threshold: int | None = Field(default=None, ge=0, le=10**9)
    show_exact_stock: bool | None = None


class CacheStats(ReadModel):
    hits: int
    misses: int
    loads: int
    hit_ratio: float | None
    backend: str


# -- search ----------------------------------------------------------------------------------


class Suggestion(ReadModel):
    text: str
    product_id: int | None = None


class SuggestionList(ReadModel):
    items: list[Suggestion]


class HotSearches(ReadModel):
    items: list[str]
