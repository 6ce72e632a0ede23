"""Group buy at checkout: the customer's choice (open a group of an activity, or join one)
priced as a price adjustment, and the slot claimed inside the checkout's transaction.

A slot is taken by ``UPDATE group SET reserved_count = reserved_count + 1 WHERE status = 'open'
AND reserved_count < size`` on the order's transaction (``kaidian_reserve_for_order``), so
however many joiners race, at most ``size`` members hold a slot; the loser's whole order rolls
back with a 409 naming the group.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from core import clock
from core.errors import Conflict, InvalidInput, KaidianError
from core.schemas import LARGEST_ID
from core.pricing.types import PriceAdjustment, PricingContext
from core.trade import timers
from plugins.group_buy import services
from plugins.group_buy.groups import EXPIRY, LIVE
from plugins.group_buy.models import GroupBuyActivity, GroupBuyGroup, GroupBuyMember, GroupBuySku, GroupStatus

PLUGIN = "group_buy"
# Where the checkout body carries the choice: this plugin's part of it (hooks.py registers it).
FIELD = "plugins.group_buy"
CHECKOUT_INPUT = {
    "type": "object",
    "description": "buy as a group-buy member: open a group of an activity, or join one",
    "properties": {
        "activity_id": {"type": "integer", "minimum": 1, "maximum": LARGEST_ID},
        "group_id": {"type": "integer", "minimum": 1, "maximum": LARGEST_ID, "description": "the group to join (from its share link); omit to open a new group"},
        "size": {"type": "integer", "minimum": 2, "maximum": 100, "description": "opening a ladder activity: which group size"},
    },
    "required": ["activity_id"],
    "additionalProperties": False,
}
KIND = "group_buy"
LEADER_KIND = "group_buy_leader"
REFUSED_KIND = "group_buy_refused"


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
    def from_inputs(cls, inputs: dict[str, dict[str, Any]]) -> Choice | None:
        """The checkout's choice (validated by core against ``CHECKOUT_INPUT``), if any."""
        part = inputs.get(PLUGIN)
        if not part:
            return None
        return cls(int(part["activity_id"]), part.get("group_id"), part.get("size"))


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
        raise refused(FIELD, "请先登录", "log in first")
    activity = await GroupBuyActivity.get_or_none(id=choice.activity_id, shop_id=shop_id)
    if activity is None or not services.is_running(activity, now):
        raise refused(f"{FIELD}.activity_id", "拼团活动不存在或已结束", "the group-buy activity is not running")
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
            raise refused(f"{FIELD}.group_id", "团不存在", "no such group")
        if group.status != GroupStatus.OPEN or group.expires_at <= now:
            raise refused(f"{FIELD}.group_id", "该团已结束", "this group is no longer open")
        size = group.size
    else:
        size = choice.size or min(activity.sizes)  # type: ignore[arg-type]
        if size not in activity.sizes:  # type: ignore[operator]
            raise InvalidInput(field=f"{FIELD}.size", reason={"zh-CN": "没有这个成团人数", "en": "the activity has no such group size"})
    return Plan(activity, group, sku_id, quantity, size, unit_price_fen, int(sku.prices_fen[str(size)]))  # type: ignore[index]


async def price_adjustments(context: PricingContext) -> list[PriceAdjustment]:
    """The group price as a discount on the line (plus the leader's discount when opening).

    A choice that cannot be honoured is reported as a zero ``group_buy_refused`` adjustment:
    the checkout then refuses it with the reason (in ``kaidian_reserve_for_order``) instead of
    silently charging the normal price.
    """
    choice = Choice.from_inputs(context.inputs)
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
    from core.trade.models import OrderLine

    ours = [item for item in adjustments if item.get("source") == PLUGIN and item.get("kind") in (KIND, REFUSED_KIND)]
    if not ours:
        return
    choice = Choice.from_key(str(ours[0]["key"]))
    lines = list(await OrderLine.filter(order_id=order_id).values_list("sku_id", "quantity", "unit_price_fen"))
    now = clock.now()
    plan = await make_plan(shop_id, customer_id, choice, lines, now)  # type: ignore[arg-type]
    if ours[0]["kind"] == REFUSED_KIND:  # it became possible between pricing and now: price again
        raise refused(FIELD, "拼团状态已变化，请重新下单", "the group changed meanwhile: please order again")
    activity = plan.activity
    # Checkout has locked the customer's row (kaidian_reserve_for_order): one customer's group
    # checkouts take turns, so two at once cannot pass the limit together.
    live = await GroupBuyMember.filter(customer_id=customer_id, group__activity_id=activity.id, status__in=LIVE).count()
    if live >= activity.per_customer_limit:
        raise refused(
            FIELD, f"每人最多参加 {activity.per_customer_limit} 次该拼团", f"at most {activity.per_customer_limit} groups per customer in this activity"
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
            raise refused(f"{FIELD}.group_id", "该团已满员，去开个新团吧", "this group is full: open a new one")
        if await GroupBuyMember.filter(group_id=group.id, customer_id=customer_id, status__in=LIVE).exists():
            raise refused(f"{FIELD}.group_id", "你已经在这个团里了", "you are already in this group")
    try:
        await GroupBuyMember.create(
            shop_id=shop_id, group_id=group.id, customer_id=customer_id, live_customer_id=customer_id, order_id=order_id,
            sku_id=plan.sku_id, is_leader=plan.is_leader,
        )
    except IntegrityError:  # the (group, live customer) key: a second tap of the same customer
        raise refused(f"{FIELD}.group_id", "你已经在这个团里了", "you are already in this group") from None
