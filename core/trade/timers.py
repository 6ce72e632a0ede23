"""Durable timers: rows in ``kd_trade_timer``, fired once they fall due.

Embedded (no Redis), the ``trade_timers`` job polls for due rows and fires them in process;
with Redis, the same tick enqueues one SAQ job per timer (``core.job_queue``). Either way the
state is in the database, so a restart loses nothing: the first tick after start-up picks up
every timer that fell due while the app was down. Each due timer is claimed with a
conditional ``UPDATE … WHERE status = 'pending'`` before it runs, so several app instances
fire it once; the claim is a lease (``LEASE``), so a timer whose runner was killed mid-way is
claimed again once the lease runs out. Handlers are idempotent (e.g. auto-cancel is a
conditional state move), so a handler run again after a crash does its effect once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import Q

from core import clock, sql
from core.plugin_host import PluginHost
from core.trade.models import Timer, TimerStatus

logger = logging.getLogger("kaidian.trade.timers")

AUTO_CANCEL = "auto_cancel"
AUTO_CONFIRM = "auto_confirm"
RETRY_DELAY = timedelta(minutes=1)
MAX_ATTEMPTS = 10
# How long a claim holds a timer. Longer than a queue job may run (``JOB_TIMEOUT_SECONDS`` in
# ``core.job_queue``: a live runner is stopped and gives the timer back before then), so only
# a runner that died without a word (SIGKILL, a lost machine) lets its lease run out.
LEASE = timedelta(minutes=5)

TimerHandler = Callable[[PluginHost, Any, Timer], Awaitable[None]]


async def schedule(shop_id: int, kind: str, target_id: int, run_at: datetime) -> None:
    await sql.insert(Timer(shop_id=shop_id, kind=kind, target_id=target_id, run_at=run_at))  # every checkout arms one


async def rearm(shop_id: int, kind: str, target_id: int, run_at: datetime) -> None:
    """Set a target's timer (one per kind and target) to fire at ``run_at``, whether it fired
    before or is new: how a handler schedules its own next run."""
    if not await Timer.filter(kind=kind, target_id=target_id).update(status=TimerStatus.PENDING, run_at=run_at, lease_until=None):
        await schedule(shop_id, kind, target_id, run_at)


async def disarm(kind: str, target_id: int) -> None:
    """Settle a target's timer: it will not fire. A running one is settled too (a handler
    that disarms its own timer, as auto-cancel does, settles it with its effect)."""
    await Timer.filter(kind=kind, target_id=target_id, status__in=(TimerStatus.PENDING, TimerStatus.RUNNING)).update(
        status=TimerStatus.DONE, lease_until=None
    )


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


def due(now: datetime) -> Q:
    """Timers a runner may claim at ``now``: pending and due, or running on a lease that ran
    out (its runner died mid-handler)."""
    return Q(status=TimerStatus.PENDING, run_at__lte=now) | Q(status=TimerStatus.RUNNING, lease_until__lte=now)


async def run_due_timers(host: PluginHost, settings: Any = None, *, now: datetime | None = None, limit: int = 100) -> int:
    """Fire timers due at ``now``; returns how many this call fired. ``settings`` lets
    handlers reach payment providers (e.g. to ask whether an order was paid before cancelling)."""
    now = now or clock.now()
    timers = await Timer.filter(due(now)).order_by("run_at", "id").limit(limit)
    table = handlers(host)
    fired = 0
    for timer in timers:
        fired += await _claim_and_fire(host, settings, table, timer, now)
    return fired


async def fire_timer(host: PluginHost, settings: Any, timer_id: int, *, now: datetime | None = None) -> bool:
    """Fire one timer if it is still due (the Redis queue's job for a timer)."""
    now = now or clock.now()
    timer = await Timer.filter(due(now), id=timer_id).first()
    if timer is None:
        return False
    return await _claim_and_fire(host, settings, handlers(host), timer, now)


async def _claim_and_fire(host: PluginHost, settings: Any, table: dict[str, TimerHandler], timer: Timer, now: datetime) -> bool:
    # The claim is a conditional update on the attempt count this runner saw, so of several
    # runners one wins, and a lease that ran out is taken over by one. A runner that dies
    # mid-handler leaves the timer running until its lease ends; one stopped mid-way
    # (shutdown, a job timeout) gives it back at once. Either way the handler's transaction
    # rolled back or committed whole, and handlers are idempotent, so the effect happens once.
    # The claim itself is shielded, so a stop during it still tells whether this runner won it.
    attempt = timer.attempts + 1
    claim = asyncio.ensure_future(
        Timer.filter(due(now), id=timer.id, attempts=timer.attempts).update(
            status=TimerStatus.RUNNING, attempts=attempt, lease_until=now + LEASE
        )
    )
    try:
        claimed = await asyncio.shield(claim)
    except asyncio.CancelledError:
        if await _to_the_end(claim):
            await _to_the_end(asyncio.ensure_future(_release(timer.id, attempt, TimerStatus.PENDING)))
        raise
    if not claimed:
        return False
    handler = table.get(timer.kind)
    if handler is None:
        logger.error("timer %s has unknown kind %s", timer.id, timer.kind)
        await _release(timer.id, attempt, TimerStatus.DONE)
        return False
    try:
        await handler(host, settings, timer)
    except asyncio.CancelledError:
        await _to_the_end(asyncio.ensure_future(_release(timer.id, attempt, TimerStatus.PENDING)))
        raise
    except Exception:
        logger.exception("timer %s (%s %s) failed", timer.id, timer.kind, timer.target_id)
        if attempt < MAX_ATTEMPTS:
            await _release(timer.id, attempt, TimerStatus.PENDING, run_at=now + RETRY_DELAY)
        else:
            await _release(timer.id, attempt, TimerStatus.DONE)
        return False
    await _release(timer.id, attempt, TimerStatus.DONE)
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


async def _release(timer_id: int, attempt: int, status: TimerStatus, **changes: Any) -> None:
    """End this runner's claim (attempt ``attempt``). A claim no longer held is left alone:
    the handler rearmed its own timer, or the lease ran out and another runner took over."""
    await Timer.filter(id=timer_id, status=TimerStatus.RUNNING, attempts=attempt).update(
        status=status, lease_until=None, **changes
    )


async def timers_job(ctx: Any) -> None:
    """The ``trade_timers`` job (``kaidian_register_jobs``): fire what is due, or on the
    Redis queue enqueue one job per timer falling due (see ``core.job_queue``)."""
    if ctx.queue is not None:
        from core.job_queue import enqueue_due_timers

        await enqueue_due_timers(ctx.queue)
    else:
        await run_due_timers(ctx.app.state.host, ctx.app.state.settings)
