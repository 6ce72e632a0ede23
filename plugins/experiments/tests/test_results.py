"""Results read from recorded analytics events: exposures make visitors, tagged clicks convert."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from core import clock
from core.analytics.models import AnalyticsEvent
from plugins.experiments.tests.test_routes import block_experiment


async def _event(shop_id: int, kind: str, device: str, experiments: dict[str, str], block_id: str = "b-notice") -> None:
    now = clock.now() + timedelta(seconds=1)
    await AnalyticsEvent.create(
        shop_id=shop_id, event_id=uuid.uuid4().hex, type=kind, device_id=device, actor=f"d{device}", session_id="s1",
        route="index", block_id=block_id, experiments=experiments, props={"component": "notice_bar"},
        server_time=now, ts_ms=int(now.timestamp() * 1000), day=now.date(),
    )


async def test_results_count_exposed_devices_and_their_clicks(client: Any, shop: Any) -> None:
    experiment = (await client.post("/api/admin/experiments", json=block_experiment(minimum_sample=100), headers=shop.owner)).json()
    await client.post(f"/api/admin/experiments/{experiment['id']}/start", headers=shop.owner)
    key = experiment["key"]
    # control: 4 devices, 1 clicks; b: 4 devices, 3 click (one twice); an untagged click counts nowhere
    for number, (variant, clicks) in enumerate([("control", 1), ("control", 0), ("control", 0), ("control", 0), ("b", 2), ("b", 1), ("b", 1), ("b", 0)]):
        device = f"device-{number:04d}"
        await _event(shop.shop_id, "block_exposure", device, {key: variant})
        await _event(shop.shop_id, "block_exposure", device, {key: variant})
        for _ in range(clicks):
            await _event(shop.shop_id, "block_click", device, {key: variant})
    await _event(shop.shop_id, "block_click", "device-9999", {})

    response = await client.get(f"/api/admin/experiments/{experiment['id']}/results", headers=shop.owner)
    assert response.status_code == 200, response.text
    control, variant, holdout = response.json()["variants"]
    assert (control["visitors"], control["conversions"], control["rate"]) == (4, 1, 0.25)
    assert (variant["visitors"], variant["conversions"], variant["rate"]) == (4, 3, 0.75)
    assert holdout["visitors"] == 0
    assert variant["comparison"]["difference"] == pytest.approx(0.5)
    assert variant["verdict"] == "collecting"  # 4 visitors per arm is below the minimum sample of 100
    assert response.json()["sample_ratio"]["mismatch"] is False
