"""The admin's analytics reports over HTTP: shapes, server-written order events, CSV, roles and
tenant isolation."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from core.accounts.models import StaffRole
from core.analytics.models import AnalyticsEvent
from core.testing import add_staff
from tests.analytics.test_ingest import event, send
from tests.trade.helpers import checkout, delivery_address, make_sku


def today() -> str:
    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat()


async def test_an_order_writes_server_events_and_the_reports_show_the_visit(kaidian_client, shop):
    client = kaidian_client
    now = datetime.now(UTC)
    session = "session-report-1"
    visits = [
        event(session_id=session, route="pages/index/index", client_time=(now - timedelta(minutes=5)).isoformat()),
        event(type="block_exposure", session_id=session, route="pages/index/index", block_id="hero", props={"component": "banner"}, client_time=(now - timedelta(minutes=5)).isoformat()),
        event(type="block_click", session_id=session, route="pages/index/index", block_id="hero", props={"component": "banner", "target": "/pages/product/product?id=1"}, client_time=(now - timedelta(minutes=4)).isoformat()),
        event(session_id=session, route="pages/product/product", from_route="pages/index/index", client_time=(now - timedelta(minutes=3)).isoformat()),
    ]
    assert (await send(client, shop.shop_id, visits, headers=shop.customer)).json()["accepted"] == 4
    sku = await make_sku(shop.shop_id, price_fen=2500)
    placed = await checkout(client, shop.customer, [(sku.id, 2)])
    assert placed.status_code == 201, placed.text
    order_id = placed.json()["id"]
    assert (await client.post(f"/api/shop/orders/{order_id}/sandbox-pay", headers=shop.customer)).status_code in (200, 201)
    server = {row.type: row for row in await AnalyticsEvent.filter(shop_id=shop.shop_id, type__in=["order_placed", "order_paid"])}
    assert server["order_placed"].props == {"order_id": order_id, "total_fen": 5000}
    assert server["order_paid"].props == {"order_id": order_id, "amount_fen": 5000}
    assert server["order_paid"].actor == f"c{shop.customer_id}"

    owner = shop.owner
    day = today()
    overview = (await client.get(f"/api/admin/analytics/overview?start={day}&end={day}", headers=owner)).json()
    assert overview["totals"] == {
        "visitors": 1, "gmv_fen": 5000, "paid_orders": 1, "average_order_fen": 5000, "paying_customers": 1, "visit_to_order_rate": 1.0
    }
    funnel = (await client.get("/api/admin/analytics/funnel?steps=page_view,block_click,order_paid&window_hours=1&split=customer_kind", headers=owner)).json()
    assert [step["count"] for step in funnel["steps"]] == [1, 1, 1]
    assert funnel["steps"][0]["label"] == "浏览页面" and funnel["groups"][0]["key"] == "new"
    paths = (await client.get("/api/admin/analytics/paths", headers=owner)).json()
    assert paths == {
        "transitions": [{"from": "pages/index/index", "to": "pages/product/product", "count": 1}],
        "exits": [{"route": "pages/product/product", "count": 1}],
        "top_paths": [{"path": ["pages/index/index", "pages/product/product"], "count": 1}],
    }
    blocks = (await client.get("/api/admin/analytics/blocks?route=pages/index/index", headers=owner)).json()
    assert blocks == {"blocks": [{"block_id": "hero", "component": "banner", "exposures": 1, "clicks": 1, "ctr": 1.0, "ctr_note": None}]}
    retention = (await client.get("/api/admin/analytics/retention", headers=owner)).json()
    assert retention["cohorts"][-1] == {"date": day, "size": 1, "d1": None, "d7": None, "d30": None}
    types = (await client.get("/api/admin/analytics/event-types", headers={**owner, "Accept-Language": "en"})).json()
    assert {"name": "order_paid", "title": "Order paid", "source": "core", "client": False} in types

    exported = await client.get(f"/api/admin/analytics/overview?start={day}&end={day}&format=csv", headers=owner)
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["date", "visitors", "gmv_fen"] and rows[-1][:3] == ["total", "1", "5000"]
    for report in ("funnel?steps=page_view,order_paid&", "paths?", "blocks?route=pages/index/index&", "retention?", "event-types?"):
        response = await client.get(f"/api/admin/analytics/{report}format=csv", headers=owner)
        assert response.status_code == 200 and len(response.text.splitlines()) >= 2, report


async def test_a_block_clicked_without_exposures_or_clicked_more_than_seen_has_no_ctr_and_says_why(kaidian_client, shop):
    client = kaidian_client
    now = datetime.now(UTC).isoformat()
    route = "pages/index/index"
    seen_once = [event(type="block_exposure", route=route, block_id="grid", props={"component": "product_grid"}, client_time=now)]
    clicks = [
        event(type="block_click", route=route, block_id=block, props={"component": "banner"}, client_time=now)
        for block in ("hero", "hero", "grid", "grid")
    ]
    assert (await send(client, shop.shop_id, seen_once + clicks, headers=shop.customer)).json()["accepted"] == 5
    answer = await client.get(f"/api/admin/analytics/blocks?route={route}", headers={**shop.owner, "Accept-Language": "en"})
    rows = {row["block_id"]: row for row in answer.json()["blocks"]}
    assert rows["hero"]["ctr"] is None and rows["hero"]["ctr_note"].startswith("Clicks without recorded exposures")
    assert rows["grid"]["ctr"] is None and rows["grid"]["ctr_note"].startswith("More clicks than exposures")
    exported = await client.get(f"/api/admin/analytics/blocks?route={route}&format=csv", headers=shop.owner)
    hero = next(row for row in csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff"))) if row["block_id"] == "hero")
    assert hero["ctr"] == "" and hero["ctr_note"].startswith("有点击但没有曝光记录")


async def test_orders_without_seen_visits_have_no_visit_to_order_rate(kaidian_client, shop):
    sku = await make_sku(shop.shop_id, price_fen=1200)
    placed = await checkout(kaidian_client, shop.customer, [(sku.id, 1)])  # an app that sends no events
    assert placed.status_code == 201, placed.text
    day = today()
    overview = (await kaidian_client.get(f"/api/admin/analytics/overview?start={day}&end={day}", headers=shop.owner)).json()
    assert overview["totals"]["visitors"] == 0 and overview["totals"]["visit_to_order_rate"] is None  # not 0 %
    exported = await kaidian_client.get(f"/api/admin/analytics/overview?start={day}&end={day}&format=csv", headers=shop.owner)
    assert list(csv.reader(io.StringIO(exported.text.lstrip("\ufeff"))))[-1][-1] == ""


async def test_reports_are_per_shop_and_for_owners_and_operators(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    await send(kaidian_client, shop_a.shop_id, [event()])
    url = "/api/admin/analytics/funnel?steps=page_view,add_to_cart"
    assert (await kaidian_client.get(url, headers=shop_a.owner)).json()["steps"][0]["count"] == 1
    assert (await kaidian_client.get(url, headers=shop_b.owner)).json()["steps"][0]["count"] == 0
    operator = await add_staff(kaidian_client, shop_a, StaffRole.OPERATOR)
    service = await add_staff(kaidian_client, shop_a, StaffRole.CUSTOMER_SERVICE)
    assert (await kaidian_client.get(url, headers=operator)).status_code == 200
    assert (await kaidian_client.get(url, headers=service)).status_code == 403
    assert (await kaidian_client.get(url, headers=shop_a.customer)).status_code == 403


async def test_bad_report_parameters_are_422_naming_the_field(kaidian_client, shop):
    for query, field in (
        ("funnel?steps=page_view", "steps"),
        ("funnel?steps=page_view,nope", "steps"),
        ("funnel?steps=page_view,search&window_hours=0", "window_hours"),
        ("overview?start=2026-02-01&end=2026-01-01", "start"),
        ("overview?start=2024-01-01&end=2026-01-01", "end"),
        ("blocks?route=a%20b", "route"),
        ("paths?format=xml", "format"),
    ):
        response = await kaidian_client.get(f"/api/admin/analytics/{query}", headers=shop.owner)
        assert response.status_code in (400, 422) and response.json()["field"] == field, (query, response.text)


async def test_a_checkout_gives_its_order_events_the_device_and_its_experiments(kaidian_client, shop):
    """The checkout's X-Device-Token and ``experiments`` (the device's A/B assignments) are kept
    with the order for attribution: its order_placed and order_paid carry them; bad ones are a
    422 naming the field; without them the events carry none (an older client)."""
    client = kaidian_client
    sku = await make_sku(shop.shop_id, price_fen=1200)
    address = await delivery_address(client, shop.customer)

    def body(**more):
        return {"lines": [{"sku_id": sku.id, "quantity": 1}], "address_id": address, **more}

    async def place(data, **headers):
        return await client.post("/api/shop/orders", json=data, headers={**shop.customer, "Idempotency-Key": uuid.uuid4().hex, **headers})

    for bad, field in (
        (body(experiments={"exp1": "b c"}), "experiments.exp1"),
        (body(experiments={f"e{n}": "b" for n in range(21)}), "experiments"),
        (body(experiments=["b"]), "experiments"),
    ):
        refused = await place(bad, **{"X-Device-Token": "device-attribution-0001"})
        assert refused.status_code == 422 and refused.json()["field"].startswith(field), refused.text
    refused = await place(body(), **{"X-Device-Token": "short"})
    assert refused.status_code == 422 and refused.json()["field"] == "X-Device-Token", refused.text

    placed = await place(body(experiments={"exp1": "b"}), **{"X-Device-Token": "device-attribution-0001"})
    assert placed.status_code == 201, placed.text
    order_id = placed.json()["id"]
    assert (await client.post(f"/api/shop/orders/{order_id}/sandbox-pay", headers=shop.customer)).status_code in (200, 201)
    older = (await place(body())).json()["id"]
    rows = await AnalyticsEvent.filter(shop_id=shop.shop_id, type__in=["order_placed", "order_paid"]).order_by("id")
    events = {(row.type, row.props["order_id"]): row for row in rows}
    for kind in ("order_placed", "order_paid"):
        row = events[(kind, order_id)]
        assert (row.device_id, row.experiments, row.customer_id) == ("device-attribution-0001", {"exp1": "b"}, shop.customer_id)
    assert (events[("order_placed", older)].device_id, events[("order_placed", older)].experiments or {}) == ("", {})
