"""Staff routes of the catalog: categories, products and SKUs, inventory alerts, settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery, JSONBody, Parameter

from core import clock
from core.auth import AuthUser, managers, staff_only
from core.catalog import categories, product_import, products
from core.catalog.cache import bump_version, catalog_cache
from core.catalog.models import CatalogSettings, InventoryAlert, Product, ProductStatus
from core.catalog.inventory import first_image, forget_threshold
from core.catalog.product_import import MAX_IMPORT_BYTES
from core.catalog.schemas import (
    CacheStats,
    CatalogSettingsRead,
    CatalogSettingsUpdate,
    CategoryCreate,
    CategoryRead,
    CategoryUpdate,
    ImportReport,
    InventoryAlertRead,
    ProductCreate,
    ProductPage,
    ProductRead,
    ProductSummary,
    ProductUpdate,
    SkuBulkUpdate,
    SkuPatch,
    SpecsReplace,
)
from core.catalog.storefront import newest_first
from core.errors import InvalidInput, NotFound
from core.i18n import negotiate_locale
from core.openapi import AUTHED, problems

StaffRequest = Request[AuthUser, Any, Any]


@dataclass
class ImportUpload:
    """``file``: the CSV or XLSX sheet."""

    file: UploadFile | None = None


class CatalogAdminController(Controller):
    path = "/api/admin/catalog"
    tags = ["admin: catalog"]
    guards = [staff_only]

    # -- categories ---------------------------------------------------------------------------

    @get("/categories", operation_id="listCategories", responses=problems(*AUTHED))
    async def list_categories(self, request: StaffRequest) -> list[CategoryRead]:
        """The shop's category tree (up to three levels), ordered by ``sort``."""
        return await categories.tree(request.user.shop_id)

    @post("/categories", operation_id="createCategory", guards=[managers], responses=problems(*AUTHED))
    async def create_category(self, request: StaffRequest, data: JSONBody[CategoryCreate]) -> CategoryRead:
        """Add a category under ``parent_id`` (or at the root)."""
        category = await categories.create(request.user.shop_id, data.name, data.parent_id, data.sort, data.icon)
        return CategoryRead(id=category.id, parent_id=data.parent_id, name=category.name, sort=category.sort, icon=category.icon, depth=category.depth)

    @patch("/categories/{category_id:int}", operation_id="updateCategory", guards=[managers], responses=problems(*AUTHED))
    async def update_category(self, request: StaffRequest, category_id: FromPath[int], data: JSONBody[CategoryUpdate]) -> CategoryRead:
        """Rename, reorder, change the icon, or move with the whole subtree (``parent_id``)."""
        category = await categories.update(request.user.shop_id, category_id, data.model_dump(exclude_unset=True))
        return CategoryRead(
            id=category.id, parent_id=category.parent_id, name=category.name,  # type: ignore[attr-defined]
            sort=category.sort, icon=category.icon, depth=category.depth,
        )

    @delete("/categories/{category_id:int}", operation_id="deleteCategory", guards=[managers], responses=problems(*AUTHED, 409))
    async def delete_category(self, request: StaffRequest, category_id: FromPath[int]) -> None:
        """Delete a category without subcategories; its products become uncategorised."""
        await categories.delete(request.user.shop_id, category_id)

    # -- products -----------------------------------------------------------------------------

    @get("/products", operation_id="listAdminProducts", responses=problems(*AUTHED))
    async def list_products(
        self,
        request: StaffRequest,
        status: FromQuery[ProductStatus | None] = None,
        q: FromQuery[str | None] = None,
        cursor: FromQuery[str | None] = None,
        limit: int = Parameter(default=20, ge=1, le=100),
    ) -> ProductPage:
        """All of the shop's products, newest first, optionally by status or title words."""
        query = Product.filter(shop_id=request.user.shop_id)
        if status:
            if status not in set(ProductStatus):
                raise InvalidInput(field="status", reason={"zh-CN": "状态不正确", "en": "unknown status"})
            query = query.filter(status=status)
        if q:
            query = query.filter(title__icontains=q)
        rows, next_cursor = await newest_first(query, cursor, limit)
        items = [
            ProductSummary(
                id=row.id, title=row.title, status=str(row.status), category_id=row.category_id,  # type: ignore[attr-defined]
                min_price_fen=row.min_price_fen, max_price_fen=row.max_price_fen, sales=row.sales, image=first_image(row.media),
            )
            for row in rows
        ]
        return ProductPage(items=items, next_cursor=next_cursor)

    @post("/products/import", operation_id="importProducts", guards=[managers], status_code=200,
          request_max_body_size=MAX_IMPORT_BYTES + 64 * 1024, responses=problems(*AUTHED))
    async def import_products(
        self, request: StaffRequest, data: Annotated[ImportUpload, Body(media_type=RequestEncodingType.MULTI_PART)]
    ) -> ImportReport:
        """Bulk import from a CSV (UTF-8 or GBK) or XLSX ``file``: one row per SKU, rows with the
        same 商品名称 form one product (see ``importProductsTemplate``). Valid products are
        created, each all or nothing; refused rows come back with row number, column, reason."""
        if data.file is None:
            raise InvalidInput(field="file", reason={"zh-CN": "请上传 CSV 或 XLSX 文件", "en": "upload a CSV or XLSX file"})
        locale = negotiate_locale(request.headers.get("accept-language"))
        return await product_import.import_products(request.user.shop_id, await data.file.read(), locale)

    @get("/products/import-template", operation_id="importProductsTemplate", media_type="text/csv", responses=problems(*AUTHED))
    async def import_template(self) -> Response[bytes]:
        """A CSV to fill in for ``importProducts`` (header and an example product)."""
        return Response(
            ("\ufeff" + product_import.import_template()).encode(),  # the BOM makes Excel read UTF-8
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="products.csv"'},
        )

    @post("/products", operation_id="createProduct", guards=[managers], responses=problems(*AUTHED))
    async def create_product(self, request: StaffRequest, data: JSONBody[ProductCreate]) -> ProductRead:
        """Create a product; its SKU matrix is generated from ``specs`` and filled from ``skus``."""
        product = await products.create_product(request.user.shop_id, data)
        return await products.product_read(product)

    @get("/products/{product_id:int}", operation_id="getAdminProduct", responses=problems(*AUTHED))
    async def get_product(self, request: StaffRequest, product_id: FromPath[int]) -> ProductRead:
        """One product with its full SKU matrix and exact stock."""
        return await products.product_read(await products.get_product(request.user.shop_id, product_id))

    @patch("/products/{product_id:int}", operation_id="updateProduct", guards=[managers], responses=problems(*AUTHED))
    async def update_product(self, request: StaffRequest, product_id: FromPath[int], data: JSONBody[ProductUpdate]) -> ProductRead:
        """Change titles, category, status, schedule, tags or media."""
        changes = data.model_dump(exclude_unset=True)
        if changes.get("media") is not None:
            changes["media"] = [item.model_dump(exclude_none=True) for item in data.media or []]
        product = await products.update_product(request.user.shop_id, product_id, changes)
        return await products.product_read(product)

    @delete("/products/{product_id:int}", operation_id="deleteProduct", guards=[managers], responses=problems(*AUTHED))
    async def delete_product(self, request: StaffRequest, product_id: FromPath[int]) -> None:
        """Delete a product and its SKUs."""
        await products.delete_product(request.user.shop_id, product_id)

    @put("/products/{product_id:int}/specs", operation_id="replaceProductSpecs", guards=[managers], responses=problems(*AUTHED, 409))
    async def replace_specs(self, request: StaffRequest, product_id: FromPath[int], data: JSONBody[SpecsReplace]) -> ProductRead:
        """Linked editing: new spec dimensions/values regenerate the matrix, keeping every SKU
        whose combination still exists (value renames given in ``renames``). 409 ``stock_changed``
        when a SKU's stock is no longer the ``expected_stock`` given."""
        return await products.product_read(await products.replace_specs(request.user.shop_id, product_id, data))

    @patch("/products/{product_id:int}/skus", operation_id="updateSkus", guards=[managers], responses=problems(*AUTHED, 409))
    async def patch_skus(self, request: StaffRequest, product_id: FromPath[int], data: JSONBody[list[SkuPatch]]) -> ProductRead:
        """Edit individual SKUs (price, list price, stock, code, image, threshold) by id; 409
        ``stock_changed`` when a SKU's stock is no longer the ``expected_stock`` given."""
        return await products.product_read(await products.patch_skus(request.user.shop_id, product_id, data))

    @post("/products/{product_id:int}/skus/bulk", operation_id="bulkSetSkus", guards=[managers], responses=problems(*AUTHED))
    async def bulk_set(self, request: StaffRequest, product_id: FromPath[int], data: JSONBody[SkuBulkUpdate]) -> ProductRead:
        """Set price and/or stock for a row or column of the matrix (``match``)."""
        return await products.product_read(await products.bulk_set(request.user.shop_id, product_id, data))

    # -- inventory alerts, settings, cache ----------------------------------------------------

    @get("/inventory-alerts", operation_id="listInventoryAlerts", responses=problems(*AUTHED))
    async def list_alerts(self, request: StaffRequest, unread: FromQuery[bool] = False, limit: int = Parameter(default=50, ge=1, le=200)) -> list[InventoryAlertRead]:
        """The admin inbox of low-stock alerts, newest first."""
        query = InventoryAlert.filter(shop_id=request.user.shop_id)
        if unread:
            query = query.filter(read_at__isnull=True)
        rows = await query.order_by("-id").limit(max(1, min(limit, 200)))
        return [InventoryAlertRead.model_validate(row) for row in rows]

    @post("/inventory-alerts/{alert_id:int}/read", operation_id="markInventoryAlertRead", status_code=200, responses=problems(*AUTHED))
    async def mark_read(self, request: StaffRequest, alert_id: FromPath[int]) -> InventoryAlertRead:
        """Mark an alert as read."""
        alert = await InventoryAlert.get_or_none(id=alert_id, shop_id=request.user.shop_id)
        if alert is None:
            raise NotFound()
        if alert.read_at is None:
            alert.read_at = clock.now()
            await alert.save(update_fields=["read_at"])
        return InventoryAlertRead.model_validate(alert)

    @get("/settings", operation_id="getCatalogSettings", responses=problems(*AUTHED))
    async def get_settings(self, request: StaffRequest) -> CatalogSettingsRead:
        """Low-stock threshold and exact-stock display (low-stock alerts also go to the shop's
        webhooks subscribed to ``inventory.low``)."""
        row = await CatalogSettings.get_or_none(shop_id=request.user.shop_id)
        return CatalogSettingsRead.model_validate(row) if row else CatalogSettingsRead(low_stock_threshold=5, show_exact_stock=False)

    @put("/settings", operation_id="updateCatalogSettings", guards=[managers], responses=problems(*AUTHED))
    async def update_settings(self, request: StaffRequest, data: JSONBody[CatalogSettingsUpdate]) -> CatalogSettingsRead:
        """Change catalog settings (thresholds apply to the next stock change)."""
        row, _ = await CatalogSettings.get_or_create(shop_id=request.user.shop_id)
        for name, value in data.model_dump(exclude_unset=True, exclude_none=True).items():
            setattr(row, name, value)
        await row.save()
        await bump_version(request.user.shop_id, ())
        forget_threshold(request.user.shop_id)
        return CatalogSettingsRead.model_validate(row)

    @get("/cache-stats", operation_id="getCatalogCacheStats", responses=problems(*AUTHED))
    async def cache_stats(self, request: StaffRequest) -> CacheStats:
        """Hit ratio of the shop's cached product pages in this server process."""
        return CacheStats(**catalog_cache(request.app).stats(request.user.shop_id))
