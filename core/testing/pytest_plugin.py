"""pytest fixtures for kaidian and plugin authors (registered through the ``pytest11`` entry point).

* ``kaidian_database_url`` (session): a migrated throw-away database.
* ``kaidian_settings``: settings pointing at it (and at ``KAIDIAN_REDIS_URL`` if set), with the
  sandbox on (free payments, ``sandbox:<user>`` logins).
* ``kaidian_client_for(plugins=[...])``: async context manager → ASGI test client of a fresh app.
* ``kaidian_client``: a client of the app with the installed plugins.
* ``shop`` / ``two_shops``: shops with owner and customer tokens (see ``core.testing.ShopHandle``).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest


def _session_database() -> Iterator[str]:
    from core.app import create_app
    from core.settings import Settings
    from core.testing.database import (
        base_database_url,
        create_test_database,
        derive_test_database_url,
        drop_test_database,
    )

    url = derive_test_database_url(base_database_url())
    config = create_app(Settings(database_url=url, run_jobs=False)).state.db_config
    create_test_database(config)
    yield url
    drop_test_database(config, url)


@pytest.fixture(scope="session")
def kaidian_database_url() -> Any:
    yield from _session_database()


@pytest.fixture(scope="session")
def kaidian_demo_database_url() -> Any:
    """A database of its own for demo shops: their month of history leaves timers due in the
    future (receipts to confirm, groups to expire) that a test firing every due timer of the
    shared database would otherwise meet."""
    yield from _session_database()


@pytest.fixture
def kaidian_settings(kaidian_database_url: str, tmp_path: Any) -> Any:
    from core.settings import Settings

    return Settings(
        database_url=kaidian_database_url,
        media_dir=str(tmp_path / "media"),
        redis_url=os.environ.get("KAIDIAN_REDIS_URL") or None,
        redis_key_prefix=f"kdtest:{uuid.uuid4().hex[:8]}:",
        secret_key=secrets.token_urlsafe(48),
        run_jobs=False,
        wechat_provider="sandbox",  # sandbox payments and sandbox:<user> logins, for tests only
    )


async def _clear_redis_prefix(settings: Any) -> None:
    if not settings.redis_url:
        return
    from redis.asyncio import Redis

    client = Redis.from_url(settings.redis_url)
    try:
        keys = [key async for key in client.scan_iter(match=f"{settings.redis_key_prefix}*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


class KaidianTestClient(httpx.AsyncClient):
    """An httpx client that talks to the app in-process; ``client.app`` is the app."""

    def __init__(self, app: Any) -> None:
        super().__init__(transport=httpx.ASGITransport(app=app), base_url="http://testserver.local")
        self.app = app


async def _run_lifespan(app: Any, started: asyncio.Event, stop: asyncio.Event) -> None:
    # Entered and left in this one task (anyio scopes demand it), on the test's own loop.
    async with app.lifespan():
        started.set()
        await stop.wait()


@pytest.fixture
def kaidian_client_for(kaidian_settings: Any) -> Any:
    from core.app import create_app
    from core.db import close_db, init_db, upgrade

    @asynccontextmanager
    async def factory(
        plugins: Iterable[Any] = (), *, settings: Any = None, entry_points: bool = True
    ) -> AsyncIterator[Any]:
        plugins = list(plugins)
        app = create_app(settings or kaidian_settings, plugins=plugins, entry_points=entry_points)
        if plugins:  # a temporary plugin may bring models: apply its migrations first
            await upgrade(app.state.db_config, cipher=app.state.cipher)
        # Everything — lifespan, requests and the test's own ORM calls — runs on the test's
        # loop: connections bound to another loop would be silently re-opened and leaked.
        await init_db(app.state.db_config)
        started, stop = asyncio.Event(), asyncio.Event()
        lifespan = asyncio.create_task(_run_lifespan(app, started, stop))
        try:
            await asyncio.wait_for(started.wait(), timeout=30)
            async with KaidianTestClient(app) as client:
                yield client
        finally:
            stop.set()
            await lifespan
            await close_db()
            await _clear_redis_prefix(app.state.settings)

    return factory


@pytest.fixture
async def kaidian_client(kaidian_client_for: Any) -> AsyncIterator[Any]:
    async with kaidian_client_for() as client:
        yield client


@pytest.fixture
async def kaidian_demo_client(kaidian_client_for: Any, kaidian_settings: Any, kaidian_demo_database_url: str) -> AsyncIterator[Any]:
    """``kaidian_client`` on the demo shops' database (``core.testing.seed_demo_shop``)."""
    settings = kaidian_settings.model_copy(update={"database_url": kaidian_demo_database_url})
    async with kaidian_client_for(settings=settings) as client:
        yield client


@pytest.fixture
async def shop(kaidian_client: Any) -> Any:
    from core.testing import make_shop

    return await make_shop(kaidian_client, name="店铺A")


@pytest.fixture
async def two_shops(kaidian_client: Any) -> Any:
    from core.testing import make_shop

    return await make_shop(kaidian_client, name="店铺A"), await make_shop(kaidian_client, name="店铺B")
