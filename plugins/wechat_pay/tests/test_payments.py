"""End to end with the shop's own merchant account against the in-test WeChat: login with the
shop's mini-program, checkout, JSAPI prepay signed by the shop's key, a notification signed by
WeChat's platform key paying the order; another shop's callback URL refusing it; two merchants
kept apart; the cached provider rebuilt when the account changes."""

from __future__ import annotations

import base64
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from core.trade.models import Order, OrderStatus
from plugins.wechat_pay.tests.conftest import ACCOUNT, APP_SECRETS, account_body, pem_private
from tests.trade.helpers import checkout, make_sku
from tests.trade.wechat_fake import WechatFake


def pay_sign_verifies(fake: WechatFake, params: dict[str, str]) -> bool:
    message = f"{params['appId']}\n{params['timeStamp']}\n{params['nonceStr']}\n{params['package']}\n".encode()
    try:
        fake.merchant_key.public_key().verify(base64.b64decode(params["paySign"]), message, padding.PKCS1v15(), hashes.SHA256())
    except Exception:
        return False
    return True


async def login(client, shop_id: int, code: str) -> dict[str, str]:
    response = await client.post("/api/shop/auth/login", json={"shop_id": shop_id, "code": code})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def order_of(client, shop_id: int, customer: dict[str, str], price_fen: int) -> dict:
    sku = await make_sku(shop_id, price_fen=price_fen)
    placed = await checkout(client, customer, [(sku.id, 1)])
    assert placed.status_code == 201, placed.text
    return placed.json()


async def notify(client, shop_id: int, headers: dict[str, str], body: bytes):
    return await client.post(f"/api/pay/notify/{shop_id}/wechat_jsapi", content=body, headers={**headers, "Content-Type": "application/json"})


async def test_a_shop_takes_wechat_pay_with_its_own_merchant_account(kaidian_client, two_shops, merchants, wechat):
    (shop_a, shop_b), (merchant_a, merchant_b) = two_shops, merchants
    for shop, merchant in ((shop_a, merchant_a), (shop_b, merchant_b)):
        saved = await kaidian_client.put(ACCOUNT, json=account_body(merchant, app_secret=APP_SECRETS[merchant.appid]), headers=shop.owner)
        assert saved.status_code == 200, saved.text

    # Customers log in through each shop's own mini-program (its AppID and AppSecret).
    customer_a = await login(kaidian_client, shop_a.shop_id, "code-a")
    customer_b = await login(kaidian_client, shop_b.shop_id, "code-b")
    assert [(call["appid"], call["js_code"]) for call in wechat.logins[-2:]] == [(merchant_a.appid, "code-a"), (merchant_b.appid, "code-b")]

    order_a = await order_of(kaidian_client, shop_a.shop_id, customer_a, 2590)
    started = await kaidian_client.post(f"/api/shop/orders/{order_a['id']}/pay", json={"method": "wechat_jsapi"}, headers=customer_a)
    assert started.status_code == 201, started.text
    params = started.json()["params"]["request_payment"]
    assert params["appId"] == merchant_a.appid and pay_sign_verifies(merchant_a, params) and not pay_sign_verifies(merchant_b, params)
    prepay = merchant_a.transactions[order_a["order_no"]]
    assert params["package"] == f"prepay_id={prepay['prepay_id']}"
    sent = prepay["payload"]
    public_base = kaidian_client.app.state.settings.public_base_url.rstrip("/")
    assert sent["notify_url"] == f"{public_base}/api/pay/notify/{shop_a.shop_id}/wechat_jsapi"
    assert (sent["mchid"], sent["appid"], sent["amount"]["total"]) == (merchant_a.mchid, merchant_a.appid, 2590)
    assert sent["payer"]["openid"] == f"o_{merchant_a.appid[-4:]}_code-a"
    for secret in (pem_private(merchant_a).splitlines()[5], merchant_a.apiv3_key.decode(), APP_SECRETS[merchant_a.appid]):
        assert secret not in started.text

    # WeChat's notification for A's order: shop B's callback (B's merchant keys) refuses it.
    headers, body = merchant_a.notification(merchant_a.transaction(order_a["order_no"], 2590))
    refused = await notify(kaidian_client, shop_b.shop_id, headers, body)
    assert refused.status_code == 401 and refused.json()["code"] == "FAIL"
    # A forged one (signed by B's platform key, A's serial) is refused at A's URL too.
    forged_headers, forged_body = merchant_a.notification(merchant_a.transaction(order_a["order_no"], 2590), key=merchant_b.platform_key)
    assert (await notify(kaidian_client, shop_a.shop_id, forged_headers, forged_body)).status_code == 401
    assert (await Order.get(id=order_a["id"])).status == OrderStatus.PENDING_PAYMENT
    accepted = await notify(kaidian_client, shop_a.shop_id, headers, body)
    assert accepted.status_code == 204 and accepted.content == b""
    paid = await Order.get(id=order_a["id"])
    assert (paid.status, paid.paid_fen, paid.payment_method) == (OrderStatus.PAID, 2590, "wechat_jsapi")

    # Shop B pays through merchant B only.
    order_b = await order_of(kaidian_client, shop_b.shop_id, customer_b, 800)
    started_b = await kaidian_client.post(f"/api/shop/orders/{order_b['id']}/pay", json={"method": "wechat_jsapi"}, headers=customer_b)
    params_b = started_b.json()["params"]["request_payment"]
    assert params_b["appId"] == merchant_b.appid and pay_sign_verifies(merchant_b, params_b)
    assert order_b["order_no"] in merchant_b.transactions and order_b["order_no"] not in merchant_a.transactions
    assert merchant_b.transactions[order_b["order_no"]]["payload"]["notify_url"].endswith(f"/api/pay/notify/{shop_b.shop_id}/wechat_jsapi")
    # A's merchant paying B's order number at B's URL: A's keys mean nothing there.
    headers_x, body_x = merchant_a.notification(merchant_a.transaction(order_b["order_no"], 800))
    assert (await notify(kaidian_client, shop_b.shop_id, headers_x, body_x)).status_code == 401
    assert (await notify(kaidian_client, shop_b.shop_id, *merchant_b.notification(merchant_b.transaction(order_b["order_no"], 800)))).status_code == 204
    assert (await Order.get(id=order_b["id"])).status == OrderStatus.PAID


async def test_a_wrong_app_secret_refuses_login_naming_the_code(kaidian_client, shop, merchants, wechat):
    await kaidian_client.put(ACCOUNT, json=account_body(merchants[0], app_secret="c" * 32), headers=shop.owner)
    response = await kaidian_client.post("/api/shop/auth/login", json={"shop_id": shop.shop_id, "code": "code-x"})
    assert response.status_code == 422 and response.json()["field"] == "code"


async def test_without_an_account_the_shop_stays_on_core_defaults(kaidian_client, shop, merchants, wechat):
    host = kaidian_client.app.state.host
    assert await host.resolve("kaidian_resolve_payment_provider", shop_id=shop.shop_id, method="wechat_jsapi") is None
    assert await host.resolve("kaidian_resolve_wechat_login", shop_id=shop.shop_id) is None
    customer = await login(kaidian_client, shop.shop_id, "sandbox:bob")  # the settings-level login (sandbox)
    order = await order_of(kaidian_client, shop.shop_id, customer, 500)
    started = await kaidian_client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "wechat_jsapi"}, headers=customer)
    assert started.status_code == 201 and started.json()["params"]["provider"] == "sandbox"
    # An account without an AppSecret pays with WeChat but leaves login as it was.
    await kaidian_client.put(ACCOUNT, json=account_body(merchants[0]), headers=shop.owner)
    assert await host.resolve("kaidian_resolve_wechat_login", shop_id=shop.shop_id) is None
    await login(kaidian_client, shop.shop_id, "sandbox:bob")


async def test_the_built_provider_is_reused_until_the_account_changes(kaidian_client, shop, merchants, wechat):
    merchant_a, merchant_b = merchants
    host = kaidian_client.app.state.host

    async def resolve():
        return await host.resolve("kaidian_resolve_payment_provider", shop_id=shop.shop_id, method="wechat_jsapi")

    await kaidian_client.put(ACCOUNT, json=account_body(merchant_a), headers=shop.owner)
    first = await resolve()
    assert first is await resolve() and first.config.mchid == merchant_a.mchid
    assert await host.resolve("kaidian_resolve_payment_provider", shop_id=shop.shop_id, method="sandbox") is None
    await kaidian_client.put(ACCOUNT, json=account_body(merchant_b), headers=shop.owner)
    second = await resolve()
    assert second is not first and second.config.mchid == merchant_b.mchid
    assert (await kaidian_client.delete(ACCOUNT, headers=shop.owner)).status_code == 204
    assert await resolve() is None


async def test_reconciliation_and_refunds_use_the_shop_merchant(kaidian_client, shop, merchants, wechat):
    """The order query (a notification that never came) and refunds go out under the shop's
    merchant, refunds naming the shop's refund callback."""
    from core.payments.provider import RefundRequest
    from core.trade.payments import reconcile_unpaid

    merchant = merchants[0]
    await kaidian_client.put(ACCOUNT, json=account_body(merchant, app_secret=APP_SECRETS[merchant.appid]), headers=shop.owner)
    customer = await login(kaidian_client, shop.shop_id, "code-r")
    order = await order_of(kaidian_client, shop.shop_id, customer, 1200)
    assert (await kaidian_client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "wechat_jsapi"}, headers=customer)).status_code == 201
    state = kaidian_client.app.state
    assert await reconcile_unpaid(state.host, state.settings, await Order.get(id=order["id"])) == "unpaid"
    merchant.transactions[order["order_no"]]["paid"] = True
    assert await reconcile_unpaid(state.host, state.settings, await Order.get(id=order["id"])) == "paid"
    assert (await Order.get(id=order["id"])).status == OrderStatus.PAID
    provider = await state.host.resolve("kaidian_resolve_payment_provider", shop_id=shop.shop_id, method="wechat_jsapi")
    answer = await provider.refund(RefundRequest(shop.shop_id, order["order_no"], "RF-wp-1", 500, 1200, "缺货"))
    assert answer["status"] == "PROCESSING"
    sent = merchant.refunds[-1]
    assert sent["notify_url"].endswith(f"/api/pay/notify/refund/{shop.shop_id}/wechat_jsapi") and sent["amount"]["refund"] == 500
