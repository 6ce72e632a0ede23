"""Leader commission: an append-only ledger reconciled with orders and refunds, and period
settlements that fix its entries for good.

An order's commission is, per line, ``(line total − refunded of that line) × rate_bp // 10000``
(integer fen, rounded down), summed. When a pickup order completes, an accrual entry records it;
every successful refund afterwards writes a reversal of exactly what that refund changed, so
the entries of an order always sum to its commission on what was kept — zero after a full
refund. Entries are never edited: a refund after settlement reverses in a later period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from tortoise.exceptions import IntegrityError
from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from core import clock
from core.errors import NotFound
from core.trade.models import OrderLine, Refund, RefundStatus
from plugins.community_group.models import CommissionEntry, Leader, PickupOrder, ProductCommission, Settlement
from plugins.community_group.services import conflict, invalid

ACCRUAL = "accrual"
REVERSAL = "reversal"
BASIS = 10_000
# Periods are calendar months of the shops' local time (China Standard Time, no DST).
SHOP_TZ = timezone(timedelta(hours=8))


async def kept_by_line(order_id: int) -> dict[int, int]:
    """line id → what the customer still pays for it after successful refunds (fen)."""
    kept = dict(await OrderLine.filter(order_id=order_id).values_list("id", "total_fen"))
    for parts in await Refund.filter(order_id=order_id, status=RefundStatus.SUCCEEDED).values_list("lines", flat=True):
        for part in parts or []:
            line_id = int(part["line_id"])
            if line_id in kept:
                kept[line_id] -= int(part["amount_fen"])
    return kept


def commission_of(kept: dict[int, int], rates_bp: dict[str, int]) -> tuple[int, int]:
    """(base, commission) in fen: each line's commission rounded down, then summed."""
    base = sum(max(amount, 0) for amount in kept.values())
    amount = sum(max(kept_fen, 0) * int(rates_bp.get(str(line_id), 0)) // BASIS for line_id, kept_fen in kept.items())
    return base, amount


async def record(shop_id: int, order_id: int, *, cause: str, completing: bool) -> CommissionEntry | None:
    """Bring an order's ledger entries to its commission now. ``completing`` writes the accrual
    (the order just completed); otherwise only an order that already accrued is reversed.
    Idempotent per ``cause``; the pickup order's row lock serialises concurrent refunds."""
    async with in_transaction():
        pickup = await PickupOrder.filter(shop_id=shop_id, order_id=order_id).select_for_update().first()
        if pickup is None:
            return None
        entries = await CommissionEntry.filter(shop_id=shop_id, order_id=order_id).values_list("kind", "amount_fen", "cause")
        if any(existing_cause == cause for _, _, existing_cause in entries):
            return None
        accrued = any(kind == ACCRUAL for kind, _, _ in entries)
        if accrued == completing:  # completing twice, or a refund before completion
            return None
        base, target = commission_of(await kept_by_line(order_id), pickup.rates_bp)
        delta = target - sum(amount for _, amount, _ in entries)
        if not completing and delta == 0:
            return None
        try:
            return await CommissionEntry.create(
                shop_id=shop_id,
                leader_id=pickup.leader_id,  # type: ignore[attr-defined]
                order_id=order_id,
                kind=ACCRUAL if completing else REVERSAL,
                cause=cause,
                base_fen=base,
                amount_fen=delta,
                occurred_at=clock.now(),
            )
        except IntegrityError:
            return None


# -- rates ----------------------------------------------------------------------------------------


async def set_product_rate(shop_id: int, product_id: int, rate_bp: int | None) -> None:
    """A product's own rate (wins over the leader's), or None to remove it."""
    from core.catalog.models import Product

    if not await Product.filter(id=product_id, shop_id=shop_id).exists():
        raise NotFound()
    if rate_bp is None:
        await ProductCommission.filter(shop_id=shop_id, product_id=product_id).delete()
        return
    updated = await ProductCommission.filter(shop_id=shop_id, product_id=product_id).update(rate_bp=rate_bp)
    if not updated:
        try:
            await ProductCommission.create(shop_id=shop_id, product_id=product_id, rate_bp=rate_bp)
        except IntegrityError:
            await ProductCommission.filter(shop_id=shop_id, product_id=product_id).update(rate_bp=rate_bp)


async def product_rates(shop_id: int) -> list[ProductCommission]:
    return await ProductCommission.filter(shop_id=shop_id).order_by("product_id")


# -- settlement -----------------------------------------------------------------------------------


def period_bounds(period: str) -> tuple[datetime, datetime]:
    """``YYYY-MM`` → [start, end) as aware UTC datetimes (months of China Standard Time)."""
    try:
        year, month = (int(part) for part in period.split("-"))
        start = datetime(year, month, 1, tzinfo=SHOP_TZ)
    except ValueError:
        raise invalid("period", "结算期应为 YYYY-MM", "a period looks like YYYY-MM") from None
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=SHOP_TZ)
    return start.astimezone(UTC), end.astimezone(UTC)


async def settle(shop_id: int, period: str, *, actor: str) -> Settlement:
    """Close a finished period exactly once: every unsettled entry before its end (late ones of
    earlier periods included) is fixed into it. A second settle of the period is 409."""
    _, end = period_bounds(period)
    if end > clock.now():
        raise conflict("period", f"{period} 尚未结束，不能结算", f"{period} has not ended yet")
    if await Settlement.filter(shop_id=shop_id, period=period).exists():
        raise conflict("period", f"{period} 已结算", f"{period} is already settled")
    try:
        async with in_transaction():
            settlement = await Settlement.create(shop_id=shop_id, period=period, period_end=end, created_by=actor)
            await CommissionEntry.filter(shop_id=shop_id, settlement_id=None, occurred_at__lt=end).update(settlement_id=settlement.id)
            totals = await CommissionEntry.filter(settlement_id=settlement.id).annotate(total=Sum("amount_fen")).values_list("total", flat=True)
            count = await CommissionEntry.filter(settlement_id=settlement.id).count()
            await Settlement.filter(id=settlement.id).update(entry_count=count, total_fen=int(totals[0] or 0) if totals else 0)
    except IntegrityError:
        raise conflict("period", f"{period} 已结算", f"{period} is already settled") from None
    return await Settlement.get(id=settlement.id)


async def get_settlement(shop_id: int, settlement_id: int) -> Settlement:
    settlement = await Settlement.get_or_none(id=settlement_id, shop_id=shop_id)
    if settlement is None:
        raise NotFound()
    return settlement


async def list_settlements(shop_id: int) -> list[Settlement]:
    return await Settlement.filter(shop_id=shop_id).order_by("-period_end").limit(120)


@dataclass(frozen=True)
class Statement:
    settlement: Settlement
    leader: Leader
    entries: list[CommissionEntry]

    @property
    def accrued_fen(self) -> int:
        return sum(entry.amount_fen for entry in self.entries if entry.kind == ACCRUAL)

    @property
    def reversed_fen(self) -> int:
        return sum(entry.amount_fen for entry in self.entries if entry.kind == REVERSAL)

    @property
    def total_fen(self) -> int:
        return self.accrued_fen + self.reversed_fen


async def statements(shop_id: int, settlements: list[Settlement], leader_id: int | None = None) -> list[Statement]:
    """One statement per leader per settlement: its entries and totals."""
    query = CommissionEntry.filter(shop_id=shop_id, settlement_id__in=[s.id for s in settlements])
    if leader_id is not None:
        query = query.filter(leader_id=leader_id)
    entries = await query.order_by("occurred_at", "id")
    leaders = {leader.id: leader for leader in await Leader.filter(id__in={e.leader_id for e in entries})}  # type: ignore[attr-defined]
    grouped: dict[tuple[int, int], list[CommissionEntry]] = {}
    for entry in entries:
        grouped.setdefault((entry.settlement_id, entry.leader_id), []).append(entry)  # type: ignore[attr-defined]
    by_id = {s.id: s for s in settlements}
    result = [Statement(by_id[sid], leaders[lid], rows) for (sid, lid), rows in grouped.items()]
    result.sort(key=lambda s: (-s.settlement.period_end.timestamp(), s.leader.id))
    return result


async def unsettled_total(shop_id: int, leader_id: int) -> int:
    rows = await CommissionEntry.filter(shop_id=shop_id, leader_id=leader_id, settlement_id=None).values_list("amount_fen", flat=True)
    return sum(rows)
