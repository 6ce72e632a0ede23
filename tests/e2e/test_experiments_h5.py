"""A/B experiments end to end (slow, issue 18) on the shared H5 builds of the demo: the demo runs
a block experiment on the ``ab_test`` page (tests/e2e/conftest.py); two devices chosen to fall
in different arms each see their own variant, the same after a reload, on both targets; their
exposure and click events carry the experiment map; the results count them."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from plugins.experiments.assignment import assign
from tests.demo_server import call
from tests.e2e.conftest import AB_BLOCK, AB_ROUTE, AB_TEXTS, TARGETS

pytestmark = pytest.mark.slow


def _devices(key: str, target: str) -> dict[str, str]:
    """A device token per variant: the first tokens the experiment's hashing puts in each arm."""
    found: dict[str, str] = {}
    number = 0
    while len(found) < len(AB_TEXTS):
        token = f"e2e{target}device{number:08d}"
        found.setdefault(assign(key, token, [(variant, 50) for variant in AB_TEXTS]), token)
        number += 1
    return found


def _tagged(e2e_folder: Path, devices: set[str]) -> list[dict[str, Any]]:
    """The devices' block events on the experiment's block, read-only from the demo's database."""
    db = sqlite3.connect(f"file:{e2e_folder / 'demo' / 'var' / 'kaidian.sqlite3'}?mode=ro", uri=True, timeout=10)
    try:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT type, device_id, block_id, experiments FROM kd_analytics_event WHERE block_id = ?", (AB_BLOCK,)).fetchall()
    finally:
        db.close()
    return [dict(row) | {"experiments": json.loads(row["experiments"] or "{}")} for row in rows if row["device_id"] in devices]


@pytest.mark.parametrize("target", TARGETS)
def test_each_device_sees_its_variant_and_its_events_carry_it(target, h5_app, h5_builds, open_h5, live_demo, e2e_folder):
    _, plan = h5_app(target)
    experiment = h5_builds.ab_experiment
    key = experiment["key"]
    path = next(page.path for page in plan.pages if page.route == AB_ROUTE)
    devices = _devices(key, target)
    block = f".kd-block[data-block-id='{AB_BLOCK}']"
    for variant, token in devices.items():
        stored = json.dumps({"type": "string", "data": token})  # as uni/Taro setStorageSync keep it
        batches: list[dict[str, Any]] = []

        def use_device(page: Any, stored: str = stored, batches: list[dict[str, Any]] = batches) -> None:
            page.add_init_script(f"localStorage.setItem('kaidian_device', {json.dumps(stored)})")
            page.on("request", lambda request: "/api/shop/batch" in request.url and batches.append(request.post_data_json))

        with open_h5(target, path, before_load=use_device) as h5:
            page = h5.page
            for visit in range(2):  # the same variant after a reload
                page.wait_for_selector(block, timeout=60000)
                assert page.locator(block).inner_text().strip() == AB_TEXTS[variant], (visit, variant)
                page.wait_for_timeout(1500)  # at least half visible for a second: an exposure
                page.locator(block).click()
                if visit == 0:
                    page.reload()
            # The assignment came with the page's batch read, once per load (app-wide slots such
            # as the ads overlay make batch reads of their own, without it).
            sources = [[item["source"] for item in body["requests"]] for body in batches]
            assert sum("experiments.assignments" in body for body in sources) == 2, sources
            assert h5.stored("kaidian_experiments") == {AB_ROUTE: {key: variant}}
            page.evaluate("() => { Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true }); document.dispatchEvent(new Event('visibilitychange')) }")
            page.wait_for_function("() => (JSON.parse(localStorage.getItem('kaidian_events')) || {}).data?.length === 0", timeout=60000)
            assert h5.errors == [], h5.errors

    deadline = time.monotonic() + 30
    while True:
        events = _tagged(e2e_folder, set(devices.values()))
        kinds = {(event["device_id"], event["type"]) for event in events}
        if all((token, kind) in kinds for token in devices.values() for kind in ("block_exposure", "block_click")) or time.monotonic() > deadline:
            break
        time.sleep(1)
    for variant, token in devices.items():
        mine = [event for event in events if event["device_id"] == token]
        assert {event["type"] for event in mine} == {"block_exposure", "block_click"}, mine
        assert all(event["experiments"] == {key: variant} for event in mine), mine

    results = call(f"{live_demo.base_url}/api/admin/experiments/{experiment['id']}/results", token=live_demo.owner_token)
    arms = {arm["key"]: arm for arm in results["variants"]}
    # Every device exposed so far (this target's two, the other target's, any other visit of
    # the page) is a visitor of its arm; these two each clicked.
    everyone = _tagged(e2e_folder, _all_devices(e2e_folder))
    for variant in AB_TEXTS:
        exposed = {event["device_id"] for event in everyone if event["type"] == "block_exposure" and event["experiments"].get(key) == variant}
        assert devices[variant] in exposed
        assert arms[variant]["visitors"] == len(exposed), (variant, arms[variant], exposed)
        assert arms[variant]["conversions"] >= 1
    assert results["sample_ratio"]["mismatch"] is False


def _all_devices(e2e_folder: Path) -> set[str]:
    db = sqlite3.connect(f"file:{e2e_folder / 'demo' / 'var' / 'kaidian.sqlite3'}?mode=ro", uri=True, timeout=10)
    try:
        return {row[0] for row in db.execute("SELECT DISTINCT device_id FROM kd_analytics_event WHERE block_id = ?", (AB_BLOCK,))}
    finally:
        db.close()
