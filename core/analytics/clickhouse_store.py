"""The ClickHouse analytics store (``KAIDIAN_ANALYTICS_URL=clickhouse://user:password@host:8123/db``).

Reports are ClickHouse SQL (``windowFunnel``, ``retention``, array functions) with server-side
parameters (``{name:Type}``). The same SQL runs on a ClickHouse server through
``clickhouse-connect`` and in-process on chDB (``ClickHouseStore.on_chdb()``), which is how the
tests and the benchmark prove it where no ClickHouse server can be installed.

ClickHouse has no unique constraint: ``insert`` first asks which ids are stored already, and
the table is a ReplacingMergeTree keyed by (shop, day, event id), so a duplicate that slips in
through two racing retries is merged away.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from core.analytics.store import PATH_LENGTH, RETENTION_DAYS, BlockFigures, Cohort, EventRecord, PathsResult, Step

TABLE = "kd_analytics_event"
COLUMNS = (
    "shop_id", "event_id", "type", "device_id", "customer_id", "actor", "session_id", "route", "from_route", "block_id",
    "experiments", "props", "client_time", "server_time", "ts_ms", "day",
)
CREATE_TABLE = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    shop_id UInt32,
    event_id String,
    type LowCardinality(String),
    device_id String,
    customer_id Nullable(UInt32),
    actor String,
    session_id String,
    route LowCardinality(String),
    from_route Nullable(String),
    block_id Nullable(String),
    experiments Map(String, String),
    props String,
    client_time Nullable(DateTime64(3, 'UTC')),
    server_time DateTime64(3, 'UTC'),
    ts_ms Int64,
    day Date,
    INDEX event_id_index event_id TYPE bloom_filter GRANULARITY 4
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (shop_id, day, event_id)
"""


class Runner(Protocol):
    async def rows(self, sql: str, params: dict[str, Any]) -> list[list[Any]]: ...

    async def command(self, sql: str, params: dict[str, Any] | None = None) -> None: ...

    async def insert(self, rows: list[dict[str, Any]]) -> None: ...


def _row(record: EventRecord) -> dict[str, Any]:
    return {
        "shop_id": record.shop_id, "event_id": record.event_id, "type": record.type, "device_id": record.device_id,
        "customer_id": record.customer_id, "actor": record.actor, "session_id": record.session_id, "route": record.route,
        "from_route": record.from_route, "block_id": record.block_id, "experiments": record.experiments,
        "props": json.dumps(record.props, separators=(",", ":"), ensure_ascii=False),
        "client_time": record.client_time, "server_time": record.server_time, "ts_ms": record.ts_ms, "day": record.day,
    }


class ClickHouseConnectRunner:
    """A ClickHouse server over HTTP through clickhouse-connect's async client."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self._options = {
            "host": parts.hostname or "127.0.0.1",
            "port": parts.port or (8443 if parts.scheme == "clickhouses" else 8123),
            "username": unquote(parts.username or "default"),
            "password": unquote(parts.password or ""),
            "database": parts.path.strip("/") or "default",
            "secure": parts.scheme == "clickhouses",
        }
        self._client: Any = None

    async def _get(self) -> Any:
        if self._client is None:
            import clickhouse_connect

            self._client = await clickhouse_connect.get_async_client(**self._options)
        return self._client

    async def rows(self, sql: str, params: dict[str, Any]) -> list[list[Any]]:
        result = await (await self._get()).query(sql, parameters=params)
        return [list(row) for row in result.result_rows]

    async def command(self, sql: str, params: dict[str, Any] | None = None) -> None:
        await (await self._get()).command(sql, parameters=params or {})

    async def insert(self, rows: list[dict[str, Any]]) -> None:
        await (await self._get()).insert(TABLE, [[row[column] for column in COLUMNS] for row in rows], column_names=list(COLUMNS))


def _chdb_literal(value: Any) -> str:
    # chDB takes query parameters as ClickHouse text: arrays must be written out quoted.
    if isinstance(value, (list, tuple)):
        return "[" + ",".join("'" + str(item).replace("\\", "\\\\").replace("'", "\\'") + "'" for item in value) + "]"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class ChdbRunner:
    """chDB: the ClickHouse engine in this process (tests and the benchmark; PyPI ``chdb``)."""

    def __init__(self, path: str | None = None) -> None:
        from chdb import session

        self._session = session.Session(path) if path else session.Session()
        self._lock = threading.Lock()
        self._session.query("CREATE DATABASE IF NOT EXISTS kaidian")
        self._session.query("USE kaidian")

    def _run(self, sql: str, params: dict[str, Any] | None, fmt: str = "JSONCompact") -> Any:
        with self._lock:
            return self._session.query(sql, fmt, params={name: _chdb_literal(value) for name, value in (params or {}).items()})

    async def rows(self, sql: str, params: dict[str, Any]) -> list[list[Any]]:
        result = await asyncio.to_thread(self._run, sql, params)
        return json.loads(result.bytes())["data"]

    async def command(self, sql: str, params: dict[str, Any] | None = None) -> None:
        await asyncio.to_thread(self._run, sql, params, "CSV")

    async def insert(self, rows: list[dict[str, Any]]) -> None:
        lines = "\n".join(json.dumps(row, default=_json_value, ensure_ascii=False) for row in rows)
        await asyncio.to_thread(self._run, f"INSERT INTO {TABLE} FORMAT JSONEachRow\n{lines}", None, "CSV")

    def close(self) -> None:
        self._session.close()


def _json_value(value: Any) -> Any:
    if isinstance(value, date) and hasattr(value, "hour"):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]  # UTC DateTime64(3)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value))


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class ClickHouseStore:
    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self._ready = False

    @classmethod
    def from_url(cls, url: str) -> ClickHouseStore:
        return cls(ClickHouseConnectRunner(url))

    @classmethod
    def on_chdb(cls, path: str | None = None) -> ClickHouseStore:
        return cls(ChdbRunner(path))

    async def _table(self) -> None:
        if not self._ready:
            await self.runner.command(CREATE_TABLE)
            self._ready = True

    async def _rows(self, sql: str, **params: Any) -> list[list[Any]]:
        await self._table()
        return await self.runner.rows(sql, params)

    async def insert(self, records: list[EventRecord]) -> tuple[int, set[str]]:
        if not records:
            return 0, set()
        shop_id = records[0].shop_id
        existing = {
            row[0]
            for row in await self._rows(
                f"SELECT DISTINCT event_id FROM {TABLE} WHERE shop_id = {{shop:UInt32}} AND event_id IN {{ids:Array(String)}}",
                shop=shop_id, ids=[record.event_id for record in records],
            )
        }
        fresh = [record for record in records if record.event_id not in existing]
        if fresh:
            await self.runner.insert([_row(record) for record in fresh])
        return len(fresh), existing

    async def funnel(self, shop_id: int, start: date, end: date, steps: list[Step], window_ms: int, split: str) -> dict[str, list[int]]:
        params: dict[str, Any] = {"shop": shop_id, "start": start, "end": end, "window": window_ms}
        conditions = []
        for index, step in enumerate(steps):
            params[f"type{index}"] = step.type
            condition = f"type = {{type{index}:String}}"
            if step.route is not None:
                params[f"route{index}"] = step.route
                condition += f" AND route = {{route{index}:String}}"
            conditions.append(f"({condition})")
        types = sorted({step.type for step in steps} | ({"page_view"} if split == "entry_page" else set()))
        params["types"] = types
        if split == "customer_kind":
            group = (
                f"if(actor IN (SELECT actor FROM {TABLE} WHERE shop_id = {{shop:UInt32}} AND day < {{start:Date}}), 'returning', 'new')"
            )
        elif split == "entry_page":
            group = "argMinIf(route, (ts_ms, route), type = 'page_view')"
        else:
            group = "''"
        rows = await self._rows(
            f"""
            SELECT grp, level, count() FROM (
                SELECT actor, {group} AS grp,
                       windowFunnel({{window:UInt64}}, 'strict_increase')(toUInt64(ts_ms), {", ".join(conditions)}) AS level
                FROM {TABLE}
                WHERE shop_id = {{shop:UInt32}} AND day >= {{start:Date}} AND day <= {{end:Date}} AND type IN {{types:Array(String)}}
                GROUP BY actor
            )
            WHERE level > 0
            GROUP BY grp, level
            """,
            **params,
        )
        groups: dict[str, list[int]] = {}
        for key, level, count in rows:
            counts = groups.setdefault(str(key), [0] * len(steps))
            for index in range(int(level)):
                counts[index] += int(count)
        return groups

    async def paths(self, shop_id: int, start: date, end: date, limit: int) -> PathsResult:
        # One query groups each session's routes once; transitions ("t"), exits ("e") and paths
        # ("p") are then counted together by one GROUP BY over [kind, route, …] keys, and the
        # paths ranked there too: only every transition and exit and the top ``limit`` paths
        # come back (tens of rows, not one per distinct path to decode and sort in Python).
        rows = await self._rows(
            f"""
            SELECT kind, routes, n FROM (
                SELECT key[1] AS kind, arrayPopFront(key) AS routes, count() AS n,
                       row_number() OVER (PARTITION BY kind ORDER BY n DESC, routes) AS rank
                FROM (
                    SELECT arrayMap(item -> item.3, arraySort(groupArray((ts_ms, event_id, route)))) AS routes,
                           arrayConcat(
                               arrayMap(pair -> ['t', pair.1, pair.2], arrayZip(arrayPopBack(routes), arrayPopFront(routes))),
                               [['e', routes[-1]], arrayConcat(['p'], arraySlice(routes, 1, {PATH_LENGTH}))]
                           ) AS keys
                    FROM {TABLE}
                    WHERE shop_id = {{shop:UInt32}} AND day >= {{start:Date}} AND day <= {{end:Date}} AND type = 'page_view'
                    GROUP BY session_id
                )
                ARRAY JOIN keys AS key
                GROUP BY key
            )
            WHERE kind != 'p' OR rank <= {{limit:UInt32}}
            """,
            shop=shop_id, start=start, end=end, limit=limit,
        )
        transitions, exits, top = [], [], []
        for kind, routes, count in rows:
            if kind == "t":
                transitions.append((str(routes[0]), str(routes[1]), int(count)))
            elif kind == "e":
                exits.append((str(routes[0]), int(count)))
            else:
                top.append((tuple(str(route) for route in routes), int(count)))
        return PathsResult(
            transitions=sorted(transitions, key=lambda item: (-item[2], item[0], item[1])),
            exits=sorted(exits, key=lambda item: (-item[1], item[0])),
            top_paths=sorted(top, key=lambda item: (-item[1], item[0])),
        )

    async def blocks(self, shop_id: int, start: date, end: date, route: str) -> list[BlockFigures]:
        rows = await self._rows(
            f"""
            SELECT assumeNotNull(block_id) AS block, argMax(JSONExtractString(props, 'component'), ts_ms),
                   countIf(type = 'block_exposure'), countIf(type = 'block_click')
            FROM {TABLE}
            WHERE shop_id = {{shop:UInt32}} AND route = {{route:String}} AND day >= {{start:Date}} AND day <= {{end:Date}}
              AND type IN ('block_exposure', 'block_click') AND block_id IS NOT NULL
            GROUP BY block
            """,
            shop=shop_id, route=route, start=start, end=end,
        )
        return [BlockFigures(str(block), str(component), int(exposures), int(clicks)) for block, component, exposures, clicks in rows]

    async def retention(self, shop_id: int, start: date, end: date) -> list[Cohort]:
        rows = await self._rows(
            f"""
            WITH firsts AS (
                SELECT actor, min(day) AS first_day FROM {TABLE} WHERE shop_id = {{shop:UInt32}}
                GROUP BY actor HAVING first_day >= {{start:Date}} AND first_day <= {{end:Date}}
            )
            SELECT first_day, count(), sum(returned[2]), sum(returned[3]), sum(returned[4]) FROM (
                SELECT actor, any(firsts.first_day) AS first_day,
                       retention(day = firsts.first_day, day = firsts.first_day + 1, day = firsts.first_day + 7, day = firsts.first_day + 30) AS returned
                FROM {TABLE} AS events INNER JOIN firsts USING actor
                WHERE events.shop_id = {{shop:UInt32}} AND events.day >= {{start:Date}} AND events.day <= {{last:Date}}
                GROUP BY actor
            )
            GROUP BY first_day ORDER BY first_day
            """,
            shop=shop_id, start=start, end=end, last=end + timedelta(days=max(RETENTION_DAYS)),
        )
        return [Cohort(_day(day), int(size), dict(zip(RETENTION_DAYS, (int(d1), int(d7), int(d30))))) for day, size, d1, d7, d30 in rows]

    async def visitors(self, shop_id: int, start: date, end: date) -> tuple[dict[date, int], int]:
        where = f"FROM {TABLE} WHERE shop_id = {{shop:UInt32}} AND day >= {{start:Date}} AND day <= {{end:Date}} AND type = 'page_view'"
        per_day = await self._rows(f"SELECT day, uniqExact(actor) {where} GROUP BY day", shop=shop_id, start=start, end=end)
        total = await self._rows(f"SELECT uniqExact(actor) {where}", shop=shop_id, start=start, end=end)
        return {_day(day): int(count) for day, count in per_day}, int(total[0][0]) if total else 0

    async def events(self, shop_id: int, since: datetime | None, until: datetime | None, types: Sequence[str] | None = None) -> list[dict[str, Any]]:
        # FINAL: a replayed event id is one event, as in the database store
        sql = f"SELECT type, device_id, customer_id, route, block_id, experiments, props FROM {TABLE} FINAL WHERE shop_id = {{shop:UInt32}}"
        params: dict[str, Any] = {"shop": shop_id}
        if types is not None:
            sql += " AND type IN {types:Array(String)}"
            params["types"] = list(types)
        if since is not None:
            sql += " AND server_time >= toDateTime64({since:String}, 3, 'UTC')"
            params["since"] = _utc_text(since)
        if until is not None:
            sql += " AND server_time <= toDateTime64({until:String}, 3, 'UTC')"
            params["until"] = _utc_text(until)
        return [
            {
                "type": kind, "device_id": device, "customer_id": None if customer is None else int(customer), "route": route,
                "block_id": block, "experiments": dict(experiments or {}), "props": json.loads(props) if props else {},
            }
            for kind, device, customer, route, block, experiments, props in await self._rows(sql, **params)
        ]

    async def purge(self, before: date) -> int:
        count = await self._rows(f"SELECT count() FROM {TABLE} WHERE day < {{before:Date}}", before=before)
        if count and int(count[0][0]):
            await self.runner.command(f"ALTER TABLE {TABLE} DELETE WHERE day < {{before:Date}}", {"before": before})
        return int(count[0][0]) if count else 0

    async def rollup(self, days: list[date]) -> None:
        """ClickHouse aggregates raw events fast enough: no rollups to keep."""
