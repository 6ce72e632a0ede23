"""A brute-force reference of the analytics reports, written from the definitions in
``core.analytics.store`` and nothing else: every candidate chain, every session, every actor."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from core.analytics.store import PATH_LENGTH, RETENTION_DAYS, EventRecord, Step


def _in_range(events: list[EventRecord], shop_id: int, start: date, end: date) -> list[EventRecord]:
    return [e for e in events if e.shop_id == shop_id and start <= e.day <= end]


def _reaches(chain_from: EventRecord, later: list[EventRecord], steps: list[Step], index: int, first_ts: int, window_ms: int) -> int:
    """The furthest step reachable when ``chain_from`` fulfilled step ``index - 1``."""
    best = index
    if index == len(steps):
        return best
    for candidate in later:
        if candidate.ts_ms > chain_from.ts_ms and candidate.ts_ms - first_ts <= window_ms and steps[index].matches(candidate.type, candidate.route):
            best = max(best, _reaches(candidate, later, steps, index + 1, first_ts, window_ms))
    return best


def funnel(events: list[EventRecord], shop_id: int, start: date, end: date, steps: list[Step], window_ms: int, split: str) -> dict[str, list[int]]:
    ranged = _in_range(events, shop_id, start, end)
    groups: dict[str, list[int]] = {}
    for actor in {e.actor for e in ranged}:
        mine = [e for e in ranged if e.actor == actor]
        level = max((_reaches(e, mine, steps, 1, e.ts_ms, window_ms) for e in mine if steps[0].matches(e.type, e.route)), default=0)
        if level == 0:
            continue
        if split == "customer_kind":
            seen_before = any(e.shop_id == shop_id and e.actor == actor and e.day < start for e in events)
            key = "returning" if seen_before else "new"
        elif split == "entry_page":
            views = sorted((e.ts_ms, e.route) for e in mine if e.type == "page_view")
            key = views[0][1] if views else ""
        else:
            key = ""
        counts = groups.setdefault(key, [0] * len(steps))
        for index in range(level):
            counts[index] += 1
    return groups


def paths(events: list[EventRecord], shop_id: int, start: date, end: date, limit: int) -> tuple[list, list, list]:
    views = [e for e in _in_range(events, shop_id, start, end) if e.type == "page_view"]
    transitions: Counter = Counter()
    exits: Counter = Counter()
    top: Counter = Counter()
    for session in {e.session_id for e in views}:
        routes = [e.route for e in sorted((e for e in views if e.session_id == session), key=lambda e: (e.ts_ms, e.event_id))]
        for index in range(len(routes) - 1):
            transitions[(routes[index], routes[index + 1])] += 1
        exits[routes[-1]] += 1
        top[tuple(routes[:PATH_LENGTH])] += 1
    return (
        sorted([(a, b, n) for (a, b), n in transitions.items()], key=lambda t: (-t[2], t[0], t[1])),
        sorted(exits.items(), key=lambda t: (-t[1], t[0])),
        sorted(top.items(), key=lambda t: (-t[1], t[0]))[:limit],
    )


def retention(events: list[EventRecord], shop_id: int, start: date, end: date) -> list[tuple[date, int, dict[int, int]]]:
    mine = [e for e in events if e.shop_id == shop_id]
    firsts = {actor: min(e.day for e in mine if e.actor == actor) for actor in {e.actor for e in mine}}
    cohorts = []
    for day in sorted({first for first in firsts.values() if start <= first <= end}):
        actors = [actor for actor, first in firsts.items() if first == day]
        returned = {
            n: sum(any(e.actor == actor and e.day == day + timedelta(days=n) for e in mine) for actor in actors) for n in RETENTION_DAYS
        }
        cohorts.append((day, len(actors), returned))
    return cohorts
