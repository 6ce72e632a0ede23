"""Catalog data: category tree, products (SPU), SKUs, per-shop catalog settings, stock alerts.

Every row carries ``shop`` so every query can filter by the caller's shop.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

MAX_CATEGORY_DEPTH = 3
MAX_SKUS_PER_PRODUCT = 600


class ProductStatus(StrEnum):
    DRAFT = "draft"
    ON_SALE = "on_sale"
    OFF_SALE = "off_sale"


class Category(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="categories", on_delete=fields.CASCADE)
    parent = fields.ForeignKeyField(
        "catalog.Category", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=60)
    sort = fields.IntField(default=0)
    icon = fields.CharField(max_length=500, default="")
    # 1 for a root; kept in step by moves so depth checks never walk the tree.
    depth = fields.SmallIntField(default=1)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "kd_catalog_category"
        indexes = (("shop_id", "parent_id", "sort"),)


class Product(Model):
    """An SPU. ``specs`` is ``[{"name": "颜色", "values": ["红", "蓝"]}, …]`` in display order."""

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="products", on_delete=fields.CASCADE)
    category = fields.ForeignKeyField(
        "catalog.Category", related_name="products", null=True, on_delete=fields.SET_NULL
    )
    title = fields.CharField(max_length=120)
    subtitle = fields.CharField(max_length=200, default="")
    description = fields.TextField(default="")
    status = fields.CharEnumField(ProductStatus, max_length=16, default=ProductStatus.DRAFT)
    # A draft or off-sale product with this time goes on sale when it passes.
    on_sale_at = fields.DatetimeField(null=True)
    specs = fields.JSONField(default=list)
    tags = fields.JSONField(default=list)
    # "|新品|热卖|": the tags as text, so a tag filter is one LIKE on every database.
    tag_text = fields.CharField(max_length=600, default="")
    media = fields.JSONField(default=list)
    sales = fields.IntField(default=0)
    # Cheapest SKU price, kept by the service on every SKU write: list filters and sorts use it.
    min_price_fen = fields.BigIntField(default=0)
    max_price_fen = fields.BigIntField(default=0)
    sort = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "kd_catalog_product"
        indexes = (("shop_id", "status", "sort"), ("shop_id", "category_id"), ("shop_id", "status", "min_price_fen"))


class Sku(Model):
    """One cell of the product's spec matrix.

    ``spec_values`` lists one value per spec dimension, in the product's dimension order;
    ``spec_key`` is the same values joined, unique within the product.
    """

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="skus", on_delete=fields.CASCADE)
    product = fields.ForeignKeyField("catalog.Product", related_name="skus", on_delete=fields.CASCADE)
    code = fields.CharField(max_length=64, null=True)
    spec_key = fields.CharField(max_length=255, default="")
    spec_values = fields.JSONField(default=list)
    price_fen = fields.BigIntField(default=0)
    list_price_fen = fields.BigIntField(null=True)
    stock = fields.IntField(default=0)
    low_stock_threshold = fields.IntField(null=True)
    # Armed = False: the next crossing to or below the threshold raises one alert.
    low_stock_alerted = fields.BooleanField(default=False)
    image = fields.CharField(max_length=500, default="")
    sales = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "kd_catalog_sku"
        unique_together = (("shop", "code"), ("product", "spec_key"))


class CatalogSettings(Model):
    """Per-shop catalog options (a shop without a row uses the defaults)."""

    id = fields.IntField(primary_key=True)
    shop = fields.OneToOneField("core.Shop", related_name="catalog_settings", on_delete=fields.CASCADE)
    low_stock_threshold = fields.IntField(default=5)
    show_exact_stock = fields.BooleanField(default=False)

    class Meta:
        table = "kd_catalog_settings"


class InventoryAlert(Model):
    """A low-stock alert: written in the reserving transaction, announced after it commits.

    ``notified_at`` is None until ``kaidian_on_inventory_low`` has fired for it. The announcer
    claims a row with a conditional update, so each alert is announced once.
    """

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="inventory_alerts", on_delete=fields.CASCADE)
    sku_id = fields.IntField()
    product_id = fields.IntField()
    stock = fields.IntField()
    threshold = fields.IntField()
    notified_at = fields.DatetimeField(null=True)
    read_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_catalog_inventory_alert"
        indexes = (("shop_id", "created_at"), ("notified_at",))


class SearchTerm(Model):
    """How often customers searched a term in a shop: the source of hot searches."""

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="search_terms", on_delete=fields.CASCADE)
    term = fields.CharField(max_length=60)
    count = fields.IntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "kd_catalog_search_term"
        unique_together = (("shop", "term"),)


class CatalogVersion(Model):
    """A per-shop counter bumped in the same transaction as any catalog change.

    Cached pages are keyed by it, so a committed edit is never served stale and an
    uncommitted one never leaks; on every database, across every worker.
    """

    shop = fields.OneToOneField("core.Shop", related_name="catalog_version", on_delete=fields.CASCADE, primary_key=True)
    version = fields.BigIntField(default=0)

    class Meta:
        table = "kd_catalog_version"


class CatalogChange(Model):
    """Which products a catalog version changed, written in the bump's transaction: a row
    without a product means "possibly any". Lets a search index catch up by re-reading only
    the changed products. Old rows are pruned by ``bump_version``."""

    id = fields.BigIntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="catalog_changes", on_delete=fields.CASCADE)
    version = fields.BigIntField()
    product_id = fields.IntField(null=True)

    class Meta:
        table = "kd_catalog_change"
        indexes = (("shop_id", "version"),)


class SearchKey(Model):
    """A product's search keys for the PostgreSQL search backend (``search_pg``): its title's
    text, pinyin and initials and its tags, joined in ``haystack`` for a pg_trgm index, and
    what ranking and filtering read (``listed``: status is on sale; ``on_sale_at``; ``sales``)
    so a query never joins the products. Kept in step from ``CatalogChange`` rows by whichever
    instance searches the shop next (sales every few minutes); empty while the built-in
    backend is used."""

    product = fields.OneToOneField("catalog.Product", related_name="search_key", on_delete=fields.CASCADE, primary_key=True)
    shop_id = fields.IntField(db_index=True)
    title = fields.CharField(max_length=120)
    text_key = fields.TextField()
    full_key = fields.TextField()
    initials_key = fields.TextField()
    tags = fields.TextField()
    haystack = fields.TextField()
    listed = fields.BooleanField(default=False)
    on_sale_at = fields.DatetimeField(null=True)
    sales = fields.IntField(default=0)

    class Meta:
        table = "kd_catalog_search_key"


class SearchState(Model):
    """The catalog version a shop's ``SearchKey`` rows are up to date with."""

    shop = fields.OneToOneField("core.Shop", related_name="search_state", on_delete=fields.CASCADE, primary_key=True)
    version = fields.BigIntField(default=-1)
    # When the keys' ``sales`` were last copied from the products (paid orders move sales
    # without a catalog change).
    sales_read_at = fields.DatetimeField(null=True)

    class Meta:
        table = "kd_catalog_search_state"


class MediaKind(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    MODEL = "model"


class Media(Model):
    # An uploaded image, video or 3D model of the shop (or a video by external URL).
    # ``storage_key`` is the original in the media store ("" for an external video);
    # ``variants`` names derived keys: webp, thumbnail, poster, poster_thumbnail.
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="media", on_delete=fields.CASCADE)
    kind = fields.CharEnumField(MediaKind, max_length=16)
    storage_key = fields.CharField(max_length=200, default="")
    external_url = fields.CharField(max_length=1000, default="")
    content_type = fields.CharField(max_length=100, default="")
    # jpeg, png, webp, gif, mp4, webm, glb, gltf
    format = fields.CharField(max_length=16, default="")
    filename = fields.CharField(max_length=200, default="")
    size_bytes = fields.BigIntField(default=0)
    width = fields.IntField(null=True)
    height = fields.IntField(null=True)
    variants = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_catalog_media"
        indexes = (("shop_id", "kind"),)


class ProductMedia(Model):
    # A medium attached to a product: gallery images in ``position`` order (the main image
    # first), at most one video and one 3D model. Media in use cannot be deleted.
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="product_media", on_delete=fields.CASCADE)
    product = fields.ForeignKeyField("catalog.Product", related_name="attached_media", on_delete=fields.CASCADE)
    media = fields.ForeignKeyField("catalog.Media", related_name="attachments", on_delete=fields.RESTRICT)
    role = fields.CharEnumField(MediaKind, max_length=16)
    position = fields.IntField(default=0)

    class Meta:
        table = "kd_catalog_product_media"
        indexes = (("shop_id", "media_id"),)
