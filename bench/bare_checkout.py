"""The bare baseline of ``bench/checkout.py``: checkout as hand-written SQL in a minimal Litestar app.

What a checkout cannot do without, and nothing else, on the same driver and database as
kaidian (asyncmy for MariaDB/MySQL, asyncpg for PostgreSQL) and against kaidian's own tables,
so both write the same rows: verify the customer's bearer token (PyJWT, the same secret and
claims), read the SKUs' prices (one SELECT joined with their on-sale products), claim the
``Idempotency-Key`` row (committed first, as kaidian does, so a concurrent duplicate sees it),
then ONE transaction — a conditional ``UPDATE … SET stock = stock - q WHERE stock >= q`` per SKU
in id order, the order row, its lines in one INSERT, the first status-log row and the
auto-cancel timer — and finally the key's stored answer. No ORM, no plugins, no pricing
pipeline, no low-stock bookkeeping, no analytics event: the floor kaidian is measured against.

Started by ``bench/checkout.py`` under uvicorn (``bare_checkout:create_app --factory``), reading
``KAIDIAN_DATABASE_URL``, ``KAIDIAN_SECRET_KEY`` and ``KAIDIAN_DATABASE_POOL_SIZE``.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote, urlsplit

import jwt
from litestar import Litestar, Request, Response, get, post

UNPAID_TIMEOUT = timedelta(minutes=30)


class Database:
    """A pool of the driver kaidian uses for the URL's scheme, with ``%s`` placeholders."""

    def __init__(self, url: str, size: int) -> None:
        self.url = urlsplit(url)
        self.size = size
        self.postgres = self.url.scheme in ("postgres", "postgresql", "asyncpg")
        self.pool: Any = None

    async def open(self) -> None:
        parts = self.url
        database = parts.path.lstrip("/")
        if self.postgres:
            import asyncpg

            self.pool = await asyncpg.create_pool(
                host=parts.hostname, port=parts.port or 5432, user=unquote(parts.username or "postgres"),
                password=unquote(parts.password or "") or None, database=database, min_size=1, max_size=self.size,
            )
        else:
            import asyncmy

            self.pool = await asyncmy.create_pool(
                host=parts.hostname, port=parts.port or 3306, user=unquote(parts.username or "root"),
                password=unquote(parts.password or ""), db=database, minsize=1, maxsize=self.size, autocommit=True, charset="utf8mb4",
            )

    async def close(self) -> None:
        if self.pool is None:
            return
        if self.postgres:
            await self.pool.close()
        else:
            self.pool.close()
            await self.pool.wait_closed()

    def sql(self, text: str) -> str:
        if not self.postgres:
            return text
        pieces = text.split("%s")
        return "".join(piece + (f"${index}" if index < len(pieces) else "") for index, piece in enumerate(pieces, start=1))

    def now(self) -> datetime:
        # Tortoise keeps UTC: aware for PostgreSQL's timestamptz, naive UTC in MySQL's DATETIME.
        moment = datetime.now(UTC)
        return moment if self.postgres else moment.replace(tzinfo=None)


PROBLEM_OUT_OF_STOCK = {"code": "out_of_stock", "message": "库存不足", "field": "sku_id"}
PROBLEM_UNAVAILABLE = {"code": "sku_unavailable", "message": "商品已下架", "field": "sku_id"}


class Refused(Exception):
    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        self.status, self.problem = status, problem


async def place(db: Database, shop_id: int, customer_id: int, key: str, body: dict[str, Any]) -> tuple[int, Any]:
    quantities: dict[int, int] = {}
    for line in body.get("lines") or []:
        sku_id, quantity = int(line["sku_id"]), int(line["quantity"])
        if not 1 <= quantity <= 999:
            raise Refused(422, {"code": "invalid", "message": "quantity", "field": "quantity"})
        quantities[sku_id] = quantities.get(sku_id, 0) + quantity
    if not quantities:
        raise Refused(422, {"code": "invalid", "message": "lines", "field": "lines"})
    sku_ids = sorted(quantities)
    request_hash = hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    marks = ",".join(["%s"] * len(sku_ids))
    select_skus = db.sql(
        "SELECT s.id, s.price_fen, s.product_id, s.code, p.title FROM kd_catalog_sku s JOIN kd_catalog_product p ON p.id = s.product_id"
        f" WHERE s.shop_id = %s AND p.status = 'on_sale' AND s.id IN ({marks})"
    )
    take = db.sql("UPDATE kd_catalog_sku SET stock = stock - %s WHERE id = %s AND shop_id = %s AND stock >= %s")
    now = db.now()
    order_no = f"KD{now:%Y%m%d%H%M%S}{secrets.token_hex(4).upper()}"
    if db.postgres:
        async with db.pool.acquire() as conn:
            skus = {row[0]: row for row in await conn.fetch(select_skus, shop_id, *sku_ids)}
            if len(skus) != len(sku_ids):
                raise Refused(409, PROBLEM_UNAVAILABLE)
            lines, subtotal = _lines(skus, quantities)
            key_id = await conn.fetchval(
                db.sql("INSERT INTO kd_trade_idempotency_key (key, request_hash, created_at, customer_id, shop_id) VALUES (%s,%s,%s,%s,%s)"
                       " ON CONFLICT DO NOTHING RETURNING id"),
                key, request_hash, now, customer_id, shop_id,
            )
            if key_id is None:
                raise Refused(409, {"code": "conflict", "message": "duplicate", "field": "Idempotency-Key"})
            try:
                async with conn.transaction():
                    for sku_id in sku_ids:
                        if await conn.execute(take, quantities[sku_id], sku_id, shop_id, quantities[sku_id]) != "UPDATE 1":
                            raise Refused(409, PROBLEM_OUT_OF_STOCK)
                    order_id = await conn.fetchval(db.sql(INSERT_ORDER) + " RETURNING id", *_order_values(order_no, subtotal, now, customer_id, shop_id))
                    await conn.execute(db.sql(_insert_lines(len(lines))), *_line_values(lines, order_id, shop_id))
                    await conn.execute(db.sql(INSERT_LOG), f"customer:{customer_id}", now, order_id, shop_id)
                    await conn.execute(db.sql(INSERT_TIMER), order_id, now + UNPAID_TIMEOUT, now, shop_id)
            except BaseException:
                await conn.execute(db.sql("DELETE FROM kd_trade_idempotency_key WHERE id = %s"), key_id)
                raise
            answer = _answer(order_id, order_no, customer_id, subtotal, lines, now)
            await conn.execute(db.sql("UPDATE kd_trade_idempotency_key SET status_code = 201, response = %s WHERE id = %s"), json.dumps(answer), key_id)
            return 201, answer
    async with db.pool.acquire() as conn, conn.cursor() as cursor:
        await cursor.execute(select_skus, (shop_id, *sku_ids))
        skus = {row[0]: row for row in await cursor.fetchall()}
        if len(skus) != len(sku_ids):
            raise Refused(409, PROBLEM_UNAVAILABLE)
        lines, subtotal = _lines(skus, quantities)
        try:
            await cursor.execute(
                "INSERT INTO kd_trade_idempotency_key (`key`, request_hash, created_at, customer_id, shop_id) VALUES (%s,%s,%s,%s,%s)",
                (key, request_hash, now, customer_id, shop_id),
            )
        except Exception as exc:  # asyncmy's IntegrityError: the key is taken
            raise Refused(409, {"code": "conflict", "message": "duplicate", "field": "Idempotency-Key"}) from exc
        key_id = cursor.lastrowid
        try:
            await conn.begin()
            for sku_id in sku_ids:
                await cursor.execute(take, (quantities[sku_id], sku_id, shop_id, quantities[sku_id]))
                if cursor.rowcount != 1:
                    raise Refused(409, PROBLEM_OUT_OF_STOCK)
            await cursor.execute(INSERT_ORDER, _order_values(order_no, subtotal, now, customer_id, shop_id))
            order_id = cursor.lastrowid
            await cursor.execute(_insert_lines(len(lines)), _line_values(lines, order_id, shop_id))
            await cursor.execute(INSERT_LOG, (f"customer:{customer_id}", now, order_id, shop_id))
            await cursor.execute(INSERT_TIMER, (order_id, now + UNPAID_TIMEOUT, now, shop_id))
            await conn.commit()
        except BaseException:
            await conn.rollback()
            await cursor.execute("DELETE FROM kd_trade_idempotency_key WHERE id = %s", (key_id,))
            raise
        answer = _answer(order_id, order_no, customer_id, subtotal, lines, now)
        await cursor.execute("UPDATE kd_trade_idempotency_key SET status_code = 201, response = %s WHERE id = %s", (json.dumps(answer), key_id))
        return 201, answer


INSERT_ORDER = (
    "INSERT INTO kd_trade_order (order_no, status, subtotal_fen, discount_fen, shipping_fen, total_fen, paid_fen, refunded_fen,"
    " adjustments, note, shipping, pay_deadline, created_at, updated_at, customer_id, shop_id)"
    " VALUES (%s,'pending_payment',%s,0,0,%s,0,0,'[]','','{}',%s,%s,%s,%s,%s)"
)
INSERT_LOG = (
    "INSERT INTO kd_trade_order_status_log (from_status, to_status, actor, reason, created_at, order_id, shop_id)"
    " VALUES (NULL,'pending_payment',%s,'checkout',%s,%s,%s)"
)
INSERT_TIMER = (
    "INSERT INTO kd_trade_timer (kind, target_id, run_at, status, attempts, created_at, shop_id)"
    " VALUES ('auto_cancel',%s,%s,'pending',0,%s,%s)"
)


def _insert_lines(count: int) -> str:
    row = "(%s,%s,%s,%s,%s,%s,%s,0,%s,'{}',0,0,0,%s,%s)"
    return (
        "INSERT INTO kd_trade_order_line (sku_id, product_id, title, sku_code, unit_price_fen, quantity, subtotal_fen, discount_fen,"
        " total_fen, allocations_fen, shipped_quantity, refunded_quantity, refunded_fen, order_id, shop_id) VALUES "
        + ",".join([row] * count)
    )


def _lines(skus: dict[int, Any], quantities: dict[int, int]) -> tuple[list[tuple[Any, ...]], int]:
    lines = []
    for sku_id in sorted(quantities):
        _, price_fen, product_id, code, title = skus[sku_id]
        lines.append((sku_id, product_id, title, code, price_fen, quantities[sku_id], price_fen * quantities[sku_id]))
    return lines, sum(line[6] for line in lines)


def _order_values(order_no: str, subtotal: int, now: datetime, customer_id: int, shop_id: int) -> tuple[Any, ...]:
    return (order_no, subtotal, subtotal, now + UNPAID_TIMEOUT, now, now, customer_id, shop_id)


def _line_values(lines: list[tuple[Any, ...]], order_id: int, shop_id: int) -> list[Any]:
    values: list[Any] = []
    for sku_id, product_id, title, code, price_fen, quantity, subtotal in lines:
        values += [sku_id, product_id, title, code, price_fen, quantity, subtotal, subtotal, order_id, shop_id]
    return values


def _answer(order_id: int, order_no: str, customer_id: int, subtotal: int, lines: list[tuple[Any, ...]], now: datetime) -> dict[str, Any]:
    return {
        "id": order_id, "order_no": order_no, "status": "pending_payment", "customer_id": customer_id, "subtotal_fen": subtotal,
        "discount_fen": 0, "shipping_fen": 0, "total_fen": subtotal, "pay_deadline": (now + UNPAID_TIMEOUT).isoformat(),
        "lines": [
            {"sku_id": sku_id, "product_id": product_id, "title": title, "unit_price_fen": price, "quantity": quantity, "total_fen": total}
            for sku_id, product_id, title, _, price, quantity, total in lines
        ],
    }


def create_app() -> Litestar:
    db = Database(os.environ["KAIDIAN_DATABASE_URL"], int(os.environ.get("KAIDIAN_DATABASE_POOL_SIZE", "20")))
    secret = os.environ["KAIDIAN_SECRET_KEY"]

    @get("/healthz", sync_to_thread=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @post("/api/shop/orders")
    async def checkout(request: Request, data: dict[str, Any]) -> Response[Any]:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        try:
            claims = jwt.decode(token, secret, algorithms=["HS256"])
            kind, _, raw_id = claims["sub"].partition(":")
            customer_id, shop_id = int(raw_id), int(claims["extras"]["shop_id"])
        except (jwt.PyJWTError, KeyError, ValueError):
            return Response({"code": "not_authenticated"}, status_code=401)
        key = request.headers.get("idempotency-key")
        if scheme.lower() != "bearer" or kind != "customer" or not key:
            return Response({"code": "invalid", "field": "Idempotency-Key"}, status_code=422 if key is None else 401)
        try:
            status, answer = await place(db, shop_id, customer_id, key, data)
        except Refused as refusal:
            return Response(refusal.problem, status_code=refusal.status)
        return Response(answer, status_code=status)

    return Litestar([healthz, checkout], on_startup=[db.open], on_shutdown=[db.close], openapi_config=None, debug=bool(os.environ.get("BARE_DEBUG")))
