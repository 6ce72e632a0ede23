"""The default analytics store: events in the main database (SQLite, MySQL/MariaDB or
PostgreSQL). Reads are plain indexed SQL that every one of them runs; the funnel and path
arithmetic then happens in one pass in Python (``core.analytics.compute``); retention is all SQL."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from itertools import groupby
from typing import Any

from tortoise import connections
from tortoise.transactions import in_transaction

from core.analytics import compute
from core.analytics.models import AnalyticsDailyStat, AnalyticsEvent
from core.analytics.store import RETENTION_DAYS, BlockFigures, Cohort, EventRecord, PathsResult, Step

TABLE = AnalyticsEvent._meta.db_table


COLUMNS = (
    "shop_id", "event_id", "type", "device_id", "customer_id", "actor", "session_id", "route", "from_route", "block_id",
    "experiments", "props", "client_time", "server_time", "ts_ms", "day",
)
SQLITE_INSERT_HEAD = f"INSERT OR IGNORE INTO {TABLE} ({', '.join(COLUMNS)}) VALUES "
SQLITE_ROW = f"({', '.join('?' * len(COLUMNS))})"
SQLITE_ROWS_PER_INSERT = 50  # 800 parameters: under SQLite's old 999 limit


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _sqlite_values(record: EventRecord) -> tuple[Any, ...]:
    return (
        record.shop_id, record.event_id, record.type, record.device_id, record.customer_id, record.actor, record.session_id,
        record.route, record.from_route, record.block_id, _json(record.experiments), _json(record.props),
        str(record.client_time) if record.client_time else None, str(record.server_time), record.ts_ms, record.day.isoformat(),
    )


def _sqlite_read(filename: str, sql: str, values: tuple[Any, ...]) -> list[Any]:
    """Reports read hundreds of thousands of rows: a read-only connection of their own (WAL lets
    it read beside the writers) returning plain tuples costs a third less than the ORM's
    connection and its Row objects, and keeps that connection free for the ingest."""
    connection = sqlite3.connect(f"file:{filename}?mode=ro", uri=True)
    try:
        return connection.execute(sql, values).fetchall()
    finally:
        connection.close()


def _model(record: EventRecord) -> AnalyticsEvent:
    return AnalyticsEvent(**{column: getattr(record, column) for column in COLUMNS})


def _plus_days(dialect: str, column: str, days: int) -> str:
    if dialect == "sqlite":  # dates are ISO text there
        return f"date({column}, '+{days} day')"
    if dialect == "mysql":
        return f"DATE_ADD({column}, INTERVAL {days} DAY)"
    return f"({column} + {days})"  # PostgreSQL: date + integer


def _step_condition(step: Step) -> tuple[str, list[str]]:
    """SQL matching one funnel step (its type, and its route when it names one)."""
    if step.route is None:
        return "type = ?", [step.type]
    return "(type = ? AND route = ?)", [step.type, step.route]


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class DatabaseStore:
    """Analytics in the main database, read through the ORM's connection."""

    async def _rows(self, sql: str, *values: Any) -> list[Any]:
        connection = connections.get("default")
        dialect = connection.capabilities.dialect
        if dialect == "postgres":
            parts = sql.split("?")
            sql = parts[0] + "".join(f"${number}{part}" for number, part in enumerate(parts[1:], start=1))
        elif dialect == "mysql":
            sql = sql.replace("?", "%s")
        if dialect == "sqlite":  # its driver takes dates as text, the way the ORM stored them
            values = tuple(value.isoformat() if isinstance(value, date) else value for value in values)
            filename = getattr(connection, "filename", ":memory:")
            if filename != ":memory:" and sql.startswith("SELECT"):
                return await asyncio.to_thread(_sqlite_read, filename, sql, values)
        _, rows = await connection.execute_query(sql, list(values))
        # MySQL's driver answers dicts, the others sequences: positions are what callers use.
        return [tuple(row.values()) if isinstance(row, dict) else row for row in rows]

    async def insert(self, records: list[EventRecord]) -> tuple[int, set[str]]:
        if not records:
            return 0, set()
        shop_id = records[0].shop_id
        assert all(record.shop_id == shop_id for record in records), "one shop per insert"
        ids = [record.event_id for record in records]
        connection = connections.get("default")
        if connection.capabilities.dialect == "sqlite":
            # The ingest's hot path: one statement per batch (one hop to SQLite's thread), the
            # unique pair de-duplicates (OR IGNORE) and RETURNING names what was new; values as
            # the ORM stores them (ORM objects cost more than the insert itself).
            stored: set[str] = set()
            for offset in range(0, len(records), SQLITE_ROWS_PER_INSERT):
                chunk = records[offset : offset + SQLITE_ROWS_PER_INSERT]
                _, rows = await connection.execute_query(
                    f"{SQLITE_INSERT_HEAD}{','.join([SQLITE_ROW] * len(chunk))} RETURNING event_id",
                    [value for record in chunk for value in _sqlite_values(record)],
                )
                stored.update(row[0] for row in rows)
            return len(stored), set(ids) - stored
        if len(records) == 1:
            # One event (the server's own, on every checkout): the unique pair de-duplicates and
            # the affected row count says whether it was new — one statement, no ORM object.
            record = records[0]
            fields = AnalyticsEvent._meta.fields_map
            values = [fields[column].to_db_value(getattr(record, column), AnalyticsEvent) for column in COLUMNS]
            dialect = connection.capabilities.dialect
            insert, marks = ("INSERT IGNORE INTO", ",".join(["%s"] * len(COLUMNS))) if dialect == "mysql" else (
                "INSERT INTO", ",".join(f"${number}" for number in range(1, len(COLUMNS) + 1))
            )
            statement = f"{insert} {TABLE} ({', '.join(COLUMNS)}) VALUES ({marks})"
            if dialect == "mysql":
                stored, _ = await connection.execute_query(statement, values)
            else:
                # RETURNING, read as rows: Tortoise's asyncpg client takes the affected count
                # from the status "INSERT 0 1" at the wrong place (the OID), always 0.
                stored = len(await connection.execute_query_dict(f"{statement} ON CONFLICT DO NOTHING RETURNING event_id", values))
            return (1, set()) if stored else (0, {record.event_id})
        marks = ",".join("?" * len(ids))
        existing = {row[0] for row in await self._rows(f"SELECT event_id FROM {TABLE} WHERE shop_id = ? AND event_id IN ({marks})", shop_id, *ids)}
        fresh = [record for record in records if record.event_id not in existing]
        if fresh:  # ON CONFLICT DO NOTHING / INSERT IGNORE: a retry racing this one is ignored by the unique pair
            await AnalyticsEvent.bulk_create([_model(record) for record in fresh], ignore_conflicts=True)
        return len(fresh), existing

    async def funnel(self, shop_id: int, start: date, end: date, steps: list[Step], window_ms: int, split: str) -> dict[str, list[int]]:
        # SQL does the narrowing: only actors with a first-step event in the range, each row's
        # matched steps as one bit mask, read from the (shop, type, day, actor, ts_ms, route)
        # index alone. Python then walks integers per actor.
        masks, mask_values = [], []
        for index, step in enumerate(steps):
            condition, values = _step_condition(step)
            masks.append(f"CASE WHEN {condition} THEN {1 << index} ELSE 0 END")
            mask_values += values
        first_condition, first_values = _step_condition(steps[0])
        types = sorted({step.type for step in steps} | ({"page_view"} if split == "entry_page" else set()))
        marks = ",".join("?" * len(types))
        entry = split == "entry_page"  # needs the actor's first page view (by time, then route)
        rows = await self._rows(
            f"SELECT actor, ts_ms, {' + '.join(masks)}{', type, route' if entry else ''} FROM {TABLE} "
            f"WHERE shop_id = ? AND day >= ? AND day <= ? AND type IN ({marks}) AND actor IN ("
            f"SELECT actor FROM {TABLE} WHERE shop_id = ? AND day >= ? AND day <= ? AND {first_condition}) "
            f"ORDER BY actor, ts_ms{', route' if entry else ''}",
            *mask_values, shop_id, start, end, *types, shop_id, start, end, *first_values,
        )
        returning: set[str] = set()
        if split == "customer_kind":
            returning = {row[0] for row in await self._rows(f"SELECT DISTINCT actor FROM {TABLE} WHERE shop_id = ? AND day < ?", shop_id, start)}
        groups: dict[str, list[int]] = defaultdict(lambda: [0] * len(steps))
        for actor, events in groupby(rows, key=lambda row: row[0]):
            timeline = list(events)
            level = compute.funnel_level([(row[1], row[2]) for row in timeline], len(steps), window_ms)
            if level == 0:
                continue
            if split == "customer_kind":
                key = "returning" if actor in returning else "new"
            elif entry:
                key = next((row[4] for row in timeline if row[3] == "page_view"), "")
            else:
                key = ""
            counts = groups[key]
            for index in range(level):
                counts[index] += 1
        return dict(groups)

    async def paths(self, shop_id: int, start: date, end: date, limit: int) -> PathsResult:
        rows = await self._rows(
            f"SELECT session_id, route FROM {TABLE} WHERE shop_id = ? AND day >= ? AND day <= ? AND type = 'page_view' "
            "ORDER BY session_id, ts_ms, event_id",
            shop_id, start, end,
        )
        return compute.paths_of(((row[0], row[1]) for row in rows), limit)

    async def blocks(self, shop_id: int, start: date, end: date, route: str) -> list[BlockFigures]:
        rows = await self._rows(
            f"SELECT block_id, type, COUNT(*) FROM {TABLE} WHERE shop_id = ? AND route = ? AND day >= ? AND day <= ? "
            "AND type IN ('block_exposure', 'block_click') AND block_id IS NOT NULL GROUP BY block_id, type",
            shop_id, route, start, end,
        )
        counts: dict[str, dict[str, int]] = defaultdict(dict)
        for block_id, event_type, count in rows:
            counts[block_id][event_type] = int(count)
        components = await self._components(shop_id, route, start, end, set(counts))
        return [
            BlockFigures(block_id, components.get(block_id, ""), figures.get("block_exposure", 0), figures.get("block_click", 0))
            for block_id, figures in counts.items()
        ]

    async def _components(self, shop_id: int, route: str, start: date, end: date, block_ids: set[str]) -> dict[str, str]:
        # The component a block showed last (a block id keeps its component in practice).
        found: dict[str, str] = {}
        for block_id in block_ids:
            latest = (
                await AnalyticsEvent.filter(shop_id=shop_id, route=route, block_id=block_id, day__gte=start, day__lte=end)
                .order_by("-ts_ms")
                .first()
                .values("props")
            )
            found[block_id] = str((latest or {}).get("props", {}).get("component", ""))
        return found

    async def retention(self, shop_id: int, start: date, end: date) -> list[Cohort]:
        # All in SQL: cohorts from the (shop, actor, day) index, each return an index probe on the
        # same index; only one row per cohort day comes back (no actor-per-day scan in Python).
        dialect = connections.get("default").capabilities.dialect
        returns = ", ".join(
            f"SUM(CASE WHEN EXISTS (SELECT 1 FROM {TABLE} e WHERE e.shop_id = f.shop_id AND e.actor = f.actor "
            f"AND e.day = {_plus_days(dialect, 'f.first_day', n)}) THEN 1 ELSE 0 END)"
            for n in RETENTION_DAYS
        )
        rows = await self._rows(
            f"SELECT f.first_day, COUNT(*), {returns} FROM ("
            f"SELECT shop_id, actor, MIN(day) AS first_day FROM {TABLE} WHERE shop_id = ? GROUP BY shop_id, actor "
            "HAVING MIN(day) >= ? AND MIN(day) <= ?) f GROUP BY f.first_day ORDER BY f.first_day",
            shop_id, start, end,
        )
        return [Cohort(_day(day), int(size), dict(zip(RETENTION_DAYS, (int(n) for n in returned)))) for day, size, *returned in rows]

    async def visitors(self, shop_id: int, start: date, end: date) -> tuple[dict[date, int], int]:
        rolled = {
            _day(row["day"]): row["actors"]
            for row in await AnalyticsDailyStat.filter(shop_id=shop_id, type="page_view", day__gte=start, day__lte=end).values("day", "actors")
        }
        live = await self._rows(
            f"SELECT day, COUNT(DISTINCT actor) FROM {TABLE} WHERE shop_id = ? AND day >= ? AND day <= ? AND type = 'page_view' GROUP BY day",
            shop_id, start, end,
        )
        # A day whose events were purged keeps its rolled-up figure; raw events win otherwise.
        per_day = {**rolled, **{_day(day): int(count) for day, count in live}}
        total = await self._rows(
            f"SELECT COUNT(DISTINCT actor) FROM {TABLE} WHERE shop_id = ? AND day >= ? AND day <= ? AND type = 'page_view'",
            shop_id, start, end,
        )
        return per_day, int(total[0][0] or 0)

    async def events(self, shop_id: int, since: datetime | None, until: datetime | None, types: Sequence[str] | None = None) -> list[dict[str, Any]]:
        query = AnalyticsEvent.filter(shop_id=shop_id)
        if types is not None:
            query = query.filter(type__in=list(types))
        if since is not None:
            query = query.filter(server_time__gte=since)
        if until is not None:
            query = query.filter(server_time__lte=until)
        rows = await query.values("type", "device_id", "customer_id", "route", "block_id", "experiments", "props")
        return [row | {"experiments": row["experiments"] or {}, "props": row["props"] or {}} for row in rows]

    async def purge(self, before: date) -> int:
        return await AnalyticsEvent.filter(day__lt=before).delete()

    async def rollup(self, days: list[date]) -> None:
        for day in days:
            rows = await self._rows(
                f"SELECT shop_id, type, COUNT(*), COUNT(DISTINCT actor) FROM {TABLE} WHERE day = ? GROUP BY shop_id, type", day
            )
            async with in_transaction():
                await AnalyticsDailyStat.filter(day=day).delete()
                await AnalyticsDailyStat.bulk_create(
                    [AnalyticsDailyStat(shop_id=shop_id, day=day, type=event_type, events=int(events), actors=int(actors)) for shop_id, event_type, events, actors in rows]
                )
