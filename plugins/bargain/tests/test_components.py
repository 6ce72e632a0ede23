"""The bargain list and progress page: in the builder's registry with templates for both
targets, and rendered into generated projects (the official CLI builds are the lead's one
slow test over every registered component)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.generate import render_project
from builder.samples import demo_config


@pytest.fixture(scope="module")
def registries():
    import builder.plugin
    import core.builtin
    import plugins.bargain
    from core.app import create_app

    # the builder brings the page-component registry (and core's components) like any plugin
    return create_app(plugins=[core.builtin, builder.plugin, plugins.bargain], entry_points=False).state.registries


def _config() -> dict:
    config = demo_config()
    config["pages"][0]["components"] += [
        {"type": "bargain_list", "props": {"title": "砍价专区", "limit": 5}},
        {"type": "bargain_progress", "props": {"share_title": "</script><script>x=1"}},
    ]
    return config


def test_components_are_registered_by_the_plugin_with_both_templates(registries):
    for name in ("bargain_list", "bargain_progress"):
        component = registries.components.get(name)
        assert component is not None and component.plugin == "bargain"
        assert component.category == "marketing"
        for key in ("uniapp", "taro", "style"):
            assert Path(component.templates[key]).is_file(), (name, key)
        entry = component.catalogue_entry()
        assert entry["targets"] == ["style", "taro", "uniapp"]
        assert entry["defaults"]["accent"] == "#e02e24"
    assert registries.components.get("bargain_list").catalogue_entry()["defaults"]["progress_page"] == ""


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_generated_pages_use_the_bargain_components(registries, target):
    files = render_project(_config(), target, registries).files
    sources = {path: text for path, text in files.items() if "kd-bargain" in path}
    assert len(sources) >= 2, sorted(files)[:30]
    joined = "\n".join(sources.values())
    for needle in ("getPublic('/bargain/activities')", "loginFirst()", "/api/shop/bargain/activities", "/cut", "X-Device-Id", "bargain_id", "share", "helpers"):
        assert needle in joined, needle
    assert "[[" not in joined and "[%" not in joined
    # merchant text reaches the project as escaped data only, never as code
    assert "<script>x=1" not in "\n".join(files.values())
