"""Checkout latency at a fixed request rate: the app under uvicorn on MariaDB + Redis.

A throw-away database is made on the server ``--db`` names, migrated and seeded with one
shop, ``--products`` on-sale products (one SKU each, stock enough for the run) and
``--customers`` customers. The script then starts the app under uvicorn with ``--workers``
processes (Redis from ``--redis``; each web process is also a job-queue worker, as in
production with ``KAIDIAN_RUN_JOBS=true``) and an open-loop load generator: ``--rate``
checkouts a second for ``--duration`` seconds after a ``--warmup``, each ``POST
/api/shop/orders`` by a random customer, 1–3 random SKUs, with its own Idempotency-Key.
A request's latency runs from the moment it was due to be sent, so a server that falls
behind shows it (no coordinated omission). Ends with ``key: value`` lines: ``rps`` (answered
checkouts a second), ``p50_ms``, ``p99_ms``, ``max_ms``, ``errors`` (anything but 201),
``server_cpu_ms_per_checkout`` (the web processes' CPU time over the requests sent: what a
checkout costs, whatever else the machine is doing), ``load_average`` (the machine's, at the
end of the run: it is shared) and checks that every answered order is in the database and the
stock adds up.

``--mode both`` (the default) then runs the bare baseline on the same database, shop and load:
``bench/bare_checkout.py``, a minimal Litestar app doing the same checkout as hand-written SQL
on the same driver (token check, SKU prices, idempotency row, conditional stock UPDATEs, order,
lines, status log, timer). It prints the same figures prefixed ``bare_`` and
``bare_cpu_ms_per_checkout``, then ``ratio_vs_bare`` (kaidian's answered rate over the bare
one's: meaningful when ``--rate`` saturates both) and ``cpu_ratio_vs_bare``.

    .venv/bin/python bench/checkout.py --db mysql://root:@127.0.0.1:3306/x --redis redis://127.0.0.1:6379/5
    .venv/bin/python bench/checkout.py --rate 300 --duration 20 --workers 2
    .venv/bin/python bench/checkout.py --rate 800 --duration 8 --mode both   # saturated: ratio_vs_bare
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

# bench/builder.py would shadow the ``builder`` package when run as a script from bench/.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from core.app import create_app  # noqa: E402
from core.db import close_db, init_db  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.testing.database import create_test_database, derive_test_database_url, drop_test_database  # noqa: E402

UNITS_PER_SKU = 1_000_000


async def seed(app, products: int, customers: int) -> tuple[int, list[int], list[str]]:
    """One shop, its SKUs and customers; returns (shop id, SKU ids, customer tokens)."""
    from core.accounts.models import Customer
    from core.auth import issue_customer_token
    from core.catalog.models import Product, ProductStatus, Sku
    from core.shops.services import create_agency, create_shop

    agency = await create_agency("bench")
    shop = await create_shop(agency_id=agency.id, name="压测店", slug=f"bench-{time.time_ns()}", host=app.state.host)
    sku_ids = []
    for index in range(products):
        price_fen = 990 + 100 * (index % 20)
        product = await Product.create(
            shop_id=shop.id, title=f"商品{index}", status=ProductStatus.ON_SALE, min_price_fen=price_fen, max_price_fen=price_fen
        )
        sku = await Sku.create(shop_id=shop.id, product=product, price_fen=price_fen, stock=UNITS_PER_SKU, code=f"B{index:05d}")
        sku_ids.append(sku.id)
    await Customer.bulk_create([Customer(shop_id=shop.id, openid=f"bench-{index}") for index in range(customers)])
    rows = await Customer.filter(shop_id=shop.id).order_by("id")
    return shop.id, sku_ids, [issue_customer_token(app.state.jwt_auth, row) for row in rows]


async def audit(shop_id: int, sku_ids: list[int]) -> dict[str, object]:
    from core.catalog.models import Sku
    from core.trade.models import Order, OrderLine

    stock = sum(await Sku.filter(id__in=sku_ids).values_list("stock", flat=True))
    units = sum(await OrderLine.filter(shop_id=shop_id).values_list("quantity", flat=True))
    return {"orders": await Order.filter(shop_id=shop_id).count(), "units": units, "stock": stock}


# -- the app under uvicorn ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int, env: dict[str, str], *, bare: bool = False) -> subprocess.Popen:
    """kaidian's app, or with ``bare`` the hand-written baseline (``bench/bare_checkout.py``)."""
    app = ["bare_checkout:create_app", "--app-dir", str(Path(__file__).resolve().parent)] if bare else ["core.app:create_app"]
    command = [
        sys.executable, "-m", "uvicorn", *app, "--factory", "--host", "127.0.0.1", "--port", str(port),
        "--workers", str(workers), "--no-access-log", "--log-level", "warning",
    ]
    return subprocess.Popen(command, env=env, start_new_session=True)


def server_cpu_seconds(process: subprocess.Popen) -> float:
    """CPU time (user + system) so far of every process of the server's session (uvicorn's
    supervisor and workers): a figure the machine's other load does not inflate much."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == process.pid:  # process group: the server was started in its own session
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def start_profiler(server: subprocess.Popen, out: str, seconds: float) -> subprocess.Popen:
    """py-spy (the bench extra) samples one worker during the measured run; collapsed stacks."""
    workers = sorted(
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and int(entry.name) != server.pid and _group_of(entry) == server.pid
    )
    py_spy = Path(sys.executable).with_name("py-spy")
    return subprocess.Popen(
        [str(py_spy), "record", "-p", str(workers[-1]), "-d", str(int(seconds)), "-r", "250", "-f", "raw", "-o", out, "--nonblocking"],
        stdout=subprocess.DEVNULL,
    )


def _group_of(entry: Path) -> int | None:
    try:
        return int((entry / "stat").read_text().rsplit(")", 1)[1].split()[3])
    except (OSError, ValueError, IndexError):
        return None


def stop_server(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


# -- a small HTTP/1.1 keep-alive client (cheap per request, so the generator keeps its rate) -----


class Connections:
    def __init__(self, port: int, limit: int) -> None:
        self.port = port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.slots = asyncio.Semaphore(limit)

    async def request(self, payload: bytes) -> tuple[int, bytes]:
        async with self.slots:
            reader, writer = self.idle.pop() if self.idle else await asyncio.open_connection("127.0.0.1", self.port)
            try:
                writer.write(payload)
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                body = await reader.readexactly(length) if length else b""
            except BaseException:
                writer.close()
                raise
            self.idle.append((reader, writer))
            return status, body

    async def get(self, path: str) -> int:
        return (await self.request(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()))[0]

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


def checkout_request(token: str, sku_ids: list[int], rng: random.Random) -> bytes:
    lines = [{"sku_id": sku_id, "quantity": rng.randint(1, 2)} for sku_id in rng.sample(sku_ids, rng.randint(1, 3))]
    body = json.dumps({"lines": lines}).encode()
    head = (
        "POST /api/shop/orders HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {token}\r\nIdempotency-Key: {uuid.uuid4().hex}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def load(port: int, tokens: list[str], sku_ids: list[int], rate: float, seconds: float, connections: int) -> dict[str, object]:
    """Send ``rate`` checkouts a second for ``seconds``; returns latencies (ms) and outcomes."""
    rng = random.Random(4)
    pool = Connections(port, connections)
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    total = int(rate * seconds)
    started = time.perf_counter()

    async def one(due: float, payload: bytes) -> None:
        try:
            status, body = await pool.request(payload)
            outcomes[str(status) if status != 201 else "201"] += 1
            if status != 201 and outcomes[str(status)] == 1:
                print(f"first {status}: {body[:300].decode(errors='replace')}", file=sys.stderr)
        except (OSError, asyncio.IncompleteReadError) as exc:
            outcomes[type(exc).__name__] += 1
        latencies.append((time.perf_counter() - due) * 1000)

    tasks = []
    for index in range(total):
        due = started + index / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(due, checkout_request(rng.choice(tokens), sku_ids, rng))))
    send_seconds = time.perf_counter() - started
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - started
    pool.close()
    return {"latencies": latencies, "outcomes": outcomes, "elapsed": elapsed, "send_seconds": send_seconds}


async def wait_healthy(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited during start-up")
        pool = Connections(port, 1)
        try:
            if await pool.get("/healthz") == 200:
                return
        except OSError:
            pass
        finally:
            pool.close()
        await asyncio.sleep(0.2)
    raise TimeoutError("the server did not answer /healthz")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run_server(port: int, workers: int, env: dict[str, str], args: argparse.Namespace, *, bare: bool) -> tuple[int, dict[str, object]]:
    """Start one server, warm it up, measure it; returns (checkouts answered in the warm-up, result)."""
    server = start_server(port, workers, env, bare=bare)
    try:

        async def drive() -> tuple[int, dict[str, object]]:
            await wait_healthy(port, server)
            warmed = 0
            if args.warmup > 0:
                warmed = (await load(port, args.tokens, args.sku_ids, args.rate, args.warmup, args.connections))["outcomes"]["201"]
            cpu_before = server_cpu_seconds(server)
            # --mode both profiles kaidian's run; --mode bare the baseline's
            profiler = start_profiler(server, args.profile, args.duration) if args.profile and (not bare or args.mode == "bare") else None
            result = await load(port, args.tokens, args.sku_ids, args.rate, args.duration, args.connections)
            if profiler is not None:
                profiler.wait()
            result["server_cpu_s"] = server_cpu_seconds(server) - cpu_before
            result["load"] = os.getloadavg()[0]
            return warmed, result

        return asyncio.run(drive())
    finally:
        stop_server(server)


def figures(result: dict[str, object]) -> dict[str, float]:
    latencies = result["latencies"]
    answered = result["outcomes"]["201"]
    return {
        "sent": len(latencies),
        "rps": answered / result["elapsed"],
        "p50_ms": statistics.median(latencies),
        "p90_ms": percentile(latencies, 0.90),
        "p99_ms": percentile(latencies, 0.99),
        "max_ms": max(latencies),
        "errors": sum(count for outcome, count in result["outcomes"].items() if outcome != "201"),
        "cpu_ms_per_checkout": 1000 * result["server_cpu_s"] / max(len(latencies), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", default="mysql://root:@127.0.0.1:3306/x", help="database server URL (the database name is replaced)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5", help="Redis URL ('' for none)")
    parser.add_argument("--rate", type=float, default=500, help="checkouts sent per second")
    parser.add_argument("--duration", type=float, default=15, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=3, help="seconds at the same rate before measuring")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--pool", type=int, default=20, help="database connections per worker")
    parser.add_argument("--products", type=int, default=50)
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=256, help="most HTTP connections open at once")
    parser.add_argument("--profile", help="write py-spy's collapsed stacks of one worker during the run to this file")
    parser.add_argument(
        "--mode", choices=("kaidian", "bare", "both"), default="both",
        help="kaidian's app, the hand-written baseline (bench/bare_checkout.py), or both one after the other (for ratio_vs_bare)",
    )
    args = parser.parse_args()

    try:
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    except ImportError:
        pass

    url = derive_test_database_url(None if args.db.startswith("sqlite") else args.db)
    prefix = f"bench:{secrets.token_hex(4)}:"
    settings = Settings(
        database_url=url, redis_url=args.redis or None, redis_key_prefix=prefix, secret_key=secrets.token_urlsafe(48),
        database_pool_size=args.pool, run_jobs=False,
    )
    app = create_app(settings)
    config = app.state.db_config
    create_test_database(config)

    async def with_db(work):
        await init_db(config)
        try:
            return await work()
        finally:
            await close_db()

    env = {
        **os.environ,
        "KAIDIAN_DATABASE_URL": url,
        "KAIDIAN_REDIS_URL": args.redis,
        "KAIDIAN_REDIS_KEY_PREFIX": prefix,
        "KAIDIAN_SECRET_KEY": settings.secret_key,
        "KAIDIAN_DATABASE_POOL_SIZE": str(args.pool),
        "KAIDIAN_RUN_JOBS": "true",
    }
    runs: dict[str, tuple[int, dict[str, object]]] = {}
    try:
        shop_id, args.sku_ids, args.tokens = asyncio.run(with_db(lambda: seed(app, args.products, args.customers)))
        # Same database, shop, SKUs and customers for both; each server on a port of its own.
        for name in ("kaidian", "bare"):
            if args.mode in (name, "both"):
                runs[name] = run_server(free_port(), args.workers, env, args, bare=name == "bare")
        counts = asyncio.run(with_db(lambda: audit(shop_id, args.sku_ids)))
    finally:
        drop_test_database(config, url)

    print(f"database: {settings.database_scheme}")
    print(f"redis: {'yes' if args.redis else 'no'}")
    print(f"workers: {args.workers}")
    print(f"target_rps: {args.rate:g}")
    for name, (_, result) in runs.items():
        measured = figures(result)
        prefix = "" if name == "kaidian" else "bare_"
        print(f"{prefix}sent: {measured['sent']}")
        print(f"{prefix}rps: {measured['rps']:.1f}")
        for key in ("p50_ms", "p90_ms", "p99_ms", "max_ms"):
            print(f"{prefix}{key}: {measured[key]:.1f}")
        print(f"{prefix}errors: {measured['errors']}")
        print(f"{'server_' if name == 'kaidian' else 'bare_'}cpu_ms_per_checkout: {measured['cpu_ms_per_checkout']:.2f}")
        if measured["errors"]:
            print(f"{prefix}error_kinds: {dict((k, v) for k, v in result['outcomes'].items() if k != '201')}")
        print(f"{prefix}load_average: {result['load']:.2f}")
    if len(runs) == 2:
        kaidian, bare = figures(runs["kaidian"][1]), figures(runs["bare"][1])
        # Meaningful when --rate saturates both: each answers what it can.
        print(f"ratio_vs_bare: {kaidian['rps'] / max(bare['rps'], 1e-9):.2f}")
        print(f"cpu_ratio_vs_bare: {kaidian['cpu_ms_per_checkout'] / max(bare['cpu_ms_per_checkout'], 1e-9):.2f}")
    answered = sum(warmed + result["outcomes"]["201"] for warmed, result in runs.values())
    print(f"orders_match: {counts['orders'] == answered}")  # every 201 (warm-ups included) is an order
    print(f"stock_consistent: {counts['units'] == len(args.sku_ids) * UNITS_PER_SKU - counts['stock']}")


if __name__ == "__main__":
    main()
