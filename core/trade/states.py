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
from core.trade.models import Order, OrderStatus, OrderStatusLog, Refund, RefundLog, RefundStatus

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


# -- refunds ----------------------------------------------------------------------------------
#
#   requested ─► approved ─► processing ─► succeeded / failed
#       │           └─► awaiting_return ─► processing
#       ├─► rejected            └─► rejected / cancelled
#       └─► cancelled

R = RefundStatus
REFUND_TRANSITIONS: dict[RefundStatus, frozenset[RefundStatus]] = {
    R.REQUESTED: frozenset({R.APPROVED, R.REJECTED, R.CANCELLED}),
    R.APPROVED: frozenset({R.AWAITING_RETURN, R.PROCESSING, R.FAILED}),
    R.AWAITING_RETURN: frozenset({R.PROCESSING, R.REJECTED, R.CANCELLED, R.FAILED}),
    R.PROCESSING: frozenset({R.SUCCEEDED, R.FAILED}),
    R.REJECTED: frozenset(),
    R.CANCELLED: frozenset(),
    R.SUCCEEDED: frozenset(),
    R.FAILED: frozenset(),
}
OPEN_REFUND_STATUSES = (R.REQUESTED, R.APPROVED, R.AWAITING_RETURN)


def illegal_refund_move(current: str, target: str) -> Conflict:
    return Conflict(
        field="status",
        reason={"zh-CN": f"退款状态为 {current}，不能变为 {target}", "en": f"a refund in {current} cannot move to {target}"},
    )


async def move_refund(refund: Refund, target: RefundStatus, *, actor: str, reason: str = "", **updates: Any) -> None:
    """Move a refund from the status it was read in to ``target`` with a conditional UPDATE and
    log it (call inside a transaction); 409 if the move is illegal or another got there first."""
    current = RefundStatus(refund.status)
    if target not in REFUND_TRANSITIONS[current]:
        raise illegal_refund_move(current, target)
    moved = await Refund.filter(id=refund.id, status=current).update(status=target, **updates)
    if not moved:
        raise Conflict(field="status", reason={"zh-CN": "退款已被其他操作处理", "en": "the refund changed meanwhile"})
    await log_refund(refund, current, target, actor=actor, reason=reason)
    refund.status = target
    for name, value in updates.items():
        setattr(refund, name, value)


async def log_refund(refund: Refund, old: RefundStatus | None, new: RefundStatus, *, actor: str, reason: str = "") -> None:
    await RefundLog.create(
        shop_id=refund.shop_id,  # type: ignore[attr-defined]
        refund_id=refund.id,
        from_status=None if old is None else str(old),
        to_status=str(new),
        actor=actor[:64],
        reason=reason[:200],
    )
