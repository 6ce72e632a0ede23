"""The persistent cart: one row per (owner, SKU), revalidated on every read.

The owner is a logged-in customer or, before login, a device (``X-Device-Token``: a random
string the client keeps, stored only as its SHA-256). A read compares each line with the
catalog now and reports what changed since the owner last saw it — "价格已变动", sold out, no
longer on sale — then records the current price as seen, so a change is reported once. On
login the device's cart is merged into the customer's.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core.errors import Conflict, InvalidInput, NotFound
from core.trade.models import CartItem, GuestCartItem
from core.trade.orders import MAX_LINES, MAX_QUANTITY

DEVICE_TOKEN_HEADER = "X-Device-Token"
DEVICE_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,128}$")

CHANGE_MESSAGES: dict[str, dict[str, str]] = {
    "price_changed": {"zh-CN": "价格已变动", "en": "The price has changed"},
    "sold_out": {"zh-CN": "已售罄", "en": "Sold out"},
    "unavailable": {"zh-CN": "商品已下架或不存在", "en": "No longer available"},
    "low_stock": {"zh-CN": "库存紧张", "en": "Only a few left"},
}


@dataclass(frozen=True)
class CartOwner:
    """Whose cart: the row model and the columns that pick the owner's rows."""

    model: type[CartItem] | type[GuestCartItem]
    keys: dict[str, Any]


def customer_cart(shop_id: int, customer_id: int) -> CartOwner:
    return CartOwner(CartItem, {"shop_id": shop_id, "customer_id": customer_id})


def device_hash(token: str | None) -> str:
    """The stored form of a device token; 422 naming the header when it is missing or malformed."""
    if not token or not DEVICE_TOKEN_PATTERN.match(token):
        raise InvalidInput(
            field=DEVICE_TOKEN_HEADER,
            reason={
                "zh-CN": "请求头 X-Device-Token 必填：16 到 128 个字母、数字、- 或 _",
                "en": "the X-Device-Token header is required: 16 to 128 letters, digits, - or _",
            },
        )
    return hashlib.sha256(token.encode()).hexdigest()


def guest_cart(shop_id: int, token: str | None) -> CartOwner:
    return CartOwner(GuestCartItem, {"shop_id": shop_id, "device_hash": device_hash(token)})


async def set_quantity(owner: CartOwner, sku_id: int, quantity: int) -> None:
    """Put ``quantity`` units of a SKU in the cart (0 removes the line)."""
    from core.catalog.inventory import sku_snapshot

    if quantity < 0 or quantity > MAX_QUANTITY:
        raise InvalidInput(field="quantity", reason={"zh-CN": f"数量必须在 0 到 {MAX_QUANTITY} 之间", "en": f"quantity must be between 0 and {MAX_QUANTITY}"})
    rows = owner.model.filter(**owner.keys)
    if quantity == 0:
        await rows.filter(sku_id=sku_id).delete()
        return
    info = (await sku_snapshot(owner.keys["shop_id"], [sku_id])).get(sku_id)
    if info is None:
        raise Conflict("sku_unavailable", field="sku_id", sku_id=sku_id)
    async with in_transaction():
        updated = await owner.model.filter(**owner.keys, sku_id=sku_id).update(quantity=quantity, seen_price_fen=info.price_fen)
        if not updated:
            if await owner.model.filter(**owner.keys).count() >= MAX_LINES:
                raise InvalidInput(field="sku_id", reason={"zh-CN": "购物车已满", "en": "the cart is full"})
            try:
                async with in_transaction():  # a savepoint: PostgreSQL's transaction survives the clash
                    await owner.model.create(**owner.keys, sku_id=sku_id, quantity=quantity, seen_price_fen=info.price_fen)
            except IntegrityError:
                # A concurrent request (another tab, a load balancer's retry) inserted this SKU's
                # line first: setting a quantity is last-writer-wins, so set ours on that line.
                await owner.model.filter(**owner.keys, sku_id=sku_id).update(quantity=quantity, seen_price_fen=info.price_fen)


async def remove_item(owner: CartOwner, item_id: int) -> None:
    deleted = await owner.model.filter(id=item_id, **owner.keys).delete()
    if not deleted:
        raise NotFound()


async def read_cart(owner: CartOwner) -> dict[str, Any]:
    """The cart as it is now, each line with its changes since last seen."""
    from core.catalog.inventory import StockStatus, sku_snapshot

    items = await owner.model.filter(**owner.keys).order_by("id")
    snapshot = await sku_snapshot(owner.keys["shop_id"], [item.sku_id for item in items])
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
                await owner.model.filter(id=item.id).update(seen_price_fen=info.price_fen)
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


# -- merging a guest cart on login --------------------------------------------------------------


@dataclass
class MergeReport:
    merged: list[dict[str, Any]] = field(default_factory=list)  # {"sku_id", "quantity", "capped"}
    dropped: list[dict[str, Any]] = field(default_factory=list)  # {"sku_id", "code"}


async def merge_guest_cart(shop_id: int, customer_id: int, token: str | None) -> MergeReport:
    """Move the device's cart into the customer's: quantities of the same SKU are added,
    capped at the per-line limit; SKUs gone from the shop, and lines past the cart's limit,
    are dropped; prices are revalidated on the next read ("价格已变动" if they moved since the
    guest saw them). Each guest line is claimed by deleting it, so a repeated or concurrent
    login merges it once."""
    from core.catalog.inventory import sku_snapshot

    guest = guest_cart(shop_id, token)
    rows = await GuestCartItem.filter(**guest.keys).order_by("id")
    report = MergeReport()
    if not rows:
        return report
    snapshot = await sku_snapshot(shop_id, [row.sku_id for row in rows])
    try:
        async with in_transaction():
            for row in rows:
                if not await GuestCartItem.filter(id=row.id).delete():
                    continue  # merged by a concurrent login
                if row.sku_id not in snapshot:
                    report.dropped.append({"sku_id": row.sku_id, "code": "unavailable"})
                    continue
                existing = await CartItem.get_or_none(shop_id=shop_id, customer_id=customer_id, sku_id=row.sku_id)
                if existing is not None:
                    total = existing.quantity + row.quantity
                    await CartItem.filter(id=existing.id).update(quantity=min(total, MAX_QUANTITY))
                elif await CartItem.filter(shop_id=shop_id, customer_id=customer_id).count() >= MAX_LINES:
                    report.dropped.append({"sku_id": row.sku_id, "code": "cart_full"})
                    continue
                else:
                    total = row.quantity
                    await CartItem.create(
                        shop_id=shop_id, customer_id=customer_id, sku_id=row.sku_id, quantity=min(total, MAX_QUANTITY), seen_price_fen=row.seen_price_fen
                    )
                report.merged.append({"sku_id": row.sku_id, "quantity": min(total, MAX_QUANTITY), "capped": total > MAX_QUANTITY})
    except IntegrityError:  # the customer added the same SKU at this very moment
        raise Conflict(field="cart", reason={"zh-CN": "购物车正在更新，请重试", "en": "the cart changed meanwhile; retry"}) from None
    return report


async def merge_on_login(shop_id: int, customer_id: int, token: str | None) -> None:
    """Login's merge: a missing or malformed token, or a cart changing at that very moment,
    never fails a login (``POST /api/shop/cart/merge`` reports those)."""
    if not token or not DEVICE_TOKEN_PATTERN.match(token):
        return
    try:
        await merge_guest_cart(shop_id, customer_id, token)
    except Conflict:
        pass
