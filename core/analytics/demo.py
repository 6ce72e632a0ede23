"""The demo shop's visits over its month of history, so the admin's analytics screens have
something to show: browsing by anonymous visitors, and for each order of the history
(``core.demo_history``) the visit of its customer that led to it — home page, product, cart,
checkout — minutes before it was placed. Seeded (the same visits on every machine, ending on
the day of seeding); only client-sent types — order events come from the orders themselves."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from core import clock
from core.analytics.store import AnalyticsStore, EventRecord

if TYPE_CHECKING:
    from core.demo_history import DemoPurchase

DAYS = 30
HOME = "pages/home/index"
PAGES = ["pages/category/index", "pages/cart/index", "pages/me/index"]
PRODUCT = "pkg_shop/pages/product/index"
# The demo home page's blocks in order; ids are the "<route>.<index>" fallback of unnamed blocks.
HOME_BLOCKS = ["search_bar", "banner", "notice_bar", "nav_grid", "title", "product_grid"]


def demo_events(
    shop_id: int, product_ids: list[int], zone: ZoneInfo, now: datetime | None = None, purchases: Sequence[DemoPurchase] = ()
) -> list[EventRecord]:
    rng = random.Random(15)
    now = now or clock.now()
    records: list[EventRecord] = []
    visitors = [f"demo-visitor-{number:04d}-device" for number in range(120)]

    def add(device: str, session: str, event_type: str, route: str, from_route: str | None, moment: datetime, **extra: object) -> None:
        block_id = extra.pop("block_id", None)
        customer_id = extra.pop("customer_id", None)
        records.append(
            EventRecord(
                shop_id=shop_id, event_id=f"demo-{len(records):06d}", type=event_type, device_id=device, customer_id=customer_id,  # type: ignore[arg-type]
                session_id=session, route=route, from_route=from_route, block_id=block_id, experiments={}, props=dict(extra),
                client_time=moment, server_time=moment, ts_ms=int(moment.timestamp() * 1000), day=moment.astimezone(zone).date(),
            )
        )

    for days_ago in range(DAYS - 1, -1, -1):
        day_start = (now - timedelta(days=days_ago)).astimezone(zone).replace(hour=9, minute=0, second=0, microsecond=0)
        # Early visitors come back more often: retention cohorts get a shape.
        for visit in range(rng.randint(25, 45)):
            device = visitors[min(int(rng.expovariate(1 / 30)), len(visitors) - 1)] if rng.random() < 0.6 else rng.choice(visitors)
            session = f"demo-session-{days_ago:02d}-{visit:03d}"
            moment = day_start + timedelta(minutes=rng.randint(0, 12 * 60))
            if moment > now:
                continue
            add(device, session, "page_view", HOME, None, moment)
            clickable = []
            for index, component in enumerate(HOME_BLOCKS):
                if rng.random() < 0.9 - index * 0.1:
                    clickable += [index] if index in (1, 3, 5) else []
                    add(device, session, "block_exposure", HOME, None, moment + timedelta(seconds=2 + index), block_id=f"{HOME}.{index}", component=component)
            route = HOME
            for _ in range(rng.randint(0, 3)):
                if not clickable:
                    break
                moment += timedelta(seconds=rng.randint(10, 90))
                index = clickable.pop(rng.randrange(len(clickable)))  # each seen block clicked at most once
                add(device, session, "block_click", HOME, None, moment, block_id=f"{HOME}.{index}", component=HOME_BLOCKS[index])
                target = PRODUCT if index == 5 else rng.choice(PAGES)
                add(device, session, "page_view", target, route, moment + timedelta(seconds=1))
                route = target
                if target == PRODUCT and product_ids and rng.random() < 0.4:
                    product_id = rng.choice(product_ids)
                    add(device, session, "add_to_cart", target, None, moment + timedelta(seconds=20), product_id=product_id, sku_id=product_id, quantity=1)
                    if rng.random() < 0.5:
                        add(device, session, "checkout_start", "pages/cart/index", target, moment + timedelta(seconds=40))
                if rng.random() < 0.3:
                    break
    for purchase in purchases:
        customer = purchase.customer
        who = {"customer_id": customer.id}
        session = f"demo-order-{purchase.order_id}"
        moment = purchase.placed_at - timedelta(seconds=rng.randint(90, 900))
        add(customer.device_id, session, "page_view", HOME, None, moment, **who)
        add(customer.device_id, session, "block_exposure", HOME, None, moment + timedelta(seconds=3), block_id=f"{HOME}.5", component="product_grid", **who)
        route = HOME
        for product_id in purchase.product_ids:
            moment += timedelta(seconds=rng.randint(15, 60))
            add(customer.device_id, session, "block_click", HOME, None, moment, block_id=f"{HOME}.5", component="product_grid", **who)
            add(customer.device_id, session, "page_view", PRODUCT, route, moment + timedelta(seconds=1), **who)
            add(customer.device_id, session, "add_to_cart", PRODUCT, None, moment + timedelta(seconds=20), product_id=product_id, quantity=1, **who)
            route = PRODUCT
        add(customer.device_id, session, "page_view", "pages/cart/index", route, moment + timedelta(seconds=30), **who)
        add(customer.device_id, session, "checkout_start", "pages/cart/index", route, min(moment + timedelta(seconds=40), purchase.placed_at), **who)
    records.sort(key=lambda record: record.ts_ms)
    return [record for record in records if record.client_time <= now]


async def seed_demo_events(
    store: AnalyticsStore, shop_id: int, product_ids: list[int], timezone: str, purchases: Sequence[DemoPurchase] = (), *, now: datetime | None = None
) -> int:
    records = demo_events(shop_id, product_ids, ZoneInfo(timezone), now, purchases)
    for offset in range(0, len(records), 500):
        await store.insert(records[offset : offset + 500])
    return len(records)
