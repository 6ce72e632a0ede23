"""Scheduled jobs and durable timers on a Redis job queue (SAQ), for production.

With ``KAIDIAN_REDIS_URL`` set, every process that runs jobs (``kaidian worker``, and web
processes unless ``KAIDIAN_RUN_JOBS=false``) is a worker of one SAQ queue instead of running
the in-process :class:`core.jobs.JobRunner`:

* each job of ``kaidian_register_jobs`` is a SAQ cron job with a unique key, so one tick runs
  on one worker, however many instances there are;
* the ``trade_timers`` tick enqueues every timer falling due within the next tick as a job
  keyed by timer id and attempt, scheduled for its ``run_at`` — so a timer is queued once,
  fires within about a second of its time and is spread over the workers. The database row
  stays the source of truth: the job claims it with a conditional update (a lease) before
  running the handler, and a timer whose job was lost (Redis flushed) is enqueued again by the
  next tick, one whose worker was killed mid-handler once its lease runs out, so timers
  survive restarts of either the app or Redis.
"""

from __future__ import annotations

import asyncio
import logging
import math
from datetime import datetime, timedelta
from typing import Any

from core import clock
from core.jobs import JobContext
from core.registries import ScheduledJob
from core.settings import Settings

logger = logging.getLogger("kaidian.jobs")

FIRE_TIMER = "kaidian.fire_timer"
# A job running longer than this is taken for stuck (its worker died) and is swept, so its
# cron key or timer frees up again; handlers must stay well below it.
JOB_TIMEOUT_SECONDS = 120
# How far ahead a timer tick enqueues timers: a little more than the tick, so none is late.
TIMER_LOOKAHEAD = timedelta(seconds=10)
MAX_TIMERS_PER_TICK = 1000

SECOND_STEPS = (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30)
MINUTE_STEPS = SECOND_STEPS
HOUR_STEPS = (1, 2, 3, 4, 6, 8, 12)


def cron_for(every_seconds: int) -> str:
    """The cron line (seconds in the sixth field) for a job registered to run every
    ``every_seconds``: the longest interval that divides a minute, an hour or a day and is
    not longer than asked."""
    if every_seconds < 60:
        step = max(s for s in SECOND_STEPS if s <= max(every_seconds, 1))
        return f"* * * * * */{step}"
    if every_seconds < 3600:
        step = max(s for s in MINUTE_STEPS if s <= every_seconds // 60)
        return f"*/{step} * * * *"
    if every_seconds < 86400:
        step = max(s for s in HOUR_STEPS if s <= every_seconds // 3600)
        return f"0 */{step} * * *"
    return "0 0 * * *"


def queue_for(settings: Settings) -> Any:
    """The app's SAQ queue on ``settings.redis_url`` (keys ``saq:<prefix>jobs:…``)."""
    from saq.queue.redis import RedisQueue

    if not settings.redis_url:
        raise ValueError("the job queue needs KAIDIAN_REDIS_URL")
    return RedisQueue.from_url(settings.redis_url, name=f"{settings.redis_key_prefix}jobs")


def _cron_function(job: ScheduledJob) -> Any:
    async def run(ctx: dict[str, Any]) -> None:
        await job.func(JobContext(ctx["app"], job, queue=ctx["worker"].queue))

    # SAQ names functions (and the cron job's unique key) by qualified name.
    run.__qualname__ = run.__name__ = f"kaidian.job.{job.name}"
    return run


async def fire_timer(ctx: dict[str, Any], *, timer_id: int) -> bool:
    """The queue job of one timer: fire it if it is still pending and due, and this worker is
    not stopping. A stopping worker gives running timers back and SAQ queues their jobs again,
    yet one of its own dequeues may still take such a job: it must not fire the timer it has
    just given back (the next tick queues it for a live worker)."""
    from core.trade.timers import fire_timer as fire

    worker = ctx.get("worker")
    if worker is not None and worker.event.is_set():
        return False
    app = ctx["app"]
    return await fire(app.state.host, app.state.settings, timer_id)


fire_timer.__qualname__ = FIRE_TIMER


async def enqueue_due_timers(queue: Any, *, now: datetime | None = None) -> int:
    """Enqueue the pending timers due before the next tick; returns how many were new to the
    queue (a timer already queued under the same key is left as it is)."""
    from core.trade.models import Timer
    from core.trade.timers import due

    now = now or clock.now()
    timers = (
        await Timer.filter(due(now + TIMER_LOOKAHEAD))
        .order_by("run_at", "id")
        .limit(MAX_TIMERS_PER_TICK)
        .values_list("id", "attempts", "run_at", "lease_until")
    )
    queued = 0
    for timer_id, attempts, run_at, lease_until in timers:
        # a running timer is due again when its lease runs out
        run_at = max(run_at, lease_until) if lease_until else run_at
        job = await queue.enqueue(
            FIRE_TIMER,
            key=f"timer:{timer_id}:{attempts}",
            # whole seconds, rounded up: a job that starts early finds the timer not yet due
            scheduled=math.ceil(run_at.timestamp()) if run_at > now else 0,
            timeout=JOB_TIMEOUT_SECONDS,
            timer_id=timer_id,
        )
        queued += job is not None
    return queued


STOP_DEADLINE_S = 15.0


class QueueWorker:
    """This process's SAQ worker for ``app``: its cron jobs and the timer jobs.

    ``handle_signals`` is for a process of its own (``kaidian worker``); inside a web server
    the server owns SIGINT/SIGTERM and stops the worker from its lifespan.
    """

    def __init__(
        self, app: Any, jobs: dict[str, ScheduledJob], *, concurrency: int = 10, handle_signals: bool = False
    ) -> None:
        from saq import CronJob, Worker

        self.app = app
        self.queue = queue_for(app.state.settings)
        cron_jobs = [
            CronJob(_cron_function(job), cron=cron_for(job.every_seconds), timeout=JOB_TIMEOUT_SECONDS)
            for job in jobs.values()
        ]

        async def startup(ctx: dict[str, Any]) -> None:
            ctx["app"] = app

        self.worker = Worker(
            self.queue,
            functions=[fire_timer],
            cron_jobs=cron_jobs,
            concurrency=concurrency,
            startup=startup,
            # A job stopped mid-timer writes the timer back to pending before it ends; SAQ's
            # default 1 s wait for cancelled jobs can cut that write off on a busy database,
            # leaving the timer claimed until its lease runs out (minutes late).
            cancellation_hard_deadline_s=STOP_DEADLINE_S,
        )
        if not handle_signals:
            self.worker.SIGNALS = []
        self._task: asyncio.Task[None] | None = None

    async def run(self) -> None:
        """Work until stopped (or, with ``handle_signals``, until SIGINT/SIGTERM)."""
        await self.queue.connect()
        try:
            await self.worker.start()
        finally:
            await self.queue.disconnect()

    def start(self) -> None:
        self._task = asyncio.create_task(self.run(), name="kaidian:queue-worker")

    async def stop(self) -> None:
        if self._task is None:
            return
        await self.worker.stop()
        await asyncio.gather(self._task, return_exceptions=True)
        self._task = None
