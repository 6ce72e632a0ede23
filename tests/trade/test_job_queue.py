"""Scheduled jobs and durable timers on the Redis job queue (SAQ): several workers run each
job tick and each timer once, and timers survive a restart of the workers and of Redis.

Needs a real Redis (``KAIDIAN_REDIS_URL``; CI's MariaDB and PostgreSQL passes set it)."""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from core.app import create_app
from core.cli import cli
from core.hookspecs import hookimpl
from core.job_queue import QueueWorker, cron_for, enqueue_due_timers, queue_for
from core.manifest import PluginManifest
from core.testing import make_shop
from core.trade.models import Order, OrderStatus, Timer, TimerStatus
from tests.trade.helpers import make_sku, stock_of
from tests.trade.test_payments import place

needs_redis = pytest.mark.skipif(not os.environ.get("KAIDIAN_REDIS_URL"), reason="needs KAIDIAN_REDIS_URL (a real Redis)")
PROBE = "queue_probe"


class QueueProbe:
    """A temporary plugin: a timer kind and a one-second job that record each run."""

    def __init__(self) -> None:
        self.manifest = PluginManifest(name="queue_probe", version="0.1.0", title={"zh-CN": "队列探针", "en": "queue probe"})
        self.fired: list[int] = []
        self.ticks: list[float] = []
        self.block: set[int] = set()  # targets whose handler hangs (a worker stopped mid-timer)
        self.started: asyncio.Event | None = None

    @hookimpl
    def kaidian_register_timer_handlers(self, register):
        async def handler(host, settings, timer):
            if timer.target_id % 1000 in self.block:
                self.block.discard(timer.target_id % 1000)
                self.started.set()
                await asyncio.Event().wait()
            self.fired.append(timer.target_id % 1000)

        register(PROBE, handler)

    @hookimpl
    def kaidian_register_jobs(self, register):
        async def tick(ctx):
            self.ticks.append(time.time())

        register("tick", tick, 1)


def fast_jobs(app, *names: str) -> dict:
    """The app's jobs named, ticking every second (the timer tick is every 5 s by default)."""
    jobs = app.state.registries.jobs
    return {name: replace(jobs[name], every_seconds=1) for name in names}


async def clear_queue(settings) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(settings.redis_url)
    try:
        keys = [key async for key in client.scan_iter(match=f"saq:*{settings.redis_key_prefix}jobs*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


async def wait_for(condition, timeout: float = 40.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def probe_timers(shop_id: int, targets: range, run_at: datetime) -> None:
    """Probe timers whose target ids are ``targets`` offset by the shop id (unique per test)."""
    await Timer.bulk_create(
        [Timer(shop_id=shop_id, kind=PROBE, target_id=shop_id * 1000 + target, run_at=run_at) for target in targets]
    )


def test_cron_lines_never_run_a_job_less_often_than_registered():
    assert cron_for(1) == "* * * * * */1"
    assert cron_for(5) == "* * * * * */5"
    assert cron_for(7) == "* * * * * */6"
    assert cron_for(30) == "* * * * * */30"
    assert cron_for(60) == "*/1 * * * *"
    assert cron_for(300) == "*/5 * * * *"
    assert cron_for(7200) == "0 */2 * * *"
    assert cron_for(86400 * 3) == "0 0 * * *"


def test_worker_command_needs_redis(tmp_path):
    env = {"KAIDIAN_DATABASE_URL": f"sqlite://{tmp_path}/w.sqlite3", "KAIDIAN_REDIS_URL": ""}
    result = CliRunner().invoke(cli, ["worker"], env=env)
    assert result.exit_code == 2
    assert "KAIDIAN_REDIS_URL" in result.output


@needs_redis
async def test_two_workers_fire_each_timer_once_and_each_tick_once(kaidian_client_for, kaidian_settings):
    probe = QueueProbe()
    async with kaidian_client_for(plugins=[probe]) as client:
        shop = await make_shop(client)
        now = datetime.now(UTC)
        await probe_timers(shop.shop_id, range(1, 31), now - timedelta(seconds=5))
        await probe_timers(shop.shop_id, range(31, 41), now + timedelta(seconds=2))
        # A second instance: its own app object (same settings and plugins), its own worker.
        other = create_app(kaidian_settings, plugins=[probe])
        workers = [
            QueueWorker(app, fast_jobs(app, "core.trade_timers", "queue_probe.tick"), concurrency=5)
            for app in (client.app, other)
        ]
        try:
            # Overlapping ticks from both instances enqueue each timer once.
            queues = [worker.queue for worker in workers]
            for queue in queues:
                await queue.connect()
            counts = await asyncio.gather(*(enqueue_due_timers(queue) for queue in queues * 2))
            assert sum(counts) == 40
            for worker in workers:
                worker.start()
            await wait_for(lambda: len(probe.fired) >= 40)
            await wait_for(lambda: len(probe.ticks) >= 2)  # a loaded machine may start the ticks late
            await asyncio.sleep(2.5)  # room for a duplicate to show up
        finally:
            for worker in workers:
                await worker.stop()
            await clear_queue(kaidian_settings)
        assert sorted(probe.fired) == list(range(1, 41))
        assert await Timer.filter(kind=PROBE, shop_id=shop.shop_id, status=TimerStatus.PENDING).count() == 0
        # The one-second job ran once per second across both workers, not once per worker.
        seconds = [int(moment) for moment in probe.ticks]
        assert len(seconds) >= 2
        assert len(set(seconds)) == len(seconds), probe.ticks


@needs_redis
async def test_timers_fire_after_workers_and_redis_restart(kaidian_client_for, kaidian_settings):
    # Its own queue: no job or worker left by another test of the pass can take its timers.
    kaidian_settings = kaidian_settings.model_copy(update={"redis_key_prefix": f"{kaidian_settings.redis_key_prefix}restart-{time.time_ns()}:"})
    probe = QueueProbe()
    async with kaidian_client_for(settings=kaidian_settings, plugins=[probe]) as client:
        shop = await make_shop(client)
        sku = await make_sku(shop.shop_id, stock=5)
        order = await place(client, shop, sku, quantity=2)
        now = datetime.now(UTC)
        await probe_timers(shop.shop_id, range(1, 6), now - timedelta(seconds=1))
        await probe_timers(shop.shop_id, range(6, 11), now + timedelta(seconds=600))
        probe.block, probe.started = {1}, asyncio.Event()
        first = QueueWorker(client.app, fast_jobs(client.app, "core.trade_timers"))
        first.start()
        try:
            await asyncio.wait_for(probe.started.wait(), timeout=40)
        finally:
            await first.stop()  # stopped while timer 1's handler runs
        given_back = await Timer.get(kind=PROBE, target_id=shop.shop_id * 1000 + 1)
        assert (given_back.status, given_back.attempts) == (TimerStatus.PENDING, 1), (given_back.status, given_back.attempts, probe.fired)
        fired_before = set(probe.fired)

        # Redis loses the queue; the order's auto-cancel and the later timers fall due meanwhile.
        await clear_queue(kaidian_settings)
        await Timer.filter(kind="auto_cancel", target_id=order["id"]).update(run_at=now - timedelta(seconds=1))
        await Timer.filter(kind=PROBE, shop_id=shop.shop_id, run_at__gt=now).update(run_at=now - timedelta(seconds=1))

        restarted = create_app(kaidian_settings, plugins=[probe])
        second = QueueWorker(restarted, fast_jobs(restarted, "core.trade_timers"))
        second.start()
        try:
            await wait_for(lambda: len(probe.fired) >= 10)
            deadline = time.monotonic() + 40
            while (await Order.get(id=order["id"])).status != OrderStatus.CANCELLED:
                assert time.monotonic() < deadline, "the order was not cancelled"
                await asyncio.sleep(0.2)
            await asyncio.sleep(1.5)
        finally:
            await second.stop()
            await clear_queue(kaidian_settings)
        assert sorted(probe.fired) == list(range(1, 11))
        assert fired_before <= set(range(2, 6))
        assert await stock_of(sku.id) == 5


@needs_redis
async def test_worker_command_runs_due_timers_until_terminated(kaidian_client_for, kaidian_settings):
    async with kaidian_client_for() as client:
        shop = await make_shop(client)
        sku = await make_sku(shop.shop_id, stock=3)
        order = await place(client, shop, sku, quantity=3)
        await Timer.filter(kind="auto_cancel", target_id=order["id"]).update(run_at=datetime.now(UTC) - timedelta(seconds=1))
        env = {
            **os.environ,
            "KAIDIAN_DATABASE_URL": kaidian_settings.database_url,
            "KAIDIAN_REDIS_URL": kaidian_settings.redis_url,
            "KAIDIAN_REDIS_KEY_PREFIX": kaidian_settings.redis_key_prefix,
            "KAIDIAN_SECRET_KEY": kaidian_settings.secret_key,
            # `kaidian worker` refuses the public development key (the fixture's).
            "KAIDIAN_DATA_ENCRYPTION_KEYS": "k9:" + base64.b64encode(os.urandom(32)).decode(),
            "KAIDIAN_WECHAT_PROVIDER": "wechat",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "core.cli", "worker"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        try:
            deadline = time.monotonic() + 40
            while (await Order.get(id=order["id"])).status != OrderStatus.CANCELLED:
                assert process.poll() is None, process.stdout.read()
                assert time.monotonic() < deadline, "the worker did not cancel the order"
                await asyncio.sleep(0.3)
        finally:
            process.send_signal(signal.SIGTERM)
            output = process.communicate(timeout=20)[0]
            await clear_queue(kaidian_settings)
        assert process.returncode == 0, output
        assert "kaidian worker on queue" in output
        assert await stock_of(sku.id) == 3
