"""Product search and as-you-type suggestions, behind a small backend interface.

The built-in backend keeps one in-memory index per shop and worker (``search_index``: text,
pinyin and pinyin-initial keys, one typo tolerated, relevance then sales). When the shop's
catalog version has moved (any committed edit, seen by every worker) and the shop is next
searched, the index catches up from the change rows ``bump_version`` wrote: it re-reads only
the products those versions changed — an edit costs its products, not the shop. A bump that
names no products (or an index too far behind) makes it re-read the shop, a page of rows at a
time, and the first search of a shop builds the index the same way: pinyin keys are computed
in slices of at most ``SLICE_SECONDS`` between which the event loop serves other requests.
Sales (the order within a relevance) change with every paid order without a version bump;
they are refreshed in the background every ``SALES_REFRESH_SECONDS``, one light page at a time.

``KAIDIAN_SEARCH_BACKEND=postgres`` moves search into PostgreSQL (``search_pg``): no index in
any worker, one shared by every instance.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Protocol

from tortoise.expressions import F

from core.catalog.cache import changes_since, current_version
from core.catalog.inventory import on_sale_filter
from core.catalog.models import Product, SearchTerm
from core.catalog.search_index import ShopIndex

PAGE = 2000
SLICE_SECONDS = 0.01
SALES_REFRESH_SECONDS = 300.0
ID_BATCH = 500


class SearchBackend(Protocol):
    async def suggest(self, shop_id: int, text: str, limit: int = 10) -> list[tuple[str, int]]:
        """``(title, product_id)`` pairs, best first."""

    async def search(self, shop_id: int, text: str, limit: int = 50) -> list[int]:
        """Product ids, best first."""


class _Slicer:
    """Yields to the event loop once ``SLICE_SECONDS`` of work have run since the last yield."""

    def __init__(self) -> None:
        self.until = time.perf_counter() + SLICE_SECONDS

    async def tick(self) -> None:
        if time.perf_counter() >= self.until:
            await asyncio.sleep(0)
            self.until = time.perf_counter() + SLICE_SECONDS


class BuiltinSearchBackend:
    def __init__(self, *, sales_refresh_seconds: float = SALES_REFRESH_SECONDS) -> None:
        self._indexes: dict[int, ShopIndex] = {}
        self._syncing: dict[int, asyncio.Task[None]] = {}
        self._refreshing: dict[int, asyncio.Task[None]] = {}
        self._sales_read: dict[int, float] = {}
        self.sales_refresh_seconds = sales_refresh_seconds

    async def index(self, shop_id: int) -> ShopIndex:
        """The shop's index, brought up to the committed catalog version first (lazily: only
        when the shop is searched, and one catch-up at a time per shop)."""
        version = await current_version(shop_id)
        index = self._indexes.setdefault(shop_id, ShopIndex())
        while index.version < version:
            task = self._syncing.get(shop_id)
            if task is None or task.done():
                task = asyncio.ensure_future(self._catch_up(index, shop_id))
                self._syncing[shop_id] = task
            await asyncio.shield(task)
        if time.monotonic() - self._sales_read.get(shop_id, 0.0) > self.sales_refresh_seconds:
            self._sales_read[shop_id] = time.monotonic()
            if shop_id not in self._refreshing or self._refreshing[shop_id].done():
                self._refreshing[shop_id] = asyncio.ensure_future(self._refresh_sales(index, shop_id))
        return index

    async def _catch_up(self, index: ShopIndex, shop_id: int) -> None:
        # Read after the version: the rows are at least as new as ``version``.
        version = await current_version(shop_id)
        changed = await changes_since(shop_id, index.version, version)
        slicer = _Slicer()
        if changed is None:
            await self._read_shop(index, shop_id, slicer)
            self._sales_read[shop_id] = time.monotonic()
        else:
            ids = sorted(changed)
            for start in range(0, len(ids), ID_BATCH):
                batch = ids[start : start + ID_BATCH]
                rows = await Product.filter(on_sale_filter(), shop_id=shop_id, id__in=batch).values_list("id", "title", "sales", "tag_text")
                index.apply(rows, batch)
                await slicer.tick()
        index.version = max(index.version, version)

    async def _read_shop(self, index: ShopIndex, shop_id: int, slicer: _Slicer) -> None:
        """Make the index match every on-sale product, a page (by id) at a time; each page
        also drops the entries in its id range that it no longer holds."""
        after = 0
        if not index.entries:  # a first build: every row read, then laid out in slices
            rows = []
            while True:
                page = await (
                    Product.filter(on_sale_filter(), shop_id=shop_id, id__gt=after)
                    .order_by("id").limit(PAGE).values_list("id", "title", "sales", "tag_text")
                )
                rows += page
                if len(page) < PAGE:
                    break
                after = page[-1][0]
            for _ in index.load_steps(rows):
                await slicer.tick()
            return
        while True:
            rows = await (
                Product.filter(on_sale_filter(), shop_id=shop_id, id__gt=after)
                .order_by("id").limit(PAGE).values_list("id", "title", "sales", "tag_text")
            )
            last = rows[-1][0] if len(rows) == PAGE else None
            present = set()
            for row in rows:
                present.add(row[0])
                index.put(*row)
                await slicer.tick()
            gone = [pid for pid in index.ids_between(after, last) if pid not in present]
            for pid in gone:
                index.drop(pid)
            if last is None:
                return
            after = last

    async def _refresh_sales(self, index: ShopIndex, shop_id: int) -> None:
        """Re-read the sales of the shop's on-sale products (two integers a row, a page at a
        time) and re-rank the entries whose sales moved."""
        after, slicer = 0, _Slicer()
        while True:
            rows = await (
                Product.filter(on_sale_filter(), shop_id=shop_id, id__gt=after)
                .order_by("id").limit(PAGE).values_list("id", "sales")
            )
            for product_id, sales in rows:
                index.set_sales(product_id, sales)
                await slicer.tick()
            if len(rows) < PAGE:
                return
            after = rows[-1][0]

    async def suggest(self, shop_id: int, text: str, limit: int = 10) -> list[tuple[str, int]]:
        query = normalise(text)
        if not query:
            return []
        index = await self.index(shop_id)
        return [(entry.title, entry.product_id) for entry in index.ranked(query, limit)]

    async def search(self, shop_id: int, text: str, limit: int = 50) -> list[int]:
        query = normalise(text)
        if not query:
            return []
        index = await self.index(shop_id)
        return [entry.product_id for entry in index.ranked(query, limit)]

def normalise(text: str) -> str:
    return "".join(text.lower().split())[:40]


def search_backend(app: Any) -> SearchBackend:
    """The app's backend, chosen by ``KAIDIAN_SEARCH_BACKEND`` among those registered with
    ``kaidian_register_search_backends`` (built-in by default)."""
    backend = app.state.get("catalog_search")
    if backend is None:
        backend = BuiltinSearchBackend()
        app.state.catalog_search = backend
    return backend


async def record_search(shop_id: int, text: str) -> None:
    term = text.strip()[:60]
    if not term:
        return
    if not await SearchTerm.filter(shop_id=shop_id, term=term).update(count=F("count") + 1):
        try:
            await SearchTerm.create(shop_id=shop_id, term=term, count=1)
        except Exception:  # a concurrent first search of the same term created it
            await SearchTerm.filter(shop_id=shop_id, term=term).update(count=F("count") + 1)


async def hot_searches(shop_id: int, limit: int = 10) -> list[str]:
    return list(await SearchTerm.filter(shop_id=shop_id).order_by("-count", "term").limit(limit).values_list("term", flat=True))
