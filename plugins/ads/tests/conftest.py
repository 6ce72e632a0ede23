"""Fixtures of the ads tests: an app with core, the builder and this plugin only, a shop, and
helpers that create a campaign and ask the batch endpoint for an ad."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from core.testing import make_shop

IMAGE = "https://img.example.com/ads/spring.png"
HOTZONE_CREATIVE = {"media_url": IMAGE, "width": 750, "height": 400, "hot_zones": [
    {"x": 0, "y": 0, "width": 375, "height": 400, "link": "page:home"},
    {"x": 375, "y": 0, "width": 375, "height": 400, "link": "page:cart"},
]}


@pytest.fixture
async def client(kaidian_client_for: Any) -> Any:
    import builder.plugin
    import core.builtin
    import plugins.ads

    async with kaidian_client_for(plugins=[core.builtin, builder.plugin, plugins.ads], entry_points=False) as client:
        yield client


@pytest.fixture
async def shop(client: Any) -> Any:
    return await make_shop(client, name="广告店")


def campaign_body(**changes: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "name": "开屏大促",
        "slot": "splash",
        "starts_at": (now - timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(days=7)).isoformat(),
        "caps": {"device": {"day": 1}},
        "creatives": [{"media_url": IMAGE, "width": 750, "height": 1334, "link": "page:home"}],
    } | changes


async def create_campaign(client: Any, shop: Any, **changes: Any) -> dict[str, Any]:
    response = await client.post("/api/admin/ads/campaigns", json=campaign_body(**changes), headers=shop.owner)
    assert response.status_code == 201, response.text
    return response.json()


async def serve(client: Any, shop_id: int, device: str, *, slot: str = "splash", session: str = "visit-0001", page: str = "home",
                headers: dict[str, str] | None = None, **params: Any) -> dict[str, Any] | None:
    body = {"shop_id": shop_id, "requests": [{"id": "ad", "source": "ads.serve", "params": {"slot": slot, "session": session, "page": page, **params}}]}
    response = await client.post("/api/shop/batch", json=body, headers={"X-Device-Token": device} | (headers or {}))
    assert response.status_code == 200, response.text
    result = response.json()["results"]["ad"]
    assert result["ok"], result
    return result["data"]["ad"]
