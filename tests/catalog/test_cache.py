"""The catalog page cache: single flight, two tiers shared through the store, version-keyed
invalidation (at once in the editing process, within the version TTL elsewhere)."""

from __future__ import annotations

import asyncio

from tortoise.expressions import F

from core.catalog.cache import CatalogCache, bump_version
from core.catalog.models import CatalogVersion

PAGE = '{"title": "手机"}'.encode()


async def test_concurrent_misses_load_once_and_other_workers_hit_the_store(kaidian_client, shop):
    store = kaidian_client.app.stores.get("catalog")
    worker_a, worker_b = CatalogCache(store), CatalogCache(store)
    calls = 0

    async def load() -> bytes:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        return PAGE

    bodies = await asyncio.gather(*(worker_a.get_or_load(shop.shop_id, "detail:1", load) for _ in range(30)))
    assert set(bodies) == {PAGE} and calls == 1
    assert worker_a.stats(shop.shop_id)["loads"] == 1
    assert await worker_b.get_or_load(shop.shop_id, "detail:1", load) == PAGE
    assert calls == 1 and worker_b.stats(shop.shop_id)["hits"] == 1


async def test_an_edit_is_fresh_at_once_here_and_within_the_version_ttl_elsewhere(kaidian_client, shop):
    store = kaidian_client.app.stores.get("catalog")
    cache = CatalogCache(store, version_ttl=0.3)
    body = b"v1"

    async def load() -> bytes:
        return body

    await bump_version(shop.shop_id)
    assert await cache.get_or_load(shop.shop_id, "k", load) == b"v1"
    body = b"v2"
    await asyncio.sleep(0.35)  # the bump's re-reading window is over: the version is remembered again
    assert await cache.get_or_load(shop.shop_id, "k", load) == b"v1"
    # Another worker commits an edit (no bump in this process): seen once the TTL has passed.
    await CatalogVersion.filter(shop_id=shop.shop_id).update(version=F("version") + 1)
    assert await cache.get_or_load(shop.shop_id, "k", load) == b"v1"
    await asyncio.sleep(0.35)
    assert await cache.get_or_load(shop.shop_id, "k", load) == b"v2"
    # An edit in this process: the very next read is fresh.
    body = b"v3"
    await bump_version(shop.shop_id)
    assert await cache.get_or_load(shop.shop_id, "k", load) == b"v3"
