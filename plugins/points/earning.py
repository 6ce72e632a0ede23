"""Ways to earn points — paid orders, reviews, daily sign-ins, share rewards — and the reversal
of an order's points when it is refunded.

Each earning has one ``unique_key`` per customer (``earn:order:<id>``, ``review:<id>``,
``sign_in:<day>``, ``share:invitee:<id>``), so a notification delivered twice, a retried timer
or twenty racing taps record it once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core import clock
from core.accounts.models import Customer
from core.errors import Conflict, NotFound
from core.trade import timers
from plugins.points import ledger
from plugins.points.models import EntryKind, EntrySource, PointsAccount, PointsEntry, Referral, ReferralStatus, SignIn

logger = logging.getLogger("kaidian.points")

SHARE_REWARD_TIMER = "points.share_reward"


# -- orders ---------------------------------------------------------------------------------


async def earn_for_payment(shop_id: int, order_id: int, amount_fen: int, now: datetime) -> int:
    """Points for a paid order: ``earn_points_per_yuan`` per whole yuan paid."""
    from core.trade.models import Order

    order = await Order.get_or_none(id=order_id, shop_id=shop_id)
    if order is None:
        return 0
    settings = await ledger.shop_settings(shop_id)
    points = amount_fen * settings["earn_points_per_yuan"] // 100
    entry = await ledger.earn(
        shop_id, order.customer_id, EntrySource.ORDER, points, f"earn:order:{order_id}", now,  # type: ignore[attr-defined]
        order_id=order_id, reason=f"订单 {order.order_no} 消费得积分",
    )
    return entry.points if entry else 0


async def refunded_so_far(order_id: int) -> int:
    from core.trade.models import Refund, RefundStatus

    amounts = await Refund.filter(order_id=order_id, status=RefundStatus.SUCCEEDED).values_list("amount_fen", flat=True)
    return sum(int(amount) for amount in amounts)


async def reverse_for_refund(shop_id: int, order_id: int, refund_id: int) -> int:
    """Take back the order's earned points in proportion to what has been refunded (all of them
    on a full refund). Returns the points this refund took back.

    Policy when the customer has already spent them: the reversal is written in full and the
    balance goes negative — visibly (``balance`` < 0 on every read, a warning in the log);
    a negative balance redeems nothing, and the next earnings pay it back first.
    """
    from core.trade.models import Order

    order = await Order.get_or_none(id=order_id, shop_id=shop_id)
    if order is None or order.paid_fen <= 0:
        return 0
    customer_id = order.customer_id  # type: ignore[attr-defined]
    earned_entries = PointsEntry.filter(shop_id=shop_id, customer_id=customer_id, order_id=order_id)
    earned = await ledger.sum_points(earned_entries.filter(kind=EntryKind.EARN))
    if earned <= 0:
        return 0
    due_in_total = earned * min(await refunded_so_far(order_id), order.paid_fen) // order.paid_fen
    async with ledger.locked(shop_id, customer_id) as account:
        taken = -await ledger.sum_points(earned_entries.filter(kind=EntryKind.REVERSE, points__lt=0))
        points = due_in_total - taken
        entry = await ledger.write(
            shop_id, customer_id, EntryKind.REVERSE, EntrySource.REFUND, -points, f"refund:{refund_id}:earned",
            order_id=order_id, reason=f"订单 {order.order_no} 退款扣回积分",
        )
        if entry is not None and account.balance - points < 0:
            logger.warning("points: refund %s left customer %s with a negative balance (%s)", refund_id, customer_id, account.balance - points)
    return points if entry else 0


# -- reviews --------------------------------------------------------------------------------


async def earn_for_review(shop_id: int, customer_id: int, review_id: int, now: datetime) -> int:
    """Points for a published review, once per review (``review_points``; 0 = none).

    The hook point for the reviews feature: call it when a review is published. Returns the
    points awarded (0 when already awarded or switched off); 404 for a customer of another shop.
    """
    if not await Customer.filter(id=customer_id, shop_id=shop_id).exists():
        raise NotFound(field="customer_id")
    settings = await ledger.shop_settings(shop_id)
    entry = await ledger.earn(shop_id, customer_id, EntrySource.REVIEW, settings["review_points"], f"review:{review_id}", now, reason="评价得积分")
    return entry.points if entry else 0


# -- daily sign-in --------------------------------------------------------------------------


@dataclass(frozen=True)
class SignInState:
    signed_today: bool
    streak: int  # consecutive days up to today (or yesterday, if not yet signed today)
    points_today: int  # what today's sign-in gives (or gave)
    day: date


def business_day(now: datetime, timezone: str) -> date:
    return now.astimezone(ZoneInfo(timezone)).date()


def sign_in_points(streak: int, settings: dict[str, int]) -> int:
    if not settings["sign_in_points"]:
        return 0
    bonus_days = min(streak, settings["sign_in_streak_cap_days"]) - 1
    return settings["sign_in_points"] + settings["sign_in_streak_bonus"] * bonus_days


async def sign_in_state(shop_id: int, customer_id: int, now: datetime, timezone: str) -> SignInState:
    settings = await ledger.shop_settings(shop_id)
    today = business_day(now, timezone)
    rows = {row.day: row for row in await SignIn.filter(shop_id=shop_id, customer_id=customer_id, day__gte=today - timedelta(days=1))}
    if today in rows:
        return SignInState(True, rows[today].streak, rows[today].points, today)
    previous = rows.get(today - timedelta(days=1))
    streak = previous.streak if previous else 0
    return SignInState(False, streak, sign_in_points(streak + 1, settings), today)


async def sign_in(shop_id: int, customer_id: int, now: datetime, timezone: str) -> SignInState:
    """Today's sign-in: once per customer per business day (409 for the second)."""
    settings = await ledger.shop_settings(shop_id)
    if not settings["sign_in_points"]:
        raise Conflict(reason={"zh-CN": "本店未开启签到", "en": "this shop has no daily sign-in"})
    today = business_day(now, timezone)
    already = Conflict(reason={"zh-CN": "今天已签到", "en": "already signed in today"})
    async with ledger.locked(shop_id, customer_id):
        if await SignIn.filter(customer_id=customer_id, day=today).exists():
            raise already
        previous = await SignIn.filter(customer_id=customer_id, day=today - timedelta(days=1)).first()
        streak = previous.streak + 1 if previous else 1
        points = sign_in_points(streak, settings)
        try:
            async with in_transaction():
                await SignIn.create(shop_id=shop_id, customer_id=customer_id, day=today, streak=streak, points=points)
        except IntegrityError:
            raise already from None
        await ledger.write(
            shop_id, customer_id, EntryKind.EARN, EntrySource.SIGN_IN, points, f"sign_in:{today.isoformat()}",
            expires_at=ledger.expiry_of(settings, now), reason=f"连续签到第{streak}天",
        )
    return SignInState(True, streak, points, today)


# -- share rewards --------------------------------------------------------------------------


async def record_referral(shop_id: int, invitee_id: int, share_code: str | None) -> Referral | None:
    """A customer who just registered through ``share_code``: remember who brought them.

    Only called for customers created by that login (``kaidian_on_customer_registered``), so
    someone who already was a customer never counts. Unknown codes, another shop's codes and
    the invitee's own code are ignored; an invitee has at most one inviter.
    """
    code = (share_code or "").strip().upper()
    if not code:
        return None
    account = await PointsAccount.get_or_none(shop_id=shop_id, share_code=code)
    if account is None or account.customer_id == invitee_id:  # type: ignore[attr-defined]
        return None
    try:
        return await Referral.create(shop_id=shop_id, inviter_id=account.customer_id, invitee_id=invitee_id)  # type: ignore[attr-defined]
    except IntegrityError:
        return None


async def start_share_reward(shop_id: int, order_id: int, now: datetime) -> bool:
    """The invitee paid: if it is their first paid order, the reward waits out the refund window
    on a durable timer. Any later order never counts."""
    from core.trade.models import Order

    order = await Order.get_or_none(id=order_id, shop_id=shop_id)
    if order is None:
        return False
    customer_id = order.customer_id  # type: ignore[attr-defined]
    referral = await Referral.get_or_none(shop_id=shop_id, invitee_id=customer_id, status=ReferralStatus.REGISTERED)
    if referral is None:
        return False
    if await Order.filter(shop_id=shop_id, customer_id=customer_id, paid_at__isnull=False, id__lt=order_id).exists():
        await Referral.filter(id=referral.id, status=ReferralStatus.REGISTERED).update(status=ReferralStatus.CANCELLED)
        return False
    settings = await ledger.shop_settings(shop_id)
    reward_at = now + timedelta(days=settings["share_reward_after_days"])
    async with in_transaction():
        moved = await Referral.filter(id=referral.id, status=ReferralStatus.REGISTERED).update(
            status=ReferralStatus.PENDING, order_id=order_id, reward_at=reward_at
        )
        if moved:
            await timers.schedule(shop_id, SHARE_REWARD_TIMER, referral.id, reward_at)
    return bool(moved)


async def cancel_share_reward(shop_id: int, order_id: int) -> bool:
    """The qualifying order was refunded (in part or in full) within the window: no reward."""
    referral = await Referral.get_or_none(shop_id=shop_id, order_id=order_id, status=ReferralStatus.PENDING)
    if referral is None:
        return False
    async with in_transaction():
        moved = await Referral.filter(id=referral.id, status=ReferralStatus.PENDING).update(status=ReferralStatus.CANCELLED)
        await timers.disarm(SHARE_REWARD_TIMER, referral.id)
    return bool(moved)


async def reward_share(host: object, settings: object, timer: timers.Timer) -> None:
    """Timer handler: the refund window has passed; reward the sharer unless the order was
    refunded or cancelled meanwhile. Idempotent (a conditional status move guards it)."""
    from core.trade.models import Order, OrderStatus

    referral = await Referral.get_or_none(id=timer.target_id, status=ReferralStatus.PENDING)
    if referral is None:
        return
    order = await Order.get_or_none(id=referral.order_id)
    undone = order is None or order.refunded_fen > 0 or order.status in (OrderStatus.CANCELLED, OrderStatus.REFUNDING, OrderStatus.REFUNDED)
    if undone:
        await Referral.filter(id=referral.id, status=ReferralStatus.PENDING).update(status=ReferralStatus.CANCELLED)
        return
    shop_id = referral.shop_id  # type: ignore[attr-defined]
    points = (await ledger.shop_settings(shop_id))["share_reward_points"]
    async with in_transaction():
        moved = await Referral.filter(id=referral.id, status=ReferralStatus.PENDING).update(status=ReferralStatus.REWARDED)
        if moved:
            await ledger.earn(
                shop_id, referral.inviter_id, EntrySource.SHARE, points, f"share:invitee:{referral.invitee_id}",  # type: ignore[attr-defined]
                clock.now(), order_id=referral.order_id, reason="邀请好友首单奖励",
            )
