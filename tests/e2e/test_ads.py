"""Ads end to end (slow), on the shared uni-app H5 build of the demo shop: the splash shows once
per day per device, the popup respects its cap, a hot-zone tap opens its link, and the
impressions and click reach the campaign's stats and the admin's stats screen (with its chart).
The campaigns are made through the live demo's admin API and removed afterwards, so the other
end-to-end tests never see them. Writes the ads screenshots for plugins/ads/README.md."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.demo_server import call
from tests.e2e.conftest import BLOCKS_ROUTE
from tests.e2e.test_analytics import _admin_login

pytestmark = pytest.mark.slow

SCREENSHOTS = Path(__file__).resolve().parents[2] / "plugins" / "ads" / "docs"
IMAGE = "https://img.example.com/ads/creative.png"  # the fixture answers the internet with a PNG


def _campaign(live_demo: Any, **body: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    body = {"starts_at": (now - timedelta(minutes=5)).isoformat(), "ends_at": (now + timedelta(days=3)).isoformat()} | body
    try:
        return call(f"{live_demo.base_url}/api/admin/ads/campaigns", body, token=live_demo.owner_token)
    except urllib.error.HTTPError as refused:
        pytest.fail(f"campaign refused: {refused.code} {refused.read().decode()}")


def _delete(live_demo: Any, campaign_id: int) -> None:
    request = urllib.request.Request(
        f"{live_demo.base_url}/api/admin/ads/campaigns/{campaign_id}", method="DELETE", headers={"Authorization": f"Bearer {live_demo.owner_token}"}
    )
    urllib.request.urlopen(request, timeout=10).close()


def _stats(live_demo: Any, campaign_id: int) -> dict[str, int]:
    rows = call(f"{live_demo.base_url}/api/admin/ads/campaigns/{campaign_id}/stats", token=live_demo.owner_token)
    return {key: sum(row[key] for row in rows) for key in ("served", "impressions", "clicks")}


def _overlay_settled(page: Any) -> None:
    """Waits for the overlay's read of ads.serve to be answered (and drawn)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(800)


def test_splash_popup_and_hot_zone_are_capped_counted_and_charted(h5_app, open_h5, live_demo, chromium):
    _, plan = h5_app("uniapp")
    blocks_page = next(page for page in plan.pages if page.route == BLOCKS_ROUTE)
    cart_page = next(page for page in plan.pages if page.route == "cart")
    creative = {"media_url": IMAGE, "width": 750, "height": 1334}
    splash = _campaign(live_demo, name="开屏·双十二", slot="splash", countdown_seconds=15, caps={"device": {"day": 1}}, creatives=[creative | {"link": "page:cart"}])
    popup = _campaign(live_demo, name="弹窗·领券", slot="popup", pages=["home"], caps={"device": {"day": 1}}, creatives=[creative | {"width": 600, "height": 800}])
    hotzone = _campaign(live_demo, name="热区·会场", slot="hotzone", caps={}, creatives=[creative | {"height": 400, "hot_zones": [
        {"x": 0, "y": 0, "width": 375, "height": 400, "link": "page:home"},
        {"x": 375, "y": 0, "width": 375, "height": 400, "link": "page:cart"},
    ]}])
    try:
        with open_h5("uniapp") as h5:
            page = h5.page
            # Launch (on the home page): the splash, counting down; seen for more than a second, then skipped.
            page.locator(".kd-ad-splash").wait_for(timeout=60000)
            assert re.search(r"跳过 \d+", page.locator("[data-ad=skip]").inner_text())
            page.wait_for_timeout(1500)
            page.locator("[data-ad=skip]").click()
            assert page.locator(".kd-ad-splash").count() == 0
            # Then the home page's popup; seen, then closed.
            page.locator(".kd-ad-popup").wait_for(timeout=10000)
            page.wait_for_timeout(1500)
            page.locator("[data-ad=close]").click()
            # The blocks page's hot-zone ad: in view for more than a second, then its right zone is tapped.
            h5.goto(blocks_page.path)
            zone = page.locator(".kd-ad-hotzone [data-zone='1']")
            zone.wait_for(timeout=60000)
            page.wait_for_load_state("networkidle")
            if page.locator(".kd-coupon-popup__close").count():  # the blocks page's own new-customer popup
                page.locator(".kd-coupon-popup__close").click()
            zone.scroll_into_view_if_needed(timeout=20000)
            page.wait_for_timeout(1500)
            zone.click()
            page.wait_for_url(re.compile(re.escape(cart_page.path)), timeout=10000)
            page.wait_for_function("() => ((JSON.parse(localStorage.getItem('kaidian_events')) || {}).data || []).length === 0", timeout=60000)
            # A new launch of the same device on the same day: neither the splash nor the popup.
            h5.goto()
            page.reload()
            page.locator(".kd-products__card").first.wait_for(timeout=60000)
            _overlay_settled(page)
            assert page.locator(".kd-ad-splash").count() == 0
            assert page.locator(".kd-ad-popup").count() == 0
            assert h5.errors == []
        # Another device launches: its own splash.
        with open_h5("uniapp", blocks_page.path) as other:
            other.page.locator(".kd-ad-splash").wait_for(timeout=60000)

        deadline = time.monotonic() + 60
        while True:
            counted = {name: _stats(live_demo, campaign["id"]) for name, campaign in (("splash", splash), ("popup", popup), ("hotzone", hotzone))}
            if counted["hotzone"]["clicks"] >= 1 or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert counted["splash"]["served"] == 2 and counted["splash"]["impressions"] >= 1, counted
        assert counted["popup"] == {"served": 1, "impressions": 1, "clicks": 0}, counted
        assert counted["hotzone"]["impressions"] >= 1 and counted["hotzone"]["clicks"] == 1, counted

        # The admin's stats screen draws them (and the campaign form its hot zones).
        admin = chromium.new_page(viewport={"width": 1280, "height": 1000})
        try:
            _admin_login(admin, live_demo.base_url)
            admin.goto(f"{live_demo.base_url}/admin/#/ads")
            admin.locator("[data-test=ad-campaigns] .el-table__row").first.wait_for(timeout=30000)
            _screenshot(admin, "ads_campaigns")
            row = admin.locator("[data-test=ad-campaigns] .el-table__row", has_text="热区·会场")
            row.get_by_role("button", name="编辑").click()
            admin.locator("[data-test=hotzone-0-1]").wait_for(timeout=10000)
            _screenshot(admin, "ads_hotzone_editor")
            admin.keyboard.press("Escape")
            admin.wait_for_timeout(500)
            row.locator("[data-test=campaign-stats]").click()
            table = admin.locator("[data-test=ad-stats] .el-table__row").first
            table.wait_for(timeout=20000)
            assert admin.locator("[data-test=stats-dialog] canvas").count() >= 1
            cells = table.locator("td").all_inner_texts()
            assert cells[4].strip() == "1", cells  # the click
            admin.wait_for_timeout(1200)  # the chart animates in
            _screenshot(admin, "ads_stats")
        finally:
            admin.close()
    finally:
        for campaign in (splash, popup, hotzone):
            _delete(live_demo, campaign["id"])


def _screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), animations="disabled")


def test_taro_popup_shows_its_image_after_the_splash_closes(h5_app, open_h5, live_demo):
    """On the Taro H5 build: once the splash has gone (counted down, or skipped on another
    device), the home page's popup shows with its image; a skip left an empty overlay before."""
    h5_app("taro")
    creative = {"media_url": IMAGE, "width": 600, "height": 800}
    splash = _campaign(live_demo, name="开屏·Taro", slot="splash", countdown_seconds=2, caps={}, creatives=[creative])
    popup = _campaign(live_demo, name="弹窗·Taro", slot="popup", pages=["home"], caps={}, creatives=[creative])
    try:
        for closing in ("countdown", "skip"):
            with open_h5("taro") as h5:
                page = h5.page
                page.locator(".kd-ad-splash").wait_for(timeout=60000)
                if closing == "skip":
                    page.locator("[data-ad=skip]").click()
                page.locator(".kd-ad-splash").wait_for(state="detached", timeout=10000)
                page.wait_for_timeout(800)
                overlay = page.evaluate("() => { const o = document.querySelector('.kd-ad-overlay'); return o ? o.outerHTML.slice(0, 2000) : null }")
                # A skip used to close the popup too: React had turned 跳过 into the popup's ×.
                assert page.locator(".kd-ad-popup").count() == 1, (closing, overlay)
                shown = page.evaluate(
                    """() => {
                        const media = document.querySelector('.kd-ad-popup .kd-ad-popup__media')
                        const img = media && (media.tagName === 'IMG' ? media : media.querySelector('img'))
                        const box = media ? media.getBoundingClientRect() : null
                        return { width: box && box.width, height: box && box.height, src: img && img.getAttribute('src'),
                                 loaded: !!(img && img.complete && img.naturalWidth > 0) }
                    }"""
                )
                assert shown["src"] == IMAGE and shown["loaded"] and shown["width"] > 100 and shown["height"] > 100, (closing, shown)
                assert h5.errors == [], h5.errors
    finally:
        for campaign in (splash, popup):
            _delete(live_demo, campaign["id"])


def test_the_campaign_form_targets_a_membership_tier(live_demo, chromium):
    """The admin's campaign form offers the shop's tiers (from the membership plugin, through
    GET …/segments) and saves the chosen one with the campaign; its link picker offers the shop's
    coupons (GET …/link-targets) and saves the chosen one as coupon:<id>."""
    tier = call(f"{live_demo.base_url}/api/admin/membership/tiers", {"level": 19, "name": "黑钻·测试", "threshold": 9_000_000}, token=live_demo.owner_token)
    admin = chromium.new_page(viewport={"width": 1280, "height": 1000})
    made: list[int] = []
    try:
        _admin_login(admin, live_demo.base_url)
        admin.goto(f"{live_demo.base_url}/admin/#/ads")
        admin.locator("[data-test=new-campaign]").click()
        text_box = lambda name: admin.locator(f"input[data-test={name}], [data-test={name}] input").first  # noqa: E731 - el-input puts attributes on its <input>
        text_box("campaign-name").fill("黑钻专享")
        text_box("creative-url-0").fill(IMAGE)
        # The creative's link picker offers pages and every linkable kind's records (a coupon to claim).
        coupons = call(f"{live_demo.base_url}/api/admin/builder/config/link-targets", token=live_demo.owner_token)
        coupon = next(kind for kind in coupons if kind["kind"] == "coupon")["records"][0]
        admin.locator("[data-test=link-picker]").first.click()
        admin.locator(".el-select-group__title", has_text="优惠券").first.wait_for(timeout=10000)
        admin.locator(".el-select-dropdown__item:visible", has_text=f"优惠券 · {coupon['label']}").first.click()
        admin.locator("[data-test=campaign-tiers]").first.click()
        admin.locator(".el-select-dropdown__item", has_text="黑钻·测试").click()
        admin.locator("[data-test=save-campaign]").click()
        admin.locator("[data-test=ad-campaigns] .el-table__row", has_text="黑钻专享").wait_for(timeout=10000)
        saved = [c for c in call(f"{live_demo.base_url}/api/admin/ads/campaigns", token=live_demo.owner_token) if c["name"] == "黑钻专享"]
        made = [c["id"] for c in saved]
        assert [c["tiers"] for c in saved] == [[str(tier["id"])]], saved
        assert [c["creatives"][0]["link"] for c in saved] == [f"coupon:{coupon['id']}"], saved
    finally:
        admin.close()
        for campaign_id in made:
            _delete(live_demo, campaign_id)
        request = urllib.request.Request(
            f"{live_demo.base_url}/api/admin/membership/tiers/{tier['id']}", method="DELETE", headers={"Authorization": f"Bearer {live_demo.owner_token}"}
        )
        urllib.request.urlopen(request, timeout=10).close()


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_a_hot_zone_linked_to_a_coupon_opens_it_in_the_coupon_centre_to_claim(target, h5_app, open_h5, live_demo):
    """A hot zone linking ``coupon:<id>`` (the coupons plugin's linkable kind) opens 领券中心 with
    that coupon first and marked; the customer (logged in silently on launch) claims it there."""
    _, plan = h5_app(target)
    blocks_page = next(page for page in plan.pages if page.route == BLOCKS_ROUTE)
    api, staff = live_demo.base_url, live_demo.owner_token
    name = f"广告领券 {target}"
    template = call(
        f"{api}/api/admin/coupons/templates",
        {"name": name, "kind": "no_threshold", "amount_fen": 800, "validity": "after_claim", "valid_days": 30, "total_quantity": 50},
        token=staff,
    )
    hotzone = _campaign(live_demo, name=f"热区·领券 {target}", slot="hotzone", priority=100, caps={}, creatives=[
        {"media_url": IMAGE, "width": 750, "height": 400, "hot_zones": [
            {"x": 0, "y": 0, "width": 375, "height": 400, "link": f"coupon:{template['id']}"},
            {"x": 375, "y": 0, "width": 375, "height": 400, "link": "page:cart"},
        ]},
    ])
    batches: list[list[str]] = []  # the sources of each batch request the app sends

    def record_batches(page: Any) -> None:
        def record(request: Any) -> None:
            if request.url.endswith("/api/shop/batch") and request.method == "POST":
                batches.append([item["source"] for item in json.loads(request.post_data or "{}").get("requests", [])])

        page.on("request", record)

    try:
        with open_h5(target, blocks_page.path, before_load=record_batches) as h5:
            page = h5.page
            zone = page.locator(".kd-ad-hotzone [data-zone='0']")
            zone.wait_for(timeout=60000)
            page.wait_for_load_state("networkidle")
            # The overlay's reads (splash, popup, floating) went with the page's block reads.
            overlay = [sources for sources in batches if sources.count("ads.serve") >= 3]
            assert len(overlay) == 1 and len(set(overlay[0])) > 1, batches
            if page.locator(".kd-coupon-popup__close").count():  # the blocks page's own new-customer popup
                page.locator(".kd-coupon-popup__close").click()
            page.wait_for_function("!!window.localStorage.getItem('kaidian_token')", timeout=20000)
            zone.scroll_into_view_if_needed(timeout=20000)
            zone.click()
            page.wait_for_url(re.compile(r"coupon_center/index\?id=" + str(template["id"])), timeout=15000)
            linked = page.locator(f".kd-coupon-center__offer--linked[data-id='{template['id']}']")
            linked.wait_for(timeout=20000)
            assert name in linked.inner_text()
            assert page.locator(".kd-coupon-center__offer").first.get_attribute("data-id") == str(template["id"])
            linked.locator(".kd-coupon-center__claim").click()
            linked.locator(":text('已领取')").wait_for(timeout=15000)
            assert h5.errors == [], h5.errors
        issued = call(f"{api}/api/admin/coupons/templates/{template['id']}/coupons", token=staff)
        assert [coupon["status"] for coupon in issued] == ["available"], issued
    finally:
        _delete(live_demo, hotzone["id"])
