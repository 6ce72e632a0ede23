"""A timer whose runner is killed (SIGKILL) after claiming it is not lost: the claim is a
lease, and once it runs out another runner fires the timer, whose effect happens once.

The runner is a real process (``tests/trade/timer_runner.py``): the in-process job runner of
a single server, and with ``KAIDIAN_REDIS_URL`` also a worker of the Redis job queue."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.job_queue import QueueWorker
from core.testing import make_shop
from core.trade import timers
from core.trade.models import Order, OrderStatus, OrderStatusLog, Timer, TimerStatus
from tests.trade.helpers import make_sku, stock_of
from tests.trade.test_job_queue import clear_queue, fast_jobs
from tests.trade.test_payments import place
from tests.trade.timer_runner import KIND, LeaseProbe

ROOT = Path(__file__).resolve().parents[2]
MODES = [
    "embedded",
    pytest.param(
        "queue", marks=pytest.mark.skipif(not os.environ.get("KAIDIAN_REDIS_URL"), reason="needs KAIDIAN_REDIS_URL")
    ),
]


async def kill_after_claim(settings, mode: str, hang: str) -> int:
    """Start a runner process, wait until it claimed the probe timer, SIGKILL it; the timer id."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.trade.timer_runner", settings.model_dump_json(), mode, hang,
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    seen = []
    try:
        async with asyncio.timeout(60):
            while not (line := (await process.stdout.readline()).decode()).startswith("claimed "):
                assert line, "the runner ended before claiming the timer:\n" + "".join(seen)
                seen.append(line)
        await asyncio.sleep(0.3)  # let it get on with the handler
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()
    assert process.returncode == -signal.SIGKILL
    return int(line.split()[1])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("hang", ["before", "after"])
async def test_a_timer_claimed_by_a_killed_runner_fires_once_its_lease_runs_out(kaidian_client_for, kaidian_settings, mode, hang):
    if mode == "queue":  # its own queue: no worker of another test takes the timer
        kaidian_settings = kaidian_settings.model_copy(update={"redis_key_prefix": f"{kaidian_settings.redis_key_prefix}lease-{time.time_ns()}:"})
    async with kaidian_client_for(settings=kaidian_settings, plugins=[LeaseProbe()]) as client:
        shop = await make_shop(client)
        sku = await make_sku(shop.shop_id, stock=5)
        order = await place(client, shop, sku, quantity=2)
        assert await stock_of(sku.id) == 3
        await timers.schedule(shop.shop_id, KIND, order["id"], datetime.now(UTC) - timedelta(seconds=1))

        timer_id = await kill_after_claim(kaidian_settings, mode, hang)

        timer = await Timer.get(id=timer_id)
        assert (timer.status, timer.attempts) == (TimerStatus.RUNNING, 1)
        assert timer.lease_until > datetime.now(UTC) + timers.LEASE - timedelta(minutes=1)
        cancelled = (await Order.get(id=order["id"])).status == OrderStatus.CANCELLED
        assert cancelled == (hang == "after")
        host, settings = client.app.state.host, client.app.state.settings
        assert await timers.run_due_timers(host, settings) == 0  # the lease still holds

        await Timer.filter(id=timer_id).update(lease_until=datetime.now(UTC) - timedelta(seconds=1))  # it runs out
        if mode == "embedded":
            assert await timers.run_due_timers(host, settings) == 1
        else:
            worker = QueueWorker(client.app, fast_jobs(client.app, "core.trade_timers"))
            worker.start()
            try:
                async with asyncio.timeout(40):
                    while (await Timer.get(id=timer_id)).status != TimerStatus.DONE:
                        await asyncio.sleep(0.2)
            finally:
                await worker.stop()
                await clear_queue(kaidian_settings)

        timer = await Timer.get(id=timer_id)
        assert (timer.status, timer.attempts, timer.lease_until) == (TimerStatus.DONE, 2, None)
        assert (await Order.get(id=order["id"])).status == OrderStatus.CANCELLED
        assert await stock_of(sku.id) == 5  # released once
        moves = await OrderStatusLog.filter(order_id=order["id"]).values_list("to_status", flat=True)
        assert moves.count(OrderStatus.CANCELLED) == 1
        assert await timers.run_due_timers(host, settings, now=datetime.now(UTC) + 2 * timers.LEASE) == 0


async def test_a_lease_is_taken_over_by_one_runner(kaidian_client_for):
    async with kaidian_client_for(plugins=[LeaseProbe()]) as client:
        shop = await make_shop(client)
        sku = await make_sku(shop.shop_id, stock=5)
        order = await place(client, shop, sku, quantity=1)
        now = datetime.now(UTC)
        await timers.schedule(shop.shop_id, KIND, order["id"], now - timedelta(seconds=1))
        await Timer.filter(kind=KIND, target_id=order["id"]).update(status=TimerStatus.RUNNING, attempts=1, lease_until=now)
        host, settings = client.app.state.host, client.app.state.settings
        fired = await asyncio.gather(*(timers.run_due_timers(host, settings, now=now) for _ in range(3)))
        assert sum(fired) == 1
        assert await stock_of(sku.id) == 5
