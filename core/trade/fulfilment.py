"""After payment: shipping lines (partially), delivery, completion, and partial refunds.

Refund amounts come from the line allocations: refunding ``q`` of a line's ``n`` units returns
``total·(done+q)//n − refunded_so_far``, so successive partial refunds of a line sum exactly
to what the line cost, and refunding everything also returns the shipping fee — the order's
``refunded_fen`` then equals its ``paid_fen`` to the fen.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from core import clock
from core.accounts.models import CustomerAddress
from core.errors import Conflict, InvalidInput, KaidianError, NotFound, ServiceUnavailable
from core.plugin_host import PluginError, PluginHost
from core.trade import timers
from core.trade.models import Order, OrderLine, OrderStatus, Refund, RefundStatus, Shipment
from core.trade.states import StatusChange, announce, illegal_move, log_refund, move, move_refund

# Receipt is confirmed for the customer this long after the last parcel left.
AUTO_CONFIRM_AFTER = timedelta(days=10)
SHIPPABLE = (OrderStatus.PAID, OrderStatus.PARTIALLY_SHIPPED)
REFUNDABLE = (OrderStatus.PAID, OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED)


@dataclass(frozen=True)
class LinePick:
    line_id: int
    quantity: int


async def order_and_lines(shop_id: int, order_id: int) -> tuple[Order, dict[int, OrderLine]]:
    order = await Order.get_or_none(id=order_id, shop_id=shop_id)
    if order is None:
        raise NotFound()
    lines = {line.id: line for line in await OrderLine.filter(order_id=order_id)}
    return order, lines


def pick_lines(picks: list[LinePick], lines: dict[int, OrderLine], room: Any, what: dict[str, str]) -> dict[int, int]:
    chosen: dict[int, int] = {}
    for pick in picks:
        chosen[pick.line_id] = chosen.get(pick.line_id, 0) + pick.quantity
    if not chosen:
        raise InvalidInput(field="lines", reason={"zh-CN": "请选择商品", "en": "choose at least one line"})
    for line_id, quantity in chosen.items():
        line = lines.get(line_id)
        if line is None:
            raise InvalidInput(field="line_id", reason={"zh-CN": f"订单中没有商品行 {line_id}", "en": f"the order has no line {line_id}"})
        if quantity < 1 or quantity > room(line):
            raise InvalidInput(
                field="quantity",
                reason={"zh-CN": f"商品行 {line_id} 最多可{what['zh-CN']} {room(line)} 件", "en": f"line {line_id}: at most {room(line)} units can be {what['en']}"},
            )
    return chosen


async def ship(
    host: PluginHost, shop_id: int, order_id: int, picks: list[LinePick], *, carrier: str, tracking_no: str, actor: str
) -> Shipment:
    """Ship some units of some lines; the order becomes partially shipped or shipped."""
    order, lines = await order_and_lines(shop_id, order_id)
    if order.status not in SHIPPABLE:
        raise illegal_move(order.status, OrderStatus.SHIPPED)
    await require_delivery_address(order)
    await refuse_held(host, shop_id, order_id)
    picks = picks or all_remaining(lines)
    chosen = pick_lines(
        picks, lines, lambda line: line.quantity - line.shipped_quantity - line.refunded_quantity, {"zh-CN": "发货", "en": "shipped"}
    )
    async with in_transaction():
        for line_id, quantity in chosen.items():
            line = lines[line_id]
            moved = await OrderLine.filter(id=line_id, shipped_quantity=line.shipped_quantity).update(shipped_quantity=line.shipped_quantity + quantity)
            if not moved:
                raise Conflict(field="lines", reason={"zh-CN": "订单已被其他操作修改", "en": "the order changed meanwhile"})
            line.shipped_quantity += quantity
        shipment = await Shipment.create(
            shop_id=shop_id,
            order_id=order_id,
            carrier=carrier,
            tracking_no=tracking_no,
            lines=[{"line_id": line_id, "quantity": quantity} for line_id, quantity in sorted(chosen.items())],
        )
        complete = all(line.shipped_quantity + line.refunded_quantity >= line.quantity for line in lines.values())
        target = OrderStatus.SHIPPED if complete else OrderStatus.PARTIALLY_SHIPPED
        changes: list[StatusChange] = []
        if target != order.status:
            changes.append(await move(shop_id, order_id, target, actor=actor, reason=f"{carrier} {tracking_no}", expected=order.status))
        if target == OrderStatus.SHIPPED:
            await timers.schedule(shop_id, timers.AUTO_CONFIRM, order_id, clock.now() + AUTO_CONFIRM_AFTER)
    await announce(host, changes)
    return shipment


async def require_delivery_address(order: Order) -> None:
    """409 naming ``shipping.address_id`` when an express order has no delivery address: none
    chosen at checkout, or (an order placed before orders kept the address) the customer
    deleted it. A plugin's shipping method (pickup at a point) delivers where the plugin says,
    so it needs none."""
    shipping = order.shipping or {}
    if shipping.get("method") or shipping.get("address"):  # the address as placed is kept
        return
    address_id = shipping.get("address_id")
    if address_id is None or not await CustomerAddress.exists(id=address_id, shop_id=order.shop_id, customer_id=order.customer_id):  # type: ignore[attr-defined]
        raise Conflict(
            field="shipping.address_id",
            reason={"zh-CN": "订单没有收货地址，不能发货：请联系顾客补充收货地址", "en": "the order has no delivery address to ship to: ask the customer for one"},
        )


async def refuse_held(host: PluginHost, shop_id: int, order_id: int) -> None:
    """409 with the first reason when a plugin holds the order (``kaidian_collect_shipping_holds``,
    e.g. a group buy still forming); 503 when a hold could not be checked."""
    try:
        holds = await host.collect("kaidian_collect_shipping_holds", shop_id=shop_id, order_id=order_id)
    except PluginError as exc:
        raise ServiceUnavailable(plugin=exc.plugin) from exc
    if holds:
        raise Conflict(field="status", reason=holds[0][1])


def all_remaining(lines: dict[int, OrderLine]) -> list[LinePick]:
    return [
        LinePick(line.id, line.quantity - line.shipped_quantity - line.refunded_quantity)
        for line in lines.values()
        if line.quantity - line.shipped_quantity - line.refunded_quantity > 0
    ]


def parse_ship_csv(text: str) -> list[tuple[int, list[str]]]:
    """``(row number, cells)`` of a shipping CSV (``order_no,carrier,tracking_no``; header optional)."""
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells) or (number == 1 and cells and cells[0].lower() == "order_no"):
            continue
        rows.append((number, cells))
    return rows


async def ship_batch(
    host: PluginHost, shop_id: int, rows: list[tuple[int, list[str]]], *, actor: str, locale: str
) -> list[dict[str, Any]]:
    """Ship every remaining unit of each row's order; bad rows are reported, good rows ship."""
    report = []
    for number, cells in rows:
        order_no = cells[0] if cells else ""
        try:
            if len(cells) != 3 or not all(cells):
                raise InvalidInput(field="row", reason={"zh-CN": "每行需要 订单号,快递公司,运单号", "en": "each row needs order_no,carrier,tracking_no"})
            order = await Order.get_or_none(shop_id=shop_id, order_no=order_no)
            if order is None:
                raise NotFound()
            _, lines = await order_and_lines(shop_id, order.id)
            await ship(host, shop_id, order.id, all_remaining(lines), carrier=cells[1], tracking_no=cells[2], actor=actor)
            report.append({"row": number, "order_no": order_no, "ok": True})
        except KaidianError as error:
            report.append({"row": number, "order_no": order_no, "ok": False, "error": error.message(locale)})
    return report


async def advance(host: PluginHost, shop_id: int, order_id: int, target: OrderStatus, *, actor: str, reason: str, customer_id: int | None = None) -> None:
    """Delivered / completed (receipt confirmed); 409 from any other state."""
    query = Order.filter(id=order_id, shop_id=shop_id)
    if customer_id is not None:
        query = query.filter(customer_id=customer_id)
    if not await query.exists():
        raise NotFound()
    changes = []
    async with in_transaction():
        status = (await Order.get(id=order_id)).status
        if target == OrderStatus.COMPLETED and status == OrderStatus.SHIPPED:
            changes.append(await move(shop_id, order_id, OrderStatus.DELIVERED, actor=actor, reason=reason))
        changes.append(await move(shop_id, order_id, target, actor=actor, reason=reason))
    await announce(host, changes)


async def auto_confirm(host: PluginHost, settings: Any, timer: timers.Timer) -> None:
    """Timer handler: complete a shipped or delivered order the customer never confirmed."""
    status = await Order.filter(id=timer.target_id).values_list("status", flat=True)
    if not status or status[0] not in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        return
    try:
        await advance(host, timer.shop_id, timer.target_id, OrderStatus.COMPLETED, actor="system", reason="receipt confirmed automatically")  # type: ignore[attr-defined]
    except Conflict:
        pass  # confirmed or refunded in the meantime


def line_refund_fen(line: OrderLine, quantity: int) -> int:
    """What refunding ``quantity`` more units of ``line`` returns (exact over all refunds)."""
    return line.total_fen * (line.refunded_quantity + quantity) // line.quantity - line.refunded_fen


@dataclass(frozen=True)
class RefundPlan:
    parts: list[dict[str, Any]]  # [{"line_id", "sku_id", "quantity", "amount_fen"}]
    amount_fen: int
    restock: dict[int, int]  # sku_id → units back to stock
    everything: bool


def plan_refund(order: Order, lines: dict[int, OrderLine], chosen: dict[int, int], *, restock_shipped: bool = False) -> RefundPlan:
    """What refunding ``chosen`` (line id → units) returns now; 422 if nothing or too much.

    Unshipped units go back to stock; shipped ones only when they came back
    (``restock_shipped``). The refund of the last units also returns shipping and rounding.
    """
    parts = []
    restock: dict[int, int] = {}
    for line_id, quantity in sorted(chosen.items()):
        line = lines[line_id]
        parts.append({"line_id": line_id, "sku_id": line.sku_id, "quantity": quantity, "amount_fen": line_refund_fen(line, quantity)})
        unshipped = max(line.quantity - line.shipped_quantity - line.refunded_quantity, 0)
        back = quantity if restock_shipped else min(quantity, unshipped)
        if back > 0:
            restock[line.sku_id] = restock.get(line.sku_id, 0) + back
    amount = sum(part["amount_fen"] for part in parts)
    everything = all(line.refunded_quantity + chosen.get(line.id, 0) >= line.quantity for line in lines.values())
    if everything:  # the last refund also returns shipping and any rounding: paid == refunded
        amount = order.paid_fen - order.refunded_fen
    if amount <= 0 or amount > order.paid_fen - order.refunded_fen:
        raise InvalidInput(field="lines", reason={"zh-CN": "退款金额超过可退金额", "en": "the refund exceeds what is left to refund"})
    return RefundPlan(parts, amount, restock, everything)


def refund_room(line: OrderLine) -> int:
    return line.quantity - line.refunded_quantity


REFUND_WHAT = {"zh-CN": "退款", "en": "refunded"}


def new_refund_no(now: datetime) -> str:
    return f"RF{now:%Y%m%d%H%M%S}{secrets.token_hex(4).upper()}"


async def refund(
    host: PluginHost,
    settings: Any,
    shop_id: int,
    order_id: int,
    picks: list[LinePick],
    *,
    reason: str,
    actor: str,
    request: Refund | None = None,
    restock_shipped: bool = False,
) -> Refund:
    """Refund units of lines through the order's provider; unshipped units go back to stock.

    ``request``: an approved customer request (or one whose return arrived) to carry out,
    instead of a new staff refund. Every amount is checked and taken with conditional
    UPDATEs, so concurrent refunds never return more than was paid.
    """
    from core.catalog.inventory import release_stock
    from core.trade.payments import provider_for
    from core.trade.refund_sending import send_refund

    order, lines = await order_and_lines(shop_id, order_id)
    if order.status not in REFUNDABLE:
        raise illegal_move(order.status, OrderStatus.REFUNDED)
    chosen = pick_lines(picks, lines, refund_room, REFUND_WHAT)
    plan = plan_refund(order, lines, chosen, restock_shipped=restock_shipped)
    provider = await provider_for(host, settings, shop_id, order.payment_method or "sandbox")
    changes: list[StatusChange] = []
    async with in_transaction():
        for part in plan.parts:
            line = lines[part["line_id"]]
            moved = await OrderLine.filter(id=line.id, refunded_quantity=line.refunded_quantity).update(
                refunded_quantity=line.refunded_quantity + part["quantity"], refunded_fen=line.refunded_fen + part["amount_fen"]
            )
            if not moved:
                raise Conflict(field="lines", reason={"zh-CN": "订单已被其他操作修改", "en": "the order changed meanwhile"})
        moved = await Order.filter(id=order.id, refunded_fen=order.refunded_fen).update(refunded_fen=order.refunded_fen + plan.amount_fen)
        if not moved:
            raise Conflict(field="lines", reason={"zh-CN": "订单已被其他操作修改", "en": "the order changed meanwhile"})
        if request is None:
            record = await Refund.create(
                shop_id=shop_id,
                order_id=order.id,
                refund_no=new_refund_no(clock.now()),
                amount_fen=plan.amount_fen,
                reason=reason,
                lines=plan.parts,
            )
            await log_refund(record, None, RefundStatus.PROCESSING, actor=actor, reason=reason)
        else:
            record = request
            await move_refund(record, RefundStatus.PROCESSING, actor=actor, amount_fen=plan.amount_fen, lines=plan.parts)
        if plan.everything:
            changes.append(await move(shop_id, order.id, OrderStatus.REFUNDED, actor=actor, reason=reason or "refunded", expected=order.status))
        if plan.restock:
            await release_stock(shop_id, plan.restock)
    await announce(host, changes)
    await send_refund(host, provider, order, record, whole_payment_fen=order.paid_fen)
    return await Refund.get(id=record.id)
