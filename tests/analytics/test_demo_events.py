"""The demo shop's two weeks of visits: the same on every run, and every report has data."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from core.analytics.demo import demo_events, seed_demo_events
from core.analytics.store import app_store


async def test_demo_visits_fill_every_report(kaidian_client, shop):
    now = datetime(2026, 12, 4, 12, tzinfo=UTC)
    zone = ZoneInfo("Asia/Shanghai")
    assert demo_events(shop.shop_id, [1, 2], zone, now) == demo_events(shop.shop_id, [1, 2], zone, now)
    stored = await seed_demo_events(app_store(kaidian_client.app), shop.shop_id, [1, 2], "Asia/Shanghai")
    assert stored > 1000
    owner = shop.owner
    get = kaidian_client.get
    overview = (await get("/api/admin/analytics/overview?format=json", headers=owner)).json()
    # Every finished day has visitors; today's start before the demo's first visit (09:00) when
    # the test runs in the business time zone's small hours.
    today = datetime.now(UTC).astimezone(zone).date().isoformat()
    assert all(day["visitors"] > 0 for day in overview["days"] if day["date"] < today)
    funnel = (await get("/api/admin/analytics/funnel?steps=page_view,block_click,add_to_cart,checkout_start&split=entry_page", headers=owner)).json()
    assert all(step["count"] > 0 for step in funnel["steps"]) and funnel["groups"][0]["key"] == "pages/home/index"
    paths = (await get("/api/admin/analytics/paths", headers=owner)).json()
    assert paths["transitions"] and paths["exits"] and paths["top_paths"]
    blocks = (await get("/api/admin/analytics/blocks?route=pages/home/index", headers=owner)).json()["blocks"]
    assert {block["component"] for block in blocks} >= {"banner", "product_grid"} and all(0 < block["ctr"] < 1 for block in blocks if block["clicks"])
    cohorts = (await get("/api/admin/analytics/retention?start=2026-11-01", headers=owner)).json()["cohorts"]
    assert any(cohort["d1"] for cohort in cohorts)
