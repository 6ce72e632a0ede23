"""Cached customer pages: product detail and list bodies, per shop, in two tiers — this
process's memory (an LRU of ``LOCAL_ENTRIES`` bodies) in front of the app's "catalog" store
(Redis when configured, shared by every worker).

Keys embed the shop's ``CatalogVersion``, which every catalog write bumps inside its own
transaction: a committed edit changes the key, so the next read loads fresh data; a reader
racing an uncommitted edit caches under the old version only. Reading that version is a
database query, so each process remembers a shop's version for ``VERSION_TTL_SECONDS``:
in the process that made an edit the next read is fresh at once (``bump_version`` makes the
process's caches forget the shop and re-read the version for the following second); other
workers see it within ``VERSION_TTL_SECONDS``. A hit therefore costs no network round trip.
Concurrent misses of one key in a process share one load (single flight). Hit and miss
counts are kept per shop in this process and shown to the shop's staff.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from core.catalog.models import CatalogChange, CatalogVersion

CACHE_TTL_SECONDS = 600
VERSION_TTL_SECONDS = 1.0
LOCAL_ENTRIES = 2000

# Every live cache of this process, so a bump can make each forget the shop's version.
_caches: weakref.WeakSet[CatalogCache] = weakref.WeakSet()


async def current_version(shop_id: int) -> int:
    rows = await CatalogVersion.filter(shop_id=shop_id).values_list("version", flat=True)
    return int(rows[0]) if rows else 0


# Change rows older than this many versions are pruned (every PRUNE_EVERY versions); an index
# further behind than that reads the whole shop again.
KEEP_CHANGES = 5000
PRUNE_EVERY = 500


async def bump_version(shop_id: int, products: Iterable[int] | None = None) -> None:
    """Invalidate every cached page of the shop once the caller's transaction commits.

    ``products``: the products whose title, tags, status or sales may have changed (a search
    index re-reads those only); ``()`` when none did (a category, a setting, a stock level);
    ``None`` (the default) when any may have. The change rows are written with the version
    they belong to while the version row is locked, so versions commit in order and a reader
    that sees version V sees every change up to V.
    """
    for cache in list(_caches):
        cache.forget_version(shop_id)
    async with in_transaction():  # a savepoint inside the caller's transaction
        if not await CatalogVersion.filter(shop_id=shop_id).update(version=F("version") + 1):
            try:
                async with in_transaction():  # a savepoint: a lost insert race must not abort the caller
                    await CatalogVersion.create(shop_id=shop_id, version=1)
            except IntegrityError:
                await CatalogVersion.filter(shop_id=shop_id).update(version=F("version") + 1)
        version = int((await CatalogVersion.filter(shop_id=shop_id).values_list("version", flat=True))[0])
        changed = [None] if products is None else sorted(set(products))
        if changed:
            await CatalogChange.bulk_create([CatalogChange(shop_id=shop_id, version=version, product_id=pid) for pid in changed])
        if version % PRUNE_EVERY == 0:
            await CatalogChange.filter(shop_id=shop_id, version__lte=version - KEEP_CHANGES).delete()


async def changes_since(shop_id: int, after: int, upto: int) -> set[int] | None:
    """The products changed by versions ``after`` < v <= ``upto``; None when that is unknown
    (possibly any product, or further back than the kept changes)."""
    if after < 0 or upto - after > KEEP_CHANGES - PRUNE_EVERY:
        return None
    rows = await CatalogChange.filter(shop_id=shop_id, version__gt=after, version__lte=upto).values_list("product_id", flat=True)
    if None in rows:
        return None
    return set(rows)


class CatalogCache:
    def __init__(self, store: Any, ttl: int = CACHE_TTL_SECONDS, *, local_entries: int = LOCAL_ENTRIES,
                 version_ttl: float = VERSION_TTL_SECONDS) -> None:
        self.store = store
        self.ttl = ttl
        self.local_entries = local_entries
        self.version_ttl = version_ttl
        self._local: OrderedDict[str, bytes] = OrderedDict()
        self._versions: dict[int, tuple[int, float]] = {}
        self._rereading_until: dict[int, float] = {}
        self._inflight: dict[str, asyncio.Future[bytes]] = {}
        self.hits: Counter[int] = Counter()
        self.misses: Counter[int] = Counter()
        self.loads: Counter[int] = Counter()
        _caches.add(self)

    def forget_version(self, shop_id: int) -> None:
        """The shop's catalog is changing: read its version from the database for a while."""
        self._versions.pop(shop_id, None)
        self._rereading_until[shop_id] = time.monotonic() + self.version_ttl

    async def version(self, shop_id: int) -> int:
        now = time.monotonic()
        known = self._versions.get(shop_id)
        if known is not None and known[1] > now:
            return known[0]
        version = await current_version(shop_id)
        if self._rereading_until.get(shop_id, 0.0) <= now:
            self._versions[shop_id] = (version, now + self.version_ttl)
        return version

    def _remember(self, key: str, data: bytes) -> None:
        self._local[key] = data
        if len(self._local) > self.local_entries:
            self._local.popitem(last=False)

    async def get_or_load(self, shop_id: int, key: str, loader: Callable[[], Awaitable[bytes]]) -> bytes:
        full_key = f"{shop_id}:{await self.version(shop_id)}:{key}"
        cached = self._local.get(full_key)
        if cached is not None:
            self._local.move_to_end(full_key)
            self.hits[shop_id] += 1
            return cached
        pending = self._inflight.get(full_key)
        if pending is not None:
            self.misses[shop_id] += 1
            return await asyncio.shield(pending)
        # The flight covers the store read too: a request arriving meanwhile waits for it.
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        # Mark a failure as seen even when nobody else was waiting for it.
        future.add_done_callback(lambda done: done.cancelled() or done.exception())
        self._inflight[full_key] = future
        try:
            data = await self.store.get(full_key)
            if data is not None:
                self.hits[shop_id] += 1
            else:
                self.misses[shop_id] += 1
                self.loads[shop_id] += 1
                data = await loader()
                await self.store.set(full_key, data, expires_in=self.ttl)
            self._remember(full_key, data)
            future.set_result(data)
            return data
        except BaseException as exc:
            future.set_exception(exc)
            raise
        finally:
            self._inflight.pop(full_key, None)

    def stats(self, shop_id: int) -> dict[str, Any]:
        hits, misses = self.hits[shop_id], self.misses[shop_id]
        total = hits + misses
        return {
            "hits": hits,
            "misses": misses,
            "loads": self.loads[shop_id],
            "hit_ratio": round(hits / total, 4) if total else None,
            "backend": type(self.store).__name__,
        }


def catalog_cache(app: Any) -> CatalogCache:
    """The app's catalog cache, built on first use from ``app.stores.get("catalog")``."""
    cache = app.state.get("catalog_cache")
    if cache is None:
        cache = CatalogCache(app.stores.get("catalog"))
        app.state.catalog_cache = cache
    return cache
