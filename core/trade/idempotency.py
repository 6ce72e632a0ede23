"""``Idempotency-Key`` for checkout, with Stripe's semantics.

* same key + same body → the first response, replayed;
* same key + a different body → 422;
* same key while the first request is still running → 409.

The key row is committed *before* the work starts, so a concurrent duplicate sees it. A
request that fails with a problem response deletes its key: nothing was written, and the
client may retry with the same key (e.g. after stock was replenished).

A request can also die between its claim and its answer (its process killed, its instance
lost behind a load balancer). Its key would answer 409 for ever, even when its order was
committed. So a claim left unanswered for ``STALE_AFTER`` is looked at again: the order that
names the key (``Order.idempotency_key_id``, written in the order's own transaction) is
answered as the first response; without one, the next request takes the claim over. The
order's unique key keeps a takeover racing a slow first request to one order.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from tortoise.exceptions import IntegrityError

from core import clock, sql
from core.errors import Conflict, InvalidInput
from core.trade.models import IdempotencyKey, Order

MAX_KEY_LENGTH = 64
# Far longer than a checkout takes; a retry within it is told the first is still in flight.
STALE_AFTER = timedelta(seconds=30)


def body_hash(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode()).hexdigest()


@dataclass
class Claim:
    """Either a claim (``row``) or a stored answer to replay (``status_code``, ``response``).
    A claim with ``placed_order_id`` took over from a request that died after its order was
    committed: answer with that order and ``complete`` the claim, placing nothing."""

    row: IdempotencyKey | None = None
    status_code: int | None = None
    response: Any = None
    placed_order_id: int | None = None


def in_flight() -> Conflict:
    return Conflict(field="Idempotency-Key", reason={"zh-CN": "相同请求正在处理，请稍后重试", "en": "a request with this key is in flight; retry"})


def check_key(key: str | None) -> str:
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidInput(
            field="Idempotency-Key",
            reason={"zh-CN": "请求头 Idempotency-Key 必填，最长 64 个字符", "en": "the Idempotency-Key header is required (at most 64 characters)"},
        )
    return key


async def claim(shop_id: int, customer_id: int, key: str, request_hash: str) -> Claim:
    try:
        row = IdempotencyKey(shop_id=shop_id, customer_id=customer_id, key=key, request_hash=request_hash)
        await sql.insert(row)  # every checkout claims one
        return Claim(row=row)
    except IntegrityError:
        pass
    existing = await IdempotencyKey.get_or_none(shop_id=shop_id, customer_id=customer_id, key=key)
    if existing is None:  # the first request failed and released the key just now
        raise in_flight()
    if existing.request_hash != request_hash:
        raise InvalidInput(
            field="Idempotency-Key",
            reason={"zh-CN": "该 Idempotency-Key 已用于另一个请求", "en": "this Idempotency-Key was used with a different request"},
        )
    if existing.status_code is not None:
        return Claim(status_code=existing.status_code, response=existing.response)
    if clock.now() - existing.created_at < STALE_AFTER:
        raise in_flight()
    return await _take_over(existing)


async def _take_over(stale: IdempotencyKey) -> Claim:
    """A claim unanswered for STALE_AFTER: its request died (or is very slow)."""
    placed = await Order.filter(idempotency_key_id=stale.id).values_list("id", flat=True)
    if placed:
        return Claim(row=stale, placed_order_id=placed[0])
    # Renewing the claim's time is the takeover: of two retries at once, one renews it.
    renewed = clock.now()
    taken = await IdempotencyKey.filter(id=stale.id, status_code__isnull=True, created_at=stale.created_at).update(created_at=renewed)
    if not taken:
        raise in_flight()
    stale.created_at = renewed
    return Claim(row=stale)


async def complete(row: IdempotencyKey, status_code: int, response: Any) -> None:
    # Hand-written SQL (core.sql): every checkout stores its answer.
    await sql.execute(
        IdempotencyKey, _complete_sql(), [status_code, sql.db_value(IdempotencyKey, "response", response), row.id]
    )


@functools.cache
def _complete_sql() -> str:
    return f'UPDATE "{sql.table(IdempotencyKey)}" SET status_code = %s, response = %s WHERE id = %s'


async def release(row: IdempotencyKey) -> None:
    """Give the key back after a failure, unless another request has taken the claim over
    (its time renewed) or an order names it (a slow first request won the unique key)."""
    if await Order.filter(idempotency_key_id=row.id).exists():
        return
    await IdempotencyKey.filter(id=row.id, status_code__isnull=True, created_at=row.created_at).delete()


async def place_once(
    claim: Claim, place: Callable[[], Awaitable[Order]], answer: Callable[[Order], Awaitable[dict[str, Any]]]
) -> dict[str, Any]:
    """Run a claimed checkout: the order its first request placed (a takeover after that one
    died), else a new one from ``place``; ``answer`` makes the response body, stored for
    replays. A failure gives the key back and propagates."""
    assert claim.row is not None
    try:
        order = await Order.get(id=claim.placed_order_id) if claim.placed_order_id is not None else await place()
        body = await answer(order)
    except BaseException:
        await release(claim.row)
        raise
    await complete(claim.row, 201, body)
    return body
