"""HTTP routes: staff set a product's AR model (multipart: model, poster, optional USDZ), list,
read and remove them; customers' viewers read a product's model. Controllers parse and
authorise; ``services`` holds the rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Controller, Request, delete, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery, Parameter

from core.auth import SKIP_AUTH, AuthUser, managers, staff_only
from core.catalog.media_storage import media_storage
from core.catalog.storefront import require_open_shop
from core.errors import InvalidInput
from core.openapi import AUTHED, problems
from core.schemas import LARGEST_ID
from plugins.ar_preview import services
from plugins.ar_preview.manifest import MAX_MODEL_MB
from plugins.ar_preview.schemas import ArLimitsRead, ArModelRead, ShopArModel

StaffRequest = Request[AuthUser, Any, Any]
TAGS = ["plugin: ar_preview"]
# Model and USDZ at the largest shop limit, a 10 MB poster, and the form's own framing.
UPLOAD_BODY_LIMIT = 2 * MAX_MODEL_MB * services.MIB + 10 * services.MIB + 64 * 1024


@dataclass
class ArModelForm:
    """``product_id``; ``model`` (GLB or glTF 2.0 file) or ``model_media_id`` (a model already in
    the media library); ``poster`` (image file) or ``poster_media_id``; optional ``usdz``."""

    product_id: str = ""
    model: UploadFile | None = None
    model_media_id: str | None = None
    poster: UploadFile | None = None
    poster_media_id: str | None = None
    usdz: UploadFile | None = None


def _integer(value: str | None, field: str) -> int | None:
    if value is None or not str(value).strip():
        return None
    try:
        number = int(str(value).strip())
    except ValueError as exc:
        raise InvalidInput(field=field, reason={"zh-CN": "应为整数", "en": "must be an integer"}) from exc
    if number < 1:
        raise InvalidInput(field=field, reason={"zh-CN": "应为正整数", "en": "must be a positive integer"})
    return number


async def _upload(file: UploadFile | None, media_id: str | None, id_field: str) -> services.Upload:
    return services.Upload(
        data=await file.read() if file is not None else None,
        filename=(file.filename or "") if file is not None else "",
        media_id=_integer(media_id, id_field),
    )


class ArPreviewAdminController(Controller):
    path = "/api/admin/ar-preview"
    tags = TAGS
    guards = [staff_only]

    @get("/limits", operation_id="arPreviewLimits", responses=problems(*AUTHED))
    async def limits(self, request: StaffRequest) -> ArLimitsRead:
        """The shop's upload limits: model size (plugin setting), largest texture, formats."""
        return await services.limits(request.user.shop_id)

    @get("/models", operation_id="arPreviewListModels", responses=problems(*AUTHED))
    async def list_models(self, request: StaffRequest) -> list[ArModelRead]:
        """Every product's AR model, latest change first, with its checked figures."""
        storage = media_storage(request.app)
        return [services.admin_read(storage, row) for row in await services.list_models(request.user.shop_id)]

    @post(
        "/models", operation_id="arPreviewSaveModel", guards=[managers], status_code=201,
        request_max_body_size=UPLOAD_BODY_LIMIT, responses=problems(*AUTHED, 413),
    )
    async def save(self, request: StaffRequest, data: Annotated[ArModelForm, Body(media_type=RequestEncodingType.MULTI_PART)]) -> ArModelRead:
        """Set a product's AR model, replacing its previous one. The model is checked with
        pygltflib (GLB header and version, glTF 2.0 only, embedded resources, no extension the
        viewers cannot decode, textures PNG/JPEG ≤ 4096 px, size ≤ the shop's limit) and its
        triangle count and largest texture are returned; refusals name the form field."""
        product_id = _integer(data.product_id, "product_id")
        if product_id is None:
            raise InvalidInput(field="product_id", reason={"zh-CN": "请选择商品", "en": "choose a product"})
        storage = media_storage(request.app)
        row = await services.save(
            storage,
            request.user.shop_id,
            product_id,
            await _upload(data.model, data.model_media_id, "model_media_id"),
            await _upload(data.poster, data.poster_media_id, "poster_media_id"),
            await data.usdz.read() if data.usdz is not None else None,
        )
        return services.admin_read(storage, await services.get(request.user.shop_id, row.id))

    @get("/models/{model_id:int}", operation_id="arPreviewGetModel", responses=problems(*AUTHED))
    async def get_model(self, request: StaffRequest, model_id: FromPath[int]) -> ArModelRead:
        """One AR model with its figures."""
        return services.admin_read(media_storage(request.app), await services.get(request.user.shop_id, model_id))

    @delete("/models/{model_id:int}", operation_id="arPreviewDeleteModel", guards=[managers], responses=problems(*AUTHED))
    async def delete_model(self, request: StaffRequest, model_id: FromPath[int]) -> None:
        """Remove a product's AR model (its model and poster stay in the media library)."""
        await services.delete(media_storage(request.app), request.user.shop_id, model_id)


class ArPreviewPublicController(Controller):
    """What a customer's viewer reads, guests included."""

    path = "/api/shop/{shop_id:int}/ar-preview"
    tags = TAGS

    @get("/model", operation_id="arPreviewShopModel", opt={SKIP_AUTH: True}, responses=problems(404))
    async def model(
        self,
        request: Request[Any, Any, Any],
        shop_id: FromPath[int],
        product_id: FromQuery[Annotated[int, Parameter(ge=1, le=LARGEST_ID)] | None] = None,
    ) -> ShopArModel | None:
        """The 3D model of an on-sale product (``product_id``), or the shop's latest one; ``null``
        when there is none (most products have no model: product detail asks for every one, and
        an expected absence is no error for the customer's console). Public."""
        await require_open_shop(shop_id)
        return await services.for_customers(media_storage(request.app), shop_id, product_id)
