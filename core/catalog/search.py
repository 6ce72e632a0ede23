"""Product search and as-you-type suggestions, behind a small backend interface.

The built-in backend keeps one in-memory index per shop (``search_index``: text, pinyin and
pinyin-initial keys, one typo tolerated, relevance then sales). When the shop's catalog
version has moved (any committed edit, seen by every worker) and the shop is next searched,
the index re-reads the shop's on-sale (id, title, sales, tags) rows and applies only the
differences: new, retitled, retagged, re-ranked or removed products; pinyin keys are computed
only for new or retitled titles, so a stock or price edit costs one light query, not a rebuild.

A large shop can move to an external engine by providing another ``SearchBackend``.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from tortoise.expressions import F

from core.catalog.cache import current_version
from core.catalog.inventory import on_sale_filter
from core.catalog.models import Product, SearchTerm
from core.catalog.search_index import ShopIndex


class SearchBackend(Protocol):
    async def suggest(self, shop_id: int, text: str, limit: int = 10) -> list[tuple[str, int]]:
        """``(title, product_id)`` pairs, best first."""

    async def search(self, shop_id: int, text: str, limit: int = 50) -> list[int]:
        """Product ids, best first."""


class BuiltinSearchBackend:
    def __init__(self) -> None:
        self._indexes: dict[int, ShopIndex] = {}
        self._syncing: dict[int, asyncio.Task[None]] = {}

    async def index(self, shop_id: int) -> ShopIndex:
        """The shop's index, brought up to the committed catalog version first (lazily: only
        when the shop is searched, and one sync at a time per shop)."""
        version = await current_version(shop_id)
        index = self._indexes.setdefault(shop_id, ShopIndex())
        while index.version < version:
            task = self._syncing.get(shop_id)
            if task is None or task.done():
                task = asyncio.ensure_future(self._sync(index, shop_id, version))
                self._syncing[shop_id] = task
            await asyncio.shield(task)
        return index

    async def _sync(self, index: ShopIndex, shop_id: int, version: int) -> None:
        # Read after the version: the rows are at least as new as ``version``.
        rows = await Product.filter(on_sale_filter(), shop_id=shop_id).values_list("id", "title", "sales", "tag_text")
        index.sync(rows)  # no await inside: readers never see half an update
        index.version = max(index.version, version)

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
