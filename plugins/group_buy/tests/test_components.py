"""The group-buy list, progress card and join page: in the builder's registry with templates
for both targets, and rendered into generated projects (the official CLI build of every
registered component is the lead's one slow test)."""

from __future__ import annotations

from pathlib import Path

import pytest

import plugins.group_buy as group_buy_plugin
from builder.generate import render_project
from builder.samples import demo_config

NAMES = ("group_buy_list", "group_buy_progress", "group_buy_join")


@pytest.fixture(scope="module")
def registries():
    from core.app import create_app

    return create_app(plugins=[group_buy_plugin]).state.registries


def _config() -> dict:
    config = demo_config()
    config["pages"][0]["components"] += [
        {"type": "group_buy_list", "props": {"title": "</script><script>x=1", "limit": 4}},
        {"type": "group_buy_progress", "props": {"share_text": "喊好友"}},
        {"type": "group_buy_join", "props": {}},
    ]
    return config


def test_components_are_registered_by_the_plugin_with_both_templates(registries):
    for name in NAMES:
        component = registries.components.get(name)
        assert component is not None and component.plugin == "group_buy", name
        assert component.category == "marketing"
        for key in ("uniapp", "taro", "style"):
            assert Path(component.templates[key]).is_file(), (name, key)
        entry = component.catalogue_entry()
        assert entry["targets"] == ["style", "taro", "uniapp"]
        assert entry["defaults"]["accent"] == "#e02e24"


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_generated_pages_use_the_group_buy_components(registries, target):
    files = render_project(_config(), target, registries).files
    sources = {path: text for path, text in files.items() if "kd-group-buy" in path}
    assert len(sources) >= 3, sorted(files)[:40]
    joined = "\n".join(sources.values())
    for api in ("/api/shop/group-buy/activities", "getPublic('/group-buy/groups/'", "/join", "/open", "idempotencyKey: attemptKey", "payOrder(", "loginFirst()", "address_id: addressId"):
        assert api in joined, api
    # Requests and payment go through the customer runtime, which sends the Idempotency-Key.
    assert "Idempotency-Key" in files["src/runtime/request.js"]
    assert "还差{n}人" in joined and "pad(Math.floor(left / 3600))" in joined  # the "还差2人, 23:59:59" card
    assert "[[" not in joined and "[%" not in joined
    # merchant text reaches the project as escaped data only, never as code
    assert "<script>x=1" not in "\n".join(files.values())
