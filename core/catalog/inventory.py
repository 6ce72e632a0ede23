"""Stock: the contract the trade loop calls, and low-stock alerts.

* ``reserve_stock`` takes stock with one conditional ``UPDATE … WHERE stock >= q`` per SKU,
  so two orders can never both take the last unit, on any of our databases. Call it inside
  your transaction: a failure on any SKU raises and your transaction rolls the others back
  (it opens a savepoint of its own, so it is all-or-nothing even without one).
* ``release_stock`` puts stock back (cancelled or expired orders, refunds).
* Low stock: when a SKU's stock falls to or below its threshold (the SKU's own, else the
  shop's) one ``InventoryAlert`` row is written in the same transaction, guarded by the
  SKU's ``low_stock_alerted`` flag, so there is exactly one alert per crossing however many
  orders race. Stock rising above the threshold re-arms the flag. Committed alerts are
  announced through ``kaidian_on_inventory_low`` by ``announce_inventory_alerts`` — call it
  after your commit; a scheduled job also sweeps anything not yet announced. Core's own
  notifiers: the admin inbox (the alert rows) and ``alert_webhooks`` (an ``inventory.low``
  event to the shop's merchant webhooks).
* ``sku_snapshot`` gives the cart current prices and sellability.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from core import clock, sql
from core.catalog.cache import bump_version
from core.catalog.models import CatalogSettings, InventoryAlert, Product, ProductStatus, Sku
from core.db import joined_transaction
from core.errors import Conflict, InvalidInput
from core.shop_memo import ShopMemo

logger = logging.getLogger("kaidian.catalog.inventory")

DEFAULT_LOW_STOCK_THRESHOLD = 5


class StockStatus(StrEnum):
    IN_STOCK = "in_stock"
    LOW = "low"
    SOLD_OUT = "sold_out"


@dataclass(frozen=True)
class SkuInfo:
    """What the cart needs to revalidate a line: current price, names, and whether it sells."""

    sku_id: int
    product_id: int
    title: str
    spec_text: str
    code: str | None
    image: str
    price_fen: int
    list_price_fen: int | None
    stock_status: StockStatus
    sellable: bool
    on_sale: bool = True
    low_stock_limit: int = 0  # its own threshold, else the shop's


def stock_status(stock: int, threshold: int) -> StockStatus:
    if stock <= 0:
        return StockStatus.SOLD_OUT
    if stock <= threshold:
        return StockStatus.LOW
    return StockStatus.IN_STOCK


def is_on_sale(status: str, on_sale_at: datetime | None, now: datetime | None = None) -> bool:
    """On sale now: marked so, or a scheduled on-sale time has passed (before the job runs)."""
    if status == ProductStatus.ON_SALE:
        return True
    return on_sale_at is not None and on_sale_at <= (now or clock.now())


def on_sale_filter(now: datetime | None = None) -> Q:
    """The ORM filter matching ``is_on_sale`` for products."""
    return Q(status=ProductStatus.ON_SALE) | Q(on_sale_at__lte=now or clock.now())


async def _read_threshold(shop_id: int) -> int:
    value = await CatalogSettings.filter(shop_id=shop_id).values_list("low_stock_threshold", flat=True)
    return value[0] if value else DEFAULT_LOW_STOCK_THRESHOLD


# Read on every stock change: remembered per process (``forget_threshold`` on change).
_thresholds: ShopMemo[int] = ShopMemo(_read_threshold)


async def shop_threshold(shop_id: int) -> int:
    """The shop's low-stock threshold (a SKU's own overrides it)."""
    return await _thresholds.get(shop_id)


def forget_threshold(shop_id: int) -> None:
    """Call when the shop's catalog settings change."""
    _thresholds.forget(shop_id)


def _check_quantities(quantities: dict[int, int]) -> list[int]:
    for sku_id, quantity in quantities.items():
        if not isinstance(sku_id, int) or not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
            raise InvalidInput(
                field="quantities",
                reason={"zh-CN": f"SKU {sku_id} 的数量必须是正整数", "en": f"quantity of SKU {sku_id} must be a positive integer"},
            )
    # A fixed lock order: two orders touching the same SKUs never deadlock.
    return sorted(quantities)


async def reserve_stock(
    shop_id: int, quantities: dict[int, int], *, on_sale_checked: bool = False, limits: dict[int, int] | None = None
) -> list[int]:
    """Take ``quantities`` (sku_id → units) from stock, all or nothing. Returns the ids of
    low-stock alerts this wrote (announce them after your commit: ``announce_inventory_alerts``).
    Joins the caller's transaction if there is one: a failure is the caller's to roll back.

    ``on_sale_checked``: the caller read these SKUs as on sale a moment ago (``sku_snapshot``,
    as checkout does), so the check is not read again. ``limits``: their low-stock limits as
    read then (``SkuInfo.low_stock_limit``). A SKU that stays above its limit changes neither
    its low-stock flag nor its shown status, so it is taken with one UPDATE and not read back.

    :raises Conflict: ``sku_unavailable`` (unknown in this shop, or its product is not on
        sale) or ``out_of_stock`` (worded 已售罄 when none is left); ``field`` is ``"sku_id"``
        and ``params["sku_id"]`` names it.
    :raises InvalidInput: a quantity that is not a positive integer.
    """
    sku_ids = _check_quantities(quantities)
    if not sku_ids:
        return []
    if not on_sale_checked:
        rows = await Sku.filter(shop_id=shop_id, id__in=sku_ids).values(
            "id", "product__status", "product__on_sale_at"
        )
        found = {row["id"]: row for row in rows}
        now = clock.now()
        for sku_id in sku_ids:
            row = found.get(sku_id)
            if row is None or not is_on_sale(row["product__status"], row["product__on_sale_at"], now):
                raise Conflict("sku_unavailable", field="sku_id", sku_id=sku_id)
    limits = limits or {}
    async with joined_transaction():
        near_limit: dict[int, int] = {}
        for sku_id in sku_ids:
            quantity = quantities[sku_id]
            limit = limits.get(sku_id)
            # Hand-written SQL (core.sql): every checkout runs these.
            if limit is not None and await sql.execute(Sku, _take_sql(">"), [quantity, sku_id, shop_id, quantity + max(limit, 0)]):
                continue
            if not await sql.execute(Sku, _take_sql(">="), [quantity, sku_id, shop_id, quantity]):
                # Unknown in this shop (possible when the caller checked): not found, not sold out.
                if on_sale_checked and not await Sku.exists(id=sku_id, shop_id=shop_id):
                    raise Conflict("sku_unavailable", field="sku_id", sku_id=sku_id)
                raise await out_of_stock(sku_id)
            near_limit[sku_id] = -quantity
        return await _after_stock_change(shop_id, near_limit) if near_limit else []


async def out_of_stock(sku_id: int) -> Conflict:
    """The problem for a SKU with fewer units than asked: 已售罄 when none is left (the losers
    of a race for the last units), else 库存不足."""
    left = await Sku.filter(id=sku_id).values_list("stock", flat=True)
    return Conflict("out_of_stock", field="sku_id", sku_id=sku_id, variant="sold_out" if not left or left[0] <= 0 else None)


def refusal(info: SkuInfo | None, sku_id: int) -> Conflict | None:
    """Why a SKU from ``sku_snapshot`` cannot be bought now, or None: gone or off sale is
    ``sku_unavailable``; on sale with nothing left is ``out_of_stock`` (已售罄)."""
    if info is None or not info.on_sale:
        return Conflict("sku_unavailable", field="sku_id", sku_id=sku_id)
    if not info.sellable:
        return Conflict("out_of_stock", field="sku_id", sku_id=sku_id, variant="sold_out")
    return None


async def release_stock(shop_id: int, quantities: dict[int, int]) -> None:
    """Give ``quantities`` back to stock (SKUs deleted since are skipped)."""
    sku_ids = _check_quantities(quantities)
    if not sku_ids:
        return
    async with in_transaction():
        for sku_id in sku_ids:
            await Sku.filter(id=sku_id, shop_id=shop_id).update(stock=F("stock") + quantities[sku_id])
        await _after_stock_change(shop_id, {sku_id: quantities[sku_id] for sku_id in sku_ids})


async def _after_stock_change(shop_id: int, deltas: dict[int, int]) -> list[int]:
    """Low-stock flags and alerts (``sync_low_stock``), and cached pages: they show stock
    status, not counts, so they are invalidated only when a status changed. One read of the
    SKUs serves both. Returns the new alert ids."""
    threshold = await shop_threshold(shop_id)
    rows = await _stock_rows(shop_id, list(deltas))
    alert_ids = await _sync_low_stock_rows(shop_id, threshold, rows)
    for sku_id, stock, own, _, _ in rows:
        limit = own if own is not None else threshold
        if stock_status(stock, limit) != stock_status(stock - deltas[sku_id], limit):
            await bump_version(shop_id, ())
            break
    return alert_ids


async def record_sales(shop_id: int, quantities: dict[int, int]) -> None:
    """Count units sold (on payment) on the SKUs and their products: the "sales" sort."""
    sku_ids = _check_quantities(quantities)
    rows = await Sku.filter(shop_id=shop_id, id__in=sku_ids).values_list("id", "product_id")
    per_product: dict[int, int] = {}
    for sku_id, product_id in rows:
        await Sku.filter(id=sku_id).update(sales=F("sales") + quantities[sku_id])
        per_product[product_id] = per_product.get(product_id, 0) + quantities[sku_id]
    for product_id, units in sorted(per_product.items()):
        await Product.filter(id=product_id).update(sales=F("sales") + units)


def _low_filter(default_threshold: int) -> Q:
    return Q(low_stock_threshold__isnull=False, stock__lte=F("low_stock_threshold")) | Q(
        low_stock_threshold__isnull=True, stock__lte=default_threshold
    )


def _above_filter(default_threshold: int) -> Q:
    return Q(low_stock_threshold__isnull=False, stock__gt=F("low_stock_threshold")) | Q(
        low_stock_threshold__isnull=True, stock__gt=default_threshold
    )


async def sync_low_stock(shop_id: int, sku_ids: list[int]) -> list[int]:
    """After any stock change: alert SKUs that crossed down, re-arm those back above.

    Call it in the transaction that wrote the SKUs, after writing them: their row locks make
    the read current. The read picks the SKUs whose flag is wrong for their stock; each flip
    is then one conditional UPDATE, so of many concurrent transactions exactly one wins the
    crossing. Returns the new alert ids.
    """
    threshold = await shop_threshold(shop_id)
    return await _sync_low_stock_rows(shop_id, threshold, await _stock_rows(shop_id, sku_ids))


async def _stock_rows(shop_id: int, sku_ids: list[int]) -> list[tuple[int, int, int | None, bool, int]]:
    """(id, stock, own threshold, alerted flag, product id) of the SKUs, by id."""
    if not sku_ids:
        return []
    rows = await Sku.filter(shop_id=shop_id, id__in=sorted(set(sku_ids))).values_list(
        "id", "stock", "low_stock_threshold", "low_stock_alerted", "product_id"
    )
    return sorted(rows)  # type: ignore[arg-type]


async def _sync_low_stock_rows(shop_id: int, threshold: int, rows: list[tuple[int, int, int | None, bool, int]]) -> list[int]:
    alert_ids = []
    for sku_id, stock, own, alerted, product_id in rows:
        limit = own if own is not None else threshold
        if stock <= limit and not alerted:
            crossed = await Sku.filter(_low_filter(threshold), id=sku_id, shop_id=shop_id, low_stock_alerted=False).update(
                low_stock_alerted=True
            )
            if crossed:
                alert = await InventoryAlert.create(shop_id=shop_id, sku_id=sku_id, product_id=product_id, stock=stock, threshold=limit)
                alert_ids.append(alert.id)
        elif stock > limit and alerted:
            await Sku.filter(_above_filter(threshold), id=sku_id, shop_id=shop_id, low_stock_alerted=True).update(
                low_stock_alerted=False
            )
    return alert_ids


async def announce_inventory_alerts(host: Any, *, shop_id: int | None = None, limit: int = 200) -> int:
    """Fire ``kaidian_on_inventory_low`` for committed alerts not yet announced; returns how many.

    Each row is claimed with a conditional UPDATE first, so two callers (the trade loop after
    its commit and the sweeping job) never announce the same alert twice.
    """
    query = InventoryAlert.filter(notified_at__isnull=True)
    if shop_id is not None:
        query = query.filter(shop_id=shop_id)
    pending = await query.order_by("id").limit(limit)
    announced = 0
    for alert in pending:
        claimed = await InventoryAlert.filter(id=alert.id, notified_at__isnull=True).update(
            notified_at=clock.now()
        )
        if not claimed:
            continue
        announced += 1
        await host.notify(
            "kaidian_on_inventory_low",
            shop_id=alert.shop_id,  # type: ignore[attr-defined]
            sku_id=alert.sku_id,
            stock=alert.stock,
            threshold=alert.threshold,
        )
    return announced


async def alert_webhooks(shop_id: int, sku_id: int, stock: int, threshold: int) -> int:
    """The built-in signed-webhook notifier: an ``inventory.low`` event to every webhook of
    the shop subscribed to it, through the merchant webhook system (signed, retried, logged).
    Called once per announced alert, so once per crossing. Returns the deliveries queued."""
    from core.trade.webhooks import enqueue

    info = (await sku_snapshot(shop_id, [sku_id])).get(sku_id)
    payload = {
        "sku_id": sku_id,
        "product_id": info.product_id if info else None,
        "title": info.title if info else "",
        "spec_text": info.spec_text if info else "",
        "code": info.code if info else None,
        "stock": stock,
        "threshold": threshold,
    }
    return await enqueue(shop_id, "inventory.low", payload)


async def sku_snapshot(shop_id: int, sku_ids: list[int] | set[int] | tuple[int, ...]) -> dict[int, SkuInfo]:
    """Current facts about SKUs of the shop; ids not in the shop are simply absent."""
    ids = sorted(set(sku_ids))
    if not ids:
        return {}
    threshold = await shop_threshold(shop_id)
    # Only the columns a line needs (not the product's description): every checkout reads this,
    # as hand-written SQL (core.sql).
    rows = await sql.fetch(Sku, _snapshot_sql(len(ids)), [shop_id, *ids])
    now = clock.now()
    result = {}
    for row in rows:
        sku_id, stock, own, code, image, price_fen, list_price_fen, product_id, title, status = (row[name] for name in _SNAPSHOT_PLAIN)
        spec_values, = sql.python_values(Sku, ("spec_values",), row)
        specs, media, on_sale_at = sql.python_values(Product, ("specs", "media", "on_sale_at"), row)
        on_sale = is_on_sale(status, on_sale_at, now)
        result[sku_id] = SkuInfo(
            sku_id=sku_id,
            product_id=product_id,
            title=title,
            spec_text=spec_text(specs, spec_values),
            code=code,
            image=image or first_image(media),
            price_fen=price_fen,
            list_price_fen=list_price_fen,
            stock_status=stock_status(stock, own if own is not None else threshold),
            sellable=on_sale and stock > 0,
            on_sale=on_sale,
            low_stock_limit=own if own is not None else threshold,
        )
    return result


@functools.cache
def _take_sql(comparison: str) -> str:
    return f'UPDATE "{sql.table(Sku)}" SET stock = stock - %s WHERE id = %s AND shop_id = %s AND stock {comparison} %s'


_SNAPSHOT_PLAIN = ("id", "stock", "low_stock_threshold", "code", "image", "price_fen", "list_price_fen", "product_id", "title", "status")


@functools.lru_cache(maxsize=64)
def _snapshot_sql(count: int) -> str:
    return (
        "SELECT s.id, s.stock, s.low_stock_threshold, s.spec_values, s.code, s.image, s.price_fen, s.list_price_fen, s.product_id,"
        " p.title, p.specs, p.media, p.status, p.on_sale_at"
        f' FROM "{sql.table(Sku)}" s JOIN "{sql.table(Product)}" p ON p.id = s.product_id'
        f" WHERE s.shop_id = %s AND s.id IN ({sql.marks(count)})"
    )


def spec_text(specs: list[dict[str, Any]], values: list[str]) -> str:
    """``颜色:红 尺码:M`` — how a SKU is named on a cart line or an order."""
    names = [dimension.get("name", "") for dimension in specs or []]
    return " ".join(f"{name}:{value}" for name, value in zip(names, values or []))


def first_image(media: list[dict[str, Any]] | None) -> str:
    for item in media or []:
        if item.get("kind", "image") == "image" and item.get("url"):
            return str(item["url"])
    return ""
