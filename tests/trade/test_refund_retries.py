"""Refunds whose provider call fails are resent with backoff through durable timers (the job
queue), with the same refund number; after the last attempt they are stuck: counted on the
dashboard, announced to the merchant webhooks, and resent by staff."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.payments.sandbox import SandboxProvider
from core.testing import make_shop
from core.trade.models import Refund, RefundStatus, Timer, TimerStatus, WebhookDelivery
from core.trade.refund_sending import BACKOFF, RETRY_TIMER
from core.trade.timers import fire_timer
from core.trade.webhooks import deliver_due
from tests.trade.helpers import Recorder, checkout, make_sku


class FlakyRefunds(SandboxProvider):
    """The sandbox, except that its refund endpoint is unreachable for the first ``failures`` calls."""

    def __init__(self, secret: str, failures: int) -> None:
        super().__init__(secret)
        self.failures = failures
        self.refund_calls: list[str] = []

    async def refund(self, request):
        self.refund_calls.append(request.refund_no)
        if len(self.refund_calls) <= self.failures:
            raise httpx.ConnectError("connection refused by api.mch.weixin.qq.com")
        return await super().refund(request)


class FlakyProviderPlugin:
    """Serves the shop's sandbox method with ``FlakyRefunds`` (through the provider hook)."""

    manifest = PluginManifest(name="flaky_refunds", version="0.1.0", title={"zh-CN": "不稳定的退款", "en": "flaky refunds"})

    def __init__(self) -> None:
        self.provider: FlakyRefunds | None = None

    @hookimpl
    def kaidian_resolve_payment_provider(self, shop_id, method):
        return self.provider if method == "sandbox" else None


@pytest.fixture
async def env(kaidian_client_for):
    flaky, recorder = FlakyProviderPlugin(), Recorder()
    async with kaidian_client_for(plugins=[flaky, recorder]) as client:
        flaky.provider = FlakyRefunds(client.app.state.settings.secret_key, failures=0)
        shop = await make_shop(client)
        yield client, flaky.provider, recorder, shop


async def paid_order(client, shop) -> dict:
    sku = await make_sku(shop.shop_id, stock=5, price_fen=2500)
    placed = await checkout(client, shop.customer, [(sku.id, 2)])
    assert placed.status_code == 201, placed.text
    paid = await client.post(f"/api/shop/orders/{placed.json()['id']}/sandbox-pay", headers=shop.customer)
    assert paid.status_code == 201 and paid.json()["status"] == "paid", paid.text
    return paid.json()


async def refund_one(client, shop, order) -> dict:
    response = await client.post(
        f"/api/admin/orders/{order['id']}/refunds",
        json={"lines": [{"line_id": order["lines"][0]["id"], "quantity": 1}], "reason": "质量问题"},
        headers=shop.owner,
    )
    assert response.status_code == 201, response.text
    return response.json()


async def dashboard(client, shop) -> dict:
    response = await client.get("/api/admin/dashboard", headers=shop.owner)
    assert response.status_code == 200, response.text
    return response.json()


async def fire_retry(client, refund_id: int) -> None:
    """Fire the refund's pending retry timer at its time (as the job queue would)."""
    timer = await Timer.get(kind=RETRY_TIMER, target_id=refund_id, status=TimerStatus.PENDING)
    assert await fire_timer(client.app.state.host, client.app.state.settings, timer.id, now=timer.run_at + timedelta(seconds=1))


async def test_a_refund_that_fails_once_is_resent_with_the_same_number_and_succeeds(env):
    client, provider, recorder, shop = env
    provider.failures = 1
    order = await paid_order(client, shop)
    before = datetime.now(UTC)
    refund = await refund_one(client, shop, order)
    assert (refund["status"], refund["send_attempts"]) == ("processing", 1)
    assert refund["send_error"].startswith("ConnectError") and refund["stuck_at"] is None
    retry_at = datetime.fromisoformat(refund["retry_at"])
    assert before + BACKOFF[0] <= retry_at <= datetime.now(UTC) + BACKOFF[0]
    assert (await dashboard(client, shop))["refunds_retrying"] == 1
    assert recorder.of("refunded") == []

    await fire_retry(client, refund["id"])
    stored = await Refund.get(id=refund["id"])
    assert (stored.status, stored.send_attempts, stored.send_error, stored.retry_at) == (RefundStatus.SUCCEEDED, 2, "", None)
    assert provider.refund_calls == [refund["refund_no"]] * 2
    assert recorder.of("refunded") == [{"order_id": order["id"], "amount_fen": refund["amount_fen"]}]
    figures = await dashboard(client, shop)
    assert (figures["refunds_retrying"], figures["refunds_stuck"]) == (0, 0)
    # the timer is spent: firing the refund again changes nothing
    assert not await Timer.filter(kind=RETRY_TIMER, target_id=refund["id"], status=TimerStatus.PENDING).exists()


async def test_after_the_last_attempt_a_refund_is_stuck_announced_and_retried_by_staff(env):
    client, provider, recorder, shop = env
    hook = await client.post("/api/admin/webhooks", json={"url": "https://93.184.215.14/hook", "events": ["refund.stuck"]}, headers=shop.owner)
    assert hook.status_code == 201, hook.text
    provider.failures = 1000
    order = await paid_order(client, shop)
    refund = await refund_one(client, shop, order)
    for attempt in range(2, len(BACKOFF) + 2):
        await fire_retry(client, refund["id"])
        assert (await Refund.get(id=refund["id"])).send_attempts == attempt
    stored = await Refund.get(id=refund["id"])
    assert stored.status == RefundStatus.PROCESSING and stored.stuck_at is not None and stored.retry_at is None
    assert provider.refund_calls == [refund["refund_no"]] * (len(BACKOFF) + 1)
    assert not await Timer.filter(kind=RETRY_TIMER, target_id=refund["id"], status=TimerStatus.PENDING).exists()
    figures = await dashboard(client, shop)
    assert (figures["refunds_stuck"], figures["refunds_retrying"]) == (1, 0)
    # the merchant's server hears of it once (through the signed, retried webhook delivery)
    received: list[httpx.Request] = []
    await deliver_due(transport=httpx.MockTransport(lambda request: received.append(request) or httpx.Response(200)))
    alerts = [json.loads(request.content) for request in received if request.headers["X-Kaidian-Event"] == "refund.stuck"]
    assert [alert["data"] for alert in alerts if alert["data"]["refund_id"] == refund["id"]] == [
        {"order_id": order["id"], "refund_id": refund["id"], "amount_fen": refund["amount_fen"], "attempts": len(BACKOFF) + 1, "error": stored.send_error}
    ]
    assert await WebhookDelivery.filter(shop_id=shop.shop_id, event="refund.stuck", status="succeeded").count() == 1
    listed = await client.get("/api/admin/refunds?stuck=true", headers=shop.owner)
    assert [row["id"] for row in listed.json()] == [refund["id"]]

    # The provider is back: staff resend it, once, with the same number.
    provider.failures = 0
    retried = await client.post(f"/api/admin/refunds/{refund['id']}/retry", headers=shop.owner)
    assert retried.status_code == 201, retried.text
    assert (retried.json()["status"], retried.json()["send_error"], retried.json()["stuck_at"]) == ("succeeded", "", None)
    assert provider.refund_calls[-1] == refund["refund_no"] and len(provider.refund_calls) == len(BACKOFF) + 2
    assert recorder.of("refunded") == [{"order_id": order["id"], "amount_fen": refund["amount_fen"]}]
    assert (await dashboard(client, shop))["refunds_stuck"] == 0
    again = await client.post(f"/api/admin/refunds/{refund['id']}/retry", headers=shop.owner)
    assert again.status_code == 409 and again.json()["field"] == "refund_id"
    # customers never see the provider's errors
    mine = await client.get(f"/api/shop/refunds/{refund['id']}", headers=shop.customer)
    assert mine.status_code in (200, 404) and "send_error" not in mine.text


async def test_staff_retry_is_for_failed_refunds_of_their_own_shop(env):
    client, provider, recorder, shop = env
    order = await paid_order(client, shop)
    refund = await refund_one(client, shop, order)
    assert refund["status"] == "succeeded" and refund["send_attempts"] == 1
    other = await make_shop(client)
    assert (await client.post(f"/api/admin/refunds/{refund['id']}/retry", headers=other.owner)).status_code == 404
    assert (await client.post(f"/api/admin/refunds/{refund['id']}/retry", headers=shop.owner)).status_code == 409
    assert (await client.post(f"/api/admin/refunds/{refund['id']}/retry", headers=shop.customer)).status_code in (401, 403)


async def test_a_late_payment_whose_refund_fails_is_resent_too(env):
    """Paid after the order was cancelled: recorded and refunded — also when the provider's
    refund endpoint is down at that moment."""
    client, provider, recorder, shop = env
    provider.failures = 1
    sku = await make_sku(shop.shop_id, stock=5, price_fen=1800)
    order = (await checkout(client, shop.customer, [(sku.id, 1)])).json()
    assert (await client.post(f"/api/shop/orders/{order['id']}/cancel", json={}, headers=shop.customer)).status_code == 201
    headers, body = provider.notification(order["order_no"], order["total_fen"], transaction_id="tx-after-cancel")
    answer = await client.post(f"/api/pay/notify/{shop.shop_id}/sandbox", content=body, headers={**headers, "Content-Type": "application/json"})
    assert answer.status_code == 204, answer.text
    refund = await Refund.get(order_id=order["id"])
    assert (refund.status, refund.amount_fen, refund.send_attempts) == (RefundStatus.PROCESSING, 1800, 1) and refund.send_error
    await fire_retry(client, refund.id)
    assert (await Refund.get(id=refund.id)).status == RefundStatus.SUCCEEDED
    assert provider.refund_calls == [refund.refund_no] * 2
