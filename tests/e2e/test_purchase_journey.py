"""A customer's purchase on the built H5 app, in Chromium against the live demo: home → product
→ SKU picker → 立即购买 → checkout (adds a delivery address) → 提交订单 → sandbox payment → pay
result → order detail, with no console or page error on the way."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import TARGETS

ADDRESS = [("recipient", "张三"), ("phone", "13800000000"), ("province", "浙江省"), ("city", "杭州市"), ("district", "西湖区"), ("detail", "文三路 1 号")]


@pytest.mark.parametrize("target", TARGETS)
def test_buy_now_to_a_paid_order(target, open_h5):
    with open_h5(target) as h5:
        page = h5.page
        page.wait_for_selector(".kd-products__card", timeout=60000)
        page.locator(".kd-products__card").first.click()
        page.wait_for_selector(".kd-detail__bar", timeout=30000)
        page.locator(".kd-detail__button--buy").click()
        page.wait_for_selector(".kd-sku__sheet", timeout=10000)
        assert page.locator(".kd-sku__value--chosen").count() >= 1  # the first sellable SKU is chosen
        page.locator(".kd-sku__confirm-buy").click()

        page.wait_for_selector(".kd-checkout__address", timeout=30000)
        page.locator(".kd-checkout__address").click()
        page.wait_for_selector(".kd-address-edit", timeout=20000)
        for field, value in ADDRESS:
            page.locator(f".kd-address-edit__{field} input").fill(value)
        page.locator(".kd-address-edit__save").click()

        page.wait_for_selector(".kd-checkout__breakdown", timeout=30000)
        assert "张三" in page.locator(".kd-checkout__address").inner_text()
        total = page.locator(".kd-checkout__total").inner_text()
        assert total.startswith("¥"), total
        page.locator(".kd-checkout__submit").click()

        page.wait_for_selector(".kd-pay-result", timeout=30000)
        page.wait_for_function("() => /支付成功/.test(document.querySelector('.kd-pay-result').innerText)", timeout=30000)
        assert total in page.locator(".kd-pay-result").inner_text()
        page.locator(".kd-pay-result__order").click()
        page.wait_for_selector(".kd-order__status", timeout=30000)
        assert page.locator(".kd-order__status").get_attribute("data-status") == "paid"
        assert h5.errors == []
