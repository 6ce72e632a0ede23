"""Customers' refund requests: ask, auto-review by the shop's rules, staff review, return, refund.

::

    requested ─► approved ─► processing ─► succeeded / failed
        │           └─► awaiting_return ─► (return received) processing
        └─► rejected / cancelled

A request names units of the order's lines; its amount is what those units cost (the line
allocations, as for a staff refund). Requests of one order are created one at a time (the
order row is locked first), and units already asked for in an open request cannot be asked
for again, so two simultaneous requests cannot ask for more than was bought; the money itself
moves through ``fulfilment.refund``, whose conditional UPDATEs never return more than was paid.
Every move is logged (``RefundLog``) with its actor: ``customer:<id>``, ``staff:<id>`` or
``rule:<name>`` for an automatic decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from core import clock
from core.errors import Conflict, InvalidInput, KaidianError, NotFound
from core.plugin_host import PluginHost
from core.trade import fulfilment
from core.trade.fulfilment import REFUND_WHAT, REFUNDABLE, LinePick, order_and_lines, pick_lines, new_refund_no, plan_refund
from core.trade.models import Order, OrderLine, OrderStatus, OrderStatusLog, Refund, RefundRules, RefundStatus
from core.trade.states import OPEN_REFUND_STATUSES, illegal_refund_move, log_refund, move_refund

# Products whose tags include this may be returned without a reason (七天无理由退货).
NO_REASON_TAG = "7天无理由"


# -- rules ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    auto_approve_unshipped: bool = True
    no_reason_return_days: int = 7
    manual_review_over_fen: int | None = None
    restock_returned: bool = True


@dataclass(frozen=True)
class Facts:
    """What the rules look at in a new request."""

    amount_fen: int
    unshipped: bool  # every unit asked for is still in the warehouse
    no_reason_items: bool  # every product asked for is marked 7天无理由
    delivered_at: datetime | None
    now: datetime


@dataclass(frozen=True)
class Decision:
    outcome: str  # "approve", "approve_on_return" or "manual"
    rule: str


def decide(rules: Rules, facts: Facts) -> Decision:
    """The auto-review, in this order: over the amount limit → staff; nothing shipped →
    approve; 7天无理由 items within the window after delivery → approve once returned;
    anything else → staff."""
    if rules.manual_review_over_fen is not None and facts.amount_fen > rules.manual_review_over_fen:
        return Decision("manual", "over_amount")
    if rules.auto_approve_unshipped and facts.unshipped:
        return Decision("approve", "unshipped")
    if (
        rules.no_reason_return_days > 0
        and facts.no_reason_items
        and facts.delivered_at is not None
        and facts.now - facts.delivered_at <= timedelta(days=rules.no_reason_return_days)
    ):
        return Decision("approve_on_return", "no_reason_return")
    return Decision("manual", "manual")


async def get_rules(shop_id: int) -> Rules:
    row = await RefundRules.get_or_none(shop_id=shop_id)
    if row is None:
        return Rules()
    return Rules(row.auto_approve_unshipped, row.no_reason_return_days, row.manual_review_over_fen, row.restock_returned)


async def set_rules(shop_id: int, rules: Rules) -> Rules:
    values = {
        "auto_approve_unshipped": rules.auto_approve_unshipped,
        "no_reason_return_days": rules.no_reason_return_days,
        "manual_review_over_fen": rules.manual_review_over_fen,
        "restock_returned": rules.restock_returned,
    }
    if not await RefundRules.filter(shop_id=shop_id).update(**values):
        await RefundRules.create(shop_id=shop_id, **values)
    return rules


# -- requests ---------------------------------------------------------------------------------


def check_photo_urls(urls: list[str], own_prefixes: tuple[str, ...]) -> None:
    """Photos are https URLs (plain http only from this app's own media store)."""
    for index, url in enumerate(urls):
        if not url.startswith("https://") and not any(url.startswith(prefix) for prefix in own_prefixes):
            raise InvalidInput(
                field=f"photo_urls[{index}]",
                reason={"zh-CN": "图片地址必须是 https 链接", "en": "photo URLs must be https links"},
            )


async def open_quantities(order_id: int, *, excluding: int | None = None) -> dict[int, int]:
    """line id → units asked for in the order's open (not yet refunded) requests."""
    quantities: dict[int, int] = {}
    query = Refund.filter(order_id=order_id, status__in=OPEN_REFUND_STATUSES)
    if excluding is not None:
        query = query.exclude(id=excluding)
    for lines in await query.values_list("lines", flat=True):
        for part in lines or []:  # type: ignore[union-attr]
            quantities[part["line_id"]] = quantities.get(part["line_id"], 0) + part["quantity"]
    return quantities


async def _delivered_at(order_id: int) -> datetime | None:
    row = await OrderStatusLog.filter(order_id=order_id, to_status=OrderStatus.DELIVERED).order_by("-id").first()
    return row.created_at if row else None


async def _no_reason_items(shop_id: int, lines: list[OrderLine]) -> bool:
    from core.catalog.models import Product

    product_ids = {line.product_id for line in lines}
    if None in product_ids:
        return False
    tags = dict(await Product.filter(shop_id=shop_id, id__in=product_ids).values_list("id", "tags"))
    return len(tags) == len(product_ids) and all(NO_REASON_TAG in (tags[pid] or []) for pid in product_ids)


def _all_unshipped(refund: Refund, lines: dict[int, OrderLine], pending: dict[int, int]) -> bool:
    for part in refund.lines:
        line = lines[part["line_id"]]
        if part["quantity"] > line.quantity - line.shipped_quantity - line.refunded_quantity - pending.get(line.id, 0):
            return False
    return True


async def request_refund(
    host: PluginHost,
    settings: Any,
    shop_id: int,
    customer_id: int,
    order_id: int,
    picks: list[LinePick],
    *,
    reason: str,
    description: str = "",
    photo_urls: list[str] | None = None,
) -> Refund:
    """A customer asks for units of their order back; the shop's rules may decide at once."""
    order = await Order.get_or_none(id=order_id, shop_id=shop_id, customer_id=customer_id)
    if order is None:
        raise NotFound()
    if order.status not in REFUNDABLE:
        raise Conflict(
            field="status", reason={"zh-CN": f"订单状态为 {order.status}，不能申请退款", "en": f"an order in {order.status} cannot be refunded"}
        )
    now = clock.now()
    async with in_transaction():
        # Lock the order row first: requests for one order are checked one after another.
        await Order.filter(id=order_id).update(updated_at=now)
        order, lines = await order_and_lines(shop_id, order_id)
        pending = await open_quantities(order_id)
        chosen = pick_lines(picks, lines, lambda line: line.quantity - line.refunded_quantity - pending.get(line.id, 0), REFUND_WHAT)
        plan = plan_refund(order, lines, chosen)
        record = await Refund.create(
            shop_id=shop_id,
            order_id=order_id,
            customer_id=customer_id,
            source="customer",
            status=RefundStatus.REQUESTED,
            refund_no=new_refund_no(now),
            amount_fen=plan.amount_fen,
            reason=reason,
            description=description,
            photo_urls=photo_urls or [],
            lines=[{key: part[key] for key in ("line_id", "quantity", "amount_fen")} for part in plan.parts],
        )
        await log_refund(record, None, RefundStatus.REQUESTED, actor=f"customer:{customer_id}", reason=reason)
    facts = Facts(
        amount_fen=plan.amount_fen,
        unshipped=_all_unshipped(record, lines, pending),
        no_reason_items=await _no_reason_items(shop_id, [lines[line_id] for line_id in chosen]),
        delivered_at=await _delivered_at(order_id),
        now=now,
    )
    decision = decide(await get_rules(shop_id), facts)
    if decision.outcome != "manual":
        await _approve(host, settings, record, actor=f"rule:{decision.rule}", require_return=decision.outcome == "approve_on_return", note="")
    return await Refund.get(id=record.id)


async def get_refund(shop_id: int, refund_id: int, customer_id: int | None = None) -> Refund:
    query = Refund.filter(id=refund_id, shop_id=shop_id)
    if customer_id is not None:
        query = query.filter(customer_id=customer_id)
    record = await query.first()
    if record is None:
        raise NotFound()
    return record


async def approve(host: PluginHost, settings: Any, shop_id: int, refund_id: int, *, actor: str, require_return: bool | None, note: str) -> Refund:
    """Staff approve a request: the refund is sent now, or once the goods are back.

    ``require_return`` unset: a return is required when any unit asked for has shipped.
    """
    record = await get_refund(shop_id, refund_id)
    if record.status != RefundStatus.REQUESTED:
        raise illegal_refund_move(record.status, RefundStatus.APPROVED)
    if require_return is None:
        _, lines = await order_and_lines(shop_id, record.order_id)  # type: ignore[attr-defined]
        require_return = not _all_unshipped(record, lines, await open_quantities(record.order_id, excluding=record.id))  # type: ignore[attr-defined]
    await _approve(host, settings, record, actor=actor, require_return=require_return, note=note)
    return await Refund.get(id=record.id)


async def _approve(host: PluginHost, settings: Any, record: Refund, *, actor: str, require_return: bool, note: str) -> None:
    async with in_transaction():
        await move_refund(record, RefundStatus.APPROVED, actor=actor, reason=note, reviewed_by=actor, review_note=note, return_required=require_return)
        if require_return:
            await move_refund(record, RefundStatus.AWAITING_RETURN, actor=actor, reason="waiting for the goods to come back")
    if not require_return:
        await _carry_out(host, settings, record, actor=actor, restock_shipped=False)


async def _carry_out(host: PluginHost, settings: Any, record: Refund, *, actor: str, restock_shipped: bool) -> None:
    """Send the money through the staff-refund path; if it cannot be done any more (the
    units were refunded another way, the order changed), the request fails, saying why."""
    picks = [LinePick(part["line_id"], part["quantity"]) for part in record.lines]
    try:
        await fulfilment.refund(
            host, settings, record.shop_id, record.order_id, picks,  # type: ignore[attr-defined]
            reason=record.reason, actor=actor, request=record, restock_shipped=restock_shipped,
        )
    except KaidianError as error:
        fresh = await Refund.get(id=record.id)
        async with in_transaction():
            await move_refund(fresh, RefundStatus.FAILED, actor=actor, reason=error.message("zh-CN"))


async def reject(shop_id: int, refund_id: int, *, actor: str, reason: str) -> Refund:
    """Staff refuse a request (or a return that never came), saying why."""
    record = await get_refund(shop_id, refund_id)
    async with in_transaction():
        await move_refund(record, RefundStatus.REJECTED, actor=actor, reason=reason, reviewed_by=actor, review_note=reason)
    return record


async def receive_return(host: PluginHost, settings: Any, shop_id: int, refund_id: int, *, actor: str, restock: bool | None) -> Refund:
    """The returned goods arrived: refund now; they go back to stock per the shop's rules
    (or ``restock``)."""
    record = await get_refund(shop_id, refund_id)
    if record.status != RefundStatus.AWAITING_RETURN:
        raise illegal_refund_move(record.status, RefundStatus.PROCESSING)
    if restock is None:
        restock = (await get_rules(shop_id)).restock_returned
    await _carry_out(host, settings, record, actor=actor, restock_shipped=restock)
    return await Refund.get(id=record.id)


async def submit_return(shop_id: int, customer_id: int, refund_id: int, *, carrier: str, tracking_no: str) -> Refund:
    """The customer sent the goods back: record carrier and tracking number (may be corrected)."""
    record = await get_refund(shop_id, refund_id, customer_id)
    if record.status != RefundStatus.AWAITING_RETURN:
        raise Conflict(field="status", reason={"zh-CN": "该退款无需退货或已处理", "en": "this refund is not waiting for a return"})
    async with in_transaction():
        updated = await Refund.filter(id=record.id, status=RefundStatus.AWAITING_RETURN).update(return_carrier=carrier, return_tracking_no=tracking_no)
        if not updated:
            raise Conflict(field="status", reason={"zh-CN": "退款已被其他操作处理", "en": "the refund changed meanwhile"})
        await log_refund(
            record, RefundStatus.AWAITING_RETURN, RefundStatus.AWAITING_RETURN, actor=f"customer:{customer_id}", reason=f"return {carrier} {tracking_no}"
        )
    return await Refund.get(id=record.id)


async def cancel(shop_id: int, customer_id: int, refund_id: int) -> Refund:
    """The customer withdraws a request not yet carried out."""
    record = await get_refund(shop_id, refund_id, customer_id)
    async with in_transaction():
        await move_refund(record, RefundStatus.CANCELLED, actor=f"customer:{customer_id}", reason="withdrawn by the customer")
    return record


async def list_refunds(
    shop_id: int, *, customer_id: int | None = None, status: str | None = None, order_id: int | None = None, stuck: bool = False,
    limit: int = 50,
) -> list[Refund]:
    query = Refund.filter(shop_id=shop_id)
    if stuck:
        query = query.filter(status=RefundStatus.PROCESSING, stuck_at__isnull=False)
    if customer_id is not None:
        query = query.filter(customer_id=customer_id)
    if status:
        query = query.filter(status=status)
    if order_id is not None:
        query = query.filter(order_id=order_id)
    return await query.order_by("-id").limit(limit)
