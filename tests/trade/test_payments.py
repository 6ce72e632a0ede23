"""Payment notifications end to end: sandbox and WeChat v3 through the HTTP callback,
duplicate storms, forgeries, replays, amount mismatches, payments for cancelled orders,
auto-cancel across a restart, and reconciliation by order query."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest

from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.payments.sandbox import SandboxProvider
from core.payments.wechat_v3 import WechatPayV3Provider
from core.testing import make_shop
from core.trade.models import Order, OrderStatus, Payment, Refund, RefundStatus, Timer, TimerStatus
from core.trade.timers import run_due_timers
from tests.trade.helpers import Recorder, checkout, make_sku, stock_of
from tests.trade.wechat_fake import WechatFake


@pytest.fixture
async def env(kaidian_client_for):
    recorder = Recorder()
    async with kaidian_client_for(plugins=[recorder]) as client:
        shop = await make_shop(client)
        sku = await make_sku(shop.shop_id, stock=10, price_fen=1500)
        yield client, recorder, shop, sku


def wechat_plugin(fake: WechatFake):
    """A plugin serving ``wechat_jsapi`` with WeChat Pay v3 against the in-test fake server."""

    class WechatForTests:
        manifest = PluginManifest(name="wechat_test", version="0.1.0", title={"zh-CN": "微信支付", "en": "WeChat Pay"})

        @hookimpl
        def kaidian_resolve_payment_provider(self, shop_id, method):
            return WechatPayV3Provider(fake.config(), transport=fake.transport()) if method == "wechat_jsapi" else None

    return WechatForTests()


def sandbox_of(client) -> SandboxProvider:
    return SandboxProvider(client.app.state.settings.secret_key)


async def place(client, shop, sku, quantity: int = 2) -> dict:
    response = await checkout(client, shop.customer, [(sku.id, quantity)])
    assert response.status_code == 201, response.text
    return response.json()


async def notify(client, shop_id: int, headers: dict, body: bytes, method: str = "sandbox"):
    return await client.post(f"/api/pay/notify/{shop_id}/{method}", content=body, headers={**headers, "Content-Type": "application/json"})


async def test_sandbox_pay_flow(env):
    client, recorder, shop, sku = env
    order = await place(client, shop, sku)
    started = await client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "sandbox"}, headers=shop.customer)
    assert started.status_code == 201 and started.json()["params"]["amount_fen"] == 3000
    paid = await client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=shop.customer)
    assert paid.status_code == 201 and paid.json()["status"] == "paid" and paid.json()["paid_fen"] == 3000
    assert recorder.of("paid") == [{"order_id": order["id"], "amount_fen": 3000, "provider": "sandbox", "transaction_id": paid.json()["transaction_id"], "paid_at": recorder.of("paid")[0]["paid_at"]}]
    assert [call["new"] for call in recorder.of("status")] == ["paid"]
    assert await stock_of(sku.id) == 8
    assert (await Timer.get(target_id=order["id"])).status == TimerStatus.DONE
    # A paid order can no longer be cancelled.
    assert (await client.post(f"/api/shop/orders/{order['id']}/cancel", json={}, headers=shop.customer)).status_code == 409


async def test_fifty_duplicate_notifications_change_state_once(env):
    client, recorder, shop, sku = env
    order = await place(client, shop, sku)
    headers, body = sandbox_of(client).notification(order["order_no"], order["total_fen"], transaction_id="tx-storm")
    responses = await asyncio.gather(*[notify(client, shop.shop_id, headers, body) for _ in range(50)])
    assert [response.status_code for response in responses] == [204] * 50
    assert all(response.content == b"" for response in responses)
    assert len(recorder.of("paid")) == 1
    assert [call["new"] for call in recorder.of("status")] == ["paid"]
    assert await Payment.filter(order_id=order["id"]).count() == 1
    assert (await Order.get(id=order["id"])).status == OrderStatus.PAID


async def test_five_notifications_with_different_transactions_pay_once_and_refund_the_rest(env):
    """Two payments of one order (e.g. paid twice from two phones) arriving together: one pays
    the order, every other is recorded and refunded — no deadlock, no 500 (MariaDB)."""
    client, recorder, shop, sku = env
    sandbox = sandbox_of(client)
    for round_no in range(3):
        order = await place(client, shop, sku, quantity=1)
        notifications = [sandbox.notification(order["order_no"], order["total_fen"], transaction_id=f"tx-{round_no}-{n}") for n in range(5)]
        responses = await asyncio.gather(*[notify(client, shop.shop_id, headers, body) for headers, body in notifications])
        assert [response.status_code for response in responses] == [204] * 5, [response.text for response in responses]
        payments = await Payment.filter(order_id=order["id"]).order_by("id")
        assert sorted(payment.outcome for payment in payments) == ["applied"] + ["refund_due"] * 4
        refunds = await Refund.filter(order_id=order["id"])
        assert [(refund.amount_fen, refund.status) for refund in refunds] == [(order["total_fen"], RefundStatus.SUCCEEDED)] * 4
        assert (await Order.get(id=order["id"])).status == OrderStatus.PAID
        assert len([call for call in recorder.of("paid") if call["order_id"] == order["id"]]) == 1


async def test_forged_stale_and_mismatched_notifications_are_refused(env):
    client, recorder, shop, sku = env
    order = await place(client, shop, sku)
    sandbox = sandbox_of(client)
    headers, body = sandbox.notification(order["order_no"], order["total_fen"])

    forged = await notify(client, shop.shop_id, headers, body.replace(b"SUCCESS", b"SUCCESS "))
    assert forged.status_code == 401 and forged.json()["code"] == "FAIL"
    foreign_key = SandboxProvider("x" * 48).notification(order["order_no"], order["total_fen"])
    assert (await notify(client, shop.shop_id, *foreign_key)).status_code == 401
    probe = await notify(client, shop.shop_id, {**headers, "Wechatpay-Signature": "WECHATPAY/SIGNTEST/abc"}, body)
    assert probe.status_code == 401
    stale = sandbox.notification(order["order_no"], order["total_fen"], timestamp=int(time.time()) - 3600)
    assert (await notify(client, shop.shop_id, *stale)).status_code == 401
    wrong_amount = sandbox.notification(order["order_no"], order["total_fen"] - 1)
    response = await notify(client, shop.shop_id, *wrong_amount)
    assert response.status_code == 400 and response.json() == {"code": "FAIL", "message": "amount does not match the order"}
    unknown = sandbox.notification("KD-NOT-AN-ORDER", 1)
    assert (await notify(client, shop.shop_id, *unknown)).status_code == 400
    # A genuine notification sent to another shop's callback finds no order there.
    other = await make_shop(client)
    assert (await notify(client, other.shop_id, headers, body)).status_code == 400
    assert (await notify(client, shop.shop_id, headers, body, method="alipay")).status_code == 404

    assert (await Order.get(id=order["id"])).status == OrderStatus.PENDING_PAYMENT
    assert recorder.of("paid") == [] and await Payment.filter(order_id=order["id"]).count() == 0
    # The genuine one still works afterwards, and its replay changes nothing.
    assert (await notify(client, shop.shop_id, headers, body)).status_code == 204
    assert (await notify(client, shop.shop_id, headers, body)).status_code == 204
    assert len(recorder.of("paid")) == 1


async def test_payment_for_a_cancelled_order_is_refunded(env):
    client, recorder, shop, sku = env
    order = await place(client, shop, sku)
    await client.post(f"/api/shop/orders/{order['id']}/cancel", json={}, headers=shop.customer)
    headers, body = sandbox_of(client).notification(order["order_no"], order["total_fen"], transaction_id="tx-late")
    assert (await notify(client, shop.shop_id, headers, body)).status_code == 204
    refund = await Refund.get(order_id=order["id"])
    assert (refund.amount_fen, refund.status) == (order["total_fen"], RefundStatus.SUCCEEDED)
    assert (await Payment.get(transaction_id="tx-late")).outcome == "refund_due"
    assert recorder.of("refunded") == [{"order_id": order["id"], "amount_fen": order["total_fen"]}]
    assert recorder.of("paid") == []
    assert (await Order.get(id=order["id"])).status == OrderStatus.CANCELLED
    assert await stock_of(sku.id) == 10
    # The duplicate of that notification does not refund twice.
    assert (await notify(client, shop.shop_id, headers, body)).status_code == 204
    assert await Refund.filter(order_id=order["id"]).count() == 1


async def test_auto_cancel_survives_a_restart_and_fires_once(kaidian_client_for):
    async with kaidian_client_for() as client:
        shop = await make_shop(client)
        sku = await make_sku(shop.shop_id, stock=5)
        order = await place(client, shop, sku, quantity=3)
        assert await stock_of(sku.id) == 2
    # A new app (a restart): the timer is in the database, nothing is in memory.
    recorder = Recorder()
    async with kaidian_client_for(plugins=[recorder]) as client:
        host = client.app.state.host
        assert await run_due_timers(host) == 0  # not due yet
        later = datetime.now(UTC) + timedelta(minutes=31)
        fired = await asyncio.gather(run_due_timers(host, now=later), run_due_timers(host, now=later))
        assert sum(fired) >= 1  # other tests' orders may fall due too
        assert (await Order.get(id=order["id"])).status == OrderStatus.CANCELLED
        assert await stock_of(sku.id) == 5
        mine = [call for call in recorder.of("status") if call["order_id"] == order["id"]]
        assert mine == [{"order_id": order["id"], "old": "pending_payment", "new": "cancelled", "reason": "unpaid timeout"}]
        assert await run_due_timers(host, now=later) == 0
        # The money arriving after the auto-cancel goes back.
        headers, body = sandbox_of(client).notification(order["order_no"], order["total_fen"])
        assert (await notify(client, shop.shop_id, headers, body)).status_code == 204
        assert (await Refund.get(order_id=order["id"])).status == RefundStatus.SUCCEEDED


async def test_wechat_v3_notification_through_the_callback(kaidian_client_for):
    fake = WechatFake.create()

    recorder = Recorder()
    async with kaidian_client_for(plugins=[wechat_plugin(fake), recorder]) as client:
        shop = await make_shop(client)
        sku = await make_sku(shop.shop_id, price_fen=4999)
        order = await place(client, shop, sku, quantity=1)
        started = await client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "wechat_jsapi"}, headers=shop.customer)
        assert started.status_code == 201, started.text
        assert started.json()["params"]["request_payment"]["package"].startswith("prepay_id=")
        # Reconciliation: WeChat says not paid yet, then paid (the notification never came).
        from core.trade.payments import reconcile_unpaid

        settings, host = client.app.state.settings, client.app.state.host
        assert await reconcile_unpaid(host, settings, await Order.get(id=order["id"])) == "unpaid"
        headers, body = fake.notification(fake.transaction(order["order_no"], 4999))
        forged_headers = {**headers, "Wechatpay-Timestamp": str(int(headers["Wechatpay-Timestamp"]) + 1)}
        assert (await notify(client, shop.shop_id, forged_headers, body, method="wechat_jsapi")).status_code == 401
        response = await notify(client, shop.shop_id, headers, body, method="wechat_jsapi")
        assert response.status_code == 204, response.text
        assert (await Order.get(id=order["id"])).status == OrderStatus.PAID
        fake.transactions[order["order_no"]]["paid"] = True
        assert await reconcile_unpaid(host, settings, await Order.get(id=order["id"])) == "ignored"
        assert len(recorder.of("paid")) == 1


async def test_reconciliation_applies_a_payment_whose_notification_never_came(kaidian_client_for):
    fake = WechatFake.create()

    async with kaidian_client_for(plugins=[wechat_plugin(fake)]) as client:
        shop = await make_shop(client)
        sku = await make_sku(shop.shop_id, price_fen=700)
        order = await place(client, shop, sku, quantity=1)
        await client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "wechat_jsapi"}, headers=shop.customer)
        fake.transactions[order["order_no"]]["paid"] = True
        # At the deadline the auto-cancel asks WeChat first, and applies the payment instead.
        state = client.app.state
        await run_due_timers(state.host, state.settings, now=datetime.now(UTC) + timedelta(minutes=31))
        assert (await Order.get(id=order["id"])).status == OrderStatus.PAID
        assert await stock_of(sku.id) == 9
        assert not await Refund.filter(order_id=order["id"]).exists()


async def test_per_shop_unpaid_timeout(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    assert (await kaidian_client.get("/api/admin/trade/settings", headers=shop_a.owner)).json() == {"unpaid_timeout_minutes": 30}
    changed = await kaidian_client.put("/api/admin/trade/settings", json={"unpaid_timeout_minutes": 10}, headers=shop_a.owner)
    assert changed.status_code == 200 and changed.json() == {"unpaid_timeout_minutes": 10}
    assert (await kaidian_client.put("/api/admin/trade/settings", json={"unpaid_timeout_minutes": 1}, headers=shop_a.owner)).status_code == 422
    assert (await kaidian_client.get("/api/admin/trade/settings", headers=shop_b.owner)).json() == {"unpaid_timeout_minutes": 30}
    sku = await make_sku(shop_a.shop_id)
    order = await place(kaidian_client, shop_a, sku, quantity=1)
    deadline = datetime.fromisoformat(order["pay_deadline"]) - datetime.fromisoformat(order["created_at"])
    assert timedelta(minutes=9) < deadline <= timedelta(minutes=10, seconds=5)
    host = kaidian_client.app.state.host
    await run_due_timers(host, now=datetime.now(UTC) + timedelta(minutes=11))
    assert (await Order.get(id=order["id"])).status == OrderStatus.CANCELLED


async def test_wechat_refund_settles_on_its_notification_once(kaidian_client_for):
    fake = WechatFake.create()

    recorder = Recorder()
    async with kaidian_client_for(plugins=[wechat_plugin(fake), recorder]) as client:
        shop = await make_shop(client)
        sku = await make_sku(shop.shop_id, price_fen=800)
        order = await place(client, shop, sku, quantity=2)
        await client.post(f"/api/shop/orders/{order['id']}/pay", json={"method": "wechat_jsapi"}, headers=shop.customer)
        assert (await notify(client, shop.shop_id, *fake.notification(fake.transaction(order["order_no"], 1600)), method="wechat_jsapi")).status_code == 204
        response = await client.post(
            f"/api/admin/orders/{order['id']}/refunds", json={"lines": [{"line_id": order["lines"][0]["id"], "quantity": 1}]}, headers=shop.owner
        )
        assert response.status_code == 201 and response.json()["status"] == "processing"
        sent = fake.refunds[-1]
        assert sent["amount"] == {"refund": 800, "total": 1600, "currency": "CNY"} and sent["out_trade_no"] == order["order_no"]
        url = f"/api/pay/notify/refund/{shop.shop_id}/wechat_jsapi"
        wrong = fake.refund_notification({**sent, "amount": {**sent["amount"], "refund": 900}})
        assert (await client.post(url, content=wrong[1], headers=wrong[0])).status_code == 400
        headers, body = fake.refund_notification(sent)
        forged = {**headers, "Wechatpay-Nonce": "x" + headers["Wechatpay-Nonce"]}
        assert (await client.post(url, content=body, headers=forged)).status_code == 401
        answers = await asyncio.gather(*[client.post(url, content=body, headers=headers) for _ in range(10)])
        assert [answer.status_code for answer in answers] == [204] * 10
        assert (await Refund.get(refund_no=sent["out_refund_no"])).status == RefundStatus.SUCCEEDED
        assert recorder.of("refunded") == [{"order_id": order["id"], "amount_fen": 800}]
