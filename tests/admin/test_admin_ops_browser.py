"""Issue 29's admin screens in real headless Chromium, in Chinese: the WeChat Pay account
(secrets write-only), the customer list with order figures and phone search, and the order
detail with its delivery address, a partial refund per line and a shipment refused for want of
an address."""

from __future__ import annotations

import time

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.admin.test_admin_browser import SCREENSHOTS, _input, _paid_order, _token, browser, live_admin  # noqa: F401 (fixtures)
from tests.admin.test_plugin_screens_browser import _chinese_admin, _plugin_module_loaded

pytestmark = pytest.mark.slow


def _pem_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return private, public


def test_wechat_pay_screen_keeps_secrets_write_only(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    page, headers, failures = _chinese_admin(browser, base, seed, "wechat_pay")
    page.click("[data-menu=wechat_pay]")
    page.locator(".page-title", has_text="微信支付").wait_for()
    assert _plugin_module_loaded(page, "wechat_pay")
    page.locator("[data-test=wechat-pay-state]", has_text="未配置").wait_for()
    assert "沙箱模式已开启" in page.locator("[data-test=wechat-pay-sandbox]").inner_text()  # the test server runs the sandbox
    assert f"/api/pay/notify/{seed.shop_id}/wechat_jsapi" in page.locator("[data-test=wechat-notify-urls]").inner_text()

    private_pem, _ = _pem_pair()
    _, platform_pem = _pem_pair()
    apiv3_key, app_secret = "Kd" * 16, "f3" * 16
    _input(page, "wechat-mchid").fill("1900000109")
    _input(page, "wechat-appid").fill("wx-not-an-appid")
    _input(page, "wechat-serial").fill("3775B6A45ACD588826D15E583A95F5DD2C5B29F2")
    _input(page, "wechat-private-key").fill(private_pem)
    _input(page, "wechat-apiv3-key").fill(apiv3_key)
    _input(page, "wechat-app-secret").fill(app_secret)
    _input(page, "wechat-platform-serial").fill("PUB_KEY_ID_0114232134912410000000000000")
    _input(page, "wechat-platform-pem").fill(platform_pem)
    page.click("[data-test=save-wechat-pay]")  # a bad AppID: the 422 lands on its field, nothing saved
    page.locator(".el-form-item__error").first.wait_for()
    assert httpx.get(f"{base}/api/admin/wechat-pay/account", headers=headers, timeout=30).status_code == 404

    _input(page, "wechat-appid").fill("wx8888888888888888")
    page.click("[data-test=save-wechat-pay]")
    page.locator("[data-test=wechat-pay-state]", has_text="已配置").wait_for()
    for field in ("wechat-private-key", "wechat-apiv3-key", "wechat-app-secret"):
        assert page.locator(f"[data-test={field}-state]").inner_text() == "已设置"
        assert _input(page, field).input_value() == ""  # never echoed back
    assert "PUB_KEY_ID_0114232134912410000000000000" in page.locator("[data-test=wechat-platform-saved]").inner_text()
    html = page.content()
    for secret in (apiv3_key, app_secret, private_pem.splitlines()[3]):
        assert secret not in html
    saved = httpx.get(f"{base}/api/admin/wechat-pay/account", headers=headers, timeout=30).json()
    assert (saved["mchid"], saved["appid"], saved["app_secret"]["is_set"]) == ("1900000109", "wx8888888888888888", True)

    # a later save with the secrets left empty keeps them; the AppSecret can be cleared
    page.set_viewport_size({"width": 1280, "height": 1560})
    page.reload()
    page.locator("[data-test=wechat-pay-state]", has_text="已配置").wait_for()
    page.screenshot(path=str(SCREENSHOTS / "wechat_pay.png"), animations="disabled")
    page.click("[data-test=wechat-app-secret-clear]")
    page.click("[data-test=save-wechat-pay]")
    page.locator("[data-test=wechat-app-secret-state]", has_text="未设置").wait_for()
    kept = httpx.get(f"{base}/api/admin/wechat-pay/account", headers=headers, timeout=30).json()
    assert kept["merchant_private_key"]["is_set"] and kept["apiv3_key"]["is_set"] and not kept["app_secret"]["is_set"]

    # owners only: an operator has no menu entry and the API refuses
    operator = {"email": f"op-{time.time_ns()}@example.com", "display_name": "运营", "password": "operator-pass-123", "role": "operator"}
    assert httpx.post(f"{base}/api/admin/staff", json=operator, headers=headers, timeout=30).status_code in (200, 201)
    login = httpx.post(f"{base}/api/admin/auth/login", json={"email": operator["email"], "password": operator["password"]}, timeout=30).json()
    menu = httpx.get(f"{base}/api/admin/menu", headers={"Authorization": f"Bearer {login['access_token']}"}, timeout=30).json()
    assert "wechat_pay" not in str(menu)
    assert httpx.get(f"{base}/api/admin/wechat-pay/account", headers={"Authorization": f"Bearer {login['access_token']}"}, timeout=30).status_code == 403
    assert httpx.delete(f"{base}/api/admin/wechat-pay/account", headers=headers, timeout=30).status_code == 204  # the sandbox pays the other tests
    assert not failures
    page.close()


def test_customer_list_shows_names_masked_phones_and_order_figures(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    order, buyer = _paid_order(base, seed, "list-buyer", quantity=2)
    assert httpx.patch(f"{base}/api/shop/me", json={"nickname": "林小姐", "phone": "13700137000"}, headers=buyer, timeout=30).status_code == 200
    page, headers, failures = _chinese_admin(browser, base, seed)
    page.click("[data-menu=customers]")
    row = page.locator("[data-test=customers] .el-table__row", has_text="林小姐")
    row.wait_for()
    text = row.inner_text()
    assert "137****7000" in text and "13700137000" not in text
    assert "1" in text and f"¥{order['paid_fen'] / 100:.2f}" in text
    headings = page.locator("[data-test=customers] thead").inner_text()
    assert all(word in headings for word in ("昵称", "手机", "订单数", "消费金额", "最近下单"))

    _input(page, "customer-phone-search").fill("13700137000")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('[data-test=customers] .el-table__row').length === 1")
    assert "林小姐" in page.locator("[data-test=customers] .el-table__row").inner_text()
    # Tag her 企业客户 (what ads campaigns target): typed in the picker, saved, shown in the row.
    assert "标签" in headings
    page.locator("[data-test=customers] .el-table__row [data-test=edit-tags]").click()
    page.locator("[data-test=tags-select] input").fill("企业客户")
    page.locator(".el-select-dropdown__item", has_text="企业客户").click()
    page.locator("[data-test=tags-select] .el-tag", has_text="企业客户").wait_for()
    page.click("[data-test=save-tags]")
    page.locator("[data-test=customers] .el-table__row [data-test=customer-tags] .el-tag", has_text="企业客户").wait_for()
    customer_id = int(page.locator("[data-test=customers] .el-table__row td").first.inner_text())
    assert httpx.get(f"{base}/api/admin/customers/{customer_id}", headers=headers, timeout=30).json()["tags"] == ["企业客户"]
    assert "企业客户" in httpx.get(f"{base}/api/admin/customers/tags", headers=headers, timeout=30).json()
    _input(page, "customer-phone-search").fill("13700137001")
    page.keyboard.press("Enter")
    page.locator("[data-test=customers] .el-table__empty-text").wait_for()
    assert not failures
    page.close()


def test_order_detail_shows_a_partial_refund_and_refuses_shipping_without_an_address(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    order, _ = _paid_order(base, seed, "partial-refund-buyer", quantity=2)
    page, headers, failures = _chinese_admin(browser, base, seed)
    line = order["lines"][0]
    refund = httpx.post(f"{base}/api/admin/orders/{order['id']}/refunds", json={"lines": [{"line_id": line["id"], "quantity": 1}]}, headers=headers, timeout=30)
    assert refund.status_code == 201, refund.text
    stored = httpx.get(f"{base}/api/admin/orders/{order['id']}", headers=headers, timeout=30).json()
    refunded_fen = stored["lines"][0]["refunded_fen"]
    assert stored["lines"][0]["refunded_quantity"] == 1 and 0 < refunded_fen < line["total_fen"]

    page.click("[data-menu=orders]")
    page.locator("[data-test=orders] .el-table__row", has_text=order["order_no"]).click()
    refunded = page.locator("[data-test=order-lines] [data-test=line-refunded]")
    refunded.wait_for()
    assert refunded.inner_text() == f"1 件 ¥{refunded_fen / 100:.2f}"
    assert page.locator("[data-test=order-refunded]").inner_text() == f"¥{refunded_fen / 100:.2f}"
    # where to ship it, as the customer chose it at checkout: in full for the owner
    delivery = page.locator("[data-test=order-delivery]")
    assert "王小明" in delivery.inner_text() and "13900139000" in delivery.inner_text()
    assert "浙江省 杭州市 西湖区 文三路90号" in delivery.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "order_partial_refund.png"), animations="disabled")
    page.keyboard.press("Escape")

    # an express order placed with no address cannot ship: the reason is shown, the order stays paid
    login = httpx.post(f"{base}/api/shop/auth/login", json={"shop_id": seed.shop_id, "code": "sandbox:no-address-buyer"}, timeout=30).json()
    buyer = {"Authorization": f"Bearer {login['access_token']}"}
    placed = httpx.post(
        f"{base}/api/shop/orders", json={"lines": [{"sku_id": line["sku_id"], "quantity": 1}]},
        headers={**buyer, "Idempotency-Key": f"no-address-{time.time_ns()}"}, timeout=30,
    ).json()
    httpx.post(f"{base}/api/shop/orders/{placed['id']}/sandbox-pay", headers=buyer, timeout=30)
    page.reload()
    page.locator("[data-test=orders] .el-table__row", has_text=placed["order_no"]).click()
    page.locator("[data-test=order-delivery]", has_text="未填写收货地址").wait_for()
    _input(page, "ship-carrier").fill("顺丰")
    _input(page, "ship-tracking").fill("SF1234567890")
    page.click("[data-test=ship-order]")
    page.locator(".el-message--error", has_text="订单没有收货地址，不能发货").wait_for()
    assert httpx.get(f"{base}/api/admin/orders/{placed['id']}", headers=headers, timeout=30).json()["status"] == "paid"
    assert not failures
    page.close()
