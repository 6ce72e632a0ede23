"""The order state machine: which moves are legal, and the one function that makes them.

::

    pending_payment ─► paid ─► partially_shipped ─► shipped ─► delivered ─► completed
          │             │            │                 │           │           │
          ▼             └────────────┴───── refunding ◄┴───────────┴───────────┘
      cancelled                                 │
                                                ▼
                                             refunded

A move is one conditional ``UPDATE … WHERE status = <from>``: of two racing moves from the
same state (payment vs. auto-cancel, 50 duplicate notifications) exactly one succeeds. Every
move writes an ``OrderStatusLog`` row in the same transaction; ``kaidian_on_order_status_changed``
is fired by the caller after commit, from the returned ``StatusChange``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.errors import Conflict, NotFound
from core.plugin_host import PluginHost
from core.trade.models import Order, OrderStatus, OrderStatusLog

S = OrderStatus
TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.PENDING_PAYMENT: frozenset({S.PAID, S.CANCELLED}),
    S.PAID: frozenset({S.PARTIALLY_SHIPPED, S.SHIPPED, S.REFUNDING, S.REFUNDED}),
    S.PARTIALLY_SHIPPED: frozenset({S.SHIPPED, S.REFUNDING, S.REFUNDED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.REFUNDING, S.REFUNDED}),
    S.DELIVERED: frozenset({S.COMPLETED, S.REFUNDING, S.REFUNDED}),
    S.COMPLETED: frozenset({S.REFUNDING, S.REFUNDED}),
    S.REFUNDING: frozenset({S.REFUNDED, S.PAID, S.SHIPPED, S.DELIVERED, S.COMPLETED}),
    S.CANCELLED: frozenset(),
    S.REFUNDED: frozenset(),
}


@dataclass(frozen=True)
class StatusChange:
    shop_id: int
    order_id: int
    old_status: str
    new_status: str
    reason: str


def can_move(current: OrderStatus | str, target: OrderStatus | str) -> bool:
    return OrderStatus(target) in TRANSITIONS[OrderStatus(current)]


def illegal_move(current: str, target: str) -> Conflict:
    return Conflict(
        field="status",
        reason={"zh-CN": f"订单状态为 {current}，不能变为 {target}", "en": f"an order in {current} cannot move to {target}"},
    )


async def move(
    shop_id: int,
    order_id: int,
    target: OrderStatus,
    *,
    actor: str,
    reason: str = "",
    expected: OrderStatus | None = None,
    **updates: Any,
) -> StatusChange:
    """Move an order to ``target`` (call inside a transaction); 409 if the move is illegal or
    another move got there first. ``expected`` pins the state the caller saw."""
    current = await Order.filter(id=order_id, shop_id=shop_id).values_list("status", flat=True)
    if not current:
        raise NotFound()
    status = OrderStatus(current[0])
    if expected is not None and status != expected:
        raise illegal_move(status, target)
    if not can_move(status, target):
        raise illegal_move(status, target)
    moved = await Order.filter(id=order_id, shop_id=shop_id, status=status).update(status=target, **updates)
    if not moved:
        raise Conflict(field="status", reason={"zh-CN": "订单状态已被其他操作改变", "en": "the order changed meanwhile"})
    await OrderStatusLog.create(
        shop_id=shop_id, order_id=order_id, from_status=status, to_status=target, actor=actor, reason=reason[:200]
    )
    return StatusChange(shop_id, order_id, str(status), str(target), reason)


async def announce(host: PluginHost, changes: list[StatusChange]) -> None:
    """Fire ``kaidian_on_order_status_changed`` for committed changes, in order."""
    for change in changes:
        await host.notify(
            "kaidian_on_order_status_changed",
            shop_id=change.shop_id,
            order_id=change.order_id,
            old_status=change.old_status,
            new_status=change.new_status,
            reason=change.reason or None,
        )
