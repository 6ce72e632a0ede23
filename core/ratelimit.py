"""Rate-limit counters shared by every worker: Redis when ``KAIDIAN_REDIS_URL`` is set,
process memory otherwise, through the ``limits`` library (it counts atomically — a Lua script
in Redis — which a get-then-set on Litestar's stores cannot do)."""

from __future__ import annotations

from typing import Any

from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter, RateLimiter, SlidingWindowCounterRateLimiter


def _limiter(app: Any, name: str, strategy: type[RateLimiter]) -> Any:
    state_key = f"ratelimit:{name}"
    limiter = app.state.get(state_key)
    if limiter is None:
        settings = app.state.settings
        storage: Storage = (
            RedisStorage("async+" + settings.redis_url, implementation="redispy", key_prefix=f"{settings.redis_key_prefix}{name}")
            if settings.redis_url
            else MemoryStorage()
        )
        limiter = strategy(storage)
        app.state[state_key] = limiter
    return limiter


def moving_window_limiter(app: Any, name: str) -> MovingWindowRateLimiter:
    """The app's exact moving-window limiter called ``name``, built on first use (nothing
    touches Redis at import or start-up); its Redis keys start with ``<KAIDIAN_REDIS_KEY_PREFIX><name>``.
    It keeps one timestamp per hit: right for small limits (logins, attempts)."""
    return _limiter(app, name, MovingWindowRateLimiter)


def sliding_window_counter_limiter(app: Any, name: str) -> SlidingWindowCounterRateLimiter:
    """Like ``moving_window_limiter`` but two counters per key (this window and the last,
    weighted): constant cost per hit however high the limit, for hot paths such as the
    analytics ingest, where the moving window's per-hit timestamps cost milliseconds per batch."""
    return _limiter(app, name, SlidingWindowCounterRateLimiter)
