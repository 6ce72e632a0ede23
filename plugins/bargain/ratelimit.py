"""Short-window rate limiting of cut attempts per customer, device token and IP.

Backed by Redis when ``KAIDIAN_REDIS_URL`` is set (shared by every worker), in process memory
otherwise, through the ``limits`` library's moving-window limiter: it counts atomically (a Lua
script in Redis), which a get-then-set counter on Litestar's key/value stores cannot do, so a
burst from one device across several workers cannot slip past the limit.

The daily quotas (per device, per IP, per helper) are exact counters in the database instead;
this limiter only blunts scripted bursts before they reach it.
"""

from __future__ import annotations

from typing import Any

from limits import RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

STATE_KEY = "bargain_rate_limiter"


class CutRateLimiter:
    def __init__(self, settings: Any) -> None:
        storage: Storage
        if settings.redis_url:
            storage = RedisStorage(
                "async+" + settings.redis_url, implementation="redispy", key_prefix=f"{settings.redis_key_prefix}bargain-rate"
            )
        else:
            storage = MemoryStorage()
        self.storage = storage
        self.limiter = MovingWindowRateLimiter(storage)

    async def allow(self, per_minute: int, *identifiers: str) -> bool:
        """Count one attempt against each identifier; False when any is over ``per_minute``."""
        item = RateLimitItemPerMinute(per_minute)
        allowed = True
        for identifier in identifiers:
            # Count against every identifier even after one refuses, so a device that keeps
            # hammering stays limited however its other identifiers fare.
            allowed = await self.limiter.hit(item, "bargain-cut", identifier) and allowed
        return allowed


def limiter_for(app: Any) -> CutRateLimiter:
    """The app's limiter, built on first use (nothing touches Redis at import or start-up)."""
    limiter = app.state.get(STATE_KEY)
    if limiter is None:
        limiter = CutRateLimiter(app.state.settings)
        app.state[STATE_KEY] = limiter
    return limiter
