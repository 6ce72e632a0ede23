"""Trade data: orders, their lines and audit log, payments, refunds, idempotency keys, timers.

Order lines keep a snapshot of the SKU (``sku_id`` without a foreign key): an order is a
historical record that must outlive edits and deletions in the catalog.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class OrderStatus(StrEnum):
    PENDING_PAYMENT = "pending_payment"
    PAID = "paid"
    PARTIALLY_SHIPPED = "partially_shipped"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REFUNDING = "refunding"
    REFUNDED = "refunded"


class Order(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="orders", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="orders", on_delete=fields.RESTRICT)
    order_no = fields.CharField(max_length=32, unique=True)
    status = fields.CharEnumField(OrderStatus, max_length=24, default=OrderStatus.PENDING_PAYMENT)
    subtotal_fen = fields.BigIntField()
    discount_fen = fields.BigIntField(default=0)
    shipping_fen = fields.BigIntField(default=0)
    total_fen = fields.BigIntField()
    paid_fen = fields.BigIntField(default=0)
    refunded_fen = fields.BigIntField(default=0)
    # The applied adjustments as priced at checkout (source, kind, amount, reason).
    adjustments = fields.JSONField(default=list)
    note = fields.CharField(max_length=200, default="")
    # The delivery choice made at checkout, e.g. {"method": "pickup", "pickup_point_id": 7};
    # empty for express. Its fee is ``shipping_fen``.
    shipping = fields.JSONField(default=dict)
    payment_method = fields.CharField(max_length=32, null=True)
    transaction_id = fields.CharField(max_length=64, null=True)
    paid_at = fields.DatetimeField(null=True)
    pay_deadline = fields.DatetimeField()
    cancelled_at = fields.DatetimeField(null=True)
    # The checkout's Idempotency-Key row: a retry that takes over a claim whose request died
    # finds the order it placed, and the unique index keeps it from ever placing a second.
    idempotency_key_id = fields.IntField(null=True, unique=True)
    # Analytics attribution only, as the checkout's client said: {"device_id": its
    # X-Device-Token, "experiments": {experiment key: variant}}; the server's order events carry
    # it (A/B results join orders to devices by it). Never read for anything else.
    attribution = fields.JSONField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "kd_trade_order"
        indexes = (("shop_id", "status", "created_at"), ("shop_id", "customer_id", "created_at"))


# One SKU of an order. ``allocations_fen`` is this line's share of every applied
# adjustment (largest-remainder), so a partial refund knows exactly what the line cost.
class OrderLine(Model):

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="order_lines", on_delete=fields.CASCADE)
    order = fields.ForeignKeyField("trade.Order", related_name="lines", on_delete=fields.CASCADE)
    sku_id = fields.IntField()
    product_id = fields.IntField(null=True)
    title = fields.CharField(max_length=200)
    sku_code = fields.CharField(max_length=64, null=True)
    unit_price_fen = fields.BigIntField()
    quantity = fields.IntField()
    subtotal_fen = fields.BigIntField()
    discount_fen = fields.BigIntField(default=0)
    total_fen = fields.BigIntField()
    allocations_fen = fields.JSONField(default=dict)
    shipped_quantity = fields.IntField(default=0)
    refunded_quantity = fields.IntField(default=0)
    refunded_fen = fields.BigIntField(default=0)

    class Meta:
        table = "kd_trade_order_line"


# Every state change of an order, who made it and why (append-only).
class OrderStatusLog(Model):

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="order_logs", on_delete=fields.CASCADE)
    order = fields.ForeignKeyField("trade.Order", related_name="status_logs", on_delete=fields.CASCADE)
    from_status = fields.CharField(max_length=24, null=True)
    to_status = fields.CharField(max_length=24)
    actor = fields.CharField(max_length=64)
    reason = fields.CharField(max_length=200, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_trade_order_status_log"


# One confirmed provider transaction. The unique ``(provider, transaction_id)`` makes a
# duplicated notification a no-op, however many arrive at once.
class Payment(Model):

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="payments", on_delete=fields.CASCADE)
    order = fields.ForeignKeyField("trade.Order", related_name="payments", on_delete=fields.RESTRICT)
    provider = fields.CharField(max_length=32)
    transaction_id = fields.CharField(max_length=64)
    amount_fen = fields.BigIntField()
    # "applied": paid the order; "refund_due": arrived for an order no longer payable.
    outcome = fields.CharField(max_length=16)
    provider_data = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_trade_payment"
        unique_together = (("provider", "transaction_id"),)


# A parcel: which units of which lines left, with which carrier and tracking number.
class Shipment(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="shipments", on_delete=fields.CASCADE)
    order = fields.ForeignKeyField("trade.Order", related_name="shipments", on_delete=fields.CASCADE)
    carrier = fields.CharField(max_length=32)
    tracking_no = fields.CharField(max_length=64)
    lines = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_trade_shipment"


class RefundStatus(StrEnum):
    # A customer's request: requested → approved / rejected → (awaiting_return →) processing.
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    AWAITING_RETURN = "awaiting_return"
    CANCELLED = "cancelled"
    # Money moving (a staff refund starts here): processing → succeeded / failed.
    PROCESSING = "processing"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


# One refund of an order: a customer's request from review to money back, or a staff refund
# (``source="staff"``, born processing). ``lines`` holds the units asked for, and once
# processing the exact parts refunded.
class Refund(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="refunds", on_delete=fields.CASCADE)
    order = fields.ForeignKeyField("trade.Order", related_name="refunds", on_delete=fields.RESTRICT)
    refund_no = fields.CharField(max_length=40, unique=True)
    amount_fen = fields.BigIntField()
    reason = fields.CharField(max_length=200, default="")
    status = fields.CharEnumField(RefundStatus, max_length=16, default=RefundStatus.PROCESSING)
    # [{"line_id", "quantity", "amount_fen"}]; empty for a whole-payment refund.
    lines = fields.JSONField(default=list)
    provider_answer = fields.JSONField(default=dict)
    source = fields.CharField(max_length=16, default="staff")  # "customer" or "staff"
    customer = fields.ForeignKeyField("core.Customer", related_name="refunds", null=True, on_delete=fields.RESTRICT)
    description = fields.CharField(max_length=500, default="")
    photo_urls = fields.JSONField(default=list)
    return_required = fields.BooleanField(default=False)
    return_carrier = fields.CharField(max_length=32, null=True)
    return_tracking_no = fields.CharField(max_length=64, null=True)
    # Who decided (``rule:unshipped``, ``staff:7``) and the note or rejection reason.
    reviewed_by = fields.CharField(max_length=64, default="")
    review_note = fields.CharField(max_length=200, default="")
    # Sending it to the provider (core/trade/refund_sending.py): calls made, the last failure
    # ("" once accepted), the next automatic resend, and when the automatic resends ran out.
    send_attempts = fields.IntField(default=0)
    send_error = fields.CharField(max_length=200, default="")
    retry_at = fields.DatetimeField(null=True)
    stuck_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "kd_trade_refund"
        indexes = (("shop_id", "status", "created_at"),)


# A photo a customer uploaded from the mini-program (for a refund request), checked by decoding
# like the media library's images and kept in the media store under the shop's prefix.
# ``variants`` names the WebP derivatives (webp, thumbnail). Rows also count the per-customer quota.
class CustomerUpload(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="customer_uploads", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="uploads", on_delete=fields.CASCADE)
    storage_key = fields.CharField(max_length=200)
    content_type = fields.CharField(max_length=100)
    size_bytes = fields.BigIntField()
    width = fields.IntField()
    height = fields.IntField()
    variants = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_trade_customer_upload"
        indexes = (("shop_id", "customer_id", "created_at"),)


# Every state change of a refund, who made it and why (append-only).
class RefundLog(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="refund_logs", on_delete=fields.CASCADE)
    refund = fields.ForeignKeyField("trade.Refund", related_name="logs", on_delete=fields.CASCADE)
    from_status = fields.CharField(max_length=16, null=True)
    to_status = fields.CharField(max_length=16)
    actor = fields.CharField(max_length=64)
    reason = fields.CharField(max_length=200, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_trade_refund_log"


# A shop's auto-review rules for customers' refund requests; a shop without a row uses the
# defaults. ``manual_review_over_fen`` (None = no limit) wins over the approving rules.
class RefundRules(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.OneToOneField("core.Shop", related_name="refund_rules", on_delete=fields.CASCADE)
    auto_approve_unshipped = fields.BooleanField(default=True)
    no_reason_return_days = fields.IntField(default=7)  # 0: off
    manual_review_over_fen = fields.BigIntField(null=True)
    restock_returned = fields.BooleanField(default=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "kd_trade_refund_rules"


# A checkout request by key: ``response`` is replayed for the same key and body.
class IdempotencyKey(Model):

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="idempotency_keys", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="idempotency_keys", on_delete=fields.CASCADE)
    key = fields.CharField(max_length=64)
    request_hash = fields.CharField(max_length=64)
    status_code = fields.IntField(null=True)  # None while the first request is in flight
    response = fields.JSONField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_trade_idempotency_key"
        unique_together = (("shop", "customer", "key"),)


class TimerStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"  # claimed by a runner until ``lease_until``
    DONE = "done"


# A durable timer (auto-cancel, auto-confirm…): survives restarts because it lives here.
#
# A runner claims a due timer with a conditional update, so with several app instances each
# timer fires once. The claim is a lease: a runner that dies mid-handler (SIGKILL, power
# loss) leaves the timer running, and once ``lease_until`` passes another runner takes it.
class Timer(Model):

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="timers", on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=32)
    target_id = fields.IntField()
    run_at = fields.DatetimeField()
    status = fields.CharEnumField(TimerStatus, max_length=16, default=TimerStatus.PENDING)
    attempts = fields.IntField(default=0)
    lease_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_trade_timer"
        unique_together = (("kind", "target_id"),)
        indexes = (("status", "run_at"),)


# Per-shop trade options; a shop without a row uses the defaults.
class TradeSettings(Model):

    id = fields.IntField(primary_key=True)
    shop = fields.OneToOneField("core.Shop", related_name="trade_settings", on_delete=fields.CASCADE)
    unpaid_timeout_minutes = fields.IntField(default=30)

    class Meta:
        table = "kd_trade_settings"


# A customer's cart line, persisted; ``seen_price_fen`` is the price the customer last saw,
# so a read can say "价格已变动".
class CartItem(Model):

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="cart_items", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="cart_items", on_delete=fields.CASCADE)
    sku_id = fields.IntField()
    quantity = fields.IntField()
    seen_price_fen = fields.BigIntField()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "kd_trade_cart_item"
        unique_together = (("customer", "sku_id"),)


# A not-logged-in visitor's cart line, keyed by the SHA-256 of the device token the client
# sends (``X-Device-Token``); merged into the customer's cart on login.
class GuestCartItem(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="guest_cart_items", on_delete=fields.CASCADE)
    device_hash = fields.CharField(max_length=64)
    sku_id = fields.IntField()
    quantity = fields.IntField()
    seen_price_fen = fields.BigIntField()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "kd_trade_guest_cart_item"
        unique_together = (("shop", "device_hash", "sku_id"),)


# A merchant's webhook: order events are POSTed to ``url``, signed with ``secret``.
class WebhookEndpoint(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="webhooks", on_delete=fields.CASCADE)
    url = fields.CharField(max_length=500)
    secret = fields.CharField(max_length=64)
    events = fields.JSONField(default=list)  # empty: every event
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_trade_webhook"


# One event for one endpoint, with its attempts (the delivery log).
class WebhookDelivery(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="webhook_deliveries", on_delete=fields.CASCADE)
    endpoint = fields.ForeignKeyField("trade.WebhookEndpoint", related_name="deliveries", on_delete=fields.CASCADE)
    event = fields.CharField(max_length=64)
    payload = fields.JSONField()
    status = fields.CharField(max_length=16, default="pending")  # pending, succeeded, failed
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    last_status_code = fields.IntField(null=True)
    last_error = fields.CharField(max_length=200, default="")
    delivered_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_trade_webhook_delivery"
        indexes = (("status", "next_attempt_at"),)
