"""The agency's commission on a shop's orders: rates, settlement into the ledger, reversals.

An order is charged once its refund window has passed: ``commission_refund_window_days`` after
it was completed (receipt confirmed by the customer or automatically). The charge is
``rate × paid``, rounded half up to a fen, at the shop's rate then. Every refund of the order
that succeeded — before the charge or later — books a reversal bringing the order's entries to
``rate × (paid − refunds so far)``: in proportion to what was refunded, never below zero.

Settlement (``settle_due``) runs as the ``agency_commission`` job and may run anywhere, any
number of times at once: each entry's ``dedupe_key`` is unique in the database, so a second
run's insert fails and is skipped — an order is charged once, a refund reversed once. Reversals
of one order are serialised by locking its charge row, so two refunds landing together each
give back their own share.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery
from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from core import clock
from core.agency.models import CommissionEntry, EntryKind, ShopCommission
from core.errors import InvalidInput
from core.trade.models import Order, OrderStatus, OrderStatusLog, Refund, RefundStatus

logger = logging.getLogger("kaidian.agency.commission")

MAX_RATE_BP = 10_000


def commission_of(base_fen: int, rate_bp: int) -> int:
    """``base × rate`` in fen, rounded half up (bases are never negative)."""
    return (max(base_fen, 0) * rate_bp + MAX_RATE_BP // 2) // MAX_RATE_BP


def check_rate(rate_bp: Any) -> int:
    if isinstance(rate_bp, bool) or not isinstance(rate_bp, int) or not 0 <= rate_bp <= MAX_RATE_BP:
        raise InvalidInput(
            field="rate_bp",
            reason={"zh-CN": "费率以基点计，须为 0–10000 的整数（200 = 2%）", "en": "basis points, an integer from 0 to 10000 (200 = 2%)"},
        )
    return rate_bp


async def rate_of(shop_id: int) -> int:
    row = await ShopCommission.get_or_none(shop_id=shop_id)
    return row.rate_bp if row else 0


async def rates_of(shop_ids: list[int]) -> dict[int, int]:
    rows = await ShopCommission.filter(shop_id__in=shop_ids).values_list("shop_id", "rate_bp")
    return {shop_id: rate for shop_id, rate in rows}


async def set_rate(shop_id: int, rate_bp: Any, staff_id: int) -> int:
    rate_bp = check_rate(rate_bp)
    if not await ShopCommission.filter(shop_id=shop_id).update(rate_bp=rate_bp, set_by_staff_id=staff_id):
        try:
            await ShopCommission.create(shop_id=shop_id, rate_bp=rate_bp, set_by_staff_id=staff_id)
        except IntegrityError:  # set at the same moment by another request: the later write wins
            await ShopCommission.filter(shop_id=shop_id).update(rate_bp=rate_bp, set_by_staff_id=staff_id)
    return rate_bp


# -- settlement -------------------------------------------------------------------------------


async def _book(**values: Any) -> CommissionEntry | None:
    """Insert one entry in a transaction of its own; None when its dedupe key was booked already
    (another run got there first). Its own transaction: on PostgreSQL a failed insert spoils the
    transaction it is in."""
    try:
        async with in_transaction():
            return await CommissionEntry.create(**values)
    except IntegrityError:
        return None


async def settle_order(order_id: int, *, now: datetime | None = None) -> CommissionEntry | None:
    """Book the charge of one order on what its customer paid, at the shop's rate now, then the
    reversals of refunds that already succeeded. ``settle_due`` chooses which orders are due."""
    order = await Order.get_or_none(id=order_id).prefetch_related("shop")
    if order is None:
        return None
    charge = None
    if not await CommissionEntry.exists(dedupe_key=f"charge:{order_id}"):
        rate = await rate_of(order.shop_id)  # type: ignore[attr-defined]
        charge = await _book(
            shop_id=order.shop_id,  # type: ignore[attr-defined]
            agency_id=order.shop.agency_id,  # type: ignore[attr-defined]
            order_id=order.id,
            order_no=order.order_no,
            kind=EntryKind.CHARGE,
            rate_bp=rate,
            gmv_fen=order.paid_fen,
            refunded_fen=0,
            amount_fen=commission_of(order.paid_fen, rate),
            dedupe_key=f"charge:{order_id}",
            booked_at=now or clock.now(),
        )
    for refund_id in await Refund.filter(order_id=order_id, status=RefundStatus.SUCCEEDED).order_by("id").values_list("id", flat=True):
        await reverse_refund(refund_id, now=now)
    return charge


async def reverse_refund(refund_id: int, *, now: datetime | None = None) -> CommissionEntry | None:
    """Give back the commission share of a succeeded refund of a charged order: the order's
    entries then add up to ``rate × (paid − refunds so far)``, never below zero. Idempotent; an
    order not charged yet is left alone (its charge will book the reversal)."""
    refund = await Refund.get_or_none(id=refund_id, status=RefundStatus.SUCCEEDED)
    if refund is None or await CommissionEntry.exists(dedupe_key=f"refund:{refund_id}"):
        return None
    try:
        async with in_transaction():
            # the lock serialises one order's reversals: each reads the others' entries
            charge = await CommissionEntry.filter(order_id=refund.order_id, kind=EntryKind.CHARGE).select_for_update().first()  # type: ignore[attr-defined]
            if charge is None:
                return None
            booked = await CommissionEntry.filter(order_id=charge.order_id)
            refunded = sum(entry.refunded_fen for entry in booked) + refund.amount_fen
            target = commission_of(charge.gmv_fen - refunded, charge.rate_bp)
            return await CommissionEntry.create(
                shop_id=charge.shop_id,  # type: ignore[attr-defined]
                agency_id=charge.agency_id,
                order_id=charge.order_id,
                order_no=charge.order_no,
                refund_id=refund.id,
                kind=EntryKind.REVERSAL,
                rate_bp=charge.rate_bp,
                gmv_fen=0,
                refunded_fen=refund.amount_fen,
                amount_fen=min(target - sum(entry.amount_fen for entry in booked), 0),
                dedupe_key=f"refund:{refund_id}",
                booked_at=now or clock.now(),
            )
    except IntegrityError:
        return None


async def settle_due(window_days: int, *, now: datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Charge every completed order whose refund window has passed and reverse every succeeded
    refund of a charged order not yet reversed. Safe to run concurrently and repeatedly."""
    now = now or clock.now()
    cutoff = now - timedelta(days=window_days)
    charged = CommissionEntry.filter(kind=EntryKind.CHARGE).values("order_id")
    due_orders = await (
        OrderStatusLog.filter(to_status=OrderStatus.COMPLETED, created_at__lte=cutoff)
        .filter(order_id__not_in=Subquery(charged))
        .limit(limit)
        .values_list("order_id", flat=True)
    )
    charges = 0
    for order_id in sorted(set(due_orders)):
        charges += await settle_order(order_id, now=now) is not None
    reversed_ids = CommissionEntry.filter(kind=EntryKind.REVERSAL).values("refund_id")
    due_refunds = await (
        Refund.filter(status=RefundStatus.SUCCEEDED, order_id__in=Subquery(charged))
        .filter(id__not_in=Subquery(reversed_ids))
        .limit(limit)
        .values_list("id", flat=True)
    )
    reversals = 0
    for refund_id in sorted(due_refunds):
        reversals += await reverse_refund(refund_id, now=now) is not None
    return {"charges": charges, "reversals": reversals}


async def settlement_job(ctx: Any) -> None:
    result = await settle_due(ctx.app.state.settings.commission_refund_window_days)
    if any(result.values()):
        logger.info("commission settled: %s", result)


async def ledger(shop_id: int, *, limit: int, offset: int) -> list[CommissionEntry]:
    """A shop's entries, newest first."""
    return await CommissionEntry.filter(shop_id=shop_id).order_by("-booked_at", "-id").offset(offset).limit(limit)
