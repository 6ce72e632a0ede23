"""Plugin screens in real headless Chromium, in Chinese: each comes from its plugin's own bundle
(loaded at run time through the admin's import map) and lists and creates its records."""

from __future__ import annotations

import httpx
import pytest

from tests.admin.test_admin_browser import _input, _login, _token, browser, live_admin  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


def _chinese_admin(browser, base, seed, *plugins):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.add_init_script("localStorage.setItem('kaidian.locale', 'zh-CN')")
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.on("response", lambda response: failures.append(f"{response.status} {response.url}") if response.status >= 500 else None)
    _login(page, base, seed)
    headers = {"Authorization": f"Bearer {_token(page)}"}
    for name in plugins:
        enabled = httpx.put(f"{base}/api/admin/plugins/{name}", json={"enabled": True}, headers=headers, timeout=30)
        assert enabled.status_code == 200, enabled.text
    page.reload()
    return page, headers, failures


def _plugin_module_loaded(page, plugin: str) -> bool:
    urls = page.evaluate("performance.getEntriesByType('resource').map(entry => entry.name)")
    return any(f"/admin/plugin-screens/{plugin}/" in url and url.endswith("/index.js") for url in urls)


def test_coupon_screen_lists_and_creates_in_chinese(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    page, headers, failures = _chinese_admin(browser, base, seed, "coupons")
    page.click("[data-menu=coupons]")
    page.locator(".page-title", has_text="优惠券").wait_for()
    assert _plugin_module_loaded(page, "coupons")
    table = page.locator("[data-test=coupon-templates]")
    assert "类型" in table.inner_text() and "有效期" in table.inner_text()

    page.click("[data-test=new-coupon]")
    dialog = page.locator("[data-test=coupon-dialog]")
    dialog.get_by_text("新建优惠券").first.wait_for()
    page.click("[data-test=save-coupon]")  # no name: the API's 422 lands on the field
    dialog.locator(".el-form-item__error").first.wait_for()
    _input(dialog, "coupon-name").fill("春季满99减10")
    _input(dialog, "coupon-amount").fill("10")
    _input(dialog, "coupon-threshold").fill("99")
    _input(dialog, "coupon-quantity").fill("300")
    page.click("[data-test=save-coupon]")
    row = table.locator(".el-table__row", has_text="春季满99减10")
    row.wait_for()
    assert "满减券" in row.inner_text() and "0 / 300" in row.inner_text() and "进行中" in row.inner_text()
    created = next(t for t in httpx.get(f"{base}/api/admin/coupons/templates", headers=headers, timeout=30).json() if t["name"] == "春季满99减10")
    assert (created["amount_fen"], created["threshold_fen"], created["total_quantity"]) == (1000, 9900, 300)

    # edit through the same form: stop it
    row.get_by_text("编辑").click()
    dialog.get_by_text("已停止").click()
    page.click("[data-test=save-coupon]")
    table.locator(".el-table__row", has_text="春季满99减10").get_by_text("已停止").wait_for()
    assert not failures
    page.close()


def test_a_disabled_plugin_brings_no_screen(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    page, headers, _ = _chinese_admin(browser, base, seed, "coupons")
    assert httpx.put(f"{base}/api/admin/plugins/bargain", json={"enabled": False}, headers=headers, timeout=30).status_code == 200
    page.reload()
    page.locator("[data-menu=coupons]").wait_for()
    assert page.locator("[data-menu=bargain]").count() == 0
    page.goto(f"{base}/admin/#/bargain")
    page.locator(".el-empty", has_text="页面不存在").wait_for()
    assert not _plugin_module_loaded(page, "bargain")
    assert httpx.put(f"{base}/api/admin/plugins/bargain", json={"enabled": True}, headers=headers, timeout=30).status_code == 200
    page.close()
