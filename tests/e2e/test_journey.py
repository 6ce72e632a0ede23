"""The customer journey in real Chromium (slow): a new customer at 390×844 on the generated app's
H5 build against a live demo buys a T-shirt with a coupon, pays in the sandbox, sees the order
shipped without a reload and asks for a refund. Afterwards the server's records agree."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.demo_server import call

pytestmark = pytest.mark.slow

# The README's customer-journey screenshots: this walk makes them on the uni-app H5 build.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
ADDRESS = (("recipient", "张三"), ("phone", "13800000000"), ("province", "浙江省"), ("city", "杭州市"), ("district", "西湖区"), ("detail", "文三路 1 号"))


def _photo_png() -> bytes:
    """A real photo-sized PNG (the server decodes every upload)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 60, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def _screenshot(page, target: str, name: str) -> None:
    """docs/screenshots/journey_<name>.png at 390×844 CSS pixels, in 256 colours to stay small."""
    if target != "uniapp":
        return
    from PIL import Image

    page.locator(".uni-toast").wait_for(state="hidden", timeout=5000)  # a toast of the step before
    page.wait_for_timeout(500)  # sheet transitions and images settle
    shot = Image.open(io.BytesIO(page.screenshot(scale="css")))
    shot.convert("RGB").quantize(colors=256).save(SCREENSHOTS / f"journey_{name}.png", optimize=True)


def _only_this_runs_offer_is_claimable(api: str, staff: str) -> None:
    """The product page's coupon block shows the first three claimable offers, and one live demo
    serves every e2e module: offers that earlier tests left claimable are withdrawn from the
    claim centre (they stay usable), so the offer this run creates is the one shown."""
    for template in call(f"{api}/api/admin/coupons/templates", token=staff):
        if template["claimable"]:
            request = urllib.request.Request(
                f"{api}/api/admin/coupons/templates/{template['id']}",
                data=json.dumps({"claimable": False}).encode(),
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {staff}"},
                method="PATCH",
            )
            with urllib.request.urlopen(request, timeout=10) as answer:
                assert answer.status == 200


def _order_events(e2e_folder: Path, order_id: int) -> dict[str, dict[str, Any]]:
    """The server's events of one order, read-only from the demo's database."""
    db = sqlite3.connect(f"file:{e2e_folder / 'demo' / 'var' / 'kaidian.sqlite3'}?mode=ro", uri=True, timeout=10)
    try:
        rows = db.execute(
            "SELECT type, device_id, experiments FROM kd_analytics_event WHERE event_id IN (?, ?)", (f"srv:order_placed:{order_id}", f"srv:order_paid:{order_id}")
        ).fetchall()
    finally:
        db.close()
    return {kind: {"device_id": device, "experiments": json.loads(experiments or "{}")} for kind, device, experiments in rows}


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_a_new_customer_buys_pays_follows_the_order_and_asks_for_a_refund(target, live_demo, open_h5, e2e_folder):
    api, staff = live_demo.base_url, live_demo.owner_token
    _only_this_runs_offer_is_claimable(api, staff)
    template = call(
        f"{api}/api/admin/coupons/templates",
        # One demo serves every target's run: each run claims its own template.
        {"name": f"满50减10 {target}", "kind": "amount_off", "amount_fen": 1000, "threshold_fen": 5000, "validity": "after_claim", "valid_days": 7, "total_quantity": 100},
        token=staff,
    )
    found = call(f"{api}/api/shop/{live_demo.shop_id}/search?q=cmtx")["items"]
    product_id = found[0]["id"]
    stock_before = {tuple(row["spec_values"]): row["stock"] for row in call(f"{api}/api/admin/catalog/products/{product_id}", token=staff)["skus"]}
    # A/B assignments the device got earlier (as uni/Taro setStorageSync keep them): the
    # checkout sends them, and the server's order events carry them with the device.
    assigned = {"pages/e2e/index": {"e2e-journey": f"v-{target}"}}
    checkouts: list[Any] = []

    def assigned_device(page: Any) -> None:
        stored = json.dumps({"type": "object", "data": assigned})
        page.add_init_script(f"localStorage.setItem('kaidian_experiments', {json.dumps(stored)})")
        page.on("request", lambda request: request.method == "POST" and request.url.endswith("/api/shop/orders") and checkouts.append(request))

    with open_h5(target, before_load=assigned_device) as h5:
        page = h5.page
        page.wait_for_selector(".kd-products__card", timeout=60000)
        page.wait_for_load_state("networkidle")
        _screenshot(page, target, "home")

        # Search by pinyin initials: 纯棉T恤 -> cmtx.
        page.locator(".kd-search__box").first.click()
        page.locator(".kd-search-page__input input").fill("cmtx")
        page.wait_for_selector(".kd-search-page__suggestion:has-text('纯棉T恤')", timeout=15000)
        page.locator(".kd-search-page__suggestion").first.click()

        # Product detail: claim the coupon, choose 蓝 / M, two pieces, add to cart.
        page.wait_for_selector(".kd-detail__button--cart", timeout=20000)
        assert int(re.search(r"id=(\d+)", page.url).group(1)) == product_id
        offer = page.locator(".kd-coupon-claim__offer", has_text=f"满50减10 {target}")
        offer.locator(".kd-coupon-claim__claim").click()
        offer.locator(":text('已领取')").wait_for(timeout=15000)
        page.locator(".kd-detail__button--cart").click()
        page.locator(".kd-sku__value", has_text="蓝").click()
        page.locator(".kd-sku__value", has_text="M").click()
        chosen_price = page.locator(".kd-sku__price").inner_text()
        page.locator(".kd-stepper__plus").first.click()
        _screenshot(page, target, "product")
        page.locator(".kd-sku__confirm-cart").click()
        page.wait_for_selector(".kd-detail__badge:has-text('2')", timeout=15000)

        # Cart -> checkout.
        page.locator(".kd-detail__icon").click()
        page.wait_for_selector(".kd-cart__line", timeout=20000)
        assert page.locator(".kd-cart__total").inner_text() == "¥" + f"{2 * float(chosen_price.strip('¥')):.2f}"
        _screenshot(page, target, "cart")
        page.locator(".kd-cart__checkout").click()

        # Checkout: add an address, the coupon is chosen, the breakdown comes from the preview.
        page.wait_for_selector(".kd-checkout__add-address", timeout=20000)
        page.locator(".kd-checkout__add-address").click()
        for field, value in ADDRESS:
            page.locator(f".kd-address-edit__{field} input").fill(value)
        page.locator(".kd-address-edit__save").click()
        page.wait_for_selector(".kd-checkout__address :text('张三')", timeout=20000)
        # Choose the coupon claimed above, and only it (the server's best pick may combine others).
        page.wait_for_selector(".kd-coupon-checkout__summary:has-text('已减')", timeout=20000)
        page.locator(".kd-coupon-checkout__summary").click()
        page.locator(".kd-coupon-checkout__none").click()
        page.wait_for_selector(".kd-coupon-checkout__summary:has-text('可用')", timeout=20000)
        page.locator(".kd-coupon-checkout__usable", has_text="满50减10").click()
        page.wait_for_selector(".kd-coupon-checkout__summary:has-text('已减 ¥10.00')", timeout=20000)
        total = page.locator(".kd-checkout__total").inner_text()
        _screenshot(page, target, "checkout")

        # A double tap on 提交订单 makes one order; the sandbox pays it.
        page.locator(".kd-checkout__submit").dblclick()
        page.wait_for_selector(".kd-pay-result__status:has-text('支付成功')", timeout=30000)
        page.locator(".kd-pay-result__order").click()
        page.wait_for_selector(".kd-order__status[data-status='paid']", timeout=20000)
        order_id = int(re.search(r"id=(\d+)", page.url).group(1))

        # Staff ships it; the open order page follows without a reload.
        call(f"{api}/api/admin/orders/{order_id}/ship", {"carrier": "SF", "tracking_no": "SF1234567890"}, token=staff)
        page.wait_for_selector(".kd-order__status[data-status='shipped']", timeout=30000)
        _screenshot(page, target, "order")

        # After-sales request with a photo: the picker is a file input on H5; the photo uploads
        # with progress, shows as a thumbnail, can be deleted, and is named in the request.
        page.locator(".kd-order__refund").click()
        page.locator(".kd-refund__reason", has_text="不想要了").click()
        for name in ("first.png", "kept.png"):
            with page.expect_file_chooser() as chooser:
                page.locator(".kd-refund__add-photo").click()
            chooser.value.set_files({"name": name, "mimeType": "image/png", "buffer": _photo_png()})
        page.wait_for_function("document.querySelectorAll(\".kd-refund__photo[data-state='done']\").length === 2", timeout=30000)
        page.locator(".kd-refund__photo .kd-photo__delete").first.click()
        page.wait_for_function("document.querySelectorAll('.kd-refund__photo').length === 1", timeout=5000)
        _screenshot(page, target, "refund")
        page.locator(".kd-refund__submit").click()
        page.wait_for_selector(".kd-order__status", timeout=20000)
        customer_token = h5.stored("kaidian_token")
        device = h5.stored("kaidian_device")
        assert h5.errors == []
    assert checkouts and all(request.post_data_json["experiments"] == {"e2e-journey": f"v-{target}"} for request in checkouts)
    assert {request.headers.get("x-device-token") for request in checkouts} == {device}
    placed = _order_events(e2e_folder, order_id)
    assert {kind: (row["device_id"], row["experiments"]) for kind, row in placed.items()} == {
        kind: (device, {"e2e-journey": f"v-{target}"}) for kind in ("order_placed", "order_paid")
    }

    # The server's records: one order, paid, coupon used, stock taken, points earned, refund asked.
    order = call(f"{api}/api/admin/orders/{order_id}", token=staff)
    assert order["status"] == "shipped" and order["paid_fen"] == order["total_fen"]
    assert "¥" + f"{order['total_fen'] / 100:.2f}" == total
    assert order["shipping"]["address_id"] and sum(line["quantity"] for line in order["lines"]) == 2
    mine = call(f"{api}/api/shop/orders", token=customer_token)
    assert [row["id"] for row in mine] == [order_id]
    issued = call(f"{api}/api/admin/coupons/templates/{template['id']}/coupons", token=staff)
    assert [coupon["status"] for coupon in issued] == ["used"]
    assert [item["key"] for item in order["adjustments"] if item["source"] == "coupons"] == [f"coupon:{issued[0]['id']}"]
    product = call(f"{api}/api/admin/catalog/products/{product_id}", token=staff)
    sku = next(row for row in product["skus"] if row["spec_values"] == ["蓝", "M"])
    assert sku["id"] == order["lines"][0]["sku_id"]
    assert sku["stock"] == stock_before[("蓝", "M")] - 2
    assert call(f"{api}/api/shop/points/balance", token=customer_token)["balance"] > 0
    refunds = call(f"{api}/api/admin/orders/{order_id}/refunds", token=staff)
    assert [(refund["status"], refund["amount_fen"]) for refund in refunds] == [("requested", order["total_fen"])]
    # The kept photo (not the deleted one) is on the request, and the server serves it as an image.
    (photo_url,) = refunds[0]["photo_urls"]
    with urllib.request.urlopen(photo_url if photo_url.startswith("http") else api + photo_url, timeout=10) as answer:
        assert answer.status == 200 and answer.headers["Content-Type"].startswith("image/")
