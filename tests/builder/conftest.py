"""Fixtures for builder tests: the registries core contributes, without a database."""

from __future__ import annotations

import pytest

from builder.samples import demo_config


@pytest.fixture(scope="session")
def registries():
    from core.app import create_app

    return create_app().state.registries


@pytest.fixture
def demo():
    return demo_config()


def small_config() -> dict:
    """The snapshot configuration: two pages, a tab bar, one subpackage page."""
    return {
        "schema_version": 1,
        "app": {
            "name": "小店",
            "theme": "default",
            "api": {"base_url": "https://api.example.com", "shop_id": 7, "image_webp_param": "format=webp"},
            "tab_bar": {"items": [{"page": "home", "text": "首页"}, {"page": "me", "text": "我的"}]},
        },
        "pages": [
            {
                "route": "home",
                "title": "首页",
                "components": [
                    {"type": "title", "props": {"text": "欢迎光临"}},
                    {"type": "product_grid", "props": {"source": "manual", "product_ids": [3, 1], "layout": "grid2"}},
                ],
            },
            {"route": "me", "title": "我的", "components": [{"type": "user_center", "props": {}}]},
            {"route": "about", "title": "关于", "subpackage": "info", "components": [{"type": "rich_text", "props": {"html": "<p>你好</p>"}}]},
        ],
    }
