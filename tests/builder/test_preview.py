"""The editor canvas's preview contract: every component previews itself through a safe template
registered with it, and ``POST /api/admin/builder/preview`` gives each block the live data its
data source answers (as a guest), or why there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.preview import check_preview_template, web_css
from builder.registry import ComponentDefinition

PREVIEW = "/api/admin/builder/preview"


def test_every_registered_component_previews_itself(kaidian_client):
    registries = kaidian_client.app.state.registries
    missing = [c.name for c in registries.components.page_components() if "preview" not in c.templates]
    assert missing == []
    plugins = {c.plugin for c in registries.components.page_components()}
    assert {"builder", "coupons", "group_buy", "bargain", "points", "community_group", "membership"} <= plugins


@pytest.mark.parametrize("bad", ['<div v-html="config.text" />', "<div :innerHTML='config.text' />", '<div :inner-html="x" />', "<script>alert(1)</script>", '<iframe :srcdoc="x" />'])
def test_a_preview_that_could_write_raw_html_is_refused(tmp_path: Path, bad: str):
    path = tmp_path / "preview.html"
    path.write_text(f"<div>{bad}</div>", encoding="utf-8")
    with pytest.raises(ValueError, match="may not use"):
        check_preview_template("unsafe", str(path))
    component = ComponentDefinition(
        name="unsafe", title={"zh-CN": "坏", "en": "Bad"}, category="basic",
        props_schema={"type": "object", "properties": {}}, templates={"preview": str(path)},
    )
    with pytest.raises(ValueError, match="may not use"):
        component.validate_definition()


def test_a_missing_preview_file_is_refused_at_registration(tmp_path: Path):
    with pytest.raises(ValueError, match="does not exist"):
        check_preview_template("gone", str(tmp_path / "gone.html"))


def test_web_css_halves_rpx_for_the_375px_canvas():
    assert web_css(".a { width: 240rpx; margin: -10rpx 0.5rpx; }") == ".a { width: 120px; margin: -5px 0.25px; }"


async def test_catalogue_serves_each_preview_with_its_css(kaidian_client, shop):
    response = await kaidian_client.get("/api/admin/builder/components", headers=shop.owner)
    by_name = {item["name"]: item for item in response.json()}
    grid = by_name["product_grid"]["preview"]
    assert "yuan(item.price_fen)" in grid["template"]
    assert ".kd-products__image" in grid["style"] and "160px" in grid["style"] and "rpx" not in grid["style"]
    assert "data.items" in by_name["coupon_block"]["preview"]["template"]
    assert by_name["tab_bar"]["preview"] is None  # drawn by the editor's phone frame itself


async def test_preview_reads_live_data_for_each_block(kaidian_client, shop):
    from core.catalog.models import Category, Product, ProductStatus

    fruit = await Category.create(shop_id=shop.shop_id, name="水果")
    empty = await Category.create(shop_id=shop.shop_id, name="空分类")
    await Product.create(
        shop_id=shop.shop_id, category=fruit, title="草莓", status=ProductStatus.ON_SALE, min_price_fen=1990, max_price_fen=1990,
    )
    blocks = [
        {"id": "fruit", "type": "product_grid", "version": 2, "props": {"source": "category", "category_id": fruit.id}},
        {"id": "empty", "type": "product_grid", "version": 2, "props": {"source": "category", "category_id": empty.id}},
        {"id": "old", "type": "product_grid", "version": 1, "props": {"columns": 3, "count": 2, "source": "category", "category_id": fruit.id}},
        {"id": "text", "type": "rich_text", "props": {"html": '<p onclick="x()">你好<script>alert(1)</script></p>'}},
        {"id": "detail", "type": "product_detail", "props": {}},
        {"id": "me", "type": "user_center", "props": {}},
        {"id": "nope", "type": "no_such_block", "props": {}},
    ]
    response = await kaidian_client.post(PREVIEW, json={"blocks": blocks}, headers=shop.owner)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [(item["title"], item["price_fen"]) for item in results["fruit"]["data"]["items"]] == [("草莓", 1990)]
    assert results["fruit"]["problem"] is None and results["fruit"]["config"]["show_price"] is True
    assert results["empty"]["data"] == {"items": []}
    assert results["old"]["config"]["layout"] == "grid3" and results["old"]["config"]["limit"] == 2
    nodes = str(results["text"]["config"]["nodes"])
    assert "你好" in nodes and "script" not in nodes and "onclick" not in nodes
    assert results["detail"]["data"] is None and "id" in results["detail"]["problem"]
    # the staff member's token is never taken for a customer's: "me" answers as to a guest
    assert results["me"]["data"] is None and results["me"]["problem"]
    assert results["nope"]["problem"]


async def test_plugin_block_previews_read_the_plugins_data_source(kaidian_client, shop):
    created = await kaidian_client.post(
        "/api/admin/coupons/templates",
        json={"name": "满100减20", "kind": "amount_off", "amount_fen": 2000, "threshold_fen": 10000, "total_quantity": 100,
              "per_customer_limit": 1, "claimable": True, "validity": "after_claim", "valid_days": 7},
        headers=shop.owner,
    )
    assert created.status_code in (200, 201), created.text
    response = await kaidian_client.post(PREVIEW, json={"blocks": [{"id": "c", "type": "coupon_block", "props": {"limit": 5}}]}, headers=shop.owner)
    assert response.json()["results"]["c"]["problem"] is None, response.text
    coupon = response.json()["results"]["c"]["data"]["items"][0]
    assert coupon["name"] == "满100减20" and coupon["amount_fen"] == 2000
    # and customers get the same read through the batch endpoint
    batch = await kaidian_client.post("/api/shop/batch", json={"shop_id": shop.shop_id, "requests": [{"id": "c", "source": "coupons.claimable", "params": {"limit": 5}}]})
    assert batch.json()["results"]["c"]["data"]["items"][0]["name"] == "满100减20"


async def test_preview_is_for_staff_and_checks_its_body(kaidian_client, shop):
    assert (await kaidian_client.post(PREVIEW, json={"blocks": []})).status_code == 401
    assert (await kaidian_client.post(PREVIEW, json={"blocks": []}, headers=shop.customer)).status_code == 403
    bad = await kaidian_client.post(PREVIEW, json={"blocks": [{"id": "a b", "type": "title"}]}, headers=shop.owner)
    assert bad.status_code == 422 and "id" in bad.text


# ---- page templates ------------------------------------------------------------------------

from builder.page_templates import PageTemplate, check_page_template  # noqa: E402


async def test_page_templates_come_from_core_and_plugins_with_complete_props(kaidian_client, shop):
    response = await kaidian_client.get("/api/admin/builder/page-templates", headers=shop.owner)
    assert response.status_code == 200, response.text
    templates = {item["name"]: item for item in response.json()}
    assert {"home", "promotion", "new_arrivals", "me"} <= set(templates)
    assert {"coupon_centre", "group_buy_zone", "member_page"} <= set(templates)
    assert templates["home"]["title"] == {"zh-CN": "首页", "en": "Home"} and templates["coupon_centre"]["plugin"] == "coupons"
    grid = next(block for block in templates["new_arrivals"]["page"]["components"] if block["type"] == "product_grid")
    assert grid["props"]["tag"] == "新品" and grid["props"]["show_price"] is True and grid["version"] == 2
    # a page made from a template is a valid page of a configuration
    config = {"schema_version": 1, "app": {"name": "店", "theme": "default"}, "pages": [item["page"] for item in templates.values()]}
    report = await kaidian_client.post("/api/admin/builder/validate", json={"config": config}, headers=shop.owner)
    assert report.json() == {"valid": True, "errors": []}


async def test_a_template_of_a_disabled_plugin_is_not_offered(kaidian_client, shop):
    off = await kaidian_client.put("/api/admin/plugins/coupons", json={"enabled": False}, headers=shop.owner)
    assert off.status_code == 200, off.text
    names = {item["name"] for item in (await kaidian_client.get("/api/admin/builder/page-templates", headers=shop.owner)).json()}
    assert "coupon_centre" not in names and "home" in names


def test_a_template_with_an_unknown_block_or_bad_props_is_refused(kaidian_client):
    components = kaidian_client.app.state.registries.components
    unknown = PageTemplate("bad", {"zh-CN": "坏", "en": "Bad"}, {"route": "bad", "title": "坏", "components": [{"type": "nope"}]}, "demo")
    with pytest.raises(ValueError, match="no registered page component"):
        check_page_template(unknown, components)
    invalid = PageTemplate("bad", {"zh-CN": "坏", "en": "Bad"}, {"route": "bad", "title": "坏", "components": [{"type": "title", "props": {"text": 5}}]}, "demo")
    with pytest.raises(ValueError, match="props are invalid"):
        check_page_template(invalid, components)
    with pytest.raises(ValueError, match="route"):
        check_page_template(PageTemplate("bad", {"zh-CN": "坏", "en": "Bad"}, {"route": "Bad Route", "title": "x", "components": []}, "demo"), components)


async def test_preview_reads_only_the_tokens_shop(kaidian_client, two_shops):
    from core.catalog.models import Category, Product, ProductStatus

    a, b = two_shops
    fruit = await Category.create(shop_id=a.shop_id, name="水果")
    await Product.create(shop_id=a.shop_id, category=fruit, title="草莓", status=ProductStatus.ON_SALE, min_price_fen=1990, max_price_fen=1990)
    block = {"id": "grid", "type": "product_grid", "props": {"source": "category", "category_id": fruit.id}}
    mine = (await kaidian_client.post(PREVIEW, json={"blocks": [block]}, headers=a.owner)).json()["results"]["grid"]
    assert [item["title"] for item in mine["data"]["items"]] == ["草莓"]
    theirs = (await kaidian_client.post(PREVIEW, json={"blocks": [block]}, headers=b.owner)).json()["results"]["grid"]
    assert not (theirs["data"] or {}).get("items")
