"""A/B experiments end to end (slow, issue 18) on the shared H5 builds of the demo: the demo runs
a block experiment on the ``ab_test`` page and a page experiment (the block order) on
``ab_page`` (tests/e2e/conftest.py); two devices chosen to fall in different arms each see their
own variant, the same after a reload, on both targets; their events carry the experiment map;
the results count them."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from plugins.experiments.assignment import assign
from tests.demo_server import call
from tests.e2e.conftest import AB_BLOCK, AB_PAGE_BLOCKS, AB_PAGE_ORDERS, AB_PAGE_ROUTE, AB_ROUTE, AB_TEXTS, TARGETS

pytestmark = pytest.mark.slow


def _devices(key: str, target: str, arms: Any = AB_TEXTS) -> dict[str, str]:
    """A device token per variant: the first tokens the experiment's hashing puts in each arm."""
    found: dict[str, str] = {}
    number = 0
    while len(found) < len(arms):
        token = f"e2e{target}device{number:08d}"
        found.setdefault(assign(key, token, [(variant, 50) for variant in arms]), token)
        number += 1
    return found


def _with_device(token: str, batches: list[dict[str, Any]]) -> Any:
    """Before the app loads: the device token stored as uni/Taro setStorageSync keep it; the
    page's batch bodies recorded."""
    stored = json.dumps({"type": "string", "data": token})

    def use_device(page: Any) -> None:
        page.add_init_script(f"localStorage.setItem('kaidian_device', {json.dumps(stored)})")
        page.on("request", lambda request: "/api/shop/batch" in request.url and batches.append(request.post_data_json))

    return use_device


def _flush_events(h5: Any) -> None:
    """The tab hides: the runtime sends what waits, and the queue empties."""
    h5.page.evaluate("() => { Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true }); document.dispatchEvent(new Event('visibilitychange')) }")
    h5.page.wait_for_function("() => (JSON.parse(localStorage.getItem('kaidian_events')) || {}).data?.length === 0", timeout=60000)


def _tagged(e2e_folder: Path, devices: set[str]) -> list[dict[str, Any]]:
    """The devices' block events on the experiment's block."""
    return _events(e2e_folder, "block_id = ?", (AB_BLOCK,), devices)


def _events(e2e_folder: Path, where: str, params: tuple[Any, ...], devices: set[str]) -> list[dict[str, Any]]:
    """The devices' analytics events matching ``where``, read-only from the demo's database."""
    db = sqlite3.connect(f"file:{e2e_folder / 'demo' / 'var' / 'kaidian.sqlite3'}?mode=ro", uri=True, timeout=10)
    try:
        db.row_factory = sqlite3.Row
        rows = db.execute(f"SELECT type, device_id, block_id, route, experiments FROM kd_analytics_event WHERE {where}", params).fetchall()
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
        batches: list[dict[str, Any]] = []
        with open_h5(target, path, before_load=_with_device(token, batches)) as h5:
            page = h5.page
            for visit in range(2):  # the same variant after a reload
                page.wait_for_selector(block, timeout=60000)
                assert page.locator(block).inner_text().strip() == AB_TEXTS[variant], (visit, variant)
                page.wait_for_timeout(1500)  # at least half visible for a second: an exposure
                page.locator(block).click()
                if visit == 0:
                    page.reload()
            # The assignment came with the page's batch read, once per load (the reads of app-wide
            # slots such as the ads overlay ride in that same request).
            sources = [[item["source"] for item in body["requests"]] for body in batches]
            assert sum("experiments.assignments" in body for body in sources) == 2, sources
            assert h5.stored("kaidian_experiments") == {AB_ROUTE: {key: variant}}
            _flush_events(h5)
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


def _all_devices(e2e_folder: Path, route: str | None = None) -> set[str]:
    """Every device with an event on the experiment's block (or on ``route``'s page)."""
    db = sqlite3.connect(f"file:{e2e_folder / 'demo' / 'var' / 'kaidian.sqlite3'}?mode=ro", uri=True, timeout=10)
    try:
        if route is not None:
            return {row[0] for row in db.execute("SELECT DISTINCT device_id FROM kd_analytics_event WHERE route LIKE ?", (f"%pages/{route}/index",))}
        return {row[0] for row in db.execute("SELECT DISTINCT device_id FROM kd_analytics_event WHERE block_id = ?", (AB_BLOCK,))}
    finally:
        db.close()


def _page_events(e2e_folder: Path, devices: set[str], route: str) -> list[dict[str, Any]]:
    """The devices' page views and block exposures on ``route``'s page."""
    return _events(e2e_folder, "type IN ('page_view', 'block_exposure') AND route LIKE ?", (f"%pages/{route}/index",), devices)


@pytest.mark.parametrize("target", TARGETS)
def test_each_device_sees_the_blocks_in_its_page_variants_order(target, h5_app, h5_builds, open_h5, live_demo, e2e_folder):
    _, plan = h5_app(target)
    experiment = h5_builds.ab_page_experiment
    key = experiment["key"]
    path = next(page.path for page in plan.pages if page.route == AB_PAGE_ROUTE)
    devices = _devices(key, target, AB_PAGE_ORDERS)
    blocks = ", ".join(f".kd-block[data-block-id='{block}']" for block in AB_PAGE_BLOCKS)
    shown = f"""() => Array.from(document.querySelectorAll("{blocks}"))
        .map((node) => ({{ id: node.dataset.blockId, top: node.getBoundingClientRect().top, text: node.innerText.trim() }}))"""
    for variant, token in devices.items():
        batches: list[dict[str, Any]] = []
        with open_h5(target, path, before_load=_with_device(token, batches)) as h5:
            page = h5.page
            for visit in range(2):  # the same order after a reload
                page.wait_for_selector(f".kd-block[data-block-id='{AB_PAGE_ORDERS[variant][0]}']", timeout=60000)
                found = page.evaluate(shown)
                # in the variant's order on screen (and in the document), each block its own text
                assert [item["id"] for item in found] == AB_PAGE_ORDERS[variant], (visit, variant, found)
                assert [item["top"] for item in found] == sorted(item["top"] for item in found), found
                assert [item["text"] for item in found] == [AB_PAGE_BLOCKS[block] for block in AB_PAGE_ORDERS[variant]], found
                page.wait_for_timeout(1500)  # a block half visible for a second: an exposure
                if visit == 0:
                    page.reload()
            sources = [[item["source"] for item in body["requests"]] for body in batches]
            assert sum("experiments.assignments" in body for body in sources) == 2, sources  # in the page's batch, once per load
            assert h5.stored("kaidian_experiments") == {AB_PAGE_ROUTE: {key: variant}}
            _flush_events(h5)
            assert h5.errors == [], h5.errors

    # Shown the page: the reload's page view (the assignment stored) and the exposures carry it.
    deadline = time.monotonic() + 30
    while True:
        events = _page_events(e2e_folder, set(devices.values()), AB_PAGE_ROUTE)
        if all(any(e["device_id"] == token and e["type"] == "page_view" and e["experiments"].get(key) for e in events) for token in devices.values()):
            break
        assert time.monotonic() < deadline, events
        time.sleep(1)
    for variant, token in devices.items():
        tagged = [event["experiments"][key] for event in events if event["device_id"] == token and key in event["experiments"]]
        assert tagged and set(tagged) == {variant}, (variant, events)

    results = call(f"{live_demo.base_url}/api/admin/experiments/{experiment['id']}/results", token=live_demo.owner_token)
    arms = {arm["key"]: arm for arm in results["variants"]}
    everyone = {(event["device_id"], event["experiments"][key]) for event in _page_events(e2e_folder, _all_devices(e2e_folder, AB_PAGE_ROUTE), AB_PAGE_ROUTE) if key in event["experiments"]}
    for variant in AB_PAGE_ORDERS:
        assert arms[variant]["visitors"] == sum(arm == variant for _, arm in everyone) >= 1, (variant, arms, everyone)
