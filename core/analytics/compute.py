"""Report arithmetic over rows read from a store that cannot do it in SQL (the main database):
one pass each, with the semantics documented in ``core.analytics.store``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import groupby

from core.analytics.store import PATH_LENGTH, PathsResult

def funnel_level(events: Iterable[tuple[int, int]], step_total: int, window_ms: int) -> int:
    """The furthest step one actor reached; ``events`` are (ts_ms, steps mask) sorted by time,
    bit k of the mask set when the event matches step k (the store works the matching out in
    SQL, so this loop compares integers, not types and routes).

    Keeps, per step, the latest start of a chain reaching it (a later start leaves the most
    window for what follows); events of the same millisecond extend only chains that ended
    before it (strictly increasing times)."""
    starts: list[int | None] = [None] * step_total
    before = starts
    moment = None
    for ts, mask in events:
        if not mask:
            continue
        if ts != moment:  # what chains ended before this millisecond
            before, moment = list(starts), ts
        if mask & 1:
            starts[0] = ts
        for index in range(1, step_total):
            if mask >> index & 1:
                start = before[index - 1]
                if start is not None and ts - start <= window_ms and (starts[index] is None or start > starts[index]):
                    starts[index] = start
    reached = 0
    for index, start in enumerate(starts):
        if start is not None:
            reached = index + 1
    return reached


def step_counts(levels: Iterable[int], step_total: int) -> list[int]:
    counts = [0] * step_total
    for level in levels:
        for index in range(level):
            counts[index] += 1
    return counts

def paths_of(rows: Iterable[tuple[str, str]], limit: int) -> PathsResult:
    """``rows`` are (session id, route) of page views sorted by session, time and event id."""
    transitions: Counter[tuple[str, str]] = Counter()
    exits: Counter[str] = Counter()
    paths: Counter[tuple[str, ...]] = Counter()
    for _session, group in groupby(rows, key=lambda row: row[0]):
        routes = [route for _, route in group]
        transitions.update(zip(routes, routes[1:]))
        exits[routes[-1]] += 1
        paths[tuple(routes[:PATH_LENGTH])] += 1
    return PathsResult(
        transitions=sorted(((a, b, n) for (a, b), n in transitions.items()), key=lambda item: (-item[2], item[0], item[1])),
        exits=sorted(exits.items(), key=lambda item: (-item[1], item[0])),
        top_paths=sorted(paths.items(), key=lambda item: (-item[1], item[0]))[:limit],
    )
