"""Taking payment for an order and applying verified provider notifications.

A notification is applied in one transaction: lock the order row (notifications of one order
take turns), insert the ``Payment`` (unique per provider transaction, so a duplicate — however
many arrive at once — fails here and is acknowledged without doing anything), then move the order ``pending_payment → paid`` with a conditional
UPDATE. If the order is no longer payable (auto-cancelled, already paid by another
transaction) the money is refunded automatically. Side effects fire after commit, once.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core import clock
from core.errors import Conflict, InvalidInput, ServiceUnavailable
from core.payments.provider import (
    NotificationRejected,
    PaymentNotification,
    PaymentProvider,
    PaymentRequest,
    RefundNotification,
    RefundRequest,
)
from core.payments.sandbox import SandboxProvider
from core.plugin_host import PluginHost
from core.settings import Settings
from core.trade import timers
from core.trade.fulfilment import new_refund_no
from core.trade.orders import order_quantities
from core.trade.refund_sending import send_refund
from core.trade.models import Order, OrderStatus, Payment, Refund, RefundStatus
from core.trade.states import StatusChange, announce, log_refund, move

logger = logging.getLogger("kaidian.trade.payments")

METHODS = ("wechat_jsapi", "sandbox")
# Core's real method: a shop whose plugin serves it takes real money and never the sandbox.
LIVE_METHOD = "wechat_jsapi"


def sandbox_off() -> InvalidInput:
    return InvalidInput(
        "sandbox_refused",
        field="method",
        reason={"zh-CN": "沙箱支付仅用于开发环境，本服务器未开启", "en": "sandbox payments are for development and are off on this server"},
    )


async def provider_for(host: PluginHost, settings: Settings, shop_id: int, method: str) -> PaymentProvider:
    """The shop's provider for ``method``: a plugin's answer first, else core's default.

    Core's default is the sandbox where it is switched on for development
    (``KAIDIAN_WECHAT_PROVIDER=sandbox``); it also serves ``wechat_jsapi`` so the demo runs the
    mini-program's flow end to end. A shop with a real provider for ``wechat_jsapi`` never gets
    the sandbox (else a customer could pick ``sandbox`` and pay nothing). Real WeChat Pay needs
    each shop's merchant account; a plugin supplies it through the resolve hook. Without one
    (and without the sandbox) the shop cannot take payment: 503 ``payment_unavailable``.
    """
    provider = await host.resolve("kaidian_resolve_payment_provider", shop_id=shop_id, method=method)
    if provider is not None:
        return provider
    if method not in METHODS:
        raise InvalidInput(
            field="method",
            reason={"zh-CN": f"本店不支持支付方式 {method}", "en": f"payment method {method} is not available in this shop"},
        )
    if not settings.sandbox_enabled:
        if method == "sandbox":
            raise sandbox_off()
        raise ServiceUnavailable("payment_unavailable", field="method")
    if method != LIVE_METHOD and await host.resolve("kaidian_resolve_payment_provider", shop_id=shop_id, method=LIVE_METHOD) is not None:
        raise InvalidInput(
            "sandbox_refused",
            field="method",
            reason={"zh-CN": "本店已开通真实支付，不接受沙箱支付", "en": "this shop takes real payments and refuses the sandbox"},
        )
    return SandboxProvider(settings.secret_key)


async def callback_provider(host: PluginHost, settings: Settings, shop_id: int, method: str) -> PaymentProvider:
    """The provider a callback URL names; an unknown method is a 404 FAIL answer."""
    try:
        return await provider_for(host, settings, shop_id, method)
    except (InvalidInput, ServiceUnavailable):
        raise NotificationRejected("no such payment method", 404) from None


async def start_payment(
    host: PluginHost, settings: Settings, order: Order, method: str, payer_openid: str | None
) -> dict[str, Any]:
    if order.status != OrderStatus.PENDING_PAYMENT:
        raise Conflict(field="status", reason={"zh-CN": "订单不是待支付状态", "en": "the order is not awaiting payment"})
    if order.pay_deadline <= clock.now():
        raise Conflict(field="status", reason={"zh-CN": "订单已超时", "en": "the order's payment time is over"})
    provider = await provider_for(host, settings, order.shop_id, method)  # type: ignore[attr-defined]
    params = await provider.create_payment(
        PaymentRequest(order.shop_id, order.order_no, order.total_fen, f"订单 {order.order_no}", payer_openid)  # type: ignore[attr-defined]
    )
    await Order.filter(id=order.id, status=OrderStatus.PENDING_PAYMENT).update(payment_method=method)
    return params


async def apply_notification(host: PluginHost, shop_id: int, provider: PaymentProvider, notification: PaymentNotification) -> str:
    """Apply a verified notification; returns ``paid``, ``duplicate``, ``refund_due`` or ``ignored``.

    Raises ``NotificationRejected`` when it does not match an order of the shop.
    """
    order = await Order.get_or_none(shop_id=shop_id, order_no=notification.order_no)
    if order is None:
        raise NotificationRejected("unknown out_trade_no")
    if not notification.succeeded:
        return "ignored"
    if notification.amount_fen != order.total_fen:
        logger.error("amount mismatch on %s: paid %s, order %s", order.order_no, notification.amount_fen, order.total_fen)
        raise NotificationRejected("amount does not match the order")
    if not notification.transaction_id:
        raise NotificationRejected("missing transaction_id")

    change: StatusChange | None = None
    refund: Refund | None = None
    paid_at = clock.now()
    try:
        async with in_transaction():
            # The order row first: inserting the payment takes a shared lock on the order (its
            # foreign key), and two notifications each holding one and both upgrading it to
            # move the order deadlock on InnoDB. Locked first, they take turns.
            await Order.filter(id=order.id).select_for_update().first()
            payment = await Payment.create(
                shop_id=shop_id,
                order_id=order.id,
                provider=provider.name,
                transaction_id=notification.transaction_id,
                amount_fen=notification.amount_fen,
                outcome="applied",
                provider_data=notification.raw,
            )
            try:
                change = await move(
                    shop_id,
                    order.id,
                    OrderStatus.PAID,
                    actor=f"payment:{provider.name}",
                    reason=f"transaction {notification.transaction_id}",
                    expected=OrderStatus.PENDING_PAYMENT,
                    paid_fen=notification.amount_fen,
                    paid_at=paid_at,
                    transaction_id=notification.transaction_id,
                    payment_method=provider.name,
                )
                await timers.disarm(timers.AUTO_CANCEL, order.id)
            except Conflict:
                # Paid for an order that can no longer take it: keep the record, give it back.
                payment.outcome = "refund_due"
                await payment.save(update_fields=["outcome"])
                refund = await Refund.create(
                    shop_id=shop_id,
                    order_id=order.id,
                    refund_no=new_refund_no(paid_at),
                    amount_fen=notification.amount_fen,
                    reason="order no longer payable",
                )
                await log_refund(refund, None, RefundStatus.PROCESSING, actor=f"payment:{provider.name}", reason=refund.reason)
    except IntegrityError:
        return "duplicate"

    if change is not None:
        await _after_paid(host, order, provider, notification, paid_at)
        await announce(host, [change])
        return "paid"
    assert refund is not None
    await send_refund(host, provider, order, refund, whole_payment_fen=notification.amount_fen)
    return "refund_due"


async def _after_paid(host: PluginHost, order: Order, provider: PaymentProvider, notification: PaymentNotification, paid_at: datetime) -> None:
    from core.catalog.inventory import record_sales

    quantities = await order_quantities(order.id)
    try:
        await record_sales(order.shop_id, quantities)  # type: ignore[attr-defined]
    except Exception:  # a sales counter must never undo a payment
        logger.exception("recording sales of order %s failed", order.id)
    await host.notify(
        "kaidian_on_payment_succeeded",
        shop_id=order.shop_id,  # type: ignore[attr-defined]
        order_id=order.id,
        amount_fen=notification.amount_fen,
        payment={"provider": provider.name, "transaction_id": notification.transaction_id, "paid_at": paid_at.isoformat()},
    )


async def finish_refund(host: PluginHost, refund: Refund, *, succeeded: bool) -> bool:
    """Settle a processing refund once (conditional update); plugins hear of a success."""
    target = RefundStatus.SUCCEEDED if succeeded else RefundStatus.FAILED
    async with in_transaction():
        moved = await Refund.filter(id=refund.id, status=RefundStatus.PROCESSING).update(status=target)
        if moved:
            await log_refund(refund, RefundStatus.PROCESSING, target, actor="payment:provider", reason="provider result")
    if moved and succeeded:
        await host.notify(
            "kaidian_on_refund_succeeded",
            shop_id=refund.shop_id,  # type: ignore[attr-defined]
            order_id=refund.order_id,  # type: ignore[attr-defined]
            refund_id=refund.id,
            amount_fen=refund.amount_fen,
            lines=refund.lines,
        )
    return bool(moved)


async def handle_refund_notification(
    host: PluginHost, settings: Settings, shop_id: int, method: str, headers: dict[str, str], body: bytes
) -> str:
    """Verify a refund result with the shop's provider and settle the refund it names."""
    provider = await callback_provider(host, settings, shop_id, method)
    result: RefundNotification = await provider.parse_refund_notification(headers, body)
    refund = await Refund.get_or_none(shop_id=shop_id, refund_no=result.refund_no)
    if refund is None:
        raise NotificationRejected("unknown out_refund_no")
    order_no = await Order.filter(id=refund.order_id).values_list("order_no", flat=True)  # type: ignore[attr-defined]
    if result.amount_fen != refund.amount_fen or order_no != [result.order_no]:
        raise NotificationRejected("refund does not match our record")
    # A failed refund is only recorded: staff retry it, no money moved.
    return "settled" if await finish_refund(host, refund, succeeded=result.succeeded) else "duplicate"


async def handle_notification(
    host: PluginHost, settings: Settings, shop_id: int, method: str, headers: dict[str, str], body: bytes
) -> str:
    """Verify a raw notification with the shop's provider, then apply it."""
    provider = await callback_provider(host, settings, shop_id, method)
    notification = await provider.parse_notification(headers, body)
    return await apply_notification(host, shop_id, provider, notification)


async def reconcile_unpaid(host: PluginHost, settings: Settings, order: Order) -> str:
    """Ask the provider about an unpaid order (a notification may never have come)."""
    if order.status != OrderStatus.PENDING_PAYMENT or not order.payment_method:
        return "ignored"
    provider = await provider_for(host, settings, order.shop_id, order.payment_method)  # type: ignore[attr-defined]
    found = await provider.query_payment(order.order_no)
    if found is None or not found.succeeded:
        return "unpaid"
    return await apply_notification(host, order.shop_id, provider, found)  # type: ignore[attr-defined]
