"""Per-shop values a hot path reads on every request (a settings row, a plugin's tiers),
remembered by this process instead of queried each time.

A ``ShopMemo`` reads a shop's value through its loader at most once per ``ttl`` seconds. The
code that changes the value calls ``forget(shop_id)`` (after or inside its transaction): this
process then reads the database afresh for the next ``ttl`` seconds, so neither a read racing
the uncommitted write nor an old value is remembered; other processes and instances see the
change within ``ttl`` — as they see a plugin switched on or off (``core.plugin_host``) or a
catalog edit (``core.catalog.cache``). Use it only for values where that much delay across
processes is acceptable, and treat what it returns as read-only: it is shared.

Every memo is emptied when the database is (re)initialised (``core.db.init_db``), so a process
that switches databases (the test suite) never answers with another database's value.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")

DEFAULT_TTL_SECONDS = 2.0

_memos: weakref.WeakSet[ShopMemo] = weakref.WeakSet()


class ShopMemo(Generic[T]):
    def __init__(self, load: Callable[[int], Awaitable[T]], ttl: float = DEFAULT_TTL_SECONDS, *, max_entries: int | None = None) -> None:
        self._load = load
        self.ttl = ttl
        self.max_entries = max_entries  # for memos keyed by something more numerous than shops
        self._values: dict[int, tuple[float, T]] = {}
        self._rereading_until: dict[int, float] = {}
        _memos.add(self)

    async def get(self, shop_id: int) -> T:
        now = time.monotonic()
        known = self._values.get(shop_id)
        if known is not None and known[0] > now:
            return known[1]
        value = await self._load(shop_id)
        if self._rereading_until.get(shop_id, 0.0) <= now:
            if self.max_entries is not None and len(self._values) >= self.max_entries:
                self._values.pop(next(iter(self._values)))  # the longest remembered
            self._values[shop_id] = (now + self.ttl, value)
        return value

    def forget(self, shop_id: int) -> None:
        """The shop's value is changing: read it from the database for the next ``ttl`` seconds."""
        self._values.pop(shop_id, None)
        self._rereading_until[shop_id] = time.monotonic() + self.ttl

    def clear(self) -> None:
        self._values.clear()
        self._rereading_until.clear()


def forget_everything() -> None:
    """Empty every memo of the process (the database changed)."""
    for memo in list(_memos):
        memo.clear()
