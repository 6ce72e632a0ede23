"""Product detail throughput against the same app's bare ``/healthz``, in one run.

A throw-away database (a SQLite file by default, or the server ``--db`` names) gets one open
shop and one on-sale product with a 3 × 4 SKU matrix. The app is served by uvicorn with
``--workers`` processes, Redis-backed (``--redis``), as in production but without the access
log. A keep-alive HTTP/1.1 load generator in this script (asyncio streams, ``--connections``
connections) then alternates timed rounds of ``GET /healthz`` and ``GET
/api/shop/{id}/products/{id}`` (the cached detail: each worker answers from its memory tier,
re-reading the shop's catalog version once a second, with Redis behind it), so both see the
same machine. Ends with ``key: value`` lines:
``healthz_rps``, ``detail_rps`` and ``ratio_detail_vs_bare`` (target ≥ 0.7).

    .venv/bin/python bench/catalog.py [--db postgres://postgres@127.0.0.1:5432/x] [--seconds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

# bench/builder.py would shadow the ``builder`` package when run as a script from bench/.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from core.app import create_app  # noqa: E402
from core.db import close_db, init_db  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.testing.database import create_test_database, derive_test_database_url, drop_test_database  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def seed() -> tuple[int, int]:
    from core.catalog import products
    from core.catalog.schemas import ProductCreate
    from core.shops.services import create_agency, create_shop

    agency = await create_agency("bench")
    shop = await create_shop(agency_id=agency.id, name="bench", slug=f"bench-{time.time_ns()}")
    colours, sizes = ["红", "蓝", "黑"], ["S", "M", "L", "XL"]
    data = ProductCreate(
        title="华为轻薄手机 Pro",
        subtitle="旗舰影像",
        description="<p>" + "详情介绍。" * 200 + "</p>",
        status="on_sale",
        tags=["新品", "热卖"],
        media=[{"kind": "image", "url": f"https://cdn.example.com/p/{index}.jpg"} for index in range(5)],
        specs=[{"name": "颜色", "values": colours}, {"name": "尺码", "values": sizes}],
        skus=[{"spec_values": [colour, size], "price_fen": 99900 + index, "stock": 50 + index}
              for index, (colour, size) in enumerate((c, s) for c in colours for s in sizes)],
    )
    product = await products.create_product(shop.id, data)
    return shop.id, product.id


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    if length:
        await reader.readexactly(length)
    return status


async def load(port: int, path: str, connections: int, seconds: float) -> tuple[int, int]:
    """Requests answered (and non-200 answers) in ``seconds`` over keep-alive connections."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
    deadline = time.perf_counter() + seconds
    done, failed = 0, 0

    async def client() -> None:
        nonlocal done, failed
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline:
                writer.write(request)
                status = await read_response(reader)
                done += 1
                failed += status != 200
        finally:
            writer.close()

    await asyncio.gather(*(client() for _ in range(connections)))
    return done, failed


def start_server(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "uvicorn", "core.app:create_app", "--factory", "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(workers), "--no-access-log", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


async def wait_healthy(port: int, process: subprocess.Popen[bytes], timeout: float = 90) -> None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{process.stderr.read().decode()[-2000:] if process.stderr else ''}")
        try:
            done, failed = await load(port, "/healthz", 1, 0.05)
            if done and not failed:
                return
        except OSError:
            pass
        await asyncio.sleep(0.2)
    raise TimeoutError("server did not answer /healthz")


async def benchmark(port: int, detail: str, connections: int, seconds: float, rounds: int) -> dict[str, object]:
    for path in ("/healthz", detail):  # warm both workers: imports, connection pools, the cache entry
        await load(port, path, connections, 1.0)
    totals = {"/healthz": [0, 0, 0.0], detail: [0, 0, 0.0]}
    for _ in range(rounds):
        for path in ("/healthz", detail):
            started = time.perf_counter()
            done, failed = await load(port, path, connections, seconds)
            totals[path][0] += done
            totals[path][1] += failed
            totals[path][2] += time.perf_counter() - started
    bare_rps = totals["/healthz"][0] / totals["/healthz"][2]
    detail_rps = totals[detail][0] / totals[detail][2]
    return {
        "healthz_rps": round(bare_rps),
        "detail_rps": round(detail_rps),
        "ratio_detail_vs_bare": round(detail_rps / bare_rps, 3),
        "failed_requests": totals["/healthz"][1] + totals[detail][1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", default="sqlite://", help="database server URL (the database name is replaced)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one timed round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of (healthz, detail)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        if args.db.startswith("sqlite"):
            url = f"sqlite://{folder}/bench.sqlite3"
        else:
            url = derive_test_database_url(args.db)
        settings = Settings(database_url=url, run_jobs=False)
        config = create_app(settings).state.db_config
        create_test_database(config)

        async def prepare() -> tuple[int, int]:
            await init_db(config)
            try:
                return await seed()
            finally:
                await close_db()

        try:
            shop_id, product_id = asyncio.run(prepare())
            prefix = f"kdbench:{uuid.uuid4().hex[:8]}:"
            env = {key: value for key, value in os.environ.items() if not key.startswith("KAIDIAN_")}
            env.update(KAIDIAN_DATABASE_URL=url, KAIDIAN_REDIS_URL=args.redis, KAIDIAN_REDIS_KEY_PREFIX=prefix,
                       KAIDIAN_RUN_JOBS="false", KAIDIAN_SECRET_KEY=uuid.uuid4().hex * 2,
                       KAIDIAN_MEDIA_DIR=str(Path(folder) / "media"))
            port = free_port()
            server = start_server(port, args.workers, env)
            try:
                asyncio.run(wait_healthy(port, server))
                detail = f"/api/shop/{shop_id}/products/{product_id}"
                result = asyncio.run(benchmark(port, detail, args.connections, args.seconds, args.rounds))
            finally:
                server.terminate()
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
                asyncio.run(clear_redis(args.redis, prefix))
        finally:
            if not url.startswith("sqlite"):
                drop_test_database(config, url)

    print(f"database: {settings.database_scheme}")
    print(f"workers: {args.workers}")
    print(f"connections: {args.connections}")
    for key, value in result.items():
        print(f"{key}: {value}")


async def clear_redis(redis_url: str, prefix: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(redis_url)
    try:
        keys = [key async for key in client.scan_iter(match=f"{prefix}*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


if __name__ == "__main__":
    main()
