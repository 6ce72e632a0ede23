"""Block identity (README "Analytics"): optional unique ids, the fallback ``<route>.<index>``,
the generated app's block ids, and the migration that gives stored configurations ids."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest

from builder.config import upgrade_config, validate_config, with_block_ids
from builder.plan import make_plan
from builder.samples import demo_config


def _errors(config, registries):
    return validate_config(upgrade_config(config, registries.components), registries.components, list(registries.themes))


def test_block_ids_are_optional_well_formed_and_unique(registries, demo):
    demo["pages"][0]["components"][0]["id"] = "hero_1"
    demo["pages"][1]["components"][0]["id"] = "hero_1"
    demo["pages"][0]["components"][1]["id"] = "has.dot"
    messages = {error["path"]: error["message"] for error in _errors(demo, registries)}
    assert messages["$.pages[0].components[1].id"]["en"] == "Has the wrong format"
    del demo["pages"][0]["components"][1]["id"]
    messages = {error["path"]: error["message"] for error in _errors(demo, registries)}
    assert messages == {"$.pages[1].components[0].id": {"zh-CN": "组件 ID hero_1 重复", "en": "Block id hero_1 is used twice"}}
    demo["pages"][1]["components"][0]["id"] = "hero-2"
    assert _errors(demo, registries) == []


def test_the_generated_app_knows_each_blocks_id(registries, demo):
    demo["pages"][0]["components"][2]["id"] = "Promo_7"
    plan = make_plan(demo, registries)
    home = plan.pages[0]
    assert home.blocks[2]["block_id"] == "Promo_7"
    assert home.blocks[0]["block_id"] == f"{home.route}.0"  # no id of its own: route and position
    assert [block["id"] for block in home.blocks[:3]] == ["b0", "b1", "b2"]  # render keys stay


def test_with_block_ids_keeps_ids_and_gives_the_same_block_the_same_id_in_every_version(registries, demo):
    demo["pages"][0]["components"][1]["id"] = "kept"
    draft = with_block_ids(demo)
    published = with_block_ids(demo_config())
    ids = [block["id"] for page in draft["pages"] for block in page["components"]]
    assert len(ids) == len(set(ids)) and draft["pages"][0]["components"][1]["id"] == "kept"
    assert draft["pages"][0]["components"][0]["id"] == published["pages"][0]["components"][0]["id"]
    assert "id" not in demo["pages"][0]["components"][0]  # the input is not changed
    assert _errors(draft, registries) == []


@pytest.mark.slow
def test_the_builder_migration_gives_stored_configurations_block_ids(tmp_path):
    from core.app import create_app
    from core.settings import Settings
    from tortoise import Tortoise
    from tortoise.migrations.api.migrate import migrate

    path = tmp_path / "old.sqlite3"
    settings = Settings(database_url=f"sqlite://{path}", run_jobs=False)
    config = create_app(settings).state.db_config

    async def run(target=None):
        await migrate(config=config, target=target)
        await Tortoise.close_connections()

    asyncio.run(run("builder.0001_initial"))  # the builder's tables as they were before block ids
    old = demo_config()
    old["pages"][0]["components"][3]["id"] = "mine"
    with sqlite3.connect(path) as db:
        # (sqlite3 leaves foreign keys unchecked: the versions need no shop row for this)
        for number in (1, 2):
            db.execute(
                "INSERT INTO kd_page_config_version (shop_id, number, status, config, note, created_at) VALUES (1, ?, ?, ?, '', '2026-01-01')",
                (number, "published" if number == 1 else "draft", json.dumps(old)),
            )
    asyncio.run(run())
    with sqlite3.connect(path) as db:
        stored = [json.loads(row[0]) for row in db.execute("SELECT config FROM kd_page_config_version ORDER BY number")]
    for config_now in stored:
        blocks = [block for page in config_now["pages"] for block in page["components"]]
        assert all(block.get("id") for block in blocks) and len({block["id"] for block in blocks}) == len(blocks)
        assert config_now["pages"][0]["components"][3]["id"] == "mine"
    assert stored[0] == stored[1]  # draft and published name the same block the same way



async def test_saving_gives_blocks_ids_that_follow_them_through_inserts_moves_and_versions(kaidian_client, shop, registries):
    from tests.builder.own_catalog import demo_config_of

    base = "/api/admin/builder/config"
    config = await demo_config_of(shop.shop_id)
    for page in config["pages"]:
        for block in page["components"]:
            block.pop("id", None)
    config["pages"][0]["components"][1]["id"] = "mine"
    first = (await kaidian_client.put(f"{base}/draft", json={"config": config}, headers=shop.owner)).json()["config"]
    home = first["pages"][0]["components"]
    ids = [block["id"] for page in first["pages"] for block in page["components"]]
    assert home[1]["id"] == "mine" and len(ids) == len(set(ids)) and all(ids)

    # the merchant inserts a block at the top and moves the last one up: every block keeps its id
    inserted = {"type": home[0]["type"], "props": home[0]["props"]}
    edited = json.loads(json.dumps(first))
    edited["pages"][0]["components"] = [inserted, home[-1], *home[:-1]]
    second = (await kaidian_client.put(f"{base}/draft", json={"config": edited}, headers=shop.owner)).json()
    now = second["config"]["pages"][0]["components"]
    assert [block["id"] for block in now[1:]] == [home[-1]["id"], *(block["id"] for block in home[:-1])]
    assert now[0]["id"] not in ids  # the new block starts its own history, even where another stood
    assert now[0]["id"] != f"{first['pages'][0]['route']}.0"

    published = (await kaidian_client.post(f"{base}/publish", json={"version": second["number"]}, headers=shop.owner)).json()
    assert published["config"]["pages"] == second["config"]["pages"]  # publishing keeps them
    plan = make_plan(published["config"], registries)
    assert [block["block_id"] for block in plan.pages[0].blocks] == [block["id"] for block in now]  # the app sends them
