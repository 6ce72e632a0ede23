"""Generation learns the running block experiments through ``kaidian_collect_block_variants``:
every variant's props are compiled into the page's code, only that block switches at run time
(by its page's usual batch read), and the exported project carries it on both targets."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from builder.generate import render_project
from core.testing import make_shop
from plugins.experiments.tests.test_routes import block_experiment


def shop_config() -> dict[str, Any]:
    return {
        "schema_version": 1,
        "app": {"name": "实验店", "theme": "default", "api": {"base_url": "https://api.example.com", "shop_id": 1}},
        "pages": [
            {
                "route": "index",
                "title": "首页",
                "components": [
                    {"type": "title", "props": {"text": "今日推荐"}},
                    {"id": "b-notice", "type": "notice_bar", "props": {"text": "欢迎光临"}},
                ],
            },
            {"route": "about", "title": "关于", "components": [{"type": "notice_bar", "props": {"text": "关于我们"}}]},
        ],
    }


async def _running(client: Any, shop: Any) -> dict[str, Any]:
    experiment = (await client.post("/api/admin/experiments", json=block_experiment(), headers=shop.owner)).json()
    assert (await client.post(f"/api/admin/experiments/{experiment['id']}/start", headers=shop.owner)).status_code == 200
    return experiment


async def _generated(client: Any, shop: Any, target: str) -> dict[str, str]:
    """The shop's project for ``target`` with the variants generation is offered for it."""
    offered = (await client.get("/api/admin/builder/variants", headers=shop.owner)).json()
    return render_project(shop_config(), target, client.app.state.registries, offered).files


async def test_only_running_block_experiments_are_offered(client: Any, shop: Any) -> None:
    draft = (await client.post("/api/admin/experiments", json=block_experiment(), headers=shop.owner)).json()
    assert (await client.get("/api/admin/builder/variants", headers=shop.owner)).json() == []
    await client.post(f"/api/admin/experiments/{draft['id']}/start", headers=shop.owner)
    offered = (await client.get("/api/admin/builder/variants", headers=shop.owner)).json()
    assert offered == [{
        "page": "index",
        "block_id": "b-notice",
        "component": "notice_bar",
        "source": "experiments.assignments",
        "variants": {"control": {"text": "全场包邮"}, "b": {"text": "今日下单立减 10 元"}},
    }]
    await client.post(f"/api/admin/experiments/{draft['id']}/stop", headers=shop.owner)
    assert (await client.get("/api/admin/builder/variants", headers=shop.owner)).json() == []


async def test_another_shop_is_offered_none_of_this_shops_variants(client: Any, shop: Any) -> None:
    other = await make_shop(client, name="别的店")
    await _running(client, shop)
    assert len((await client.get("/api/admin/builder/variants", headers=shop.owner)).json()) == 1
    assert (await client.get("/api/admin/builder/variants", headers=other.owner)).json() == []


@pytest.mark.parametrize("target", ["uniapp", "taro"])
async def test_variants_are_compiled_in_and_only_the_tested_block_switches(client: Any, shop: Any, target: str) -> None:
    await _running(client, shop)
    files = await _generated(client, shop, target)
    ext = ".jsx" if target == "taro" else ".vue"
    page, data = files[f"src/pages/index/index{ext}"], files["src/pages/index/page.js"]
    # Every variant is in the shop's source; the page asks for the assignment in its batch.
    assert "全场包邮" in data and "今日下单立减 10 元" in data and '"source": "experiments.assignments"' in data
    assert "loadBlocks(" in page and "page.switches" in page
    # Only the tested block picks its props at run time; the other keeps its compiled props.
    assert page.count("pickVariant(results, ") == 1
    assert ("props.b0" in page) and ("props.b1" not in page)
    # A page without an experiment is generated exactly as before.
    about = files[f"src/pages/about/index{ext}"]
    assert "pickVariant" not in about and "switches" not in about and "loadBlocks" not in about


async def test_a_block_that_changed_component_or_vanished_is_left_alone(client: Any, shop: Any) -> None:
    await _running(client, shop)
    offered = (await client.get("/api/admin/builder/variants", headers=shop.owner)).json()
    config = shop_config()
    config["pages"][0]["components"][1] = {"id": "b-notice", "type": "title", "props": {"text": "换了组件"}}
    files = render_project(config, "uniapp", client.app.state.registries, offered).files
    assert "pickVariant" not in files["src/pages/index/index.vue"] and "今日下单立减" not in files["src/pages/index/page.js"]


async def test_the_exported_project_carries_the_running_experiment(client: Any, shop: Any) -> None:
    await _running(client, shop)
    response = await client.post("/api/admin/builder/export?target=taro", json={"config": shop_config()}, headers=shop.owner)
    assert response.status_code == 200, response.text
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "今日下单立减 10 元" in archive.read("src/pages/index/page.js").decode()


def _run_in_node(node: str, files: dict[str, str], tmp_path: Path, script: str) -> None:
    """Runs ``script`` (node, printing ok) beside the generated client and index page: the
    client alone, its imports of the app's settings and runtime turned into stand-ins."""
    client_js = re.sub(r"^import .* from '@/.*'$", "", files["src/api/client.js"], flags=re.MULTILINE)
    (tmp_path / "client.mjs").write_text("const settings = { cacheSeconds: 0, batchLimit: 10 }\n" + client_js, encoding="utf-8")
    (tmp_path / "page.mjs").write_text(files["src/pages/index/page.js"], encoding="utf-8")
    (tmp_path / "check.mjs").write_text(script + "console.log('ok')\n", encoding="utf-8")
    completed = subprocess.run([node, "check.mjs"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0 and completed.stdout.strip() == "ok", completed.stdout + completed.stderr


async def test_pick_variant_in_node(client: Any, shop: Any, tmp_path: Path) -> None:
    """The runtime's pick (the assigned variant's compiled props; the block's own for the
    holdout or a failed read) run in node on the generated client."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    await _running(client, shop)
    files = await _generated(client, shop, "uniapp")
    _run_in_node(node, files, tmp_path, """
import assert from 'node:assert/strict'
import { pickVariant } from './client.mjs'
import page from './page.mjs'
const block = page.blocks[1]
const answer = (variant) => ({ [block.switch]: { ok: true, data: { blocks: { 'b-notice': { variant } } } } })
assert.equal(pickVariant(answer('b'), block).text, '今日下单立减 10 元')
assert.equal(pickVariant(answer('control'), block).text, '全场包邮')
assert.equal(pickVariant(answer('holdout'), block).text, '欢迎光临')
assert.equal(pickVariant({ [block.switch]: { ok: false } }, block).text, '欢迎光临')
""")


# -- page experiments: variants are orders / subsets of the page's own blocks ------------------

PAGE_ORDERS = {"control": ["index.0", "b-notice"], "b": ["b-notice", "index.0"], "c": ["b-notice"]}


async def _running_page(client: Any, shop: Any) -> dict[str, Any]:
    """A page experiment on ``index``: the control is the page, b swaps its two blocks, c
    leaves the title out (variant blocks are copies of the page's: the title has no id)."""
    title, notice = shop_config()["pages"][0]["components"]
    body = block_experiment(kind="page", block_id=None, component=None, goal="order_conversion", variants=[
        {"key": "control", "weight": 1, "components": [title, notice]},
        {"key": "b", "weight": 1, "components": [notice, title]},
        {"key": "c", "weight": 1, "components": [notice]},
    ])
    created = await client.post("/api/admin/experiments", json=body, headers=shop.owner)
    assert created.status_code == 201, created.text
    experiment = created.json()
    assert (await client.post(f"/api/admin/experiments/{experiment['id']}/start", headers=shop.owner)).status_code == 200
    return experiment


async def test_a_running_page_experiment_is_offered_as_block_orders(client: Any, shop: Any) -> None:
    experiment = await _running_page(client, shop)
    offered = (await client.get("/api/admin/builder/variants", headers=shop.owner)).json()
    assert offered == [{"page": "index", "source": "experiments.assignments", "variants": PAGE_ORDERS}]
    await client.post(f"/api/admin/experiments/{experiment['id']}/stop", headers=shop.owner)
    assert (await client.get("/api/admin/builder/variants", headers=shop.owner)).json() == []


@pytest.mark.parametrize("target", ["uniapp", "taro"])
async def test_page_orders_are_compiled_in_and_only_that_page_switches(client: Any, shop: Any, target: str) -> None:
    registries = client.app.state.registries
    before = render_project(shop_config(), target, registries).files
    await _running_page(client, shop)
    files = await _generated(client, shop, target)
    ext = ".jsx" if target == "taro" else ".vue"
    page, data = files[f"src/pages/index/index{ext}"], files["src/pages/index/page.js"]
    # Every order is in the shop's source, as indices of the page's blocks; the assignment
    # comes with the page's batch read, in its switches.
    assert '"order": {' in data and '"c": [\n' in data and '"source": "experiments.assignments"' in data
    assert "pickOrder(results" in page and "page.switches" in page and "pickVariant" not in page
    # Each block's code once, as before: the page only orders them.
    assert page.count("props.b0") == 1 and page.count("props.b1") == 1
    assert "export function pickOrder" in files["src/api/client.js"]
    # Everything else is generated byte-identically to a shop without the experiment.
    changed = {path for path in files if files[path] != before.get(path)}
    assert changed == {f"src/pages/index/index{ext}", "src/pages/index/page.js", "src/api/client.js"}, changed


async def test_a_page_and_a_block_experiment_share_the_page_read(client: Any, shop: Any) -> None:
    await _running_page(client, shop)  # the page first: a block experiment may join it (not the reverse)
    await _running(client, shop)
    offered = (await client.get("/api/admin/builder/variants", headers=shop.owner)).json()
    assert [item.get("block_id") for item in offered] == [None, "b-notice"]
    files = render_project(shop_config(), "uniapp", client.app.state.registries, offered).files
    page, data = files["src/pages/index/index.vue"], files["src/pages/index/page.js"]
    assert data.count('"source": "experiments.assignments"') == 1
    assert "pickOrder(results" in page and page.count("pickVariant(results, ") == 1


async def test_a_page_variant_naming_a_vanished_block_leaves_the_page_alone(client: Any, shop: Any) -> None:
    await _running_page(client, shop)
    offered = (await client.get("/api/admin/builder/variants", headers=shop.owner)).json()
    config = shop_config()
    config["pages"][0]["components"][1]["id"] = "b-renamed"
    registries = client.app.state.registries
    assert render_project(config, "taro", registries, offered).files == render_project(config, "taro", registries).files


async def test_pick_order_in_node(client: Any, shop: Any, tmp_path: Path) -> None:
    """The runtime's order pick run in node on the generated client: the assigned variant's
    compiled order; the page's own for the holdout, an unknown key or a failed read."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    await _running_page(client, shop)
    files = await _generated(client, shop, "uniapp")
    _run_in_node(node, files, tmp_path, """
import assert from 'node:assert/strict'
import { pickOrder } from './client.mjs'
import page from './page.mjs'
const answer = (variant) => ({ [page.order.switch]: { ok: true, data: { page: { variant } } } })
assert.deepEqual(pickOrder(answer('b'), page), [1, 0])
assert.deepEqual(pickOrder(answer('c'), page), [1])
assert.deepEqual(pickOrder(answer('control'), page), [0, 1])
assert.deepEqual(pickOrder(answer('holdout'), page), [0, 1])
assert.deepEqual(pickOrder(answer('__proto__'), page), [0, 1])
assert.deepEqual(pickOrder({ [page.order.switch]: { ok: false } }, page), [0, 1])
""")
