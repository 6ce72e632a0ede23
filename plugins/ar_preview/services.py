"""The AR preview rules: check a model, poster and USDZ, keep them in the shop's media library,
one AR model per product; read them for the admin and for customers' viewers.

Everything is checked before anything is written, and what was written is removed again when a
later step fails, so a refused upload leaves nothing behind.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from core.catalog import media as library
from core.catalog.media_files import check_image
from core.catalog.media_storage import MediaStorage, new_key
from core.catalog.models import Media, MediaKind, Product, ProductStatus
from core.errors import NotFound
from core.shop_plugins.models import ShopPlugin
from plugins.ar_preview.gltf_check import MAX_TEXTURE_PX, ModelFigures, check_model, check_usdz, invalid
from plugins.ar_preview.manifest import manifest
from plugins.ar_preview.models import ArModel
from plugins.ar_preview.schemas import ArLimitsRead, ArModelRead, ModelFiguresRead, ShopArModel

MIB = 1024 * 1024
USDZ_TYPE = "model/vnd.usdz+zip"


async def shop_settings(shop_id: int) -> dict:
    row = await ShopPlugin.get_or_none(shop_id=shop_id, plugin=manifest.name)
    return {**manifest.settings_defaults(), **(row.settings if row else {})}


async def limit_bytes(shop_id: int) -> int:
    return int((await shop_settings(shop_id))["max_model_mb"]) * MIB


async def limits(shop_id: int) -> ArLimitsRead:
    return ArLimitsRead(max_model_bytes=await limit_bytes(shop_id), max_texture_px=MAX_TEXTURE_PX, formats=["glb", "gltf"])


@dataclass
class Upload:
    """One form field: a file's bytes and name, or the id of a medium already in the library."""

    data: bytes | None = None
    filename: str = ""
    media_id: int | None = None


async def _library_medium(storage: MediaStorage, shop_id: int, media_id: int, kind: MediaKind, field: str) -> tuple[Media, bytes]:
    medium = await Media.get_or_none(id=media_id, shop_id=shop_id)
    if medium is None or medium.kind != kind:
        what = ("3D 模型", "3D model") if kind == MediaKind.MODEL else ("图片", "image")
        raise invalid(field, f"素材库中没有这个{what[0]}", f"no such {what[1]} in this shop's media library")
    path = storage.local_path(medium.storage_key) if medium.storage_key else None
    if path is None:
        raise invalid(field, "该素材不在本机存储中，请直接上传文件", "this medium is not in local storage: upload the file instead")
    return medium, await asyncio.to_thread(path.read_bytes)


def _one_of(upload: Upload, file_field: str, id_field: str, zh: str, en: str) -> None:
    if (upload.data is None) == (upload.media_id is None):
        raise invalid(file_field, f"请上传{zh}，或用 {id_field} 从素材库选择（二选一）", f"upload {en}, or choose one from the media library with {id_field} (not both)")


async def save(storage: MediaStorage, shop_id: int, product_id: int, model: Upload, poster: Upload, usdz: bytes | None) -> ArModel:
    """Set the product's AR model (replacing the one it had)."""
    _one_of(model, "model", "model_media_id", "3D 模型（GLB 或 glTF 2.0）", "a 3D model (GLB or glTF 2.0)")
    _one_of(poster, "poster", "poster_media_id", "封面图", "a poster image")
    product = await Product.get_or_none(id=product_id, shop_id=shop_id)
    if product is None:
        raise NotFound(field="product_id")
    limit = await limit_bytes(shop_id)

    # 1. Check everything, writing nothing.
    model_medium = poster_medium = None
    if model.media_id is not None:
        model_medium, model_bytes = await _library_medium(storage, shop_id, model.media_id, MediaKind.MODEL, "model_media_id")
        figures: ModelFigures = await asyncio.to_thread(check_model, model_bytes, "model_media_id", limit)
    else:
        figures = await asyncio.to_thread(check_model, model.data, "model", limit)
    if poster.media_id is not None:
        poster_medium, _ = await _library_medium(storage, shop_id, poster.media_id, MediaKind.IMAGE, "poster_media_id")
    else:
        await asyncio.to_thread(check_image, poster.data, "poster")
    if usdz is not None:
        await asyncio.to_thread(check_usdz, usdz, "usdz", limit)

    # 2. Write, undoing what was written when a later step fails.
    created: list[Media] = []
    usdz_key = ""
    try:
        if model_medium is None:
            model_medium = await library.upload(storage, shop_id, data=model.data, filename=model.filename, kind="model")
            created.append(model_medium)
        if poster_medium is None:
            poster_medium = await library.upload(storage, shop_id, data=poster.data, filename=poster.filename, kind="image")
            created.append(poster_medium)
        if usdz is not None:
            usdz_key = new_key(shop_id, "usdz")
            await storage.save(usdz_key, usdz, USDZ_TYPE)
        async with in_transaction():
            row = await ArModel.select_for_update().get_or_none(shop_id=shop_id, product_id=product.id)
            old_usdz = row.usdz_key if row else ""
            values = {
                "model_id": model_medium.id, "poster_id": poster_medium.id,
                "usdz_key": usdz_key, "usdz_bytes": len(usdz) if usdz is not None else 0,
                "triangles": figures.triangles, "texture_count": figures.texture_count,
                "max_texture_width": figures.max_texture_width, "max_texture_height": figures.max_texture_height,
                "warnings": figures.warnings,
            }
            if row is None:
                row = await ArModel.create(shop_id=shop_id, product_id=product.id, **values)
            else:
                await row.update_from_dict(values).save()
    except BaseException:
        if usdz_key:
            await storage.delete(usdz_key)
        for medium in reversed(created):
            await library.delete_media(storage, shop_id, medium.id)
        raise
    if old_usdz:
        await storage.delete(old_usdz)
    return row


async def get(shop_id: int, model_id: int) -> ArModel:
    row = await ArModel.get_or_none(id=model_id, shop_id=shop_id).prefetch_related("product", "model", "poster")
    if row is None:
        raise NotFound()
    return row


async def list_models(shop_id: int) -> list[ArModel]:
    return await ArModel.filter(shop_id=shop_id).order_by("-updated_at", "-id").prefetch_related("product", "model", "poster")


async def delete(storage: MediaStorage, shop_id: int, model_id: int) -> None:
    """Remove a product's AR model; its model and poster stay in the media library."""
    row = await get(shop_id, model_id)
    await row.delete()
    if row.usdz_key:
        await storage.delete(row.usdz_key)


def admin_read(storage: MediaStorage, row: ArModel) -> ArModelRead:
    model, poster = row.model, row.poster
    return ArModelRead(
        id=row.id,
        product_id=row.product_id,  # type: ignore[attr-defined]
        product_title=row.product.title,
        model_media_id=model.id,
        model_url=storage.url(model.storage_key),
        model_filename=model.filename,
        poster_media_id=poster.id,
        poster_url=storage.url((poster.variants or {}).get("webp") or poster.storage_key),
        ios_src=storage.url(row.usdz_key) if row.usdz_key else None,
        usdz_bytes=row.usdz_bytes,
        figures=ModelFiguresRead(
            format=model.format, size_bytes=model.size_bytes, triangles=row.triangles, texture_count=row.texture_count,
            max_texture_width=row.max_texture_width, max_texture_height=row.max_texture_height, warnings=row.warnings or [],
        ),
        updated_at=row.updated_at,
    )


async def for_customers(storage: MediaStorage, shop_id: int, product_id: int | None) -> ShopArModel | None:
    """The AR model of an on-sale product, or (no product named) the shop's latest one."""
    query = ArModel.filter(shop_id=shop_id, product__status=ProductStatus.ON_SALE)
    if product_id is not None:
        query = query.filter(product_id=product_id)
    row = await query.order_by("-updated_at", "-id").prefetch_related("product", "model", "poster").first()
    if row is None:
        return None
    read = admin_read(storage, row)
    return ShopArModel(product_id=read.product_id, title=read.product_title, src=read.model_url, poster=read.poster_url,
                       ios_src=read.ios_src, format=read.figures.format)
