"""Wrong pickup codes are counted per leader: after ``WRONG_CODES_PER_HOUR`` in a moving hour
the leader's verifications answer 429 until the window moves on, so nobody can walk through
the 10¹⁰ codes. Counts live in Redis when ``KAIDIAN_REDIS_URL`` is set (shared by every
worker, atomic in the ``limits`` library's Lua script), in process memory otherwise."""

from __future__ import annotations

from typing import Any

from limits import RateLimitItemPerHour
from limits.aio.strategies import MovingWindowRateLimiter

from core.errors import TooManyRequests
from core.ratelimit import moving_window_limiter

WRONG_CODES_PER_HOUR = 20
WINDOW = RateLimitItemPerHour(WRONG_CODES_PER_HOUR)


def _limiter(app: Any) -> MovingWindowRateLimiter:
    return moving_window_limiter(app, "community-group")


async def refuse_if_locked(app: Any, shop_id: int, leader_id: int) -> None:
    if not await _limiter(app).test(WINDOW, "wrong-code", str(shop_id), str(leader_id)):
        raise TooManyRequests()


async def count_wrong_code(app: Any, shop_id: int, leader_id: int) -> None:
    await _limiter(app).hit(WINDOW, "wrong-code", str(shop_id), str(leader_id))
