"""What the routes show and do beyond earning and redeeming: balances, ledger pages, staff
adjustments, share statistics, the points mall and the redemption preview."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.accounts.models import Customer
from core.errors import Conflict, InvalidInput, NotFound
from plugins.points import ledger
from plugins.points.models import EntryKind, EntrySource, PointsEntry, Referral, ReferralStatus
from plugins.points.redeem import discount_for, max_points

MAX_PAGE = 100


async def balance_view(shop_id: int, customer_id: int, now: datetime) -> dict[str, Any]:
    settings = await ledger.shop_settings(shop_id)
    current = await ledger.balance_of(shop_id, customer_id)
    return {
        "balance": current.balance,
        "held": current.held,
        "available": current.available,
        "expiring_soon": min((await ledger.expiry(shop_id, customer_id, now)).due_soon, max(current.balance, 0)),
        "redeem_points_per_yuan": settings["redeem_points_per_yuan"],
        "redeem_max_percent": settings["redeem_max_percent"],
    }


async def ledger_page(shop_id: int, customer_id: int, before_id: int | None, limit: int) -> tuple[list[PointsEntry], int | None]:
    """Newest first; ``before_id`` continues after the last entry of the previous page."""
    query = PointsEntry.filter(shop_id=shop_id, customer_id=customer_id)
    if before_id is not None:
        query = query.filter(id__lt=before_id)
    rows = await query.order_by("-id").limit(min(limit, MAX_PAGE) + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].id if more and rows else None)


async def shop_customer(shop_id: int, customer_id: int) -> Customer:
    customer = await Customer.get_or_none(id=customer_id, shop_id=shop_id)
    if customer is None:
        raise NotFound(field="customer_id")
    return customer


async def adjust(shop_id: int, customer_id: int, points: int, reason: str, actor: str, now: datetime) -> PointsEntry:
    """A staff correction with its reason. Taking away more than the customer has available
    (balance less held) is refused: staff adjustments never make a balance negative."""
    await shop_customer(shop_id, customer_id)
    if points == 0:
        raise InvalidInput(field="points", reason={"zh-CN": "调整积分不能为0", "en": "the adjustment cannot be 0"})
    settings = await ledger.shop_settings(shop_id)
    async with ledger.locked(shop_id, customer_id) as account:
        available = max(account.balance - account.held, 0)
        if points < 0 and -points > available:
            raise Conflict(
                field="points",
                reason={"zh-CN": f"可扣减积分不足，当前可用{available}", "en": f"only {available} points available to take away"},
            )
        entry = await ledger.write(
            shop_id, customer_id, EntryKind.ADJUST, EntrySource.MANUAL, points, f"adjust:{uuid.uuid4().hex}",
            expires_at=ledger.expiry_of(settings, now), reason=reason, actor=actor,
        )
    assert entry is not None
    return entry


async def share_view(shop_id: int, customer_id: int) -> dict[str, Any]:
    account = await ledger.ensure_account(shop_id, customer_id)
    statuses = await Referral.filter(shop_id=shop_id, inviter_id=customer_id).values_list("status", flat=True)
    settings = await ledger.shop_settings(shop_id)
    return {
        "share_code": account.share_code,
        "invited": len(statuses),
        "rewarded": sum(1 for status in statuses if status == ReferralStatus.REWARDED),
        "pending": sum(1 for status in statuses if status == ReferralStatus.PENDING),
        "reward_points": settings["share_reward_points"],
    }


@dataclass(frozen=True)
class MallItem:
    product_id: int
    title: str
    image: str
    price_fen: int
    max_points: int
    points_discount_fen: int


async def mall(shop_id: int, limit: int, tag: str | None) -> list[MallItem]:
    """On-sale products with the points that may pay part of one unit (the shop's cap)."""
    from core.catalog.inventory import first_image, is_on_sale
    from core.catalog.models import Product, ProductStatus

    settings = await ledger.shop_settings(shop_id)
    if not settings["redeem_max_percent"]:
        return []
    query = Product.filter(shop_id=shop_id, status=ProductStatus.ON_SALE)
    if tag:
        query = query.filter(tag_text__contains=f"|{tag}|")
    rows = await query.order_by("sort", "-id").limit(limit)
    items = []
    for product in rows:
        if not is_on_sale(product.status, product.on_sale_at):
            continue
        most = max_points(product.min_price_fen, settings)
        items.append(MallItem(product.id, product.title, first_image(product.media), product.min_price_fen, most, discount_for(most, settings)))
    return items
