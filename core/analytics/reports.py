"""The admin's analytics reports: a store's aggregates turned into the contract's shapes
(rates 0..1 rounded to 4 places, money in fen), plus the order figures of the overview, which
come from the orders themselves (the source of truth), and CSV versions of each."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core import clock
from core.analytics.event_types import EventTypeRegistry
from core.analytics.ingest import ROUTE
from core.analytics.store import RETENTION_DAYS, AnalyticsStore, Step
from core.dashboard.service import day_bounds
from core.errors import InvalidInput
from core.i18n import pick
from core.trade.models import Order

MAX_RANGE_DAYS = 366
DEFAULT_RANGE_DAYS = 7
SPLITS = ("none", "customer_kind", "entry_page")
KIND_LABELS = {"new": {"zh-CN": "新客", "en": "New"}, "returning": {"zh-CN": "老客", "en": "Returning"}}
NO_ENTRY = {"zh-CN": "（无浏览）", "en": "(no page view)"}
ROUTE_PATTERN = re.compile(ROUTE)


def rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _invalid(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason={"zh-CN": zh, "en": en})


def date_range(start: date | None, end: date | None, zone: ZoneInfo, now: datetime | None = None) -> tuple[date, date]:
    """The asked days (default: the last 7 up to today in the business time zone)."""
    today = (now or clock.now()).astimezone(zone).date()
    end = end or today
    start = start or end - timedelta(days=DEFAULT_RANGE_DAYS - 1)
    if start > end:
        raise _invalid("start", "开始日期不能晚于结束日期", "start must not be after end")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise _invalid("end", f"最多查询 {MAX_RANGE_DAYS} 天", f"at most {MAX_RANGE_DAYS} days at once")
    return start, end


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]


async def overview(store: AnalyticsStore, shop_id: int, start: date, end: date, zone: ZoneInfo) -> dict[str, Any]:
    per_day_visitors, total_visitors = await store.visitors(shop_id, start, end)
    range_start, _ = day_bounds(start, zone)
    _, range_end = day_bounds(end, zone)
    paid = await Order.filter(shop_id=shop_id, paid_at__gte=range_start, paid_at__lt=range_end).values("paid_at", "paid_fen", "customer_id")
    placed = await Order.filter(shop_id=shop_id, created_at__gte=range_start, created_at__lt=range_end).values("created_at", "customer_id")
    gmv: dict[date, int] = defaultdict(int)
    paid_orders: dict[date, int] = defaultdict(int)
    payers: dict[date, set[int]] = defaultdict(set)
    orderers: dict[date, set[int]] = defaultdict(set)
    for row in paid:
        day = row["paid_at"].astimezone(zone).date()
        gmv[day] += int(row["paid_fen"])
        paid_orders[day] += 1
        payers[day].add(row["customer_id"])
    for row in placed:
        orderers[row["created_at"].astimezone(zone).date()].add(row["customer_id"])

    def figures(visitors: int, gmv_fen: int, orders: int, paying: int, ordering: int) -> dict[str, Any]:
        return {
            "visitors": visitors,
            "gmv_fen": gmv_fen,
            "paid_orders": orders,
            "average_order_fen": (gmv_fen + orders // 2) // orders if orders else 0,
            "paying_customers": paying,
            # null, not 0 or over 1, when orders came from customers whose visits were not seen
            # (no events from that app version, or events purged): no honest rate then
            "visit_to_order_rate": rate(ordering, visitors) if ordering <= visitors else None,
        }

    days = [
        {"date": day, **figures(per_day_visitors.get(day, 0), gmv[day], paid_orders[day], len(payers[day]), len(orderers[day]))}
        for day in _days(start, end)
    ]
    totals = figures(
        total_visitors, sum(gmv.values()), sum(paid_orders.values()), len(set().union(*payers.values())), len(set().union(*orderers.values()))
    )
    return {"days": days, "totals": totals}


def parse_steps(text: str, types: EventTypeRegistry) -> list[Step]:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not 2 <= len(parts) <= 6:
        raise _invalid("steps", "漏斗需要 2 到 6 个步骤", "a funnel has 2 to 6 steps")
    steps = []
    for part in parts:
        step = Step.parse(part)
        if types.get(step.type) is None:
            raise _invalid("steps", f"未知的事件类型 {step.type}", f"unknown event type {step.type}")
        if step.route is not None and not ROUTE_PATTERN.match(step.route):
            raise _invalid("steps", f"页面路径不合法：{step.route}", f"invalid page route: {step.route}")
        steps.append(step)
    return steps


def _step_rows(steps: list[Step], counts: list[int], types: EventTypeRegistry, locale: str) -> list[dict[str, Any]]:
    rows = []
    for index, (step, count) in enumerate(zip(steps, counts)):
        event_type = types.get(step.type)
        label = pick(event_type.title, locale) if event_type else step.type
        previous = counts[index - 1] if index else count
        rows.append(
            {
                "key": step.key,
                "label": f"{label} @{step.route}" if step.route else label,
                "count": count,
                "conversion": rate(count, counts[0]) if index else (1.0 if count else 0.0),
                "drop_off": round(1 - rate(count, previous), 4) if index and previous else 0.0,
            }
        )
    return rows


async def funnel(
    store: AnalyticsStore, types: EventTypeRegistry, shop_id: int, start: date, end: date, steps: list[Step], window_hours: int, split: str, locale: str
) -> dict[str, Any]:
    groups = await store.funnel(shop_id, start, end, steps, window_hours * 3600 * 1000, split)
    overall = [sum(counts[index] for counts in groups.values()) for index in range(len(steps))]
    group_rows = []
    if split != "none":
        for key, counts in sorted(groups.items(), key=lambda item: (-item[1][0], item[0])):
            if split == "customer_kind":
                label = pick(KIND_LABELS[key], locale)
            else:
                label = key or pick(NO_ENTRY, locale)
            group_rows.append({"key": key, "label": label, "steps": _step_rows(steps, counts, types, locale)})
    return {"steps": _step_rows(steps, overall, types, locale), "groups": group_rows}


async def paths(store: AnalyticsStore, shop_id: int, start: date, end: date, limit: int) -> dict[str, Any]:
    result = await store.paths(shop_id, start, end, limit)
    return {
        "transitions": [{"from": source, "to": target, "count": count} for source, target, count in result.transitions],
        "exits": [{"route": route, "count": count} for route, count in result.exits],
        "top_paths": [{"path": list(path), "count": count} for path, count in result.top_paths],
    }


# Why a block has no click-through rate: clicks without exposures (an old app version, or an
# exposure the platform never reported) or more clicks than exposures (exposure counts once
# per page view, clicks each time) would read as 0 % or over 100 %, both untrue.
CTR_NOTES = {
    "no_exposures": {"zh-CN": "有点击但没有曝光记录，无法计算点击率", "en": "Clicks without recorded exposures: no rate to show"},
    "clicks_exceed_exposures": {"zh-CN": "点击多于曝光（同一次浏览多次点击），点击率不适用", "en": "More clicks than exposures (repeat clicks in one view): no rate to show"},
}


def _ctr(exposures: int, clicks: int, locale: str) -> tuple[float | None, str | None]:
    if exposures == 0:
        return (None, pick(CTR_NOTES["no_exposures"], locale)) if clicks else (None, None)
    if clicks > exposures:
        return None, pick(CTR_NOTES["clicks_exceed_exposures"], locale)
    return rate(clicks, exposures), None


async def blocks(store: AnalyticsStore, shop_id: int, start: date, end: date, route: str, locale: str = "zh-CN") -> dict[str, Any]:
    if not ROUTE_PATTERN.match(route):
        raise _invalid("route", "页面路径不合法", "invalid page route")
    figures = sorted(await store.blocks(shop_id, start, end, route), key=lambda block: (-block.exposures, -block.clicks, block.block_id))
    rows = []
    for block in figures:
        ctr, note = _ctr(block.exposures, block.clicks, locale)
        rows.append(
            {"block_id": block.block_id, "component": block.component, "exposures": block.exposures, "clicks": block.clicks, "ctr": ctr, "ctr_note": note}
        )
    return {"blocks": rows}


async def retention(store: AnalyticsStore, shop_id: int, start: date, end: date, today: date) -> dict[str, Any]:
    cohorts = await store.retention(shop_id, start, end)
    return {
        "cohorts": [
            {
                "date": cohort.day,
                "size": cohort.size,
                **{
                    f"d{n}": rate(cohort.returned[n], cohort.size) if cohort.day + timedelta(days=n) <= today else None
                    for n in RETENTION_DAYS
                },
            }
            for cohort in cohorts
        ]
    }


def event_types(types: EventTypeRegistry, locale: str) -> list[dict[str, Any]]:
    return [
        {"name": event_type.name, "title": pick(event_type.title, locale), "source": event_type.plugin, "client": event_type.client}
        for event_type in types.ordered()
    ]


# -- CSV --------------------------------------------------------------------------------------


def _cells(row: dict[str, Any], keys: list[str]) -> list[Any]:
    return ["" if row[key] is None else row[key] for key in keys]  # an empty cell for "no figure"


def _table(report: str, data: Any) -> tuple[list[str], list[list[Any]]]:
    if report == "overview":
        keys = ["visitors", "gmv_fen", "paid_orders", "average_order_fen", "paying_customers", "visit_to_order_rate"]
        rows = [[day["date"].isoformat(), *_cells(day, keys)] for day in data["days"]]
        return ["date", *keys], [*rows, ["total", *_cells(data["totals"], keys)]]
    if report == "funnel":
        columns = ["group", "group_label", "step", "label", "count", "conversion", "drop_off"]
        rows = [["", "", step["key"], step["label"], step["count"], step["conversion"], step["drop_off"]] for step in data["steps"]]
        for group in data["groups"]:
            rows += [[group["key"], group["label"], step["key"], step["label"], step["count"], step["conversion"], step["drop_off"]] for step in group["steps"]]
        return columns, rows
    if report == "paths":
        rows = [["transition", item["from"], item["to"], item["count"]] for item in data["transitions"]]
        rows += [["exit", item["route"], "", item["count"]] for item in data["exits"]]
        rows += [["path", " > ".join(item["path"]), "", item["count"]] for item in data["top_paths"]]
        return ["kind", "from", "to", "count"], rows
    if report == "blocks":
        keys = ["block_id", "component", "exposures", "clicks", "ctr", "ctr_note"]
        return keys, [_cells(block, keys) for block in data["blocks"]]
    if report == "retention":
        keys = ["size", "d1", "d7", "d30"]
        return ["date", *keys], [[cohort["date"].isoformat(), *_cells(cohort, keys)] for cohort in data["cohorts"]]
    keys = ["name", "title", "source", "client"]
    return keys, [[item[key] for key in keys] for item in data]


def to_csv(report: str, data: Any) -> str:
    columns, rows = _table(report, data)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()  # the BOM makes Excel read UTF-8
