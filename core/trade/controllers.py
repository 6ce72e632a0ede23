"""Trade routes: customer checkout and orders, merchant order admin, provider notifications."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, HeaderParameter, JSONBody
from litestar.response import ServerSentEvent

from core.accounts.customers import address_snapshot
from core.accounts.models import Customer, StaffRole
from core.auth import SKIP_AUTH, AuthUser, customer_only, managers, staff_only
from core.errors import Conflict, InvalidInput, NotFound
from core.openapi import AUTHED, problems
from core.payments.provider import NotificationRejected
from core.payments.sandbox import SandboxProvider
from core.plugin_host import PluginHost
from core.security.crypto import FieldCipher
from core.settings import Settings
from core.i18n import negotiate_locale
from core.trade import cart, checkout_preview, fulfilment, idempotency, webhooks
from core.trade.checkout_inputs import checkout_choices
from core.trade.models import Order, OrderStatus, Refund, WebhookDelivery, WebhookEndpoint
from core.trade.orders import LineRequest, cancel_order, place_order, set_unpaid_timeout, unpaid_timeout
from core.trade.payments import handle_notification, handle_refund_notification, provider_for, sandbox_off, start_payment
from core.trade.schemas import (
    CancelCreate,
    CheckoutCreate,
    CheckoutPreviewRead,
    DeliveryAddressRead,
    OrderRead,
    PreviewAdjustmentRead,
    PreviewLineRead,
    PayCreate,
    PaymentStart,
    RefundCreate,
    StaffRefundRead,
    ShipBatchCreate,
    ShipBatchResult,
    ShipCreate,
    TradeSettingsRead,
    TradeSettingsWrite,
    WebhookCreate,
    WebhookCreated,
    WebhookDeliveryRead,
    WebhookRead,
)
from core.trade.views import delivery_address, get_order, list_orders, order_read, staff_refund_read, status_events

AuthedRequest = Request[AuthUser, Any, Any]
CheckoutDevice = Annotated[
    str | None,
    HeaderParameter(
        name=cart.DEVICE_TOKEN_HEADER,
        required=False,
        pattern=cart.DEVICE_TOKEN_PATTERN.pattern,
        description="the device's analytics id (16–128 of A-Z a-z 0-9 - _): the order's events carry it, for attribution only",
    ),
]
IdempotencyHeader = Annotated[
    str,
    HeaderParameter(
        name="Idempotency-Key",
        required=True,
        min_length=1,
        max_length=idempotency.MAX_KEY_LENGTH,
        description="Unique per checkout attempt; a retry with the same key and body replays the first answer",
    ),
]


# The roles that ship orders see where to in full; the others see it masked.
FULL_ADDRESS_ROLES = (StaffRole.OWNER, StaffRole.OPERATOR)


async def check_address(shop_id: int, customer_id: int, address_id: int | None) -> dict[str, str] | None:
    """The chosen address as the order keeps it (``address_snapshot``); 422 naming
    ``address_id`` unless it is one of the customer's own addresses."""
    if address_id is None:
        return None
    snapshot = await address_snapshot(shop_id, customer_id, address_id)
    if snapshot is None:
        raise InvalidInput(field="address_id", reason={"zh-CN": "收货地址不存在", "en": "no such delivery address"})
    return snapshot


class CheckoutPreviewController(Controller):
    path = "/api/shop/checkout"
    tags = ["shop: orders"]
    guards = [customer_only]

    @post("/preview", operation_id="previewCheckout", status_code=200, responses=problems(*AUTHED, 409, 503))
    async def preview(self, request: AuthedRequest, data: JSONBody[CheckoutCreate], host: NamedDependency[PluginHost]) -> Response[CheckoutPreviewRead]:
        """Price a checkout body exactly as ``POST /api/shop/orders`` would, writing nothing.

        Answers the lines, the adjustments that apply (labelled in the request's language),
        subtotal, discount, shipping and total — the total the order placed with the same body
        will have — and each plugin's ``sections`` (coupons to choose from and why the others
        cannot be used, points, pickup points…). A line that cannot be bought fails exactly as
        the checkout would: 409 ``sku_unavailable``/``out_of_stock`` with ``field`` naming the
        line (``lines[1].sku_id``). No stock is reserved and no coupon or points held.

        ``plugins`` carries each plugin's part of the checkout by plugin name (each part's JSON
        Schema is in this document): a bad part is 422 naming ``plugins.<plugin>.<field>``, a
        part of an unknown plugin 422 ``unknown_plugin``, of a plugin the shop switched off 422
        ``plugin_disabled``. The old top-level plugin fields (``coupon_ids``…) still work for
        one release: the answer then carries ``Deprecation`` and a ``Link`` saying what to send
        instead.

        ``X-Device-Token`` (the device's analytics id) and ``experiments`` (its A/B assignments)
        are kept with the order for attribution only: its ``order_placed`` and ``order_paid``
        events carry them, nothing else reads them.
        """
        user = request.user
        locale = negotiate_locale(request.headers.get("accept-language"))
        await check_address(user.shop_id, user.account_id, data.address_id)
        choices, parsed = await checkout_choices(host, request.app.state.registries.checkout_inputs, user.shop_id, data)
        result = await checkout_preview.preview(
            host, user.shop_id, user.account_id, [LineRequest(line.sku_id, line.quantity) for line in data.lines],
            locale=locale, **choices,
        )
        quote = result.quote
        answer = CheckoutPreviewRead(
            lines=[
                PreviewLineRead(
                    sku_id=line.sku_id,
                    product_id=quote.snapshot[line.sku_id].product_id,
                    title=quote.snapshot[line.sku_id].title,
                    spec_text=quote.snapshot[line.sku_id].spec_text,
                    image=quote.snapshot[line.sku_id].image,
                    unit_price_fen=quote.snapshot[line.sku_id].price_fen,
                    quantity=line.quantity,
                    subtotal_fen=line.subtotal_fen,
                    discount_fen=line.subtotal_fen - line.total_fen,
                    total_fen=line.total_fen,
                )
                for line in quote.breakdown.lines
            ],
            adjustments=[
                PreviewAdjustmentRead(
                    source=item["source"], kind=item["kind"], key=item["key"],
                    label=checkout_preview.adjustment_label(item, locale), amount_fen=item["amount_fen"],
                )
                for item in checkout_preview.offered_adjustments(quote.breakdown)
                if item["applied"]
            ],
            subtotal_fen=quote.breakdown.subtotal_fen,
            discount_fen=quote.discount_fen,
            shipping_fen=quote.breakdown.shipping_fen,
            total_fen=quote.total_fen,
            sections=result.sections,
        )
        return Response(answer, headers=parsed.deprecation_headers())


class CustomerOrderController(Controller):
    path = "/api/shop/orders"
    tags = ["shop: orders"]
    guards = [customer_only]

    @post("/", operation_id="checkout", status_code=201, responses=problems(*AUTHED, 409, 503))
    async def checkout(
        self,
        request: AuthedRequest,
        data: JSONBody[CheckoutCreate],
        host: NamedDependency[PluginHost],
        idempotency_key: IdempotencyHeader = None,
        device_token: CheckoutDevice = None,
    ) -> Response[OrderRead]:
        """Place an order from lines (prices come from the catalog and the pricing pipeline).

        Requires ``Idempotency-Key``: the same key and body replay the first response, the
        same key with another body is 422, and a duplicate while the first runs is 409.

        ``plugins`` carries each plugin's part of the checkout by plugin name (each part's JSON
        Schema is in this document): a bad part is 422 naming ``plugins.<plugin>.<field>``, a
        part of an unknown plugin 422 ``unknown_plugin``, of a plugin the shop switched off 422
        ``plugin_disabled``. The old top-level plugin fields (``coupon_ids``…) still work for
        one release: the answer then carries ``Deprecation`` and a ``Link`` saying what to send
        instead.

        ``X-Device-Token`` (the device's analytics id) and ``experiments`` (its A/B assignments)
        are kept with the order for attribution only: its ``order_placed`` and ``order_paid``
        events carry them, nothing else reads them.
        """
        user = request.user
        key = idempotency.check_key(idempotency_key)
        address = await check_address(user.shop_id, user.account_id, data.address_id)
        choices, parsed = await checkout_choices(host, request.app.state.registries.checkout_inputs, user.shop_id, data)
        if address is not None and not data.shipping_method:  # express: the order keeps it as chosen
            choices["shipping"]["address"] = address
        deprecation = parsed.deprecation_headers()
        claim = await idempotency.claim(user.shop_id, user.account_id, key, idempotency.body_hash(data.model_dump()))
        if claim.row is None:
            return Response(claim.response, status_code=claim.status_code or 201, headers=deprecation)
        row = claim.row
        attribution = {"device_id": device_token, "experiments": data.experiments or {}} if device_token or data.experiments else None

        async def place() -> Order:
            lines = [LineRequest(line.sku_id, line.quantity) for line in data.lines]
            return await place_order(
                host, user.shop_id, user.account_id, lines, note=data.note, idempotency_key_id=row.id, attribution=attribution, **choices
            )

        async def answer(order: Order) -> dict[str, Any]:
            return (await order_read(order)).model_dump(mode="json")

        body = await idempotency.place_once(claim, place, answer)
        return Response(body, status_code=201, headers=deprecation)

    @get("/", operation_id="listMyOrders", responses=problems(*AUTHED))
    async def list_mine(self, request: AuthedRequest, status: FromQuery[OrderStatus | None] = None) -> list[OrderRead]:
        """The customer's own orders, newest first (optionally of one status)."""
        return await list_orders(request.user.shop_id, customer_id=request.user.account_id, status=status)

    @get("/{order_id:int}", operation_id="getMyOrder", responses=problems(*AUTHED))
    async def get_mine(self, request: AuthedRequest, order_id: FromPath[int]) -> OrderRead:
        """One of the customer's orders, with its status history."""
        order = await get_order(request.user.shop_id, order_id, request.user.account_id)
        return await order_read(order, with_history=True)

    @get("/{order_id:int}/events", operation_id="myOrderEvents", media_type="text/event-stream", responses=problems(*AUTHED))
    async def events(self, request: AuthedRequest, order_id: FromPath[int]) -> ServerSentEvent:
        """Server-sent events: one ``status`` event per state change of the order, from the
        first (or after ``Last-Event-ID``) until a final status."""
        order = await get_order(request.user.shop_id, order_id, request.user.account_id)
        last = request.headers.get("last-event-id", "0")
        return ServerSentEvent(status_events(order.id, int(last) if last.isdigit() else 0))

    @post("/{order_id:int}/cancel", operation_id="cancelMyOrder", responses=problems(*AUTHED, 409))
    async def cancel_mine(self, request: AuthedRequest, order_id: FromPath[int], data: JSONBody[CancelCreate], host: NamedDependency[PluginHost]) -> OrderRead:
        """Cancel an unpaid order; its stock is released."""
        user = request.user
        await cancel_order(
            host, user.shop_id, order_id, actor=f"customer:{user.account_id}", reason=data.reason or "cancelled by customer", customer_id=user.account_id
        )
        return await order_read(await get_order(user.shop_id, order_id), with_history=True)

    @post("/{order_id:int}/pay", operation_id="payMyOrder", responses=problems(*AUTHED, 409, 502, 503))
    async def pay(self, request: AuthedRequest, order_id: FromPath[int], data: JSONBody[PayCreate], host: NamedDependency[PluginHost], settings: NamedDependency[Settings]) -> PaymentStart:
        """Start paying an unpaid order; returns what the client needs (``wx.requestPayment`` args).

        The payment provider unreachable, timing out or answering a server error is a 503
        ``payment_provider_unavailable`` naming it, with ``Retry-After``; a refusal is a 502
        ``payment_provider_failed``. Either way the order is left as it was: pay again.
        """
        user = request.user
        order = await get_order(user.shop_id, order_id, user.account_id)
        openid = await Customer.filter(id=user.account_id).values_list("openid", flat=True)
        params = await start_payment(host, settings, order, data.method, openid[0] if openid else None)
        return PaymentStart(order_id=order.id, method=data.method, params=params)

    @post("/{order_id:int}/sandbox-pay", operation_id="sandboxPayMyOrder", responses=problems(*AUTHED, 409))
    async def sandbox_pay(self, request: AuthedRequest, order_id: FromPath[int], host: NamedDependency[PluginHost], settings: NamedDependency[Settings]) -> OrderRead:
        """Development only (``KAIDIAN_WECHAT_PROVIDER=sandbox``): the sandbox "pays" the order by
        sending itself a signed notification, which goes through the same verification as a
        real one. Elsewhere, and in a shop with a real payment provider, it answers 422/409."""
        if not settings.sandbox_enabled:
            raise sandbox_off()
        user = request.user
        order = await get_order(user.shop_id, order_id, user.account_id)
        method = order.payment_method or "sandbox"
        provider = await provider_for(host, settings, user.shop_id, method)
        if not isinstance(provider, SandboxProvider):
            raise Conflict(field="method", reason={"zh-CN": "本店未使用沙箱支付", "en": "this shop does not use the sandbox"})
        headers, body = provider.notification(order.order_no, order.total_fen)
        await handle_notification(host, settings, user.shop_id, method, headers, body)
        return await order_read(await get_order(user.shop_id, order_id), with_history=True)


    @post("/{order_id:int}/confirm-receipt", operation_id="confirmReceipt", responses=problems(*AUTHED, 409))
    async def confirm_receipt(self, request: AuthedRequest, order_id: FromPath[int], host: NamedDependency[PluginHost]) -> OrderRead:
        """The customer confirms receipt of a shipped or delivered order: it is completed."""
        user = request.user
        await fulfilment.advance(
            host, user.shop_id, order_id, OrderStatus.COMPLETED, actor=f"customer:{user.account_id}", reason="receipt confirmed", customer_id=user.account_id
        )
        return await order_read(await get_order(user.shop_id, order_id), with_history=True)


class AdminOrderController(Controller):
    path = "/api/admin/orders"
    tags = ["admin: orders"]
    guards = [staff_only]

    @get("/", operation_id="adminListOrders", responses=problems(*AUTHED))
    async def list_all(self, request: AuthedRequest, status: FromQuery[OrderStatus | None] = None) -> list[OrderRead]:
        """The shop's orders, newest first (optionally of one status)."""
        return await list_orders(request.user.shop_id, status=status)

    @get("/{order_id:int}", operation_id="adminGetOrder", responses=problems(*AUTHED))
    async def get_one(self, request: AuthedRequest, order_id: FromPath[int]) -> OrderRead:
        """One order of the shop with its audit log."""
        return await order_read(await get_order(request.user.shop_id, order_id), with_history=True)

    @get("/{order_id:int}/delivery-address", operation_id="adminOrderDeliveryAddress", responses=problems(*AUTHED))
    async def address(self, request: AuthedRequest, order_id: FromPath[int], cipher: NamedDependency[FieldCipher]) -> DeliveryAddressRead | None:
        """Where the order is to be shipped, as the customer chose it at checkout: in full for
        the owner and operators (they ship it), masked for customer service. ``null`` for a
        pickup order or one without an address."""
        order = await get_order(request.user.shop_id, order_id)
        return await delivery_address(order, cipher, masked=request.user.role not in FULL_ADDRESS_ROLES)

    @post("/{order_id:int}/cancel", operation_id="adminCancelOrder", responses=problems(*AUTHED, 409))
    async def cancel(self, request: AuthedRequest, order_id: FromPath[int], data: JSONBody[CancelCreate], host: NamedDependency[PluginHost]) -> OrderRead:
        """Cancel an unpaid order of the shop; its stock is released."""
        user = request.user
        await cancel_order(host, user.shop_id, order_id, actor=f"staff:{user.account_id}", reason=data.reason or "cancelled by staff")
        return await order_read(await get_order(user.shop_id, order_id), with_history=True)


    @post("/{order_id:int}/ship", operation_id="adminShipOrder", responses=problems(*AUTHED, 409))
    async def ship(self, request: AuthedRequest, order_id: FromPath[int], data: JSONBody[ShipCreate], host: NamedDependency[PluginHost]) -> OrderRead:
        """Ship some units of some lines (or everything left) with carrier and tracking number."""
        user = request.user
        picks = [fulfilment.LinePick(line.line_id, line.quantity) for line in data.lines or []]
        await fulfilment.ship(host, user.shop_id, order_id, picks, carrier=data.carrier, tracking_no=data.tracking_no, actor=f"staff:{user.account_id}")
        return await order_read(await get_order(user.shop_id, order_id), with_history=True)

    @post("/ship-batch", operation_id="adminShipBatch", responses=problems(*AUTHED))
    async def ship_batch(self, request: AuthedRequest, data: JSONBody[ShipBatchCreate], host: NamedDependency[PluginHost]) -> list[ShipBatchResult]:
        """Ship many orders from API rows and/or CSV text (``order_no,carrier,tracking_no``).
        Each row is reported: good rows ship, bad rows say why."""
        rows = [(index, [row.order_no, row.carrier, row.tracking_no]) for index, row in enumerate(data.rows, start=1)]
        rows += fulfilment.parse_ship_csv(data.csv)
        locale = negotiate_locale(request.headers.get("accept-language"))
        report = await fulfilment.ship_batch(host, request.user.shop_id, rows, actor=f"staff:{request.user.account_id}", locale=locale)
        return [ShipBatchResult(**row) for row in report]

    @post("/{order_id:int}/deliver", operation_id="adminDeliverOrder", responses=problems(*AUTHED, 409))
    async def deliver(self, request: AuthedRequest, order_id: FromPath[int], host: NamedDependency[PluginHost]) -> OrderRead:
        """Mark a shipped order delivered (e.g. from the carrier's tracking)."""
        user = request.user
        await fulfilment.advance(host, user.shop_id, order_id, OrderStatus.DELIVERED, actor=f"staff:{user.account_id}", reason="delivered")
        return await order_read(await get_order(user.shop_id, order_id), with_history=True)

    @post("/{order_id:int}/refunds", operation_id="adminRefundOrder", guards=[managers], responses=problems(*AUTHED, 409, 503))
    async def refund(self, request: AuthedRequest, order_id: FromPath[int], data: JSONBody[RefundCreate], host: NamedDependency[PluginHost], settings: NamedDependency[Settings]) -> StaffRefundRead:
        """Refund units of lines (amounts from the line allocations); unshipped units are restocked."""
        user = request.user
        picks = [fulfilment.LinePick(line.line_id, line.quantity) for line in data.lines]
        record = await fulfilment.refund(host, settings, user.shop_id, order_id, picks, reason=data.reason, actor=f"staff:{user.account_id}")
        return await staff_refund_read(record, with_history=True)

    @get("/{order_id:int}/refunds", operation_id="adminListOrderRefunds", responses=problems(*AUTHED))
    async def refunds(self, request: AuthedRequest, order_id: FromPath[int]) -> list[StaffRefundRead]:
        """The order's refunds, oldest first."""
        order = await get_order(request.user.shop_id, order_id)
        return [await staff_refund_read(row) for row in await Refund.filter(order_id=order.id).order_by("id")]


class TradeSettingsController(Controller):
    path = "/api/admin/trade/settings"
    tags = ["admin: orders"]
    guards = [staff_only]

    @get("/", operation_id="getTradeSettings", responses=problems(*AUTHED))
    async def get_settings(self, request: AuthedRequest) -> TradeSettingsRead:
        """The shop's trade options (unpaid-order timeout)."""
        timeout = await unpaid_timeout(request.user.shop_id)
        return TradeSettingsRead(unpaid_timeout_minutes=int(timeout.total_seconds() // 60))

    @put("/", operation_id="updateTradeSettings", guards=[managers], responses=problems(*AUTHED))
    async def update_settings(self, request: AuthedRequest, data: JSONBody[TradeSettingsWrite]) -> TradeSettingsRead:
        """Change the unpaid-order timeout (5 min to 24 h); applies to orders placed afterwards."""
        await set_unpaid_timeout(request.user.shop_id, data.unpaid_timeout_minutes)
        return TradeSettingsRead(unpaid_timeout_minutes=data.unpaid_timeout_minutes)


class WebhookController(Controller):
    path = "/api/admin/webhooks"
    tags = ["admin: webhooks"]
    guards = [managers]

    @get("/", operation_id="listWebhooks", responses=problems(*AUTHED))
    async def list_webhooks(self, request: AuthedRequest) -> list[WebhookRead]:
        """The shop's webhook endpoints."""
        rows = await WebhookEndpoint.filter(shop_id=request.user.shop_id).order_by("id")
        return [WebhookRead.model_validate(row) for row in rows]

    @post("/", operation_id="createWebhook", responses=problems(*AUTHED))
    async def create_webhook(self, request: AuthedRequest, data: JSONBody[WebhookCreate], settings: NamedDependency[Settings]) -> WebhookCreated:
        """Register a URL for order events; the signing secret is shown once.

        The URL's host must resolve to public addresses only (no private, loopback or
        link-local targets); it is checked again before every delivery.
        """
        unknown = sorted(set(data.events) - set(request.app.state.registries.webhook_events))
        if unknown:
            raise InvalidInput(field="events", reason={"zh-CN": f"未知事件 {unknown[0]}", "en": f"unknown event {unknown[0]}"})
        try:
            await webhooks.check_target(data.url, allow_private=settings.webhook_allow_private_targets)
        except webhooks.UnsafeTarget as exc:
            raise InvalidInput(field="url", reason=exc.reason) from None
        import secrets

        row = await WebhookEndpoint.create(shop_id=request.user.shop_id, url=data.url, events=data.events, secret=secrets.token_hex(24))
        return WebhookCreated(**WebhookRead.model_validate(row).model_dump(), secret=row.secret)

    @delete("/{webhook_id:int}", operation_id="deleteWebhook", responses=problems(*AUTHED))
    async def delete_webhook(self, request: AuthedRequest, webhook_id: FromPath[int]) -> None:
        """Remove an endpoint and its delivery log."""
        if not await WebhookEndpoint.filter(id=webhook_id, shop_id=request.user.shop_id).delete():
            raise NotFound()

    @get("/{webhook_id:int}/deliveries", operation_id="listWebhookDeliveries", responses=problems(*AUTHED))
    async def deliveries(self, request: AuthedRequest, webhook_id: FromPath[int]) -> list[WebhookDeliveryRead]:
        """The endpoint's delivery log, newest first."""
        if not await WebhookEndpoint.filter(id=webhook_id, shop_id=request.user.shop_id).exists():
            raise NotFound()
        rows = await WebhookDelivery.filter(endpoint_id=webhook_id).order_by("-id").limit(100)
        return [WebhookDeliveryRead.model_validate(row) for row in rows]

    @post("/deliveries/{delivery_id:int}/redeliver", operation_id="redeliverWebhook", responses=problems(*AUTHED))
    async def redeliver(self, request: AuthedRequest, delivery_id: FromPath[int]) -> WebhookDeliveryRead:
        """Send a logged delivery again (queued now, fresh attempt budget)."""
        return WebhookDeliveryRead.model_validate(await webhooks.redeliver(request.user.shop_id, delivery_id))


async def _callback(handler: Any, request: Request[Any, Any, Any], host: PluginHost, settings: Settings, shop_id: int, method: str) -> Response[Any]:
    """Answer a provider callback the way WeChat Pay v3 expects: 204 empty, or 4xx FAIL."""
    body = await request.body()
    try:
        await handler(host, settings, shop_id, method, dict(request.headers), body)
    except NotificationRejected as exc:
        return Response({"code": "FAIL", "message": exc.message}, status_code=exc.status_code)
    return Response(content=None, status_code=204)


class PaymentNotificationController(Controller):
    path = "/api/pay/notify"
    tags = ["payments"]

    @post(
        "/{shop_id:int}/{method:str}",
        operation_id="paymentNotification",
        opt={SKIP_AUTH: True},
        status_code=200,
        responses=problems(401, 404),
    )
    async def notify(self, request: Request[Any, Any, Any], shop_id: FromPath[int], method: FromPath[str], host: NamedDependency[PluginHost], settings: NamedDependency[Settings]) -> Response[Any]:
        """Payment provider callback (WeChat Pay v3 rules): verified by signature, idempotent.

        Success: 204 with an empty body. Anything rejected: 4xx ``{"code": "FAIL", "message"}``
        (WeChat then retries later).
        """
        return await _callback(handle_notification, request, host, settings, shop_id, method)

    @post(
        "/refund/{shop_id:int}/{method:str}",
        operation_id="refundNotification",
        opt={SKIP_AUTH: True},
        status_code=200,
        responses=problems(401, 404),
    )
    async def refund_notify(self, request: Request[Any, Any, Any], shop_id: FromPath[int], method: FromPath[str], host: NamedDependency[PluginHost], settings: NamedDependency[Settings]) -> Response[Any]:
        """Refund result callback (WeChat Pay v3 rules): verified, settles the refund once.

        Success: 204 with an empty body; rejected: 4xx ``{"code": "FAIL", "message"}``.
        """
        return await _callback(handle_refund_notification, request, host, settings, shop_id, method)
