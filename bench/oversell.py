"""Oversell proof: many concurrent buyers race for a few units through the real checkout.

A throw-away database is made on the server ``--db`` names (SQLite: a temporary file),
migrated, and seeded with one shop, ``--buyers`` customers and one SKU with ``--stock`` units.
Every buyer places an order for one unit at the same time through ``place_order`` (pricing,
stock reservation, order rows, timer — one transaction each). Ends with ``key: value`` lines:
``sold`` (orders placed), ``oversold`` (units sold beyond the stock; must be 0),
``final_stock`` and ``stock_consistent`` (initial − final = units in orders).

    .venv/bin/python bench/oversell.py --db sqlite://
    .venv/bin/python bench/oversell.py --db mysql://root:@127.0.0.1:3306/x
    .venv/bin/python bench/oversell.py --db postgres://postgres@127.0.0.1:5432/x
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

# bench/builder.py would shadow the ``builder`` package when run as a script from bench/.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from core.app import create_app  # noqa: E402
from core.db import close_db, init_db  # noqa: E402
from core.errors import Conflict  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.testing.database import create_test_database, derive_test_database_url, drop_test_database  # noqa: E402


async def race(app, buyers: int, stock: int) -> dict[str, object]:
    from core.accounts.models import Customer
    from core.catalog.models import Product, ProductStatus, Sku
    from core.shops.services import create_agency, create_shop
    from core.trade.models import Order, OrderLine
    from core.trade.orders import LineRequest, place_order

    host = app.state.host
    agency = await create_agency("bench")
    shop = await create_shop(agency_id=agency.id, name="bench", slug=f"bench-{time.time_ns()}", host=host)
    product = await Product.create(shop_id=shop.id, title="限量款", status=ProductStatus.ON_SALE, min_price_fen=9900, max_price_fen=9900)
    sku = await Sku.create(shop_id=shop.id, product=product, price_fen=9900, stock=stock)
    customers = [await Customer.create(shop_id=shop.id, openid=f"buyer-{index}") for index in range(buyers)]

    async def buy(customer_id: int) -> str:
        try:
            await place_order(host, shop.id, customer_id, [LineRequest(sku.id, 1)])
            return "sold"
        except Conflict:
            return "refused"

    started = time.perf_counter()
    outcomes = await asyncio.gather(*[buy(customer.id) for customer in customers], return_exceptions=True)
    elapsed = time.perf_counter() - started
    errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    final_stock = (await Sku.get(id=sku.id)).stock
    orders = await Order.filter(shop_id=shop.id).count()
    units = sum(await OrderLine.filter(shop_id=shop.id).values_list("quantity", flat=True))
    return {
        "buyers": buyers,
        "initial_stock": stock,
        "sold": orders,
        "refused": sum(1 for outcome in outcomes if outcome == "refused"),
        "errors": len(errors),
        "oversold": max(units - stock, 0) + max(-final_stock, 0),
        "final_stock": final_stock,
        "stock_consistent": stock - final_stock == units,
        "elapsed_s": round(elapsed, 3),
        "first_error": repr(errors[0])[:200] if errors else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", default="sqlite://", help="database server URL (the database name is replaced)")
    parser.add_argument("--buyers", type=int, default=500)
    parser.add_argument("--stock", type=int, default=100)
    parser.add_argument("--pool", type=int, default=20, help="connection pool size")
    args = parser.parse_args()

    url = derive_test_database_url(None if args.db.startswith("sqlite") else args.db)
    settings = Settings(database_url=url, database_pool_size=args.pool, run_jobs=False)
    app = create_app(settings)
    config = app.state.db_config
    create_test_database(config)

    async def run() -> dict[str, object]:
        await init_db(config)
        try:
            return await race(app, args.buyers, args.stock)
        finally:
            await close_db()

    try:
        result = asyncio.run(run())
    finally:
        drop_test_database(config, url)
    print(f"database: {settings.database_scheme}")
    for key, value in result.items():
        if value != "":
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
