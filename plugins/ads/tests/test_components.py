"""The ad blocks and the overlay in generated apps and in the editor's canvas."""

from __future__ import annotations

from typing import Any

from builder.generate import render_project
from plugins.ads.models import AdServe
from plugins.ads.tests.conftest import HOTZONE_CREATIVE, create_campaign, serve


def _config() -> dict[str, Any]:
    from tests.builder.conftest import small_config

    config = small_config()
    config["pages"][0]["components"] += [{"type": "ad_banner", "props": {}}, {"type": "ad_hotzone", "props": {"campaign_id": 7}}]
    return config


async def test_every_page_carries_the_overlay_and_blocks_read_the_batch(client: Any) -> None:
    registries = client.app.state.registries
    for target, suffix in (("uniapp", "index.vue"), ("taro", "index.jsx")):
        files = render_project(_config(), target, registries).files
        routes = [page["route"] for page in _config()["pages"]]
        pages = [name for name in files if name.endswith(f"/{suffix}") and any(f"pages/{route}/" in name for route in routes)]
        assert len(pages) == len(routes), pages
        for page in pages:
            assert "ads-overlay" in files[page].lower().replace("adsoverlay", "ads-overlay"), page
        overlay = next(content for name, content in files.items() if "kd-slot-ads-overlay" in name and not name.endswith(".css"))
        assert "ads.serve" in overlay and "watchExposure" in overlay and "visitId()" in overlay
        home = next(content for name, content in files.items() if name.endswith("pages/home/page.js"))
        assert '"source": "ads.serve"' in home and '"session": "$visit"' in home and '"campaign_id": 7' in home


async def test_the_canvas_shows_an_ad_without_counting_it(client: Any, shop: Any) -> None:
    campaign = await create_campaign(client, shop, slot="hotzone", caps={"device": {"day": 1}}, creatives=[HOTZONE_CREATIVE])
    body = {"blocks": [{"id": "b1", "type": "ad_hotzone", "props": {"campaign_id": campaign["id"]}}, {"id": "b2", "type": "ad_banner", "props": {}}]}
    answer = await client.post("/api/admin/builder/preview", json=body, headers=shop.owner)
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert results["b1"]["data"]["ad"]["creatives"][0]["hot_zones"] == HOTZONE_CREATIVE["hot_zones"]
    assert results["b1"]["data"]["ad"]["serve_id"] is None and results["b2"]["data"] == {"ad": None}
    assert await AdServe.filter(campaign_id=campaign["id"]).count() == 0
    # Customers are still served within the cap the canvas did not touch.
    ad = await serve(client, shop.shop_id, "device-ffff-0001", slot="hotzone", campaign_id=campaign["id"])
    assert ad["serve_id"] and ad["label"] is True
