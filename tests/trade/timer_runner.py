"""A timer runner in a process of its own, for tests that kill it with SIGKILL.

``python -m tests.trade.timer_runner SETTINGS_JSON MODE STAGE`` runs the app's timer job —
in process (``MODE=embedded``, the runner of a single ``kaidian serve``) or as a worker of the
Redis job queue (``MODE=queue``, what ``kaidian worker`` runs) — with :class:`LeaseProbe`
registered. The probe's timer auto-cancels an order, and hangs ``before`` or ``after`` doing so
once it prints ``claimed <timer id>``: the test then kills the process mid-timer.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import replace
from typing import Any

from core.hookspecs import hookimpl
from core.manifest import PluginManifest

KIND = "lease_probe"


class LeaseProbe:
    """A temporary plugin: the ``lease_probe`` timer auto-cancels the order it targets."""

    def __init__(self, hang: str | None = None) -> None:
        self.manifest = PluginManifest(name="lease_probe", version="0.1.0", title={"zh-CN": "租约探针", "en": "lease probe"})
        self.hang = hang  # "before" or "after" the cancellation, or never

    @hookimpl
    def kaidian_register_timer_handlers(self, register):
        from core.trade.orders import auto_cancel

        async def handler(host: Any, settings: Any, timer: Any) -> None:
            print(f"claimed {timer.id}", flush=True)
            if self.hang == "before":
                await asyncio.Event().wait()
            await auto_cancel(host, settings, timer)
            if self.hang == "after":
                await asyncio.Event().wait()

        register(KIND, handler)


async def run(settings_json: str, mode: str, stage: str) -> None:
    from core.app import create_app
    from core.db import init_db
    from core.job_queue import QueueWorker
    from core.jobs import JobRunner
    from core.settings import Settings

    app = create_app(Settings.model_validate_json(settings_json), plugins=[LeaseProbe(stage)])
    await init_db(app.state.db_config)
    timers_job = replace(app.state.registries.jobs["core.trade_timers"], every_seconds=1)
    if mode == "queue":
        await QueueWorker(app, {timers_job.name: timers_job}).run()
    else:
        JobRunner({timers_job.name: timers_job}).start(app)
        await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(run(*sys.argv[1:4]))
