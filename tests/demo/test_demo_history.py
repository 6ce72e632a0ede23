"""The demo shop's month of history (``core.demo_history``): written through the real services,
the same from the same seed, and enough to fill the dashboard, the refund queue and the charts."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from core import clock
from core.catalog.models import InventoryAlert
from core.demo import seed_demo_catalog
from core.demo_history import write_demo_history
from core.testing import make_shop, seed_demo_shop
from core.trade.models import Order, Refund, Shipment


async def figures(shop_id: int) -> dict[str, Any]:
    """What a merchant would read off the screens, without ids or random order numbers."""
    orders = await Order.filter(shop_id=shop_id).order_by("created_at").values("status", "total_fen", "paid_fen", "refunded_fen", "created_at", "paid_at")
    return {
        "statuses": Counter(str(order["status"]) for order in orders),
        "gmv_fen": sum(order["paid_fen"] for order in orders),
        "refunded_fen": sum(order["refunded_fen"] for order in orders),
        "placed": [(order["created_at"], order["total_fen"]) for order in orders],
        "refunds": Counter(str(status) for status in await Refund.filter(shop_id=shop_id).values_list("status", flat=True)),
        "parcels": await Shipment.filter(shop_id=shop_id).count(),
        "low_stock": await InventoryAlert.filter(shop_id=shop_id).count(),
    }


async def lived_shop(client: Any, *, seed: int, end: datetime) -> tuple[int, Any]:
    """A shop opened a month before ``end`` with the demo's catalogue and plugins' demo data,
    then its history written."""
    handle = await make_shop(client)
    with clock.pinned(end - timedelta(days=30)):
        await seed_demo_catalog(handle.shop_id)
        await client.app.state.host.notify("kaidian_on_demo_shop_created", shop_id=handle.shop_id, base_url="", images={})
    report = await write_demo_history(client.app.state.host, client.app.state.settings, handle.shop_id, seed=seed, end=end)
    return handle.shop_id, report


async def test_the_same_seed_writes_the_same_history(kaidian_demo_client):
    end = datetime(2026, 11, 20, 6, 30, tzinfo=UTC)
    first, report = await lived_shop(kaidian_demo_client, seed=7, end=end)
    second, _ = await lived_shop(kaidian_demo_client, seed=7, end=end)
    other, _ = await lived_shop(kaidian_demo_client, seed=8, end=end)
    print(f"\nhistory written in {report.seconds:.2f} s ({report.steps} steps, {len(report.purchases)} orders, {report.customers} customers)")
    assert report.skipped == []
    if kaidian_demo_client.app.state.settings.is_sqlite:  # the demo's database: seconds, not minutes
        assert report.seconds < 30
    assert await figures(first) == await figures(second)
    assert (await figures(first))["placed"] != (await figures(other))["placed"]
    # Every order was stamped inside the month it was written in, by the services themselves.
    placed = [moment for moment, _ in (await figures(first))["placed"]]
    assert end - timedelta(days=30) <= placed[0] < placed[0] + timedelta(days=20) < placed[-1] <= end


async def test_the_demo_opens_on_a_living_shop(kaidian_demo_client):
    # (The shop is seeded once per test session: whichever test asks first writes it.)
    seed, owner = await seed_demo_shop(kaidian_demo_client)
    assert seed.history is None or seed.history.skipped == []
    get = kaidian_demo_client.get
    dashboard = (await get("/api/admin/dashboard", headers=owner)).json()
    assert dashboard["refunds_awaiting_review"] >= 2 and dashboard["pending_shipments"] >= 1 and dashboard["low_stock_alerts"] >= 1
    assert sum(day["paid_orders"] for day in dashboard["last_7_days"]) >= 5
    start = (clock.now() - timedelta(days=29)).astimezone().date()
    overview = (await get(f"/api/admin/analytics/overview?format=json&start={start}", headers=owner)).json()
    days = overview["days"]
    assert len(days) >= 30 and sum(day["gmv_fen"] for day in days) > 0 and sum(day["paid_orders"] for day in days) >= 60
    assert sum(1 for day in days if day["paid_orders"]) >= 25, "orders are spread over the month"
    # Every day but today, the last: in the business time zone's small hours nobody has visited yet.
    assert all(day["visitors"] > 0 for day in days[:-1])
    # The visits lead up to the orders: every order's customer added to cart before it.
    funnel = (await get(f"/api/admin/analytics/funnel?start={start}&steps=page_view,add_to_cart,checkout_start,order_paid", headers=owner)).json()
    assert all(step["count"] > 0 for step in funnel["steps"])
    orders = (await get("/api/admin/orders?status=completed", headers=owner)).json()
    assert len(orders) >= 20 and all(order["status"] == "completed" for order in orders)
    statuses = Counter(await Order.filter(shop_id=seed.shop_id).values_list("status", flat=True))
    assert {"completed", "shipped", "paid", "cancelled", "refunded"} <= set(statuses)
    refunds = Counter(await Refund.filter(shop_id=seed.shop_id).values_list("status", flat=True))
    assert refunds["requested"] >= 1 and refunds["succeeded"] >= 1


async def test_seeding_again_keeps_the_demo_shop(kaidian_demo_client):
    first, _ = await seed_demo_shop(kaidian_demo_client)
    again, _ = await seed_demo_shop(kaidian_demo_client)
    assert again.shop_id == first.shop_id and not again.created and again.history is None
