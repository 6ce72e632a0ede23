"""The points card and the points mall: in the builder's registry with templates for both
targets, and rendered into generated projects (the official CLI builds are the lead's slow test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.generate import render_project
from builder.samples import demo_config


@pytest.fixture(scope="module")
def registries():
    from core.app import create_app

    return create_app().state.registries


def _config() -> dict:
    config = demo_config()
    config["pages"][0]["components"] += [
        {"type": "points_balance", "props": {"title": "</script><script>x=1", "show_sign_in": True}},
        {"type": "points_mall", "props": {"title": "积分商城", "tag": "积分", "limit": 4}},
    ]
    return config


def test_components_are_registered_by_the_plugin_with_both_templates(registries):
    for name in ("points_balance", "points_mall"):
        component = registries.components.get(name)
        assert component is not None and component.plugin == "points"
        for key in ("uniapp", "taro", "style"):
            assert Path(component.templates[key]).is_file(), (name, key)
        assert component.catalogue_entry()["defaults"]["accent"] == "#ff8a00"


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_generated_pages_use_the_points_components(registries, target):
    files = render_project(_config(), target, registries).files
    sources = {path: text for path, text in files.items() if "kd-points" in path}
    assert len(sources) >= 2, sorted(files)[:30]
    joined = "\n".join(sources.values())
    assert "/api/shop/points/balance" in joined and "/api/shop/points/sign-in" in joined and "/api/shop/points/mall" in joined
    assert "[[" not in joined and "[%" not in joined
    assert "<script>x=1" not in "\n".join(files.values())
