"""Rules for bargain activities: creation with validation, edits, stopping and deletion."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core.errors import Conflict, InvalidInput, NotFound
from core.schemas import settable
from plugins.bargain.models import ActivityStatus, Bargain, BargainActivity

# What a merchant may change once an activity exists. The prices, the SKU and the helper count
# are fixed: bargains already started keep the plan they were promised.
EDITABLE = (
    "name",
    "ends_at",
    "status",
    "bargains_per_customer",
    "cuts_per_helper_per_activity",
    "cuts_per_helper_per_day",
    "allow_self_cut",
    "min_account_age_hours",
    "buy_at_current_price",
)


def invalid(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason={"zh-CN": zh, "en": en})


def check_terms(values: dict[str, Any]) -> None:
    start, floor = values["start_price_fen"], values["floor_price_fen"]
    if floor >= start:
        raise invalid("floor_price_fen", "底价必须低于起始价", "the floor price must be below the start price")
    needed, at_least = values["helpers_needed"], values.get("helpers_min")
    if start - floor < needed:
        raise invalid(
            "helpers_needed",
            f"可砍金额不足以分给{needed}位好友（每刀至少0.01元）",
            f"the price gap cannot give {needed} helpers at least 1 fen each",
        )
    if at_least is not None and at_least > needed:
        raise invalid("helpers_min", "最少帮砍人数不能多于所需人数", "the minimum number of helpers cannot exceed the number needed")
    check_window(values["starts_at"], values["ends_at"])


def check_window(starts_at: datetime, ends_at: datetime) -> None:
    if starts_at >= ends_at:
        raise invalid("ends_at", "结束时间须晚于开始时间", "the end must be after the start")


async def create_activity(shop_id: int, values: dict[str, Any]) -> BargainActivity:
    from core.catalog.inventory import sku_snapshot

    check_terms(values)
    info = (await sku_snapshot(shop_id, [values["sku_id"]])).get(values["sku_id"])
    if info is None:
        raise invalid("sku_id", "商品规格不存在", "no such SKU in this shop")
    return await BargainActivity.create(shop_id=shop_id, product_id=info.product_id, **values)


async def get_activity(shop_id: int, activity_id: int) -> BargainActivity:
    activity = await BargainActivity.get_or_none(id=activity_id, shop_id=shop_id)
    if activity is None:
        raise NotFound(field="activity_id")
    return activity


async def list_activities(shop_id: int, status: ActivityStatus | None = None) -> list[BargainActivity]:
    query = BargainActivity.filter(shop_id=shop_id)
    if status is not None:
        query = query.filter(status=status)
    return await query.order_by("-id")


async def update_activity(shop_id: int, activity_id: int, changes: dict[str, Any]) -> BargainActivity:
    activity = await get_activity(shop_id, activity_id)
    changes = settable(BargainActivity, changes)
    if "ends_at" in changes:
        check_window(activity.starts_at, changes["ends_at"])
    if changes:
        await BargainActivity.filter(id=activity.id).update(**changes)
    await activity.refresh_from_db()
    return activity


async def delete_activity(shop_id: int, activity_id: int) -> None:
    activity = await get_activity(shop_id, activity_id)
    if await Bargain.exists(activity_id=activity.id):
        raise Conflict(
            field="activity_id",
            reason={"zh-CN": "已有顾客发起砍价，不能删除，请停止活动", "en": "customers have started bargains; stop the activity instead"},
        )
    await activity.delete()


def open_problem(activity: BargainActivity, now: datetime) -> dict[str, str] | None:
    """Why a customer may not start a bargain of this activity now, or None."""
    if activity.status != ActivityStatus.ACTIVE:
        return {"zh-CN": "活动已结束", "en": "this activity has ended"}
    if now < activity.starts_at:
        return {"zh-CN": "活动尚未开始", "en": "this activity has not started yet"}
    if now >= activity.ends_at:
        return {"zh-CN": "活动已结束", "en": "this activity has ended"}
    return None
