"""Media routes: staff upload/list/delete media and attach them to products; the public
``/media/<key>`` route serves files of the local media store."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery, JSONBody, Parameter
from litestar.response import File

from core.auth import SKIP_AUTH, AuthUser, managers, staff_only
from core.catalog import media, products
from core.catalog.media_files import CONTENT_TYPES, MAX_IMAGE_BYTES, MAX_VIDEO_BYTES
from core.catalog.media_storage import media_storage
from core.catalog.models import MediaKind
from core.catalog.schemas import MediaPage, MediaRead, ProductMediaAttach, ProductRead
from core.errors import InvalidInput, NotFound
from core.openapi import AUTHED, problems

StaffRequest = Request[AuthUser, Any, Any]

# A video and its poster in one multipart body, with room for the form's own framing.
UPLOAD_BODY_LIMIT = MAX_VIDEO_BYTES + MAX_IMAGE_BYTES + 64 * 1024


@dataclass
class MediaUploadForm:
    """``file`` (image, video or GLB/glTF model — the kind is read from the content), or
    ``url`` for a video hosted elsewhere; ``poster``: an image shown before a video plays;
    ``kind``: optional, refuses a file of another kind."""

    file: UploadFile | None = None
    url: str | None = None
    poster: UploadFile | None = None
    kind: str | None = None


async def _read(upload: UploadFile | None) -> bytes | None:
    return None if upload is None else await upload.read()


class MediaAdminController(Controller):
    path = "/api/admin/catalog"
    tags = ["admin: catalog media"]
    guards = [staff_only]

    @post(
        "/media", operation_id="uploadMedia", guards=[managers], request_max_body_size=UPLOAD_BODY_LIMIT,
        responses=problems(*AUTHED),
    )
    async def upload(
        self, request: StaffRequest, data: Annotated[MediaUploadForm, Body(media_type=RequestEncodingType.MULTI_PART)]
    ) -> MediaRead:
        """Upload an image (JPEG/PNG/WebP/GIF ≤ 10 MB, ≤ 40 megapixels; WebP display and
        thumbnail derivatives are made), a video (MP4/MOV/WebM ≤ 50 MB, or ``url``) with an
        optional ``poster`` image, or a 3D model (GLB, or glTF with embedded resources, ≤ 20 MB).
        Files are checked by decoding them; a refusal names the form field."""
        if data.kind not in (None, "", "image", "video", "model"):
            raise InvalidInput(field="kind", reason={"zh-CN": "类型应为 image、video 或 model", "en": "kind must be image, video or model"})
        url = (data.url or "").strip() or None
        if url is not None and not url.startswith("https://") or url is not None and len(url) > 1000:
            raise InvalidInput(field="url", reason={"zh-CN": "视频链接须以 https:// 开头", "en": "the video URL must start with https://"})
        created = await media.upload(
            media_storage(request.app),
            request.user.shop_id,
            data=await _read(data.file),
            filename=data.file.filename if data.file else "",
            kind=data.kind or None,
            video_url=url,
            poster=await _read(data.poster),
        )
        return media.media_read(media_storage(request.app), created)

    @get("/media", operation_id="listMedia", responses=problems(*AUTHED))
    async def list_media(
        self,
        request: StaffRequest,
        kind: FromQuery[MediaKind | None] = None,
        cursor: FromQuery[str | None] = None,
        limit: int = Parameter(default=30, ge=1, le=100),
    ) -> MediaPage:
        """The shop's media library, newest first, optionally of one ``kind``."""
        return await media.list_media(media_storage(request.app), request.user.shop_id, kind, cursor, limit)

    @get("/media/{media_id:int}", operation_id="getMedia", responses=problems(*AUTHED))
    async def get_media(self, request: StaffRequest, media_id: FromPath[int]) -> MediaRead:
        """One medium with its derivative URLs."""
        return media.media_read(media_storage(request.app), await media.get_media(request.user.shop_id, media_id))

    @delete("/media/{media_id:int}", operation_id="deleteMedia", guards=[managers], responses=problems(*AUTHED, 409))
    async def delete_media(self, request: StaffRequest, media_id: FromPath[int]) -> None:
        """Delete a medium and its files; refused (409) while a product uses it."""
        await media.delete_media(media_storage(request.app), request.user.shop_id, media_id)

    @put("/products/{product_id:int}/media", operation_id="attachProductMedia", guards=[managers], responses=problems(*AUTHED))
    async def attach(self, request: StaffRequest, product_id: FromPath[int], data: JSONBody[ProductMediaAttach]) -> ProductRead:
        """Set the product's media from the library: gallery order, main image, video, 3D model."""
        product = await media.attach(media_storage(request.app), request.user.shop_id, product_id, data)
        return await products.product_read(product)


class MediaFileController(Controller):
    path = "/media"
    tags = ["media files"]

    @get("/{key:path}", operation_id="mediaFile", opt={SKIP_AUTH: True}, responses=problems(404))
    async def file(self, request: Request[Any, Any, Any], key: FromPath[str]) -> Response[Any]:
        """A stored media file (local store only). Keys are random and never reused, so
        responses are cacheable for a year."""
        key = key.lstrip("/")
        path = media_storage(request.app).local_path(key)
        if path is None:
            raise NotFound()
        extension = key.rsplit(".", 1)[-1]
        return File(
            path,
            content_disposition_type="inline",
            media_type=CONTENT_TYPES.get(extension) or mimetypes.guess_type(key)[0] or "application/octet-stream",
            headers={"Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff"},
        )
