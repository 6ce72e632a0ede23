"""Search suggestions over a 10k-product shop, in process.

A throw-away database (SQLite by default, or the server ``--db`` names) gets one shop with
``--products`` on-sale products with generated Chinese names (brand + feature + kind + model).
The built-in backend answers ``--queries`` as-you-type queries of four sorts, mixed: Chinese
prefixes (``华为``), pinyin spelled out (``huaweish``), pinyin initials (``hwsj``) and pinyin
with one typo (``huaweu``). Each timed call is a whole ``suggest()``: the catalog-version check
(one query) plus the index lookup. Ends with ``key: value`` lines: ``suggest_p50_ms`` and
``suggest_p95_ms`` (target p95 < 20 ms), the first build, and the re-sync after one edit.

    .venv/bin/python bench/search.py [--products 10000] [--queries 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
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


async def measure(products: int, query_count: int) -> dict[str, object]:
    from core.catalog.cache import bump_version
    from core.catalog.models import Product, ProductStatus
    from core.catalog.search import BuiltinSearchBackend
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

    backend = BuiltinSearchBackend()
    started = time.perf_counter()
    await backend.suggest(shop.id, "hw")
    build_ms = (time.perf_counter() - started) * 1000

    timings = []
    empty = 0
    for query in queries(names, query_count, rng):
        started = time.perf_counter()
        found = await backend.suggest(shop.id, query, limit=10)
        timings.append((time.perf_counter() - started) * 1000)
        empty += not found

    # One product retitled, then the next suggestion re-syncs the index.
    product = await Product.filter(shop_id=shop.id).first()
    assert product is not None
    await Product.filter(id=product.id).update(title="荣耀折叠屏手机 Magic V9")
    await bump_version(shop.id)
    started = time.perf_counter()
    found = await backend.suggest(shop.id, "ryzdp")
    resync_ms = (time.perf_counter() - started) * 1000
    assert found and found[0][1] == product.id, found

    timings.sort()
    return {
        "products": products,
        "queries": len(timings),
        "queries_without_suggestion": empty,
        "index_build_ms": round(build_ms, 1),
        "resync_after_edit_ms": round(resync_ms, 1),
        "suggest_mean_ms": round(statistics.fmean(timings), 3),
        "suggest_p50_ms": round(timings[len(timings) // 2], 3),
        "suggest_p95_ms": round(timings[int(len(timings) * 0.95) - 1], 3),
        "suggest_max_ms": round(timings[-1], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", default="sqlite://", help="database server URL (the database name is replaced)")
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=2_000)
    args = parser.parse_args()

    url = derive_test_database_url(None if args.db.startswith("sqlite") else args.db)
    settings = Settings(database_url=url, run_jobs=False)
    app = create_app(settings)
    config = app.state.db_config
    create_test_database(config)

    async def run() -> dict[str, object]:
        await init_db(config)
        try:
            return await measure(args.products, args.queries)
        finally:
            await close_db()

    try:
        result = asyncio.run(run())
    finally:
        drop_test_database(config, url)
    print(f"database: {settings.database_scheme}")
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
