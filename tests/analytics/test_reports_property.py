"""Property: on random event streams, the funnel, paths and retention of each store equal the
brute-force reference (tests/analytics/reference.py) — on the main database (SQLite here, the CI
databases in their passes) and on chDB, ClickHouse's engine in-process, for the ClickHouse SQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.analytics.store import EventRecord, Step
from tests.analytics import reference

ZONE = ZoneInfo("Asia/Shanghai")
BASE = datetime(2026, 3, 1, tzinfo=ZONE)
TYPES = ["page_view", "block_click", "add_to_cart", "order_paid", "search"]
ROUTES = ["pages/index/index", "pages/product/product", "pages/cart/cart"]
WINDOWS_MS = [10 * 60_000, 3_600_000, 86_400_000, 3 * 86_400_000]


@st.composite
def streams(draw: Any, shop_ids: tuple[int, int]) -> list[EventRecord]:
    count = draw(st.integers(0, 45))
    records = []
    for index in range(count):
        customer = draw(st.sampled_from([None, None, 1, 2, 3]))
        device = f"device{draw(st.integers(0, 3)):012d}"
        # Coarse times (10-minute slots over 40 days) so ties, day edges and windows all occur.
        moment = BASE + timedelta(days=draw(st.integers(0, 39)), minutes=10 * draw(st.integers(0, 143)))
        records.append(
            EventRecord(
                shop_id=draw(st.sampled_from(shop_ids)), event_id=f"event{index:06d}", type=draw(st.sampled_from(TYPES)),
                device_id=device, customer_id=customer, session_id=f"session{draw(st.integers(0, 5)):04d}",
                route=draw(st.sampled_from(ROUTES)), from_route=None, block_id=None, experiments={}, props={},
                client_time=moment.astimezone(UTC), server_time=moment.astimezone(UTC),
                ts_ms=int(moment.timestamp() * 1000), day=moment.date(),
            )
        )
    return records


step_choice = st.builds(Step, st.sampled_from(TYPES), st.sampled_from([None, None, *ROUTES]))
queries = st.fixed_dictionaries(
    {
        "start": st.integers(0, 30).map(lambda days: BASE.date() + timedelta(days=days)),
        "length": st.integers(0, 15),
        "steps": st.lists(step_choice, min_size=2, max_size=4),
        "window_ms": st.sampled_from(WINDOWS_MS),
        "split": st.sampled_from(["none", "customer_kind", "entry_page"]),
        "limit": st.integers(1, 6),
    }
)


async def compare(store: Any, events: list[EventRecord], shop_id: int, query: dict[str, Any]) -> None:
    start = query["start"]
    end = start + timedelta(days=query["length"])
    expected_funnel = reference.funnel(events, shop_id, start, end, query["steps"], query["window_ms"], query["split"])
    assert await store.funnel(shop_id, start, end, query["steps"], query["window_ms"], query["split"]) == expected_funnel
    transitions, exits, top = reference.paths(events, shop_id, start, end, query["limit"])
    got = await store.paths(shop_id, start, end, query["limit"])
    assert (got.transitions, got.exits, got.top_paths) == (transitions, exits, top)
    cohorts = [(cohort.day, cohort.size, cohort.returned) for cohort in await store.retention(shop_id, start, end)]
    assert cohorts == reference.retention(events, shop_id, start, end)


async def insert_all(store: Any, events: list[EventRecord]) -> None:
    for shop_id in {event.shop_id for event in events}:
        await store.insert([event for event in events if event.shop_id == shop_id])


@pytest.fixture(scope="module")
def database(kaidian_database_url: str) -> Any:
    from core.app import create_app
    from core.db import close_db, init_db
    from core.settings import Settings
    from core.shops.services import create_agency, create_shop
    from core.testing import unique

    app = create_app(Settings(database_url=kaidian_database_url, run_jobs=False))
    config = app.state.db_config

    async def make_shops() -> tuple[int, int]:
        await init_db(config)
        try:
            agency = await create_agency(unique("agency"))
            shops = [await create_shop(agency_id=agency.id, name=f"店{n}", slug=unique("shop"), host=app.state.host) for n in range(2)]
            return shops[0].id, shops[1].id
        finally:
            await close_db()

    return config, asyncio.run(make_shops())


EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def test_main_database_store_equals_the_reference(database: Any, request: Any) -> None:
    from core.analytics.db_store import DatabaseStore
    from core.analytics.models import AnalyticsEvent
    from core.db import close_db, init_db

    config, shop_ids = database

    @EXAMPLES
    @given(data=st.data())
    def check(data: Any) -> None:
        events = data.draw(streams(shop_ids))
        query = data.draw(queries)

        async def run() -> None:
            await init_db(config)
            try:
                await AnalyticsEvent.filter(shop_id__in=shop_ids).delete()
                store = DatabaseStore()
                await insert_all(store, events)
                await compare(store, events, shop_ids[0], query)
            finally:
                await close_db()

        asyncio.run(run())

    check()


def test_clickhouse_sql_on_chdb_equals_the_reference() -> None:
    pytest.importorskip("chdb", reason="the [chdb] test extra proves the ClickHouse SQL (pip install -e '.[dev,chdb]')")
    from core.analytics.clickhouse_store import TABLE, ClickHouseStore

    store = ClickHouseStore.on_chdb()
    shop_ids = (1, 2)

    @EXAMPLES
    @given(events=streams(shop_ids), query=queries)
    def check(events: list[EventRecord], query: dict[str, Any]) -> None:
        async def run() -> None:
            await store._table()
            await store.runner.command(f"TRUNCATE TABLE {TABLE}")
            await insert_all(store, events)
            await compare(store, events, shop_ids[0], query)

        asyncio.run(run())

    try:
        check()
    finally:
        store.runner.close()
