"""Helpers shared by the coupons tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest


def template_body(**overrides: Any) -> dict[str, Any]:
    """A 满100减20 template valid for a week, 100 to give away, one each."""
    now = datetime.now(UTC)
    body: dict[str, Any] = {
        "name": "满100减20",
        "kind": "amount_off",
        "amount_fen": 2000,
        "threshold_fen": 10000,
        "valid_from": (now - timedelta(hours=1)).isoformat(),
        "valid_until": (now + timedelta(days=7)).isoformat(),
        "total_quantity": 100,
    }
    body.update(overrides)
    return body


@pytest.fixture
def make_template(kaidian_client: Any):
    async def make(shop: Any, **overrides: Any) -> dict[str, Any]:
        response = await kaidian_client.post("/api/admin/coupons/templates", json=template_body(**overrides), headers=shop.owner)
        assert response.status_code == 201, response.text
        return response.json()

    return make
