"""Search suggestions over a large shop: lookup time, per-edit cost, event-loop stalls, memory.

A throw-away database (SQLite by default, or the server ``--db`` names) gets one shop with
``--products`` on-sale products with generated Chinese names (brand + feature + kind + model).
The backend (``--backend builtin``, the in-process index, or ``postgres``, pg_trgm in the
database) answers ``--queries`` as-you-type queries of four sorts, mixed: Chinese prefixes
(``华为``), pinyin spelled out (``huaweish``), pinyin initials (``hwsj``) and pinyin with one
typo (``huaweu``). Each timed call is a whole ``suggest()``: the catalog-version check (one
query) plus the lookup. Then ``--edits`` products are retitled through the admin service
(``update_product``), each followed by a suggestion that must find the new title, while a
cheap request (``GET /healthz`` through the app) runs in a loop beside: its worst latency is
how long search work held the event loop. Ends with ``key: value`` lines; ``*_cpu_ms`` are
CPU time of this process (steadier than wall time on a shared machine).

    .venv/bin/python bench/search.py [--products 10000] [--queries 2000] [--edits 100]
        [--db postgres://postgres@127.0.0.1:5432/x --backend postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

# bench/builder.py would shadow the ``builder`` package when run as a script from bench/.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from core.app import create_app  # noqa: E402
from core.db import close_db, init_db  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.testing.database import create_test_database, derive_test_database_url, drop_test_database  # noqa: E402

BRANDS = ["华为", "小米", "苹果", "荣耀", "联想", "海尔", "美的", "格力", "索尼", "飞利浦", "九阳", "苏泊尔",
          "戴森", "松下", "三星", "vivo", "OPPO", "一加", "魅族", "罗技", "雷蛇", "安踏", "李宁", "耐克"]
FEATURES = ["轻薄", "旗舰", "无线", "智能", "便携", "大容量", "高清", "静音", "防水", "快充", "降噪", "超长续航",
            "家用", "商务", "儿童", "运动", "复古", "迷你", "专业", "多功能"]
KINDS = ["手机", "手表", "耳机", "平板", "笔记本", "电视", "冰箱", "空调", "洗衣机", "充电宝", "音箱", "相机",
         "电饭煲", "吸尘器", "键盘", "鼠标", "跑鞋", "背包", "台灯", "路由器", "显示器", "剃须刀", "电动牙刷", "保温杯"]
SERIES = ["Pro", "Max", "Plus", "青春版", "标准版", "旗舰版", "S", "X", "Air", "Lite"]


def product_names(count: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add(f"{rng.choice(BRANDS)}{rng.choice(FEATURES)}{rng.choice(KINDS)} {rng.choice(SERIES)}{rng.randint(1, 99)}")
    return sorted(names)


def typo(text: str, rng: random.Random) -> str:
    position = rng.randrange(1, len(text))
    letter = rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != text[position]])
    return text[:position] + letter + text[position + 1 :]


def queries(names: list[str], count: int, rng: random.Random) -> list[str]:
    from core.catalog.search_index import keys_for

    made = []
    for index in range(count):
        text, full, initials = keys_for(rng.choice(names))
        sort = index % 4
        if sort == 0:
            made.append(text[: rng.randint(1, 4)])
        elif sort == 1:
            made.append(full[: rng.randint(2, 10)])
        elif sort == 2:
            made.append(initials[: rng.randint(2, 5)])
        else:
            made.append(typo(full[: rng.randint(4, 9)], rng))
    return made


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[max(int(len(ordered) * share) - 1, 0)], 3)


class CheapRequests:
    """``GET /healthz`` through the app, one after another, until stopped: the worst latency
    is the longest the event loop was held by something else."""

    def __init__(self, app) -> None:
        import httpx

        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")
        self.latencies: list[float] = []
        self.running = False

    async def run(self) -> None:
        self.running = True
        while self.running:
            started = time.perf_counter()
            response = await self.client.get("/healthz")
            assert response.status_code == 200, response.text
            self.latencies.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0.002)


async def measure(app, backend_name: str, products: int, query_count: int, edits: int) -> dict[str, object]:
    from core.catalog import products as product_service
    from core.catalog.cache import bump_version
    from core.catalog.models import Product, ProductStatus
    from core.catalog.search import BuiltinSearchBackend
    from core.catalog.search_index import ShopIndex
    from core.shops.services import create_agency, create_shop

    rng = random.Random(20261125)
    agency = await create_agency("bench")
    shop = await create_shop(agency_id=agency.id, name="bench", slug=f"bench-{time.time_ns()}")
    names = product_names(products, rng)
    rows = [
        Product(shop_id=shop.id, title=name, status=ProductStatus.ON_SALE, sales=rng.randint(0, 5000),
                min_price_fen=9900, max_price_fen=9900)
        for name in names
    ]
    for start in range(0, len(rows), 1000):
        await Product.bulk_create(rows[start : start + 1000])
    await bump_version(shop.id)
    result: dict[str, object] = {"backend": backend_name, "products": products}

    if backend_name == "postgres":
        from core.catalog.search_pg import PostgresSearchBackend

        backend = PostgresSearchBackend()
    else:
        backend = BuiltinSearchBackend()
    cheap = CheapRequests(app)
    beside = asyncio.ensure_future(cheap.run())
    await asyncio.sleep(0.05)
    cheap.latencies.clear()
    started, cpu = time.perf_counter(), time.process_time()
    await backend.suggest(shop.id, "hw")
    result["index_build_ms"] = round((time.perf_counter() - started) * 1000, 1)
    result["index_build_cpu_ms"] = round((time.process_time() - cpu) * 1000, 1)
    result["cheap_request_max_ms_during_build"] = round(max(cheap.latencies, default=0.0), 1)
    cheap.running = False
    await beside

    timings = []
    empty = 0
    cpu = time.process_time()
    thread_cpu = []  # this thread's CPU per call: the event loop's share, steady under load
    for query in queries(names, query_count, rng):
        started, on_loop = time.perf_counter(), time.thread_time()
        found = await backend.suggest(shop.id, query, limit=10)
        timings.append((time.perf_counter() - started) * 1000)
        thread_cpu.append((time.thread_time() - on_loop) * 1000)
        empty += not found
    result.update({
        "queries": len(timings),
        "queries_without_suggestion": empty,
        "suggest_mean_ms": round(statistics.fmean(timings), 3),
        "suggest_p50_ms": percentile(timings, 0.5),
        "suggest_p95_ms": percentile(timings, 0.95),
        "suggest_max_ms": round(max(timings), 3),
        "suggest_cpu_ms_per_query": round((time.process_time() - cpu) * 1000 / len(timings), 3),
        "suggest_loop_cpu_p95_ms": percentile(thread_cpu, 0.95),
    })

    # Edits through the admin service (its transaction writes the change row), each followed
    # by the suggestion that makes the index catch up, while cheap requests run beside.
    ids = list(await Product.filter(shop_id=shop.id).order_by("id").limit(edits).values_list("id", flat=True))
    resyncs, resync_cpu = [], []
    cheap.latencies.clear()
    beside = asyncio.ensure_future(cheap.run())
    await asyncio.sleep(0.05)
    edit_started = time.perf_counter()
    for number, product_id in enumerate(ids):
        title = f"荣耀折叠屏手机 Magic V{number:03d}"
        await product_service.update_product(shop.id, product_id, {"title": title})
        started, cpu = time.perf_counter(), time.process_time()
        found = await backend.suggest(shop.id, f"ryzdpsjmagicv{number:03d}")
        resyncs.append((time.perf_counter() - started) * 1000)
        resync_cpu.append((time.process_time() - cpu) * 1000)
        assert (title, product_id) in found, (title, found)
    edits_seconds = time.perf_counter() - edit_started
    cheap.running = False
    await beside
    result.update({
        "edits": len(ids),
        "resync_after_edit_ms": percentile(resyncs, 0.5),
        "resync_after_edit_p95_ms": percentile(resyncs, 0.95),
        "resync_after_edit_max_ms": round(max(resyncs), 3),
        "resync_after_edit_cpu_ms": percentile(resync_cpu, 0.5),
        # CPU of the whole catch-up and lookup: an upper bound of how long it held the loop
        # (wall-clock latencies below also count time the machine gave other processes).
        "resync_after_edit_cpu_max_ms": round(max(resync_cpu), 3),
        "edits_per_second": round(len(ids) / edits_seconds, 1),
        "cheap_requests_during_edits": len(cheap.latencies),
        "cheap_request_p50_ms_during_edits": percentile(cheap.latencies, 0.5),
        "cheap_request_max_ms_during_edits": round(max(cheap.latencies), 1),
    })
    await cheap.client.aclose()

    if backend_name == "builtin":
        # The index's own memory: the shop's rows laid out again under tracemalloc.
        rows = await Product.filter(shop_id=shop.id).values_list("id", "title", "sales", "tag_text")
        tracemalloc.start()
        index = ShopIndex()
        index.load(rows)
        result["index_memory_mb"] = round(tracemalloc.get_traced_memory()[0] / 2**20, 1)
        tracemalloc.stop()
        del index
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["load_average_1min"] = os.getloadavg()[0]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", default="sqlite://", help="database server URL (the database name is replaced)")
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--backend", default="builtin", choices=["builtin", "postgres"])
    parser.add_argument("--keep-db", action="store_true", help="keep the throw-away database (to EXPLAIN queries)")
    args = parser.parse_args()

    url = derive_test_database_url(None if args.db.startswith("sqlite") else args.db)
    settings = Settings(database_url=url, run_jobs=False)
    app = create_app(settings)
    config = app.state.db_config
    create_test_database(config)

    async def run() -> dict[str, object]:
        await init_db(config)
        try:
            return await measure(app, args.backend, args.products, args.queries, args.edits)
        finally:
            await close_db()

    try:
        result = asyncio.run(run())
    finally:
        if args.keep_db:
            print(f"kept database: {url}")
        else:
            drop_test_database(config, url)
    print(f"database: {settings.database_scheme}")
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
