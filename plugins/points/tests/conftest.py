"""Helpers shared by the points tests: checkout, pay and refund through the real trade API."""

from __future__ import annotations

import uuid
from typing import Any

from core.testing import unique


async def checkout(
    client: Any, headers: dict[str, str], sku_id: int, quantity: int = 1, points_to_redeem: int | None = None, **body: Any
) -> Any:
    if points_to_redeem is not None:  # this plugin's part of the checkout body
        body["plugins"] = {"points": {"points_to_redeem": points_to_redeem}}
    return await client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": sku_id, "quantity": quantity}], **body},
        headers={**headers, "Idempotency-Key": uuid.uuid4().hex},
    )


async def place(client: Any, headers: dict[str, str], sku_id: int, quantity: int = 1, **body: Any) -> dict[str, Any]:
    response = await checkout(client, headers, sku_id, quantity, **body)
    assert response.status_code == 201, response.text
    return response.json()


async def pay(client: Any, headers: dict[str, str], order: dict[str, Any]) -> dict[str, Any]:
    paid = await client.post(f"/api/shop/orders/{order['id']}/sandbox-pay", headers=headers)
    assert paid.status_code == 201 and paid.json()["status"] == "paid", paid.text
    return paid.json()


async def refund(client: Any, owner: dict[str, str], order: dict[str, Any], quantity: int) -> None:
    response = await client.post(
        f"/api/admin/orders/{order['id']}/refunds",
        json={"lines": [{"line_id": order["lines"][0]["id"], "quantity": quantity}], "reason": "退货"},
        headers=owner,
    )
    assert response.status_code == 201, response.text


async def login(client: Any, shop_id: int, user: str | None = None, share_code: str | None = None) -> tuple[dict[str, str], int]:
    body: dict[str, Any] = {"shop_id": shop_id, "code": f"sandbox:{user or unique('customer')}"}
    if share_code is not None:
        body["share_code"] = share_code
    response = await client.post("/api/shop/auth/login", json=body)
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}, response.json()["customer_id"]


async def set_points_settings(client: Any, owner: dict[str, str], **settings: Any) -> None:
    response = await client.put("/api/admin/plugins/points", json={"settings": settings}, headers=owner)
    assert response.status_code == 200, response.text


async def balance(client: Any, headers: dict[str, str]) -> dict[str, Any]:
    response = await client.get("/api/shop/points/balance", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()
