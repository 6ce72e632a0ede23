"""Placing and cancelling orders.

Checkout prices the lines through the pricing pipeline, then in ONE transaction writes the
order, its lines with their share of every adjustment, the first audit-log row and the
auto-cancel timer, then reserves the stock (catalog's conditional UPDATE) and lets plugins
claim what the order was priced with — last, so the row locks other checkouts of the same SKUs
wait for are held only until the commit. Any failure rolls all of it back: there is never a
half-written order or stock taken without an order.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core import clock, sql
from core.accounts.customers import address_snapshot
from core.accounts.models import Customer
from core.errors import Conflict, InvalidInput, KaidianError, NotFound, ServiceUnavailable
from core.plugin_host import PluginError, PluginHost
from core.pricing.pipeline import LineResult, PriceBreakdown, price
from core.pricing.types import PricingContext, PricingLine
from core.shop_memo import ShopMemo
from core.trade import timers
from core.trade.idempotency import in_flight
from core.trade.models import Order, OrderLine, OrderStatus, OrderStatusLog, TradeSettings
from core.trade.states import StatusChange, announce, move

if TYPE_CHECKING:
    from core.catalog.inventory import SkuInfo

logger = logging.getLogger("kaidian.trade.orders")

MAX_LINES = 50
MAX_QUANTITY = 999
DEFAULT_UNPAID_TIMEOUT_MINUTES = 30


@dataclass(frozen=True)
class LineRequest:
    sku_id: int
    quantity: int


def new_order_no(now: datetime) -> str:
    return f"KD{now:%Y%m%d%H%M%S}{secrets.token_hex(4).upper()}"


def merge_lines(lines: list[LineRequest]) -> dict[int, int]:
    if not lines:
        raise InvalidInput(field="lines", reason={"zh-CN": "订单至少需要一件商品", "en": "an order needs at least one line"})
    quantities: dict[int, int] = {}
    for line in lines:
        if line.quantity < 1 or line.quantity > MAX_QUANTITY:
            raise InvalidInput(
                field="quantity",
                reason={"zh-CN": f"数量必须在 1 到 {MAX_QUANTITY} 之间", "en": f"quantity must be between 1 and {MAX_QUANTITY}"},
            )
        quantities[line.sku_id] = quantities.get(line.sku_id, 0) + line.quantity
    if len(quantities) > MAX_LINES or max(quantities.values()) > MAX_QUANTITY:
        raise InvalidInput(field="lines", reason={"zh-CN": "商品种类或数量超出上限", "en": "too many lines or units"})
    return quantities


async def _read_unpaid_timeout(shop_id: int) -> timedelta:
    minutes = await TradeSettings.filter(shop_id=shop_id).values_list("unpaid_timeout_minutes", flat=True)
    return timedelta(minutes=minutes[0] if minutes else DEFAULT_UNPAID_TIMEOUT_MINUTES)


# Read by every checkout: remembered per process, forgotten by ``set_unpaid_timeout``.
_unpaid_timeouts: ShopMemo[timedelta] = ShopMemo(_read_unpaid_timeout)


async def unpaid_timeout(shop_id: int) -> timedelta:
    return await _unpaid_timeouts.get(shop_id)


async def set_unpaid_timeout(shop_id: int, minutes: int) -> None:
    """Applies to orders placed from now on (in other server processes within a couple of
    seconds); earlier orders keep the deadline they were given."""
    _unpaid_timeouts.forget(shop_id)
    updated = await TradeSettings.filter(shop_id=shop_id).update(unpaid_timeout_minutes=minutes)
    if not updated:
        await TradeSettings.create(shop_id=shop_id, unpaid_timeout_minutes=minutes)


@dataclass
class Quote:
    """An order priced but not placed: what checkout writes, and what the preview shows."""

    quantities: dict[int, int]
    snapshot: dict[int, SkuInfo]
    context: PricingContext
    breakdown: PriceBreakdown
    shipping: dict[str, Any]

    @property
    def total_fen(self) -> int:
        return max(self.breakdown.total_fen, 0)

    @property
    def discount_fen(self) -> int:
        return self.breakdown.subtotal_fen + self.breakdown.shipping_fen - self.total_fen


def line_field(lines: list[LineRequest], error: KaidianError) -> KaidianError:
    """Name the body's line in a problem about a SKU (``lines[1].sku_id``), so the page can
    say which line is sold out or gone."""
    sku_id = error.params.get("sku_id")
    if error.field == "sku_id" and sku_id is not None:
        index = next((i for i, line in enumerate(lines) if line.sku_id == sku_id), None)
        if index is not None:
            error.field = f"lines[{index}].sku_id"
    return error


async def quote_order(
    host: PluginHost,
    shop_id: int,
    customer_id: int,
    lines: list[LineRequest],
    *,
    shipping: dict[str, Any] | None = None,
    inputs: dict[str, dict[str, Any]] | None = None,
) -> Quote:
    """Price an order exactly as checkout will, writing nothing (see ``place_order``)."""
    from core.catalog.inventory import refusal, sku_snapshot

    quantities = merge_lines(lines)
    snapshot = await sku_snapshot(shop_id, list(quantities))
    for sku_id in sorted(quantities):
        problem = refusal(snapshot.get(sku_id), sku_id)
        if problem is not None:
            raise line_field(lines, problem)
    context = PricingContext(
        shop_id=shop_id,
        customer_id=customer_id,
        lines=tuple(
            PricingLine(sku_id, quantities[sku_id], snapshot[sku_id].price_fen, product_id=snapshot[sku_id].product_id)
            for sku_id in sorted(quantities)
        ),
        now=clock.now(),
        inputs=dict(inputs or {}),
    )
    shipping = {key: value for key, value in (shipping or {}).items() if value is not None}
    if not shipping.get("method"):
        # Express (no plugin method): only the delivery address is kept on the order, by id and
        # as chosen (``address``: its ciphertexts, ``core.accounts.customers.address_snapshot``).
        shipping = {key: shipping[key] for key in ("address_id", "address") if key in shipping}
    else:
        context.extra.update({f"shipping_{key}": value for key, value in shipping.items()})
        fee, serving = await shipping_fee(host, context)
        context = replace(context, shipping_fen=fee)
        # The order keeps the method with the serving plugin's part (e.g. the pickup point).
        shipping = {**context.inputs.get(serving, {}), **shipping}
    breakdown = await price(host, context)
    return Quote(quantities, snapshot, context, breakdown, shipping)


async def place_order(
    host: PluginHost,
    shop_id: int,
    customer_id: int,
    lines: list[LineRequest],
    *,
    note: str = "",
    shipping: dict[str, Any] | None = None,
    inputs: dict[str, dict[str, Any]] | None = None,
    idempotency_key_id: int | None = None,
    attribution: dict[str, Any] | None = None,
) -> Order:
    """Price and place an order. ``inputs`` are the plugins' validated parts of the checkout
    body by plugin name (``core.trade.checkout_inputs``); they reach plugins as
    ``context.inputs`` and ``kaidian_reserve_for_order``'s ``inputs``. ``shipping``
    (``{"method": "pickup"}``, ``{"address_id": 3}``) is core's delivery choice: its entries
    reach plugins as ``context.extra["shipping_<key>"]``, the fee comes from the plugin serving
    the method (``kaidian_resolve_shipping_fee``) and the choice is kept on the order, an express
    order's address as chosen too (its ciphertexts: ``address_snapshot``; pass it as
    ``shipping["address"]`` when already read). ``idempotency_key_id`` (the request's claimed
    key) is kept on the order: one order per key. ``attribution`` (the client's device id and A/B assignments) is kept for the order's
    analytics events only. Where the database returns the new lines' ids, the order comes
    back with ``placed_lines`` (its ``OrderLine`` rows as written) for ``order_read``.
    A problem about one SKU names its line of ``lines`` (``field="lines[1].sku_id"``)."""
    from core.catalog.inventory import announce_inventory_alerts, reserve_stock

    quote = await quote_order(host, shop_id, customer_id, lines, shipping=shipping, inputs=inputs)
    quantities, snapshot, context, breakdown, shipping = quote.quantities, quote.snapshot, quote.context, quote.breakdown, quote.shipping
    refuse_unmet_choices(breakdown)
    express = not shipping.get("method")
    if express and "address_id" in shipping and "address" not in shipping:  # the caller has not read it
        if (address := await address_snapshot(shop_id, customer_id, shipping["address_id"])) is not None:
            shipping["address"] = address
    total_fen = quote.total_fen
    now = context.now
    deadline = now + await unpaid_timeout(shop_id)

    async with in_transaction():
        # The order's own rows first: the stock and the plugins' claims below lock rows other
        # checkouts wait for, so they come last and are held only until the commit.
        order = Order(
            shop_id=shop_id,
            customer_id=customer_id,
            idempotency_key_id=idempotency_key_id,
            attribution=attribution,
            order_no=new_order_no(now),
            status=OrderStatus.PENDING_PAYMENT,
            subtotal_fen=breakdown.subtotal_fen,
            discount_fen=quote.discount_fen,
            shipping_fen=breakdown.shipping_fen,
            total_fen=total_fen,
            adjustments=[
                {
                    "source": item.adjustment.source,
                    "kind": item.adjustment.kind,
                    "key": item.adjustment.key,
                    "amount_fen": item.applied_fen,
                    "reason": item.adjustment.reason,
                }
                for item in breakdown.applied
            ],
            note=note,
            shipping=shipping,
            pay_deadline=deadline,
        )
        # Hand-written INSERTs (core.sql) for the rows every checkout writes.
        try:
            # One customer's checkouts take turns (plugins' per-customer limits rely on it): the
            # order's INSERT locks the customer's row as it writes. The lock must come no later
            # than that INSERT, whose foreign-key check share-locks the same row on PostgreSQL
            # and MariaDB: locking it later, two checkouts of one customer deadlock.
            await sql.insert(order, locking=(Customer, customer_id))
        except IntegrityError:
            if idempotency_key_id is None:
                raise
            # Another request with this key has committed its order (the whole transaction
            # rolls back here, so no savepoint is needed).
            raise in_flight() from None
        order_lines = [order_line(shop_id, order.id, line, snapshot[line.sku_id]) for line in breakdown.lines]
        returned = await sql.insert_many(order_lines, returning=("id", "sku_id"))
        if returned is not None:  # the lines' ids came back (one line per SKU): the answer needs no read
            ids = {row["sku_id"]: row["id"] for row in returned}
            for written in order_lines:
                written.id = ids[written.sku_id]
            order.placed_lines = order_lines
        await sql.insert(
            OrderStatusLog(
                shop_id=shop_id, order_id=order.id, from_status=None, to_status=OrderStatus.PENDING_PAYMENT, actor=f"customer:{customer_id}", reason="checkout"
            )
        )
        await timers.schedule(shop_id, timers.AUTO_CANCEL, order.id, deadline)
        try:
            # quote_order has just read the SKUs as on sale.
            limits = {sku_id: snapshot[sku_id].low_stock_limit for sku_id in quantities}
            alert_ids = await reserve_stock(shop_id, quantities, on_sale_checked=True, limits=limits)
        except Conflict as exc:
            raise line_field(lines, exc) from None
        # Plugins claim what the order was priced with (a coupon…); one that lost a race
        # refuses, and the whole order rolls back.
        try:
            await host.reserve(
                "kaidian_reserve_for_order", shop_id=shop_id, customer_id=customer_id, order_id=order.id, adjustments=order.adjustments,
                extra=context.extra, inputs=context.inputs,
            )
        except PluginError as exc:
            raise ServiceUnavailable(plugin=exc.plugin) from exc
    if alert_ids:  # else nothing to announce (the sweeping job catches any left behind)
        await announce_inventory_alerts(host, shop_id=shop_id)
    await host.notify(
        "kaidian_on_order_placed", shop_id=shop_id, order_id=order.id, customer_id=customer_id, total_fen=total_fen, attribution=attribution
    )
    return order


def refuse_unmet_choices(breakdown: PriceBreakdown) -> None:
    """409 for an adjustment the customer explicitly chose (``required_by``) that does not
    apply — e.g. a chosen coupon below its threshold — naming the choice and why, rather than
    placing the order without it."""
    unmet = [item for item in breakdown.skipped if item.adjustment.required_by]
    if unmet:
        first = unmet[0]
        raise Conflict(
            field=first.adjustment.required_by,
            reason=first.reason,
            errors=[{"field": item.adjustment.required_by, "message": item.reason} for item in unmet],
        )


def order_line(shop_id: int, order_id: int, result: LineResult, info: SkuInfo) -> OrderLine:
    """An unsaved order line from its priced line and the SKU's snapshot."""
    return OrderLine(
        shop_id=shop_id,
        order_id=order_id,
        sku_id=result.sku_id,
        product_id=info.product_id,
        title=f"{info.title} {info.spec_text}".strip()[:200],
        sku_code=info.code,
        unit_price_fen=info.price_fen,
        quantity=result.quantity,
        subtotal_fen=result.subtotal_fen,
        discount_fen=result.subtotal_fen - result.total_fen,
        total_fen=result.total_fen,
        allocations_fen=result.adjustments_fen,
    )


async def shipping_fee(host: PluginHost, context: PricingContext) -> tuple[int, str]:
    """The fee of the shipping method the customer chose, and the plugin that serves it."""
    method = context.extra["shipping_method"]
    try:
        answer = await host.resolve_with_plugin("kaidian_resolve_shipping_fee", shop_id=context.shop_id, context=context)
    except PluginError as exc:
        raise ServiceUnavailable("pricing_unavailable", plugin=exc.plugin) from exc
    if answer is None:
        raise InvalidInput(
            field="shipping_method",
            reason={"zh-CN": f"本店不支持配送方式 {method}", "en": f"this shop does not offer the shipping method {method}"},
        )
    serving, fee = answer
    if not isinstance(fee, int) or isinstance(fee, bool) or fee < 0:
        raise ServiceUnavailable("pricing_unavailable", plugin=serving)
    return fee, serving


async def order_quantities(order_id: int) -> dict[int, int]:
    """sku_id → units of an order's lines."""
    quantities: dict[int, int] = {}
    for sku_id, quantity in await OrderLine.filter(order_id=order_id).values_list("sku_id", "quantity"):
        quantities[sku_id] = quantities.get(sku_id, 0) + quantity
    return quantities


async def cancel_order(
    host: PluginHost, shop_id: int, order_id: int, *, actor: str, reason: str, customer_id: int | None = None
) -> StatusChange:
    """Cancel an unpaid order and give its stock back (409 once it is paid or cancelled)."""
    from core.catalog.inventory import release_stock

    query = Order.filter(id=order_id, shop_id=shop_id)
    if customer_id is not None:
        query = query.filter(customer_id=customer_id)
    if not await query.exists():
        raise NotFound()
    async with in_transaction():
        change = await move(
            shop_id, order_id, OrderStatus.CANCELLED, actor=actor, reason=reason, cancelled_at=clock.now()
        )
        await release_stock(shop_id, await order_quantities(order_id))
        await timers.disarm(timers.AUTO_CANCEL, order_id)
    await announce(host, [change])
    return change


async def auto_cancel(host: PluginHost, settings: Any, timer: timers.Timer) -> None:
    """Timer handler: cancel the order if it is still unpaid (a paid order is left alone).

    If a payment was started, the provider is asked first: a payment whose notification is
    late or lost is applied instead of cancelling (and refunding) the order.
    """
    from core.trade.payments import reconcile_unpaid

    order = await Order.get_or_none(id=timer.target_id)
    if order is None or order.status != OrderStatus.PENDING_PAYMENT:
        return
    if order.payment_method and settings is not None:
        try:
            if await reconcile_unpaid(host, settings, order) == "paid":
                return
        except Exception:  # the provider being down must not keep stock locked forever
            logger.exception("could not ask the provider about order %s before cancelling", order.order_no)
    try:
        await cancel_order(
            host, timer.shop_id, timer.target_id, actor="system", reason="unpaid timeout"  # type: ignore[attr-defined]
        )
    except Conflict:
        pass  # paid or cancelled in the meantime: nothing to do
