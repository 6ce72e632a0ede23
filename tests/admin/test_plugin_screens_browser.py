"""Plugin screens in real headless Chromium, in Chinese: each comes from its plugin's own bundle
(loaded at run time through the admin's import map) and lists and creates its records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest


from tests.admin.test_admin_browser import _input, _login, _token, browser, live_admin  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow
# The AR preview plugin's README shows this picture of its admin preview.
SCREENSHOT = Path(__file__).resolve().parents[2] / "plugins" / "ar_preview" / "docs" / "admin_preview.png"


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


def test_a_coupon_whose_window_opens_later_shows_not_started(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    page, headers, failures = _chinese_admin(browser, base, seed, "coupons")
    now = datetime.now(UTC)
    for name, starts, ends in (("下周开抢券", now + timedelta(days=7), now + timedelta(days=14)),
                               ("本周可用券", now - timedelta(days=1), now + timedelta(days=6))):
        created = httpx.post(f"{base}/api/admin/coupons/templates", headers=headers, timeout=30, json={
            "name": name, "kind": "amount_off", "amount_fen": 500, "threshold_fen": 5000, "total_quantity": 10,
            "validity": "fixed", "valid_from": starts.isoformat(), "valid_until": ends.isoformat()})
        assert created.status_code == 201, created.text
    page.click("[data-menu=coupons]")
    table = page.locator("[data-test=coupon-templates]")
    later = table.locator(".el-table__row", has_text="下周开抢券")
    later.wait_for()
    assert later.locator("[data-test=coupon-phase]").inner_text() == "未开始"
    assert table.locator(".el-table__row", has_text="本周可用券").locator("[data-test=coupon-phase]").inner_text() == "进行中"
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

    # switched on in the plugins screen: menu entry and screen arrive without a page reload
    page.evaluate("window.__samePage = true")
    page.click("[data-menu=plugins]")
    page.locator("[data-test=toggle-bargain]").click()
    page.locator(".el-message--success").last.wait_for()
    page.locator("[data-menu=bargain]").click()
    page.locator(".page-title", has_text="砍价").wait_for()
    assert _plugin_module_loaded(page, "bargain") and page.evaluate("window.__samePage") is True
    page.close()


def test_membership_tiers_list_and_create_in_chinese(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    page, headers, failures = _chinese_admin(browser, base, seed, "membership")
    page.click("[data-menu=membership]")
    page.locator(".page-title", has_text="会员等级").wait_for()
    assert _plugin_module_loaded(page, "membership")
    existing = httpx.get(f"{base}/api/admin/membership/tiers", headers=headers, timeout=30).json()
    top = max((tier["threshold"] for tier in existing), default=0)

    page.click("[data-test=new-tier]")
    dialog = page.locator("[data-test=tier-dialog]")
    _input(dialog, "tier-name").fill("黑金会员")
    _input(dialog, "tier-threshold").fill(str(top + 5000))
    _input(dialog, "tier-discount").fill("12")
    dialog.locator("[data-test=tier-free-shipping]").click()
    page.click("[data-test=save-tier]")
    row = page.locator("[data-test=tiers] .el-table__row", has_text="黑金会员")
    row.wait_for()
    assert str(top + 5000) in row.inner_text() and "包邮" in row.inner_text()
    created = next(tier for tier in httpx.get(f"{base}/api/admin/membership/tiers", headers=headers, timeout=30).json() if tier["name"] == "黑金会员")
    assert (created["threshold"], created["discount_percent"], created["free_shipping"]) == (top + 5000, 12, True)

    # an empty name: the API's 422 lands on the field
    row.get_by_text("编辑").click()
    _input(dialog, "tier-name").fill("")
    page.click("[data-test=save-tier]")
    dialog.locator(".el-form-item__error").first.wait_for()
    page.keyboard.press("Escape")
    assert not failures
    page.close()


def test_community_group_leaders_batches_and_settlements_in_chinese(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    page, headers, failures = _chinese_admin(browser, base, seed, "community_group")
    login = httpx.post(f"{base}/api/shop/auth/login", json={"shop_id": seed.shop_id, "code": "sandbox:leader-zhang"}, timeout=30)
    customer = {"Authorization": f"Bearer {login.json()['access_token']}"}
    point = {"name": "阳光小区3号楼便利店", "address": "上海市黄浦区人民大道100号", "opening_hours": "每天 08:00-21:00", "latitude": 31.231, "longitude": 121.474}
    applied = httpx.post(f"{base}/api/shop/community_group/leader-application", json={"name": "张团长", "phone": "13800138000", "pickup_point": point}, headers=customer, timeout=30)
    assert applied.status_code == 201, applied.text

    page.click("[data-menu=community_group]")
    page.locator(".page-title", has_text="社区团购").wait_for()
    row = page.locator("[data-test=leaders] .el-table__row", has_text="阳光小区3号楼便利店")
    row.wait_for()
    assert "待审核" in row.inner_text()
    assert "张**" in row.inner_text() and "138****8000" in row.inner_text() and "张团长" not in row.inner_text()  # staff lists mask leaders
    row.locator("[data-test=approve-leader]").click()
    dialog = page.locator("[data-test=leader-dialog]")
    # the owner reviewing sees the applicant in full (the detail read), to call before deciding
    dialog.locator("[data-test=leader-full-phone]", has_text="13800138000").wait_for()
    assert dialog.locator("[data-test=leader-full-name]").inner_text() == "张团长"
    _input(dialog, "leader-commission").fill("8")
    page.click("[data-test=save-review]")
    row.get_by_text("已通过").wait_for()
    assert "8%" in row.inner_text()
    leader = next(item for item in httpx.get(f"{base}/api/admin/community_group/leaders", headers=headers, timeout=30).json() if item["customer_id"] == applied.json()["customer_id"])
    assert (leader["status"], leader["commission_bp"]) == ("approved", 800)

    page.get_by_role("tab", name="自提点").click()
    page.locator("[data-test=pickup-points] .el-table__row", has_text="阳光小区3号楼便利店").wait_for()
    page.get_by_role("tab", name="配送批次").click()
    page.click("[data-test=new-batch]")  # no paid pickup orders yet: the API's 409 is shown
    page.locator(".el-message--error").last.wait_for()
    page.get_by_role("tab", name="佣金结算").click()
    page.locator("[data-test=settlements]").wait_for()
    page.click("[data-test=settle]")  # last month, once
    page.locator("[data-test=settlements] .el-table__row").first.wait_for()
    settled = httpx.get(f"{base}/api/admin/community_group/settlements", headers=headers, timeout=30).json()
    assert len(settled) == 1 and settled[0]["total_fen"] == 0
    assert not failures
    page.close()



def test_ar_screen_refuses_a_broken_model_and_previews_a_good_one(live_admin, browser, tmp_path):  # noqa: F811
    """The AR preview plugin's screen: the demo's cube is listed with its figures; a truncated GLB
    is refused on the model field; a good model is saved, its figures shown, and Google's
    <model-viewer> (bundled with the screen) fires its load event in the preview."""
    from plugins.ar_preview import sample

    base, seed = live_admin
    page, headers, failures = _chinese_admin(browser, base, seed, "ar_preview")
    console: list[str] = []
    page.on("console", lambda message: message.type == "error" and console.append(message.text))
    page.click("[data-menu=ar_preview]")
    page.locator(".page-title", has_text="3D/AR 展示").wait_for()
    assert _plugin_module_loaded(page, "ar_preview")
    table = page.locator("[data-test=ar-models]")
    table.locator(".el-table__row", has_text="64×64").first.wait_for()  # the demo shop's cube
    assert "模型 ≤ 10 MB" in page.locator("[data-test=ar-limits]").inner_text()

    whole = sample.cube_glb(texture=sample.texture_png(128, 128))
    files = {"broken.glb": whole[:-300], "cube.glb": whole, "poster.png": sample.poster_png()}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    page.click("[data-test=ar-new]")
    dialog = page.locator("[data-test=ar-upload-dialog]")
    dialog.locator("[data-test=ar-product]").click()
    page.locator(".el-select-dropdown__item:visible").first.click()
    dialog.locator("[data-test=ar-model-file]").set_input_files(str(tmp_path / "broken.glb"))
    dialog.locator("[data-test=ar-poster-file]").set_input_files(str(tmp_path / "poster.png"))
    page.click("[data-test=ar-save]")
    error = dialog.locator(".el-form-item__error").first
    error.wait_for()
    assert "被截断" in error.inner_text()

    dialog.locator("[data-test=ar-model-file]").set_input_files(str(tmp_path / "cube.glb"))
    page.click("[data-test=ar-save]")
    preview = page.locator("[data-test=ar-preview-dialog]")
    preview.locator("[data-test=ar-viewer-state]", has_text="模型已加载").wait_for(timeout=60000)
    figures = preview.locator("[data-test=ar-figures]").inner_text()
    assert "128×128" in figures and "12" in figures and "GLB" in figures
    assert page.evaluate("document.querySelector('[data-test=ar-model-viewer]').loaded") is True
    page.wait_for_timeout(1500)  # a turn of auto-rotate, for the picture
    preview.screenshot(path=str(SCREENSHOT), animations="disabled")
    # the refused upload above is the one failed request the browser reports
    assert not failures and not [text for text in console if "favicon" not in text and "status of 422" not in text], console
    page.close()
