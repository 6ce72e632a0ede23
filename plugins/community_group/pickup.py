"""Pickup orders: linked to their point inside the checkout transaction, given an unguessable
pickup code, and completed when the leader verifies that code (typed or scanned)."""

from __future__ import annotations

import secrets
from datetime import UTC

from tortoise.transactions import in_transaction

from core import clock
from core.errors import NotFound
from core.plugin_host import PluginHost
from core.trade.models import Order, OrderLine, OrderStatus
from core.trade.states import StatusChange, announce, move
from plugins.community_group.models import Leader, PickupOrder, ProductCommission
from plugins.community_group.services import conflict, invalid, open_point

METHOD = "pickup"
CODE_DIGITS = 10
SCAN_PREFIX = "KDPICKUP"
# States in which goods may be waiting at the point (paid, or on the way in a batch).
AWAITING = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED)


def new_code() -> str:
    """10 random digits (10¹⁰ possibilities) from the OS's CSPRNG: easy to key in, not guessable."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def scan_payload(shop_id: int, code: str) -> str:
    """What the customer's QR code carries; the leader's scanner posts it back as ``scan``."""
    return f"{SCAN_PREFIX}:{shop_id}:{code}"


def code_from_scan(shop_id: int, payload: str) -> str:
    parts = payload.strip().split(":")
    if len(parts) != 3 or parts[0] != SCAN_PREFIX or not parts[2].isdigit():
        raise invalid("scan", "无法识别的提货二维码", "this is not a pickup QR code")
    if parts[1] != str(shop_id):
        raise invalid("scan", "这不是本店的提货码", "this pickup code belongs to another shop")
    return parts[2]


async def line_rates(shop_id: int, leader: Leader, order_id: int) -> dict[str, int]:
    """Each line's commission rate: the product's own rate, else the leader's."""
    lines = await OrderLine.filter(order_id=order_id).values_list("id", "product_id")
    product_ids = {product_id for _, product_id in lines if product_id is not None}
    overrides = dict(
        await ProductCommission.filter(shop_id=shop_id, product_id__in=product_ids).values_list("product_id", "rate_bp")
    ) if product_ids else {}
    return {str(line_id): overrides.get(product_id, leader.commission_bp) for line_id, product_id in lines}


async def link_order(shop_id: int, customer_id: int, order_id: int, point_id: object) -> None:
    """Inside the checkout transaction: a pickup order gets its point, leader, code and rates.
    An unknown or closed point refuses the whole order (422 naming
    ``plugins.community_group.pickup_point_id``)."""
    point = await open_point(shop_id, point_id)
    code = new_code()
    while await PickupOrder.filter(shop_id=shop_id, pickup_code=code).exists():
        code = new_code()
    await PickupOrder.create(
        shop_id=shop_id,
        order_id=order_id,
        customer_id=customer_id,
        leader_id=point.leader.id,
        pickup_point_id=point.id,
        pickup_code=code,
        rates_bp=await line_rates(shop_id, point.leader, order_id),
    )


async def customer_pickup(shop_id: int, customer_id: int, order_id: int) -> tuple[PickupOrder, Order]:
    """The customer's own pickup order with its code; 409 while it is unpaid or after it closed."""
    pickup = await PickupOrder.filter(shop_id=shop_id, order_id=order_id, customer_id=customer_id).prefetch_related("pickup_point").first()
    order = await Order.get_or_none(id=order_id, shop_id=shop_id, customer_id=customer_id)
    if pickup is None or order is None:
        raise NotFound()
    if order.status == OrderStatus.PENDING_PAYMENT:
        raise conflict("status", "订单支付后才有提货码", "the pickup code is given once the order is paid")
    if order.status in (OrderStatus.CANCELLED, OrderStatus.REFUNDED):
        raise conflict("status", "订单已关闭，提货码作废", "the order is closed; its pickup code is void")
    return pickup, order


async def verify(host: PluginHost, shop_id: int, leader: Leader, code: str, *, actor: str) -> PickupOrder:
    """The leader hands over an order: its code must be theirs, unused, and the goods must
    have reached the point (the order is in a delivery batch). The order is completed."""
    code = code.strip()
    if not code.isdigit() or len(code) != CODE_DIGITS:
        raise invalid("code", f"提货码应为 {CODE_DIGITS} 位数字", f"a pickup code has {CODE_DIGITS} digits")
    pickup = await PickupOrder.get_or_none(shop_id=shop_id, pickup_code=code)
    if pickup is None or pickup.leader_id != leader.id:  # type: ignore[attr-defined]
        raise invalid("code", "提货码无效：本自提点没有这个提货码", "unknown pickup code for this pickup point")
    if pickup.picked_up_at is not None:
        when = pickup.picked_up_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        raise conflict("code", f"提货码已于 {when} 使用", f"this pickup code was already used at {when}")
    status = (await Order.get(id=pickup.order_id)).status
    if status == OrderStatus.COMPLETED:
        raise conflict("code", "订单已完成，不能再次提货", "the order is already completed")
    if status not in AWAITING:
        raise conflict("code", "订单已退款或关闭，不能提货", "the order was refunded or closed; nothing to hand over")
    if pickup.batch_id is None or status == OrderStatus.PAID:  # type: ignore[attr-defined]
        raise conflict("code", "商品尚未送达自提点", "the goods have not reached the pickup point yet")
    changes: list[StatusChange] = []
    async with in_transaction():
        taken = await PickupOrder.filter(id=pickup.id, picked_up_at=None).update(picked_up_at=clock.now())
        if not taken:
            raise conflict("code", "提货码已被使用", "this pickup code was just used")
        reason = f"picked up at point {pickup.pickup_point_id}"  # type: ignore[attr-defined]
        if status == OrderStatus.SHIPPED:
            changes.append(await move(shop_id, pickup.order_id, OrderStatus.DELIVERED, actor=actor, reason=reason, expected=status))
        changes.append(await move(shop_id, pickup.order_id, OrderStatus.COMPLETED, actor=actor, reason=reason))
    await announce(host, changes)
    return await PickupOrder.get(id=pickup.id)


async def leader_orders(shop_id: int, leader_id: int, status: str | None, limit: int = 200) -> list[tuple[PickupOrder, Order]]:
    """A leader's pickup orders, newest first, with their trade order (never the codes)."""
    pickups = await PickupOrder.filter(shop_id=shop_id, leader_id=leader_id).order_by("-id").limit(limit)
    orders = {order.id: order for order in await Order.filter(id__in=[p.order_id for p in pickups])}
    rows = [(pickup, orders[pickup.order_id]) for pickup in pickups if pickup.order_id in orders]
    if status:
        rows = [(pickup, order) for pickup, order in rows if order.status == status]
    return rows
