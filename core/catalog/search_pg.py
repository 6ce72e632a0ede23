"""Search in PostgreSQL: one index for every instance, none in any worker's memory.

``KAIDIAN_SEARCH_BACKEND=postgres`` (the database must be PostgreSQL). Each product's keys —
the lower-cased title, its pinyin spelled out, its pinyin initials (``search_index.keys_for``,
the same as the built-in index) and its tags — are stored in ``kd_catalog_search_key`` with a
``haystack`` of all of them under a pg_trgm GIN index, beside what ranking and filtering need
(``listed``, ``on_sale_at``, ``sales``), so a query reads that one table through its indexes
and stops at ``LIMIT``: no join, no sort of the shop. The rows follow the catalog the way the
built-in index does: the first instance to search a shop after a catalog version moved takes
the shop's ``kd_catalog_search_state`` row lock, re-keys only the products the
``CatalogChange`` rows name (or the whole shop when a change named none) and records the
version; the others wait for that lock and then find the work done. Sales, which paid orders
move without a catalog change, are copied again every ``SALES_REFRESH_SECONDS`` (like the
built-in index) by whichever instance gets the lock first; the others do not wait for it.

A query ranks exactly like the built-in index — a prefix of the title text, a prefix of the
pinyin or initials, the query anywhere in a key or the tags (``haystack LIKE '%q%'``, served
by the trigram index for three characters or more), then, when fewer than ``limit`` matched, a
prefix with one typo after the first character (fuzzystrmatch's ``levenshtein`` on the key's
first n-1, n and n+1 characters, ``levenshtein_less_equal``); within a relevance, more sales
first, then lower id. A stage whose matches are many walks ``(shop_id, sales DESC,
product_id)`` and stops after ``limit`` rows; one whose matches are few reads them through
the trigram or prefix indexes (the planner picks, from statistics refreshed after a large
re-key).

On first use the backend creates the ``pg_trgm`` and ``fuzzystrmatch`` extensions (both
trusted: the database owner may) and its indexes, under an advisory lock.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from tortoise import connections
from tortoise.transactions import in_transaction

from core import clock
from core.catalog.cache import changes_since
from core.catalog.search import PAGE, SALES_REFRESH_SECONDS, _Slicer, normalise
from core.catalog.search_index import _clean, keys_for

ANALYZE_AFTER = 1000  # products keyed by one re-key of a shop, above which statistics are refreshed
SETUP_LOCK = 0x6B6473  # pg_advisory_lock key: one instance sets up at a time
SETUP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch",
    "CREATE INDEX IF NOT EXISTS kd_catalog_search_key_trgm ON kd_catalog_search_key USING gin (haystack gin_trgm_ops)",
    *(
        f"CREATE INDEX IF NOT EXISTS kd_catalog_search_key_{column} ON kd_catalog_search_key (shop_id, {column} text_pattern_ops)"
        for column in ("text_key", "full_key", "initials_key")
    ),
    # The ranking order: a stage with many matches reads the best sellers first and stops.
    "CREATE INDEX IF NOT EXISTS kd_catalog_search_key_rank ON kd_catalog_search_key (shop_id, sales DESC, product_id)",
]

COLUMNS = "product_id, shop_id, title, text_key, full_key, initials_key, tags, haystack, listed, on_sale_at, sales"
UPSERT = f"""
INSERT INTO kd_catalog_search_key ({COLUMNS})
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (product_id) DO UPDATE SET shop_id = EXCLUDED.shop_id, title = EXCLUDED.title, text_key = EXCLUDED.text_key,
    full_key = EXCLUDED.full_key, initials_key = EXCLUDED.initials_key, tags = EXCLUDED.tags, haystack = EXCLUDED.haystack,
    listed = EXCLUDED.listed, on_sale_at = EXCLUDED.on_sale_at, sales = EXCLUDED.sales
"""

# ``inventory.on_sale_filter`` over the copied columns.
ON_SALE = "(k.listed OR k.on_sale_at <= $2)"

# The prefix stages first: served by the (shop, key) pattern indexes, and for a short query
# they usually fill the page, sparing the "anywhere" stage its scan of the shop.
PREFIXES = f"""
SELECT k.product_id, k.title, CASE WHEN k.text_key LIKE $3 ESCAPE '\\' THEN 2 ELSE 1 END AS relevance
FROM kd_catalog_search_key k
WHERE k.shop_id = $1 AND {ON_SALE}
  AND (k.text_key LIKE $3 ESCAPE '\\' OR k.full_key LIKE $3 ESCAPE '\\' OR k.initials_key LIKE $3 ESCAPE '\\')
ORDER BY relevance DESC, k.sales DESC, k.product_id
LIMIT $4
"""

ANYWHERE = f"""
SELECT k.product_id, k.title
FROM kd_catalog_search_key k
WHERE k.shop_id = $1 AND {ON_SALE} AND k.haystack LIKE $3 ESCAPE '\\' AND NOT (k.product_id = ANY($4::int[]))
ORDER BY k.sales DESC, k.product_id
LIMIT $5
"""


def _typo(column: str) -> str:
    # One substituted, missing or extra character after the first (``within_one_edit``):
    # the key's first n, n-1 or n+1 characters are at most one edit from the query.
    return (
        f"(left({column}, 1) = left($3, 1) AND (levenshtein_less_equal(left({column}, $4), $3, 1) <= 1"
        f" OR levenshtein_less_equal(left({column}, $4 - 1), $3, 1) <= 1"
        f" OR levenshtein_less_equal(left({column}, $4 + 1), $3, 1) <= 1))"
    )


# A key one edit (at position p) from the query's n characters starts with the first half
# A = q[:ceil(n/2)] when p is in the second half, and holds the second half B at offset
# ceil(n/2) - 1, 0 or + 1 otherwise: ``haystack LIKE '%A%' OR haystack LIKE '%B%'`` is a
# necessary condition the trigram index serves (halves of three characters or more).
TYPOS = f"""
SELECT k.product_id, k.title
FROM kd_catalog_search_key k
WHERE k.shop_id = $1 AND {ON_SALE} AND NOT (k.product_id = ANY($5::int[]))
  AND (k.haystack LIKE $7 ESCAPE '\\' OR k.haystack LIKE $8 ESCAPE '\\')
  AND ({_typo("k.text_key")} OR {_typo("k.full_key")} OR {_typo("k.initials_key")})
ORDER BY k.sales DESC, k.product_id
LIMIT $6
"""

VERSIONS = """
SELECT COALESCE((SELECT version FROM kd_catalog_version WHERE shop_id = $1), 0),
       (SELECT version FROM kd_catalog_search_state WHERE shop_id = $1),
       (SELECT sales_read_at FROM kd_catalog_search_state WHERE shop_id = $1)
"""

# Sales a paid order moved (no catalog change): copied for the rows whose count differs.
REFRESH_SALES = """
UPDATE kd_catalog_search_key k SET sales = p.sales FROM kd_catalog_product p
WHERE k.shop_id = $1 AND p.id = k.product_id AND p.shop_id = $1 AND k.sales <> p.sales
"""

PRODUCT_COLUMNS = "p.id, p.title, p.tag_text, p.status = 'on_sale', p.on_sale_at, p.sales"


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def key_row(product_id: int, shop_id: int, title: str, tag_text: str | None, listed: bool = True,
            on_sale_at: Any = None, sales: int = 0) -> tuple[Any, ...]:
    text, full, initials = keys_for(title)
    tags = (tag_text or "").lower()
    haystack = "\t".join(_clean(part) for part in (text, full, initials, tags))
    return (product_id, shop_id, title, text, full, initials, tags, haystack, listed, on_sale_at, sales)


class PostgresSearchBackend:
    def __init__(self, *, sales_refresh_seconds: float = SALES_REFRESH_SECONDS) -> None:
        self._ready: asyncio.Future[None] | None = None
        self.sales_refresh_seconds = sales_refresh_seconds

    async def _setup(self) -> None:
        if self._ready is None or (self._ready.done() and (self._ready.cancelled() or self._ready.exception() is not None)):
            self._ready = asyncio.ensure_future(self._create())  # again after a failure
        await asyncio.shield(self._ready)

    async def _create(self) -> None:
        db = connections.get("default")
        if db.capabilities.dialect != "postgres":
            raise RuntimeError("KAIDIAN_SEARCH_BACKEND=postgres needs a PostgreSQL database")
        async with in_transaction() as conn:
            await conn.execute_query("SELECT pg_advisory_xact_lock($1)", [SETUP_LOCK])
            for statement in SETUP:
                await conn.execute_script(statement)

    def _sales_stale(self, read_at: datetime | None, now: datetime) -> bool:
        return read_at is None or (now - read_at).total_seconds() >= self.sales_refresh_seconds

    async def catch_up(self, shop_id: int) -> None:
        """Bring the shop's key rows up to the committed catalog version, and their sales up
        to date when last read long enough ago (see the module)."""
        await self._setup()
        db = connections.get("default")
        now = clock.now()
        _, rows = await db.execute_query(VERSIONS, [shop_id])
        version, synced = int(rows[0][0]), -1 if rows[0][1] is None else int(rows[0][1])
        behind = synced < version
        if not behind and not self._sales_stale(rows[0][2], now):
            return
        async with in_transaction() as conn:
            await conn.execute_query(
                "INSERT INTO kd_catalog_search_state (shop_id, version) VALUES ($1, -1) ON CONFLICT (shop_id) DO NOTHING", [shop_id]
            )
            # Behind: wait for the instance re-keying, then find its work done. Only sales to
            # copy: whoever holds the lock is doing it (or will), so answer without waiting.
            _, rows = await conn.execute_query(
                "SELECT version, sales_read_at FROM kd_catalog_search_state WHERE shop_id = $1"
                + (" FOR UPDATE" if behind else " FOR UPDATE SKIP LOCKED"),
                [shop_id],
            )
            if not rows:
                return
            synced, sales_read_at = int(rows[0][0]), rows[0][1]
            # Read after the lock: every change up to this version is committed and visible.
            _, rows = await conn.execute_query("SELECT COALESCE((SELECT version FROM kd_catalog_version WHERE shop_id = $1), 0)", [shop_id])
            version = int(rows[0][0])
            sales_stale = self._sales_stale(sales_read_at, now)
            if synced >= version and not sales_stale:
                return
            changed = await changes_since(shop_id, synced, version) if synced < version else set()
            slicer = _Slicer()
            if changed is None:
                if await self._rekey_shop(conn, shop_id, slicer) > ANALYZE_AFTER:
                    # Fresh statistics, or the planner keeps scanning by shop, not by trigram.
                    await conn.execute_script("ANALYZE kd_catalog_search_key")
                sales_stale = False  # the re-key compared every row's sales
            elif changed:
                _, products = await conn.execute_query(
                    f"SELECT {PRODUCT_COLUMNS} FROM kd_catalog_product p WHERE p.shop_id = $1 AND p.id = ANY($2::int[])",
                    [shop_id, sorted(changed)],
                )
                await self._upsert(conn, shop_id, products, slicer)
            if sales_stale:
                await conn.execute_query(REFRESH_SALES, [shop_id])
                sales_read_at = now
            await conn.execute_query(
                "UPDATE kd_catalog_search_state SET version = $2, sales_read_at = $3 WHERE shop_id = $1",
                [shop_id, max(version, synced), now if changed is None else sales_read_at],
            )

    async def _rekey_shop(self, conn: Any, shop_id: int, slicer: _Slicer) -> int:
        """Key every product of the shop whose title, tags, status, on-sale time or sales
        differ from its stored row, a page at a time; rows of products gone from the shop are
        deleted. Returns how many were keyed."""
        after, keyed = 0, 0
        while True:
            _, rows = await conn.execute_query(
                f"SELECT {PRODUCT_COLUMNS}, k.title, k.tags, k.listed, k.on_sale_at, k.sales FROM kd_catalog_product p"
                " LEFT JOIN kd_catalog_search_key k ON k.product_id = p.id"
                " WHERE p.shop_id = $1 AND p.id > $2 ORDER BY p.id LIMIT $3",
                [shop_id, after, PAGE],
            )
            stale = [
                row[:6] for row in rows
                if (row[6], row[7], row[8], row[9], row[10]) != (row[1], (row[2] or "").lower(), row[3], row[4], row[5])
            ]
            await self._upsert(conn, shop_id, stale, slicer)
            keyed += len(stale)
            if len(rows) < PAGE:
                break
            after = rows[-1][0]
        await conn.execute_query(
            "DELETE FROM kd_catalog_search_key k WHERE k.shop_id = $1"
            " AND NOT EXISTS (SELECT 1 FROM kd_catalog_product p WHERE p.id = k.product_id AND p.shop_id = $1)",
            [shop_id],
        )
        return keyed

    async def _upsert(self, conn: Any, shop_id: int, products: list[Any], slicer: _Slicer) -> None:
        """Key ``products``: rows of ``PRODUCT_COLUMNS``."""
        rows = []
        for product_id, title, tag_text, listed, on_sale_at, sales in products:
            rows.append(key_row(product_id, shop_id, title, tag_text, listed, on_sale_at, sales))
            await slicer.tick()
        for start in range(0, len(rows), 1000):
            await conn.execute_many(UPSERT, rows[start : start + 1000])

    async def ranked(self, shop_id: int, text: str, limit: int) -> list[tuple[str, int]]:
        query = normalise(text)
        if not query:
            return []
        await self.catch_up(shop_id)
        async with in_transaction() as db:
            # A plan for the pattern at hand: a generic plan (what a prepared statement switches
            # to after five runs) cannot tell a rare pattern, best read through the trigram
            # index, from a common one, best read in ranking order until ``LIMIT``.
            await db.execute_script("SET LOCAL plan_cache_mode = force_custom_plan")
            return await self._stages(db, shop_id, query, limit)

    async def _stages(self, db: Any, shop_id: int, query: str, limit: int) -> list[tuple[str, int]]:
        now = clock.now()
        _, rows = await db.execute_query(PREFIXES, [shop_id, now, _like(query) + "%", limit])
        found = [(row[1], row[0]) for row in rows]
        if len(found) < limit:  # every prefix match is in ``found``: the rest matches anywhere
            _, rows = await db.execute_query(
                ANYWHERE, [shop_id, now, f"%{_like(query)}%", [pid for _, pid in found], limit - len(found)]
            )
            found += [(row[1], row[0]) for row in rows]
        if len(found) < limit and len(query) >= 3:
            half = (len(query) + 1) // 2
            _, rows = await db.execute_query(TYPOS, [
                shop_id, now, query, len(query), [pid for _, pid in found], limit - len(found),
                f"%{_like(query[:half])}%", f"%{_like(query[half:])}%",
            ])
            found += [(row[1], row[0]) for row in rows]
        return found

    async def suggest(self, shop_id: int, text: str, limit: int = 10) -> list[tuple[str, int]]:
        return await self.ranked(shop_id, text, limit)

    async def search(self, shop_id: int, text: str, limit: int = 50) -> list[int]:
        return [product_id for _, product_id in await self.ranked(shop_id, text, limit)]
