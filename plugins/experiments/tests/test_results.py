"""Results read from recorded analytics events: exposures make visitors, tagged clicks convert."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from core import clock
from core.analytics.models import AnalyticsEvent
from plugins.experiments.tests.test_routes import block_experiment


async def _event(shop_id: int, kind: str, device: str, experiments: dict[str, str], block_id: str = "b-notice", route: str = "index") -> None:
    now = clock.now() + timedelta(seconds=1)
    await AnalyticsEvent.create(
        shop_id=shop_id, event_id=uuid.uuid4().hex, type=kind, device_id=device, actor=f"d{device}", session_id="s1",
        route=route, block_id=block_id, experiments=experiments, props={"component": "notice_bar"},
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


async def test_a_page_experiment_counts_devices_shown_its_page(client: Any, shop: Any) -> None:
    """A page experiment's device joins at its first tagged page view (or block exposure) of
    the experiment's page; events carry every assignment, so one on another page does not."""
    body = block_experiment(kind="page", block_id=None, component=None, goal="add_to_cart_rate", minimum_sample=100, variants=[
        {"key": "control", "weight": 1, "components": [{"id": "b1", "type": "notice_bar", "props": {"text": "甲"}}, {"id": "b2", "type": "notice_bar", "props": {"text": "乙"}}]},
        {"key": "b", "weight": 1, "components": [{"id": "b2", "type": "notice_bar", "props": {"text": "乙"}}]},
    ])
    experiment = (await client.post("/api/admin/experiments", json=body, headers=shop.owner)).json()
    await client.post(f"/api/admin/experiments/{experiment['id']}/start", headers=shop.owner)
    key = experiment["key"]
    await _event(shop.shop_id, "page_view", "device-a", {key: "control"}, block_id=None, route="pages/index/index")
    await _event(shop.shop_id, "add_to_cart", "device-a", {key: "control"}, block_id=None, route="pages/product/index")
    await _event(shop.shop_id, "block_exposure", "device-b", {key: "b"}, route="pkg_main/pages/index/index")
    await _event(shop.shop_id, "page_view", "device-c", {key: "b"}, block_id=None, route="pages/about/index")  # another page
    await _event(shop.shop_id, "page_view", "device-d", {}, block_id=None, route="pages/index/index")  # not yet assigned
    control, variant, _ = (await client.get(f"/api/admin/experiments/{experiment['id']}/results", headers=shop.owner)).json()["variants"]
    assert (control["visitors"], control["conversions"]) == (1, 1)
    assert (variant["visitors"], variant["conversions"]) == (1, 0)


async def test_orders_convert_the_device_their_checkout_named(client: Any, shop: Any) -> None:
    """An order event carrying the device (its checkout's X-Device-Token) and the device's
    assignment converts that device only; one whose map disagrees with the device's exposure
    counts nowhere; one without a device (an older client) goes through the customer."""
    experiment = (await client.post("/api/admin/experiments", json=block_experiment(goal="gmv_per_visitor", minimum_sample=100), headers=shop.owner)).json()
    await client.post(f"/api/admin/experiments/{experiment['id']}/start", headers=shop.owner)
    key = experiment["key"]
    for device, variant in (("device-a", "control"), ("device-a2", "control"), ("device-b", "b"), ("device-b2", "b")):
        await _event(shop.shop_id, "block_exposure", device, {key: variant})

    async def order(order_id: int, device: str, experiments: dict[str, str], customer_id: int | None = None) -> None:
        now = clock.now() + timedelta(seconds=1)
        await AnalyticsEvent.create(
            shop_id=shop.shop_id, event_id=f"srv:order_placed:{order_id}", type="order_placed", device_id=device, customer_id=customer_id,
            actor=f"c{customer_id}", session_id="", route="", experiments=experiments, props={"order_id": order_id, "total_fen": 1000 * order_id},
            server_time=now, ts_ms=int(now.timestamp() * 1000), day=now.date(),
        )

    await order(1, "device-a", {key: "control"}, shop.customer_id)
    await order(2, "device-b", {key: "control"}, shop.customer_id)  # says another arm than the device was shown: nowhere
    await order(3, "device-x", {key: "b"}, shop.customer_id)  # a device never exposed: nowhere
    # an older client's order (no device): the devices its customer was seen as
    await AnalyticsEvent.create(
        shop_id=shop.shop_id, event_id=uuid.uuid4().hex, type="page_view", device_id="device-b2", customer_id=shop.customer_id + 1000, actor="x",
        session_id="s", route="index", experiments={key: "b"}, props={}, server_time=clock.now(), ts_ms=0, day=clock.now().date(),
    )
    await order(4, "", {}, shop.customer_id + 1000)
    arms = (await client.get(f"/api/admin/experiments/{experiment['id']}/results", headers=shop.owner)).json()["variants"]
    control, variant = arms[0], arms[1]
    assert (control["visitors"], control["conversions"], control["gmv_per_visitor_fen"]) == (2, 1, 500)
    assert (variant["visitors"], variant["conversions"], variant["gmv_per_visitor_fen"]) == (2, 1, 2000)


async def test_results_are_the_same_from_clickhouse(client: Any, shop: Any) -> None:
    """The same events in the main database and in ClickHouse (chDB, the ClickHouse engine
    in-process) give the same results, for a proportion goal and for GMV per visitor."""
    pytest.importorskip("chdb", reason="the [chdb] test extra proves the ClickHouse SQL (pip install -e '.[dev,chdb]')")
    from core.analytics.clickhouse_store import ClickHouseStore
    from core.analytics.db_store import DatabaseStore
    from core.analytics.store import EventRecord
    from plugins.experiments.models import Experiment
    from plugins.experiments.results import experiment_results

    created = []
    for goal in ("block_ctr", "gmv_per_visitor"):
        body = block_experiment(goal=goal, minimum_sample=100) | ({"block_id": "b-other"} if goal != "block_ctr" else {})
        experiment = (await client.post("/api/admin/experiments", json=body, headers=shop.owner)).json()
        await client.post(f"/api/admin/experiments/{experiment['id']}/start", headers=shop.owner)
        created.append(await Experiment.get(id=experiment["id"]))
    ctr, gmv = created
    start = clock.now()
    records: list[EventRecord] = []

    def record(kind: str, device: str, seconds: int, experiments: dict[str, str] | None = None, customer: int | None = None, **props: Any) -> None:
        moment = start + timedelta(seconds=seconds)
        records.append(EventRecord(
            shop_id=shop.shop_id, event_id=f"e{len(records):05d}", type=kind, device_id=device, customer_id=customer, session_id="s1",
            route="index", from_route=None, block_id="b-notice" if kind.startswith("block") else None, experiments=experiments or {},
            props=props, client_time=moment, server_time=moment, ts_ms=int(moment.timestamp() * 1000), day=moment.date(),
        ))

    record("block_exposure", "device-early", -3600, {ctr.key: "b"})  # before the start: not counted
    for number in range(12):
        device = f"device-{number:04d}"
        variant = "control" if number % 2 else "b"
        tags = {ctr.key: variant, gmv.key: variant}
        record("block_exposure", device, 1 + number, tags)
        record("block_exposure", device, 2 + number, tags)  # a second exposure is the same visitor
        if number % 3 == 0 or variant == "b" and number % 4 == 0:
            record("block_click", device, 3 + number, tags)
        if number % 4 < 2:  # logged in as customer 100 + number
            record("page_view", device, 4 + number, tags, customer=100 + number)
            # orders are written by the server: with the device and its map its checkout sent,
            # or none (an older client: joined through the customer)
            sent = (device, tags) if number % 2 else ("", None)
            record("order_placed", sent[0], 5 + number, sent[1], customer=100 + number, total_fen=1000 + 250 * number)
    record("block_click", "device-9999", 30, {})  # untagged: nobody's

    chdb_store = ClickHouseStore.on_chdb()
    try:
        database_store = DatabaseStore()
        for store in (database_store, chdb_store):
            assert (await store.insert(records))[0] == len(records)
            assert (await store.insert(records[:3]))[0] == 0  # a replay counts once
        for experiment in (ctr, gmv):
            from_database = await experiment_results(experiment, database_store)
            from_clickhouse = await experiment_results(experiment, chdb_store)
            assert from_clickhouse == from_database
            assert [arm["visitors"] for arm in from_database["variants"]] == [6, 6, 0]
        figures = await experiment_results(gmv, chdb_store)
        assert figures["variants"][0]["conversions"] > 0 and figures["variants"][1]["comparison"] is not None
    finally:
        chdb_store.runner.close()
