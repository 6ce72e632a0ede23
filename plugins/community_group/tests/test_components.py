"""The pickup-point picker and the leader entry card: in the builder's registry with templates
for both targets and rendered into generated projects. The official uni-app and Taro builds of
every plugin's components run once, in tests/builder/test_toolchain_builds.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.generate import render_project
from builder.samples import demo_config

NAMES = ("pickup_point_picker", "leader_entry_card")


@pytest.fixture(scope="module")
def registries():
    from core.app import create_app

    return create_app().state.registries


def _config() -> dict:
    config = demo_config()
    config["pages"][0]["components"] += [
        {"type": "pickup_point_picker", "props": {"title": "选择自提点", "limit": 5}},
        {"type": "leader_entry_card", "props": {"title": "</script><script>x=1"}},
    ]
    return config


def test_components_are_registered_by_the_plugin_with_both_templates(registries):
    for name in NAMES:
        component = registries.components.get(name)
        assert component is not None and component.plugin == "community_group"
        for key in ("uniapp", "taro", "style"):
            assert Path(component.templates[key]).is_file(), (name, key)
        entry = component.catalogue_entry()
        assert entry["targets"] == ["style", "taro", "uniapp"]
        assert entry["defaults"]["accent"] == "#07c160"


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_generated_pages_use_the_community_components(registries, target):
    files = render_project(_config(), target, registries).files
    sources = {path: text for path, text in files.items() if "kd-pickup-point-picker" in path or "kd-leader-entry-card" in path}
    assert len(sources) >= 2, sorted(files)[:40]
    joined = "\n".join(sources.values())
    assert "/api/shop/community_group/pickup-points" in joined and "/api/shop/community_group/leader-application" in joined
    assert "kaidian_pickup_point" in joined
    assert "[[" not in joined and "[%" not in joined
    assert "<script>x=1" not in "\n".join(files.values())
