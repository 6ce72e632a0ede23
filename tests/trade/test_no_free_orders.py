"""No free orders (issue 26 §1): the sandbox — free payments and ``sandbox:<user>`` logins —
works only where switched on for development; a shop with a real provider never takes it;
production without a provider says so instead of falling back to it."""

from __future__ import annotations

from core.testing import make_shop
from core.trade.models import Order, OrderStatus, Payment
from tests.trade.helpers import checkout, make_sku
from tests.trade.test_payments import wechat_plugin
from tests.trade.wechat_fake import WechatFake


async def unpaid_order(client, shop, price_fen: int = 1500) -> dict:
    sku = await make_sku(shop.shop_id, price_fen=price_fen)
    placed = await checkout(client, shop.customer, [(sku.id, 1)])
    assert placed.status_code == 201, placed.text
    return placed.json()


async def test_without_the_sandbox_nothing_is_paid_and_nobody_logs_in_for_free(kaidian_client_for, kaidian_settings):
    # The shop, a customer and an order come from a development app on the same database.
    async with kaidian_client_for() as client:
        shop = await make_shop(client)
        order = await unpaid_order(client, shop)

    # Production settings: KAIDIAN_WECHAT_PROVIDER=wechat without AppID/AppSecret, no plugin provider.
    production = kaidian_settings.model_copy(update={"wechat_provider": "wechat"})
    async with kaidian_client_for(settings=production) as client:
        login = await client.post("/api/shop/auth/login", json={"shop_id": shop.shop_id, "code": "sandbox:mallory"})
        assert login.status_code == 503 and login.json()["code"] == "login_unavailable", login.text
        assert "AppSecret" in (await client.post(
            "/api/shop/auth/login", json={"shop_id": shop.shop_id, "code": "sandbox:x"}, headers={"Accept-Language": "en"}
        )).json()["message"]

        pay = await client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "wechat_jsapi"}, headers=shop.customer)
        assert pay.status_code == 503 and pay.json() == {
            "code": "payment_unavailable", "field": "method", "message": pay.json()["message"]
        } and "微信支付" in pay.json()["message"]
        chosen = await client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "sandbox"}, headers=shop.customer)
        assert chosen.status_code == 422 and chosen.json()["code"] == "sandbox_refused"
        free = await client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=shop.customer)
        assert free.status_code == 422 and free.json()["code"] == "sandbox_refused", free.text
        # A sandbox notification (forged with the server's own sandbox keys) finds no provider.
        from core.payments.sandbox import SandboxProvider

        headers, body = SandboxProvider(production.secret_key).notification(order["order_no"], 1500)
        forged = await client.post(
            f"/api/pay/notify/{shop.shop_id}/sandbox", content=body, headers={**headers, "Content-Type": "application/json"}
        )
        assert forged.status_code == 404

        assert (await Order.get(id=order["id"])).status == OrderStatus.PENDING_PAYMENT
        assert not await Payment.filter(order_id=order["id"]).exists()


async def test_a_shop_with_a_real_provider_refuses_the_sandbox_even_in_development(kaidian_client_for):
    fake = WechatFake.create()
    async with kaidian_client_for(plugins=[wechat_plugin(fake)]) as client:
        assert client.app.state.settings.sandbox_enabled
        shop = await make_shop(client)
        order = await unpaid_order(client, shop)
        chosen = await client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "sandbox"}, headers=shop.customer)
        assert chosen.status_code == 422 and chosen.json()["code"] == "sandbox_refused", chosen.text
        free = await client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=shop.customer)
        assert free.status_code in (409, 422), free.text
        # Paying with WeChat Pay gives real JSAPI arguments, no sandbox flag for the mini-program.
        real = await client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "wechat_jsapi"}, headers=shop.customer)
        assert real.status_code == 201 and "sandbox" not in real.json()["params"]
        again = await client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=shop.customer)
        assert again.status_code == 409 and again.json()["field"] == "method"
        assert (await Order.get(id=order["id"])).status == OrderStatus.PENDING_PAYMENT


async def test_development_keeps_the_sandbox_contract_of_the_mini_program(kaidian_client_for):
    """The generated mini-program shows its sandbox pay button when ``/pay`` says ``sandbox: true``."""
    async with kaidian_client_for() as client:
        shop = await make_shop(client)
        order = await unpaid_order(client, shop, price_fen=990)
        started = await client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "wechat_jsapi"}, headers=shop.customer)
        assert started.status_code == 201 and started.json()["params"]["sandbox"] is True
        paid = await client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=shop.customer)
        assert paid.status_code == 201 and paid.json()["status"] == "paid" and paid.json()["paid_fen"] == 990
