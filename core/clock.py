"""The time the services read: the wall clock, or a moment pinned for the current task.

Services call ``clock.now()`` rather than ``datetime.now(UTC)``, so something that writes
history — the demo's seeder replaying a month of a shop's life — can pin the moment each step
happens and the services stamp it as they would have then (order numbers, paid_at, deadlines,
timers). A pin lives in a context variable: it holds for the task that set it and the tasks it
starts, never for a request served at the same time.

The ORM stamps ``auto_now``/``auto_now_add`` fields (``created_at``, ``updated_at``) itself
from ``tortoise.timezone.now``; the first pin routes that through this clock too, so a row
written under a pin is created at the pinned moment. Unpinned, both are the wall clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

_pinned: ContextVar[datetime | None] = ContextVar("kaidian_clock_pinned", default=None)
_orm_follows = False


def now() -> datetime:
    """The current moment, aware UTC: the pinned one if a pin holds, else the wall clock."""
    return _pinned.get() or datetime.now(UTC)


@contextmanager
def pinned(moment: datetime) -> Iterator[datetime]:
    """Let ``now()`` (and the ORM's timestamps) read ``moment`` inside the block."""
    if moment.tzinfo is None:
        raise ValueError("a pinned moment must be timezone-aware")
    _let_orm_follow()
    token = _pinned.set(moment.astimezone(UTC))
    try:
        yield moment
    finally:
        _pinned.reset(token)


def _let_orm_follow() -> None:
    global _orm_follows
    if _orm_follows:
        return
    from tortoise import timezone

    wall_clock = timezone.now

    def orm_now() -> datetime:
        moment = _pinned.get()
        if moment is None:
            return wall_clock()
        # tortoise's own contract: aware UTC with use_tz, naive local otherwise.
        return moment if timezone.get_use_tz() else moment.astimezone().replace(tzinfo=None)

    timezone.now = orm_now  # type: ignore[assignment]
    _orm_follows = True
