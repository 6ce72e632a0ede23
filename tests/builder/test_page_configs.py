"""A shop's stored page configuration over the admin API: starter, drafts, publishing,
history, rollback, export, the public read, and isolation between shops."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from builder.samples import demo_config
from core.accounts.models import StaffRole
from core.testing import add_staff, assert_other_shop_gets_404, make_category, make_sku
from tests.builder.own_catalog import demo_config_of

BASE = "/api/admin/builder/config"


def _renamed(config: dict, name: str) -> dict:
    changed = json.loads(json.dumps(config))
    changed["app"]["name"] = name
    return changed


async def test_new_shop_starts_with_a_published_starter(kaidian_client, shop):
    state = (await kaidian_client.get(BASE, headers=shop.owner)).json()
    assert state["draft"]["number"] == state["published"]["number"] == 1
    assert state["unpublished_changes"] is False
    starter = state["published"]["config"]
    assert starter["pages"][0]["route"] == "home"
    assert starter["app"]["api"]["shop_id"] == shop.shop_id
    public = await kaidian_client.get(f"/api/shop/{shop.shop_id}/page-config")
    assert public.status_code == 200
    assert public.json()["version"] == 1 and public.json()["config"] == starter
    # reading again does not seed twice
    assert len((await kaidian_client.get(f"{BASE}/versions", headers=shop.owner)).json()) == 1


async def test_draft_publish_history_and_rollback(kaidian_client, shop):
    config = await demo_config_of(shop.shop_id, posted_shop_id=999)
    saved = await kaidian_client.put(f"{BASE}/draft", json={"config": config, "note": "demo"}, headers=shop.owner)
    assert saved.status_code == 200, saved.text
    draft = saved.json()
    assert draft["number"] == 2 and draft["status"] == "draft" and draft["note"] == "demo"
    # bound to the shop whatever the posted shop id; component versions brought up to date
    assert draft["config"]["app"]["api"]["shop_id"] == shop.shop_id
    assert draft["config"]["pages"][0]["components"][5]["version"] == 2

    # customers still see the starter until the draft is published
    public = (await kaidian_client.get(f"/api/shop/{shop.shop_id}/page-config")).json()
    assert public["version"] == 1
    state = (await kaidian_client.get(BASE, headers=shop.owner)).json()
    assert state["unpublished_changes"] is True

    stale = await kaidian_client.post(f"{BASE}/publish", json={"version": 1}, headers=shop.owner)
    assert stale.status_code == 409 and stale.json()["field"] == "version"
    published = (await kaidian_client.post(f"{BASE}/publish", json={"version": 2}, headers=shop.owner)).json()
    assert published["number"] == 3 and published["status"] == "published" and published["based_on"] == 2
    again = (await kaidian_client.post(f"{BASE}/publish", json={}, headers=shop.owner)).json()
    assert again["number"] == 3  # nothing new to publish
    public = (await kaidian_client.get(f"/api/shop/{shop.shop_id}/page-config")).json()
    assert public["version"] == 3 and public["config"]["app"]["name"] == "开店鲜果铺"

    await kaidian_client.put(f"{BASE}/draft", json={"config": _renamed(config, "改名了")}, headers=shop.owner)
    rolled = await kaidian_client.post(f"{BASE}/versions/1/rollback", json={"publish": True}, headers=shop.owner)
    assert rolled.status_code == 201
    assert rolled.json()["number"] == 5 and rolled.json()["based_on"] == 1 and rolled.json()["status"] == "published"
    public = (await kaidian_client.get(f"/api/shop/{shop.shop_id}/page-config")).json()
    assert public["version"] == 5 and public["config"]["pages"][0]["title"] != "开店鲜果铺"

    history = (await kaidian_client.get(f"{BASE}/versions", headers=shop.owner)).json()
    assert [(row["number"], row["status"]) for row in history] == [
        (5, "published"), (4, "draft"), (3, "published"), (2, "draft"), (1, "published"),
    ]
    assert "config" not in history[0]
    page = (await kaidian_client.get(f"{BASE}/versions", params={"limit": 2, "offset": 1}, headers=shop.owner)).json()
    assert [row["number"] for row in page] == [4, 3]
    # history is immutable: version 4 still holds the renamed app
    old = (await kaidian_client.get(f"{BASE}/versions/4", headers=shop.owner)).json()
    assert old["config"]["app"]["name"] == "改名了"


async def test_a_draft_with_problems_is_saved_but_not_published(kaidian_client, shop):
    """No work is lost: a draft is saved whatever its validation problems; only publishing
    needs a valid configuration."""
    english = {**shop.owner, "Accept-Language": "en"}
    config = demo_config()
    config["pages"][0]["components"][0]["props"]["placeholder"] = 5
    config["pages"][1]["route"] = "Bad Route"
    response = await kaidian_client.put(f"{BASE}/draft", json={"config": config}, headers=english)
    assert response.status_code == 200, response.text
    saved = response.json()
    paths = [problem["path"] for problem in saved["problems"]]
    assert "$.pages[0].components[0].props.placeholder" in paths and "$.pages[1].route" in paths
    assert saved["config"]["pages"][1]["route"] == "Bad Route" and saved["config"]["app"]["api"]["shop_id"] == shop.shop_id
    state = (await kaidian_client.get(BASE, headers=shop.owner)).json()
    assert state["draft"]["number"] == saved["number"] and state["draft"]["config"]["pages"][1]["route"] == "Bad Route"
    published = await kaidian_client.post(f"{BASE}/publish", json={"version": saved["number"]}, headers=english)
    assert published.status_code == 422
    body = published.json()
    assert body["field"] == body["errors"][0]["path"] and "$.pages[1].route" in [error["path"] for error in body["errors"]]
    assert all(isinstance(error["message"], str) and error["message"] for error in body["errors"])
    # a valid draft reports no problems
    own = await demo_config_of(shop.shop_id)
    assert (await kaidian_client.put(f"{BASE}/draft", json={"config": own}, headers=shop.owner)).json()["problems"] == []


async def test_a_page_naming_another_shops_records_is_saved_with_problems_but_not_published(kaidian_client, two_shops):
    a, b = two_shops
    config = await demo_config_of(a.shop_id)
    theirs_category, theirs_product = await make_category(b.shop_id, "别家分类"), (await make_sku(b.shop_id)).product_id
    home = config["pages"][0]["components"]
    home[1]["props"]["slides"][1]["link"] = f"product:{theirs_product}"  # a link
    home[5]["props"]["category_id"] = theirs_category.id  # a category picker
    home.append({"type": "product_grid", "props": {"source": "manual", "product_ids": [theirs_product, 987654]}})  # products picker
    saved = await kaidian_client.put(f"{BASE}/draft", json={"config": config}, headers=a.owner)
    assert saved.status_code == 200, saved.text
    problems = {problem["path"]: problem["message"] for problem in saved.json()["problems"]}
    assert set(problems) == {
        "$.pages[0].components[1].props.slides[1].link",
        "$.pages[0].components[5].props.category_id",
        "$.pages[0].components[6].props.product_ids[0]",
        "$.pages[0].components[6].props.product_ids[1]",
    }, problems
    assert problems["$.pages[0].components[5].props.category_id"] == {"zh-CN": f"引用的分类 {theirs_category.id} 不存在或不属于本店", "en": f"Category {theirs_category.id} does not exist in this shop"}
    refused = await kaidian_client.post(f"{BASE}/publish", json={"version": saved.json()["number"]}, headers={**a.owner, "Accept-Language": "en"})
    assert refused.status_code == 422 and refused.json()["field"] == "$.pages[0].components[1].props.slides[1].link"
    assert (await kaidian_client.get(f"/api/shop/{a.shop_id}/page-config")).json()["version"] == 1  # still the starter
    # naming its own records, the page publishes
    fixed = await demo_config_of(a.shop_id)
    published = await kaidian_client.put(f"{BASE}/draft", json={"config": fixed}, headers=a.owner)
    assert published.json()["problems"] == []
    assert (await kaidian_client.post(f"{BASE}/publish", json={}, headers=a.owner)).status_code == 200


@pytest.mark.parametrize("config", [{"app": {}, "pages": "home"}, {"pages": [{"route": "home", "components": [{"props": {}}]}], "app": {}}, {"app": {}, "pages": []}])
async def test_a_draft_the_editor_could_not_open_is_refused(kaidian_client, shop, config):
    response = await kaidian_client.put(f"{BASE}/draft", json={"config": config}, headers=shop.owner)
    assert response.status_code == 422 and response.json()["errors"]
    assert len((await kaidian_client.get(f"{BASE}/versions", headers=shop.owner)).json()) == 1


async def test_concurrent_edit_is_a_conflict(kaidian_client, shop):
    config = demo_config()
    first = await kaidian_client.put(f"{BASE}/draft", json={"config": config, "base_version": 1}, headers=shop.owner)
    assert first.status_code == 200
    second = await kaidian_client.put(f"{BASE}/draft", json={"config": config, "base_version": 1}, headers=shop.owner)
    assert second.status_code == 409 and second.json()["field"] == "base_version"


async def test_rollback_to_a_missing_version_is_404(kaidian_client, shop):
    response = await kaidian_client.post(f"{BASE}/versions/42/rollback", json={}, headers=shop.owner)
    assert response.status_code == 404


async def test_customer_service_may_read_but_not_change(kaidian_client, shop):
    helper = await add_staff(kaidian_client, shop, StaffRole.CUSTOMER_SERVICE)
    assert (await kaidian_client.get(BASE, headers=helper)).status_code == 200
    refused = await kaidian_client.put(f"{BASE}/draft", json={"config": demo_config()}, headers=helper)
    assert refused.status_code == 403
    assert (await kaidian_client.post(f"{BASE}/publish", json={}, headers=helper)).status_code == 403


async def test_export_of_the_stored_configuration(kaidian_client, shop):
    await kaidian_client.put(f"{BASE}/draft", json={"config": demo_config()}, headers=shop.owner)
    titles = {}
    for which in ("draft", "published"):
        response = await kaidian_client.get(f"{BASE}/export", params={"target": "taro", "which": which}, headers=shop.owner)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/zip"
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        settings_js = archive.read("src/api/settings.js").decode().replace(" ", "")
        assert f'"shopId":{shop.shop_id}' in settings_js
        assert '"baseUrl":"http://' in settings_js  # filled with this server's URL
        titles[which] = "开店鲜果铺" in archive.read("src/app.config.js").decode()
    # the draft is the demo shop; what is published is still the starter
    assert titles == {"draft": True, "published": False}


async def test_public_read_of_an_unknown_shop_is_404(kaidian_client):
    assert (await kaidian_client.get("/api/shop/999999/page-config")).status_code == 404


async def test_another_shop_cannot_see_or_touch_the_configuration(kaidian_client, two_shops):
    a, b = two_shops
    await kaidian_client.put(f"{BASE}/draft", json={"config": demo_config()}, headers=a.owner)
    await kaidian_client.put(f"{BASE}/draft", json={"config": _renamed(demo_config(), "二号版本")}, headers=a.owner)
    await assert_other_shop_gets_404(
        kaidian_client,
        [
            ("GET", f"{BASE}/versions/3", None),
            ("POST", f"{BASE}/versions/3/rollback", {"publish": True}),
        ],
        b.owner,
    )
    # B's own state is its starter; A's drafts are invisible to B and unpublished for A
    state_b = (await kaidian_client.get(BASE, headers=b.owner)).json()
    assert state_b["draft"]["number"] == 1 and state_b["draft"]["config"]["app"]["api"]["shop_id"] == b.shop_id
    assert len((await kaidian_client.get(f"{BASE}/versions", headers=b.owner)).json()) == 1
    public_a = (await kaidian_client.get(f"/api/shop/{a.shop_id}/page-config")).json()
    assert public_a["version"] == 1
    # B publishing publishes B's draft only
    await kaidian_client.post(f"{BASE}/publish", json={}, headers=b.owner)
    assert (await kaidian_client.get(f"/api/shop/{a.shop_id}/page-config")).json()["version"] == 1
    # a customer token cannot reach the admin routes
    assert (await kaidian_client.get(BASE, headers=a.customer)).status_code == 403


async def test_links_to_coupons_and_outside_addresses_are_checked_against_the_shop(kaidian_client, two_shops):
    """A link may name a record of any linkable reference kind (the coupons plugin's ``coupon``)
    and an https address on the configuration's ``app.link_domains``; a coupon of another shop,
    a kind nobody makes linkable and a host off the list are problems, and publishing is refused."""
    a, b = two_shops
    from plugins.coupons.tests.conftest import template_body

    ours, theirs = [
        (await kaidian_client.post("/api/admin/coupons/templates", json=template_body(), headers=shop.owner)).json()["id"] for shop in (a, b)
    ]
    # the editor's link picker offers the shop's own coupons (and products, categories)
    targets = {item["kind"]: item for item in (await kaidian_client.get(f"{BASE}/link-targets", headers=a.owner)).json()}
    assert {"product", "category", "coupon"} <= set(targets) and "ad_campaign" not in targets
    assert targets["coupon"]["title"]["zh-CN"] == "优惠券" and [record["id"] for record in targets["coupon"]["records"]] == [ours]
    config = await demo_config_of(a.shop_id)
    config["app"]["link_domains"] = ["m.example.com"]
    slides = config["pages"][0]["components"][1]["props"]["slides"]
    slides[0]["link"] = f"coupon:{theirs}"
    slides[1]["link"] = "url:https://evil.example.net/"
    slides.append({"image": slides[0]["image"], "link": "ad_campaign:1"})
    saved = await kaidian_client.put(f"{BASE}/draft", json={"config": config}, headers={**a.owner, "Accept-Language": "en"})
    assert saved.status_code == 200, saved.text
    problems = {problem["path"]: problem["message"] for problem in saved.json()["problems"]}
    slide = "$.pages[0].components[1].props.slides[{}].link"
    assert set(problems) == {slide.format(0), slide.format(1), slide.format(2)}, problems
    assert problems[slide.format(1)]["en"] == "The link's domain evil.example.net is not on the allow-list (app setting link_domains)"
    refused = await kaidian_client.post(f"{BASE}/publish", json={"version": saved.json()["number"]}, headers=a.owner)
    assert refused.status_code == 422, refused.text
    # the shop's own coupon and an allowed address publish, and the app knows both
    slides[0]["link"], slides[1]["link"], slides[2]["link"] = f"coupon:{ours}", "url:https://m.example.com/sale", "page:home"
    fixed = await kaidian_client.put(f"{BASE}/draft", json={"config": config}, headers=a.owner)
    assert fixed.json()["problems"] == [], fixed.text
    assert (await kaidian_client.post(f"{BASE}/publish", json={}, headers=a.owner)).status_code == 200
    exported = await kaidian_client.get(f"{BASE}/export", params={"target": "uniapp"}, headers=a.owner)
    routes = zipfile.ZipFile(io.BytesIO(exported.content)).read("src/routes.js").decode()
    assert '"linkDomains":["m.example.com"]' in routes and '"links":{"coupon":"coupon_center"}' in routes
