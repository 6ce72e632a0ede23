"""Request and response shapes of the trade API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, field_validator

from core.accounts.schemas import AddressText
from core.schemas import ReadModel, WriteModel


class CheckoutLine(WriteModel):
    sku_id: int = Field(ge=1)
    quantity: int = Field(ge=1, le=999)


# an experiment key or a variant key, as analytics events' ``experiments`` maps carry them
ExperimentName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,40}$")]


class CheckoutCreate(WriteModel):
    """A checkout (or its preview). Plugins' choices travel in ``plugins``, each part checked
    against the JSON Schema its plugin registered (``kaidian_register_checkout_inputs``).

    Extra top-level fields are let through pydantic only so that the plugins' deprecated ones
    (``coupon_ids``…) still work for one release: ``core.trade.checkout_inputs`` moves those
    into their plugin's part and refuses any other with 422 ``unknown_field``; the OpenAPI
    document stays closed (``CheckoutSchemaPlugin``).
    """

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    lines: list[CheckoutLine] = Field(min_length=1, max_length=50)
    note: str = Field(default="", max_length=200)
    shipping_method: str | None = Field(
        default=None, pattern=r"^[a-z][a-z0-9_]{0,31}$", description='how the order reaches the customer, e.g. "pickup" (a plugin serves it and sets the fee); omit for express'
    )
    address_id: int | None = Field(default=None, ge=1, description="the customer's delivery address (GET /api/shop/addresses) for express delivery")
    plugins: dict[str, Any] = Field(
        default_factory=dict,
        description="each plugin's part of the checkout by plugin name, e.g. {\"coupons\": {\"coupon_ids\": [3]}}",
    )
    experiments: dict[ExperimentName, ExperimentName] | None = Field(
        default=None,
        max_length=20,
        description="the device's A/B assignments {experiment key: variant}, as its analytics events carry them; "
        "kept with the order for attribution only (its order events carry it with the X-Device-Token)",
    )


class PreviewLineRead(ReadModel):
    sku_id: int
    product_id: int
    title: str
    spec_text: str
    image: str
    unit_price_fen: int
    quantity: int
    subtotal_fen: int
    discount_fen: int
    total_fen: int


class PreviewAdjustmentRead(ReadModel):
    source: str = Field(description="the plugin that offered it")
    kind: str
    key: str
    label: str = Field(description="what it is, in the request's language")
    amount_fen: int = Field(description="negative for a discount")


class CheckoutPreviewRead(ReadModel):
    lines: list[PreviewLineRead] = Field(description="one per SKU, as the order's lines will be")
    adjustments: list[PreviewAdjustmentRead] = Field(description="the adjustments that apply, in the order applied")
    subtotal_fen: int
    discount_fen: int = Field(description="everything taken off goods and shipping")
    shipping_fen: int = Field(description="the shipping fee before shipping discounts")
    total_fen: int = Field(description="what the order placed with the same body will cost")
    sections: dict[str, Any] = Field(description="plugin name → that plugin's part of the checkout page (kaidian_collect_checkout_preview)")


class SubscribeResultsCreate(WriteModel):
    # Checked by a validator, not Field(max_length=…) or constrained keys: on a dict Litestar's
    # OpenAPI generator turns a length constraint into an array schema.
    results: dict[str, str] = Field(
        description="what wx.requestSubscribeMessage answered: template id → accept, reject, ban or filter (20 ids at most)",
    )
    order_id: int | None = Field(default=None, ge=1, le=2**31 - 1, description="the customer's order placed with the answer")

    @field_validator("results")
    @classmethod
    def twenty_short_ids(cls, value: dict[str, str]) -> dict[str, str]:
        if len(value) > 20:
            raise ValueError("20 template ids at most")
        if any(not 1 <= len(key) <= 128 or not 1 <= len(answer) <= 32 for key, answer in value.items()):
            raise ValueError("template ids are 1–128 characters, answers 1–32")
        return value


class PayCreate(WriteModel):
    method: str = Field(default="wechat_jsapi", max_length=32)


class CancelCreate(WriteModel):
    reason: str = Field(default="", max_length=200)


class OrderLineRead(ReadModel):
    id: int
    sku_id: int
    product_id: int | None
    title: str
    sku_code: str | None
    unit_price_fen: int
    quantity: int
    subtotal_fen: int
    discount_fen: int
    total_fen: int
    allocations_fen: dict[str, int]
    shipped_quantity: int
    refunded_quantity: int
    refunded_fen: int


class StatusLogRead(ReadModel):
    from_status: str | None
    to_status: str
    actor: str
    reason: str
    created_at: datetime
    actor_text: dict[str, str] = Field(default={}, description='who, for people: {"zh-CN": "顾客 #12", "en": "Customer #12"}')
    reason_text: dict[str, str] = Field(default={}, description="the reason in zh-CN and en")


class OrderRead(ReadModel):
    id: int
    order_no: str
    status: str
    customer_id: int
    subtotal_fen: int
    discount_fen: int
    shipping_fen: int
    total_fen: int
    paid_fen: int
    refunded_fen: int
    adjustments: list[dict[str, Any]]
    shipping: dict[str, Any] = {}
    note: str
    payment_method: str | None
    transaction_id: str | None
    paid_at: datetime | None
    pay_deadline: datetime
    cancelled_at: datetime | None
    created_at: datetime
    lines: list[OrderLineRead] = []
    history: list[StatusLogRead] = []


class DeliveryAddressRead(AddressText):
    masked: bool = Field(description="recipient, phone and street masked: the reader's role may not see them in full")
    as_placed: bool = Field(description="the address as chosen at checkout; false for an order placed before orders kept it (the address book's current text)")


class PaymentStart(ReadModel):
    order_id: int
    method: str
    params: dict[str, Any]


class CartItemWrite(WriteModel):
    sku_id: int = Field(ge=1)
    quantity: int = Field(ge=0, le=999, description="0 removes the line")


class CartChange(ReadModel):
    code: str
    message: dict[str, str]
    old_price_fen: int | None = None
    new_price_fen: int | None = None


class CartLineRead(ReadModel):
    id: int
    sku_id: int
    quantity: int
    title: str
    spec_text: str
    image: str
    price_fen: int
    subtotal_fen: int
    available: bool
    changes: list[CartChange]


class CartRead(ReadModel):
    items: list[CartLineRead]
    subtotal_fen: int
    changed: bool


class CartMergedLine(ReadModel):
    sku_id: int
    quantity: int = Field(description="units in the customer's cart after the merge")
    capped: bool = Field(description="the sum was over the per-line limit and was cut to it")


class CartDroppedLine(ReadModel):
    sku_id: int
    code: str = Field(description="unavailable (gone from the shop) or cart_full")


class CartMergeRead(ReadModel):
    merged: list[CartMergedLine]
    dropped: list[CartDroppedLine]
    cart: CartRead


class LinePickWrite(WriteModel):
    line_id: int = Field(ge=1)
    quantity: int = Field(ge=1, le=999)


class ShipCreate(WriteModel):
    lines: list[LinePickWrite] | None = Field(default=None, description="omit to ship every unit not yet shipped")
    carrier: str = Field(min_length=1, max_length=32)
    tracking_no: str = Field(min_length=4, max_length=64, pattern=r"^[A-Za-z0-9-]+$")


class ShipBatchRow(WriteModel):
    order_no: str = Field(max_length=32)
    carrier: str = Field(max_length=32)
    tracking_no: str = Field(max_length=64)


class ShipBatchCreate(WriteModel):
    rows: list[ShipBatchRow] = Field(default=[], max_length=1000)
    csv: str = Field(default="", max_length=200_000, description="order_no,carrier,tracking_no per line (header optional)")


class ShipBatchResult(ReadModel):
    row: int
    order_no: str
    ok: bool
    error: str | None = None


class RefundCreate(WriteModel):
    lines: list[LinePickWrite] = Field(min_length=1, max_length=50)
    reason: str = Field(default="", max_length=200)


class RefundLogRead(ReadModel):
    from_status: str | None
    to_status: str
    actor: str
    reason: str
    created_at: datetime
    actor_text: dict[str, str] = Field(default={}, description='who, for people: {"zh-CN": "顾客 #12", "en": "Customer #12"}')
    reason_text: dict[str, str] = Field(default={}, description="the reason in zh-CN and en")


class RefundRead(ReadModel):
    id: int
    refund_no: str
    order_id: int
    order_no: str
    amount_fen: int
    status: str
    source: str = Field(description="customer (a request) or staff")
    customer_id: int | None
    reason: str
    description: str
    photo_urls: list[str]
    lines: list[dict[str, Any]] = Field(description='[{"line_id", "quantity", "amount_fen"}]')
    return_required: bool
    return_carrier: str | None
    return_tracking_no: str | None
    reviewed_by: str = Field(description="rule:<name> for an automatic decision, staff:<id> otherwise")
    review_note: str
    created_at: datetime
    updated_at: datetime
    history: list[RefundLogRead] = []


class StaffRefundRead(RefundRead):
    """A refund as staff see it: also how sending it to the payment provider went."""

    send_attempts: int = Field(description="calls made to the payment provider")
    send_error: str = Field(description="the last failed call; empty once the provider took the refund")
    retry_at: datetime | None = Field(description="the next automatic resend, if one is waiting")
    stuck_at: datetime | None = Field(description="when the automatic resends ran out: staff retry it (POST …/retry)")


PhotoUrl = Annotated[str, Field(max_length=500, pattern=r"^https?://[^\s]+$")]


class RefundRequestCreate(WriteModel):
    lines: list[LinePickWrite] = Field(min_length=1, max_length=50)
    reason: str = Field(min_length=1, max_length=200, description="e.g. 不想要了, 质量问题, 发错货")
    description: str = Field(default="", max_length=500)
    photo_urls: list[PhotoUrl] = Field(default=[], max_length=9, description="https links to the customer's photos")
    photo_ids: list[Annotated[int, Field(ge=1)]] = Field(
        default=[], max_length=9, description="photos uploaded with POST /api/shop/uploads (9 photos at most in all)"
    )


class CustomerUploadRead(ReadModel):
    id: int = Field(description="name it in photo_ids of a refund request")
    url: str = Field(description="the photo for display (WebP, long side ≤ 1600 px)")
    original_url: str
    thumbnail_url: str = Field(description="WebP, long side ≤ 400 px")
    width: int
    height: int
    size_bytes: int
    created_at: datetime


class RefundReturnCreate(WriteModel):
    carrier: str = Field(min_length=1, max_length=32)
    tracking_no: str = Field(min_length=4, max_length=64, pattern=r"^[A-Za-z0-9-]+$")


class RefundApprove(WriteModel):
    require_return: bool | None = Field(default=None, description="omit: a return is required when any unit asked for has shipped")
    note: str = Field(default="", max_length=200)


class RefundReject(WriteModel):
    reason: str = Field(min_length=1, max_length=200)


class RefundReceive(WriteModel):
    restock: bool | None = Field(default=None, description="put the returned units back in stock; omit to follow the shop's rules")


class RefundRulesWrite(WriteModel):
    auto_approve_unshipped: bool = Field(default=True, description="approve at once when nothing asked for has shipped")
    no_reason_return_days: int = Field(default=7, ge=0, le=30, description="7天无理由 items: approve on return within N days of delivery (0: off)")
    manual_review_over_fen: int | None = Field(default=None, ge=0, description="requests above this amount always wait for staff; null: no limit")
    restock_returned: bool = Field(default=True, description="returned units go back to stock")


class RefundRulesRead(ReadModel):
    auto_approve_unshipped: bool
    no_reason_return_days: int
    manual_review_over_fen: int | None
    restock_returned: bool


class TradeSettingsWrite(WriteModel):
    unpaid_timeout_minutes: int = Field(ge=5, le=24 * 60, description="unpaid orders are cancelled after this long")


class TradeSettingsRead(ReadModel):
    unpaid_timeout_minutes: int


# Core's webhook events; plugins add theirs with ``kaidian_register_webhook_events``.
WEBHOOK_EVENT_TITLES = {
    "order.status_changed": {"zh-CN": "订单状态变化", "en": "Order status changed"},
    "order.paid": {"zh-CN": "订单已支付", "en": "Order paid"},
    "order.refunded": {"zh-CN": "订单已退款", "en": "Order refunded"},
    "refund.stuck": {"zh-CN": "退款发送失败", "en": "Refund stuck"},
    "inventory.low": {"zh-CN": "库存不足", "en": "Low stock"},
}
WEBHOOK_EVENTS = tuple(WEBHOOK_EVENT_TITLES)


class WebhookCreate(WriteModel):
    url: str = Field(max_length=500, pattern=r"^https?://[^\s]+$")
    events: list[str] = Field(default=[], max_length=10, description=f"subset of {', '.join(WEBHOOK_EVENTS)} and the events plugins add (e.g. feedback.low_score); empty = all")


class WebhookRead(ReadModel):
    id: int
    url: str
    events: list[str]
    is_active: bool
    created_at: datetime


class WebhookCreated(WebhookRead):
    secret: str = Field(description="shown once: verify X-Kaidian-Signature with it")


class WebhookDeliveryRead(ReadModel):
    id: int
    event: str
    payload: dict[str, Any]
    status: str
    attempts: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str
    delivered_at: datetime | None
    created_at: datetime
