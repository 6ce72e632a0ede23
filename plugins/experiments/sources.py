"""The experiments read for ``POST /api/shop/batch``: ``experiments.assignments``, the device's
variants of the page's running experiments, fetched with the page's other data so assignment
costs no extra request. The device is the ``X-Device-Token`` the analytics runtime sends; the
same token keeps its variant after login, since the customer is never hashed."""

from __future__ import annotations

from typing import Any

from core.errors import InvalidInput


async def page_assignments(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    from plugins.experiments.assignment import HOLDOUT, assign
    from plugins.experiments.models import Experiment, ExperimentKind, ExperimentStatus

    route = params.get("page")
    if not isinstance(route, str) or not route:
        raise InvalidInput(field="params.page", reason={"zh-CN": "需要页面路径", "en": "the page route is required"})
    device = request.headers.get("x-device-token") or ""
    if not 8 <= len(device) <= 128:
        raise InvalidInput(field="X-Device-Token", reason={"zh-CN": "需要 8–128 位设备标识", "en": "an 8–128 character device token is required"})
    assignments: dict[str, str] = {}
    blocks: dict[str, dict[str, Any]] = {}
    page: dict[str, Any] | None = None
    for experiment in await Experiment.filter(shop_id=shop_id, page_route=route, status=ExperimentStatus.RUNNING):
        variants = experiment.variants
        key = assign(experiment.key, device, [(v["key"], v["weight"]) for v in variants], experiment.holdout_percent)
        assignments[experiment.key] = key
        # The holdout sees the control; the event still says "holdout" so it is left out of the comparison.
        chosen = variants[0] if key == HOLDOUT else next(v for v in variants if v["key"] == key)
        if experiment.kind == ExperimentKind.BLOCK:
            blocks[experiment.block_id] = {"experiment": experiment.key, "variant": key, "props": chosen["props"]}
        else:
            page = {"experiment": experiment.key, "variant": key, "components": chosen["components"]}
    return {"assignments": assignments, "blocks": blocks, "page": page}
