"""Staff login throttling: failed passwords are counted per account and per client address in a
moving window; past the limit every login of that account (or from that address) answers 429
``login_locked`` with ``Retry-After`` — without checking the password, so guessing stops — until
the window moves on. Successful logins are not counted. Each lockout is logged once."""

from __future__ import annotations

import hashlib
import logging
import math
import time
from typing import Any

from limits import RateLimitItemPerMinute

from core.errors import TooManyRequests
from core.ratelimit import moving_window_limiter

logger = logging.getLogger("kaidian.accounts.login")

LOCKOUT_MINUTES = 15
FAILURES_PER_ACCOUNT = 5
FAILURES_PER_ADDRESS = 30
PER_ACCOUNT = RateLimitItemPerMinute(FAILURES_PER_ACCOUNT, LOCKOUT_MINUTES)
PER_ADDRESS = RateLimitItemPerMinute(FAILURES_PER_ADDRESS, LOCKOUT_MINUTES)


def _account_key(email: str) -> str:
    # Hashed: the counters' keys in Redis need not show who is being guessed at.
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


def _counters(email: str, address: str) -> list[tuple[Any, str, str]]:
    return [(PER_ACCOUNT, "account", _account_key(email)), (PER_ADDRESS, "address", address)]


async def refuse_if_locked(app: Any, email: str, address: str) -> None:
    limiter = moving_window_limiter(app, "staff-login")
    for item, kind, key in _counters(email, address):
        if not await limiter.test(item, kind, key):
            reset_at, _ = await limiter.get_window_stats(item, kind, key)
            seconds = max(1, math.ceil(reset_at - time.time()))
            error = TooManyRequests("login_locked", field="email" if kind == "account" else None, minutes=math.ceil(seconds / 60))
            error.headers["Retry-After"] = str(seconds)
            raise error


async def count_failure(app: Any, email: str, address: str) -> None:
    limiter = moving_window_limiter(app, "staff-login")
    for item, kind, key in _counters(email, address):
        await limiter.hit(item, kind, key)
        if not await limiter.test(item, kind, key):
            logger.warning(
                "staff login locked for %d minutes after %d failures: %s %s",
                LOCKOUT_MINUTES, item.amount, kind, address if kind == "address" else email.strip().lower(),
            )
