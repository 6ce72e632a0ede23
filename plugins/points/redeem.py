"""Redeeming points at checkout: the price adjustment, the hold an order takes at submit, and
what payment, cancellation and refunds do with it.

The customer opts in with ``plugins.points.points_to_redeem`` on the checkout (this plugin's
part, ``context.inputs["points"]``). The offer is all or nothing: more points than the customer
has, fewer than one fen's worth, or more than the shop's percentage of the goods is offered as
not applicable, with the reason — and the checkout then refuses with 409 naming
``plugins.points.points_to_redeem`` rather than silently using fewer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core.errors import Conflict
from core.pricing.types import PriceAdjustment, PricingContext
from plugins.points import ledger
from plugins.points.manifest import manifest
from plugins.points.models import EntryKind, EntrySource, HoldStatus, PointsAccount, PointsHold

ADJUSTMENT_KIND = "points_redeem"
STACKING_GROUP = "points"
PRIORITY = 900  # after every other discount: points pay part of what is left


# Where the checkout body carries the choice; this plugin's part is registered in hooks.py.
CHOICE_FIELD = "plugins.points.points_to_redeem"
CHECKOUT_INPUT = {
    "type": "object",
    "properties": {
        "points_to_redeem": {
            "type": "integer", "minimum": 1, "maximum": 100_000_000,
            "description": "points the customer redeems on this order; omit for none",
        }
    },
    "additionalProperties": False,
}


def requested_points(inputs: dict[str, dict[str, Any]]) -> int:
    value = inputs.get(manifest.name, {}).get("points_to_redeem")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def discount_for(points: int, settings: dict[str, Any]) -> int:
    return points * 100 // settings["redeem_points_per_yuan"]


def points_for(discount_fen: int, settings: dict[str, Any]) -> int:
    """Points a discount costs, rounded up (never more than the points that offered it)."""
    return -(-discount_fen * settings["redeem_points_per_yuan"] // 100)


def max_points(goods_fen: int, settings: dict[str, Any]) -> int:
    """The most points an order of ``goods_fen`` may redeem under the shop's cap."""
    cap_fen = goods_fen * settings["redeem_max_percent"] // 100
    return cap_fen * settings["redeem_points_per_yuan"] // 100


def problem(requested: int, available: int, goods_fen: int, settings: dict[str, Any]) -> dict[str, str] | None:
    """Why ``requested`` points cannot be redeemed on this order, or None."""
    if settings["redeem_max_percent"] == 0:
        return {"zh-CN": "本店暂不支持积分抵现", "en": "this shop does not take points at checkout"}
    if requested > available:
        return {"zh-CN": f"积分不足，可用{available}积分", "en": f"not enough points: {available} available"}
    if discount_for(requested, settings) <= 0:
        least = points_for(1, settings)
        return {"zh-CN": f"至少使用{least}积分", "en": f"use at least {least} points"}
    most = max_points(goods_fen, settings)
    if requested > most:
        return {
            "zh-CN": f"本单最多可用{most}积分（商品金额的{settings['redeem_max_percent']}%）",
            "en": f"at most {most} points on this order ({settings['redeem_max_percent']}% of the goods)",
        }
    return None


def _reason(points: int, discount_fen: int) -> dict[str, str]:
    yuan = f"{discount_fen / 100:.2f}"
    return {"zh-CN": f"{points}积分抵扣¥{yuan}", "en": f"{points} points: ¥{yuan} off"}


async def offer(context: PricingContext) -> list[PriceAdjustment]:
    requested = requested_points(context.inputs)
    if not requested or context.customer_id is None:
        return []
    settings = await ledger.shop_settings(context.shop_id)
    available = (await ledger.balance_of(context.shop_id, context.customer_id)).available
    why = problem(requested, available, context.subtotal_fen, settings)
    if why is not None:
        return [PriceAdjustment(0, ADJUSTMENT_KIND, why, stacking_group=STACKING_GROUP, key="points", applicable=False)]
    discount = discount_for(requested, settings)
    return [
        PriceAdjustment(
            -discount, ADJUSTMENT_KIND, _reason(points_for(discount, settings), discount),
            stacking_group=STACKING_GROUP, priority=PRIORITY, key="points",
        )
    ]


async def preview_section(context: PricingContext, adjustments: list[dict[str, Any]], locale: str) -> dict[str, Any]:
    """The checkout preview's ``points`` section. ``balance`` is what the customer may spend
    now (points held by unpaid orders excluded); ``fen_per_point`` is rounded down, so pages
    that need exact values use ``points_per_yuan``."""
    from core.i18n import pick

    settings = await ledger.shop_settings(context.shop_id)
    available = (await ledger.balance_of(context.shop_id, context.customer_id)).available  # type: ignore[arg-type]
    mine = [item for item in adjustments if item["source"] == manifest.name]
    redeemed_fen = -sum(item["amount_fen"] for item in mine if item["applied"])
    skipped = next((item for item in mine if not item["applied"]), None)
    return {
        "balance": available,
        "max_points": min(available, max_points(context.subtotal_fen, settings)) if settings["redeem_max_percent"] else 0,
        "fen_per_point": 100 // settings["redeem_points_per_yuan"],
        "points_per_yuan": settings["redeem_points_per_yuan"],
        "redeemed_points": points_for(redeemed_fen, settings) if redeemed_fen > 0 else 0,
        "redeemed_fen": redeemed_fen,
        "reason": pick(skipped["reason"], locale) if skipped else None,
    }


def refused(reason: dict[str, str]) -> Conflict:
    return Conflict(field=CHOICE_FIELD, reason=reason)


async def hold_for_order(
    shop_id: int, order_id: int, customer_id: int, adjustments: list[dict[str, Any]], inputs: dict[str, dict[str, Any]]
) -> None:
    """Take the points the order was priced with (inside the checkout transaction).

    The account row is locked and read fresh, so of two checkouts racing for the same points
    the second sees the first's hold and is refused with 409: the points are never overspent.
    """
    from core.trade.models import Order

    requested = requested_points(inputs)
    if not requested:
        return
    settings = await ledger.shop_settings(shop_id)
    discount = -sum(int(item["amount_fen"]) for item in adjustments if item.get("source") == manifest.name)
    async with ledger.locked(shop_id, customer_id) as account:
        available = max(account.balance - account.held, 0)
        if discount <= 0:
            order = await Order.get(id=order_id)
            raise refused(problem(requested, available, order.subtotal_fen, settings) or {
                "zh-CN": "本单已无可用积分抵扣的金额", "en": "nothing left on this order for points to pay"
            })
        points = points_for(discount, settings)
        if points > available:
            raise refused({"zh-CN": f"积分不足，可用{available}积分", "en": f"not enough points: {available} available"})
        await PointsHold.create(shop_id=shop_id, customer_id=customer_id, order_id=order_id, points=points, discount_fen=discount)
        await PointsAccount.filter(id=account.id).update(held=account.held + points)


async def _move_hold(shop_id: int, order_id: int, target: HoldStatus) -> PointsHold | None:
    """Move a held hold to ``target`` under the customer's lock; None if it was not held."""
    hold = await PointsHold.get_or_none(shop_id=shop_id, order_id=order_id)
    if hold is None:
        return None
    async with ledger.locked(shop_id, hold.customer_id) as account:  # type: ignore[attr-defined]
        moved = await PointsHold.filter(id=hold.id, status=HoldStatus.HELD).update(status=target)
        if not moved:
            return None
        await PointsAccount.filter(id=account.id).update(held=account.held - hold.points)
        if target == HoldStatus.CONFIRMED:
            await ledger.write(
                shop_id, hold.customer_id, EntryKind.SPEND, EntrySource.REDEEM, -hold.points,  # type: ignore[attr-defined]
                f"spend:order:{order_id}", order_id=order_id, reason="积分抵现 / redeemed at checkout",
            )
    return hold


async def confirm(shop_id: int, order_id: int) -> PointsHold | None:
    """The order was paid: its held points become a spend entry."""
    return await _move_hold(shop_id, order_id, HoldStatus.CONFIRMED)


async def release(shop_id: int, order_id: int) -> PointsHold | None:
    """The unpaid order was cancelled: its points are free again (no ledger entry: none was spent)."""
    return await _move_hold(shop_id, order_id, HoldStatus.RELEASED)


async def settle_stale_holds() -> int:
    """Holds still held by orders that are no longer awaiting payment — the payment or cancel
    notification failed after its commit — are confirmed (paid) or released (cancelled)."""
    from core.trade.models import Order, OrderStatus

    settled = 0
    for hold in await PointsHold.filter(status=HoldStatus.HELD).order_by("id").limit(500):
        status = await Order.filter(id=hold.order_id).values_list("status", "paid_at")
        if not status or status[0][0] == OrderStatus.PENDING_PAYMENT:
            continue
        shop_id = hold.shop_id  # type: ignore[attr-defined]
        paid = status[0][1] is not None
        if await (confirm(shop_id, hold.order_id) if paid else release(shop_id, hold.order_id)):
            settled += 1
    return settled


async def return_on_refund(shop_id: int, order_id: int, refund_id: int, refunded_fen: int, paid_fen: int, now: datetime) -> int:
    """Give back the redeemed points in proportion to what was refunded so far (all of them on
    a full refund). Returns the points given back by this refund."""
    hold = await PointsHold.get_or_none(shop_id=shop_id, order_id=order_id, status=HoldStatus.CONFIRMED)
    if hold is None or paid_fen <= 0:
        return 0
    customer_id = hold.customer_id  # type: ignore[attr-defined]
    settings = await ledger.shop_settings(shop_id)
    due_in_total = hold.points * min(refunded_fen, paid_fen) // paid_fen
    async with ledger.locked(shop_id, customer_id):
        from plugins.points.models import PointsEntry

        returned = await ledger.sum_points(PointsEntry.filter(
            shop_id=shop_id, customer_id=customer_id, order_id=order_id, source=EntrySource.REFUND, points__gt=0
        ))
        entry = await ledger.write(
            shop_id, customer_id, EntryKind.REVERSE, EntrySource.REFUND, due_in_total - returned,
            f"refund:{refund_id}:redeemed", order_id=order_id, expires_at=ledger.expiry_of(settings, now),
            reason="退款退回抵现积分 / redeemed points returned on refund",
        )
    return entry.points if entry else 0
