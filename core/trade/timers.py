"""Durable timers: rows in ``kd_trade_timer``, fired once they fall due.

Embedded (no Redis), the ``trade_timers`` job polls for due rows and fires them in process;
with Redis, the same tick enqueues one SAQ job per timer (``core.job_queue``). Either way the
state is in the database, so a restart loses nothing: the first tick after start-up picks up
every timer that fell due while the app was down. Each due timer is claimed with a
conditional ``UPDATE … WHERE status = 'pending'`` before it runs, so several app instances
fire it once. Handlers are idempotent anyway (e.g. auto-cancel is a conditional state move).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.expressions import F

from core.plugin_host import PluginHost
from core.trade.models import Timer, TimerStatus

logger = logging.getLogger("kaidian.trade.timers")

AUTO_CANCEL = "auto_cancel"
AUTO_CONFIRM = "auto_confirm"
RETRY_DELAY = timedelta(minutes=1)
MAX_ATTEMPTS = 10

TimerHandler = Callable[[PluginHost, Any, Timer], Awaitable[None]]


async def schedule(shop_id: int, kind: str, target_id: int, run_at: datetime) -> None:
    await Timer.create(shop_id=shop_id, kind=kind, target_id=target_id, run_at=run_at)


async def rearm(shop_id: int, kind: str, target_id: int, run_at: datetime) -> None:
    """Set a target's timer (one per kind and target) to fire at ``run_at``, whether it fired
    before or is new: how a handler schedules its own next run."""
    if not await Timer.filter(kind=kind, target_id=target_id).update(status=TimerStatus.PENDING, run_at=run_at):
        await schedule(shop_id, kind, target_id, run_at)


async def disarm(kind: str, target_id: int) -> None:
    await Timer.filter(kind=kind, target_id=target_id, status=TimerStatus.PENDING).update(status=TimerStatus.DONE)


def handlers(host: PluginHost) -> dict[str, TimerHandler]:
    """Timer kinds and their handlers, from every plugin's ``kaidian_register_timer_handlers``."""
    table: dict[str, TimerHandler] = {}
    owners: dict[str, str] = {}
    for item in host.registrations("kaidian_register_timer_handlers"):
        kind = item.args[0] if item.args else item.kwargs["kind"]
        handler = item.args[1] if len(item.args) > 1 else item.kwargs["handler"]
        if kind in table:
            raise ValueError(f"timer kind {kind!r} of plugin {item.plugin!r} clashes with plugin {owners[kind]!r}")
        table[kind], owners[kind] = handler, item.plugin
    return table


async def run_due_timers(host: PluginHost, settings: Any = None, *, now: datetime | None = None, limit: int = 100) -> int:
    """Fire timers due at ``now``; returns how many this call fired. ``settings`` lets
    handlers reach payment providers (e.g. to ask whether an order was paid before cancelling)."""
    now = now or datetime.now(UTC)
    due = await Timer.filter(status=TimerStatus.PENDING, run_at__lte=now).order_by("run_at", "id").limit(limit)
    table = handlers(host)
    fired = 0
    for timer in due:
        fired += await _claim_and_fire(host, settings, table, timer, now)
    return fired


async def fire_timer(host: PluginHost, settings: Any, timer_id: int, *, now: datetime | None = None) -> bool:
    """Fire one timer if it is still pending and due (the Redis queue's job for a timer)."""
    now = now or datetime.now(UTC)
    timer = await Timer.get_or_none(id=timer_id, status=TimerStatus.PENDING, run_at__lte=now)
    if timer is None:
        return False
    return await _claim_and_fire(host, settings, handlers(host), timer, now)


async def _claim_and_fire(host: PluginHost, settings: Any, table: dict[str, TimerHandler], timer: Timer, now: datetime) -> bool:
    # Stopped mid-way (shutdown, a job timeout), a claimed timer goes back to pending rather
    # than being lost: the handler's transaction rolled back, and handlers are idempotent. The
    # claim itself is shielded, so a stop during it still tells whether this runner won it.
    claim = asyncio.ensure_future(
        Timer.filter(id=timer.id, status=TimerStatus.PENDING).update(status=TimerStatus.DONE, attempts=F("attempts") + 1)
    )
    try:
        claimed = await asyncio.shield(claim)
    except asyncio.CancelledError:
        if await _to_the_end(claim):
            await _to_the_end(asyncio.ensure_future(_unclaim(timer.id)))
        raise
    if not claimed:
        return False
    handler = table.get(timer.kind)
    if handler is None:
        logger.error("timer %s has unknown kind %s", timer.id, timer.kind)
        return False
    try:
        await handler(host, settings, timer)
    except asyncio.CancelledError:
        await _to_the_end(asyncio.ensure_future(_unclaim(timer.id)))
        raise
    except Exception:
        logger.exception("timer %s (%s %s) failed", timer.id, timer.kind, timer.target_id)
        if timer.attempts + 1 < MAX_ATTEMPTS:
            await Timer.filter(id=timer.id).update(status=TimerStatus.PENDING, run_at=now + RETRY_DELAY)
        return False
    return True


async def _to_the_end(write: asyncio.Future[Any]) -> Any:
    """Wait for ``write`` even through further cancellations: the job that is being stopped
    ends only once the timer's row says what happened to it."""
    while not write.done():
        try:
            await asyncio.shield(write)
        except asyncio.CancelledError:
            continue
    return write.result()


async def _unclaim(timer_id: int) -> None:
    await Timer.filter(id=timer_id, status=TimerStatus.DONE).update(status=TimerStatus.PENDING)


async def timers_job(ctx: Any) -> None:
    """The ``trade_timers`` job (``kaidian_register_jobs``): fire what is due, or on the
    Redis queue enqueue one job per timer falling due (see ``core.job_queue``)."""
    if ctx.queue is not None:
        from core.job_queue import enqueue_due_timers

        await enqueue_due_timers(ctx.queue)
    else:
        await run_due_timers(ctx.app.state.host, ctx.app.state.settings)
