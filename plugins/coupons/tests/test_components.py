"""The coupon block and the new-customer popup: in the builder's registry with templates for
both targets and rendered into generated projects. The official uni-app and Taro builds of
every plugin's components run once, in tests/builder/test_toolchain_builds.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.generate import generate, render_project
from builder.samples import demo_config


@pytest.fixture(scope="module")
def registries():
    from core.app import create_app

    return create_app().state.registries


def _config() -> dict:
    config = demo_config()
    config["pages"][0]["components"] += [
        {"type": "coupon_block", "props": {"title": "领券中心", "layout": "list", "limit": 5}},
        {"type": "coupon_popup", "props": {"title": "</script><script>x=1"}},
    ]
    return config


def test_components_are_registered_by_the_plugin_with_both_templates(registries):
    for name in ("coupon_block", "coupon_popup"):
        component = registries.components.get(name)
        assert component is not None and component.plugin == "coupons"
        assert component.category == "marketing"
        for key in ("uniapp", "taro", "style"):
            assert Path(component.templates[key]).is_file(), (name, key)
        entry = component.catalogue_entry()
        assert entry["targets"] == ["style", "taro", "uniapp"]
        assert entry["defaults"]["accent"] == "#ff5000"


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_generated_pages_use_the_coupon_components(registries, target):
    files = render_project(_config(), target, registries).files
    sources = {path: text for path, text in files.items() if "kd-coupon" in path}
    assert sources, sorted(files)[:20]
    joined = "\n".join(sources.values())
    assert "/coupons/claimable" in joined and "/api/shop/coupons/welcome" in joined
    # guests read the offers publicly (no login forced); claiming asks them to log in first
    assert "getPublic('/coupons/claimable')" in joined and "loginFirst()" in joined
    assert "[[" not in joined and "[%" not in joined
    # merchant text reaches the project as escaped data only, never as code
    assert "<script>x=1" not in "\n".join(files.values())
