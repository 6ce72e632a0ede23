"""Shipping the winner: the variant goes into the page's draft as a new version, the experiment
stops and keeps its results; without a called winner only an explicit confirmation ships."""

from __future__ import annotations

from typing import Any

from core.accounts.models import StaffRole
from core.testing import add_staff
from plugins.experiments.tests.test_results import _event
from plugins.experiments.tests.test_routes import block_experiment


async def _draft_with_notice(client: Any, shop: Any) -> tuple[str, int]:
    state = (await client.get("/api/admin/builder/config", headers=shop.owner)).json()
    config = state["draft"]["config"]
    page = config["pages"][0]
    page["components"].append({"id": "b-notice", "type": "notice_bar", "props": {"text": "全场包邮"}})
    saved = await client.put("/api/admin/builder/config/draft", json={"config": config}, headers=shop.owner)
    assert saved.status_code == 200, saved.text
    return page["route"], saved.json()["number"]


def _notice(config: dict[str, Any], route: str) -> dict[str, Any]:
    page = next(page for page in config["pages"] if page["route"] == route)
    return next(block for block in page["components"] if block.get("id") == "b-notice")


async def _running(client: Any, shop: Any, route: str, **changes: Any) -> dict[str, Any]:
    created = await client.post("/api/admin/experiments", json=block_experiment(page_route=route, minimum_sample=100, **changes), headers=shop.owner)
    assert created.status_code == 201, created.text
    experiment = created.json()
    assert (await client.post(f"/api/admin/experiments/{experiment['id']}/start", headers=shop.owner)).status_code == 200
    return experiment


async def test_ship_the_called_winner_into_a_new_draft(client: Any, shop: Any) -> None:
    route, before = await _draft_with_notice(client, shop)
    experiment = await _running(client, shop, route)
    key = experiment["key"]
    # 120 devices per arm: control 12 click, b 48 click — b wins clearly past the minimum sample
    for number in range(240):
        variant = "control" if number % 2 == 0 else "b"
        device = f"device-{number:04d}"
        await _event(shop.shop_id, "block_exposure", device, {key: variant})
        if (variant == "control" and number % 20 == 0) or (variant == "b" and number % 5 in (1, 3)):
            await _event(shop.shop_id, "block_click", device, {key: variant})
    results = (await client.get(f"/api/admin/experiments/{experiment['id']}/results", headers=shop.owner)).json()
    assert results["variants"][1]["verdict"] == "variant_wins"

    shipped = await client.post(f"/api/admin/experiments/{experiment['id']}/ship", json={}, headers=shop.owner)
    assert shipped.status_code == 200, shipped.text
    body = shipped.json()
    assert body["version"] > before
    stored = body["experiment"]
    assert (stored["status"], stored["shipped_variant"], stored["shipped_version"], stored["shipped_without_winner"]) == ("stopped", "b", body["version"], False)
    assert stored["result"]["winner"] == "b" and stored["result"]["variants"][1]["visitors"] == 120

    state = (await client.get("/api/admin/builder/config", headers=shop.owner)).json()
    assert state["draft"]["number"] == body["version"]
    assert _notice(state["draft"]["config"], route)["props"]["text"] == "今日下单立减 10 元"
    history = (await client.get("/api/admin/builder/config/versions", headers=shop.owner)).json()
    assert f"实验 #{experiment['id']}" in history[0]["note"] and "变体 b" in history[0]["note"]
    # shipped once: again is a 409; the same block may run a new experiment now
    assert (await client.post(f"/api/admin/experiments/{experiment['id']}/ship", json={}, headers=shop.owner)).status_code == 409
    await _running(client, shop, route)


async def test_shipping_without_a_winner_needs_a_confirmation(client: Any, shop: Any) -> None:
    route, before = await _draft_with_notice(client, shop)
    experiment = await _running(client, shop, route)
    url = f"/api/admin/experiments/{experiment['id']}/ship"

    refused = await client.post(url, json={}, headers=shop.owner)
    assert refused.status_code == 409 and refused.json()["field"] == "variant"
    refused = await client.post(url, json={"variant": "b"}, headers=shop.owner)
    assert refused.status_code == 409 and refused.json()["field"] == "confirm"
    unknown = await client.post(url, json={"variant": "zz", "confirm": True}, headers=shop.owner)
    assert unknown.status_code == 422 and unknown.json()["field"] == "variant"
    state = (await client.get("/api/admin/builder/config", headers=shop.owner)).json()
    assert state["draft"]["number"] == before  # nothing written
    assert (await client.get(f"/api/admin/experiments/{experiment['id']}", headers=shop.owner)).json()["status"] == "running"

    shipped = await client.post(url, json={"variant": "b", "confirm": True}, headers=shop.owner)
    assert shipped.status_code == 200, shipped.text
    assert shipped.json()["experiment"]["shipped_without_winner"] is True
    state = (await client.get("/api/admin/builder/config", headers=shop.owner)).json()
    assert _notice(state["draft"]["config"], route)["props"]["text"] == "今日下单立减 10 元"


async def test_a_draft_that_lost_the_block_is_a_conflict(client: Any, shop: Any) -> None:
    route, _ = await _draft_with_notice(client, shop)
    experiment = await _running(client, shop, route, block_id="b-gone")
    shipped = await client.post(f"/api/admin/experiments/{experiment['id']}/ship", json={"variant": "b", "confirm": True}, headers=shop.owner)
    assert shipped.status_code == 409 and shipped.json()["field"] == "block_id"
    assert (await client.get(f"/api/admin/experiments/{experiment['id']}", headers=shop.owner)).json()["shipped_variant"] is None


async def test_a_draft_experiment_ships_nothing_and_customer_service_cannot_ship(client: Any, shop: Any) -> None:
    route, _ = await _draft_with_notice(client, shop)
    created = (await client.post("/api/admin/experiments", json=block_experiment(page_route=route), headers=shop.owner)).json()
    url = f"/api/admin/experiments/{created['id']}/ship"
    assert (await client.post(url, json={"variant": "b", "confirm": True}, headers=shop.owner)).status_code == 409
    service = await add_staff(client, shop, StaffRole.CUSTOMER_SERVICE)
    assert (await client.post(url, json={"variant": "b", "confirm": True}, headers=service)).status_code == 403


async def test_ship_a_page_variant_replaces_the_page_blocks(client: Any, shop: Any) -> None:
    route, _ = await _draft_with_notice(client, shop)
    state = (await client.get("/api/admin/builder/config", headers=shop.owner)).json()
    blocks = next(page for page in state["draft"]["config"]["pages"] if page["route"] == route)["components"]
    reordered = [blocks[-1], *blocks[:-1]]
    created = await client.post("/api/admin/experiments", headers=shop.owner, json={
        "name": "首页顺序", "kind": "page", "page_route": route, "goal": "order_conversion", "minimum_sample": 100,
        "variants": [{"key": "control", "weight": 50, "components": blocks}, {"key": "b", "weight": 50, "components": reordered}],
    })
    assert created.status_code == 201, created.text
    experiment = created.json()
    assert (await client.post(f"/api/admin/experiments/{experiment['id']}/start", headers=shop.owner)).status_code == 200
    shipped = await client.post(f"/api/admin/experiments/{experiment['id']}/ship", json={"variant": "b", "confirm": True}, headers=shop.owner)
    assert shipped.status_code == 200, shipped.text
    state = (await client.get("/api/admin/builder/config", headers=shop.owner)).json()
    page = next(page for page in state["draft"]["config"]["pages"] if page["route"] == route)
    assert [block.get("id") for block in page["components"]] == [block.get("id") for block in reordered]
