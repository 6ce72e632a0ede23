"""The one interface every analytics store implements, and the choice of store by settings.

The default, ``DatabaseStore``, keeps events in the main database; ``ClickHouseStore`` keeps
them in ClickHouse when ``KAIDIAN_ANALYTICS_URL=clickhouse://…``. Reports ask a store for
aggregates with the semantics below, written once here so both stores (and the tests' brute-force
reference) agree:

* actor: ``c<customer id>`` once known, else ``d<device token>``.
* Funnel: an actor reaches step k when they have events matching steps 1..k with strictly
  increasing times, the last at most ``window_ms`` after the first (ClickHouse's
  ``windowFunnel(window, 'strict_increase')``). A step is a type, or ``type@route``.
* Paths: a session's page views ordered by (time, event id); consecutive pairs are transitions,
  the last one is the exit, the first five routes are the session's path.
* Retention: an actor's cohort is the first day they were seen at all; Dn counts the cohort's
  actors seen again on cohort day + n.
Only events whose business-time-zone ``day`` lies in the asked range are read, except for
"seen before" (new vs returning, cohorts), which looks at everything still stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from collections.abc import Sequence
from typing import Any, Protocol

PATH_LENGTH = 5


@dataclass(frozen=True)
class EventRecord:
    shop_id: int
    event_id: str
    type: str
    device_id: str
    customer_id: int | None
    session_id: str
    route: str
    from_route: str | None
    block_id: str | None
    experiments: dict[str, str]
    props: dict[str, Any]
    client_time: datetime | None
    server_time: datetime
    ts_ms: int
    day: date

    @property
    def actor(self) -> str:
        return actor_of(self.customer_id, self.device_id)


def actor_of(customer_id: int | None, device_id: str) -> str:
    return f"c{customer_id}" if customer_id is not None else f"d{device_id}"


@dataclass(frozen=True)
class Step:
    type: str
    route: str | None = None

    @classmethod
    def parse(cls, text: str) -> Step:
        event_type, _, route = text.partition("@")
        return cls(event_type, route or None)

    @property
    def key(self) -> str:
        return f"{self.type}@{self.route}" if self.route else self.type

    def matches(self, event_type: str, route: str) -> bool:
        return event_type == self.type and (self.route is None or route == self.route)


@dataclass(frozen=True)
class PathsResult:
    transitions: list[tuple[str, str, int]]
    exits: list[tuple[str, int]]
    top_paths: list[tuple[tuple[str, ...], int]]


@dataclass(frozen=True)
class BlockFigures:
    block_id: str
    component: str
    exposures: int
    clicks: int


@dataclass(frozen=True)
class Cohort:
    day: date
    size: int
    returned: dict[int, int]  # n -> actors of the cohort seen on day + n


RETENTION_DAYS = (1, 7, 30)


class AnalyticsStore(Protocol):
    async def insert(self, records: list[EventRecord]) -> tuple[int, set[str]]:
        """Store new events; returns (how many were stored, the event ids already stored)."""

    async def funnel(self, shop_id: int, start: date, end: date, steps: list[Step], window_ms: int, split: str) -> dict[str, list[int]]:
        """Actors reaching each step, per group: ``""`` (no split), ``new``/``returning``
        (``customer_kind``: seen before ``start`` or not) or the entry route (``entry_page``:
        the route of the actor's first page view in the range, ``""`` without one)."""

    async def paths(self, shop_id: int, start: date, end: date, limit: int) -> PathsResult:
        """Every transition and exit; the ``limit`` most frequent paths (ties by path)."""

    async def blocks(self, shop_id: int, start: date, end: date, route: str) -> list[BlockFigures]:
        """Exposures and clicks per block of ``route``."""

    async def retention(self, shop_id: int, start: date, end: date) -> list[Cohort]:
        """Cohorts whose first day lies in the range, with returns on days +1, +7, +30."""

    async def visitors(self, shop_id: int, start: date, end: date) -> tuple[dict[date, int], int]:
        """Distinct actors with a page view per day, and over the whole range."""

    async def events(self, shop_id: int, since: datetime | None, until: datetime | None, types: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """The shop's events (of ``types``, when given) received (``server_time``) in [since, until], either
        bound open when None, as dicts of ``type``, ``device_id``, ``customer_id``, ``route``,
        ``block_id``, ``experiments`` and ``props``, in no order (what A/B results read)."""

    async def purge(self, before: date) -> int:
        """Delete events of days before ``before`` (all shops); returns how many."""

    async def rollup(self, days: list[date]) -> None:
        """Recompute the daily rollups of ``days`` (a store without rollups does nothing)."""


def build_store(settings: Any) -> AnalyticsStore:
    if settings.analytics_url:
        from core.analytics.clickhouse_store import ClickHouseStore

        return ClickHouseStore.from_url(settings.analytics_url)
    from core.analytics.db_store import DatabaseStore

    return DatabaseStore()


def app_store(app: Any) -> AnalyticsStore:
    """The app's store, built on first use (nothing connects at import or start-up)."""
    store = app.state.get("analytics_store")
    if store is None:
        store = build_store(app.state.settings)
        app.state["analytics_store"] = store
    return store
