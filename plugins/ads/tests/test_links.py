"""Links of creatives beyond pages and products: a coupon to claim (the coupons plugin makes
``coupon`` a linkable reference kind) and an outside https address on the shop's allow-list
(the page configuration's ``app.link_domains``). A bad one is 422 naming the field; nothing saved."""

from __future__ import annotations

from typing import Any

import pytest

from core.testing import make_shop
from plugins.ads.models import AdCampaign, AdCreative
from plugins.ads.tests.conftest import HOTZONE_CREATIVE, IMAGE, campaign_body
from plugins.coupons.tests.conftest import template_body

CAMPAIGNS = "/api/admin/ads/campaigns"


@pytest.fixture
async def coupons_client(kaidian_client_for: Any) -> Any:
    import builder.plugin
    import core.builtin
    import plugins.ads
    import plugins.coupons

    async with kaidian_client_for(plugins=[core.builtin, builder.plugin, plugins.ads, plugins.coupons], entry_points=False) as client:
        yield client


async def _template(client: Any, shop: Any) -> int:
    response = await client.post("/api/admin/coupons/templates", json=template_body(), headers=shop.owner)
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def _allow(client: Any, shop: Any, domains: list[str]) -> None:
    """Save the shop's draft configuration with ``domains`` as its outside-link allow-list."""
    config = (await client.get("/api/admin/builder/config", headers=shop.owner)).json()["draft"]["config"]
    config["app"]["link_domains"] = domains
    saved = await client.put("/api/admin/builder/config/draft", json={"config": config}, headers=shop.owner)
    assert saved.status_code == 200, saved.text


def _hotzone(*links: str) -> dict[str, Any]:
    zones = [{"x": index * 100, "y": 0, "width": 100, "height": 100, "link": link} for index, link in enumerate(links)]
    return {"slot": "hotzone", "caps": {}, "creatives": [{**HOTZONE_CREATIVE, "hot_zones": zones}]}


async def test_a_creative_links_to_a_coupon_and_an_allowed_address(coupons_client: Any) -> None:
    shop = await make_shop(coupons_client, name="领券店")
    coupon = await _template(coupons_client, shop)
    await _allow(coupons_client, shop, ["m.example.com"])
    body = campaign_body(**_hotzone(f"coupon:{coupon}", "url:https://m.example.com/promo?from=ad#top", "page:home"))
    created = await coupons_client.post(CAMPAIGNS, json=body, headers=shop.owner)
    assert created.status_code == 201, created.text
    assert [zone["link"] for zone in created.json()["creatives"][0]["hot_zones"]] == [
        f"coupon:{coupon}", "url:https://m.example.com/promo?from=ad#top", "page:home",
    ]


@pytest.mark.parametrize(("link", "message"), [
    ("coupon:{theirs}", "does not exist in this shop"),  # another shop's coupon
    ("coupon:987654", "does not exist in this shop"),  # no such coupon
    ("ad_campaign:1", "links cannot lead to ad_campaign"),  # a reference kind, but not a link target
    ("gift_card:1", "links cannot lead to gift_card"),  # nobody registered it
    ("url:https://evil.example.net/x", "evil.example.net is not on the allow-list"),
    ("url:https://shop.m.example.com/", "shop.m.example.com is not on the allow-list"),  # exact hosts only
])
async def test_a_link_leading_nowhere_is_refused_naming_its_path(coupons_client: Any, link: str, message: str) -> None:
    shop, other = await make_shop(coupons_client, name="领券店"), await make_shop(coupons_client, name="别家")
    link = link.format(theirs=await _template(coupons_client, other))
    await _template(coupons_client, shop)
    await _allow(coupons_client, shop, ["m.example.com"])
    body = campaign_body(**_hotzone("page:home", link))
    refused = await coupons_client.post(CAMPAIGNS, json=body, headers={**shop.owner, "Accept-Language": "en"})
    assert refused.status_code == 422, refused.text
    assert refused.json()["field"] == "creatives[0].hot_zones[1].link"
    assert message in refused.json()["message"], refused.json()
    assert await AdCampaign.filter(shop_id=shop.shop_id).count() == 0 and await AdCreative.filter(shop_id=shop.shop_id).count() == 0
    # a creative's own link is checked alike
    refused = await coupons_client.post(CAMPAIGNS, json=campaign_body(creatives=[{"media_url": IMAGE, "width": 750, "height": 1334, "link": link}]), headers=shop.owner)
    assert refused.status_code == 422 and refused.json()["field"] == "creatives[0].link", refused.text


@pytest.mark.parametrize("link", ["url:http://m.example.com/", "url:https://m.example.com/<script>", "url:javascript:alert(1)", "coupon:0"])
async def test_a_malformed_link_is_refused_by_the_schema(coupons_client: Any, link: str) -> None:
    shop = await make_shop(coupons_client, name="领券店")
    await _allow(coupons_client, shop, ["m.example.com"])
    refused = await coupons_client.post(CAMPAIGNS, json=campaign_body(creatives=[{"media_url": IMAGE, "width": 750, "height": 1334, "link": link}]), headers=shop.owner)
    assert refused.status_code == 422 and refused.json()["field"] == "creatives.0.link", refused.text
    assert await AdCampaign.filter(shop_id=shop.shop_id).count() == 0


async def test_without_the_coupons_plugin_a_coupon_link_is_refused(client: Any, shop: Any) -> None:
    refused = await client.post(CAMPAIGNS, json=campaign_body(creatives=[{"media_url": IMAGE, "width": 750, "height": 1334, "link": "coupon:1"}]), headers=shop.owner)
    assert refused.status_code == 422 and refused.json()["field"] == "creatives[0].link", refused.text
    assert await AdCampaign.filter(shop_id=shop.shop_id).count() == 0
