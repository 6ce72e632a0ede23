"""Order, payment and refund events, written by the server from the trade services' hooks (the
source of truth): clients cannot send these types.

Their ids (``srv:<type>:<id>``) use a character client ids may not contain, so a client can
never take an id first, and a repeated notification stores nothing twice. The actor is the
order's customer; an order placed with a device (``X-Device-Token``) and A/B assignments
(``experiments``) gives its ``order_placed`` and ``order_paid`` that device and that map, as
the device's own events carry them (attribution only).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from core import clock
from core.analytics.ingest import epoch_ms
from core.analytics.store import AnalyticsStore, EventRecord, build_store

logger = logging.getLogger("kaidian.analytics")


@dataclass
class _Target:
    store: AnalyticsStore
    zone: ZoneInfo


# Settings are process-wide (one analytics URL and business time zone per process); the trade
# hooks that write these events receive no app, so configuration is kept here at start-up.
_target: _Target | None = None


def configure(settings: Any) -> None:
    global _target
    _target = _Target(build_store(settings), ZoneInfo(settings.business_timezone))


@dataclass
class _OrderOf:
    customer_id: int | None
    device_id: str = ""
    experiments: dict[str, str] | None = None


async def write(shop_id: int, event_type: str, key: int, who: _OrderOf, props: dict[str, Any], at: datetime | None = None) -> None:
    if _target is None:
        return
    moment = (at or clock.now()).astimezone(UTC)
    record = EventRecord(
        shop_id=shop_id, event_id=f"srv:{event_type}:{key}", type=event_type, device_id=who.device_id, customer_id=who.customer_id,
        session_id="", route="", from_route=None, block_id=None, experiments=dict(who.experiments or {}), props=props, client_time=None,
        server_time=clock.now(), ts_ms=epoch_ms(moment), day=moment.astimezone(_target.zone).date(),
    )
    await _target.store.insert([record])


async def order_of(order_id: int, *, attributed: bool = True) -> _OrderOf:
    """The order's customer and, when ``attributed``, the device and A/B assignments its
    checkout sent."""
    from core.trade.models import Order

    rows = await Order.filter(id=order_id).values("customer_id", "attribution")
    if not rows:
        return _OrderOf(None)
    return attributed_to(rows[0]["customer_id"], rows[0]["attribution"] if attributed else None)


def attributed_to(customer_id: int | None, attribution: dict[str, Any] | None) -> _OrderOf:
    attribution = attribution or {}
    return _OrderOf(customer_id, str(attribution.get("device_id") or ""), dict(attribution.get("experiments") or {}))


async def on_order_placed(shop_id: int, order_id: int, customer_id: int, total_fen: int, attribution: dict[str, Any] | None) -> None:
    # The checkout hands over what it kept on the order: no read of the row just written.
    who = attributed_to(customer_id, attribution)
    await write(shop_id, "order_placed", order_id, who, {"order_id": order_id, "total_fen": total_fen})


async def on_payment_succeeded(shop_id: int, order_id: int, amount_fen: int, payment: dict[str, Any]) -> None:
    paid_at = payment.get("paid_at")
    at = datetime.fromisoformat(paid_at) if isinstance(paid_at, str) else None
    await write(shop_id, "order_paid", order_id, await order_of(order_id), {"order_id": order_id, "amount_fen": amount_fen}, at)


async def on_refund_succeeded(shop_id: int, order_id: int, refund_id: int, amount_fen: int) -> None:
    await write(
        shop_id, "refund", refund_id, await order_of(order_id, attributed=False), {"order_id": order_id, "refund_id": refund_id, "amount_fen": amount_fen}
    )
