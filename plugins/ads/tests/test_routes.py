"""The admin API: bad campaigns are refused with the field path and leave nothing behind;
campaigns are read back whole, replaced, deleted; tenants isolated."""

from __future__ import annotations

from typing import Any

import pytest

from core.testing import assert_other_shop_gets_404, make_shop, make_sku
from plugins.ads.models import AdCampaign, AdCreative
from plugins.ads.tests.conftest import HOTZONE_CREATIVE, IMAGE, campaign_body, create_campaign

HOTZONE = {"slot": "hotzone", "caps": {}, "creatives": [HOTZONE_CREATIVE]}


@pytest.mark.parametrize(("changes", "field"), [
    ({"creatives": []}, "creatives"),
    ({"ends_at": "2020-01-01T00:00:00+00:00", "starts_at": "2020-02-01T00:00:00+00:00"}, "ends_at"),
    ({**HOTZONE, "creatives": [{**HOTZONE["creatives"][0], "hot_zones": [{"x": 700, "y": 0, "width": 100, "height": 50, "link": "page:home"}]}]},
     "creatives[0].hot_zones[0]"),
    ({**HOTZONE, "creatives": [{**HOTZONE["creatives"][0], "hot_zones": [HOTZONE["creatives"][0]["hot_zones"][0], {"x": 0, "y": 300, "width": 10, "height": 101, "link": "page:home"}]}]},
     "creatives[0].hot_zones[1]"),
    ({**HOTZONE, "creatives": [{**HOTZONE["creatives"][0], "hot_zones": [{"x": 0, "y": 0, "width": 10, "height": 10, "link": "page:no_such_page"}]}]},
     "creatives[0].hot_zones[0].link"),
    ({"creatives": [{"media_url": IMAGE, "width": 750, "height": 1334, "link": "page:nowhere"}]}, "creatives[0].link"),
    ({"creatives": [{"media_url": IMAGE, "width": 750, "height": 1334, "link": "product:99999"}]}, "creatives[0].link"),
    ({"slot": "popup", "pages": ["home", "missing"]}, "pages[1]"),
    ({"creatives": [{"media_url": "javascript:alert(1)", "width": 750, "height": 1334}]}, "creatives.0.media_url"),  # schema checks name paths the pydantic way
    ({"hours": [20, 8]}, "hours"),
    ({"starts_at": 0}, "starts_at"),  # a number is not a time (AwareDatetime once let 0 through as 1970)
])
async def test_bad_campaigns_are_refused_naming_the_field(client: Any, shop: Any, changes: dict[str, Any], field: str) -> None:
    response = await client.post("/api/admin/ads/campaigns", json=campaign_body(**changes), headers=shop.owner)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field, response.json()
    assert await AdCampaign.filter(shop_id=shop.shop_id).count() == 0
    assert await AdCreative.filter(shop_id=shop.shop_id).count() == 0


async def test_campaigns_round_trip(client: Any, shop: Any) -> None:
    sku = await make_sku(shop.shop_id)
    created = await create_campaign(client, shop, **HOTZONE, name="热区")
    assert [zone["link"] for zone in created["creatives"][0]["hot_zones"]] == ["page:home", "page:cart"]
    changed = campaign_body(slot="popup", pages=["home"], creatives=[{"media_url": IMAGE, "width": 600, "height": 800, "link": f"product:{sku.product_id}"}])
    replaced = await client.put(f"/api/admin/ads/campaigns/{created['id']}", json=changed, headers=shop.owner)
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["slot"] == "popup" and replaced.json()["creatives"][0]["link"] == f"product:{sku.product_id}"
    bad = await client.put(f"/api/admin/ads/campaigns/{created['id']}", json=campaign_body(creatives=[]), headers=shop.owner)
    assert bad.status_code == 422
    listed = (await client.get("/api/admin/ads/campaigns", headers=shop.owner)).json()
    assert [(c["id"], c["slot"], len(c["creatives"])) for c in listed] == [(created["id"], "popup", 1)]
    assert (await client.delete(f"/api/admin/ads/campaigns/{created['id']}", headers=shop.owner)).status_code == 204
    assert (await client.get("/api/admin/ads/campaigns", headers=shop.owner)).json() == []


async def test_other_shops_see_nothing(client: Any, shop: Any) -> None:
    campaign = await create_campaign(client, shop)
    other = await make_shop(client, name="别家")
    await assert_other_shop_gets_404(client, [
        ("GET", f"/api/admin/ads/campaigns/{campaign['id']}", None),
        ("GET", f"/api/admin/ads/campaigns/{campaign['id']}/stats", None),
        ("PUT", f"/api/admin/ads/campaigns/{campaign['id']}", campaign_body()),
        ("DELETE", f"/api/admin/ads/campaigns/{campaign['id']}", None),
    ], other.owner)
    assert (await client.get("/api/admin/ads/campaigns", headers=other.owner)).json() == []
