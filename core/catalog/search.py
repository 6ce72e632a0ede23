"""Product search and as-you-type suggestions, behind a small backend interface.

The built-in backend keeps one in-memory index per shop. When the shop's catalog version has
moved (any committed edit, seen by every worker) and the shop is next searched, the index
re-reads the shop's on-sale (id, title, sales, tags) rows and applies only the differences:
new, retitled, retagged, re-ranked or removed products; pinyin keys are computed only for new
or retitled titles, so a stock or price edit costs one light query, not a rebuild. Each title is
indexed three ways — the text itself, its pinyin spelled out (``shouji``) and its pinyin
initials (``sj``) — so ``sj``, ``shouj`` and ``手机`` all suggest 手机. One typo is tolerated
(queries of three or more characters) after the first character (a wrong, missing or extra letter), like a fuzzy query with a
prefix length of one: keys are bucketed by first character so the tolerant pass scans a
bucket, not the shop. Ranking: relevance first, then sales.

A large shop can move to an external engine by providing another ``SearchBackend``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Protocol

from pypinyin import Style, lazy_pinyin
from tortoise.expressions import F

from core.catalog.cache import current_version
from core.catalog.inventory import on_sale_filter
from core.catalog.models import Product, SearchTerm

# relevance of the way a key matched
EXACT_PREFIX, PINYIN_PREFIX, CONTAINS, TYPO = 4.0, 3.0, 2.0, 1.0


class SearchBackend(Protocol):
    async def suggest(self, shop_id: int, text: str, limit: int = 10) -> list[tuple[str, int]]:
        """``(title, product_id)`` pairs, best first."""

    async def search(self, shop_id: int, text: str, limit: int = 50) -> list[int]:
        """Product ids, best first."""


def keys_for(title: str) -> tuple[str, str, str]:
    """The lower-cased title, its pinyin spelled out, and its pinyin initials."""
    text = title.lower().strip()
    syllables = [s for s in lazy_pinyin(text, errors=lambda chars: list(chars)) if s.strip()]
    full = "".join(syllables).replace(" ", "")
    initials = "".join(syllable[0] for syllable in syllables if syllable)
    return text, full, initials


def within_one_edit(query: str, key: str) -> bool:
    """Whether ``query`` is a prefix of ``key`` up to one substituted, missing or extra char."""
    n = len(query)
    for length in (n, n - 1, n + 1):
        if length < 1 or length > len(key):
            continue
        candidate = key[:length]
        if length == n:
            if sum(a != b for a, b in zip(query, candidate)) == 1:
                return True
        else:
            longer, shorter = (query, candidate) if n > length else (candidate, query)
            for index in range(len(longer)):
                if longer[:index] + longer[index + 1 :] == shorter:
                    return True
    return False


@dataclass
class Entry:
    product_id: int
    title: str
    sales: int
    keys: tuple[str, str, str]
    tags: str


@dataclass
class ShopIndex:
    """One shop's entries, and each key bucketed by its first character for the prefix and
    typo passes. ``sync`` applies a fresh read of the shop's rows as per-product changes."""

    version: int = -1
    entries: dict[int, Entry] = field(default_factory=dict)
    by_first_char: dict[str, dict[tuple[str, int], Entry]] = field(default_factory=dict)

    def put(self, entry: Entry) -> None:
        self.remove(entry.product_id)
        self.entries[entry.product_id] = entry
        for key in set(entry.keys):
            if key:
                self.by_first_char.setdefault(key[0], {})[(key, entry.product_id)] = entry

    def remove(self, product_id: int) -> None:
        old = self.entries.pop(product_id, None)
        if old is None:
            return
        for key in set(old.keys):
            if key:
                self.by_first_char.get(key[0], {}).pop((key, product_id), None)

    def sync(self, rows: list[tuple[int, str, int, str | None]]) -> int:
        """Make the index match ``rows`` (id, title, sales, tag text); returns how many
        products changed. Pinyin keys are computed only for new or retitled products."""
        changed = 0
        seen = set()
        for product_id, title, sales, tag_text in rows:
            seen.add(product_id)
            tags = (tag_text or "").lower()
            old = self.entries.get(product_id)
            if old is not None and (old.title, old.sales, old.tags) == (title, sales, tags):
                continue
            keys = old.keys if old is not None and old.title == title else keys_for(title)
            self.put(Entry(product_id, title, sales, keys, tags))
            changed += 1
        for product_id in [pid for pid in self.entries if pid not in seen]:
            self.remove(product_id)
            changed += 1
        return changed

    def score(self, query: str) -> dict[int, tuple[float, Entry]]:
        scored: dict[int, tuple[float, Entry]] = {}

        def offer(entry: Entry, value: float) -> None:
            if entry.product_id not in scored or scored[entry.product_id][0] < value:
                scored[entry.product_id] = (value, entry)

        tolerant = len(query) >= 3
        for (key, _), entry in self.by_first_char.get(query[0], {}).items():
            if key.startswith(query):
                offer(entry, EXACT_PREFIX if key == entry.keys[0] else PINYIN_PREFIX)
            elif tolerant and within_one_edit(query, key):
                offer(entry, TYPO)
        for entry in self.entries.values():
            if entry.product_id not in scored and any(query in key for key in entry.keys) or query in entry.tags:
                offer(entry, CONTAINS)
        return scored

    def ranked(self, query: str, limit: int) -> list[Entry]:
        scored = self.score(query)
        best = sorted(scored.values(), key=lambda item: (-item[0], -item[1].sales, item[1].product_id))
        return [entry for _, entry in best[:limit]]


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
