"""Orders and refunds written straight through the ORM at chosen moments: the ledger reads only
their rows, and a month of history through checkout would cost seconds per test."""

from __future__ import annotations

from datetime import datetime, timedelta

from core import clock
from core.testing import unique
from core.trade.models import Order, OrderStatus, OrderStatusLog, Refund, RefundStatus


async def completed_order(shop_id: int, customer_id: int, paid_fen: int, completed_at: datetime) -> Order:
    with clock.pinned(completed_at - timedelta(days=3)):
        order = await Order.create(
            shop_id=shop_id,
            customer_id=customer_id,
            order_no=unique("T")[:32],
            status=OrderStatus.PAID,
            subtotal_fen=paid_fen,
            total_fen=paid_fen,
            paid_fen=paid_fen,
            paid_at=clock.now(),
            pay_deadline=clock.now() + timedelta(minutes=30),
        )
    with clock.pinned(completed_at):
        await Order.filter(id=order.id).update(status=OrderStatus.COMPLETED)
        await OrderStatusLog.create(shop_id=shop_id, order_id=order.id, from_status="shipped", to_status="completed", actor="system")
    return order


async def succeeded_refund(order: Order, amount_fen: int, at: datetime) -> Refund:
    with clock.pinned(at):
        refund = await Refund.create(
            shop_id=order.shop_id,  # type: ignore[attr-defined]
            order_id=order.id,
            refund_no=unique("R")[:40],
            amount_fen=amount_fen,
            status=RefundStatus.SUCCEEDED,
        )
        await Order.filter(id=order.id).update(refunded_fen=order.refunded_fen + amount_fen)
    return refund
