"""Results of an experiment read from the analytics events.

The unit is the device (what assignment hashes). A device joins its variant's sample at its
first ``block_exposure`` tagged with the experiment (a page experiment's: its first tagged
``page_view`` or ``block_exposure`` of the page); it converts by the goal: a tagged
``block_click`` on the block (block CTR), an ``add_to_cart`` (add-to-cart rate), an
``order_placed`` its checkout sent from that device with the same assignment (order
conversion; an order without a device, from an older client, through the customer the device
was seen as); GMV per visitor sums those orders' ``total_fen``, zero for devices with none.
The holdout is reported apart and left out of the comparison and the sample-ratio check.

Reads the app's analytics store (``core.analytics.store``): the main database by default, or
ClickHouse when ``KAIDIAN_ANALYTICS_URL`` names one — the same rows, the same figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from typing import Any

from core.analytics.store import AnalyticsStore
from plugins.experiments import stats
from plugins.experiments.assignment import HOLDOUT
from plugins.experiments.models import Experiment, ExperimentGoal, ExperimentKind

PROPORTION_EVENTS = {ExperimentGoal.BLOCK_CTR: "block_click", ExperimentGoal.ADD_TO_CART_RATE: "add_to_cart"}


def _exposure(experiment: Experiment, row: dict[str, Any]) -> bool:
    """Whether an event puts its device in the sample: a block experiment's tagged
    ``block_exposure``; a page experiment's tagged ``page_view`` or ``block_exposure`` on its
    page (every event carries every assignment, so the route says which page was shown)."""
    if experiment.key not in (row["experiments"] or {}):
        return False
    if experiment.kind == ExperimentKind.BLOCK:
        return row["type"] == "block_exposure"
    page = f"pages/{experiment.page_route}/index"
    route = row["route"] or ""
    return row["type"] in ("page_view", "block_exposure") and (route == page or route.endswith("/" + page))


def _ordered_by(experiment: Experiment, row: dict[str, Any], variant_of: dict[str, str], customers: dict[int, set[str]]) -> set[str]:
    """The sampled devices an ``order_placed`` converts: the device its checkout named, when
    the experiments map it sent puts that device in the arm it was exposed in (a map that
    disagrees counts nowhere); an order without a device (an older client) converts every
    device its customer was seen as."""
    device = row["device_id"] or ""
    if not device:
        return customers.get(row["customer_id"], set())
    sent = (row["experiments"] or {}).get(experiment.key)
    return {device} if device in variant_of and sent == variant_of[device] else set()


async def experiment_results(experiment: Experiment, store: AnalyticsStore) -> dict[str, Any]:
    # every type: any event of a logged-in device says which customer it was seen as
    rows = await store.events(experiment.shop_id, experiment.started_at, experiment.stopped_at)

    variant_of: dict[str, str] = {}
    for row in rows:
        if _exposure(experiment, row):
            variant_of.setdefault(row["device_id"], row["experiments"][experiment.key])
    customers: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        if row["customer_id"] is not None and row["device_id"] in variant_of:
            customers[row["customer_id"]].add(row["device_id"])

    converted: set[str] = set()
    gmv: dict[str, int] = defaultdict(int)
    goal_event = PROPORTION_EVENTS.get(experiment.goal)
    for row in rows:
        if goal_event is not None and row["type"] == goal_event and row["device_id"] in variant_of:
            if experiment.goal != ExperimentGoal.BLOCK_CTR or row["block_id"] == experiment.block_id:
                converted.add(row["device_id"])
        elif goal_event is None and row["type"] == "order_placed":
            for device in _ordered_by(experiment, row, variant_of, customers):
                converted.add(device)
                gmv[device] += int((row["props"] or {}).get("total_fen", 0))

    keys = [variant["key"] for variant in experiment.variants]
    arms: dict[str, list[str]] = {key: [] for key in [*keys, HOLDOUT]}
    for device, variant in variant_of.items():
        arms.setdefault(variant, []).append(device)
    per_variant = []
    for key in [*keys, HOLDOUT]:
        devices = arms[key]
        conversions = sum(device in converted for device in devices)
        per_variant.append({
            "key": key,
            "visitors": len(devices),
            "conversions": conversions,
            "rate": conversions / len(devices) if devices else None,
            "gmv_per_visitor_fen": sum(gmv[d] for d in devices) / len(devices) if devices else None,
        })
    compared = per_variant[: len(keys)]
    visitors = [arm["visitors"] for arm in compared]
    srm = stats.sample_ratio_check(visitors, [variant["weight"] for variant in experiment.variants])
    control = arms[keys[0]]
    for arm, key in zip(compared[1:], keys[1:], strict=True):
        if not arm["visitors"] or not control:
            arm["comparison"], arm["verdict"] = None, "collecting"
            continue
        if experiment.goal == ExperimentGoal.GMV_PER_VISITOR:
            if len(control) < 2 or len(arms[key]) < 2:
                arm["comparison"], arm["verdict"] = None, "collecting"
                continue
            comparison = stats.welch([gmv[d] for d in control], [gmv[d] for d in arms[key]])
        else:
            comparison = stats.compare_proportions(compared[0]["conversions"], len(control), arm["conversions"], arm["visitors"])
        arm["comparison"] = asdict(comparison)
        arm["verdict"] = stats.verdict(comparison, visitors, experiment.minimum_sample, srm)
    return {"variants": per_variant, "sample_ratio": asdict(srm), "minimum_sample": experiment.minimum_sample}
