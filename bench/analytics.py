"""Analytics benchmark: ingest throughput, and funnel/paths/retention over 1 M events.

Prints ``key: value`` lines:

* ``ingest_events_per_s`` — the app under uvicorn with 2 worker processes on SQLite, fed
  batches of 50 events by a keep-alive client with ``--connections`` requests in flight; then
  ``ingest_sent``, ``ingest_stored`` and ``ingest_lost`` (stored must equal sent; goal ≥ 10,000/s),
  and ``ingest_server_cpu_us_per_event`` (the web processes' CPU per event: a shared machine's
  load does not inflate it);
* ``funnel_1m_s``, ``paths_1m_s``, ``retention_1m_s`` — each report over 1 M events (30 days,
  ~60 k visitors) on the main-database store (SQLite, goal < 2 s), and the same with the
  ``chdb_`` prefix on the ClickHouse store in chDB (goal < 0.3 s; skipped without the chdb extra).

    .venv/bin/python bench/analytics.py [--events 1000000] [--batches 1200] [--skip-ingest]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import random
import secrets
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# bench/builder.py would shadow the ``builder`` package when run as a script from bench/.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from core.analytics.db_store import DatabaseStore  # noqa: E402
from core.analytics.models import AnalyticsEvent  # noqa: E402
from core.analytics.store import EventRecord, Step  # noqa: E402
from core.app import create_app  # noqa: E402
from core.db import close_db, init_db, upgrade  # noqa: E402
from core.settings import Settings  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_checkout", Path(__file__).with_name("checkout.py"))
server_tools = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(server_tools)  # the uvicorn and keep-alive client helpers of bench/checkout.py

ZONE = ZoneInfo("Asia/Shanghai")
ROUTES = [
    "pages/index/index", "pages/category/category", "pages/product/product", "pages/cart/cart",
    "pages/search/search", "pages/user/user", "kd_trade/pages/checkout/checkout", "pages/activity/activity",
]
FUNNEL = [Step("page_view"), Step("block_click"), Step("add_to_cart"), Step("order_paid")]
LAST_DAY = date(2026, 11, 30)
DAYS = 30


def synthetic_events(total: int, shop_id: int, seed: int = 15) -> list[EventRecord]:
    """Sessions of 1–20 events by ~60 k visitors over 30 days, page views most common."""
    rng = random.Random(seed)
    events: list[EventRecord] = []
    kinds = ["page_view"] * 10 + ["block_exposure"] * 4 + ["block_click"] * 2 + ["add_to_cart", "search", "checkout_start"]
    first_day = LAST_DAY - timedelta(days=DAYS - 1)
    session = 0
    while len(events) < total:
        session += 1
        visitor = int(rng.paretovariate(1.2) * 1000) % 60_000
        customer = visitor if visitor % 3 == 0 else None
        moment = datetime.combine(first_day + timedelta(days=rng.randrange(DAYS)), datetime.min.time(), ZONE) + timedelta(seconds=rng.randrange(86_000))
        route = ROUTES[0]
        for _ in range(rng.randint(1, 20)):
            kind = rng.choice(kinds)
            if kind == "page_view":
                route = rng.choice(ROUTES)
            moment += timedelta(seconds=rng.randint(1, 120))
            props: dict[str, object] = {}
            if kind.startswith("block_"):
                props = {"component": "banner"}
            events.append(_record(shop_id, f"e{len(events)}", kind, visitor, customer, f"s{session}", route, moment, props))
            if kind == "checkout_start" and customer is not None and rng.random() < 0.5:
                moment += timedelta(seconds=30)
                events.append(_record(shop_id, f"e{len(events)}", "order_paid", visitor, customer, f"s{session}", "", moment, {"order_id": 1, "amount_fen": 100}))
    return events[:total]


def _record(shop_id, event_id, kind, visitor, customer, session, route, moment, props) -> EventRecord:
    utc = moment.astimezone(UTC)
    return EventRecord(
        shop_id=shop_id, event_id=event_id, type=kind, device_id=f"device{visitor:08d}", customer_id=customer, session_id=session,
        route=route, from_route=None, block_id="b1" if kind.startswith("block_") else None, experiments={}, props=props,
        client_time=utc, server_time=utc, ts_ms=int(utc.timestamp() * 1000), day=moment.date(),
    )


async def time_reports(store, shop_id: int, prefix: str) -> None:
    start, end = LAST_DAY - timedelta(days=DAYS - 1), LAST_DAY
    for name, call in (
        ("funnel_1m_s", lambda: store.funnel(shop_id, start, end, FUNNEL, 24 * 3_600_000, "none")),
        ("paths_1m_s", lambda: store.paths(shop_id, start, end, 20)),
        ("retention_1m_s", lambda: store.retention(shop_id, start, end)),
    ):
        best = best_cpu = float("inf")
        for _ in range(2):
            started, cpu_started = time.perf_counter(), time.process_time()
            await call()
            best = min(best, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - cpu_started)
        # CPU of this process (all its threads, chDB's included): what a loaded machine does not inflate.
        print(f"{prefix}{name}: {best:.3f}", flush=True)
        print(f"{prefix}{name.removesuffix('_s')}_cpu_s: {best_cpu:.3f}", flush=True)


def sqlite_load(path: str, events: list[EventRecord]) -> None:
    """Bulk-load straight through sqlite3 (the ORM's row-by-row objects would take minutes)."""
    columns = ("shop_id", "event_id", "type", "device_id", "customer_id", "actor", "session_id", "route", "from_route", "block_id",
               "experiments", "props", "client_time", "server_time", "ts_ms", "day")
    connection = sqlite3.connect(path)
    connection.executemany(
        f"INSERT INTO {AnalyticsEvent._meta.db_table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        (
            (e.shop_id, e.event_id, e.type, e.device_id, e.customer_id, e.actor, e.session_id, e.route, e.from_route, e.block_id,
             "{}", json.dumps(e.props), e.client_time.isoformat(), e.server_time.isoformat(), e.ts_ms, e.day.isoformat())
            for e in events
        ),
    )
    connection.commit()
    connection.execute("ANALYZE")
    connection.close()


# -- ingest over HTTP -----------------------------------------------------------------------------


def batch_request(shop_id: int, device: str, now: datetime) -> tuple[bytes, int]:
    events = [
        {
            "id": uuid.uuid4().hex, "type": "page_view" if index % 3 else "block_exposure", "session_id": f"session-{device}",
            "route": ROUTES[index % len(ROUTES)], "from_route": None, "block_id": None if index % 3 else f"b{index}",
            "experiments": {}, "client_time": (now + timedelta(milliseconds=index)).isoformat(),
            "props": {} if index % 3 else {"component": "banner"},
        }
        for index in range(50)
    ]
    body = json.dumps({"events": events}).encode()
    head = (
        f"POST /api/shop/{shop_id}/events HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
        f"X-Device-Token: {device}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body, len(events)


async def drive_ingest(port: int, shop_id: int, batches: int, connections: int) -> tuple[int, float, dict[int, int]]:
    pool = server_tools.Connections(port, connections)
    now = datetime.now(UTC)
    payloads = [batch_request(shop_id, f"bench-device-{index % 500:06d}", now) for index in range(batches)]
    statuses: dict[int, int] = {}
    accepted = 0

    async def one(payload: bytes) -> None:
        nonlocal accepted
        status, body = await pool.request(payload)
        statuses[status] = statuses.get(status, 0) + 1
        if status == 200:
            accepted += json.loads(body)["accepted"]

    started = time.perf_counter()
    await asyncio.gather(*(one(payload) for payload, _ in payloads))
    elapsed = time.perf_counter() - started
    pool.close()
    return accepted, elapsed, statuses


def ingest(folder: str, batches: int, connections: int) -> None:
    url = f"sqlite://{folder}/ingest.sqlite3"
    settings = Settings(database_url=url, run_jobs=False, secret_key=secrets.token_urlsafe(48))
    app = create_app(settings)

    async def prepare() -> int:
        from core.shops.services import create_agency, create_shop

        await upgrade(app.state.db_config)
        await init_db(app.state.db_config)
        try:
            agency = await create_agency("bench")
            return (await create_shop(agency_id=agency.id, name="压测店", slug="bench", host=app.state.host)).id
        finally:
            await close_db()

    shop_id = asyncio.run(prepare())
    port = server_tools.free_port()
    env = {
        **os.environ, "KAIDIAN_DATABASE_URL": url, "KAIDIAN_SECRET_KEY": settings.secret_key, "KAIDIAN_RUN_JOBS": "false",
        "KAIDIAN_ANALYTICS_BATCHES_PER_MINUTE_PER_IP": "1000000",
    }
    server = server_tools.start_server(port, 2, env)
    try:
        async def run() -> tuple[int, float, dict[int, int]]:
            await server_tools.wait_healthy(port, server)
            await drive_ingest(port, shop_id, 20, connections)  # warm-up: imports, schema caches, connections
            return await drive_ingest(port, shop_id, batches, connections)

        cpu_before = server_tools.server_cpu_seconds(server)
        accepted, elapsed, statuses = asyncio.run(run())
        server_cpu = server_tools.server_cpu_seconds(server) - cpu_before
    finally:
        server_tools.stop_server(server)
    sent = batches * 50
    connection = sqlite3.connect(f"{folder}/ingest.sqlite3")
    stored = connection.execute(f"SELECT COUNT(*) FROM {AnalyticsEvent._meta.db_table}").fetchone()[0] - 20 * 50
    connection.close()
    print(f"ingest_events_per_s: {accepted / elapsed:.0f}")
    print(f"ingest_sent: {sent}")
    print(f"ingest_stored: {stored}")
    print(f"ingest_lost: {sent - stored}")
    print(f"ingest_statuses: {json.dumps(statuses)}")
    # What an event costs the server whatever else the machine runs: 2 cores / this = the rate an idle box could take.
    print(f"ingest_server_cpu_us_per_event: {server_cpu / sent * 1e6:.0f}", flush=True)


def reports(folder: str, total: int) -> None:
    events = synthetic_events(total, shop_id=1)
    path = f"{folder}/reports.sqlite3"
    app = create_app(Settings(database_url=f"sqlite://{path}", run_jobs=False))

    async def on_sqlite() -> None:
        from core.shops.services import create_agency, create_shop

        await upgrade(app.state.db_config)
        await init_db(app.state.db_config)
        try:
            agency = await create_agency("bench")
            shop_id = (await create_shop(agency_id=agency.id, name="报表店", slug="bench-reports", host=app.state.host)).id
        finally:
            await close_db()
        assert shop_id == 1
        sqlite_load(path, events)
        await init_db(app.state.db_config)
        try:
            await time_reports(DatabaseStore(), shop_id, "")
        finally:
            await close_db()

    asyncio.run(on_sqlite())
    try:
        from core.analytics.clickhouse_store import ClickHouseStore

        store = ClickHouseStore.on_chdb()
    except ImportError:
        print("chdb_funnel_1m_s: skipped (pip install -e '.[chdb]')")
        return

    async def on_chdb() -> None:
        await store._table()
        for offset in range(0, len(events), 100_000):
            await store.runner.insert([_chdb_row(event) for event in events[offset : offset + 100_000]])
        await store.runner.command("OPTIMIZE TABLE kd_analytics_event FINAL")
        await time_reports(store, 1, "chdb_")

    asyncio.run(on_chdb())
    store.runner.close()


def _chdb_row(event: EventRecord) -> dict[str, object]:
    from core.analytics.clickhouse_store import _row

    return _row(event)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events behind the report timings")
    parser.add_argument("--batches", type=int, default=1200, help="batches of 50 sent in the ingest run")
    parser.add_argument("--connections", type=int, default=16, help="ingest requests in flight")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-reports", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kaidian-analytics-bench-") as folder:
        if not args.skip_ingest:
            ingest(folder, args.batches, args.connections)
        if not args.skip_reports:
            reports(folder, args.events)


if __name__ == "__main__":
    main()
