"""Pages a plugin adds to the generated app (kaidian_register_app_pages), in real Chromium (slow):
the coupons plugin's 领券中心, reached from the user centre, asks a guest to log in before
claiming, claims for a customer, and 我的优惠券 lists the coupon under 可使用 and not under 已使用."""

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
