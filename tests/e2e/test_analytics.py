"""Analytics end to end (slow): a customer's session on each H5 build of the demo shop (the
shared builds) sends its events through the customer runtime; the demo's database holds
them with their routes and block ids, and the admin's funnel screen counts them. Writes the
analytics screenshots for the README."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from pathlib import Path

import pytest

from tests.demo_server import DEMO_OWNER

pytestmark = pytest.mark.slow

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
HOME = "pages/home/index"




def _events(e2e_folder: Path) -> list[dict]:
    """The demo's stored events, read-only (a reader must not hold up the server's writes)."""
    db = sqlite3.connect(f"file:{e2e_folder / 'demo' / 'var' / 'kaidian.sqlite3'}?mode=ro", uri=True, timeout=10)
    try:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT event_id, type, device_id, session_id, route, from_route, block_id, props FROM kd_analytics_event ORDER BY ts_ms, id").fetchall()
    finally:
        db.close()
    return [dict(row) | {"props": json.loads(row["props"] or "{}")} for row in rows]


def _wait_for(page, e2e_folder: Path, predicate, timeout: float = 60) -> list[dict]:
    """Polls the database; waits through the page (the fixture's request routing is answered
    by this thread, so a plain sleep would hold the app's requests up)."""
    deadline = time.monotonic() + timeout
    while True:
        events = _events(e2e_folder)
        if predicate(events) or time.monotonic() > deadline:
            return events
        page.wait_for_timeout(1000)


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_a_customer_session_becomes_events_and_the_funnel_screen_counts_them(target, h5_app, open_h5, live_demo, e2e_folder, chromium):
    _, plan = h5_app(target)
    home = next(page for page in plan.pages if page.path == HOME)
    grid = next(block for block in home.blocks if block["type"] == "product_grid")
    with open_h5(target) as h5:
        page = h5.page
        answers: list[str] = []  # what the event sends came back with
        page.on("requestfailed", lambda request: "/events" in request.url and answers.append(f"failed {request.failure}"))
        page.on("response", lambda response: "/events" in response.url and answers.append(str(response.status)))
        page.wait_for_selector(".kd-products__card", timeout=60000)
        page.wait_for_timeout(1500)  # the blocks in view stay there for more than a second
        page.locator(f".kd-block[data-block-id='{grid['block_id']}'] .kd-products__card").first.click()
        page.wait_for_selector(".kd-detail__button--cart", timeout=20000)
        product_id = int(re.search(r"id=(\d+)", page.url).group(1))
        page.locator(".kd-detail__button--cart").click()
        dimensions = page.locator(".kd-sku__values")
        for index in range(dimensions.count()):
            if not dimensions.nth(index).locator(".kd-sku__value--chosen").count():
                dimensions.nth(index).locator(".kd-sku__value:not(.kd-sku__value--off)").first.click()
        page.locator(".kd-sku__confirm-cart").click()
        page.wait_for_selector(".kd-detail__badge", timeout=15000)
        page.locator(".kd-detail__icon").click()
        page.wait_for_selector(".kd-cart__line", timeout=20000)
        page.locator(".kd-cart__checkout").click()
        page.wait_for_selector(".kd-checkout__submit", timeout=20000)
        # The tab goes to the background: what is queued leaves now, not after 5 s.
        page.evaluate("() => { Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true }); document.dispatchEvent(new Event('visibilitychange')) }")
        page.wait_for_function("() => (JSON.parse(localStorage.getItem('kaidian_events')) || {}).data?.length === 0", timeout=60000)
        # This visit's events (the demo also holds seeded visitors'): its session, from storage.
        session = h5.stored("kaidian_visit")["id"]
        events = _wait_for(page, e2e_folder, lambda rows: any(row["type"] == "checkout_start" and row["session_id"] == session for row in rows))
        assert h5.errors == [] and set(answers) == {"200"}, (h5.errors, answers)

    mine = [row for row in events if row["session_id"] == session]
    types = [row["type"] for row in mine]
    for expected in ("page_view", "block_exposure", "block_click", "add_to_cart", "checkout_start"):
        assert expected in types, (expected, types)
    assert len({row["event_id"] for row in mine}) == len(mine) and len({row["device_id"] for row in mine}) == 1
    views = [(row["route"], row["from_route"]) for row in mine if row["type"] == "page_view"]
    assert views[0] == (HOME, None)
    product_route = next(route for route, _ in views if "/pages/product/" in route)
    assert (product_route, HOME) in views
    click = next(row for row in mine if row["type"] == "block_click")
    assert (click["route"], click["block_id"], click["props"]) == (HOME, grid["block_id"], {"component": "product_grid"})
    exposed = {row["block_id"] for row in mine if row["type"] == "block_exposure"}
    assert home.blocks[0]["block_id"] in exposed and len(exposed) == len({row["block_id"] for row in mine if row["type"] == "block_exposure"})
    assert not any(row["type"] == "block_exposure" and row["route"] != HOME for row in mine)
    cart = next(row for row in mine if row["type"] == "add_to_cart")
    assert cart["props"]["product_id"] == product_id and cart["props"]["quantity"] == 1

    if target != "uniapp":
        return  # one admin walk is enough: the screens read the same store
    # The admin's funnel screen counts this visit: exposure → click → add to cart → checkout.
    admin = chromium.new_page(viewport={"width": 1280, "height": 1200})
    try:
        admin.add_init_script("localStorage.setItem('kaidian.locale', 'en')")  # CI may lack CJK fonts
        _admin_login(admin, live_demo.base_url)
        admin.goto(f"{live_demo.base_url}/admin/#/analytics?tab=funnel")
        table = admin.locator("[data-test=funnel-table]")
        table.locator("tbody tr").first.wait_for(timeout=20000)
        rows = table.locator("tbody tr")
        labels = [rows.nth(index).locator("td").first.inner_text() for index in range(rows.count())]
        counts = [int(rows.nth(index).locator("[data-test=step-count]").inner_text()) for index in range(rows.count())]
        assert len(labels) == 5 and all(count >= 1 for count in counts[:4]), (labels, counts)
        _screenshot(admin, "analytics_funnel")
        for tab in ("overview", "paths", "retention"):
            admin.goto(f"{live_demo.base_url}/admin/#/analytics?tab={tab}")
            admin.locator(f"[data-test=analytics-{tab}]").wait_for(timeout=20000)
            admin.wait_for_timeout(1500)  # charts animate in
            _screenshot(admin, f"analytics_{tab}")
        assert admin.locator("[data-test=paths-heatmap] canvas").count() >= 1
        # The page editor's block heatmap over the canvas: the clicked grid shows its click.
        admin.goto(f"{live_demo.base_url}/admin/#/builder")
        admin.locator("[data-test=canvas] [data-block]").first.wait_for(timeout=30000)
        admin.locator("[data-test=block-heatmap-toggle]").click()
        heat = admin.locator(f"[data-test=block-heat][data-block-id='{grid['block_id']}']")
        heat.locator("[data-test=heat-clicks]").filter(has_not_text="0").wait_for(timeout=20000)
        first = admin.locator(f"[data-test=block-heat][data-block-id='{home.blocks[0]['block_id']}']")
        assert int(first.locator("[data-test=heat-exposures]").inner_text()) >= 1  # in view for over a second
        _screenshot(admin, "analytics_block_heatmap")
    finally:
        admin.close()


def _admin_login(page, base: str) -> None:
    page.goto(f"{base}/admin/")
    page.fill("input[name=email]", DEMO_OWNER["email"])
    page.fill("input[name=password]", DEMO_OWNER["password"])
    page.click("[data-test=login]")
    page.wait_for_url(re.compile(r"#/dashboard"))


def _screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), animations="disabled", full_page=True)
