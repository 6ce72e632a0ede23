"""The production shape on one machine, under load, losing an app instance and a worker.

Starts two app instances (``kaidian serve --workers 2`` each, ``KAIDIAN_RUN_JOBS=false``, on
two ports) behind haproxy (Debian's ``haproxy`` package: ``apt-get install -y haproxy``), two
``kaidian worker`` processes, on a throw-away MariaDB database (``kaidian_cluster_<hex>`` on the
server ``--db`` names, dropped at the end) and Redis (``--redis``, keys under a random prefix,
deleted at the end). Seeds one shop with ``--products`` products and ``--customers``
customers; the shop's unpaid timeout is 0 minutes, so every order's auto-cancel timer falls
due at once and the workers fire them during the run.

Then:

1. ``events_cross_instance``: a second shop's order is placed through instance A, a customer
   listens to its server-sent events (``GET /api/shop/orders/{id}/events``) on instance B, the
   order is cancelled through A; true if B's listener gets the ``cancelled`` event.
2. A headless locust run (``bench/cluster_locustfile.py``: browse 70 %, cart 20 %, checkout
   10 %) through haproxy for ``--duration`` seconds; at ``--kill-at`` seconds one app instance
   and one worker are killed with SIGKILL (their whole process groups).
3. An audit once the remaining worker has fired the timers that fell due.

Prints ``key: value`` lines: ``requests_per_s``, ``p50_ms``, ``p99_ms``,
``errors_during_failover`` (failed requests in flight at the kill or started in the
``--failover-window`` seconds after it), ``errors_total``, ``checkouts_ok``, ``orders_match``
(orders in the database equal answered checkouts), ``stock_consistent`` (stock plus the units
of orders not cancelled equals the initial stock), ``timers_due``/``timers_fired``/
``timers_leased``/``timers_pending``, ``timers_fired_once`` (no order cancelled twice, every
fired timer's order cancelled once) and ``timers_all_fired`` (none pending or leased at the
end), and ``events_cross_instance``. A timer the killed worker had claimed stays leased until
its lease runs out (``core.trade.timers.LEASE``, 5 minutes); one whose queue job it had taken
but not started stays pending until SAQ sweeps that job (after ``JOB_TIMEOUT_SECONDS``):
``--settle 200`` waits for the latter, ``--settle 330`` for both. Every process is stopped on
exit, Ctrl-C and errors included.

    .venv/bin/python bench/cluster.py                       # 50 s of load, kill at 25 s
    .venv/bin/python bench/cluster.py --users 80 --duration 80 --kill-at 40
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# bench/builder.py would shadow the ``builder`` package when run as a script from bench/.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]

from core.app import create_app  # noqa: E402
from core.db import close_db, init_db  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.testing.database import create_test_database, drop_test_database  # noqa: E402

UNITS_PER_SKU = 100_000
DATA_KEY = "k1:" + __import__("base64").b64encode(os.urandom(32)).decode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Processes:
    """Every process this run starts, each in its own session, stopped whatever happens."""

    def __init__(self) -> None:
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
        out = open(log, "ab")
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.running[name] = process
        return process

    def kill(self, name: str) -> None:
        """SIGKILL the process and its children: a crash, not a shutdown."""
        process = self.running.pop(name)
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()

    def stop_all(self) -> None:
        for process in self.running.values():
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 15
        for process in self.running.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait()
        self.running.clear()


HAPROXY_CONFIG = """\
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    # A request an instance never answered (connection refused, or the instance died with
    # the request): sent again to the other one. Safe here: reads and cart writes are
    # idempotent and a checkout carries its Idempotency-Key.
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout
frontend shop
    bind 127.0.0.1:{port}
    default_backend app
backend app
    balance roundrobin
    option httpchk GET /healthz
    server a 127.0.0.1:{port_a} check inter 1s fall 2 rise 2
    server b 127.0.0.1:{port_b} check inter 1s fall 2 rise 2
"""


async def seed(app, products: int, customers: int) -> dict[str, object]:
    """The load's shop (unpaid timeout 0) and a second one for the cross-instance event probe."""
    from core.accounts.models import Customer
    from core.auth import issue_customer_token
    from core.catalog.models import Product, ProductStatus, Sku
    from core.shops.services import create_agency, create_shop
    from core.trade.models import TradeSettings

    agency = await create_agency("bench-cluster")

    async def shop_with(name: str, product_count: int, customer_count: int) -> tuple[int, list[int], list[int], list[str]]:
        shop = await create_shop(agency_id=agency.id, name=name, slug=f"cluster-{time.time_ns()}", host=app.state.host)
        product_ids, sku_ids = [], []
        for index in range(product_count):
            price_fen = 990 + 100 * (index % 20)
            product = await Product.create(
                shop_id=shop.id, title=f"商品{index}", status=ProductStatus.ON_SALE, min_price_fen=price_fen, max_price_fen=price_fen
            )
            sku = await Sku.create(shop_id=shop.id, product=product, price_fen=price_fen, stock=UNITS_PER_SKU, code=f"C{index:05d}")
            product_ids.append(product.id)
            sku_ids.append(sku.id)
        await Customer.bulk_create([Customer(shop_id=shop.id, openid=f"cluster-{index}") for index in range(customer_count)])
        rows = await Customer.filter(shop_id=shop.id).order_by("id")
        return shop.id, product_ids, sku_ids, [issue_customer_token(app.state.jwt_auth, row) for row in rows]

    shop_id, product_ids, sku_ids, tokens = await shop_with("集群压测店", products, customers)
    # Below the API's 5-minute floor on purpose: every order's auto-cancel timer is due at once.
    await TradeSettings.update_or_create(defaults={"unpaid_timeout_minutes": 0}, shop_id=shop_id)
    probe_shop, _, probe_skus, probe_tokens = await shop_with("事件探针店", 1, 1)
    return {
        "shop_id": shop_id, "product_ids": product_ids, "sku_ids": sku_ids, "tokens": tokens,
        "probe_sku": probe_skus[0], "probe_token": probe_tokens[0], "probe_shop": probe_shop,
    }


async def audit(shop_id: int, sku_ids: list[int]) -> dict[str, object]:
    from tortoise.functions import Count

    from core.catalog.models import Sku
    from core.trade.models import Order, OrderLine, OrderStatus, OrderStatusLog, Timer, TimerStatus
    from core.trade.timers import AUTO_CANCEL

    stock = sum(await Sku.filter(id__in=sku_ids).values_list("stock", flat=True))
    held = sum(await OrderLine.filter(shop_id=shop_id).exclude(order__status=OrderStatus.CANCELLED).values_list("quantity", flat=True))
    orders = await Order.filter(shop_id=shop_id).count()
    cancelled = await Order.filter(shop_id=shop_id, status=OrderStatus.CANCELLED).count()
    cancels = (
        await OrderStatusLog.filter(shop_id=shop_id, to_status=OrderStatus.CANCELLED)
        .group_by("order_id").annotate(n=Count("id")).values_list("order_id", "n")
    )
    timers = await Timer.filter(shop_id=shop_id, kind=AUTO_CANCEL).values_list("status", "attempts")
    return {
        "orders": orders, "cancelled": cancelled, "stock": stock, "held": held,
        "cancelled_twice": sum(1 for _, n in cancels if n > 1), "cancel_logs": sum(n for _, n in cancels),
        "timers": len(timers),
        "timers_done": sum(1 for status, _ in timers if status == TimerStatus.DONE),
        "timers_running": sum(1 for status, _ in timers if status == TimerStatus.RUNNING),
        "timers_pending": sum(1 for status, _ in timers if status == TimerStatus.PENDING),
        "timers_retried": sum(1 for _, attempts in timers if attempts > 1),
    }


async def pending_timers(shop_id: int) -> int:
    from core.trade.models import Timer, TimerStatus

    return await Timer.filter(shop_id=shop_id, status__in=(TimerStatus.PENDING, TimerStatus.RUNNING)).count()


async def wait_healthy(ports: list[int], processes: Processes, timeout: float = 90) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(timeout=2) as client:
        for port in ports:
            while True:
                for name, process in processes.running.items():
                    if process.poll() is not None:
                        raise RuntimeError(f"{name} exited during start-up (see its log)")
                try:
                    if (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"nothing answered /healthz on port {port}")
                await asyncio.sleep(0.3)


async def probe_events(port_a: int, port_b: int, seeded: dict[str, object]) -> bool:
    """Order placed and cancelled through A; does a listener on B hear the cancellation?"""
    import httpx

    auth = {"Authorization": f"Bearer {seeded['probe_token']}"}
    async with httpx.AsyncClient(timeout=10) as client:
        placed = await client.post(
            f"http://127.0.0.1:{port_a}/api/shop/orders",
            json={"lines": [{"sku_id": seeded["probe_sku"], "quantity": 1}]},
            headers={**auth, "Idempotency-Key": uuid.uuid4().hex},
        )
        if placed.status_code != 201:
            print(f"probe order: {placed.status_code} {placed.text[:200]}", file=sys.stderr)
            return False
        order_id = placed.json()["id"]
        heard = asyncio.Event()
        listening = asyncio.Event()

        async def listen() -> None:
            async with client.stream("GET", f"http://127.0.0.1:{port_b}/api/shop/orders/{order_id}/events", headers=auth) as stream:
                listening.set()
                async for line in stream.aiter_lines():
                    if line.startswith("data:") and json.loads(line[5:]).get("to") == "cancelled":
                        heard.set()
                        return

        listener = asyncio.create_task(listen())
        try:
            await asyncio.wait_for(listening.wait(), 10)
            await asyncio.sleep(1.5)  # B has sent the order's past events; the cancel comes after
            cancel = await client.post(f"http://127.0.0.1:{port_a}/api/shop/orders/{order_id}/cancel", json={"reason": "probe"}, headers=auth)
            if cancel.status_code not in (200, 201):
                print(f"probe cancel: {cancel.status_code} {cancel.text[:200]}", file=sys.stderr)
                return False
            await asyncio.wait_for(heard.wait(), 10)
            return True
        except TimeoutError:
            return False
        finally:
            listener.cancel()


def read_log(path: Path) -> list[tuple[float, str, int, float, bool]]:
    rows = []
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) == 5:
            rows.append((float(parts[0]), parts[1], int(parts[2]), float(parts[3]), parts[4] == "1" and int(parts[2]) < 400))
    return rows


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


async def drop_redis_keys(url: str, prefix: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(url)
    try:
        keys = [key async for key in client.scan_iter(match=f"*{prefix}*", count=1000)]
        for start in range(0, len(keys), 500):
            await client.delete(*keys[start : start + 500])
    finally:
        await client.aclose()


def interrupted(*_: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", default="mysql://root:@127.0.0.1:3306/x", help="MariaDB server URL (the database name is replaced)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--duration", type=float, default=50, help="seconds of load")
    parser.add_argument("--kill-at", type=float, default=25, help="seconds into the load when app A and worker 1 are killed")
    parser.add_argument("--failover-window", type=float, default=10, help="seconds after the kill counted as the failover")
    parser.add_argument(
        "--settle", type=float, default=10,
        help="at most this many seconds after the load for the surviving worker to fire due timers "
        "(200 covers SAQ's sweep of the killed worker's jobs, 330 also its leases)",
    )
    parser.add_argument("--users", type=int, default=60, help="locust users")
    parser.add_argument("--spawn-rate", type=float, default=30)
    parser.add_argument("--products", type=int, default=50)
    parser.add_argument("--customers", type=int, default=500)
    parser.add_argument("--keep-logs", action="store_true", help="leave the processes' logs in the temporary folder")
    args = parser.parse_args()

    haproxy = shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy",) if Path(p).exists()), None)
    if haproxy is None:
        sys.exit("haproxy is not installed: apt-get install -y haproxy (Debian's package is what this bench uses as the load balancer)")
    kaidian = Path(sys.executable).with_name("kaidian")
    locust = Path(sys.executable).with_name("locust")
    if not locust.exists():
        sys.exit("locust is not installed in this environment: pip install -e '.[bench]'")

    parts = urlsplit(args.db)
    url = urlunsplit(parts._replace(path=f"/kaidian_cluster_{secrets.token_hex(5)}"))
    prefix = f"bench-cluster:{secrets.token_hex(4)}:"
    secret = secrets.token_urlsafe(48)
    settings = Settings(
        database_url=url, redis_url=args.redis, redis_key_prefix=prefix, secret_key=secret, data_encryption_keys=[DATA_KEY], run_jobs=False
    )
    app = create_app(settings)
    config = app.state.db_config
    work = Path(tempfile.mkdtemp(prefix="kaidian-cluster-"))
    env = {
        **os.environ,
        "KAIDIAN_DATABASE_URL": url,
        "KAIDIAN_REDIS_URL": args.redis,
        "KAIDIAN_REDIS_KEY_PREFIX": prefix,
        "KAIDIAN_SECRET_KEY": secret,
        "KAIDIAN_DATA_ENCRYPTION_KEYS": DATA_KEY,
        "KAIDIAN_RUN_JOBS": "false",
        "KAIDIAN_TRUSTED_PROXIES": "127.0.0.1",
    }
    processes = Processes()
    # Ctrl-C and a TERM both end in the ``finally`` below.
    signal.signal(signal.SIGTERM, interrupted)

    async def with_db(job):
        await init_db(config)
        try:
            return await job()
        finally:
            await close_db()

    created = False
    try:
        create_test_database(config)
        created = True
        seeded = asyncio.run(with_db(lambda: seed(app, args.products, args.customers)))
        seed_file = work / "seed.json"
        seed_file.write_text(json.dumps(seeded))

        port_a, port_b, port_lb = free_port(), free_port(), free_port()
        for name, port in (("app-a", port_a), ("app-b", port_b)):
            processes.start(name, [str(kaidian), "serve", "--port", str(port), "--workers", "2"], env, work / f"{name}.log")
        for name in ("worker-1", "worker-2"):
            processes.start(name, [str(kaidian), "worker"], env, work / f"{name}.log")
        (work / "haproxy.cfg").write_text(HAPROXY_CONFIG.format(port=port_lb, port_a=port_a, port_b=port_b))
        processes.start("haproxy", [haproxy, "-db", "-f", str(work / "haproxy.cfg")], env, work / "haproxy.log")
        asyncio.run(wait_healthy([port_a, port_b, port_lb], processes))
        time.sleep(2)  # haproxy's first health checks

        events_cross_instance = asyncio.run(probe_events(port_a, port_b, seeded))

        request_log = work / "requests.log"
        load_env = {**env, "KAIDIAN_CLUSTER_SEED": str(seed_file), "KAIDIAN_CLUSTER_LOG": str(request_log)}
        locust_cmd = [
            str(locust), "-f", str(HERE / "cluster_locustfile.py"), "--headless", "--host", f"http://127.0.0.1:{port_lb}",
            "-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{int(args.duration)}s", "--only-summary",
            "--stop-timeout", "5", "--loglevel", "WARNING",
        ]
        started = time.time()
        load = processes.start("locust", locust_cmd, load_env, work / "locust.log")
        time.sleep(args.kill_at)
        killed_at = time.time()
        processes.kill("app-a")
        processes.kill("worker-1")
        load.wait(timeout=args.duration + 60)
        processes.running.pop("locust", None)
        ended = time.time()

        # The surviving worker fires what fell due (the timer tick runs every 5 s).
        deadline = time.monotonic() + args.settle
        while asyncio.run(with_db(lambda: pending_timers(seeded["shop_id"]))) and time.monotonic() < deadline:
            time.sleep(2)
        counts = asyncio.run(with_db(lambda: audit(seeded["shop_id"], seeded["sku_ids"])))
    finally:
        processes.stop_all()
        if created:
            drop_test_database(config, url)
        try:
            asyncio.run(drop_redis_keys(args.redis, prefix))
        except Exception as exc:  # noqa: BLE001 - cleaning up; say so and go on
            print(f"could not delete the Redis keys {prefix}*: {exc}", file=sys.stderr)

    rows = read_log(request_log)
    if not args.keep_logs:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"logs: {work}")
    measured = [row for row in rows if started <= row[0] <= ended]
    latencies = [row[3] for row in measured]
    failed = [row for row in measured if not row[4]]
    # In flight at the kill (ended after it) or started in the window after it.
    window = [row for row in failed if row[0] + row[3] / 1000 >= killed_at and row[0] <= killed_at + args.failover_window]
    checkouts_ok = sum(1 for row in measured if row[1] == "checkout" and row[2] == 201)
    fired = counts["timers_done"]
    print("topology: haproxy -> 2 x kaidian serve --workers 2 (KAIDIAN_RUN_JOBS=false), 2 x kaidian worker, MariaDB, Redis")
    print(f"users: {args.users}")
    print(f"duration_s: {ended - started:.0f}")
    print(f"killed_at_s: {killed_at - started:.0f} (app A and worker 1, SIGKILL)")
    print(f"requests: {len(measured)}")
    print(f"requests_per_s: {len(measured) / max(ended - started, 1e-9):.1f}")
    print(f"p50_ms: {statistics.median(latencies):.1f}" if latencies else "p50_ms: n/a")
    print(f"p99_ms: {percentile(latencies, 0.99):.1f}" if latencies else "p99_ms: n/a")
    print(f"errors_during_failover: {len(window)}")
    print(f"errors_total: {len(failed)}")
    if failed:
        kinds: dict[str, int] = {}
        for row in failed:
            kinds[f"{row[1]}:{row[2]}"] = kinds.get(f"{row[1]}:{row[2]}", 0) + 1
        print(f"error_kinds: {kinds}")
    print(f"checkouts_ok: {checkouts_ok}")
    print(f"orders: {counts['orders']}")
    print(f"orders_match: {counts['orders'] == checkouts_ok}")
    print(f"stock_consistent: {counts['stock'] + counts['held'] == len(seeded['sku_ids']) * UNITS_PER_SKU}")
    print(f"timers_due: {counts['timers']}")
    print(f"timers_fired: {fired}")
    print(f"timers_leased: {counts['timers_running']} (claimed by the killed worker; fired again once the lease runs out)")
    print(f"timers_pending: {counts['timers_pending']}")
    print(f"timers_retried: {counts['timers_retried']}")
    # A worker killed between its handler's commit and the timer's release leaves a cancelled
    # order whose timer is still leased: cancelled may exceed fired by at most the leased ones.
    once = (
        counts["cancelled_twice"] == 0
        and counts["cancel_logs"] == counts["cancelled"]
        and fired <= counts["cancelled"] <= fired + counts["timers_running"]
    )
    print(f"timers_fired_once: {once}")
    # Pending past their time: timers whose queue job the killed worker had taken before it
    # claimed them. SAQ sweeps such a job once its timeout (JOB_TIMEOUT_SECONDS) has passed,
    # and the next tick queues the timer again: run with --settle 200 to see them fire.
    print(f"timers_all_fired: {counts['timers_pending'] == 0 and counts['timers_running'] == 0}")
    print(f"events_cross_instance: {events_cross_instance}")


if __name__ == "__main__":
    main()
