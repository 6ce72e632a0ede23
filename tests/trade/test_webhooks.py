"""Merchant webhooks: signed deliveries of order events, retries with backoff, the delivery
log, manual redelivery, per-shop isolation."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import httpx

from core.testing import assert_other_shop_gets_404
from core.trade.models import WebhookDelivery
from core.trade.webhooks import MAX_ATTEMPTS, deliver_due
from tests.trade.helpers import checkout, make_sku


class Receiver:
    """A merchant's server: answers with the queued status codes, records what it got."""

    def __init__(self, *codes: int) -> None:
        self.codes = list(codes)
        self.received: list[httpx.Request] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.received.append(request)
        return httpx.Response(self.codes.pop(0) if self.codes else 200)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)


async def test_order_events_are_signed_retried_and_logged(kaidian_client, shop):
    created = await kaidian_client.post("/api/admin/webhooks", json={"url": "https://merchant.example.com/hook"}, headers=shop.owner)
    assert created.status_code == 201, created.text
    hook = created.json()
    sku = await make_sku(shop.shop_id)
    order = (await checkout(kaidian_client, shop.customer, [(sku.id, 1)])).json()
    await kaidian_client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=shop.customer)

    receiver = Receiver(500)  # the first attempt fails
    await deliver_due(transport=receiver.transport())
    assert len(receiver.received) == 2  # order.paid and order.status_changed, one failed
    log = (await kaidian_client.get(f"/api/admin/webhooks/{hook['id']}/deliveries", headers=shop.owner)).json()
    assert sorted(row["event"] for row in log) == ["order.paid", "order.status_changed"]
    failed = next(row for row in log if row["status"] == "pending")
    assert failed["attempts"] == 1 and failed["last_status_code"] == 500

    first = receiver.received[0]
    timestamp, digest = (part.split("=", 1)[1] for part in first.headers["X-Kaidian-Signature"].split(","))
    expected = hmac.new(hook["secret"].encode(), f"{timestamp}.".encode() + first.content, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(digest, expected)
    body = json.loads(first.content)
    assert body["event"] == first.headers["X-Kaidian-Event"] and body["data"]["order_id"] == order["id"]

    # Not before the backoff; then it succeeds.
    assert await deliver_due(transport=receiver.transport()) == 0
    assert await deliver_due(transport=receiver.transport(), now=datetime.now(UTC) + timedelta(seconds=31)) == 1
    assert await WebhookDelivery.filter(endpoint_id=hook["id"], status="succeeded").count() == 2


async def test_gives_up_after_the_last_attempt_and_redelivers_on_request(kaidian_client, shop):
    hook = (await kaidian_client.post("/api/admin/webhooks", json={"url": "https://down.example.com/", "events": ["order.status_changed"]}, headers=shop.owner)).json()
    sku = await make_sku(shop.shop_id)
    order = (await checkout(kaidian_client, shop.customer, [(sku.id, 1)])).json()
    await kaidian_client.post(f"/api/shop/orders/{order['id']}/cancel", json={}, headers=shop.customer)
    receiver = Receiver(*([503] * MAX_ATTEMPTS))
    later = datetime.now(UTC)
    for _ in range(MAX_ATTEMPTS):
        later += timedelta(days=1)
        await deliver_due(transport=receiver.transport(), now=later)
    delivery = await WebhookDelivery.get(endpoint_id=hook["id"])
    assert (delivery.status, delivery.attempts) == ("failed", MAX_ATTEMPTS)
    assert await deliver_due(transport=receiver.transport(), now=later + timedelta(days=30)) == 0
    again = await kaidian_client.post(f"/api/admin/webhooks/deliveries/{delivery.id}/redeliver", headers=shop.owner)
    assert again.status_code == 201 and again.json()["status"] == "pending"
    assert await deliver_due(transport=Receiver(200).transport()) == 1


async def test_bad_webhook_input(kaidian_client, shop):
    assert (await kaidian_client.post("/api/admin/webhooks", json={"url": "ftp://x"}, headers=shop.owner)).status_code == 422
    response = await kaidian_client.post("/api/admin/webhooks", json={"url": "https://x.example.com", "events": ["order.eaten"]}, headers=shop.owner)
    assert response.status_code == 422 and response.json()["field"] == "events"
    assert (await kaidian_client.post("/api/admin/webhooks", json={"url": "https://x.example.com"}, headers=shop.customer)).status_code == 403
    for internal in ("http://127.0.0.1:6379/", "http://localhost/x", "http://10.0.0.5/", "http://169.254.169.254/latest", "http://[::1]/"):
        refused = await kaidian_client.post("/api/admin/webhooks", json={"url": internal}, headers=shop.owner)
        assert refused.status_code == 422 and refused.json()["field"] == "url", internal


async def test_webhooks_are_per_shop(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    hook = (await kaidian_client.post("/api/admin/webhooks", json={"url": "https://a.example.com/"}, headers=shop_a.owner)).json()
    sku = await make_sku(shop_a.shop_id)
    order = (await checkout(kaidian_client, shop_a.customer, [(sku.id, 1)])).json()
    await kaidian_client.post(f"/api/shop/orders/{order['id']}/cancel", json={}, headers=shop_a.customer)
    delivery = await WebhookDelivery.get(endpoint_id=hook["id"])
    assert (await kaidian_client.get("/api/admin/webhooks", headers=shop_b.owner)).json() == []
    await assert_other_shop_gets_404(
        kaidian_client,
        [
            ("GET", f"/api/admin/webhooks/{hook['id']}/deliveries", None),
            ("POST", f"/api/admin/webhooks/deliveries/{delivery.id}/redeliver", None),
            ("DELETE", f"/api/admin/webhooks/{hook['id']}", None),
        ],
        shop_b.owner,
    )
    # Shop B's events never reach shop A's endpoint.
    sku_b = await make_sku(shop_b.shop_id)
    order_b = (await checkout(kaidian_client, shop_b.customer, [(sku_b.id, 1)])).json()
    await kaidian_client.post(f"/api/shop/orders/{order_b['id']}/cancel", json={}, headers=shop_b.customer)
    assert await WebhookDelivery.filter(endpoint_id=hook["id"]).count() == 1
    assert (await kaidian_client.delete(f"/api/admin/webhooks/{hook['id']}", headers=shop_a.owner)).status_code == 204
