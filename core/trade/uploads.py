"""Photos customers upload from the mini-program, e.g. for a refund request (售后凭证).

Each upload is checked by decoding it, exactly like the media library's images
(``core.catalog.media_files.check_image``: JPEG/PNG/WebP/GIF, ≤ 10 MB, ≤ 40 megapixels), stored
with its WebP derivatives in the media store under the shop's prefix, and recorded as a
``CustomerUpload`` of that customer. A customer may upload ``DAILY_UPLOADS`` photos and
``DAILY_BYTES`` in any 24 hours; beyond that the upload is 429 naming ``file``. A refund request
names its photos by upload id (``photo_ids``): only the caller's own uploads in this shop.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from core import clock
from core.catalog import media_files
from core.catalog.media import store_image
from core.catalog.media_storage import MediaStorage, new_key
from core.errors import InvalidInput, TooManyRequests
from core.trade.models import CustomerUpload
from core.trade.schemas import CustomerUploadRead

DAILY_UPLOADS = 30
DAILY_BYTES = 100 * 1024 * 1024
QUOTA_WINDOW = timedelta(hours=24)


async def check_quota(shop_id: int, customer_id: int, size_bytes: int, now: datetime) -> None:
    recent = await CustomerUpload.filter(
        shop_id=shop_id, customer_id=customer_id, created_at__gte=now - QUOTA_WINDOW
    ).values_list("size_bytes", flat=True)
    if len(recent) >= DAILY_UPLOADS or sum(recent) + size_bytes > DAILY_BYTES:
        raise TooManyRequests(field="file")


async def upload_photo(storage: MediaStorage, shop_id: int, customer_id: int, data: bytes | None) -> CustomerUpload:
    """Check, store and record one photo of a customer."""
    if data is None:
        raise InvalidInput(field="file", reason={"zh-CN": "请选择图片", "en": "choose a photo to upload"})
    await check_quota(shop_id, customer_id, len(data), clock.now())
    checked = await asyncio.to_thread(media_files.check_image, data, "file")
    key = new_key(shop_id, checked.extension)
    variants = await store_image(storage, key, data, checked)
    try:
        return await CustomerUpload.create(
            shop_id=shop_id,
            customer_id=customer_id,
            storage_key=key,
            content_type=checked.content_type,
            size_bytes=len(data),
            width=checked.width,
            height=checked.height,
            variants=variants,
        )
    except BaseException:
        for stored in (key, *variants.values()):
            await storage.delete(stored)
        raise


def upload_read(storage: MediaStorage, upload: CustomerUpload) -> CustomerUploadRead:
    variants = upload.variants or {}
    return CustomerUploadRead(
        id=upload.id,
        url=storage.url(variants.get("webp") or upload.storage_key),
        original_url=storage.url(upload.storage_key),
        thumbnail_url=storage.url(variants.get("thumbnail") or upload.storage_key),
        width=upload.width,
        height=upload.height,
        size_bytes=upload.size_bytes,
        created_at=upload.created_at,
    )


async def photo_urls(storage: MediaStorage, shop_id: int, customer_id: int, upload_ids: list[int]) -> list[str]:
    """The display URLs of the caller's own uploads, in order; any other id is 422 naming it."""
    rows = {row.id: row for row in await CustomerUpload.filter(shop_id=shop_id, customer_id=customer_id, id__in=upload_ids)}
    urls = []
    for index, upload_id in enumerate(upload_ids):
        row = rows.get(upload_id)
        if row is None:
            raise InvalidInput(
                field=f"photo_ids[{index}]",
                reason={"zh-CN": "图片不存在，请重新上传", "en": "no such uploaded photo; upload it again"},
            )
        urls.append(upload_read(storage, row).url)
    return urls
