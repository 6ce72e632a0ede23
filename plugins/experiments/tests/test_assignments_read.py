"""The batch endpoint answers a device's variants with the page data: sticky per device,
the same after login, and different devices spread over the variants."""

from __future__ import annotations

from typing import Any

from plugins.experiments.tests.test_routes import block_experiment


async def _read(client: Any, shop_id: int, device: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    body = {"shop_id": shop_id, "requests": [{"id": "ab", "source": "experiments.assignments", "params": {"page": "index"}}]}
    response = await client.post("/api/shop/batch", json=body, headers={"X-Device-Token": device} | (headers or {}))
    assert response.status_code == 200, response.text
    return response.json()["results"]["ab"]


async def test_devices_get_sticky_variants_in_the_batch(client: Any, shop: Any) -> None:
    experiment = (await client.post("/api/admin/experiments", json=block_experiment(), headers=shop.owner)).json()
    assert (await _read(client, shop.shop_id, "device-0001"))["data"]["assignments"] == {}  # drafts assign nothing
    await client.post(f"/api/admin/experiments/{experiment['id']}/start", headers=shop.owner)

    seen: dict[str, str] = {}
    for number in range(40):
        device = f"device-{number:04d}"
        answer = (await _read(client, shop.shop_id, device))["data"]
        variant = answer["assignments"][experiment["key"]]
        block = answer["blocks"]["b-notice"]
        assert block["variant"] == variant
        assert block["props"]["text"] == {"control": "全场包邮", "b": "今日下单立减 10 元"}[variant]
        seen[device] = variant
    assert set(seen.values()) == {"control", "b"}
    # Sticky across requests and across login (the customer's token changes nothing).
    for device, variant in list(seen.items())[:5]:
        again = await _read(client, shop.shop_id, device, shop.customer)
        assert again["data"]["assignments"][experiment["key"]] == variant


async def test_a_missing_device_token_is_named(client: Any, shop: Any) -> None:
    answer = await _read(client, shop.shop_id, "short")
    assert not answer["ok"] and answer["error"]["field"] == "X-Device-Token"
