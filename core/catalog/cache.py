"""Cached customer pages: product detail and list bodies, per shop, in the app's "catalog" store.

Keys embed the shop's ``CatalogVersion``, which every catalog write bumps inside its own
transaction: a committed edit changes the key, so the next read loads fresh data, on Redis
and in-process alike, from any worker; a reader racing an uncommitted edit caches under the
old version only. Concurrent misses of one key in a process share one load (single flight).
Hit and miss counts are kept per shop in this process and shown to the shop's staff.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from core.catalog.models import CatalogVersion

CACHE_TTL_SECONDS = 600


async def current_version(shop_id: int) -> int:
    rows = await CatalogVersion.filter(shop_id=shop_id).values_list("version", flat=True)
    return int(rows[0]) if rows else 0


async def bump_version(shop_id: int) -> None:
    """Invalidate every cached page of the shop once the caller's transaction commits."""
    if await CatalogVersion.filter(shop_id=shop_id).update(version=F("version") + 1):
        return
    try:
        async with in_transaction():  # a savepoint: a lost insert race must not abort the caller
            await CatalogVersion.create(shop_id=shop_id, version=1)
    except IntegrityError:
        await CatalogVersion.filter(shop_id=shop_id).update(version=F("version") + 1)


class CatalogCache:
    def __init__(self, store: Any, ttl: int = CACHE_TTL_SECONDS) -> None:
        self.store = store
        self.ttl = ttl
        self._inflight: dict[str, asyncio.Future[bytes]] = {}
        self.hits: Counter[int] = Counter()
        self.misses: Counter[int] = Counter()
        self.loads: Counter[int] = Counter()

    async def get_or_load(self, shop_id: int, key: str, loader: Callable[[], Awaitable[bytes]]) -> bytes:
        full_key = f"{shop_id}:{await current_version(shop_id)}:{key}"
        cached = await self.store.get(full_key)
        if cached is not None:
            self.hits[shop_id] += 1
            return cached
        self.misses[shop_id] += 1
        pending = self._inflight.get(full_key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        # Mark a failure as seen even when nobody else was waiting for it.
        future.add_done_callback(lambda done: done.cancelled() or done.exception())
        self._inflight[full_key] = future
        try:
            self.loads[shop_id] += 1
            data = await loader()
            await self.store.set(full_key, data, expires_in=self.ttl)
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
