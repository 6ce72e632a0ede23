"""The admin API: variants validated by the component registry, one running experiment per
block, start and stop, tenants isolated."""

from __future__ import annotations

from typing import Any

from core.testing import assert_other_shop_gets_404, make_shop


def block_experiment(**changes: Any) -> dict[str, Any]:
    return {
        "name": "公告文案",
        "kind": "block",
        "page_route": "index",
        "block_id": "b-notice",
        "component": "notice_bar",
        "goal": "block_ctr",
        "variants": [
            {"key": "control", "weight": 50, "props": {"text": "全场包邮"}},
            {"key": "b", "weight": 50, "props": {"text": "今日下单立减 10 元"}},
        ],
        "minimum_sample": 1000,
    } | changes


async def test_block_experiment_runs_once_per_block(client: Any, shop: Any) -> None:
    created = await client.post("/api/admin/experiments", json=block_experiment(), headers=shop.owner)
    assert created.status_code == 201, created.text
    experiment = created.json()
    assert experiment["status"] == "draft" and len(experiment["key"]) == 16
    assert [v["component"] for v in experiment["variants"]] == ["notice_bar", "notice_bar"]

    started = await client.post(f"/api/admin/experiments/{experiment['id']}/start", headers=shop.owner)
    assert started.status_code == 200 and started.json()["status"] == "running"

    second = (await client.post("/api/admin/experiments", json=block_experiment(name="再试"), headers=shop.owner)).json()
    refused = await client.post(f"/api/admin/experiments/{second['id']}/start", headers=shop.owner)
    assert refused.status_code == 409 and refused.json()["field"] == "block_id"

    stopped = await client.post(f"/api/admin/experiments/{experiment['id']}/stop", headers=shop.owner)
    assert stopped.json()["status"] == "stopped"
    assert (await client.post(f"/api/admin/experiments/{second['id']}/start", headers=shop.owner)).status_code == 200
    listed = await client.get("/api/admin/experiments", headers=shop.owner)
    assert [e["id"] for e in listed.json()] == [second["id"], experiment["id"]]


async def test_variants_are_validated_like_blocks(client: Any, shop: Any) -> None:
    bad_props = block_experiment(variants=[
        {"key": "control", "weight": 50, "props": {"text": "全场包邮"}},
        {"key": "b", "weight": 50, "props": {"text": "x" * 201}},
    ])
    response = await client.post("/api/admin/experiments", json=bad_props, headers=shop.owner)
    assert response.status_code == 422 and response.json()["field"] == "variants[1].props.text", response.text

    unknown = await client.post("/api/admin/experiments", json=block_experiment(component="no_such_block"), headers=shop.owner)
    assert unknown.status_code == 422 and unknown.json()["field"] == "variants[0].props"

    page = block_experiment(kind="page", block_id=None, component=None, variants=[
        {"key": "control", "weight": 1, "components": [{"type": "notice_bar", "props": {"text": "甲"}}]},
        {"key": "b", "weight": 1, "components": [{"type": "notice_bar", "props": {}}]},
    ])
    response = await client.post("/api/admin/experiments", json=page, headers=shop.owner)
    assert response.status_code == 422 and response.json()["field"].startswith("variants[1].components[0].props"), response.text

    repeated = block_experiment(variants=[{"key": "control", "weight": 1, "props": {"text": "a"}}] * 2)
    assert (await client.post("/api/admin/experiments", json=repeated, headers=shop.owner)).json()["field"] == "variants"


async def test_other_shops_see_nothing(client: Any, shop: Any) -> None:
    experiment = (await client.post("/api/admin/experiments", json=block_experiment(), headers=shop.owner)).json()
    other = await make_shop(client, name="别家")
    await assert_other_shop_gets_404(client, [
        ("GET", f"/api/admin/experiments/{experiment['id']}", None),
        ("GET", f"/api/admin/experiments/{experiment['id']}/results", None),
        ("POST", f"/api/admin/experiments/{experiment['id']}/start", None),
        ("POST", f"/api/admin/experiments/{experiment['id']}/stop", None),
        ("POST", f"/api/admin/experiments/{experiment['id']}/ship", {"variant": "b", "confirm": True}),
    ], other.owner)
    assert (await client.get("/api/admin/experiments", headers=other.owner)).json() == []
