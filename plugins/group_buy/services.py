"""Rules for group-buy activities: creating and changing them with validation, and what
customers see of them (activity list and detail with the groups open to join)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

from core import clock
from core.errors import Conflict, InvalidInput, NotFound
from core.schemas import settable
from core.shops.references import ensure_shop_id
from plugins.group_buy.models import ActivityStatus, GroupBuyActivity, GroupBuyGroup, GroupBuySku, GroupStatus

MAX_GROUP_SIZE = 100


def invalid(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason={"zh-CN": zh, "en": en})


def check_sizes(sizes: list[int]) -> list[int]:
    if any(size < 2 or size > MAX_GROUP_SIZE for size in sizes):
        raise invalid("sizes", f"成团人数须在 2 到 {MAX_GROUP_SIZE} 之间", f"a group size must be between 2 and {MAX_GROUP_SIZE}")
    if sorted(set(sizes)) != sizes:
        raise invalid("sizes", "阶梯人数须从小到大且不重复", "ladder sizes must be increasing and distinct")
    return sizes


async def check_skus(shop_id: int, product_id: int, sizes: list[int], skus: list[dict[str, Any]]) -> None:
    """Every SKU belongs to the product, has a price for every size, never above its normal
    price, and bigger groups never pay more."""
    from core.catalog.models import Product, Sku

    await ensure_shop_id(Product, shop_id, product_id, field="product_id")
    normal = dict(await Sku.filter(shop_id=shop_id, product_id=product_id).values_list("id", "price_fen"))
    seen: set[int] = set()
    for sku in skus:
        sku_id = sku["sku_id"]
        if sku_id not in normal:
            raise invalid("skus.sku_id", f"规格 {sku_id} 不属于该商品", f"SKU {sku_id} is not a SKU of the product")
        if sku_id in seen:
            raise invalid("skus.sku_id", f"规格 {sku_id} 重复", f"SKU {sku_id} is listed twice")
        seen.add(sku_id)
        prices = sku["prices_fen"]
        if sorted(prices) != sorted(str(size) for size in sizes):
            raise invalid("skus.prices_fen", "每个成团人数都需要一个拼团价", "each group size needs a group price")
        ladder = [prices[str(size)] for size in sizes]
        if any(price < 1 for price in ladder):
            raise invalid("skus.prices_fen", "拼团价至少 0.01 元", "a group price must be at least 1 fen")
        if any(price > normal[sku_id] for price in ladder):
            raise invalid("skus.prices_fen", "拼团价不能高于原价", "a group price cannot be above the normal price")
        if any(later > earlier for earlier, later in zip(ladder, ladder[1:])):
            raise invalid("skus.prices_fen", "人数越多价格应越低", "a bigger group cannot pay more")


def check_terms(values: dict[str, Any], lowest_price_fen: int | None) -> None:
    if values["starts_at"] >= values["ends_at"]:
        raise invalid("ends_at", "结束时间须晚于开始时间", "the activity must end after it starts")
    if values["ends_at"] <= clock.now():
        raise invalid("ends_at", "结束时间须在未来", "the activity must end in the future")
    if lowest_price_fen is not None and values.get("leader_discount_fen", 0) >= lowest_price_fen:
        raise invalid("leader_discount_fen", "团长优惠须低于最低拼团价", "the leader discount must be below the lowest group price")


def lowest_price(skus: list[dict[str, Any]]) -> int:
    return min(price for sku in skus for price in sku["prices_fen"].values())


async def create_activity(shop_id: int, values: dict[str, Any]) -> GroupBuyActivity:
    skus = values.pop("skus")
    check_sizes(values["sizes"])
    await check_skus(shop_id, values["product_id"], values["sizes"], skus)
    check_terms(values, lowest_price(skus))
    async with in_transaction():
        activity = await GroupBuyActivity.create(shop_id=shop_id, **values)
        for sku in skus:
            await GroupBuySku.create(shop_id=shop_id, activity_id=activity.id, sku_id=sku["sku_id"], prices_fen=sku["prices_fen"])
    return activity


async def get_activity(shop_id: int, activity_id: int) -> GroupBuyActivity:
    activity = await GroupBuyActivity.get_or_none(id=activity_id, shop_id=shop_id)
    if activity is None:
        raise NotFound(field="activity_id")
    return activity


async def activity_skus(activity_id: int) -> list[GroupBuySku]:
    return await GroupBuySku.filter(activity_id=activity_id).order_by("sku_id")


async def update_activity(shop_id: int, activity_id: int, changes: dict[str, Any]) -> GroupBuyActivity:
    activity = await get_activity(shop_id, activity_id)
    changes = settable(GroupBuyActivity, changes)
    skus = changes.pop("skus", None)
    if skus is not None:
        if await GroupBuyGroup.filter(activity_id=activity.id).exists():
            raise Conflict(field="skus", reason={"zh-CN": "已有拼团，不能再修改价格", "en": "groups exist: the prices can no longer change"})
        await check_skus(shop_id, activity.product_id, activity.sizes, skus)  # type: ignore[arg-type]
    current = skus if skus is not None else [{"sku_id": s.sku_id, "prices_fen": s.prices_fen} for s in await activity_skus(activity.id)]
    merged = {"starts_at": activity.starts_at, "ends_at": activity.ends_at, "leader_discount_fen": activity.leader_discount_fen, **changes}
    if "ends_at" in changes or "leader_discount_fen" in changes:
        check_terms(merged, lowest_price(current))
    async with in_transaction():
        if changes:
            await GroupBuyActivity.filter(id=activity.id).update(**changes)
        if skus is not None:
            await GroupBuySku.filter(activity_id=activity.id).delete()
            for sku in skus:
                await GroupBuySku.create(shop_id=shop_id, activity_id=activity.id, sku_id=sku["sku_id"], prices_fen=sku["prices_fen"])
    await activity.refresh_from_db()
    return activity


async def delete_activity(shop_id: int, activity_id: int) -> None:
    activity = await get_activity(shop_id, activity_id)
    if await GroupBuyGroup.filter(activity_id=activity.id).exists():
        raise Conflict(reason={"zh-CN": "活动已有拼团，请改为停止活动", "en": "the activity has groups: stop it instead"})
    await activity.delete()


async def list_activities(shop_id: int) -> list[GroupBuyActivity]:
    return await GroupBuyActivity.filter(shop_id=shop_id).order_by("-id")


def is_running(activity: GroupBuyActivity, now: datetime) -> bool:
    return activity.status == ActivityStatus.ACTIVE and activity.starts_at <= now < activity.ends_at


async def running_activities(shop_id: int, now: datetime) -> list[GroupBuyActivity]:
    return await GroupBuyActivity.filter(
        shop_id=shop_id, status=ActivityStatus.ACTIVE, starts_at__lte=now, ends_at__gt=now
    ).order_by("ends_at", "id")


async def running_activity(shop_id: int, activity_id: int, now: datetime) -> GroupBuyActivity:
    activity = await get_activity(shop_id, activity_id)
    if not is_running(activity, now):
        raise NotFound(field="activity_id")
    return activity


async def joinable_groups(activity_id: int, now: datetime, limit: int = 10) -> list[GroupBuyGroup]:
    """Open groups of an activity, fullest and soonest-ending first (the "去参团" list)."""
    groups = await GroupBuyGroup.filter(activity_id=activity_id, status=GroupStatus.OPEN, expires_at__gt=now).prefetch_related("leader")
    groups = [group for group in groups if group.reserved_count < group.size]
    return sorted(groups, key=lambda g: (g.size - g.paid_count, g.expires_at, g.id))[:limit]
