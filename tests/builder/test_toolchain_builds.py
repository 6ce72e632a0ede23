"""REAL mini-program builds with the official CLIs (slow): uni-app mp-weixin and Taro weapp.

One generated project per target (the demo shop's pages plus ≥ 30 more using every core
component, a page with every installed plugin's components, hostile merchant text, and the
hostile corpus of tests/e2e/hostile.py — uni-app's #ifdef/#endif markers among it — in the app
name, tab labels, page titles and every free-text prop of every component) is built; every
page, every title and tab label as given (#30 §1), and the package sizes are checked. The H5 builds are made once per run by the
shared end-to-end fixture (tests/e2e/conftest.py) and checked in Chromium there.
"""

from __future__ import annotations

import pytest

from builder.generate import generate
from builder.samples import large_config, plugin_component_blocks
from builder.toolchain import build, expected_texts
from core.plugin_host import SYSTEM_PLUGINS
from tests.e2e.hostile import make_hostile

pytestmark = pytest.mark.slow

HOSTILE = [
    "{{ constructor.constructor('window.__pwned=1')() }}",
    "</script><script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=1>",
    "${window.__pwned=1}",
    "\"'`quotes`'\"",
    "line\u2028sep\u2029end",
    "../../etc/passwd",
]


def _config(registries):
    config = large_config(34)
    config["pages"].append({"route": "plugins", "title": "插件组件", "components": plugin_component_blocks(registries)})
    home = config["pages"][0]
    home["components"] += [{"type": "notice_bar", "props": {"text": text, "scrollable": False}} for text in HOSTILE]
    home["components"].append({"type": "rich_text", "props": {"html": "<p>富文本<script>window.__pwned=1</script><img src=x onerror=window.__pwned=1></p>"}})
    return make_hostile(config, registries)


@pytest.fixture(scope="module")
def projects(tmp_path_factory, registries):
    base = tmp_path_factory.mktemp("builds")
    return {target: (base / target, generate(_config(registries), target, base / target, registries)) for target in ("uniapp", "taro")}


@pytest.mark.parametrize(("target", "platform"), [("uniapp", "mp-weixin"), ("taro", "weapp")])
def test_official_build_succeeds_with_every_page(projects, registries, target, platform):
    folder, project = projects[target]
    assert len(project.page_paths) >= 30
    plugin_page = next(page for page in project.plan.pages if page.route == "plugins")
    plugin_components = {c.name for c in registries.components.page_components() if c.plugin not in SYSTEM_PLUGINS}
    assert {"coupon_block", "coupon_popup"} <= plugin_components
    assert {block["type"] for block in plugin_page.blocks} == plugin_components
    result = build(folder, target, platform, [page.path for page in project.plan.pages], texts=expected_texts(project.plan))
    assert result.returncode == 0, result.log[-3000:]
    assert result.missing_pages == []
    assert result.changed_texts == []
    assert any(page.route.startswith("hostile_") for page in project.plan.pages)
    if platform in ("mp-weixin", "weapp"):
        assert result.main_package_bytes < 2 * 1024 * 1024
        assert all(size < 2 * 1024 * 1024 for size in result.package_bytes.values())
        # the merchant's subpackages and the system pages' kd_ ones each count on their own
        assert set(result.package_bytes) == {"", *project.plan.subpackages}
        assert any(root.startswith("kd_") for root in result.package_bytes)
        print(f"{target}/{platform}: {result.seconds:.1f}s, main package {result.main_package_bytes // 1024} KB, packages {result.package_bytes}")
