"""The feedback plugin's admin screen in real Chromium, in Chinese (slow), on the live demo: two
customers' orders are shipped and received through the demo's API, the demo's timer job makes
their feedback requests, and they answer (one promoter, one detractor). The screen's NPS and
answer count are the summary API's, its two ECharts charts are drawn, the answers list shows
both texts (and a customer without a nickname by id) and its low-score filter keeps only the
detractor's — with no console errors.
Writes plugins/feedback/docs/admin_feedback.png for the plugin's README."""

from __future__ import annotations

import json
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.demo_server import call, poll_until
from tests.e2e.test_analytics import _admin_login
from tests.e2e.test_pickup_checkout import _first_sku
from tests.trade.helpers import DELIVERY_ADDRESS

pytestmark = pytest.mark.slow

SCREENSHOT = Path(__file__).resolve().parents[2] / "plugins" / "feedback" / "docs" / "admin_feedback.png"
HIGH_TEXT = "物流很快，包装完好，下次还来"
LOW_TEXT = "发货太慢，盒子压坏了"


def _send(url: str, body: dict, token: str, method: str = "POST", headers: dict[str, str] | None = None) -> Any:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method=method,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"} | (headers or {}),
    )
    with urllib.request.urlopen(request, timeout=15) as response:
        return json.loads(response.read())


def _answered(api: str, staff: str, shop_id: int, sku_id: int, score: int, text: str, tag_count: int) -> dict[str, Any]:
    """A new customer's order, paid, shipped and received; the request the timer makes; an answer."""
    customer = call(f"{api}/api/shop/auth/login", {"shop_id": shop_id, "code": f"sandbox:fb-admin-{uuid.uuid4().hex[:8]}"})["access_token"]
    address = call(f"{api}/api/shop/addresses", DELIVERY_ADDRESS, token=customer)
    order = _send(f"{api}/api/shop/orders", {"lines": [{"sku_id": sku_id, "quantity": 1}], "address_id": address["id"]}, customer,
                  headers={"Idempotency-Key": uuid.uuid4().hex})
    call(f"{api}/api/shop/orders/{order['id']}/sandbox-pay", {}, token=customer)
    call(f"{api}/api/admin/orders/{order['id']}/ship", {"carrier": "SF", "tracking_no": "SFFB" + uuid.uuid4().hex[:10].upper()}, token=staff)
    call(f"{api}/api/shop/orders/{order['id']}/confirm-receipt", {}, token=customer)
    # The demo's timer job makes the request (delay 0: at its next tick).
    poll_until(lambda: call(f"{api}/api/shop/feedback/prompt", token=customer)["request"])
    form = call(f"{api}/api/shop/feedback/orders/{order['id']}", token=customer)
    body = {"order_id": order["id"], "score": score, "tags": form["tags"][:tag_count], "text": text, "photo_ids": []}
    return call(f"{api}/api/shop/feedback/answers", body, token=customer)


def _drawn_pixels(page: Any, selector: str) -> int:
    """How many pixels of the chart's canvas are painted (0 for a blank or missing canvas)."""
    return page.evaluate(
        """(selector) => {
            const canvas = document.querySelector(selector + ' canvas')
            if (!canvas || !canvas.width || !canvas.height) return 0
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
            let painted = 0
            for (let index = 3; index < data.length; index += 4) if (data[index]) painted += 1
            return painted
        }""",
        selector,
    )


def test_the_feedback_screen_shows_the_apis_nps_its_charts_and_filters_low_scores(live_demo, chromium):
    api, staff = live_demo.base_url, live_demo.owner_token
    plugin = next(item for item in call(f"{api}/api/admin/plugins", token=staff) if item["name"] == "feedback")
    before = dict(plugin["settings"])
    # Ask at once (no 24 h wait); the demo is shared with the other e2e modules, so put it back.
    _send(f"{api}/api/admin/plugins/feedback", {"enabled": True, "settings": before | {"delay_hours": 0}}, staff, method="PUT")
    try:
        sku_id = _first_sku(api, staff)
        high = _answered(api, staff, live_demo.shop_id, sku_id, 10, HIGH_TEXT, 2)
        low = _answered(api, staff, live_demo.shop_id, sku_id, 2, LOW_TEXT, 1)
    finally:
        _send(f"{api}/api/admin/plugins/feedback", {"enabled": plugin["enabled"], "settings": before}, staff, method="PUT")
    threshold = before.get("low_score_threshold", 6)
    assert low["score"] <= threshold < high["score"]
    summary = call(f"{api}/api/admin/feedback/summary?days=30", token=staff)
    assert summary["answers"] >= 2 and summary["nps"] is not None, summary
    low_total = call(f"{api}/api/admin/feedback/answers?page_size=100&max_score={threshold}", token=staff)["total"]
    all_total = call(f"{api}/api/admin/feedback/answers?page_size=100", token=staff)["total"]

    page = chromium.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(f"{message.text} @ {message.location.get('url', '')}"))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.add_init_script("localStorage.setItem('kaidian.locale', 'zh-CN')")
        _admin_login(page, api)
        page.goto(f"{api}/admin/#/feedback")
        page.locator(".page-title", has_text="订单评价").wait_for(timeout=30000)
        page.locator("[data-test=feedback-nps]").wait_for(timeout=30000)
        assert float(page.locator("[data-test=feedback-nps]").inner_text()) == summary["nps"]
        assert int(page.locator("[data-test=feedback-count]").inner_text()) == summary["answers"]
        # Both charts are ECharts canvases with something drawn on them (after their animation).
        page.wait_for_function(
            """() => ['feedback-trend', 'feedback-tags-chart'].every((name) => {
                const canvas = document.querySelector(`[data-test=${name}] canvas`)
                return canvas && canvas.width > 0 && canvas.height > 0
            })""",
            timeout=20000,
        )
        page.wait_for_timeout(1500)
        for chart in ("[data-test=feedback-trend]", "[data-test=feedback-tags-chart]"):
            assert _drawn_pixels(page, chart) > 500, chart
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), animations="disabled")

        page.locator(".el-tabs__item", has_text="评价列表").click()
        table = page.locator("[data-test=feedback-answers]")
        rows = table.locator(".el-table__body-wrapper .el-table__row")
        table.locator(".el-table__row", has_text=LOW_TEXT).wait_for(timeout=20000)
        table.locator(".el-table__row", has_text=HIGH_TEXT).wait_for(timeout=20000)
        assert rows.count() == min(all_total, 20)
        # A customer without a nickname (WeChat gives none now) is named by id, not left blank.
        assert all(name.strip() for name in table.locator("[data-test=feedback-customer]").all_inner_texts())
        assert "只看低分" in page.locator("[data-test=feedback-low-only]").inner_text()

        page.locator("[data-test=feedback-low-only]").click()
        table.locator(".el-table__row", has_text=HIGH_TEXT).wait_for(state="detached", timeout=20000)
        table.locator(".el-table__row", has_text=LOW_TEXT).wait_for(timeout=20000)
        assert rows.count() == min(low_total, 20) and low_total < all_total, (low_total, all_total)
        scores = [int(text) for text in table.locator("[data-test=feedback-score]").all_inner_texts()]
        assert scores and all(score <= threshold for score in scores), scores
        page.wait_for_timeout(300)
        assert errors == [], errors
    finally:
        page.close()
