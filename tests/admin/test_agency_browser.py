"""The agency console in real headless Chromium, in Chinese, on the demo (whose agency owns the
demo shop and takes 5 %): the shops with their figures, a commission rate, a shop opened from
the demo shop as template with its owner invited, the owner accepting the one-time link, and
the agency entering the new shop through the console. Screenshots go to docs/screenshots/."""

from __future__ import annotations

import re
import sqlite3
import time

import httpx
import pytest

from tests.admin.test_admin_browser import CHROMIUM, SCREENSHOTS, _input, _token, browser, serve_seeded_shop  # noqa: F401 (fixtures)
from tests.admin.test_plugin_screens_browser import _chinese_admin

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def agency_demo(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("needs the Debian chromium package")
    folder = tmp_path_factory.mktemp("agency")
    with serve_seeded_shop(folder, [], wechat_provider="sandbox") as (base, seed):
        yield base, seed, folder / "admin.sqlite3"


def _outbox_link(database, email: str) -> str:
    with sqlite3.connect(database) as connection:
        (body,) = connection.execute("SELECT body FROM kd_agency_outbox_mail WHERE to_address = ? ORDER BY id DESC", (email,)).fetchone()
    return re.search(r"https?://\S+#/invitation/[\w-]+", body)[0]


def test_agency_walks_its_console(agency_demo, browser):  # noqa: F811
    base, seed, database = agency_demo
    page, headers, failures = _chinese_admin(browser, base, seed)

    page.click("[data-menu=agency]")
    page.locator(".page-title", has_text="服务商后台").wait_for()
    row = page.locator("[data-test=agency-shops] .el-table__row", has_text=seed.shop_name)
    row.wait_for()
    assert "5.00%" in row.inner_text()  # the demo agency's rate
    listed = httpx.get(f"{base}/api/agency/shops", headers=headers, timeout=30).json()
    assert listed[0]["month"]["orders"] >= 0 and listed[0]["rate_bp"] == 500
    page.screenshot(path=str(SCREENSHOTS / "agency_console.png"), animations="disabled")

    # the commission rate: 6.5 %; a rate out of range is refused naming the field
    row.locator("[data-test=edit-rate]").click()
    _input(page, "rate-bp").fill("650")
    page.click("[data-test=save-rate]")
    row.locator("[data-test=edit-rate]", has_text="6.50%").wait_for()
    refused = httpx.put(f"{base}/api/agency/shops/{seed.shop_id}/commission", json={"rate_bp": 10_001}, headers=headers, timeout=30)
    assert refused.status_code == 422 and refused.json()["field"] == "rate_bp"

    # a new shop from the demo shop as template, its owner invited by email
    email = f"boss-{time.time_ns()}@example.com"
    page.click("[data-test=open-create]")
    _input(page, "name").fill("演示分店")
    _input(page, "slug").fill(f"branch-{time.time_ns() % 10**8}")
    _input(page, "owner-email").fill(email)
    page.screenshot(path=str(SCREENSHOTS / "agency_new_shop.png"), animations="disabled")
    page.click("[data-test=create]")
    branch = page.locator("[data-test=agency-shops] .el-table__row", has_text="演示分店")
    branch.wait_for()
    branch_id = next(shop["id"] for shop in httpx.get(f"{base}/api/agency/shops", headers=headers, timeout=30).json() if shop["name"] == "演示分店")
    assert "6.50%" in branch.inner_text()  # the template's rate came along

    # the owner opens the one-time link (from the sandbox outbox) in a browser of their own
    link = _outbox_link(database, email)
    owner_page = browser.new_page(viewport={"width": 1280, "height": 720})
    owner_page.add_init_script("localStorage.setItem('kaidian.locale', 'zh-CN')")
    owner_page.goto(link)
    owner_page.locator("[data-test=invitation]", has_text="演示分店").wait_for()
    _input(owner_page, "display-name").fill("分店老板")
    _input(owner_page, "invite-password").fill("boss-password-1")
    owner_page.screenshot(path=str(SCREENSHOTS / "agency_invitation.png"), animations="disabled")
    owner_page.click("[data-test=accept]")
    owner_page.wait_for_url(re.compile(r"#/login"))
    owner_page.fill("input[name=email]", email)
    owner_page.fill("input[name=password]", "boss-password-1")
    owner_page.click("[data-test=login]")
    owner_page.wait_for_url(re.compile(r"#/dashboard"))
    # shop staff: no console in the menu, and the API refuses it
    assert owner_page.locator("[data-menu=agency]").count() == 0
    owner_headers = {"Authorization": f"Bearer {_token(owner_page)}"}
    assert httpx.get(f"{base}/api/agency/shops", headers=owner_headers, timeout=30).status_code == 403
    # the link works once
    owner_page.goto(link)
    owner_page.locator("[data-test=invitation-problem]").wait_for()

    # the agency enters the new shop from the console
    page.click(f"[data-test=enter-{branch_id}]")
    page.wait_for_url(re.compile(r"#/dashboard"))
    assert httpx.get(f"{base}/api/admin/shop", headers={"Authorization": f"Bearer {_token(page)}"}, timeout=30).json()["id"] == branch_id
    page.locator("[data-test=shop-switcher]", has_text="演示分店").wait_for()
    assert not failures, failures
