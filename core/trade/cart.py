"""The persistent cart: one row per (customer, SKU), revalidated on every read.

A read compares each line with the catalog now and reports what changed since the customer
last saw it — "价格已变动", sold out, no longer on sale — then records the current price as
seen, so a change is reported once.
"""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from core.errors import Conflict, InvalidInput, NotFound
from core.trade.models import CartItem
from core.trade.orders import MAX_LINES, MAX_QUANTITY

CHANGE_MESSAGES: dict[str, dict[str, str]] = {
    "price_changed": {"zh-CN": "价格已变动", "en": "The price has changed"},
    "sold_out": {"zh-CN": "已售罄", "en": "Sold out"},
    "unavailable": {"zh-CN": "商品已下架或不存在", "en": "No longer available"},
    "low_stock": {"zh-CN": "库存紧张", "en": "Only a few left"},
}


async def set_quantity(shop_id: int, customer_id: int, sku_id: int, quantity: int) -> None:
    """Put ``quantity`` units of a SKU in the cart (0 removes the line)."""
    from core.catalog.inventory import sku_snapshot

    if quantity < 0 or quantity > MAX_QUANTITY:
        raise InvalidInput(field="quantity", reason={"zh-CN": f"数量必须在 0 到 {MAX_QUANTITY} 之间", "en": f"quantity must be between 0 and {MAX_QUANTITY}"})
    if quantity == 0:
        await CartItem.filter(shop_id=shop_id, customer_id=customer_id, sku_id=sku_id).delete()
        return
    info = (await sku_snapshot(shop_id, [sku_id])).get(sku_id)
    if info is None:
        raise Conflict("sku_unavailable", field="sku_id", sku_id=sku_id)
    async with in_transaction():
        updated = await CartItem.filter(shop_id=shop_id, customer_id=customer_id, sku_id=sku_id).update(
            quantity=quantity, seen_price_fen=info.price_fen
        )
        if not updated:
            if await CartItem.filter(shop_id=shop_id, customer_id=customer_id).count() >= MAX_LINES:
                raise InvalidInput(field="sku_id", reason={"zh-CN": "购物车已满", "en": "the cart is full"})
            await CartItem.create(shop_id=shop_id, customer_id=customer_id, sku_id=sku_id, quantity=quantity, seen_price_fen=info.price_fen)


async def remove_item(shop_id: int, customer_id: int, item_id: int) -> None:
    deleted = await CartItem.filter(id=item_id, shop_id=shop_id, customer_id=customer_id).delete()
    if not deleted:
        raise NotFound()


async def read_cart(shop_id: int, customer_id: int) -> dict[str, Any]:
    """The cart as it is now, each line with its changes since last seen."""
    from core.catalog.inventory import StockStatus, sku_snapshot

    items = await CartItem.filter(shop_id=shop_id, customer_id=customer_id).order_by("id")
    snapshot = await sku_snapshot(shop_id, [item.sku_id for item in items])
    lines = []
    for item in items:
        info = snapshot.get(item.sku_id)
        changes: list[dict[str, Any]] = []
        if info is None:
            changes.append({"code": "unavailable", "message": CHANGE_MESSAGES["unavailable"]})
        else:
            if info.price_fen != item.seen_price_fen:
                changes.append(
                    {"code": "price_changed", "message": CHANGE_MESSAGES["price_changed"], "old_price_fen": item.seen_price_fen, "new_price_fen": info.price_fen}
                )
                await CartItem.filter(id=item.id).update(seen_price_fen=info.price_fen)
            if info.stock_status == StockStatus.SOLD_OUT:
                changes.append({"code": "sold_out", "message": CHANGE_MESSAGES["sold_out"]})
            elif not info.sellable:
                changes.append({"code": "unavailable", "message": CHANGE_MESSAGES["unavailable"]})
            elif info.stock_status == StockStatus.LOW:
                changes.append({"code": "low_stock", "message": CHANGE_MESSAGES["low_stock"]})
        available = info is not None and info.sellable
        lines.append(
            {
                "id": item.id,
                "sku_id": item.sku_id,
                "quantity": item.quantity,
                "title": info.title if info else "",
                "spec_text": info.spec_text if info else "",
                "image": info.image if info else "",
                "price_fen": info.price_fen if info else item.seen_price_fen,
                "subtotal_fen": (info.price_fen if info else item.seen_price_fen) * item.quantity,
                "available": available,
                "changes": changes,
            }
        )
    return {
        "items": lines,
        "subtotal_fen": sum(line["subtotal_fen"] for line in lines if line["available"]),
        "changed": any(change["code"] != "low_stock" for line in lines for change in line["changes"]),
    }
