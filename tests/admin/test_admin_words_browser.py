"""#29 in real headless Chromium, in Chinese: what a merchant reads is in their words — settings
by title and unit (元, %), never a key or fen — and images come from the shop's media library."""

from __future__ import annotations

import httpx
import pytest

from tests.admin.test_admin_browser import _input, _login, _token, browser, live_admin  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


def _chinese_admin(browser, base, seed):  # noqa: F811
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.add_init_script("localStorage.setItem('kaidian.locale', 'zh-CN')")
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.on("response", lambda response: failures.append(f"{response.status} {response.url}") if response.status >= 500 else None)
    _login(page, base, seed)
    return page, {"Authorization": f"Bearer {_token(page)}"}, failures


def _settings_of(base, headers, plugin):
    rows = httpx.get(f"{base}/api/admin/plugins", headers=headers, timeout=30).json()
    return next(row["settings"] for row in rows if row["name"] == plugin)


def test_plugin_settings_show_titles_and_units_and_store_fen_and_basis_points(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    page, headers, failures = _chinese_admin(browser, base, seed)
    assert httpx.put(f"{base}/api/admin/plugins/community_group", json={"enabled": True}, headers=headers, timeout=30).status_code == 200
    page.click("[data-menu=plugins]")
    page.click("[data-test=settings-community_group]")
    dialog = page.locator(".el-dialog", has_text="自提费用")
    dialog.wait_for()
    text = dialog.inner_text()
    assert "pickup_fee_fen" not in text and "default_commission_bp" not in text
    fee = dialog.locator("[data-field=pickup_fee_fen]")
    assert fee.locator("[data-unit]").inner_text() == "元"
    assert "自提" in fee.locator("[data-help]").inner_text()
    commission = dialog.locator("[data-field=default_commission_bp]")
    assert commission.locator("[data-unit]").inner_text() == "%"
    assert commission.locator("input").input_value() == "5.00"  # 500 basis points

    fee.locator("input").fill("5.5")
    fee.locator("input").blur()
    commission.locator("input").fill("8")
    commission.locator("input").blur()
    page.click("[data-test=save-settings]")
    page.locator(".el-message--success").last.wait_for()
    settings = _settings_of(base, headers, "community_group")
    assert (settings["pickup_fee_fen"], settings["default_commission_bp"]) == (550, 800)
    assert not failures
    page.close()
