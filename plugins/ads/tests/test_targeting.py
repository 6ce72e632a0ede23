"""Targeting by membership tier and customer tag: the segments come from whichever plugin keeps
them (``kaidian_collect_customer_segments``): the membership plugin's tiers, and here a
test plugin's tags, as a third-party plugin would offer them. Unknown ones are refused naming
the field; only customers in them are served; guests only untargeted campaigns."""

from __future__ import annotations

from typing import Any

import pytest

from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.testing import customer_login, make_shop
from plugins.ads.models import AdCampaign, AdCreative
from plugins.ads.tests.conftest import campaign_body, create_campaign, serve


class CustomerLabels:
    """Tags a shop puts on customers, kept by a plugin that is not ours: customer id → tags."""

    manifest = PluginManifest(name="customer_labels", version="0.1.0", title={"zh-CN": "顾客标签", "en": "Customer labels"})

    def __init__(self) -> None:
        self.labels: dict[int, list[str]] = {}

    @hookimpl
    def kaidian_collect_customer_segments(self, shop_id: int, customer_id: int | None) -> list[dict[str, Any]]:
        names = self.labels.get(customer_id, []) if customer_id is not None else sorted({n for tags in self.labels.values() for n in tags})
        return [{"kind": "tag", "key": name, "title": {"zh-CN": name, "en": name}} for name in names]


@pytest.fixture
async def labels() -> CustomerLabels:
    return CustomerLabels()


@pytest.fixture
async def client(kaidian_client_for: Any, labels: CustomerLabels) -> Any:
    import builder.plugin
    import core.builtin
    import plugins.ads
    import plugins.membership

    async with kaidian_client_for(plugins=[core.builtin, builder.plugin, plugins.ads, plugins.membership, labels], entry_points=False) as client:
        yield client


async def _tiers(client: Any, shop: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    made = []
    for body in ({"level": 1, "name": "银卡", "threshold": 100}, {"level": 2, "name": "金卡", "threshold": 1000}):
        response = await client.post("/api/admin/membership/tiers", json=body, headers=shop.owner)
        assert response.status_code == 201, response.text
        made.append(response.json())
    return made[0], made[1]


async def test_segments_offered_and_unknown_ones_refused(client: Any, shop: Any, labels: CustomerLabels) -> None:
    labels.labels = {shop.customer_id: ["vip"]}
    silver, gold = await _tiers(client, shop)
    offered = (await client.get("/api/admin/ads/campaigns/segments", headers=shop.owner)).json()
    assert {(item["kind"], item["key"], item["title"]["zh-CN"]) for item in offered} == {
        ("tier", str(silver["id"]), "银卡"), ("tier", str(gold["id"]), "金卡"), ("tag", "vip", "vip"),
    }
    other = await make_shop(client, name="别家")
    other_silver, _ = await _tiers(client, other)
    for changes, field in (
        ({"tiers": [str(gold["id"]), "99999"]}, "tiers[1]"),
        ({"tiers": [str(other_silver["id"])]}, "tiers[0]"),  # another shop's tier
        ({"tags": ["vip", "whale"]}, "tags[1]"),
        ({"tags": ["vip", "vip"]}, "tags"),
    ):
        response = await client.post("/api/admin/ads/campaigns", json=campaign_body(**changes), headers=shop.owner)
        assert response.status_code == 422, response.text
        assert response.json()["field"] == field, response.json()
    assert await AdCampaign.filter(shop_id=shop.shop_id).count() == 0
    assert await AdCreative.filter(shop_id=shop.shop_id).count() == 0
    saved = await create_campaign(client, shop, tiers=[str(gold["id"])], tags=["vip"])
    assert (saved["tiers"], saved["tags"]) == ([str(gold["id"])], ["vip"])


async def test_only_customers_in_the_segments_are_served(client: Any, shop: Any, labels: CustomerLabels) -> None:
    from plugins.membership import services

    silver, gold = await _tiers(client, shop)
    gold_vip, gold_vip_id = shop.customer, shop.customer_id
    gold_plain, gold_plain_id = await customer_login(client, shop.shop_id, "gold-plain")
    silver_vip, silver_vip_id = await customer_login(client, shop.shop_id, "silver-vip")
    for customer_id, growth in ((gold_vip_id, 1500), (gold_plain_id, 1200), (silver_vip_id, 150)):
        await services.post_entry(shop.shop_id, customer_id, "earn", growth, f"test:{customer_id}")
    labels.labels = {gold_vip_id: ["vip"], silver_vip_id: ["vip"]}

    caps: dict[str, Any] = {}
    gold_and_vip = await create_campaign(client, shop, slot="popup", caps=caps, priority=30, tiers=[str(gold["id"])], tags=["vip"], name="金卡VIP")
    any_tier = await create_campaign(client, shop, slot="popup", caps=caps, priority=20, tiers=[str(silver["id"]), str(gold["id"])], name="会员")
    everyone = await create_campaign(client, shop, slot="popup", caps=caps, priority=10, name="所有人")

    async def seen(headers: dict[str, str] | None) -> int:
        ad = await serve(client, shop.shop_id, "device-tier-0001", slot="popup", headers=headers)
        return ad["campaign_id"]

    assert await seen(gold_vip) == gold_and_vip["id"]
    assert await seen(gold_plain) == any_tier["id"]  # gold, but no vip tag
    assert await seen(silver_vip) == any_tier["id"]  # vip, but silver
    assert await seen(None) == everyone["id"]  # a guest is in no segment
    # A tag taken off (the plugin's data, read at each serve) takes the ad with it.
    labels.labels = {silver_vip_id: ["vip"]}
    assert await seen(gold_vip) == any_tier["id"]
    # The membership plugin switched off for the shop: nobody is in a tier any more.
    assert (await client.put("/api/admin/plugins/membership", json={"enabled": False}, headers=shop.owner)).status_code == 200
    assert await seen(gold_plain) == everyone["id"]


async def test_without_a_segment_source_targeted_campaigns_are_refused(kaidian_client_for: Any) -> None:
    import builder.plugin
    import core.builtin
    import plugins.ads

    async with kaidian_client_for(plugins=[core.builtin, builder.plugin, plugins.ads], entry_points=False) as client:
        shop = await make_shop(client)
        assert (await client.get("/api/admin/ads/campaigns/segments", headers=shop.owner)).json() == []
        response = await client.post("/api/admin/ads/campaigns", json=campaign_body(tiers=["1"]), headers=shop.owner)
        assert response.status_code == 422 and response.json()["field"] == "tiers[0]", response.text


async def test_tags_staff_put_on_customers_in_the_admin_target_campaigns(kaidian_client_for: Any) -> None:
    # Core keeps customer tags (admin 客户 → 编辑标签) and answers them as ``tag`` segments.
    import builder.plugin
    import core.builtin
    import plugins.ads

    async with kaidian_client_for(plugins=[core.builtin, builder.plugin, plugins.ads], entry_points=False) as client:
        shop = await make_shop(client)
        plain, plain_id = await customer_login(client, shop.shop_id, "plain-buyer")
        tagged = await client.put(f"/api/admin/customers/{shop.customer_id}/tags", json={"tags": [" 企业客户 ", "老客", "老客"]}, headers=shop.owner)
        assert tagged.status_code == 200, tagged.text
        assert tagged.json()["tags"] == ["企业客户", "老客"]
        assert (await client.get("/api/admin/customers/tags", headers=shop.owner)).json() == ["企业客户", "老客"]
        offered = (await client.get("/api/admin/ads/campaigns/segments", headers=shop.owner)).json()
        assert {(item["kind"], item["key"]) for item in offered} == {("tag", "企业客户"), ("tag", "老客")}

        caps: dict[str, Any] = {}
        business = await create_campaign(client, shop, slot="popup", caps=caps, priority=30, tags=["企业客户"], name="企业采购")
        everyone = await create_campaign(client, shop, slot="popup", caps=caps, priority=10, name="所有人")
        assert (await serve(client, shop.shop_id, "device-tags-0001", slot="popup", headers=shop.customer))["campaign_id"] == business["id"]
        assert (await serve(client, shop.shop_id, "device-tags-0001", slot="popup", headers=plain))["campaign_id"] == everyone["id"]
        # Taking the tag off takes the campaign with it.
        assert (await client.put(f"/api/admin/customers/{shop.customer_id}/tags", json={"tags": []}, headers=shop.owner)).json()["tags"] == []
        assert (await serve(client, shop.shop_id, "device-tags-0001", slot="popup", headers=shop.customer))["campaign_id"] == everyone["id"]

        # Another shop's customer is not found; a tag too long is refused naming it; nothing kept.
        other = await make_shop(client, name="别家")
        assert (await client.put(f"/api/admin/customers/{plain_id}/tags", json={"tags": ["x"]}, headers=other.owner)).status_code == 404
        too_long = await client.put(f"/api/admin/customers/{plain_id}/tags", json={"tags": ["好", "长" * 21]}, headers=shop.owner)
        assert too_long.status_code == 422 and too_long.json()["field"] == "tags.1", too_long.text
        assert (await client.get(f"/api/admin/customers/{plain_id}", headers=shop.owner)).json()["tags"] == []
