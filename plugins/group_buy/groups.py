"""A group's life after checkout (``checkout.py`` prices it and claims the slot): paid,
completed (orders may ship), or expired — virtually filled or failed, with every paid member
refunded through the payment provider exactly once.

Why it cannot over-fill or double-refund:

* At most ``size`` members hold a slot (claimed by a conditional UPDATE at checkout); an unpaid
  order that is closed gives its slot back.
* A payment is counted by ``UPDATE … paid_count = paid_count + 1 WHERE status = 'open' AND
  paid_count < size``; one that cannot be counted (the group completed or expired meanwhile) is
  refunded.
* Expiry closes the group with one conditional UPDATE (``WHERE status = 'open'``), then settles
  each member. Settling is idempotent: it reads the order's state, and core's refund is itself
  conditional (a second full refund of an order is a 409 that changes nothing), so duplicate
  timers, a settle racing a payment, or a sweep after a restart refund a member once.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from core import clock
from core.errors import Conflict, InvalidInput, NotFound
from core.trade import timers
from plugins.group_buy.models import GroupBuyEvent, GroupBuyGroup, GroupBuyMember, GroupStatus, MemberStatus

logger = logging.getLogger("kaidian.group_buy")

EXPIRY = "group_buy_expiry"  # timer per group, at its expires_at
SETTLE = "group_buy_settle"  # timer per member whose payment could not be counted
NOTIFY = "group_buy_notify"  # timer per group outcome event: tells its members
LIVE = (MemberStatus.RESERVED, MemberStatus.PAID)
SETTLED = (GroupStatus.COMPLETED, GroupStatus.FAILED, GroupStatus.CANCELLED)
HOLD_REASON = {"zh-CN": "拼团尚未成功，暂不能发货", "en": "the group buy has not completed yet"}
ACTOR = "plugin:group_buy"


# -- payment, cancellation, refunds of member orders ----------------------------------------


NOTICES = {
    "completed": {"zh-CN": "拼团成功，商家将尽快发货", "en": "Your group is complete: the shop will ship soon"},
    "failed": {"zh-CN": "拼团未成功，已付款项将原路退回", "en": "Your group did not fill: any payment is refunded"},
}


async def record_event(shop_id: int, group_id: int, kind: str, **data: Any) -> None:
    """Log what happened to a group (the share page's stream reads it). An outcome also arms a
    durable timer that tells the members (``kaidian_on_customer_notice``), so a crash right
    after the outcome committed still notifies them."""
    event = await GroupBuyEvent.create(shop_id=shop_id, group_id=group_id, kind=kind, data=data)
    if kind in NOTICES:
        await timers.schedule(shop_id, NOTIFY, event.id, clock.now())


async def notify_members(host: Any, settings: Any, timer: Any) -> None:
    """Timer handler (``group_buy_notify``): tell each member of the group its outcome."""
    event = await GroupBuyEvent.get_or_none(id=timer.target_id)
    if event is None or event.kind not in NOTICES:
        return
    members = await GroupBuyMember.filter(group_id=event.group_id).exclude(status=MemberStatus.CANCELLED).order_by("id")  # type: ignore[attr-defined]
    if event.kind == "completed":
        members = [member for member in members if member.counted]
    group = await GroupBuyGroup.get(id=event.group_id)  # type: ignore[attr-defined]
    for member in members:
        await host.notify(
            "kaidian_on_customer_notice",
            shop_id=event.shop_id,  # type: ignore[attr-defined]
            customer_id=member.customer_id,  # type: ignore[attr-defined]
            topic=f"group_buy.{event.kind}",
            message=NOTICES[event.kind],
            data={"group_id": group.id, "activity_id": group.activity_id, "order_id": member.order_id},  # type: ignore[attr-defined]
        )


async def member_paid(shop_id: int, order_id: int) -> None:
    """Count a member's payment; the payment that fills the group completes it. A payment that
    cannot be counted (group completed, expired or cancelled meanwhile) is refunded."""
    member = await GroupBuyMember.get_or_none(order_id=order_id, shop_id=shop_id)
    if member is None:
        return
    now = clock.now()
    async with in_transaction():
        if not await GroupBuyMember.filter(id=member.id, status=MemberStatus.RESERVED).update(status=MemberStatus.PAID, paid_at=now):
            return  # a duplicate, or the order was closed meanwhile
        group_id = member.group_id  # type: ignore[attr-defined]
        if member.is_leader:
            counted = await GroupBuyGroup.filter(id=group_id, status=GroupStatus.PENDING).update(status=GroupStatus.OPEN, paid_count=1)
        else:
            counted = await GroupBuyGroup.filter(id=group_id, status=GroupStatus.OPEN, paid_count__lt=F("size")).update(
                paid_count=F("paid_count") + 1
            )
        completed = 0
        if counted:
            await GroupBuyMember.filter(id=member.id).update(counted=True)
            await record_event(shop_id, group_id, "opened" if member.is_leader else "joined", customer_id=member.customer_id)  # type: ignore[attr-defined]
            completed = await GroupBuyGroup.filter(id=group_id, status=GroupStatus.OPEN, paid_count__gte=F("size")).update(
                status=GroupStatus.COMPLETED, settled_at=now
            )
            if completed:
                await timers.disarm(EXPIRY, group_id)
                await record_event(shop_id, group_id, "completed", virtual_fill=False)
    if not counted:
        await schedule_settle(shop_id, member.id)
    elif completed:
        # Nobody else can still hold a slot (reserved never passes size), but close any anyway.
        for straggler in await GroupBuyMember.filter(group_id=group_id, status=MemberStatus.RESERVED).values_list("id", flat=True):
            await schedule_settle(shop_id, straggler)  # type: ignore[arg-type]


async def order_closed(shop_id: int, order_id: int, new_status: str) -> None:
    """An order was cancelled (its slot is free again) or refunded (it leaves an open group)."""
    member = await GroupBuyMember.get_or_none(order_id=order_id, shop_id=shop_id)
    if member is None:
        return
    group_id = member.group_id  # type: ignore[attr-defined]
    now = clock.now()
    async with in_transaction():
        if new_status == "cancelled":
            if not await GroupBuyMember.filter(id=member.id, status=MemberStatus.RESERVED).update(status=MemberStatus.CANCELLED, live_customer_id=None):
                return
            await GroupBuyGroup.filter(id=group_id, reserved_count__gt=0).update(reserved_count=F("reserved_count") - 1)
            if member.is_leader and await GroupBuyGroup.filter(id=group_id, status=GroupStatus.PENDING).update(
                status=GroupStatus.CANCELLED, settled_at=now
            ):
                await timers.disarm(EXPIRY, group_id)
                await record_event(shop_id, group_id, "cancelled")
        elif new_status == "refunded":
            if not await GroupBuyMember.filter(id=member.id, status__in=LIVE).update(status=MemberStatus.REFUNDED, live_customer_id=None):
                return
            if member.counted:
                # Refunded by staff while the group is still open: the slot is free again.
                await GroupBuyGroup.filter(id=group_id, status=GroupStatus.OPEN, paid_count__gt=0).update(
                    paid_count=F("paid_count") - 1, reserved_count=F("reserved_count") - 1
                )
            await record_event(shop_id, group_id, "refunded", customer_id=member.customer_id)  # type: ignore[attr-defined]


async def schedule_settle(shop_id: int, member_id: int) -> None:
    """A durable timer settles the member (refund or close) as soon as the runner ticks."""
    from core.trade.models import Timer, TimerStatus

    now = clock.now()
    try:
        await timers.schedule(shop_id, SETTLE, member_id, now)
    except IntegrityError:  # settled before: arm the same row again
        await Timer.filter(kind=SETTLE, target_id=member_id).update(status=TimerStatus.PENDING, run_at=now)


async def hold_reasons(shop_id: int, order_id: int) -> list[dict[str, str]] | None:
    """A member's order ships only once its group completed with the member counted in it."""
    member = await GroupBuyMember.get_or_none(order_id=order_id, shop_id=shop_id).prefetch_related("group")
    if member is None:
        return None
    if member.group.status == GroupStatus.COMPLETED and member.counted:
        return None
    return [HOLD_REASON]


# -- expiry and settling --------------------------------------------------------------------


async def close_group(group_id: int, now: datetime) -> GroupStatus | None:
    """Close an expiring group with one conditional UPDATE: virtually filled (if the activity
    allows and enough paid), failed, or cancelled (the leader never paid). Returns its status."""
    for _ in range(5):
        group = await GroupBuyGroup.get_or_none(id=group_id).prefetch_related("activity")
        if group is None:
            return None
        if group.status in SETTLED:
            return GroupStatus(group.status)
        shop_id = group.shop_id  # type: ignore[attr-defined]
        async with in_transaction():  # the outcome and its event commit together
            if group.status == GroupStatus.PENDING:
                if await GroupBuyGroup.filter(id=group.id, status=GroupStatus.PENDING).update(status=GroupStatus.CANCELLED, settled_at=now):
                    await record_event(shop_id, group.id, "cancelled")
                continue
            percent = group.activity.virtual_fill_percent
            if percent and group.paid_count * 100 >= group.size * percent:
                # Decided on the payments counted right now; a payment counted meanwhile re-decides.
                if await GroupBuyGroup.filter(id=group.id, status=GroupStatus.OPEN, paid_count=group.paid_count).update(
                    status=GroupStatus.COMPLETED, virtual_fill=True, settled_at=now
                ):
                    await timers.disarm(EXPIRY, group.id)
                    await record_event(shop_id, group.id, "completed", virtual_fill=True, paid_count=group.paid_count)
                continue
            if await GroupBuyGroup.filter(id=group.id, status=GroupStatus.OPEN).update(status=GroupStatus.FAILED, settled_at=now):
                await timers.disarm(EXPIRY, group.id)
                await record_event(shop_id, group.id, "failed", paid_count=group.paid_count)
    raise RuntimeError(f"group {group_id} kept changing while closing")  # retried by the timer


async def settle_member(host: Any, settings: Any, member_id: int) -> None:
    """Bring a member of a closed group to rest: a winner keeps their order; anyone else has an
    unpaid order closed or a paid one refunded in full. Idempotent."""
    from core.trade.models import Order, OrderStatus
    from core.trade.orders import cancel_order

    member = await GroupBuyMember.get_or_none(id=member_id).prefetch_related("group")
    if member is None or member.status not in LIVE:
        return
    group = member.group
    if group.status not in SETTLED:
        return
    if group.status == GroupStatus.COMPLETED and member.counted:
        return
    shop_id = member.shop_id  # type: ignore[attr-defined]
    order = await Order.get(id=member.order_id)
    if order.status == OrderStatus.PENDING_PAYMENT:
        try:
            await cancel_order(host, shop_id, order.id, actor=ACTOR, reason="拼团已结束")
        except Conflict:
            await order.refresh_from_db()  # paid meanwhile: refunded below
        else:
            await GroupBuyMember.filter(id=member.id, status__in=LIVE).update(status=MemberStatus.CANCELLED, live_customer_id=None)
            return
    if order.status == OrderStatus.CANCELLED:
        await GroupBuyMember.filter(id=member.id, status__in=LIVE).update(status=MemberStatus.CANCELLED, live_customer_id=None)
        return
    await refund_in_full(host, settings, order)
    if await GroupBuyMember.filter(id=member.id, status__in=LIVE).update(status=MemberStatus.REFUNDED, live_customer_id=None):
        await record_event(shop_id, group.id, "refunded", customer_id=member.customer_id)  # type: ignore[attr-defined]


async def refund_in_full(host: Any, settings: Any, order: Any) -> None:
    """Refund what is left of a paid order through its provider (core's refund is conditional
    on the order's state, so of two racing calls one refunds and the other is a no-op 409)."""
    from core.trade import fulfilment
    from core.trade.models import OrderLine

    if order.status not in fulfilment.REFUNDABLE or order.refunded_fen >= order.paid_fen:
        return
    picks = [
        fulfilment.LinePick(line.id, line.quantity - line.refunded_quantity)
        for line in await OrderLine.filter(order_id=order.id).order_by("id")
        if line.quantity > line.refunded_quantity
    ]
    try:
        await fulfilment.refund(host, settings, order.shop_id, order.id, picks, reason="拼团未成功，自动退款", actor=ACTOR)
    except (Conflict, InvalidInput):
        await order.refresh_from_db()
        if order.status in fulfilment.REFUNDABLE and order.refunded_fen < order.paid_fen:
            raise  # not refunded by anyone: let the timer retry


async def settle_group(host: Any, settings: Any, group_id: int) -> None:
    for member_id in await GroupBuyMember.filter(group_id=group_id, status__in=LIVE).order_by("id").values_list("id", flat=True):
        await settle_member(host, settings, member_id)  # type: ignore[arg-type]


async def expire(host: Any, settings: Any, timer: Any) -> None:
    """Timer handler (``group_buy_expiry``): close the group, then settle every member."""
    if await close_group(timer.target_id, clock.now()) is not None:
        await settle_group(host, settings, timer.target_id)


async def settle(host: Any, settings: Any, timer: Any) -> None:
    """Timer handler (``group_buy_settle``): settle one member whose payment was not counted."""
    await settle_member(host, settings, timer.target_id)


SWEEP_GRACE = timedelta(minutes=5)


async def sweep(host: Any, settings: Any, *, now: datetime | None = None, limit: int = 200) -> int:
    """Recover from a process that died mid-way (a timer claimed but never finished): close
    groups overdue by more than a grace period, and settle members left live in closed groups.
    Returns how many members it settled."""
    now = now or clock.now()
    overdue = await GroupBuyGroup.filter(status__in=(GroupStatus.PENDING, GroupStatus.OPEN), expires_at__lt=now - SWEEP_GRACE).limit(limit).values_list("id", flat=True)
    for group_id in overdue:
        await close_group(group_id, now)  # type: ignore[arg-type]
    stragglers = await GroupBuyMember.filter(
        Q(group__status__in=(GroupStatus.FAILED, GroupStatus.CANCELLED)) | Q(group__status=GroupStatus.COMPLETED, counted=False),
        status__in=LIVE,
    ).order_by("id").limit(limit).values_list("id", flat=True)
    for member_id in stragglers:
        try:
            await settle_member(host, settings, member_id)  # type: ignore[arg-type]
        except Exception:
            logger.exception("settling group-buy member %s failed; the next sweep retries", member_id)
    return len(stragglers)


async def sweep_job(ctx: Any) -> None:
    """The ``group_buy_sweep`` job (``kaidian_register_jobs``)."""
    await sweep(ctx.app.state.host, ctx.app.state.settings)


def ensure_found(group: GroupBuyGroup | None) -> GroupBuyGroup:
    if group is None:
        raise NotFound(field="group_id")
    return group
