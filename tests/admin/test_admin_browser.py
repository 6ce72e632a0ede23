"""The admin app in real headless Chromium against a live kaidian (uvicorn, temp SQLite).

Logs in, builds a home page by dragging a banner, a search bar and a product grid from the
palette, sets props, reorders, undoes, exports the uni-app zip and checks the generated page
matches the editor; switches a plugin off and on. Saves screenshots to docs/screenshots/.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import socket
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

import core.admin_ui as admin_ui

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve_seeded_shop(folder: Path, plugins: list, **settings_values):
    """A live kaidian (uvicorn in a thread, SQLite in ``folder``, the demo shop seeded) with the
    given extra plugins; yields (base URL, seed)."""
    import uvicorn

    from core.app import create_app
    from core.cli import _seed, run_upgrade
    from core.settings import Settings

    port = _free_port()
    settings = Settings(
        database_url=f"sqlite://{folder / 'admin.sqlite3'}", run_jobs=False,
        public_base_url=f"http://127.0.0.1:{port}", media_dir=str(folder / "media"), **settings_values,
    )
    app = create_app(settings, plugins=plugins)

    def prepare():
        run_upgrade(settings, app.state.db_config)
        return asyncio.run(_seed(app.state.db_config, app))

    # On a thread of its own: a module's Playwright session may already run an event loop on this one.
    with ThreadPoolExecutor(1) as pool:
        seed = pool.submit(prepare).result()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "kaidian did not start"
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}", seed
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def live_admin(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("needs the Debian chromium package")
    if not (admin_ui.STATIC_DIR / "index.html").is_file():
        pytest.fail("the admin app is not built: run `make admin`")
    import tests.sample_plugin as sample

    folder = tmp_path_factory.mktemp("admin")
    # the customers below log in and pay with the sandbox
    with serve_seeded_shop(folder, [sample], wechat_provider="sandbox") as (base, seed), pytest.MonkeyPatch.context() as patch:
        patch.setenv("KAIDIAN_H5_PREVIEW_DIR", str(folder / "h5-preview"))
        yield base, seed


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _login(page, base, seed):
    page.goto(f"{base}/admin/")
    page.fill("input[name=email]", seed.email)
    page.fill("input[name=password]", seed.password)
    page.click("[data-test=login]")
    page.wait_for_url(re.compile(r"#/dashboard"))


def _english_admin(browser, base, seed, width=1280, height=800):
    """A signed-in admin page in English (the CI image may lack CJK fonts for screenshots)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.add_init_script("localStorage.setItem('kaidian.locale', 'en')")
    _login(page, base, seed)
    return page


def _drag(page, source, target, *, below=True):
    """Pointer drag (the editor's SortableJS runs in fallback mode, driven by mouse events)."""
    source.scroll_into_view_if_needed()
    start = source.bounding_box()
    end = target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + start["width"] / 2 + 5, start["y"] + start["height"] / 2 + 5, steps=3)
    y = end["y"] + end["height"] + 20 if below else end["y"] + 4
    page.mouse.move(end["x"] + end["width"] / 2, y, steps=15)
    page.mouse.move(end["x"] + end["width"] / 2, y + 2, steps=3)
    page.mouse.up()
    page.wait_for_timeout(250)


def _canvas_types(page) -> list[str]:
    return page.locator("[data-test=canvas] [data-block]").evaluate_all("nodes => nodes.map(n => n.dataset.block)")


def test_build_a_home_page_and_export_it(live_admin, browser):
    base, seed = live_admin
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    # English for the screenshots: the CI image has no CJK fonts (zh-CN is the default)
    page.add_init_script("localStorage.setItem('kaidian.locale', 'en')")
    _login(page, base, seed)
    page.locator("[data-menu=builder]").wait_for()
    page.locator(".el-tag", has_text="Sample").wait_for()  # the dashboard's plugin card has loaded
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), animations="disabled")

    category = httpx.post(
        f"{base}/api/admin/catalog/categories", json={"name": "Fruit"}, headers={"Authorization": f"Bearer {_token(page)}"}
    ).json()
    page.click("[data-menu=builder]")
    page.wait_for_url(re.compile(r"#/builder"))
    palette = page.locator("[data-test=palette]")
    palette.locator("[data-component=banner]").wait_for()
    # every registered page component is offered, the plugin's included
    assert palette.locator("[data-component=product_grid]").count() == 1
    drop_zone = page.locator("[data-test=canvas] .drop-zone")

    # start from an empty home page (the shop may already have a draft)
    page.wait_for_timeout(500)
    while _canvas_types(page):
        page.locator("[data-test=canvas] [data-block]").first.click()
        page.click("[data-test=remove]")
    for name in ("banner", "search_bar", "product_grid"):
        blocks = page.locator("[data-test=canvas] [data-block]")
        target = blocks.last if blocks.count() else drop_zone
        _drag(page, palette.locator(f"[data-component={name}]"), target, below=blocks.count() > 0)
    assert _canvas_types(page) == ["banner", "search_bar", "product_grid"]

    # the new banner has no slides: the validation error shows on it
    banner = page.locator("[data-test=canvas] [data-block=banner]")
    banner.locator("[data-test=block-error]").wait_for()

    # give the banner a slide through the list editor
    banner.click()
    page.locator("[data-test=properties] [data-field=slides] [data-test=list-add]").click()
    page.locator("[data-test=properties] [data-field=slides] [data-field=image] input").fill("https://img.example.com/kaidian/hero.jpg")
    # set a prop on the search bar
    page.locator("[data-test=canvas] [data-block=search_bar]").click()
    page.locator("[data-test=properties] [data-field=placeholder] input").fill("Search fresh fruit")
    expect_text = page.locator("[data-test=canvas] [data-block=search_bar]")
    assert "Search fresh fruit" in expect_text.inner_text()

    # reorder: drag the search bar above the banner
    _drag(page, page.locator("[data-test=canvas] [data-block=search_bar]"), banner, below=False)
    assert _canvas_types(page) == ["search_bar", "banner", "product_grid"]
    # undo puts it back; redo reorders again
    page.click("[data-test=undo]")
    assert _canvas_types(page) == ["banner", "search_bar", "product_grid"]
    page.click("[data-test=redo]")
    assert _canvas_types(page) == ["search_bar", "banner", "product_grid"]

    # duplicate then delete the product grid; undo the delete
    page.locator("[data-test=canvas] [data-block=product_grid]").click()
    page.click("[data-test=duplicate]")
    assert _canvas_types(page) == ["search_bar", "banner", "product_grid", "product_grid"]
    page.click("[data-test=remove]")
    assert _canvas_types(page) == ["search_bar", "banner", "product_grid"]

    # the grid's category source needs a category: the error sits on the grid until it is set
    grid = page.locator("[data-test=canvas] [data-block=product_grid]")
    grid.locator("[data-test=block-error]").wait_for()
    grid.click()
    page.locator("[data-test=properties] [data-field=category_id] .el-select").click()  # the category picker
    page.locator(".el-tree-node__content:visible", has_text="Fruit").click()
    page.locator("[data-test=validity]").filter(has_text=re.compile("有效|valid")).wait_for(timeout=5000)
    page.locator("[data-test=canvas] [data-block=banner]").click()

    with page.expect_download() as download_info:
        page.locator("[data-test=export] button").first.click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    home = archive.read("src/pages/home/page.js").decode()
    blocks = json.loads(home[home.index("{"): home.rindex("}") + 1])["blocks"]
    assert [block["type"] for block in blocks] == ["search_bar", "banner", "product_grid"]
    assert blocks[0]["props"]["placeholder"] == "Search fresh fruit"
    assert blocks[2]["props"]["category_id"] == category["id"]
    assert blocks[1]["props"]["slides"] == [{"image": "https://img.example.com/kaidian/hero.jpg", "link": "", "alt": ""}]

    # publish: the stored published configuration generates the same home page
    page.click("[data-test=publish]")
    page.locator(".el-message--success").filter(has_text="Published").wait_for()
    headers = {"Authorization": f"Bearer {_token(page)}"}
    state = httpx.get(f"{base}/api/admin/builder/config", headers=headers).json()
    assert state["unpublished_changes"] is False
    assert [block["type"] for block in state["published"]["config"]["pages"][0]["components"]] == ["search_bar", "banner", "product_grid"]
    published_zip = httpx.get(f"{base}/api/admin/builder/config/export", params={"target": "uniapp", "which": "published"}, headers=headers)
    published_home = zipfile.ZipFile(io.BytesIO(published_zip.content)).read("src/pages/home/page.js").decode()
    assert json.loads(published_home[published_home.index("{"): published_home.rindex("}") + 1])["blocks"] == blocks

    # history lists the published version; a reload shows the saved page
    page.click("[data-test=history]")
    page.locator(".el-drawer .el-tag", has_text="published").first.wait_for()
    page.reload()
    page.locator("[data-test=canvas] [data-block=product_grid]").wait_for()
    assert _canvas_types(page) == ["search_bar", "banner", "product_grid"]
    page.close()


def _token(page) -> str:
    return page.evaluate("JSON.parse(sessionStorage.getItem('kaidian.session')).access_token")


def test_switch_a_plugin_off_and_on(live_admin, browser):
    base, seed = live_admin
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    _login(page, base, seed)

    def sample_enabled() -> bool:
        rows = httpx.get(f"{base}/api/admin/plugins", headers={"Authorization": f"Bearer {_token(page)}"}).json()
        return next(row["enabled"] for row in rows if row["name"] == "sample")

    def palette_offers_sample_card() -> bool:
        page.click("[data-menu=builder]")
        page.locator("[data-test=palette] [data-component=banner]").wait_for()
        return page.locator("[data-test=palette] [data-component=sample_card]").count() == 1

    def toggle_sample() -> None:
        page.click("[data-menu=plugins]")
        page.locator("[data-test=toggle-sample]").click()
        page.locator(".el-message--success").last.wait_for()

    assert sample_enabled() and palette_offers_sample_card()
    toggle_sample()
    assert not sample_enabled() and not palette_offers_sample_card()
    toggle_sample()
    assert sample_enabled() and palette_offers_sample_card()

    # settings form from the plugin's JSON Schema; the API's 422 lands on the field
    page.click("[data-menu=plugins]")
    page.click("[data-test=settings-sample]")
    field = page.locator(".el-dialog [data-field=discount_fen]")
    field.locator("input").fill("-5")
    field.locator("input").blur()
    page.click("[data-test=save-settings]")
    # the number widget clamps to the schema's minimum, so the saved value is valid
    page.locator(".el-message--success").last.wait_for()
    rows = httpx.get(f"{base}/api/admin/plugins", headers={"Authorization": f"Bearer {_token(page)}"}).json()
    assert next(row["settings"] for row in rows if row["name"] == "sample")["discount_fen"] == 0
    page.close()


def _input(scope, name: str):
    """Element Plus puts a component's attributes on the <input> itself or on its wrapper."""
    selectors = (f"input[data-test={name}]", f"textarea[data-test={name}]", f"[data-test={name}] input", f"[data-test={name}] textarea")
    return scope.locator(", ".join(selectors)).first


def _add_spec(page, index: int, name: str, values: list[str]):
    page.click("[data-test=add-spec]")
    row = page.locator(f"[data-dimension='{index}']")
    _input(row, "spec-name").fill(name)
    for value in values:
        _input(row, "spec-value").fill(value)
        _input(row, "spec-value").press("Enter")


def test_create_a_product_with_a_sku_matrix(live_admin, browser):
    base, seed = live_admin
    page = _english_admin(browser, base, seed, 1440, 900)
    page.click("[data-menu=products]")
    page.click("[data-test=new-product]")
    _input(page, "product-title").fill("Cotton tee")
    _add_spec(page, 0, "Colour", ["Red", "Blue"])
    _add_spec(page, 1, "Size", ["S", "M", "L"])
    assert page.locator("[data-test=sku-matrix] .el-table__body tr").count() == 6

    # bulk: every SKU ¥59.00 and 10 in stock, then the blue ones ¥69.00
    _input(page, "bulk-price").fill("59")
    _input(page, "bulk-stock").fill("10")
    page.click("[data-test=bulk-apply]")
    page.click("[data-test=bulk-match]")
    page.locator(".el-select-dropdown__item", has_text="Colour: Blue").click()
    _input(page, "bulk-stock").fill("")
    _input(page, "bulk-price").fill("69")
    page.click("[data-test=bulk-apply]")
    page.screenshot(path=str(SCREENSHOTS / "product.png"), animations="disabled")
    page.click("[data-test=save-product]")
    page.locator("[data-test=products] .el-table__body", has_text="Cotton tee").wait_for()

    headers = {"Authorization": f"Bearer {_token(page)}"}
    listing = httpx.get(f"{base}/api/admin/catalog/products", headers=headers).json()["items"]
    product = httpx.get(f"{base}/api/admin/catalog/products/{listing[0]['id']}", headers=headers).json()
    assert [spec["name"] for spec in product["specs"]] == ["Colour", "Size"]
    prices = {tuple(sku["spec_values"]): (sku["price_fen"], sku["stock"]) for sku in product["skus"]}
    assert prices == {
        ("Red", "S"): (5900, 10), ("Red", "M"): (5900, 10), ("Red", "L"): (5900, 10),
        ("Blue", "S"): (6900, 10), ("Blue", "M"): (6900, 10), ("Blue", "L"): (6900, 10),
    }

    # Units sell while the merchant edits: saving a price change keeps what was sold, and a stock
    # typed over the stale figure is refused with the current one, nothing saved.
    def stocks():
        answer = httpx.get(f"{base}/api/admin/catalog/products/{product['id']}", headers=headers).json()
        return {tuple(sku["spec_values"]): (sku["price_fen"], sku["stock"]) for sku in answer["skus"]}

    def sell_meanwhile(spec_values, stock):
        sku_id = next(sku["id"] for sku in product["skus"] if tuple(sku["spec_values"]) == spec_values)
        httpx.patch(f"{base}/api/admin/catalog/products/{product['id']}/skus", headers=headers, json=[{"id": sku_id, "stock": stock}]).raise_for_status()

    page.locator("[data-test=products] .el-table__row", has_text="Cotton tee").locator("[data-test=edit-product]").click()
    from playwright.sync_api import expect

    expect(_input(page, "sku-stock")).to_have_value("10")
    sell_meanwhile(("Red", "S"), 4)
    _input(page, "bulk-price").fill("60")
    page.click("[data-test=bulk-apply]")
    page.click("[data-test=save-product]")
    page.locator("[data-test=products] .el-table__body", has_text="60.00").wait_for()
    assert stocks()[("Red", "S")] == (6000, 4)

    page.locator("[data-test=products] .el-table__row", has_text="Cotton tee").locator("[data-test=edit-product]").click()
    expect(_input(page, "sku-stock")).to_have_value("4")
    sell_meanwhile(("Red", "S"), 2)
    _input(page, "sku-stock").fill("30")
    _input(page, "bulk-price").fill("61")
    page.click("[data-test=bulk-apply]")
    page.click("[data-test=save-product]")
    refused = page.locator(".el-message--error").last
    refused.wait_for()
    assert "is now 2" in refused.inner_text()
    assert page.locator("[data-test=product-editor] [data-test=save-product]").is_visible()
    assert stocks()[("Red", "S")] == (6000, 2)
    page.close()


def test_every_menu_screen_renders(live_admin, browser):
    base, seed = live_admin
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.on("response", lambda response: failures.append(f"{response.status} {response.url}") if response.status >= 500 else None)
    _login(page, base, seed)
    page.locator("[data-menu=builder]").wait_for()
    keys = page.locator("[data-menu]").evaluate_all("nodes => nodes.map(n => n.dataset.menu)")
    assert {"dashboard", "builder", "products", "categories", "orders", "plugins", "staff", "customers"} <= set(keys)
    for key in keys:
        page.click(f"[data-menu={key}]")
        page.wait_for_load_state("networkidle")
        assert page.locator(".page-title, [data-test=canvas], .el-empty").first.is_visible(), key
    assert not failures
    page.close()


def test_categories_tree(live_admin, browser):
    base, seed = live_admin
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    _login(page, base, seed)
    page.click("[data-menu=categories]")
    page.click("[data-test=new-category]")
    page.locator(".el-message-box input").fill("水果")
    page.locator(".el-message-box .el-button--primary").click()
    node = page.locator("[data-test=category-tree] .node", has_text="水果")
    node.wait_for()
    node.get_by_role("button", name="添加子分类").click()
    page.locator(".el-message-box input").fill("苹果")
    page.locator(".el-message-box .el-button--primary").click()
    page.locator("[data-test=category-tree] .node", has_text="苹果").wait_for()
    tree = httpx.get(f"{base}/api/admin/catalog/categories", headers={"Authorization": f"Bearer {_token(page)}"}).json()
    assert ("水果", ["苹果"]) in [(root["name"], [child["name"] for child in root["children"]]) for root in tree]
    page.close()


def test_agency_staff_switch_shops(live_admin, browser):
    base, seed = live_admin
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    _login(page, base, seed)
    created = httpx.post(
        f"{base}/api/admin/shops", json={"name": "Branch two", "slug": "branch-two"}, headers={"Authorization": f"Bearer {_token(page)}"}
    )
    assert created.status_code == 201, created.text
    page.click("[data-test=logout]")
    _login(page, base, seed)
    first_shop = page.evaluate("JSON.parse(sessionStorage.getItem('kaidian.session')).shop_id")
    page.locator("[data-test=shop-switcher]").click()
    page.locator(".el-select-dropdown__item:visible", has_text="Branch two").click()
    page.locator(".page-title", has_text="Branch two").wait_for()
    session = page.evaluate("JSON.parse(sessionStorage.getItem('kaidian.session'))")
    assert session["shop_id"] == created.json()["id"] != first_shop
    # the new shop's token sees the new shop only
    shop = httpx.get(f"{base}/api/admin/shop", headers={"Authorization": f"Bearer {session['access_token']}"}).json()
    assert shop["name"] == "Branch two"
    page.close()


def _paid_order(base: str, seed, customer: str, quantity: int = 1) -> tuple[dict, dict[str, str]]:
    """A customer of the demo shop buys ``quantity`` units of an on-sale SKU, to be delivered to
    their address, and pays (sandbox)."""
    login = httpx.post(f"{base}/api/shop/auth/login", json={"shop_id": seed.shop_id, "code": f"sandbox:{customer}"}, timeout=30)
    assert login.status_code == 201, login.text
    buyer = {"Authorization": f"Bearer {login.json()['access_token']}"}
    staff = httpx.post(f"{base}/api/admin/auth/login", json={"email": seed.email, "password": seed.password}, timeout=30).json()
    admin = {"Authorization": f"Bearer {staff['access_token']}"}
    listing = httpx.get(f"{base}/api/admin/catalog/products", headers=admin, timeout=30).json()["items"]
    sku_id = next(
        sku["id"]
        for summary in listing if summary["status"] == "on_sale"
        for sku in httpx.get(f"{base}/api/admin/catalog/products/{summary['id']}", headers=admin, timeout=30).json()["skus"]
        if sku["stock"] >= quantity
    )
    address = {"recipient": "王小明", "phone": "13900139000", "province": "浙江省", "city": "杭州市", "district": "西湖区", "detail": "文三路90号"}
    address_id = httpx.post(f"{base}/api/shop/addresses", json=address, headers=buyer, timeout=30).json()["id"]
    created = httpx.post(
        f"{base}/api/shop/orders", json={"lines": [{"sku_id": sku_id, "quantity": quantity}], "address_id": address_id},
        headers={**buyer, "Idempotency-Key": f"admin-test-{customer}-{time.time_ns()}"}, timeout=30,
    )
    assert created.status_code == 201, created.text
    paid = httpx.post(f"{base}/api/shop/orders/{created.json()['id']}/sandbox-pay", headers=buyer, timeout=30)
    assert paid.json()["status"] == "paid", paid.text
    return paid.json(), buyer


def test_batch_csv_ships_a_paid_order(live_admin, browser):
    base, seed = live_admin
    order, _ = _paid_order(base, seed, "batch-buyer")
    page = _english_admin(browser, base, seed, 1280, 800)
    page.click("[data-menu=orders]")
    page.locator("[data-test=orders] .el-table__body", has_text=order["order_no"]).wait_for()
    page.click("[data-test=batch-ship]")
    _input(page, "batch-csv").fill(f"order_no,carrier,tracking_no\n{order['order_no']},SF,SF1234567890\nNO-SUCH-ORDER,SF,SF1234567\n")
    page.click("[data-test=batch-submit]")
    report = page.locator("[data-test=batch-report] .el-table__body tr")
    report.first.wait_for()
    assert report.count() == 2
    assert order["order_no"] in report.nth(0).inner_text() and "Shipped" in report.nth(0).inner_text()
    assert "Failed" in report.nth(1).inner_text()
    page.screenshot(path=str(SCREENSHOTS / "batch_shipping.png"), animations="disabled")
    stored = httpx.get(f"{base}/api/admin/orders/{order['id']}", headers={"Authorization": f"Bearer {_token(page)}"}, timeout=30).json()
    assert stored["status"] == "shipped"
    # the list behind the dialog shows it shipped too
    page.keyboard.press("Escape")
    row = page.locator("[data-test=orders] .el-table__body tr", has_text=order["order_no"])
    row.locator(".el-tag", has_text="Shipped").wait_for()
    page.close()


def test_review_queue_approves_a_refund_request(live_admin, browser):
    base, seed = live_admin
    page = _english_admin(browser, base, seed, 1440, 900)
    # rules: unshipped refunds wait for staff instead of being approved at once
    page.click("[data-menu=refunds]")
    page.click("#tab-rules")
    page.locator("[data-test=rule-auto-unshipped]").click()
    page.click("[data-test=save-rules]")
    page.locator(".el-message--success").last.wait_for()
    headers = {"Authorization": f"Bearer {_token(page)}"}
    assert httpx.get(f"{base}/api/admin/refund-rules", headers=headers, timeout=30).json()["auto_approve_unshipped"] is False

    order, buyer = _paid_order(base, seed, "refund-buyer")
    asked = httpx.post(
        f"{base}/api/shop/orders/{order['id']}/refunds",
        json={"lines": [{"line_id": order["lines"][0]["id"], "quantity": 1}], "reason": "不想要了", "description": "Bought the wrong size"},
        headers=buyer, timeout=30,
    )
    assert asked.status_code == 201 and asked.json()["status"] == "requested", asked.text
    refund = asked.json()

    page.click("#tab-requested")
    page.locator(f"[data-refund='{refund['refund_no']}']").click()
    drawer = page.locator("[data-test=refund-detail]")
    drawer.locator("[data-test=refund-items] .el-table__body", has_text=order["lines"][0]["title"]).wait_for()
    assert "Bought the wrong size" in drawer.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "refund_review.png"), animations="disabled")
    page.click("[data-test=approve-refund]")
    drawer.locator(".el-descriptions", has_text="Refunded").wait_for()
    stored = httpx.get(f"{base}/api/admin/refunds/{refund['id']}", headers=headers, timeout=30).json()
    assert stored["status"] == "succeeded" and stored["reviewed_by"].startswith("staff:")
    assert httpx.get(f"{base}/api/admin/orders/{order['id']}", headers=headers, timeout=30).json()["refunded_fen"] == refund["amount_fen"]
    page.close()


def _png(width: int = 64, height: int = 48) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (255, 122, 61)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_upload_a_product_image(live_admin, browser):
    base, seed = live_admin
    page = _english_admin(browser, base, seed, 1440, 900)
    page.click("[data-menu=products]")
    page.click("[data-test=new-product]")
    _input(page, "product-title").fill("Photo tee")
    field = page.locator("[data-test=media-upload-field]")
    upload = field.locator("input[type=file]")
    # a file that is not an image: the server's 4xx lands on the field
    upload.set_input_files({"name": "fake.png", "mimeType": "image/png", "buffer": b"not an image at all"})
    field.locator(".el-form-item__error").wait_for()
    assert page.locator("[data-test=gallery] [data-gallery]").count() == 0

    upload.set_input_files({"name": "tee.png", "mimeType": "image/png", "buffer": _png()})
    page.locator("[data-test=gallery] [data-gallery]").first.wait_for()
    field.locator(".el-form-item__error").wait_for(state="detached")  # the error clears (after its fade-out)
    page.screenshot(path=str(SCREENSHOTS / "product_media.png"), animations="disabled")
    page.click("[data-test=save-product]")
    page.locator("[data-test=products] .el-table__body", has_text="Photo tee").wait_for()

    headers = {"Authorization": f"Bearer {_token(page)}"}
    listing = httpx.get(f"{base}/api/admin/catalog/products", headers=headers, timeout=30).json()["items"]
    summary = next(item for item in listing if item["title"] == "Photo tee")
    product = httpx.get(f"{base}/api/admin/catalog/products/{summary['id']}", headers=headers, timeout=30).json()
    assert [(item["kind"], item["width"], item["height"]) for item in product["media"]] == [("image", 64, 48)]
    assert product["media"][0]["media_id"]
    stored = httpx.get(product["media"][0]["url"], timeout=30)
    assert stored.status_code == 200 and stored.content == _png()
    page.close()


def test_coupon_templates_screen(live_admin, browser):
    base, seed = live_admin
    page = _english_admin(browser, base, seed, 1280, 800)
    headers = {"Authorization": f"Bearer {_token(page)}"}
    for name in ("coupons", "group_buy", "bargain", "membership"):
        enabled = httpx.put(f"{base}/api/admin/plugins/{name}", json={"enabled": True}, headers=headers, timeout=30)
        assert enabled.status_code == 200, enabled.text
    page.reload()
    page.locator("[data-menu=coupons]").wait_for()
    # each plugin's own screen: the admin has none of them built in
    for key in ("group_buy", "bargain", "membership"):
        assert page.locator(f"[data-menu={key}]").count() == 1, key
    page.click("[data-menu=bargain]")
    page.locator("[data-test=bargain-activities]").wait_for()
    page.click("[data-test=new-bargain]")
    page.click("[data-test=save-bargain]")  # nothing picked: the API's 422 lands on the fields
    page.locator("[data-test=bargain-dialog] .el-form-item__error").first.wait_for()
    page.keyboard.press("Escape")

    page.click("[data-menu=coupons]")
    page.click("[data-test=new-coupon]")
    dialog = page.locator("[data-test=coupon-dialog]")
    _input(dialog, "coupon-name").fill("")
    page.click("[data-test=save-coupon]")
    dialog.locator(".el-form-item__error").first.wait_for()  # the API's 422 names the field
    _input(dialog, "coupon-name").fill("Spring 10 off 99")
    _input(dialog, "coupon-amount").fill("10")
    _input(dialog, "coupon-threshold").fill("99")
    _input(dialog, "coupon-quantity").fill("500")
    page.click("[data-test=save-coupon]")
    page.locator("[data-test=coupon-templates] .el-table__body", has_text="Spring 10 off 99").wait_for()
    templates = httpx.get(f"{base}/api/admin/coupons/templates", headers=headers, timeout=30).json()
    created = next(row for row in templates if row["name"] == "Spring 10 off 99")
    assert (created["kind"], created["amount_fen"], created["threshold_fen"], created["total_quantity"], created["valid_days"]) == (
        "amount_off", 1000, 9900, 500, 7,
    )
    page.close()


def test_editor_shows_the_h5_preview(live_admin, browser):
    """The editor's H5 preview dialog shows the shop's last build in a phone frame (the build
    itself, minutes with the official CLI, is tests/builder/test_h5_preview.py's slow test)."""
    import os

    from builder import h5_preview

    base, seed = live_admin
    token = "browser-test-build"
    h5_preview._write_state(seed.shop_id, {"status": "ready", "token": token, "source": "draft", "version": 3, "seconds": 201.5,
                                           "started_at": "2026-01-01T00:00:00+00:00", "finished_at": "2026-01-01T00:03:21+00:00"})
    built = Path(os.environ["KAIDIAN_H5_PREVIEW_DIR"]) / str(seed.shop_id) / token
    built.mkdir(parents=True)
    (built / "index.html").write_text("<!doctype html><html><body><h1 id=shop>Preview of the draft</h1></body></html>")
    page = _english_admin(browser, base, seed, 1280, 900)
    page.click("[data-menu=builder]")
    page.click("[data-test=h5-preview]")
    dialog = page.locator("[data-test=h5-preview-dialog]")
    dialog.locator("[data-test=h5-status]", has_text="Ready").wait_for()
    frame = page.frame_locator("[data-test=h5-frame]")
    assert frame.locator("#shop").inner_text() == "Preview of the draft"
    # the same build for a phone: its absolute link, and a QR code that draws
    link = dialog.locator("input[data-test=h5-link], [data-test=h5-link] input").first
    link.wait_for()
    assert link.input_value() == f"{base}/h5-preview/{seed.shop_id}/{token}/index.html"
    qr = dialog.locator("[data-test=h5-qr]")
    qr.wait_for()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    page.close()


def test_group_buy_activity_screen(live_admin, browser):
    base, seed = live_admin
    page = _english_admin(browser, base, seed, 1280, 900)
    headers = {"Authorization": f"Bearer {_token(page)}"}
    assert httpx.put(f"{base}/api/admin/plugins/group_buy", json={"enabled": True}, headers=headers, timeout=30).status_code == 200
    listing = httpx.get(f"{base}/api/admin/catalog/products", params={"status": "on_sale"}, headers=headers, timeout=30).json()["items"]
    product = httpx.get(f"{base}/api/admin/catalog/products/{listing[0]['id']}", headers=headers, timeout=30).json()
    page.reload()
    page.click("[data-menu=group_buy]")
    page.click("[data-test=new-activity]")
    dialog = page.locator("[data-test=activity-dialog]")
    _input(dialog, "activity-name").fill("Two for less")
    dialog.locator("[data-test=product-select]").click()
    page.keyboard.type(product["title"][:4])
    page.locator(".el-select-dropdown__item:visible", has_text=product["title"]).first.click()
    prices = dialog.locator("[data-test=activity-prices] .el-table__body tr")
    prices.first.wait_for()
    assert prices.count() == len(product["skus"])
    prices.first.locator("input").fill("8.80")
    prices.first.locator("input").blur()
    page.click("[data-test=save-activity]")
    page.locator("[data-test=activities] .el-table__body", has_text="Two for less").wait_for()
    activity = next(row for row in httpx.get(f"{base}/api/admin/group-buy/activities", headers=headers, timeout=30).json() if row["name"] == "Two for less")
    assert activity["product_id"] == product["id"] and activity["sizes"] == [2]
    assert activity["skus"] == [{"sku_id": product["skus"][0]["id"], "prices_fen": {"2": 880}}]
    page.close()


def test_canvas_shows_the_live_shop(live_admin, browser):
    """The editor's canvas draws each block through its own preview template with the shop's
    live data: the demo's real products and prices, a real coupon in the coupons plugin's block,
    and a note saying why a block has no data. Blocks are chosen by clicking them and deleted or
    duplicated from the keyboard."""
    base, seed = live_admin
    page = _english_admin(browser, base, seed, 1440, 900)
    headers = {"Authorization": f"Bearer {_token(page)}"}
    coupon = httpx.post(
        f"{base}/api/admin/coupons/templates",
        json={"name": "Spend 100 save 20", "kind": "amount_off", "amount_fen": 2000, "threshold_fen": 10000, "total_quantity": 100,
              "per_customer_limit": 1, "claimable": True, "validity": "after_claim", "valid_days": 7},
        headers=headers,
    )
    assert coupon.status_code in (200, 201), coupon.text
    page.click("[data-menu=builder]")
    palette = page.locator("[data-test=palette]")
    palette.locator("[data-component=product_grid]").wait_for()
    page.wait_for_timeout(500)
    while _canvas_types(page):
        page.locator("[data-test=canvas] [data-block]").first.click()
        page.keyboard.press("Delete")
    palette.locator("[data-component=product_grid]").dblclick()
    grid = page.locator("[data-test=canvas] [data-block=product_grid]")
    # a fresh grid lists by category but has none chosen: it says so instead of showing stand-ins
    grid.locator("[data-test=preview-note]", has_text="Choose a category").wait_for()
    page.locator("[data-test=properties] [data-field=source] label", has_text="By tag").click()
    page.locator("[data-test=properties] [data-field=tag] input").fill("新品")
    grid.locator("[data-preview=product]").first.wait_for()
    text = grid.inner_text()
    # the demo shop's real products and SKU prices (the lowest of each product)
    assert "小米蓝牙耳机" in text and "¥199.00" in text
    assert "华为手机 Mate 演示款" in text and "¥5999.00" in text
    page.locator("[data-test=properties] [data-field=tag] input").fill("no-such-tag")
    grid.locator("[data-test=preview-note]", has_text="No products on sale with this tag").wait_for()
    page.locator("[data-test=properties] [data-field=tag] input").fill("新品")
    grid.locator("[data-preview=product]").first.wait_for()

    # a plugin's block previews itself with the plugin's own data
    palette.locator("[data-component=coupon_block]").dblclick()
    coupons = page.locator("[data-test=canvas] [data-block=coupon_block]")
    coupons.locator("[data-preview=coupon]", has_text="Spend 100 save 20").wait_for()
    assert "20.00" in coupons.inner_text()
    palette.locator("[data-component=notice_bar]").dblclick()
    page.locator("[data-test=properties] [data-field=text] textarea").fill("<b>Free delivery</b> over ¥99")
    notice = page.locator("[data-test=canvas] [data-block=notice_bar]")
    assert "<b>Free delivery</b> over ¥99" in notice.inner_text()  # merchant text stays text
    assert notice.locator("b").count() == 0

    # click selects; Ctrl+D duplicates the selected block, Delete removes it
    coupons.click()
    page.keyboard.press("Control+d")
    assert _canvas_types(page) == ["product_grid", "coupon_block", "coupon_block", "notice_bar"]
    page.keyboard.press("Delete")
    assert _canvas_types(page) == ["product_grid", "coupon_block", "notice_bar"]
    page.locator("[data-test=canvas] [data-block=product_grid]").click()
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / "editor.png"), animations="disabled")
    page.close()


def test_start_a_page_from_a_template(live_admin, browser):
    """New page → a template contributed through kaidian_register_page_templates (core's 新品页
    here, a plugin's 领券中心 offered beside it): the page opens with its blocks drawn from the
    shop's live data."""
    base, seed = live_admin
    page = _english_admin(browser, base, seed, 1440, 900)
    page.click("[data-menu=builder]")
    page.locator("[data-test=palette] [data-component=product_grid]").wait_for()
    page.click("[data-test=add-page]")
    dialog = page.locator("[data-test=new-page-dialog]")
    dialog.locator("[data-template=coupon_centre]").wait_for()  # a plugin's template is offered
    dialog.locator("[data-template=new_arrivals]", has_text="New arrivals").click()
    assert _canvas_types(page) == ["title", "product_grid"]
    canvas = page.locator("[data-test=canvas]")
    assert "新品上市" in canvas.locator(".nav-bar").inner_text()
    # the template's grid lists the demo's products tagged 新品, with their real prices
    grid = canvas.locator("[data-block=product_grid]")
    grid.locator("[data-preview=product]", has_text="小米蓝牙耳机").wait_for()
    assert "¥199.00" in grid.inner_text()
    page.locator("[data-test=validity]", has_text="Configuration is valid").wait_for(timeout=5000)
    page.close()


def test_editor_never_loses_work(live_admin, browser):
    """Issue 29: a draft with problems is saved anyway (only publishing needs a valid one);
    leaving with unsaved changes asks first, and a reload offers to restore them from the
    browser; rolling back asks first and Undo brings back what was being edited."""
    base, seed = live_admin
    page = _english_admin(browser, base, seed, 1440, 900)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.click("[data-menu=builder]")
    palette = page.locator("[data-test=palette]")
    palette.locator("[data-component=product_grid]").wait_for()
    page.wait_for_timeout(500)
    before = _canvas_types(page)

    # a grid without its category is a validation problem: the draft is saved all the same
    palette.locator("[data-component=product_grid]").dblclick()
    page.locator("[data-test=unsaved]").wait_for()
    page.locator("[data-test=validity]", has_text="problem").wait_for(timeout=5000)
    page.click("[data-test=save-draft]")
    page.locator(".el-message--warning", has_text="Draft saved").wait_for()
    page.locator("[data-test=unsaved]").wait_for(state="detached")
    headers = {"Authorization": f"Bearer {_token(page)}"}
    draft = httpx.get(f"{base}/api/admin/builder/config", headers=headers).json()["draft"]
    assert [block["type"] for block in draft["config"]["pages"][0]["components"]] == before + ["product_grid"]
    # publishing it is refused with the count of problems
    page.click("[data-test=publish]")
    page.locator(".el-message--error", has_text="to fix before publishing").wait_for()

    # an unsaved change: leaving through the menu asks; staying keeps the editor
    palette.locator("[data-component=title]").dblclick()
    page.locator("[data-test=unsaved]").wait_for()
    page.click("[data-menu=products]")
    box = page.locator(".el-message-box", has_text="unsaved changes")
    box.wait_for()
    box.locator("button", has_text="Stay").click()
    assert "#/builder" in page.url
    # a reload warns (beforeunload) and then offers the changes kept in the browser
    page.reload()
    assert "beforeunload" in dialogs
    restore = page.locator(".el-message-box", has_text="not saved")
    restore.wait_for()
    restore.locator("button", has_text="Restore").click()
    page.locator("[data-test=unsaved]").wait_for()
    assert _canvas_types(page) == before + ["product_grid", "title"]

    # rollback asks first, then replaces the page; Undo brings the edits back
    page.click("[data-test=history]")
    page.locator(".el-drawer .el-table__row").first.wait_for()
    page.locator(".el-drawer .el-table__row").last.locator("button", has_text="Roll back").click()
    confirm = page.locator(".el-message-box", has_text="Roll back to version")
    confirm.wait_for()
    confirm.locator("button", has_text="Cancel").click()
    assert _canvas_types(page) == before + ["product_grid", "title"]
    page.locator(".el-drawer .el-table__row").last.locator("button", has_text="Roll back").click()
    confirm.locator("button.el-button--primary", has_text="Roll back").click()
    page.locator(".el-message--success", has_text="Rolled back").wait_for()
    rolled = _canvas_types(page)
    assert rolled != before + ["product_grid", "title"]
    page.click("[data-test=undo]")
    assert _canvas_types(page) == before + ["product_grid", "title"]
    page.close()
