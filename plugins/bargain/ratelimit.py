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
from limits.aio.strategies import MovingWindowRateLimiter

from core.ratelimit import moving_window_limiter


class CutRateLimiter:
    def __init__(self, limiter: MovingWindowRateLimiter) -> None:
        self.limiter = limiter

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
    return CutRateLimiter(moving_window_limiter(app, "bargain-rate"))
