"""The member card: in the builder's registry with templates for both targets and rendered
into generated projects (the official CLI builds run in the lead's slow test)."""

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
    config["pages"][0]["components"].append({"type": "member_card", "props": {"title": "</script><script>x=1"}})
    return config


def test_the_member_card_is_registered_with_both_templates(registries):
    component = registries.components.get("member_card")
    assert component is not None and component.plugin == "membership"
    for key in ("uniapp", "taro", "style"):
        assert Path(component.templates[key]).is_file(), key
    entry = component.catalogue_entry()
    assert entry["targets"] == ["style", "taro", "uniapp"]
    assert entry["defaults"]["accent"] == "#b8860b" and entry["defaults"]["show_benefits"] is True


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_generated_pages_use_the_member_card(registries, target):
    files = render_project(_config(), target, registries).files
    sources = {path: text for path, text in files.items() if "kd-member-card" in path}
    assert sources, sorted(files)[:30]
    joined = "\n".join(sources.values())
    assert "/api/shop/membership/me" in joined and "/api/shop/membership/upgrades/seen" in joined
    assert "kd-member__progress" in joined
    assert "[[" not in joined and "[%" not in joined
    assert "<script>x=1" not in "\n".join(files.values())
