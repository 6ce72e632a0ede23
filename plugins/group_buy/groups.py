"""A group's life: priced at checkout, a slot claimed inside the checkout's transaction, paid,
completed (orders may ship), or expired — virtually filled or failed, with every paid member
refunded through the payment provider exactly once.

Why it cannot over-fill or double-refund:

* A slot is taken by ``UPDATE group SET reserved_count = reserved_count + 1 WHERE status = 'open'
  AND reserved_count < size`` inside the checkout transaction (``kaidian_reserve_for_order``), so
  however many joiners race, at most ``size`` members hold a slot; an unpaid order that is closed
  gives its slot back.
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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from core.errors import Conflict, InvalidInput, KaidianError, NotFound
from core.pricing.types import PriceAdjustment, PricingContext
from core.trade import timers
from plugins.group_buy import services
from plugins.group_buy.models import (
    GroupBuyActivity,
    GroupBuyEvent,
    GroupBuyGroup,
    GroupBuyMember,
    GroupBuySku,
    GroupStatus,
    MemberStatus,
)

logger = logging.getLogger("kaidian.group_buy")

PLUGIN = "group_buy"
EXPIRY = "group_buy_expiry"  # timer per group, at its expires_at
SETTLE = "group_buy_settle"  # timer per member whose payment could not be counted
NOTIFY = "group_buy_notify"  # timer per group outcome event: tells its members
KIND = "group_buy"
LEADER_KIND = "group_buy_leader"
REFUSED_KIND = "group_buy_refused"
LIVE = (MemberStatus.RESERVED, MemberStatus.PAID)
SETTLED = (GroupStatus.COMPLETED, GroupStatus.FAILED, GroupStatus.CANCELLED)
HOLD_REASON = {"zh-CN": "拼团尚未成功，暂不能发货", "en": "the group buy has not completed yet"}
ACTOR = "plugin:group_buy"


def refused(field: str, zh: str, en: str) -> Conflict:
    return Conflict(field=field, reason={"zh-CN": zh, "en": en})


# -- the checkout choice --------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """What the customer chose: open a group of ``activity_id`` (of ``size``), or join ``group_id``."""

    activity_id: int
    group_id: int | None = None
    size: int | None = None

    @property
    def key(self) -> str:
        return f"{KIND}:{self.activity_id}:{self.group_id or 0}:{self.size or 0}"

    @classmethod
    def from_key(cls, key: str) -> Choice:
        _, activity_id, group_id, size = key.split(":")
        return cls(int(activity_id), int(group_id) or None, int(size) or None)

    @classmethod
    def from_extra(cls, raw: object) -> Choice | None:
        if not isinstance(raw, dict) or raw.get("activity_id") is None:
            return None
        try:
            return cls(int(raw["activity_id"]), int(raw["group_id"]) if raw.get("group_id") else None, int(raw["size"]) if raw.get("size") else None)
        except (TypeError, ValueError):
            raise InvalidInput(field="group_buy", reason={"zh-CN": "拼团参数无效", "en": "invalid group_buy choice"}) from None


@dataclass(frozen=True)
class Plan:
    activity: GroupBuyActivity
    group: GroupBuyGroup | None
    sku_id: int
    quantity: int
    size: int
    unit_price_fen: int
    group_price_fen: int

    @property
    def is_leader(self) -> bool:
        return self.group is None


async def make_plan(shop_id: int, customer_id: int | None, choice: Choice, lines: list[tuple[int, int, int]], now: datetime) -> Plan:
    """Check a group-buy checkout (``lines`` are ``(sku_id, quantity, unit_price_fen)``);
    raises a problem naming what is wrong."""
    if customer_id is None:
        raise refused("group_buy", "请先登录", "log in first")
    activity = await GroupBuyActivity.get_or_none(id=choice.activity_id, shop_id=shop_id)
    if activity is None or not services.is_running(activity, now):
        raise refused("group_buy.activity_id", "拼团活动不存在或已结束", "the group-buy activity is not running")
    if len(lines) != 1:
        raise InvalidInput(field="lines", reason={"zh-CN": "拼团订单只能包含一种商品", "en": "a group-buy order has exactly one line"})
    sku_id, quantity, unit_price_fen = lines[0]
    sku = await GroupBuySku.get_or_none(activity_id=activity.id, sku_id=sku_id)
    if sku is None:
        raise InvalidInput(field="sku_id", reason={"zh-CN": "该规格不参加拼团", "en": "this SKU is not in the activity"})
    if quantity > activity.max_units_per_order:
        raise InvalidInput(
            field="quantity",
            reason={"zh-CN": f"每单最多 {activity.max_units_per_order} 件", "en": f"at most {activity.max_units_per_order} units per order"},
        )
    group = None
    if choice.group_id is not None:
        group = await GroupBuyGroup.get_or_none(id=choice.group_id, shop_id=shop_id, activity_id=activity.id)
        if group is None:
            raise refused("group_buy.group_id", "团不存在", "no such group")
        if group.status != GroupStatus.OPEN or group.expires_at <= now:
            raise refused("group_buy.group_id", "该团已结束", "this group is no longer open")
        size = group.size
    else:
        size = choice.size or min(activity.sizes)  # type: ignore[arg-type]
        if size not in activity.sizes:  # type: ignore[operator]
            raise InvalidInput(field="group_buy.size", reason={"zh-CN": "没有这个成团人数", "en": "the activity has no such group size"})
    return Plan(activity, group, sku_id, quantity, size, unit_price_fen, int(sku.prices_fen[str(size)]))  # type: ignore[index]


async def price_adjustments(context: PricingContext) -> list[PriceAdjustment]:
    """The group price as a discount on the line (plus the leader's discount when opening).

    A choice that cannot be honoured is reported as a zero ``group_buy_refused`` adjustment:
    the checkout then refuses it with the reason (in ``kaidian_reserve_for_order``) instead of
    silently charging the normal price.
    """
    choice = Choice.from_extra(context.extra.get("group_buy"))
    if choice is None:
        return []
    lines = [(line.sku_id, line.quantity, line.unit_price_fen) for line in context.lines]
    try:
        plan = await make_plan(context.shop_id, context.customer_id, choice, lines, context.now)
    except KaidianError as error:
        reason = error.params.get("reason") or {"zh-CN": "无法参加拼团", "en": "cannot join the group buy"}
        return [PriceAdjustment(0, REFUSED_KIND, reason, key=choice.key)]
    discount = min(0, (plan.group_price_fen - plan.unit_price_fen) * plan.quantity)
    adjustments = [
        PriceAdjustment(
            discount, KIND, {"zh-CN": f"{plan.size}人团价", "en": f"{plan.size}-person group price"},
            priority=10, sku_ids=(plan.sku_id,), key=choice.key,
        )
    ]
    if plan.is_leader and plan.activity.leader_discount_fen:
        adjustments.append(
            PriceAdjustment(
                -plan.activity.leader_discount_fen, LEADER_KIND, {"zh-CN": "团长优惠", "en": "leader discount"},
                priority=11, sku_ids=(plan.sku_id,), key=f"{choice.key}:leader",
            )
        )
    return adjustments


# -- the slot, claimed inside the checkout transaction --------------------------------------


async def reserve_slot(shop_id: int, customer_id: int, order_id: int, adjustments: list[dict[str, Any]]) -> None:
    """Take a slot for the order (opening a group takes the first). Runs on the checkout's
    transaction: raising rolls the whole order back."""
    from core.accounts.models import Customer
    from core.trade.models import OrderLine

    ours = [item for item in adjustments if item.get("source") == PLUGIN and item.get("kind") in (KIND, REFUSED_KIND)]
    if not ours:
        return
    choice = Choice.from_key(str(ours[0]["key"]))
    lines = list(await OrderLine.filter(order_id=order_id).values_list("sku_id", "quantity", "unit_price_fen"))
    now = datetime.now(UTC)
    plan = await make_plan(shop_id, customer_id, choice, lines, now)  # type: ignore[arg-type]
    if ours[0]["kind"] == REFUSED_KIND:  # it became possible between pricing and now: price again
        raise refused("group_buy", "拼团状态已变化，请重新下单", "the group changed meanwhile: please order again")
    activity = plan.activity
    # One customer's group checkouts take turns, so two at once cannot pass the limit together.
    await Customer.filter(id=customer_id).select_for_update().first()
    live = await GroupBuyMember.filter(customer_id=customer_id, group__activity_id=activity.id, status__in=LIVE).count()
    if live >= activity.per_customer_limit:
        raise refused(
            "group_buy", f"每人最多参加 {activity.per_customer_limit} 次该拼团", f"at most {activity.per_customer_limit} groups per customer in this activity"
        )
    if plan.group is None:
        expires_at = min(now + timedelta(hours=activity.window_hours), activity.ends_at)
        group = await GroupBuyGroup.create(
            shop_id=shop_id, activity_id=activity.id, leader_id=customer_id, size=plan.size, reserved_count=1, expires_at=expires_at
        )
        await timers.schedule(shop_id, EXPIRY, group.id, expires_at)
    else:
        group = plan.group
        taken = await GroupBuyGroup.filter(
            id=group.id, status=GroupStatus.OPEN, expires_at__gt=now, reserved_count__lt=F("size")
        ).update(reserved_count=F("reserved_count") + 1)
        if not taken:
            raise refused("group_buy.group_id", "该团已满员，去开个新团吧", "this group is full: open a new one")
        if await GroupBuyMember.filter(group_id=group.id, customer_id=customer_id, status__in=LIVE).exists():
            raise refused("group_buy.group_id", "你已经在这个团里了", "you are already in this group")
    await GroupBuyMember.create(
        shop_id=shop_id, group_id=group.id, customer_id=customer_id, order_id=order_id, sku_id=plan.sku_id, is_leader=plan.is_leader
    )


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
        await timers.schedule(shop_id, NOTIFY, event.id, datetime.now(UTC))


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
    now = datetime.now(UTC)
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
    now = datetime.now(UTC)
    async with in_transaction():
        if new_status == "cancelled":
            if not await GroupBuyMember.filter(id=member.id, status=MemberStatus.RESERVED).update(status=MemberStatus.CANCELLED):
                return
            await GroupBuyGroup.filter(id=group_id, reserved_count__gt=0).update(reserved_count=F("reserved_count") - 1)
            if member.is_leader and await GroupBuyGroup.filter(id=group_id, status=GroupStatus.PENDING).update(
                status=GroupStatus.CANCELLED, settled_at=now
            ):
                await timers.disarm(EXPIRY, group_id)
                await record_event(shop_id, group_id, "cancelled")
        elif new_status == "refunded":
            if not await GroupBuyMember.filter(id=member.id, status__in=LIVE).update(status=MemberStatus.REFUNDED):
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

    now = datetime.now(UTC)
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
            await GroupBuyMember.filter(id=member.id, status__in=LIVE).update(status=MemberStatus.CANCELLED)
            return
    if order.status == OrderStatus.CANCELLED:
        await GroupBuyMember.filter(id=member.id, status__in=LIVE).update(status=MemberStatus.CANCELLED)
        return
    await refund_in_full(host, settings, order)
    if await GroupBuyMember.filter(id=member.id, status__in=LIVE).update(status=MemberStatus.REFUNDED):
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
    if await close_group(timer.target_id, datetime.now(UTC)) is not None:
        await settle_group(host, settings, timer.target_id)


async def settle(host: Any, settings: Any, timer: Any) -> None:
    """Timer handler (``group_buy_settle``): settle one member whose payment was not counted."""
    await settle_member(host, settings, timer.target_id)


SWEEP_GRACE = timedelta(minutes=5)


async def sweep(host: Any, settings: Any, *, now: datetime | None = None, limit: int = 200) -> int:
    """Recover from a process that died mid-way (a timer claimed but never finished): close
    groups overdue by more than a grace period, and settle members left live in closed groups.
    Returns how many members it settled."""
    now = now or datetime.now(UTC)
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
