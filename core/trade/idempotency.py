"""``Idempotency-Key`` for checkout, with Stripe's semantics.

* same key + same body → the first response, replayed;
* same key + a different body → 422;
* same key while the first request is still running → 409.

The key row is committed *before* the work starts, so a concurrent duplicate sees it. A
request that fails with a problem response deletes its key: nothing was written, and the
client may retry with the same key (e.g. after stock was replenished).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError

from core.errors import Conflict, InvalidInput
from core.trade.models import IdempotencyKey

MAX_KEY_LENGTH = 64


def body_hash(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode()).hexdigest()


@dataclass
class Claim:
    """Either a fresh claim (``row``) or a stored answer to replay (``status_code``, ``response``)."""

    row: IdempotencyKey | None = None
    status_code: int | None = None
    response: Any = None


def check_key(key: str | None) -> str:
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidInput(
            field="Idempotency-Key",
            reason={"zh-CN": "请求头 Idempotency-Key 必填，最长 64 个字符", "en": "the Idempotency-Key header is required (at most 64 characters)"},
        )
    return key


async def claim(shop_id: int, customer_id: int, key: str, request_hash: str) -> Claim:
    try:
        row = await IdempotencyKey.create(shop_id=shop_id, customer_id=customer_id, key=key, request_hash=request_hash)
        return Claim(row=row)
    except IntegrityError:
        pass
    existing = await IdempotencyKey.get_or_none(shop_id=shop_id, customer_id=customer_id, key=key)
    if existing is None:  # the first request failed and released the key just now
        raise Conflict(field="Idempotency-Key", reason={"zh-CN": "相同请求正在处理，请稍后重试", "en": "a request with this key is in flight; retry"})
    if existing.request_hash != request_hash:
        raise InvalidInput(
            field="Idempotency-Key",
            reason={"zh-CN": "该 Idempotency-Key 已用于另一个请求", "en": "this Idempotency-Key was used with a different request"},
        )
    if existing.status_code is None:
        raise Conflict(field="Idempotency-Key", reason={"zh-CN": "相同请求正在处理，请稍后重试", "en": "a request with this key is in flight; retry"})
    return Claim(status_code=existing.status_code, response=existing.response)


async def complete(row: IdempotencyKey, status_code: int, response: Any) -> None:
    await IdempotencyKey.filter(id=row.id).update(status_code=status_code, response=response)


async def release(row: IdempotencyKey) -> None:
    await IdempotencyKey.filter(id=row.id, status_code__isnull=True).delete()
