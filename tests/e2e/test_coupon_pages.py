"""Pages a plugin adds to the generated app (kaidian_register_app_pages), in real Chromium (slow):
the coupons plugin's 领券中心, reached from the user centre, asks a guest to log in before
claiming, claims for a customer, and 我的优惠券 lists the coupon under 可使用 and not under 已使用.
A guest the app could not log in sees the coupon and group-buy blocks filled (no 401) and is
asked to log in when claiming."""

from __future__ import annotations

import pytest

from tests.demo_server import call

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_a_guest_is_asked_to_log_in_then_claims_in_the_coupon_centre_and_finds_it_in_my_coupons(target, live_demo, open_h5):
    api, staff = live_demo.base_url, live_demo.owner_token
    name = f"领券中心专享 {target}"
    template = call(
        f"{api}/api/admin/coupons/templates",
        {"name": name, "kind": "no_threshold", "amount_fen": 500, "validity": "after_claim", "valid_days": 30, "total_quantity": 50},
        token=staff,
    )
    with open_h5(target, "pages/me/index") as h5:
        page = h5.page
        entry = page.locator(".kd-user__entry[data-page='coupon_center']")
        entry.wait_for(timeout=60000)
        assert page.locator(".kd-user__entry[data-page='my_coupons']").inner_text().startswith("我的优惠券")
        # The app logged in silently on launch; forget the token to be a guest.
        page.wait_for_function("!!window.localStorage.getItem('kaidian_token')", timeout=20000)
        page.evaluate("() => window.localStorage.removeItem('kaidian_token')")
        entry.click()

        offer = page.locator(".kd-coupon-center__offer", has_text=name)
        offer.wait_for(timeout=20000)
        assert "¥5.00" in offer.inner_text() and "无门槛" in offer.inner_text()
        offer.locator(".kd-coupon-center__claim").click()
        page.get_by_text("登录后即可领取优惠券").wait_for(timeout=10000)
        page.get_by_text("去登录", exact=True).click()
        page.wait_for_selector(".kd-account__nickname", timeout=20000)  # the account page logged in
        h5.goto("pages/me/index")
        entry.click()

        offer.locator(".kd-coupon-center__claim").click()
        offer.locator(":text('已领取')").wait_for(timeout=15000)
        page.locator(".kd-coupon-center__mine").click()
        mine = page.locator(".kd-my-coupons__coupon", has_text=name)
        mine.wait_for(timeout=20000)
        assert "无门槛减5元" in mine.inner_text()
        page.locator(".kd-my-coupons__tab", has_text="已使用").click()
        page.wait_for_selector(".kd-my-coupons__tab.kd-tabs__tab--on:has-text('已使用')", timeout=5000)
        page.get_by_text("这里还没有优惠券").wait_for(timeout=15000)
        assert page.locator(".kd-my-coupons__coupon", has_text=name).count() == 0
        assert h5.errors == []

    issued = call(f"{api}/api/admin/coupons/templates/{template['id']}/coupons", token=staff)
    assert [coupon["status"] for coupon in issued] == ["available"]


def _as_guest(api: str, refused: list[str]):
    """Before the app loads: its silent launch login fails, so it stays a guest (a visitor the
    mini-program could not log in, or an H5 visitor who has not logged in). Every 401 the app
    gets lands in ``refused``."""

    def refuse_login(page) -> None:
        page.on("response", lambda response: response.status == 401 and refused.append(response.url))
        page.route(f"{api}/api/shop/auth/login", lambda route: route.fulfill(status=503, content_type="application/json", body='{"code":"unavailable","message":"login is down"}'))

    return refuse_login


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_a_guest_sees_the_coupon_and_group_buy_blocks_and_is_asked_to_log_in_to_claim(target, live_demo, open_h5, h5_app):
    from datetime import UTC, datetime, timedelta

    from tests.e2e.conftest import BLOCKS_ROUTE

    api, staff = live_demo.base_url, live_demo.owner_token
    call(f"{api}/api/admin/coupons/templates", {"name": f"访客可见券 {target}", "kind": "no_threshold", "amount_fen": 300, "validity": "after_claim", "valid_days": 30, "total_quantity": 50}, token=staff)
    product = next(row for row in call(f"{api}/api/admin/catalog/products", token=staff)["items"] if row["status"] == "on_sale")
    sku_id = call(f"{api}/api/admin/catalog/products/{product['id']}", token=staff)["skus"][0]["id"]
    now = datetime.now(UTC)
    call(
        f"{api}/api/admin/group-buy/activities",
        {"name": f"访客拼团 {target}", "product_id": product["id"], "sizes": [2], "skus": [{"sku_id": sku_id, "prices_fen": {"2": 100}}], "window_hours": 24,
         "starts_at": (now - timedelta(hours=1)).isoformat(), "ends_at": (now + timedelta(days=2)).isoformat(), "per_customer_limit": 1},
        token=staff,
    )
    _, plan = h5_app(target)
    blocks_path = next(page.path for page in plan.pages if page.route == BLOCKS_ROUTE)
    refused: list[str] = []
    with open_h5(target, blocks_path, before_load=_as_guest(api, refused)) as h5:
        page = h5.page
        # the block shows the first few offers (earlier modules leave theirs): any claimable one will do
        card = page.locator(".kd-coupons__card:has(.kd-coupons__button:not(.kd-coupons__button--done))").first
        card.wait_for(timeout=60000)
        page.locator(".kd-groupbuy-list__item").first.wait_for(timeout=20000)
        assert not h5.stored("kaidian_token")  # still a guest
        card.locator(".kd-coupons__button").click()
        page.get_by_text("登录后即可参与活动").wait_for(timeout=10000)
        assert page.get_by_text("去登录", exact=True).count() == 1
        # tapping claim asked instead of claiming (other blocks' own reads may still try to log in)
        assert not [request for request in h5.api_requests if "/coupons/templates/" in request]
        assert not [url for url in refused if "/coupons/" in url or "/group-buy/" in url or "/bargain/" in url], refused
        assert [error for error in h5.errors if "503" not in error and "401" not in error] == []
