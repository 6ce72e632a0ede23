"""Merchant webhooks: signed deliveries of order events, retries with backoff, the delivery
log, manual redelivery, per-shop isolation."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import ipaddress
import socket

import httpx
import pytest

from core.testing import assert_other_shop_gets_404, make_shop
from core.trade.models import WebhookDelivery, WebhookEndpoint
from core.trade.webhooks import MAX_ATTEMPTS, pinned_request, deliver_due
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
    created = await kaidian_client.post("/api/admin/webhooks", json={"url": "https://93.184.215.14/hook"}, headers=shop.owner)
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
    hook = (await kaidian_client.post("/api/admin/webhooks", json={"url": "https://93.184.215.15/", "events": ["order.status_changed"]}, headers=shop.owner)).json()
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
    response = await kaidian_client.post("/api/admin/webhooks", json={"url": "https://93.184.215.16", "events": ["order.eaten"]}, headers=shop.owner)
    assert response.status_code == 422 and response.json()["field"] == "events"
    assert (await kaidian_client.post("/api/admin/webhooks", json={"url": "https://93.184.215.16"}, headers=shop.customer)).status_code == 403
    for internal in (
        "http://127.0.0.1:6379/", "http://localhost/x", "http://10.0.0.5/", "http://169.254.169.254/latest", "http://[::1]/",
        "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/", "http://0.0.0.0/", "http://printer.local/",
    ):
        refused = await kaidian_client.post("/api/admin/webhooks", json={"url": internal}, headers=shop.owner)
        assert refused.status_code == 422 and refused.json()["field"] == "url", internal


async def test_webhooks_are_per_shop(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    hook = (await kaidian_client.post("/api/admin/webhooks", json={"url": "https://93.184.215.17/"}, headers=shop_a.owner)).json()
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


def _resolves_privately(host: str) -> bool:
    return all(not ipaddress.ip_address(info[4][0]).is_global for info in socket.getaddrinfo(host, 80))


async def test_host_names_are_resolved_at_registration(kaidian_client, shop):
    # This machine's own name resolves (through the system resolver) to a loopback/private
    # address: a name-only check would let it through.
    own_name = socket.gethostname()
    if not _resolves_privately(own_name):
        pytest.skip("this machine's host name resolves to a public address")
    refused = await kaidian_client.post("/api/admin/webhooks", json={"url": f"http://{own_name}:8000/hook"}, headers=shop.owner)
    assert refused.status_code == 422 and refused.json()["field"] == "url"
    assert refused.json()["message"] == "不能使用内网、本机或保留地址"
    unknown = await kaidian_client.post(
        "/api/admin/webhooks", json={"url": "https://no-such-host.invalid/hook"}, headers={**shop.owner, "Accept-Language": "en"}
    )
    assert unknown.status_code == 422 and unknown.json()["message"] == "the host name does not resolve"
    assert await WebhookEndpoint.filter(shop_id=shop.shop_id).count() == 0


async def test_delivery_checks_the_target_again_and_connects_to_the_checked_address(kaidian_client, shop):
    hook = (await kaidian_client.post("/api/admin/webhooks", json={"url": "https://93.184.215.14/hook"}, headers=shop.owner)).json()
    sku = await make_sku(shop.shop_id)
    order = (await checkout(kaidian_client, shop.customer, [(sku.id, 1)])).json()
    await kaidian_client.post(f"/api/shop/orders/{order['id']}/cancel", json={}, headers=shop.customer)
    # The merchant's name now points inside our network (DNS rebinding, or an edited row).
    own_name = socket.gethostname()
    if not _resolves_privately(own_name):
        pytest.skip("this machine's host name resolves to a public address")
    await WebhookEndpoint.filter(id=hook["id"]).update(url=f"http://{own_name}:6379/")
    receiver = Receiver()
    assert await deliver_due(transport=receiver.transport()) == 0
    assert receiver.received == []
    delivery = await WebhookDelivery.get(endpoint_id=hook["id"])
    assert delivery.status == "pending" and delivery.last_error.startswith("refused:")
    # Allowed for development: sent by name.
    later = datetime.now(UTC) + timedelta(hours=1)
    assert await deliver_due(transport=receiver.transport(), now=later, allow_private=True) == 1
    assert receiver.received[0].url.host == own_name


def test_an_attempt_is_pinned_to_the_checked_address():
    url, headers, extensions = pinned_request("https://hooks.example.com:8443/in?x=1", "93.184.215.14")
    assert str(url) == "https://93.184.215.14:8443/in?x=1"
    assert headers == {"Host": "hooks.example.com:8443"} and extensions == {"sni_hostname": "hooks.example.com"}
    url, headers, extensions = pinned_request("http://hooks.example.com/in", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    assert url.host == "2606:2800:21f:cb07:6820:80da:af6b:8b2c" and headers == {"Host": "hooks.example.com"} and extensions == {}
    assert pinned_request("http://10.0.0.1/x", None) == (httpx.URL("http://10.0.0.1/x"), {}, {})


async def test_private_targets_can_be_allowed_for_development(kaidian_client_for, kaidian_settings):
    settings = kaidian_settings.model_copy(update={"webhook_allow_private_targets": True})
    async with kaidian_client_for(settings=settings) as client:
        owner = (await make_shop(client)).owner
        created = await client.post("/api/admin/webhooks", json={"url": "http://127.0.0.1:9000/hook"}, headers=owner)
        assert created.status_code == 201, created.text
