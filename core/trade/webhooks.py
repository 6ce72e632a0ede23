"""Merchant webhooks: order events POSTed to the shop's URLs, signed, retried with backoff.

Each event becomes one ``WebhookDelivery`` row per subscribed endpoint (the delivery log).
The ``trade_webhooks`` job sends due rows; a row is claimed with a conditional update on its
attempt count, so two instances never send the same attempt. A non-2xx answer or an error is
retried after 30 s · 2^attempt, up to ``MAX_ATTEMPTS``; staff may redeliver any row.

Signature: ``X-Kaidian-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>``.
Receivers recompute it and refuse timestamps far from their clock.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from core.trade.models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger("kaidian.trade.webhooks")

MAX_ATTEMPTS = 8
BASE_DELAY = timedelta(seconds=30)
TIMEOUT_S = 5.0


def is_public_url(url: str) -> bool:
    """Refuse obvious internal targets (localhost, private/loopback/link-local IP literals).

    Host names are not resolved here; a resolver-level check belongs in the egress proxy.
    """
    host = (urlsplit(url).hostname or "").lower()
    if not host or host == "localhost" or host.endswith((".localhost", ".internal", ".local")):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True
    return address.is_global


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


async def enqueue(shop_id: int, event: str, payload: dict[str, Any]) -> int:
    """Log one delivery per active endpoint of the shop subscribed to ``event``."""
    now = datetime.now(UTC)
    count = 0
    for endpoint in await WebhookEndpoint.filter(shop_id=shop_id, is_active=True).order_by("id"):
        if endpoint.events and event not in endpoint.events:
            continue
        await WebhookDelivery.create(shop_id=shop_id, endpoint_id=endpoint.id, event=event, payload=payload, next_attempt_at=now)
        count += 1
    return count


async def send(delivery: WebhookDelivery, *, transport: httpx.AsyncBaseTransport | None = None, now: datetime | None = None) -> bool:
    """One attempt; records the outcome and schedules the retry. True when delivered."""
    now = now or datetime.now(UTC)
    claimed = await WebhookDelivery.filter(id=delivery.id, attempts=delivery.attempts).update(attempts=delivery.attempts + 1)
    if not claimed:
        return False
    endpoint = await WebhookEndpoint.get(id=delivery.endpoint_id)  # type: ignore[attr-defined]
    body = json.dumps({"id": delivery.id, "event": delivery.event, "data": delivery.payload}, ensure_ascii=False).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Kaidian-Event": delivery.event,
        "X-Kaidian-Delivery": str(delivery.id),
        "X-Kaidian-Signature": signature(endpoint.secret, int(time.time()), body),
    }
    status_code: int | None = None
    error = ""
    try:
        async with httpx.AsyncClient(transport=transport, timeout=TIMEOUT_S) as client:
            response = await client.post(endpoint.url, content=body, headers=headers)
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}"
    except httpx.HTTPError as exc:
        error = repr(exc)[:200]
    attempts = delivery.attempts + 1
    if not error:
        await WebhookDelivery.filter(id=delivery.id).update(status="succeeded", last_status_code=status_code, last_error="", delivered_at=now)
        return True
    await WebhookDelivery.filter(id=delivery.id).update(
        status="failed" if attempts >= MAX_ATTEMPTS else "pending",
        last_status_code=status_code,
        last_error=error,
        next_attempt_at=now + BASE_DELAY * (2 ** (attempts - 1)),
    )
    return False


async def deliver_due(*, now: datetime | None = None, limit: int = 100, transport: httpx.AsyncBaseTransport | None = None) -> int:
    now = now or datetime.now(UTC)
    due = await WebhookDelivery.filter(status="pending", next_attempt_at__lte=now).order_by("next_attempt_at", "id").limit(limit)
    delivered = 0
    for delivery in due:
        delivered += await send(delivery, transport=transport, now=now)
    return delivered


async def redeliver(shop_id: int, delivery_id: int) -> WebhookDelivery:
    """Queue a logged delivery again, now, with a fresh attempt budget."""
    from core.errors import NotFound

    updated = await WebhookDelivery.filter(id=delivery_id, shop_id=shop_id).update(
        status="pending", attempts=0, next_attempt_at=datetime.now(UTC)
    )
    if not updated:
        raise NotFound()
    return await WebhookDelivery.get(id=delivery_id)


async def webhooks_job(ctx: Any) -> None:
    """The in-process runner's job (``kaidian_register_jobs``)."""
    await deliver_due()
