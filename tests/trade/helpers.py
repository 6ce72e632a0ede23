"""Shared set-up for trade tests: SKUs through the ORM, a plugin that records hook calls."""

from __future__ import annotations

import uuid
from typing import Any

from core.catalog.models import Sku
from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.testing import make_sku  # noqa: F401  (the trade tests import it from here)


async def stock_of(sku_id: int) -> int:
    return (await Sku.get(id=sku_id)).stock


class Recorder:
    """A temporary plugin recording trade notifications (and optionally adding a discount)."""

    def __init__(self, discount_fen: int = 0) -> None:
        self.manifest = PluginManifest(name="recorder", version="0.1.0", title={"zh-CN": "记录", "en": "recorder"})
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.discount_fen = discount_fen

    def of(self, hook: str) -> list[dict[str, Any]]:
        return [kwargs for name, kwargs in self.calls if name == hook]

    @hookimpl
    def kaidian_on_order_status_changed(self, shop_id, order_id, old_status, new_status, reason):
        self.calls.append(("status", {"order_id": order_id, "old": old_status, "new": new_status, "reason": reason}))

    @hookimpl
    def kaidian_on_payment_succeeded(self, shop_id, order_id, amount_fen, payment):
        self.calls.append(("paid", {"order_id": order_id, "amount_fen": amount_fen, **payment}))

    @hookimpl
    def kaidian_on_refund_succeeded(self, shop_id, order_id, refund_id, amount_fen, lines):
        self.calls.append(("refunded", {"order_id": order_id, "amount_fen": amount_fen}))

    @hookimpl
    def kaidian_collect_price_adjustments(self, context):
        from core.pricing.types import PriceAdjustment

        if not self.discount_fen:
            return None
        return [PriceAdjustment(-self.discount_fen, "order_discount", {"zh-CN": "立减", "en": "discount"}, key="flat")]


DELIVERY_ADDRESS = {"recipient": "张三", "phone": "13800138000", "province": "上海市", "city": "上海市", "district": "黄浦区", "detail": "人民大道100号"}


async def delivery_address(client: Any, headers: dict[str, str]) -> int:
    """The customer's first delivery address, added the first time: express orders ship only to one."""
    listed = (await client.get("/api/shop/addresses", headers=headers)).json()
    if listed:
        return listed[0]["id"]
    created = await client.post("/api/shop/addresses", json=DELIVERY_ADDRESS, headers=headers)
    assert created.status_code == 201, created.text
    return created.json()["id"]


async def checkout(client: Any, headers: dict[str, str], lines: list[tuple[int, int]], *, key: str | None = None) -> Any:
    """Place an express order to the customer's delivery address."""
    return await client.post(
        "/api/shop/orders",
        json={"lines": [{"sku_id": sku_id, "quantity": quantity} for sku_id, quantity in lines], "address_id": await delivery_address(client, headers)},
        headers={**headers, "Idempotency-Key": key or uuid.uuid4().hex},
    )
