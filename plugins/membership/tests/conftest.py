"""Helpers shared by the membership tests."""

from __future__ import annotations

from typing import Any

import pytest

TIERS = "/api/admin/membership/tiers"


def tier_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"level": 1, "name": "银卡", "threshold": 100, "discount_percent": 5}
    body.update(overrides)
    return body


@pytest.fixture
def make_tier(kaidian_client: Any):
    async def make(shop: Any, **overrides: Any) -> dict[str, Any]:
        response = await kaidian_client.post(TIERS, json=tier_body(**overrides), headers=shop.owner)
        assert response.status_code == 201, response.text
        return response.json()

    return make


@pytest.fixture
def ladder(make_tier: Any):
    """银卡 at 100 growth (5% off), 金卡 at 1000 (10% off, free shipping)."""

    async def make(shop: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        silver = await make_tier(shop)
        gold = await make_tier(shop, level=2, name="金卡", threshold=1000, discount_percent=10, free_shipping=True)
        return silver, gold

    return make
