"""Product media: uploads checked by content (``media_files``), kept in the media store
(``media_storage``), listed and deleted per shop, attached to products.

Files are written before the row that names them and removed after the row is gone, so a
failure leaves at worst an unreferenced file, never a row pointing at nothing. Attaching
copies the media's URLs into ``Product.media`` (what product pages and cards read) and
records each use in ``ProductMedia``, which keeps media in use from being deleted.
"""

from __future__ import annotations

import asyncio
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core.catalog import media_files
from core.catalog.cache import bump_version
from core.catalog.media_files import CheckedFile, invalid
from core.catalog.media_storage import MediaStorage, derived_key, new_key
from core.catalog.models import Media, MediaKind, Product, ProductMedia
from core.catalog.products import get_product
from core.catalog.schemas import MediaPage, MediaRead, ProductMediaAttach
from core.catalog.storefront import newest_first
from core.errors import Conflict, NotFound


async def store_image(storage: MediaStorage, key: str, data: bytes, checked: CheckedFile, name: str = "") -> dict[str, str]:
    """Save an image and its WebP derivatives; returns their keys as ``variants`` entries
    (``webp``/``thumbnail``, or ``poster``/``poster_webp``/``poster_thumbnail`` for a poster)."""
    webp_key, thumb_key = derived_key(key, "display", "webp"), derived_key(key, "thumb", "webp")
    await storage.save(key, data, checked.content_type)
    await storage.save(webp_key, checked.display_webp, "image/webp")
    await storage.save(thumb_key, checked.thumbnail_webp, "image/webp")
    if name:
        return {name: key, f"{name}_webp": webp_key, f"{name}_thumbnail": thumb_key}
    return {"webp": webp_key, "thumbnail": thumb_key}


async def _discard(storage: MediaStorage, keys: list[str]) -> None:
    for key in keys:
        await storage.delete(key)


async def upload(
    storage: MediaStorage,
    shop_id: int,
    *,
    data: bytes | None,
    filename: str,
    kind: str | None = None,
    video_url: str | None = None,
    poster: bytes | None = None,
) -> Media:
    """Check and store one upload (or link a video by URL, with an optional poster image)."""
    if (data is None) == (video_url is None):
        raise invalid("file", "请上传文件，或为视频提供 url（二选一）", "send either a file or, for a video, a url")
    if video_url is not None and kind not in (None, MediaKind.VIDEO):
        raise invalid("url", "只有视频可以通过链接添加", "only a video can be added by URL")
    checked = None
    if data is not None:
        checked = await asyncio.to_thread(media_files.check_file, data, "file", kind)
    actual_kind = checked.kind if checked else MediaKind.VIDEO
    checked_poster = None
    if poster is not None:
        if actual_kind != MediaKind.VIDEO:
            raise invalid("poster", "只有视频可以带封面图", "only a video takes a poster image")
        checked_poster = await asyncio.to_thread(media_files.check_file, poster, "poster", "image")

    written: list[str] = []
    try:
        variants: dict[str, str] = {}
        key = ""
        if checked is not None and data is not None:
            key = new_key(shop_id, checked.extension)
            if checked.kind == MediaKind.IMAGE:
                variants = await store_image(storage, key, data, checked)
            else:
                await storage.save(key, data, checked.content_type)
            written += [key, *variants.values()]
        if checked_poster is not None and poster is not None:
            poster_key = new_key(shop_id, checked_poster.extension)
            poster_variants = await store_image(storage, poster_key, poster, checked_poster, name="poster")
            variants.update(poster_variants)
            written += list(poster_variants.values())
        return await Media.create(
            shop_id=shop_id,
            kind=MediaKind(actual_kind),
            storage_key=key,
            external_url=video_url or "",
            content_type=checked.content_type if checked else "",
            format=checked.format if checked else "",
            filename=(filename or "")[:200],
            size_bytes=len(data) if data is not None else 0,
            width=checked.width if checked else None,
            height=checked.height if checked else None,
            variants=variants,
        )
    except BaseException:
        await _discard(storage, written)
        raise


def media_read(storage: MediaStorage, media: Media) -> MediaRead:
    variants = media.variants or {}

    def url(name: str) -> str | None:
        return storage.url(variants[name]) if variants.get(name) else None

    return MediaRead(
        id=media.id,
        kind=media.kind.value if isinstance(media.kind, MediaKind) else str(media.kind),  # type: ignore[arg-type]
        format=media.format,
        content_type=media.content_type,
        filename=media.filename,
        size_bytes=media.size_bytes,
        width=media.width,
        height=media.height,
        url=storage.url(media.storage_key) if media.storage_key else media.external_url,
        webp_url=url("webp"),
        thumbnail_url=url("thumbnail"),
        poster_url=url("poster"),
        poster_thumbnail_url=url("poster_thumbnail"),
        created_at=media.created_at,
    )


async def list_media(storage: MediaStorage, shop_id: int, kind: str | None, cursor: str | None, limit: int) -> MediaPage:
    query = Media.filter(shop_id=shop_id)
    if kind is not None:
        if kind not in set(MediaKind):
            raise invalid("kind", "类型应为 image、video 或 model", "kind must be image, video or model")
        query = query.filter(kind=kind)
    rows, next_cursor = await newest_first(query, cursor, limit)
    return MediaPage(items=[media_read(storage, row) for row in rows], next_cursor=next_cursor)


async def get_media(shop_id: int, media_id: int) -> Media:
    media = await Media.get_or_none(id=media_id, shop_id=shop_id)
    if media is None:
        raise NotFound()
    return media


async def delete_media(storage: MediaStorage, shop_id: int, media_id: int) -> None:
    """Delete an unused medium and its files; one attached to a product is refused (409)."""
    in_use = Conflict(field="media_id", reason={"zh-CN": "该素材正被商品使用，请先从商品中移除",
                                                "en": "this medium is used by a product; detach it first"})
    try:
        async with in_transaction():
            media = await get_media(shop_id, media_id)
            if await ProductMedia.exists(media_id=media.id):
                raise in_use
            await media.delete()
    except IntegrityError as exc:  # attached by a concurrent request after our check
        raise in_use from exc
    keys = [media.storage_key, *(media.variants or {}).values()]
    await _discard(storage, [key for key in keys if key])


def _page_item(storage: MediaStorage, media: Media) -> dict[str, Any]:
    read = media_read(storage, media)
    item: dict[str, Any] = {"kind": read.kind, "url": read.url, "media_id": media.id}
    if read.kind == MediaKind.IMAGE:
        item.update(webp=read.webp_url, thumbnail=read.thumbnail_url, width=read.width, height=read.height)
    else:
        item.update(poster=read.poster_url, thumbnail=read.poster_thumbnail_url, format=read.format or None)
    return {name: value for name, value in item.items() if value is not None}


async def attach(storage: MediaStorage, shop_id: int, product_id: int, data: ProductMediaAttach) -> Product:
    """Replace the product's media: main image first, then the gallery, the video, the model."""
    images = list(data.images)
    if data.main_image_id is not None:
        if data.main_image_id in images:
            images.remove(data.main_image_id)
        images.insert(0, data.main_image_id)
    wanted: list[tuple[str, int, MediaKind]] = []
    seen: set[int] = set()
    for index, media_id in enumerate(data.images):
        if media_id in seen:
            raise invalid(f"images[{index}]", "图片重复", "this image is listed twice")
        seen.add(media_id)
    fields = {media_id: f"images[{data.images.index(media_id)}]" for media_id in data.images}
    if data.main_image_id is not None and data.main_image_id not in fields:
        fields[data.main_image_id] = "main_image_id"
    wanted += [(fields[media_id], media_id, MediaKind.IMAGE) for media_id in images]
    if data.video_id is not None:
        wanted.append(("video_id", data.video_id, MediaKind.VIDEO))
    if data.model_id is not None:
        wanted.append(("model_id", data.model_id, MediaKind.MODEL))

    async with in_transaction():
        product = await get_product(shop_id, product_id)
        found = {row.id: row for row in await Media.filter(shop_id=shop_id, id__in=[media_id for _, media_id, _ in wanted])}
        for field, media_id, kind in wanted:
            media = found.get(media_id)
            if media is None:
                raise invalid(field, "素材不存在", "no such medium in this shop")
            if media.kind != kind:
                raise invalid(field, f"素材类型应为 {kind.value}", f"this medium must be of kind {kind.value}")
        await ProductMedia.filter(product_id=product.id).delete()
        await ProductMedia.bulk_create([
            ProductMedia(shop_id=shop_id, product_id=product.id, media_id=media_id, role=kind, position=position)
            for position, (_, media_id, kind) in enumerate(wanted)
        ])
        product.media = [_page_item(storage, found[media_id]) for _, media_id, _ in wanted]
        await product.save(update_fields=["media", "updated_at"])
        await bump_version(shop_id, [product.id])
    return product
