"""Reading orders of one shop (and optionally one customer) into response schemas."""

from __future__ import annotations

import asyncio
import functools
import json
import time
from collections.abc import AsyncIterator
from typing import TypeVar

from litestar.response import ServerSentEventMessage

from core import sql
from core.accounts.customers import address_snapshot, snapshot_view
from core.accounts.schemas import AddressText
from core.errors import NotFound
from core.security.crypto import FieldCipher
from core.trade.history_words import actor_words, reason_words
from core.trade.models import Order, OrderLine, OrderStatusLog, Refund, RefundLog
from core.trade.schemas import DeliveryAddressRead, OrderLineRead, OrderRead, RefundLogRead, RefundRead, StaffRefundRead, StatusLogRead


async def get_order(shop_id: int, order_id: int, customer_id: int | None = None) -> Order:
    query = Order.filter(id=order_id, shop_id=shop_id)
    if customer_id is not None:
        query = query.filter(customer_id=customer_id)
    order = await query.first()
    if order is None:
        raise NotFound()
    return order


_Entry = TypeVar("_Entry", StatusLogRead, RefundLogRead)


def _in_words(entry: _Entry) -> _Entry:
    return entry.model_copy(update={"actor_text": actor_words(entry.actor), "reason_text": reason_words(entry.reason)})


# OrderLineRead's fields are OrderLine's columns of the same names.
_LINE_COLUMNS = tuple(OrderLineRead.model_fields)


@functools.cache
def _lines_sql() -> str:
    return f'SELECT {", ".join(_LINE_COLUMNS)} FROM "{sql.table(OrderLine)}" WHERE order_id = %s ORDER BY id'


async def order_lines(order_id: int) -> list[OrderLineRead]:
    """An order's lines, as hand-written SQL (core.sql): every checkout answers with them."""
    rows = await sql.fetch(OrderLine, _lines_sql(), [order_id])
    return [OrderLineRead(**dict(zip(_LINE_COLUMNS, sql.python_values(OrderLine, _LINE_COLUMNS, row)))) for row in rows]


async def delivery_address(order: Order, cipher: FieldCipher, *, masked: bool) -> DeliveryAddressRead | None:
    """Where an express order goes: the address as chosen at checkout, or, for an order placed
    before orders kept it, the address book's entry while it still exists. None for a pickup
    (a plugin's method) or an order without an address."""
    shipping = order.shipping or {}
    if shipping.get("method"):
        return None
    snapshot, as_placed = shipping.get("address"), True
    if snapshot is None and shipping.get("address_id") is not None:
        snapshot = await address_snapshot(order.shop_id, order.customer_id, shipping["address_id"])  # type: ignore[attr-defined]
        as_placed = False
    if snapshot is None:
        return None
    view = snapshot_view(snapshot, cipher)
    if masked:
        view = view.masked()
    return DeliveryAddressRead(**{name: getattr(view, name) for name in AddressText.model_fields}, masked=masked, as_placed=as_placed)


async def order_read(order: Order, *, with_history: bool = False) -> OrderRead:
    # An order just placed carries its lines as written (``place_order``): no read for them.
    placed = getattr(order, "placed_lines", None)
    lines = [OrderLineRead.model_validate(line) for line in placed] if placed is not None else await order_lines(order.id)
    history = await OrderStatusLog.filter(order_id=order.id).order_by("id") if with_history else []
    return OrderRead(
        id=order.id,
        order_no=order.order_no,
        status=str(order.status),
        customer_id=order.customer_id,  # type: ignore[attr-defined]
        subtotal_fen=order.subtotal_fen,
        discount_fen=order.discount_fen,
        shipping_fen=order.shipping_fen,
        total_fen=order.total_fen,
        paid_fen=order.paid_fen,
        refunded_fen=order.refunded_fen,
        adjustments=order.adjustments,
        # The kept address's ciphertexts stay in; staff read it through adminOrderDeliveryAddress.
        shipping={key: value for key, value in (order.shipping or {}).items() if key != "address"},
        note=order.note,
        payment_method=order.payment_method,
        transaction_id=order.transaction_id,
        paid_at=order.paid_at,
        pay_deadline=order.pay_deadline,
        cancelled_at=order.cancelled_at,
        created_at=order.created_at,
        lines=lines,
        history=[_in_words(StatusLogRead.model_validate(row)) for row in history],
    )


async def list_orders(shop_id: int, *, customer_id: int | None = None, status: str | None = None, limit: int = 50) -> list[OrderRead]:
    query = Order.filter(shop_id=shop_id)
    if customer_id is not None:
        query = query.filter(customer_id=customer_id)
    if status:
        query = query.filter(status=status)
    orders = await query.order_by("-id").limit(limit)
    return [await order_read(order) for order in orders]


async def staff_refund_read(record: Refund, *, with_history: bool = False) -> StaffRefundRead:
    """``refund_read`` plus how sending it to the provider went (staff only: errors are internal)."""
    read = await refund_read(record, with_history=with_history)
    return StaffRefundRead(
        **read.model_dump(), send_attempts=record.send_attempts, send_error=record.send_error, retry_at=record.retry_at, stuck_at=record.stuck_at
    )


async def refund_read(record: Refund, *, with_history: bool = False) -> RefundRead:
    order_no = await Order.filter(id=record.order_id).values_list("order_no", flat=True)  # type: ignore[attr-defined]
    history = await RefundLog.filter(refund_id=record.id).order_by("id") if with_history else []
    return RefundRead(
        id=record.id,
        refund_no=record.refund_no,
        order_id=record.order_id,  # type: ignore[attr-defined]
        order_no=order_no[0] if order_no else "",
        amount_fen=record.amount_fen,
        status=str(record.status),
        source=record.source,
        customer_id=record.customer_id,  # type: ignore[attr-defined]
        reason=record.reason,
        description=record.description,
        photo_urls=record.photo_urls,
        lines=record.lines,
        return_required=record.return_required,
        return_carrier=record.return_carrier,
        return_tracking_no=record.return_tracking_no,
        reviewed_by=record.reviewed_by,
        review_note=record.review_note,
        created_at=record.created_at,
        updated_at=record.updated_at,
        history=[_in_words(RefundLogRead.model_validate(row)) for row in history],
    )


FINAL_STATUSES = frozenset({"completed", "cancelled", "refunded"})


async def status_events(
    order_id: int, last_seen: int = 0, *, poll_s: float = 1.0, max_s: float = 300.0
) -> AsyncIterator[ServerSentEventMessage]:
    """Server-sent events of an order's status changes, read from its audit log.

    The log is the truth on every app instance, so any instance can serve any subscriber.
    Ends at a final status or after ``max_s`` (the client reconnects with ``Last-Event-ID``).
    """
    deadline = time.monotonic() + max_s
    while True:
        rows = await OrderStatusLog.filter(order_id=order_id, id__gt=last_seen).order_by("id")
        for row in rows:
            last_seen = row.id
            payload = {"order_id": order_id, "from": row.from_status, "to": row.to_status, "at": row.created_at.isoformat()}
            yield ServerSentEventMessage(data=json.dumps(payload), event="status", id=row.id)
            if row.to_status in FINAL_STATUSES:
                return
        if time.monotonic() >= deadline:
            return
        await asyncio.sleep(poll_s)
