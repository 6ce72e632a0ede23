"""Refund routes: customers' requests, the staff review queue, and the shop's auto-review rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Controller, Request, get, post, put
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.di import NamedDependency
from litestar.params import Body, FromPath, FromQuery, JSONBody, Parameter

from core.auth import AuthUser, customer_only, managers, staff_only
from core.catalog.media_files import MAX_IMAGE_BYTES
from core.catalog.media_storage import media_storage
from core.errors import InvalidInput
from core.openapi import AUTHED, problems
from core.plugin_host import PluginHost
from core.schemas import LARGEST_ID
from core.settings import Settings
from core.trade import refund_requests, refund_sending, uploads
from core.trade.fulfilment import LinePick
from core.trade.models import RefundStatus
from core.trade.schemas import (
    CustomerUploadRead,
    RefundApprove,
    RefundRead,
    StaffRefundRead,
    RefundReceive,
    RefundReject,
    RefundRequestCreate,
    RefundReturnCreate,
    RefundRulesRead,
    RefundRulesWrite,
)
from core.trade.views import refund_read, staff_refund_read

AuthedRequest = Request[AuthUser, Any, Any]


def _own_media_prefixes(settings: Settings) -> tuple[str, ...]:
    prefixes = [settings.public_base_url.rstrip("/") + "/"]
    media_base_url = getattr(settings, "media_base_url", None)
    if media_base_url:
        prefixes.append(media_base_url.rstrip("/") + "/")
    return tuple(prefixes)


MAX_PHOTOS = 9


@dataclass
class PhotoUploadForm:
    """``file``: one photo (JPEG/PNG/WebP/GIF)."""

    file: UploadFile | None = None


class CustomerUploadController(Controller):
    path = "/api/shop/uploads"
    tags = ["shop: refunds"]
    guards = [customer_only]

    @post(
        "/", operation_id="uploadCustomerPhoto", status_code=201, request_max_body_size=MAX_IMAGE_BYTES + 64 * 1024,
        responses=problems(*AUTHED, 429),
    )
    async def upload(
        self, request: AuthedRequest, data: Annotated[PhotoUploadForm, Body(media_type=RequestEncodingType.MULTI_PART)]
    ) -> CustomerUploadRead:
        """Upload one photo (multipart ``file``; JPEG/PNG/WebP/GIF ≤ 10 MB, checked by decoding
        it) to attach to a refund request by its ``id`` (``photo_ids``). At most 30 photos and
        100 MB per customer in any 24 hours (429 naming ``file``)."""
        user = request.user
        storage = media_storage(request.app)
        data_bytes = None if data.file is None else await data.file.read()
        created = await uploads.upload_photo(storage, user.shop_id, user.account_id, data_bytes)
        return uploads.upload_read(storage, created)


class CustomerRefundController(Controller):
    path = "/api/shop"
    tags = ["shop: refunds"]
    guards = [customer_only]

    @post("/orders/{order_id:int}/refunds", operation_id="requestRefund", status_code=201, responses=problems(*AUTHED, 409))
    async def request_refund(
        self, request: AuthedRequest, order_id: FromPath[int], data: JSONBody[RefundRequestCreate], host: NamedDependency[PluginHost], settings: NamedDependency[Settings]
    ) -> RefundRead:
        """Ask for units of one's own order back, with a reason and up to 9 photos
        (``photo_ids`` from ``POST /api/shop/uploads``, or https ``photo_urls``).

        The shop's auto-review rules may decide at once: approved (money on its way),
        approved once the goods are returned (``awaiting_return``), or left for staff
        (``requested``). 422 when asking for more units than bought or still refundable.
        """
        user = request.user
        refund_requests.check_photo_urls(data.photo_urls, _own_media_prefixes(settings))
        if len(data.photo_urls) + len(data.photo_ids) > MAX_PHOTOS:
            raise InvalidInput(field="photo_ids", reason={"zh-CN": f"最多 {MAX_PHOTOS} 张图片", "en": f"at most {MAX_PHOTOS} photos"})
        uploaded = await uploads.photo_urls(media_storage(request.app), user.shop_id, user.account_id, data.photo_ids)
        record = await refund_requests.request_refund(
            host,
            settings,
            user.shop_id,
            user.account_id,
            order_id,
            [LinePick(line.line_id, line.quantity) for line in data.lines],
            reason=data.reason,
            description=data.description,
            photo_urls=[*data.photo_urls, *uploaded],
        )
        return await refund_read(record, with_history=True)

    @get("/refunds", operation_id="listMyRefunds", responses=problems(*AUTHED))
    async def list_mine(self, request: AuthedRequest, status: FromQuery[RefundStatus | None] = None) -> list[RefundRead]:
        """The customer's refunds, newest first (optionally of one status)."""
        rows = await refund_requests.list_refunds(request.user.shop_id, customer_id=request.user.account_id, status=status)
        return [await refund_read(row) for row in rows]

    @get("/refunds/{refund_id:int}", operation_id="getMyRefund", responses=problems(*AUTHED))
    async def get_mine(self, request: AuthedRequest, refund_id: FromPath[int]) -> RefundRead:
        """One of the customer's refunds with its history."""
        record = await refund_requests.get_refund(request.user.shop_id, refund_id, request.user.account_id)
        return await refund_read(record, with_history=True)

    @post("/refunds/{refund_id:int}/return", operation_id="submitRefundReturn", responses=problems(*AUTHED, 409))
    async def submit_return(self, request: AuthedRequest, refund_id: FromPath[int], data: JSONBody[RefundReturnCreate]) -> RefundRead:
        """Tell the shop how the goods were sent back (carrier and tracking number)."""
        user = request.user
        record = await refund_requests.submit_return(user.shop_id, user.account_id, refund_id, carrier=data.carrier, tracking_no=data.tracking_no)
        return await refund_read(record, with_history=True)

    @post("/refunds/{refund_id:int}/cancel", operation_id="cancelMyRefund", responses=problems(*AUTHED, 409))
    async def cancel_mine(self, request: AuthedRequest, refund_id: FromPath[int]) -> RefundRead:
        """Withdraw a request that is still waiting for review or for the return."""
        user = request.user
        await refund_requests.cancel(user.shop_id, user.account_id, refund_id)
        return await refund_read(await refund_requests.get_refund(user.shop_id, refund_id), with_history=True)


class AdminRefundController(Controller):
    path = "/api/admin/refunds"
    tags = ["admin: refunds"]
    guards = [staff_only]

    @get("/", operation_id="adminListRefunds", responses=problems(*AUTHED))
    async def list_all(
        self, request: AuthedRequest, status: FromQuery[RefundStatus | None] = None, order_id: FromQuery[Annotated[int, Parameter(ge=1, le=LARGEST_ID)] | None] = None, stuck: FromQuery[bool] = False
    ) -> list[StaffRefundRead]:
        """The shop's refunds, newest first. The review queue is ``?status=requested``;
        returns on their way are ``?status=awaiting_return``; ``?stuck=true`` lists refunds the
        provider never took after every automatic resend (retry them with ``…/retry``)."""
        rows = await refund_requests.list_refunds(request.user.shop_id, status=status, order_id=order_id, stuck=stuck)
        return [await staff_refund_read(row) for row in rows]

    @get("/{refund_id:int}", operation_id="adminGetRefund", responses=problems(*AUTHED))
    async def get_one(self, request: AuthedRequest, refund_id: FromPath[int]) -> StaffRefundRead:
        """One refund with its history (who decided what, and why)."""
        return await staff_refund_read(await refund_requests.get_refund(request.user.shop_id, refund_id), with_history=True)

    @post("/{refund_id:int}/approve", operation_id="adminApproveRefund", responses=problems(*AUTHED, 409, 503))
    async def approve(self, request: AuthedRequest, refund_id: FromPath[int], data: JSONBody[RefundApprove], host: NamedDependency[PluginHost], settings: NamedDependency[Settings]) -> StaffRefundRead:
        """Approve a requested refund: the money is sent now, or once the goods are back
        (``require_return``)."""
        record = await refund_requests.approve(
            host, settings, request.user.shop_id, refund_id, actor=f"staff:{request.user.account_id}", require_return=data.require_return, note=data.note
        )
        return await staff_refund_read(record, with_history=True)

    @post("/{refund_id:int}/reject", operation_id="adminRejectRefund", responses=problems(*AUTHED, 409))
    async def reject(self, request: AuthedRequest, refund_id: FromPath[int], data: JSONBody[RefundReject]) -> StaffRefundRead:
        """Refuse a requested refund (or one whose return never came), with the reason the
        customer will see."""
        user = request.user
        await refund_requests.reject(user.shop_id, refund_id, actor=f"staff:{user.account_id}", reason=data.reason)
        return await staff_refund_read(await refund_requests.get_refund(user.shop_id, refund_id), with_history=True)

    @post("/{refund_id:int}/receive-return", operation_id="adminReceiveRefundReturn", responses=problems(*AUTHED, 409, 503))
    async def receive_return(self, request: AuthedRequest, refund_id: FromPath[int], data: JSONBody[RefundReceive], host: NamedDependency[PluginHost], settings: NamedDependency[Settings]) -> StaffRefundRead:
        """The returned goods arrived: the money is sent; the units go back to stock per
        the shop's rules unless ``restock`` says otherwise."""
        user = request.user
        record = await refund_requests.receive_return(host, settings, user.shop_id, refund_id, actor=f"staff:{user.account_id}", restock=data.restock)
        return await staff_refund_read(record, with_history=True)


    @post("/{refund_id:int}/retry", operation_id="adminRetryRefund", guards=[managers], responses=problems(*AUTHED, 409, 502, 503))
    async def retry(self, request: AuthedRequest, refund_id: FromPath[int], host: NamedDependency[PluginHost], settings: NamedDependency[Settings]) -> StaffRefundRead:
        """Send a refund whose provider call failed (stuck, or waiting for its next automatic
        resend) again now, with the same refund number. ``send_error`` in the answer is empty
        when the provider took it. The provider still unreachable is a 503
        ``payment_provider_unavailable`` naming it (a refusal a 502); the refund stays
        processing with the error recorded and its next automatic resend scheduled."""
        record = await refund_sending.retry_now(host, settings, request.user.shop_id, refund_id)
        return await staff_refund_read(record, with_history=True)


class RefundRulesController(Controller):
    path = "/api/admin/refund-rules"
    tags = ["admin: refunds"]
    guards = [staff_only]

    @get("/", operation_id="getRefundRules", responses=problems(*AUTHED))
    async def get_rules(self, request: AuthedRequest) -> RefundRulesRead:
        """The shop's auto-review rules for refund requests."""
        return RefundRulesRead.model_validate(await refund_requests.get_rules(request.user.shop_id))

    @put("/", operation_id="updateRefundRules", guards=[managers], responses=problems(*AUTHED))
    async def update_rules(self, request: AuthedRequest, data: JSONBody[RefundRulesWrite]) -> RefundRulesRead:
        """Replace the auto-review rules; they apply to requests made afterwards."""
        rules = refund_requests.Rules(**data.model_dump())
        return RefundRulesRead.model_validate(await refund_requests.set_rules(request.user.shop_id, rules))
