"""What a shop's orders say about each of its customers (the admin's customer list): how many
paid orders, how much they spent net of refunds, and when they last ordered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.functions import Count, Max, Sum

from core.trade.models import Order


@dataclass(frozen=True)
class CustomerOrderFigures:
    order_count: int
    spent_fen: int
    last_order_at: datetime | None


NO_ORDERS = CustomerOrderFigures(0, 0, None)


def _aware(value: datetime | str | None) -> datetime | None:
    # An aggregate comes back as text on SQLite and naive on some drivers: always aware UTC.
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def order_figures(shop_id: int, customer_ids: list[int]) -> dict[int, CustomerOrderFigures]:
    """Figures per customer from their paid orders (an unpaid or never-paid order spent nothing);
    customers without one are left out (``NO_ORDERS``). One grouped query for the whole page."""
    if not customer_ids:
        return {}
    rows = (
        await Order.filter(shop_id=shop_id, customer_id__in=customer_ids, paid_at__isnull=False)
        .annotate(orders=Count("id"), paid=Sum("paid_fen"), refunded=Sum("refunded_fen"), last=Max("created_at"))
        .group_by("customer_id")
        .values("customer_id", "orders", "paid", "refunded", "last")
    )
    return {
        row["customer_id"]: CustomerOrderFigures(int(row["orders"]), int(row["paid"] or 0) - int(row["refunded"] or 0), _aware(row["last"]))
        for row in rows
    }
