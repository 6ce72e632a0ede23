"""In-process runner for scheduled jobs registered through ``kaidian_register_jobs``.

This serves the embedded default (one process, no Redis). With Redis configured the same
jobs run on the SAQ queue instead (``core.job_queue``), once per tick across every instance.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from core.registries import ScheduledJob

logger = logging.getLogger("kaidian.jobs")


@dataclass
class JobContext:
    """What a job function receives: the app (``ctx.app.state``), its registration and, when
    it runs on the Redis queue, the SAQ queue (``None`` in the in-process runner)."""

    app: Any
    job: ScheduledJob
    queue: Any = None


class JobRunner:
    def __init__(self, jobs: dict[str, ScheduledJob]) -> None:
        self.jobs = jobs
        self._tasks: list[asyncio.Task[None]] = []
        self.runs: dict[str, int] = {name: 0 for name in jobs}

    async def _loop(self, app: Any, job: ScheduledJob) -> None:
        while True:
            await asyncio.sleep(job.every_seconds)
            try:
                await job.func(JobContext(app, job))
                self.runs[job.name] += 1
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("job %s of plugin %s failed", job.name, job.plugin)

    def start(self, app: Any) -> None:
        for job in self.jobs.values():
            self._tasks.append(asyncio.create_task(self._loop(app, job), name=f"job:{job.name}"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
