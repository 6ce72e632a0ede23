"""Delivery batches: every paid pickup order up to a cut-off that no batch took yet, taken
atomically (an order is never in two batches), shipped to its leader's point, and the
per-leader picking list (what to pack for each point) as rows, CSV or XLSX."""

from __future__ import annotations

import csv
import io
import logging
import secrets
from datetime import datetime

from tortoise.transactions import in_transaction

from core import clock
from core.errors import KaidianError, NotFound
from core.plugin_host import PluginHost
from core.security.crypto import FieldCipher
from core.shops.references import ensure_shop_id
from core.trade import fulfilment, timers
from core.trade.models import Order, OrderLine, OrderStatus
from plugins.community_group.leaders import contact_of
from plugins.community_group.models import DeliveryBatch, Leader, PickupOrder, PickupPoint
from plugins.community_group.schemas import PickingRowRead as PickingRow
from plugins.community_group.services import conflict

logger = logging.getLogger("kaidian.community_group.batches")
CARRIER = "community_pickup"
HEADER_ZH = ["团长", "电话", "自提点", "地址", "商品", "SKU编码", "数量", "订单数"]


async def create_batch(host: PluginHost, shop_id: int, cutoff: datetime | None, *, actor: str) -> DeliveryBatch:
    """Take every unbatched pickup order paid up to ``cutoff`` (default now) into a new batch
    and ship each to its point. Two admins at once: one batch gets the orders, the other 409s."""
    now = clock.now()
    cutoff = min(cutoff or now, now)
    unbatched = await PickupOrder.filter(shop_id=shop_id, batch_id=None, picked_up_at=None).values_list("id", "order_id")
    paid = set(
        await Order.filter(
            id__in=[order_id for _, order_id in unbatched], status=OrderStatus.PAID, paid_at__lte=cutoff
        ).values_list("id", flat=True)
    ) if unbatched else set()
    taken = sorted(pickup_id for pickup_id, order_id in unbatched if order_id in paid)
    if not taken:
        raise conflict("cutoff", "截止时间前没有待配送的已支付自提订单", "no paid pickup orders are waiting up to the cut-off")
    async with in_transaction():
        batch = await DeliveryBatch.create(
            shop_id=shop_id,
            batch_no=f"PB{now:%Y%m%d%H%M%S}{secrets.token_hex(3).upper()}",
            cutoff=cutoff,
            order_count=len(taken),
            created_by=actor,
        )
        claimed = await PickupOrder.filter(id__in=taken, batch_id=None).update(batch_id=batch.id)
        if claimed != len(taken):  # another batch took some meanwhile: keep nothing of this one
            raise conflict("cutoff", "另一个批次正在生成，请稍后重试", "another batch is being created; try again")
    await _ship(host, shop_id, batch, actor=actor)
    return await DeliveryBatch.get(id=batch.id)


async def _ship(host: PluginHost, shop_id: int, batch: DeliveryBatch, *, actor: str) -> None:
    """Ship each order of the batch to its point. An order that cannot ship now (refunded or
    held meanwhile) leaves the batch and waits for a later one. Receipt is not confirmed
    automatically for a pickup order: it completes when the leader hands it over."""
    for pickup in await PickupOrder.filter(batch_id=batch.id).order_by("id"):
        try:
            await fulfilment.ship(host, shop_id, pickup.order_id, [], carrier=CARRIER, tracking_no=batch.batch_no, actor=actor)
            await timers.disarm(timers.AUTO_CONFIRM, pickup.order_id)
        except KaidianError as error:
            logger.info("order %s left batch %s: %s", pickup.order_id, batch.batch_no, error)
            await PickupOrder.filter(id=pickup.id, batch_id=batch.id).update(batch_id=None)
    count = await PickupOrder.filter(batch_id=batch.id).count()
    if count == 0:  # nothing could ship: no empty batch is left behind
        await DeliveryBatch.filter(id=batch.id).delete()
        raise conflict("cutoff", "这些订单目前都不能发货", "none of these orders can ship now")
    await DeliveryBatch.filter(id=batch.id).update(order_count=count)


async def get_batch(shop_id: int, batch_id: int) -> DeliveryBatch:
    batch = await DeliveryBatch.get_or_none(id=batch_id, shop_id=shop_id)
    if batch is None:
        raise NotFound()
    return batch


async def list_batches(shop_id: int, leader_id: int | None = None) -> list[DeliveryBatch]:
    query = DeliveryBatch.filter(shop_id=shop_id)
    if leader_id is not None:
        query = query.filter(orders__leader_id=leader_id).distinct()
    return await query.order_by("-id").limit(200)


async def picking_rows(
    shop_id: int, batch_id: int, cipher: FieldCipher, *, full_contact: bool, leader_id: int | None = None
) -> list[PickingRow]:
    """What to pack for each leader: units per SKU still owed (refunded units left out), with
    the leader's name and phone in full or masked (``leaders``)."""
    await get_batch(shop_id, batch_id)
    await ensure_shop_id(Leader, shop_id, leader_id, field="leader_id")
    query = PickupOrder.filter(shop_id=shop_id, batch_id=batch_id)
    if leader_id is not None:
        query = query.filter(leader_id=leader_id)
    pickups = await query.values_list("order_id", "leader_id")
    leader_of = dict(pickups)
    leaders = {leader.id: leader for leader in await Leader.filter(id__in=set(leader_of.values()))}
    points = {point.leader_id: point for point in await PickupPoint.filter(leader_id__in=set(leader_of.values()))}  # type: ignore[attr-defined]
    totals: dict[tuple[int, str, str], list[int]] = {}
    for order_id, title, sku_code, quantity, refunded in await OrderLine.filter(order_id__in=list(leader_of)).values_list(
        "order_id", "title", "sku_code", "quantity", "refunded_quantity"
    ):
        owed = quantity - refunded
        if owed <= 0:
            continue
        entry = totals.setdefault((leader_of[order_id], title, sku_code or ""), [0, 0])
        entry[0] += owed
        entry[1] += 1
    rows = []
    contacts = {leader.id: contact_of(leader, cipher, full=full_contact) for leader in leaders.values()}
    for (leader_id_, title, sku_code), (quantity, orders) in totals.items():
        leader, point, contact = leaders[leader_id_], points[leader_id_], contacts[leader_id_]
        rows.append(PickingRow(
            leader_id=leader.id, leader_name=contact.name, leader_phone=contact.phone, point_name=point.name,
            point_address=point.address, title=title, sku_code=sku_code, quantity=quantity, order_count=orders,
        ))
    rows.sort(key=lambda row: (row.leader_name, row.leader_id, row.title, row.sku_code))
    return rows


def _cells(row: PickingRow) -> list[object]:
    return [row.leader_name, row.leader_phone, row.point_name, row.point_address, row.title, row.sku_code, row.quantity, row.order_count]


def _safe(value: object) -> object:
    # A cell starting with = + - @ would run as a formula in Excel (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def picking_csv(rows: list[PickingRow]) -> bytes:
    """UTF-8 with a BOM, so Excel opens the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER_ZH)
    for row in rows:
        writer.writerow([_safe(cell) for cell in _cells(row)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def picking_xlsx(rows: list[PickingRow], batch_no: str) -> bytes:
    """One sheet per leader (their point's packing list), through openpyxl."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    by_leader: dict[int, list[PickingRow]] = {}
    for row in rows:
        by_leader.setdefault(row.leader_id, []).append(row)
    if not by_leader:
        workbook.create_sheet(batch_no[:31]).append(HEADER_ZH)
    for leader_id, leader_rows in by_leader.items():
        title = f"{leader_rows[0].leader_name}-{leader_id}"
        for bad in "[]:*?/\\":
            title = title.replace(bad, " ")
        sheet = workbook.create_sheet(title[-31:])
        sheet.append(HEADER_ZH)
        for row in leader_rows:
            sheet.append([_safe(cell) for cell in _cells(row)])
        sheet.append(["合计", "", "", "", "", "", sum(r.quantity for r in leader_rows), ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
