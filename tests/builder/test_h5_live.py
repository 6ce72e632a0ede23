"""Issue #5, end to end (slow): the uni-app H5 build, served on 127.0.0.1 and opened in headless
chromium, shows the configured components with data from a running kaidian demo.

The merchant's flow: the demo owner logs in, reads the shop's (starter) page config, points the
home page's product grid at a tag the demo products carry, and the project is generated and
built with the official toolchain. The H5 page lives on its own origin, so the demo allows it
through KAIDIAN_CORS_ALLOW_ORIGINS.
"""

from __future__ import annotations

import json

import pytest

from builder.generate import generate
from builder.toolchain import build
from tests.builder.h5_browser import CHROMIUM, chromium_page, serving
from tests.demo_server import DEMO_OWNER, call, running_demo

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CHROMIUM.exists(), reason="needs the Debian chromium package")]


def _point_at_demo(config: dict, base_url: str, shop_id: int) -> dict:
    config["app"]["api"] |= {"base_url": base_url, "shop_id": shop_id}
    home = next(page for page in config["pages"] if page["route"] == "home")
    grid = next(component for component in home["components"] if component["type"] == "product_grid")
    grid["props"] |= {"source": "tag", "tag": "包邮", "show_price": True}
    return config


def test_uniapp_h5_shows_demo_products_from_the_live_api(tmp_path, registries):
    project_dir = tmp_path / "uniapp"
    with serving(project_dir / "dist/build/h5") as h5_origin, running_demo(
        tmp_path, env={"KAIDIAN_CORS_ALLOW_ORIGINS": h5_origin}
    ) as demo:
        assert demo.health and demo.health["status"] == "ok", "demo did not start"
        login = call(f"{demo.base_url}/api/admin/auth/login", DEMO_OWNER)
        state = call(f"{demo.base_url}/api/admin/builder/config", token=login["access_token"])
        config = _point_at_demo(state["draft"]["config"], demo.base_url, login["shop_id"])

        project = generate(config, "uniapp", project_dir, registries)
        result = build(project_dir, "uniapp", "h5", [page.path for page in project.plan.pages])
        assert result.ok, result.log[-3000:]

        with chromium_page() as page:
            from playwright.sync_api import TimeoutError as PlaywrightTimeout

            api_requests, api_failures, console = [], [], []

            def from_demo(request) -> bool:
                return request.url.startswith(demo.base_url)

            page.on("request", lambda request: from_demo(request) and api_requests.append(f"{request.method} {request.url}"))
            page.on("requestfailed", lambda request: from_demo(request) and api_failures.append(f"{request.url} {request.failure}"))
            page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
            page.goto(f"{h5_origin}/index.html")
            try:
                page.wait_for_selector(".kd-products__card", timeout=30000)
            except PlaywrightTimeout:
                pytest.fail(f"no product card: {page.locator('.kd-products').all_inner_texts()}, API requests {api_requests} {api_failures}, console {console[-10:]}")
            page.wait_for_load_state("networkidle")

            names = page.locator(".kd-products__name").all_text_contents()
            prices = page.locator(".kd-products__price").all_text_contents()
            assert "纯棉T恤" in names, names
            assert any("79" in price for price in prices), prices
            for selector in (".kd-search", ".kd-notice", ".kd-title", ".kd-products"):
                assert page.locator(selector).count() >= 1, selector
            assert api_failures == []
            assert 1 <= len(api_requests) <= 2, api_requests

            timing = json.loads(page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])"))
            print(f"uni-app H5 home against the live demo: loadEventEnd {timing['loadEventEnd']:.0f} ms, "
                  f"API requests {api_requests}, build {result.seconds:.1f}s")
