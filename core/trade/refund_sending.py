"""Sending a refund to its payment provider until the provider takes it.

A refund is created ``processing`` and sent at once. When the provider call fails (network,
a 5xx), the refund stays ``processing`` with the error in ``send_error``, and a durable
``refund_retry`` timer resends it after 1, 5, 15, 60 and 240 minutes — on the job queue (SAQ
with Redis, in process otherwise), so restarts lose nothing. Every call uses the same refund
number, which the provider deduplicates (WeChat Pay's ``out_refund_no``), and each call is
claimed first by a conditional UPDATE of ``send_attempts``, so a timer racing a staff retry
sends once. After the last automatic attempt the refund is marked stuck (``stuck_at``): the
dashboard counts it, ``kaidian_on_refund_stuck`` fires (core sends the ``refund.stuck`` webhook)
and staff resend it with ``POST /api/admin/refunds/{id}/retry``.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from tortoise.transactions import in_transaction

from core import clock
from core.errors import Conflict
from core.payments.provider import PaymentProvider, ProviderError, RefundRequest
from core.plugin_host import PluginHost
from core.trade import timers
from core.trade.models import Order, Payment, Refund, RefundStatus

logger = logging.getLogger("kaidian.trade.refunds")

RETRY_TIMER = "refund_retry"
# Waits before each automatic resend; the first send is attempt 1, so a refund is tried
# len(BACKOFF) + 1 times before it is stuck.
BACKOFF = tuple(timedelta(minutes=minutes) for minutes in (1, 5, 15, 60, 240))


async def send_refund(
    host: PluginHost, provider: PaymentProvider, order: Order, refund: Refund, *, whole_payment_fen: int, raise_failure: bool = False
) -> bool:
    """Ask the provider for the refund (a synchronous success completes it at once); True when
    the provider took it. A failure is recorded and a resend scheduled; with ``raise_failure``
    the provider's error (a 502/503 problem naming it) is raised after that."""
    from core.trade.payments import finish_refund

    attempt = refund.send_attempts
    claimed = await Refund.filter(id=refund.id, status=RefundStatus.PROCESSING, send_attempts=attempt).update(
        send_attempts=attempt + 1, retry_at=None
    )
    if not claimed:  # settled meanwhile, or another sender took this attempt
        return False
    refund.send_attempts = attempt + 1
    try:
        answer = await provider.refund(
            RefundRequest(order.shop_id, order.order_no, refund.refund_no, refund.amount_fen, whole_payment_fen, refund.reason)  # type: ignore[attr-defined]
        )
    except Exception as exc:
        logger.exception("refund %s of order %s could not be sent (attempt %s)", refund.refund_no, order.order_no, refund.send_attempts)
        await _record_failure(host, refund, f"{type(exc).__name__}: {exc}")
        if raise_failure and isinstance(exc, ProviderError):
            raise
        return False
    await Refund.filter(id=refund.id).update(provider_answer=answer, send_error="", stuck_at=None)
    refund.send_error, refund.stuck_at = "", None
    if str(answer.get("status", "")).upper() == "SUCCESS":
        await finish_refund(host, refund, succeeded=True)
    return True


async def _record_failure(host: PluginHost, refund: Refund, error: str) -> None:
    error = error[:200]
    now = clock.now()
    shop_id: int = refund.shop_id  # type: ignore[attr-defined]
    if refund.send_attempts <= len(BACKOFF):
        retry_at = now + BACKOFF[refund.send_attempts - 1]
        async with in_transaction():
            await Refund.filter(id=refund.id).update(send_error=error, retry_at=retry_at)
            await timers.rearm(shop_id, RETRY_TIMER, refund.id, retry_at)
        return
    marked = await Refund.filter(id=refund.id, status=RefundStatus.PROCESSING, stuck_at__isnull=True).update(send_error=error, stuck_at=now)
    if marked:
        await host.notify(
            "kaidian_on_refund_stuck",
            shop_id=shop_id,
            order_id=refund.order_id,  # type: ignore[attr-defined]
            refund_id=refund.id,
            amount_fen=refund.amount_fen,
            attempts=refund.send_attempts,
            error=error,
        )


async def resend(host: PluginHost, settings: Any, refund: Refund, *, raise_failure: bool = False) -> bool:
    """Send a processing refund again through its order's provider."""
    from core.trade.payments import provider_for

    order = await Order.get(id=refund.order_id)  # type: ignore[attr-defined]
    # An order closed before its payment came has no payment method: the payment row names it.
    paid_with = await Payment.filter(order_id=order.id).order_by("-id").limit(1).values_list("provider", flat=True)
    method = order.payment_method or (paid_with[0] if paid_with else "sandbox")
    provider = await provider_for(host, settings, order.shop_id, method)  # type: ignore[attr-defined]
    # A refund of a payment the order could not take (refund_due) returns that whole payment.
    return await send_refund(
        host, provider, order, refund, whole_payment_fen=order.paid_fen or refund.amount_fen, raise_failure=raise_failure
    )


async def retry_timer(host: PluginHost, settings: Any, timer: Any) -> None:
    """Timer handler (``refund_retry``): resend a refund whose last send failed."""
    refund = await Refund.get_or_none(id=timer.target_id)
    if refund is None or refund.status != RefundStatus.PROCESSING or not refund.send_error:
        return  # settled, or the provider took it meanwhile
    try:
        await resend(host, settings, refund)
    except Exception as exc:  # no provider at all for the order any more: record it, keep trying
        await _record_failure(host, refund, f"{type(exc).__name__}: {exc}")


async def retry_now(host: PluginHost, settings: Any, shop_id: int, refund_id: int) -> Refund:
    """Staff resend a refund whose sending failed (stuck, or waiting for its next automatic
    attempt); 409 for any other refund. The answer shows the outcome (``send_error``); the
    provider down or refusing again is its 503/502 problem, with the failure recorded and the
    next automatic resend scheduled as after any failed send."""
    from core.trade.refund_requests import get_refund

    refund = await get_refund(shop_id, refund_id)
    if refund.status != RefundStatus.PROCESSING or not refund.send_error:
        raise Conflict(
            field="refund_id",
            reason={"zh-CN": "只能重试发送失败、仍在处理中的退款", "en": "only a processing refund whose sending failed can be retried"},
        )
    await timers.disarm(RETRY_TIMER, refund.id)
    await Refund.filter(id=refund.id, status=RefundStatus.PROCESSING).update(stuck_at=None)
    refund.stuck_at = None
    try:
        await resend(host, settings, refund, raise_failure=True)
    except ProviderError:
        raise  # recorded by send_refund
    except Exception as exc:
        await _record_failure(host, refund, f"{type(exc).__name__}: {exc}")
    return await get_refund(shop_id, refund_id)


async def stuck_count(shop_id: int) -> int:
    """Processing refunds whose automatic resends ran out (staff must retry them)."""
    return await Refund.filter(shop_id=shop_id, status=RefundStatus.PROCESSING, stuck_at__isnull=False).count()


async def retrying_count(shop_id: int) -> int:
    """Processing refunds waiting for an automatic resend after a failed send."""
    return await Refund.filter(shop_id=shop_id, status=RefundStatus.PROCESSING, retry_at__isnull=False).count()
