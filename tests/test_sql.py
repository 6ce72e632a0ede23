"""``core.sql``: hot-path statements written as SQL must store and read exactly what the ORM
does, on every database the suite runs on."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core import clock, sql
from core.accounts.models import Customer
from core.trade.models import IdempotencyKey, Order, OrderLine, OrderStatus, Timer
from core.trade.views import order_lines


def test_translate_writes_each_dialects_placeholders_and_quotes():
    text = 'SELECT id FROM "t" WHERE "key" = %s AND id IN (%s,%s) FOR UPDATE'
    assert sql.translate(text, "mysql") == "SELECT id FROM `t` WHERE `key` = %s AND id IN (%s,%s) FOR UPDATE"
    assert sql.translate(text, "postgres") == 'SELECT id FROM "t" WHERE "key" = $1 AND id IN ($2,$3) FOR UPDATE'
    assert sql.translate(text, "sqlite") == 'SELECT id FROM "t" WHERE "key" = ? AND id IN (?,?)'


def _stored(row: dict, *leave_out: str) -> dict:
    return {name: value for name, value in row.items() if name not in ("id", *leave_out)}


async def test_insert_stores_what_create_stores(shop):
    moment = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    values = dict(
        shop_id=shop.shop_id, customer_id=shop.customer_id, status=OrderStatus.PENDING_PAYMENT, subtotal_fen=12_345,
        discount_fen=345, shipping_fen=0, total_fen=12_000, note="送到门口 <b>", pay_deadline=moment + timedelta(minutes=30),
        adjustments=[{"source": "coupons", "amount_fen": 345, "reason": "满100减3.45"}], shipping={"address_id": 7},
        attribution={"device_id": "d1", "experiments": {"home": "b"}},
    )
    with clock.pinned(moment):  # the ORM's auto_now stamps follow the pinned clock
        created = await Order.create(order_no="KDCREATE", **values)
        inserted = Order(order_no="KDINSERT", **values)
        await sql.insert(inserted)
    assert inserted.id is not None and inserted.id != created.id and inserted.created_at == moment
    rows = {row["order_no"]: row for row in await Order.filter(id__in=[created.id, inserted.id]).values()}
    assert _stored(rows["KDINSERT"], "order_no") == _stored(rows["KDCREATE"], "order_no")
    assert rows["KDINSERT"]["created_at"] == moment and rows["KDINSERT"]["paid_fen"] == 0

    # Many rows in one INSERT, read back by hand-written SQL as the ORM reads them.
    lines = [
        OrderLine(shop_id=shop.shop_id, order_id=inserted.id, sku_id=sku, product_id=None, title=f"商品{sku}", sku_code=None,
                  unit_price_fen=100 * sku, quantity=sku, subtotal_fen=100 * sku * sku, total_fen=100 * sku * sku, allocations_fen={"coupons": sku})
        for sku in (3, 1, 2)
    ]
    await sql.insert_many(lines)
    read = await order_lines(inserted.id)
    assert [(line.sku_id, line.allocations_fen, line.discount_fen, line.refunded_quantity) for line in read] == [
        (3, {"coupons": 3}, 0, 0), (1, {"coupons": 1}, 0, 0), (2, {"coupons": 2}, 0, 0)
    ]
    by_orm = await OrderLine.filter(order_id=inserted.id).order_by("id").values_list("id", "title", "total_fen")
    assert [(line.id, line.title, line.total_fen) for line in read] == [tuple(row) for row in by_orm]

    # Asked for, the new rows' columns come back (PostgreSQL, SQLite and MariaDB all can; MySQL
    # answers None and the caller reads them).
    more = [OrderLine(shop_id=shop.shop_id, order_id=created.id, sku_id=sku, title="x", unit_price_fen=1, quantity=1, subtotal_fen=1, total_fen=1) for sku in (8, 9)]
    returned = await sql.insert_many(more, returning=("id", "sku_id"))
    assert returned is not None
    assert sorted((row["sku_id"], row["id"]) for row in returned) == [
        tuple(row) for row in await OrderLine.filter(order_id=created.id).order_by("sku_id").values_list("sku_id", "id")
    ]


async def test_insert_keeps_the_orms_errors_and_execute_counts_rows(shop):
    row = IdempotencyKey(shop_id=shop.shop_id, customer_id=shop.customer_id, key="k1", request_hash="h")
    await sql.insert(row)
    with pytest.raises(IntegrityError):  # the unique key: what claim() relies on
        await sql.insert(IdempotencyKey(shop_id=shop.shop_id, customer_id=shop.customer_id, key="k1", request_hash="h"))
    timer = Timer(shop_id=shop.shop_id, kind="test", target_id=row.id, run_at=clock.now())
    await sql.insert(timer)
    update = f'UPDATE "{sql.table(Timer)}" SET attempts = attempts + 1 WHERE id = %s AND attempts < %s'
    assert await sql.execute(Timer, update, [timer.id, 1]) == 1
    assert await sql.execute(Timer, update, [timer.id, 1]) == 0
    assert (await Timer.get(id=timer.id)).attempts == 1


async def test_a_locking_insert_holds_the_row_until_its_transaction_ends(shop):
    """What checkout relies on for one customer's checkouts to take turns: the order's INSERT
    locks the customer's row in the same statement."""
    if Order._meta.db.capabilities.dialect == "sqlite":
        pytest.skip("SQLite has no row locks: its writing transactions take turns anyway")
    values = dict(
        shop_id=shop.shop_id, customer_id=shop.customer_id, status=OrderStatus.PENDING_PAYMENT, subtotal_fen=1, total_fen=1, pay_deadline=clock.now()
    )
    inserted, release, events = asyncio.Event(), asyncio.Event(), []

    async def checkout() -> None:
        async with in_transaction():
            order = Order(order_no="KDLOCKING", **values)
            await sql.insert(order, locking=(Customer, shop.customer_id))
            assert order.id is not None
            inserted.set()
            await release.wait()
            events.append("order committed")

    async def other_checkout_of_the_customer() -> None:
        async with in_transaction():
            # A plain INSERT would pass here at once: its foreign-key check only share-locks
            # the customer, as the first order's did.
            await sql.insert(Order(order_no="KDLOCKING2", **values), locking=(Customer, shop.customer_id))
            events.append("the other's order written")

    first = asyncio.create_task(checkout())
    await asyncio.wait([first, asyncio.create_task(inserted.wait())], return_when=asyncio.FIRST_COMPLETED)
    if first.done():
        first.result()  # its error
    second = asyncio.create_task(other_checkout_of_the_customer())
    await asyncio.sleep(0.5)
    while_first_open = list(events)
    release.set()
    await asyncio.gather(first, second)
    assert while_first_open == []  # the other waited for the first transaction's lock
    assert events == ["order committed", "the other's order written"]
    assert await Order.filter(order_no__in=["KDLOCKING", "KDLOCKING2"]).count() == 2

    with pytest.raises(LookupError):  # no such customer: nothing written
        async with in_transaction():
            await sql.insert(Order(order_no="KDNOBODY", **values), locking=(Customer, 2**31 - 1))
    assert not await Order.filter(order_no="KDNOBODY").exists()
