"""Search in PostgreSQL: one index for every instance, none in any worker's memory.

``KAIDIAN_SEARCH_BACKEND=postgres`` (the database must be PostgreSQL). Each product's keys —
the lower-cased title, its pinyin spelled out, its pinyin initials (``search_index.keys_for``,
the same as the built-in index) and its tags — are stored in ``kd_catalog_search_key`` with a
``haystack`` of all of them under a pg_trgm GIN index. The rows follow the catalog the way the
built-in index does: the first instance to search a shop after a catalog version moved takes
the shop's ``kd_catalog_search_state`` row lock, re-keys only the products the
``CatalogChange`` rows name (or the whole shop when a change named none) and records the
version; the others wait for that lock and then find the work done. Status and sales are not
copied: a query joins ``kd_catalog_product``, so on-sale and the sales order are always those
of the committed rows.

A query ranks exactly like the built-in index — a prefix of the title text, a prefix of the
pinyin or initials, the query anywhere in a key or the tags (``haystack LIKE '%q%'``, served
by the trigram index for three characters or more), then, when fewer than ``limit`` matched, a
prefix with one typo after the first character (fuzzystrmatch's ``levenshtein`` on the key's
first n-1, n and n+1 characters); within a relevance, more sales first, then lower id.

On first use the backend creates the ``pg_trgm`` and ``fuzzystrmatch`` extensions (both
trusted: the database owner may) and its indexes, under an advisory lock.
"""

from __future__ import annotations

import asyncio
from typing import Any

from tortoise import connections
from tortoise.transactions import in_transaction

from core import clock
from core.catalog.cache import changes_since
from core.catalog.search import PAGE, _Slicer, normalise
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
]

UPSERT = """
INSERT INTO kd_catalog_search_key (product_id, shop_id, title, text_key, full_key, initials_key, tags, haystack)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (product_id) DO UPDATE SET shop_id = EXCLUDED.shop_id, title = EXCLUDED.title, text_key = EXCLUDED.text_key,
    full_key = EXCLUDED.full_key, initials_key = EXCLUDED.initials_key, tags = EXCLUDED.tags, haystack = EXCLUDED.haystack
"""

ON_SALE = "(p.status = 'on_sale' OR p.on_sale_at <= $2)"

# The prefix stages first: served by the (shop, key) pattern indexes, and for a short query
# they usually fill the page, sparing the "anywhere" stage its scan of the shop.
PREFIXES = f"""
SELECT p.id, k.title, CASE WHEN k.text_key LIKE $3 ESCAPE '\\' THEN 2 ELSE 1 END AS relevance
FROM kd_catalog_search_key k JOIN kd_catalog_product p ON p.id = k.product_id
WHERE k.shop_id = $1 AND {ON_SALE}
  AND (k.text_key LIKE $3 ESCAPE '\\' OR k.full_key LIKE $3 ESCAPE '\\' OR k.initials_key LIKE $3 ESCAPE '\\')
ORDER BY relevance DESC, p.sales DESC, p.id
LIMIT $4
"""

ANYWHERE = f"""
SELECT p.id, k.title
FROM kd_catalog_search_key k JOIN kd_catalog_product p ON p.id = k.product_id
WHERE k.shop_id = $1 AND {ON_SALE} AND k.haystack LIKE $3 ESCAPE '\\' AND NOT (k.product_id = ANY($4::int[]))
ORDER BY p.sales DESC, p.id
LIMIT $5
"""


def _typo(column: str) -> str:
    # One substituted, missing or extra character after the first (``within_one_edit``):
    # the key's first n, n-1 or n+1 characters are at most one edit from the query.
    return (
        f"(left({column}, 1) = left($3, 1) AND (levenshtein(left({column}, $4), $3) <= 1"
        f" OR levenshtein(left({column}, $4 - 1), $3) <= 1 OR levenshtein(left({column}, $4 + 1), $3) <= 1))"
    )


# A key one edit (at position p) from the query's n characters starts with the first half
# A = q[:ceil(n/2)] when p is in the second half, and holds the second half B at offset
# ceil(n/2) - 1, 0 or + 1 otherwise: ``haystack LIKE '%A%' OR haystack LIKE '%B%'`` is a
# necessary condition the trigram index serves (halves of three characters or more).
TYPOS = f"""
SELECT p.id, k.title
FROM kd_catalog_search_key k JOIN kd_catalog_product p ON p.id = k.product_id
WHERE k.shop_id = $1 AND {ON_SALE} AND NOT (k.product_id = ANY($5::int[]))
  AND (k.haystack LIKE $7 ESCAPE '\\' OR k.haystack LIKE $8 ESCAPE '\\')
  AND ({_typo("k.text_key")} OR {_typo("k.full_key")} OR {_typo("k.initials_key")})
ORDER BY p.sales DESC, p.id
LIMIT $6
"""

VERSIONS = """
SELECT COALESCE((SELECT version FROM kd_catalog_version WHERE shop_id = $1), 0),
       COALESCE((SELECT version FROM kd_catalog_search_state WHERE shop_id = $1), -1)
"""


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def key_row(product_id: int, shop_id: int, title: str, tag_text: str | None) -> tuple[Any, ...]:
    text, full, initials = keys_for(title)
    tags = (tag_text or "").lower()
    haystack = "\t".join(_clean(part) for part in (text, full, initials, tags))
    return (product_id, shop_id, title, text, full, initials, tags, haystack)


class PostgresSearchBackend:
    def __init__(self) -> None:
        self._ready: asyncio.Future[None] | None = None

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

    async def catch_up(self, shop_id: int) -> None:
        """Bring the shop's key rows up to the committed catalog version (see the module)."""
        await self._setup()
        db = connections.get("default")
        _, rows = await db.execute_query(VERSIONS, [shop_id])
        version, synced = int(rows[0][0]), int(rows[0][1])
        if synced >= version:
            return
        async with in_transaction() as conn:
            await conn.execute_query(
                "INSERT INTO kd_catalog_search_state (shop_id, version) VALUES ($1, -1) ON CONFLICT (shop_id) DO NOTHING", [shop_id]
            )
            _, rows = await conn.execute_query("SELECT version FROM kd_catalog_search_state WHERE shop_id = $1 FOR UPDATE", [shop_id])
            synced = int(rows[0][0])
            # Read after the lock: every change up to this version is committed and visible.
            _, rows = await conn.execute_query("SELECT COALESCE((SELECT version FROM kd_catalog_version WHERE shop_id = $1), 0)", [shop_id])
            version = int(rows[0][0])
            if synced >= version:
                return
            changed = await changes_since(shop_id, synced, version)
            slicer = _Slicer()
            if changed is None:
                if await self._rekey_shop(conn, shop_id, slicer) > ANALYZE_AFTER:
                    # Fresh statistics, or the planner keeps scanning by shop, not by trigram.
                    await conn.execute_script("ANALYZE kd_catalog_search_key")
            elif changed:
                ids = sorted(changed)
                _, products = await conn.execute_query(
                    "SELECT id, title, tag_text FROM kd_catalog_product WHERE shop_id = $1 AND id = ANY($2::int[])", [shop_id, ids]
                )
                await self._upsert(conn, shop_id, [(row[0], row[1], row[2]) for row in products], slicer)
            await conn.execute_query("UPDATE kd_catalog_search_state SET version = $2 WHERE shop_id = $1", [shop_id, version])

    async def _rekey_shop(self, conn: Any, shop_id: int, slicer: _Slicer) -> int:
        """Key every product of the shop whose title or tags differ from its stored row, a
        page at a time; rows of products gone from the shop are deleted. Returns how many
        were keyed."""
        after, keyed = 0, 0
        while True:
            _, rows = await conn.execute_query(
                "SELECT p.id, p.title, p.tag_text, k.title, k.tags FROM kd_catalog_product p"
                " LEFT JOIN kd_catalog_search_key k ON k.product_id = p.id"
                " WHERE p.shop_id = $1 AND p.id > $2 ORDER BY p.id LIMIT $3",
                [shop_id, after, PAGE],
            )
            stale = [(row[0], row[1], row[2]) for row in rows if (row[3], row[4]) != (row[1], (row[2] or "").lower())]
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

    async def _upsert(self, conn: Any, shop_id: int, products: list[tuple[int, str, str | None]], slicer: _Slicer) -> None:
        rows = []
        for product_id, title, tag_text in products:
            rows.append(key_row(product_id, shop_id, title, tag_text))
            await slicer.tick()
        for start in range(0, len(rows), 1000):
            await conn.execute_many(UPSERT, rows[start : start + 1000])

    async def ranked(self, shop_id: int, text: str, limit: int) -> list[tuple[str, int]]:
        query = normalise(text)
        if not query:
            return []
        await self.catch_up(shop_id)
        db = connections.get("default")
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
