"""Pickup at checkout in real Chromium (slow): the community group's checkout section sends its
own part of the body (plugins.community_group) and chooses the method it serves, which needs no
delivery address — the generated checkout page knows neither. The order keeps the point."""

from __future__ import annotations

import pytest

from plugins.community_group.tests.conftest import apply_body
from tests.demo_server import call

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_a_customer_picks_up_at_a_community_point(target, live_demo, open_h5):
    api, staff = live_demo.base_url, live_demo.owner_token
    leader_token = call(f"{api}/api/shop/auth/login", {"shop_id": live_demo.shop_id, "code": f"sandbox:leader-{target}"})["access_token"]
    leader = call(f"{api}/api/shop/community_group/leader-application", apply_body(f"{target}团长", name=f"{target}自提点"), token=leader_token)
    call(f"{api}/api/admin/community_group/leaders/{leader['id']}/approve", {}, token=staff)
    point_id = leader["pickup_point"]["id"]
    sku_id = _first_sku(api, staff)
    with open_h5(target, f"kd_trade/pages/checkout/index?lines={sku_id}:1") as h5:
        page = h5.page
        page.wait_for_selector(".kd-pickup-checkout__pickup", timeout=60000)
        assert page.locator(".kd-checkout__address").count() == 1  # express first: an address is needed
        page.locator(".kd-pickup-checkout__pickup").click()
        page.locator(".kd-choice", has_text=f"{target}自提点").click()
        page.wait_for_selector(".kd-checkout__address", state="detached", timeout=20000)
        page.wait_for_selector(".kd-pickup-checkout .kd-choice__mark--on", timeout=20000)
        page.locator(".kd-checkout__submit").click()
        page.wait_for_selector(".kd-pay-result__status", timeout=30000)
        customer_token = h5.stored("kaidian_token")
        assert h5.errors == []
    (order,) = call(f"{api}/api/shop/orders", token=customer_token)
    assert order["shipping"] == {"method": "pickup", "pickup_point_id": point_id}


def _first_sku(api: str, staff: str) -> int:
    """An on-sale SKU with stock of the demo shop's first product."""
    products = call(f"{api}/api/admin/catalog/products", token=staff)
    items = products["items"] if isinstance(products, dict) else products
    for product in items:
        detail = call(f"{api}/api/admin/catalog/products/{product['id']}", token=staff)
        if detail.get("status") == "on_sale":
            for sku in detail["skus"]:
                if sku["stock"] > 0:
                    return sku["id"]
    raise AssertionError("the demo has no SKU in stock")
