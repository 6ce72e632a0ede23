"""Merchant webhooks: order events POSTed to the shop's URLs, signed, retried with backoff.

Each event becomes one ``WebhookDelivery`` row per subscribed endpoint (the delivery log).
The ``trade_webhooks`` job sends due rows; a row is claimed with a conditional update on its
attempt count, so two instances never send the same attempt. A non-2xx answer or an error is
retried after 30 s · 2^attempt, up to ``MAX_ATTEMPTS``; staff may redeliver any row.

Signature: ``X-Kaidian-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>``.
Receivers recompute it and refuse timestamps far from their clock.

Targets (SSRF): a URL's host is resolved (DNS) when it is registered and again before every
attempt; every address must be public (not private, loopback, link-local, reserved…). The
attempt then connects to the checked address — the host name goes in ``Host`` and TLS SNI —
so a DNS answer that changes between the check and the connection cannot redirect it.
``KAIDIAN_WEBHOOK_ALLOW_PRIVATE_TARGETS=true`` turns the check off (development, tests).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from core import clock
from core.trade.models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger("kaidian.trade.webhooks")

MAX_ATTEMPTS = 8
BASE_DELAY = timedelta(seconds=30)
TIMEOUT_S = 5.0


RESOLVE_TIMEOUT_S = 3.0
INTERNAL_NAMES = ("localhost",)
INTERNAL_SUFFIXES = (".localhost", ".internal", ".local", ".localdomain", ".home.arpa")


class UnsafeTarget(Exception):
    """A webhook URL we refuse to call; ``reason`` is ``{"zh-CN", "en"}``."""

    def __init__(self, reason: dict[str, str]) -> None:
        super().__init__(reason["en"])
        self.reason = reason


NOT_PUBLIC = {"zh-CN": "不能使用内网、本机或保留地址", "en": "the host is not a public internet address"}
UNRESOLVABLE = {"zh-CN": "域名无法解析", "en": "the host name does not resolve"}


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback
    return address.is_global and not address.is_multicast


async def _resolve(host: str, port: int) -> set[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return {ipaddress.ip_address(host)}
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), RESOLVE_TIMEOUT_S)
    except (OSError, TimeoutError, UnicodeError):
        raise UnsafeTarget(UNRESOLVABLE) from None
    # A scoped IPv6 answer ("fe80::1%eth0") carries its zone after "%".
    return {ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos}


async def check_target(url: str, *, allow_private: bool) -> str | None:
    """The address an attempt must connect to, after checking the URL's host.

    Raises ``UnsafeTarget`` when the host is internal by name, does not resolve, or any of
    its addresses is not public. Returns ``None`` when ``allow_private`` (no check: connect
    by name).
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if allow_private:
        return None
    if not host or host in INTERNAL_NAMES or host.endswith(INTERNAL_SUFFIXES):
        raise UnsafeTarget(NOT_PUBLIC)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise UnsafeTarget(NOT_PUBLIC) from None
    addresses = await _resolve(host, port)
    if not addresses or not all(_is_public(address) for address in addresses):
        raise UnsafeTarget(NOT_PUBLIC)
    return str(min(addresses, key=lambda address: (address.version, int(address))))


def pinned_request(url: str, address: str | None) -> tuple[httpx.URL, dict[str, str], dict[str, Any]]:
    """``url`` aimed at the checked ``address``, with the host name in ``Host`` and SNI."""
    target = httpx.URL(url)
    if address is None:
        return target, {}, {}
    headers = {"Host": target.netloc.decode("ascii")}
    extensions: dict[str, Any] = {"sni_hostname": target.host} if target.scheme == "https" else {}
    return target.copy_with(host=address), headers, extensions


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


async def enqueue(shop_id: int, event: str, payload: dict[str, Any]) -> int:
    """Log one delivery per active endpoint of the shop subscribed to ``event``."""
    now = clock.now()
    count = 0
    for endpoint in await WebhookEndpoint.filter(shop_id=shop_id, is_active=True).order_by("id"):
        if endpoint.events and event not in endpoint.events:
            continue
        await WebhookDelivery.create(shop_id=shop_id, endpoint_id=endpoint.id, event=event, payload=payload, next_attempt_at=now)
        count += 1
    return count


async def send(
    delivery: WebhookDelivery,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    now: datetime | None = None,
    allow_private: bool = False,
) -> bool:
    """One attempt; records the outcome and schedules the retry. True when delivered."""
    now = now or clock.now()
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
        # Checked again now: the name may point somewhere else than at registration.
        url, host_headers, extensions = pinned_request(endpoint.url, await check_target(endpoint.url, allow_private=allow_private))
        async with httpx.AsyncClient(transport=transport, timeout=TIMEOUT_S) as client:
            response = await client.post(url, content=body, headers={**headers, **host_headers}, extensions=extensions)
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}"
    except UnsafeTarget as exc:
        error = f"refused: {exc.reason['en']}"
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


async def deliver_due(
    *,
    now: datetime | None = None,
    limit: int = 100,
    transport: httpx.AsyncBaseTransport | None = None,
    allow_private: bool = False,
) -> int:
    now = now or clock.now()
    due = await WebhookDelivery.filter(status="pending", next_attempt_at__lte=now).order_by("next_attempt_at", "id").limit(limit)
    delivered = 0
    for delivery in due:
        delivered += await send(delivery, transport=transport, now=now, allow_private=allow_private)
    return delivered


async def redeliver(shop_id: int, delivery_id: int) -> WebhookDelivery:
    """Queue a logged delivery again, now, with a fresh attempt budget."""
    from core.errors import NotFound

    updated = await WebhookDelivery.filter(id=delivery_id, shop_id=shop_id).update(
        status="pending", attempts=0, next_attempt_at=clock.now()
    )
    if not updated:
        raise NotFound()
    return await WebhookDelivery.get(id=delivery_id)


async def webhooks_job(ctx: Any) -> None:
    """The in-process runner's job (``kaidian_register_jobs``)."""
    settings = ctx.app.state.settings
    await deliver_due(allow_private=settings.webhook_allow_private_targets)
