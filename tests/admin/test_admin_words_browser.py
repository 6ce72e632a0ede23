"""#29 in real headless Chromium, in Chinese: what a merchant reads is in their words — settings
by title and unit (元, %), never a key or fen — and images come from the shop's media library."""

from __future__ import annotations

import httpx
import pytest

from tests.admin.test_admin_browser import _input, _login, _png, _token, browser, live_admin  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


def _chinese_admin(browser, base, seed):  # noqa: F811
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.add_init_script("localStorage.setItem('kaidian.locale', 'zh-CN')")
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.on("response", lambda response: failures.append(f"{response.status} {response.url}") if response.status >= 500 else None)
    _login(page, base, seed)
    return page, {"Authorization": f"Bearer {_token(page)}"}, failures


def _settings_of(base, headers, plugin):
    rows = httpx.get(f"{base}/api/admin/plugins", headers=headers, timeout=30).json()
    return next(row["settings"] for row in rows if row["name"] == plugin)


def test_plugin_settings_show_titles_and_units_and_store_fen_and_basis_points(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    page, headers, failures = _chinese_admin(browser, base, seed)
    assert httpx.put(f"{base}/api/admin/plugins/community_group", json={"enabled": True}, headers=headers, timeout=30).status_code == 200
    page.click("[data-menu=plugins]")
    page.click("[data-test=settings-community_group]")
    dialog = page.locator(".el-dialog", has_text="自提费用")
    dialog.wait_for()
    text = dialog.inner_text()
    assert "pickup_fee_fen" not in text and "default_commission_bp" not in text
    fee = dialog.locator("[data-field=pickup_fee_fen]")
    assert fee.locator("[data-unit]").inner_text() == "元"
    assert "自提" in fee.locator("[data-help]").inner_text()
    commission = dialog.locator("[data-field=default_commission_bp]")
    assert commission.locator("[data-unit]").inner_text() == "%"
    assert commission.locator("input").input_value() == "5.00"  # 500 basis points

    fee.locator("input").fill("5.5")
    fee.locator("input").blur()
    commission.locator("input").fill("8")
    commission.locator("input").blur()
    page.click("[data-test=save-settings]")
    page.locator(".el-message--success").last.wait_for()
    settings = _settings_of(base, headers, "community_group")
    assert (settings["pickup_fee_fen"], settings["default_commission_bp"]) == (550, 800)
    assert not failures
    page.close()


def test_page_editor_images_come_from_the_media_library(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    page, headers, failures = _chinese_admin(browser, base, seed)
    page.click("[data-menu=builder]")
    palette = page.locator("[data-test=palette]")
    palette.locator("[data-component=banner]").wait_for()
    page.wait_for_timeout(500)
    palette.locator("[data-component=banner]").dblclick()
    properties = page.locator("[data-test=properties]")
    slides = properties.locator("[data-field=slides]").first
    slides.wait_for()
    if not slides.locator("[data-list-item]").count():
        slides.locator("[data-test=list-add]").first.click()
    image_field = slides.locator("[data-list-item='0'] [data-test=image-field]").first
    image_field.locator("[data-test=open-media-picker]").click()
    picker = page.locator("[data-test=media-picker]").last
    picker.wait_for()
    picker.locator("input[type=file]").set_input_files({"name": "banner.png", "mimeType": "image/png", "buffer": _png(120, 60)})
    picker.wait_for(state="hidden")
    url = image_field.locator("input").input_value()
    assert url.startswith(f"{base}/media/"), url
    assert httpx.get(url, timeout=30).status_code == 200
    library = httpx.get(f"{base}/api/admin/catalog/media", headers=headers, timeout=30).json()["items"]
    assert url in [item["url"] for item in library]
    assert not failures
    page.close()


def test_product_form_saves_description_list_price_and_sku_image(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    page, headers, failures = _chinese_admin(browser, base, seed)
    page.click("[data-menu=products]")
    page.click("[data-test=new-product]")
    _input(page, "product-title").fill("详情测试衫")
    area = page.locator("[data-test=rich-text-area]")
    area.click()
    page.keyboard.type("纯棉面料")
    page.keyboard.press("Control+A")
    page.locator("[data-test=rich-text] [data-tool=bold]").click()
    page.keyboard.press("End")
    page.locator("[data-test=rich-text-image]").click()
    picker = page.locator("[data-test=media-picker]").last
    picker.locator("input[type=file]").set_input_files({"name": "detail.png", "mimeType": "image/png", "buffer": _png(80, 80)})
    picker.wait_for(state="hidden")
    area.locator("img").wait_for()

    matrix = page.locator("[data-test=sku-matrix]")
    row = matrix.locator(".el-table__body tr").first
    row.locator(".el-input-number input").first.fill("59")
    _input(row, "sku-list-price").fill("99")
    row.locator("[data-test=open-media-picker]").click()
    picker = page.locator("[data-test=media-picker]").last
    picker.locator("[data-media]").first.wait_for()
    picker.locator("[data-media]").first.click()
    picker.wait_for(state="hidden")
    page.click("[data-test=save-product]")
    page.locator("[data-test=products] .el-table__body", has_text="详情测试衫").wait_for()

    listing = httpx.get(f"{base}/api/admin/catalog/products", headers=headers, timeout=30).json()["items"]
    summary = next(item for item in listing if item["title"] == "详情测试衫")
    product = httpx.get(f"{base}/api/admin/catalog/products/{summary['id']}", headers=headers, timeout=30).json()
    assert "<b>纯棉面料" in product["description"] and f'<img src="{base}/media/' in product["description"]
    [sku] = product["skus"]
    assert (sku["price_fen"], sku["list_price_fen"]) == (5900, 9900)
    assert sku["image"].startswith(f"{base}/media/")

    # opened again, the form shows what was saved
    page.locator("[data-test=products] .el-table__row", has_text="详情测试衫").get_by_text("编辑").click()
    page.locator("[data-test=rich-text-area] b", has_text="纯棉面料").wait_for()
    assert _input(page.locator("[data-test=sku-matrix]"), "sku-list-price").input_value() == "99.00"
    assert not failures
    page.close()


def test_order_timeline_is_in_words_and_in_the_shops_time_zone(live_admin, browser):  # noqa: F811
    """A paid order's timeline reads 顾客下单 / 支付流水号 …, with no English line, and its times
    are Beijing time (the shop's business zone) in a browser that sits in New York."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tests.admin.test_admin_browser import _paid_order

    base, seed = live_admin
    order, _ = _paid_order(base, seed, "timeline-buyer")
    page = browser.new_page(viewport={"width": 1440, "height": 900}, timezone_id="America/New_York", locale="zh-CN")
    page.add_init_script("localStorage.setItem('kaidian.locale', 'zh-CN')")
    _login(page, base, seed)
    page.click("[data-menu=orders]")
    page.locator("[data-test=orders] .el-table__body tr", has_text=order["order_no"]).click()
    words = page.locator("[data-test=history-words]")
    words.first.wait_for()
    lines = words.all_inner_texts()
    assert any("顾客下单" in line for line in lines) and any("支付流水号" in line for line in lines), lines
    assert not any(word in line for line in lines for word in ("checkout", "transaction", "customer:", "payment:")), lines

    placed = datetime.fromisoformat(order["created_at"]).astimezone(ZoneInfo("Asia/Shanghai"))
    stamps = page.locator(".el-timeline-item__timestamp").all_inner_texts()
    clock = {f" {placed.hour}:{placed.minute:02d}:", f" {placed.hour:02d}:{placed.minute:02d}:"}
    assert any(any(text in stamp for text in clock) for stamp in stamps), (stamps, placed)
    page.close()


def test_rich_text_block_is_edited_with_the_rich_text_editor(live_admin, browser):  # noqa: F811
    base, seed = live_admin
    page, _, failures = _chinese_admin(browser, base, seed)
    page.click("[data-menu=builder]")
    palette = page.locator("[data-test=palette]")
    palette.locator("[data-component=rich_text]").wait_for()
    page.wait_for_timeout(500)
    palette.locator("[data-component=rich_text]").dblclick()
    area = page.locator("[data-test=properties] [data-field=html] [data-test=rich-text-area]")
    area.click()
    page.keyboard.type("新品上市")
    page.keyboard.press("Control+A")
    page.locator("[data-test=properties] [data-field=html] [data-tool=heading]").click()
    page.locator("[data-test=canvas] [data-block=rich_text]", has_text="新品上市").wait_for()
    assert area.locator("h3", has_text="新品上市").count() == 1
    assert not failures
    page.close()
