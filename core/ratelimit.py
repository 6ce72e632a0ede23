"""Moving-window counters shared by every worker: Redis when ``KAIDIAN_REDIS_URL`` is set,
process memory otherwise, through the ``limits`` library (it counts atomically — a Lua script
in Redis — which a get-then-set on Litestar's stores cannot do)."""

from __future__ import annotations

from typing import Any

from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter


def moving_window_limiter(app: Any, name: str) -> MovingWindowRateLimiter:
    """The app's limiter called ``name``, built on first use (nothing touches Redis at import
    or start-up); its Redis keys start with ``<KAIDIAN_REDIS_KEY_PREFIX><name>``."""
    state_key = f"ratelimit:{name}"
    limiter = app.state.get(state_key)
    if limiter is None:
        settings = app.state.settings
        storage: Storage = (
            RedisStorage("async+" + settings.redis_url, implementation="redispy", key_prefix=f"{settings.redis_key_prefix}{name}")
            if settings.redis_url
            else MemoryStorage()
        )
        limiter = MovingWindowRateLimiter(storage)
        app.state[state_key] = limiter
    return limiter
