"""Order feedback in real Chromium on the H5 builds of both targets (slow): a customer checks out on a shop
that configured a subscribe-message template (H5 asks nothing and reports nothing, and the order
goes through), the order is shipped and received, the feedback timer makes the request, the
app's prompt offers it on the next launch, the form takes an answer, and the admin's answers
list shows it — with no console errors."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.demo_server import call, poll_until
from tests.e2e.test_pickup_checkout import _first_sku
from tests.trade.helpers import DELIVERY_ADDRESS

pytestmark = pytest.mark.slow

TEMPLATE = "tpl_e2e_feedback"


def _put(url: str, body: dict, token: str) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="PUT", headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_a_received_order_is_asked_for_feedback_and_the_answer_reaches_the_admin(target, live_demo, open_h5):
    api, staff = live_demo.base_url, live_demo.owner_token
    # Ask at once (no 24 h wait) and with a subscribe-message template, as a shop may configure.
    _put(f"{api}/api/admin/plugins/feedback", {"settings": {"delay_hours": 0, "subscribe_template_id": TEMPLATE}}, staff)
    try:
        _walk(api, staff, open_h5, target)
    finally:
        # The demo is shared with the other e2e modules: their customers are asked after 24 h again.
        _put(f"{api}/api/admin/plugins/feedback", {"settings": {"delay_hours": 24, "subscribe_template_id": ""}}, staff)


def _walk(api: str, staff: str, open_h5, target: str) -> None:
    sku_id = _first_sku(api, staff)
    with open_h5(target, f"kd_trade/pages/checkout/index?lines={sku_id}:1") as h5:
        page = h5.page
        page.wait_for_selector(".kd-checkout__total", timeout=60000)
        customer = h5.stored("kaidian_token")
        # An express order ships to an address: the new customer adds one, the page shows it again.
        call(f"{api}/api/shop/addresses", DELIVERY_ADDRESS, token=customer)
        page.reload()
        page.wait_for_selector(".kd-checkout__address .kd-row--strong", timeout=60000)
        page.wait_for_selector(".kd-checkout__total", timeout=60000)
        page.locator(".kd-checkout__submit").click()
        page.wait_for_selector(".kd-pay-result__status", timeout=30000)
        (order,) = call(f"{api}/api/shop/orders", token=customer)
        assert order["status"] == "paid"
        assert not [line for line in h5.api_requests if "/api/shop/subscriptions" in line], "H5 asks for no subscription"

        call(f"{api}/api/admin/orders/{order['id']}/ship", {"carrier": "SF", "tracking_no": f"SFE2E{target.upper()}01"}, token=staff)
        call(f"{api}/api/shop/orders/{order['id']}/confirm-receipt", {}, token=customer)
        # The demo's timer job makes the request (delay 0: at its next tick).
        prompt = poll_until(lambda: call(f"{api}/api/shop/feedback/prompt", token=customer)["request"])
        assert prompt["order_id"] == order["id"]

        h5.goto("")  # the next launch: the prompt offers the open request
        page.wait_for_selector(f".kd-feedback-prompt[data-order='{order['id']}']", timeout=30000)
        page.locator(".kd-feedback-prompt__go").click()
        page.wait_for_selector(".kd-feedback__score", timeout=30000)
        page.locator(".kd-feedback__score[data-score='9']").click()
        page.locator(".kd-feedback__tag").first.click()
        page.locator(".kd-feedback__text textarea, textarea.kd-feedback__text").first.fill("包装很好，发货快")
        page.locator(".kd-feedback__submit").click()
        page.wait_for_selector(".kd-feedback__done", timeout=30000)
        assert h5.errors == []

    answers = call(f"{api}/api/admin/feedback/answers", token=staff)
    items = answers["items"] if isinstance(answers, dict) else answers
    (mine,) = [item for item in items if item["order_id"] == order["id"]]
    assert mine["score"] == 9 and mine["text"] == "包装很好，发货快" and len(mine["tags"]) == 1
