"""Dashboard figures for one shop, counted in the database (never from a page of the order list).

"Today" is the calendar day in the business time zone (``KAIDIAN_BUSINESS_TIMEZONE``, default
Asia/Shanghai): a merchant in China expects the day to turn over at local midnight, not at UTC's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tortoise.functions import Count, Sum

from core import clock
from core.catalog.models import InventoryAlert
from core.trade import refund_sending
from core.trade.models import Order, OrderStatus, Refund, RefundStatus

# Paid orders still waiting for (some of) their parcels.
AWAITING_SHIPMENT = (OrderStatus.PAID, OrderStatus.PARTIALLY_SHIPPED)
# Statuses of a refund that a member of staff has to look at.
# (``awaiting_return`` waits for the customer's parcel first; staff see it in the refunds list.)
REFUNDS_NEEDING_REVIEW = (RefundStatus.REQUESTED,)


@dataclass(frozen=True)
class DayFigures:
    day: date
    orders: int
    paid_orders: int
    gmv_fen: int


@dataclass(frozen=True)
class Dashboard:
    timezone: str
    today: DayFigures
    pending_shipments: int
    refunds_awaiting_review: int
    refunds_stuck: int
    refunds_retrying: int
    low_stock_alerts: int
    last_7_days: list[DayFigures]


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants where a local calendar day starts and ends."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


async def day_figures(shop_id: int, day: date, zone: ZoneInfo) -> DayFigures:
    start, end = day_bounds(day, zone)
    placed = await Order.filter(shop_id=shop_id, created_at__gte=start, created_at__lt=end).count()
    rows = (
        await Order.filter(shop_id=shop_id, paid_at__gte=start, paid_at__lt=end)
        .annotate(count=Count("id"), gmv=Sum("paid_fen"))
        .values("count", "gmv")
    )
    paid = rows[0] if rows else {"count": 0, "gmv": 0}
    return DayFigures(day=day, orders=placed, paid_orders=int(paid["count"] or 0), gmv_fen=int(paid["gmv"] or 0))


async def shop_dashboard(shop_id: int, timezone: str, *, now: datetime | None = None) -> Dashboard:
    zone = ZoneInfo(timezone)
    today = (now or clock.now()).astimezone(zone).date()
    week = [await day_figures(shop_id, today - timedelta(days=back), zone) for back in range(6, -1, -1)]
    return Dashboard(
        timezone=timezone,
        today=week[-1],
        pending_shipments=await Order.filter(shop_id=shop_id, status__in=AWAITING_SHIPMENT).count(),
        refunds_awaiting_review=await Refund.filter(shop_id=shop_id, status__in=REFUNDS_NEEDING_REVIEW).count(),
        refunds_stuck=await refund_sending.stuck_count(shop_id),
        refunds_retrying=await refund_sending.retrying_count(shop_id),
        low_stock_alerts=await InventoryAlert.filter(shop_id=shop_id, read_at__isnull=True).count(),
        last_7_days=week,
    )
