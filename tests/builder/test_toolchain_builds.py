"""REAL builds with the official CLIs (slow): uni-app mp-weixin + H5, Taro weapp + H5.

One generated project per target (the demo shop's pages plus ≥ 30 more using every core
component, a page with every installed plugin's components, plus hostile merchant text) is built for both platforms; the uni-app H5 build is
served on 127.0.0.1 and checked in headless Chromium.
"""

from __future__ import annotations

import pytest

from builder.generate import generate
from builder.samples import large_config, plugin_component_blocks
from builder.toolchain import build
from tests.builder.h5_browser import CHROMIUM, chromium_page, serving

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
    return config


@pytest.fixture(scope="module")
def projects(tmp_path_factory, registries):
    base = tmp_path_factory.mktemp("builds")
    return {target: (base / target, generate(_config(registries), target, base / target, registries)) for target in ("uniapp", "taro")}


@pytest.mark.parametrize(("target", "platform"), [("uniapp", "mp-weixin"), ("uniapp", "h5"), ("taro", "weapp"), ("taro", "h5")])
def test_official_build_succeeds_with_every_page(projects, registries, target, platform):
    folder, project = projects[target]
    assert len(project.page_paths) >= 30
    plugin_page = next(page for page in project.plan.pages if page.route == "plugins")
    plugin_components = {c.name for c in registries.components.page_components() if c.plugin != "core"}
    assert {"coupon_block", "coupon_popup"} <= plugin_components
    assert {block["type"] for block in plugin_page.blocks} == plugin_components
    result = build(folder, target, platform, [page.path for page in project.plan.pages])
    assert result.returncode == 0, result.log[-3000:]
    assert result.missing_pages == []
    if platform in ("mp-weixin", "weapp"):
        assert result.main_package_bytes < 2 * 1024 * 1024
        assert all(size < 2 * 1024 * 1024 for size in result.package_bytes.values())
        assert set(result.package_bytes) == {"", *project.plan.subpackages}
        print(f"{target}/{platform}: {result.seconds:.1f}s, main package {result.main_package_bytes // 1024} KB, packages {result.package_bytes}")


@pytest.fixture(scope="module")
def served_uniapp_h5(projects):
    folder, _ = projects["uniapp"]
    output = folder / "dist/build/h5"
    if not (output / "index.html").is_file():
        pytest.skip("the uni-app H5 build did not run")
    with serving(output) as origin:
        yield f"{origin}/index.html"


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs the Debian chromium package")
def test_uniapp_h5_renders_components_and_hostile_text_literally(served_uniapp_h5):
    with chromium_page() as page:
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(served_uniapp_h5)
        page.wait_for_selector(".kd-notice__text", timeout=15000)
        texts = page.locator(".kd-notice__text").all_text_contents()
        assert texts[-len(HOSTILE):] == HOSTILE
        for selector in (".kd-search", ".kd-banner", ".kd-nav", ".kd-title", ".kd-products", ".kd-richtext"):
            assert page.locator(selector).count() >= 1, selector
        assert "富文本" in page.locator(".kd-richtext").last.inner_text()
        assert page.evaluate("window.__pwned") is None
        assert page.locator("img[src='x']").count() == 0
        assert page.locator(".kd-page script").count() == 0
        assert dialogs == []
        timing = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
        print("navigation timing:", timing[:300])
