"""Read shapes built from rows: what staff and customers see of activities and groups."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import datetime

from litestar.response import ServerSentEventMessage

from plugins.group_buy import services
from plugins.group_buy.models import GroupBuyActivity, GroupBuyEvent, GroupBuyGroup, GroupBuyMember, GroupStatus, MemberStatus
from plugins.group_buy.schemas import (
    ActivityRead,
    ActivitySkuRead,
    AdminGroupRead,
    AdminMemberRead,
    GroupRead,
    GroupSummary,
    MemberRead,
    ShopActivityDetail,
    ShopActivityRead,
    ShopSkuRead,
)


def masked(nickname: str) -> str:
    """Share pages show other customers as "张*", never their full name."""
    return f"{nickname[0]}*" if nickname else "拼友"


async def activity_read(activity: GroupBuyActivity) -> ActivityRead:
    skus = await services.activity_skus(activity.id)
    return ActivityRead(
        **{name: getattr(activity, name) for name in ActivityRead.model_fields if name != "skus"},
        skus=[ActivitySkuRead(sku_id=sku.sku_id, prices_fen=sku.prices_fen) for sku in skus],  # type: ignore[arg-type]
    )


async def _shop_activity(activity: GroupBuyActivity) -> tuple[dict, list[ShopSkuRead]]:
    from core.catalog.inventory import sku_snapshot

    rows = await services.activity_skus(activity.id)
    snapshot = await sku_snapshot(activity.shop_id, [row.sku_id for row in rows])  # type: ignore[attr-defined]
    skus = [
        ShopSkuRead(
            sku_id=row.sku_id,
            spec_text=snapshot[row.sku_id].spec_text,
            price_fen=snapshot[row.sku_id].price_fen,
            prices_fen=row.prices_fen,  # type: ignore[arg-type]
            sellable=snapshot[row.sku_id].sellable,
        )
        for row in rows
        if row.sku_id in snapshot
    ]
    first = snapshot[skus[0].sku_id] if skus else None
    base = {
        "id": activity.id,
        "name": activity.name,
        "product_id": activity.product_id,
        "title": first.title if first else activity.name,
        "image": first.image if first else "",
        "price_fen": min((sku.price_fen for sku in skus), default=0),
        "group_price_fen": min((price for sku in skus for price in sku.prices_fen.values()), default=0),
        "sizes": activity.sizes,
        "window_hours": activity.window_hours,
        "ends_at": activity.ends_at,
        "leader_discount_fen": activity.leader_discount_fen,
    }
    return base, skus


async def shop_activity_read(activity: GroupBuyActivity) -> ShopActivityRead:
    base, _ = await _shop_activity(activity)
    return ShopActivityRead(**base)


async def shop_activity_detail(activity: GroupBuyActivity, now: datetime) -> ShopActivityDetail:
    base, skus = await _shop_activity(activity)
    groups = await services.joinable_groups(activity.id, now)
    return ShopActivityDetail(
        **base,
        skus=skus,
        per_customer_limit=activity.per_customer_limit,
        max_units_per_order=activity.max_units_per_order,
        open_groups=[
            GroupSummary(
                id=group.id,
                size=group.size,
                paid_count=group.paid_count,
                remaining=group.size - group.paid_count,
                expires_at=group.expires_at,
                leader_nickname=masked(group.leader.nickname),
                leader_avatar_url=group.leader.avatar_url,
            )
            for group in groups
        ],
    )


async def group_read(group: GroupBuyGroup, viewer_id: int | None, now: datetime) -> GroupRead:
    activity = await GroupBuyActivity.get(id=group.activity_id)  # type: ignore[attr-defined]
    base, _ = await _shop_activity(activity)
    members = await GroupBuyMember.filter(group_id=group.id).prefetch_related("customer").order_by("-is_leader", "id")
    live = [member for member in members if member.status in (MemberStatus.RESERVED, MemberStatus.PAID)]
    return GroupRead(
        id=group.id,
        activity_id=activity.id,
        activity_name=activity.name,
        product_id=activity.product_id,
        title=base["title"],
        image=base["image"],
        size=group.size,
        status=group.status,
        paid_count=group.paid_count,
        remaining=max(group.size - group.paid_count, 0) if group.status != GroupStatus.COMPLETED else 0,
        expires_at=group.expires_at,
        virtual_fill=group.virtual_fill,
        joinable=group.status == GroupStatus.OPEN and group.expires_at > now and group.reserved_count < group.size,
        is_member=viewer_id is not None and any(member.customer_id == viewer_id for member in live),  # type: ignore[attr-defined]
        members=[
            MemberRead(
                nickname=masked(member.customer.nickname),
                avatar_url=member.customer.avatar_url,
                is_leader=member.is_leader,
                paid=member.status == MemberStatus.PAID,
            )
            for member in live
            if member.status == MemberStatus.PAID
        ],
    )


async def admin_group_read(group: GroupBuyGroup) -> AdminGroupRead:
    members = await GroupBuyMember.filter(group_id=group.id).prefetch_related("customer").order_by("id")
    return AdminGroupRead(
        id=group.id,
        activity_id=group.activity_id,  # type: ignore[attr-defined]
        leader_id=group.leader_id,  # type: ignore[attr-defined]
        size=group.size,
        status=group.status,
        reserved_count=group.reserved_count,
        paid_count=group.paid_count,
        virtual_fill=group.virtual_fill,
        expires_at=group.expires_at,
        settled_at=group.settled_at,
        created_at=group.created_at,
        members=[
            AdminMemberRead(
                id=member.id,
                customer_id=member.customer_id,  # type: ignore[attr-defined]
                nickname=member.customer.nickname,
                order_id=member.order_id,
                sku_id=member.sku_id,
                is_leader=member.is_leader,
                status=member.status,
                counted=member.counted,
                paid_at=member.paid_at,
                created_at=member.created_at,
            )
            for member in members
        ],
    )


FINAL_EVENTS = frozenset({"completed", "failed", "cancelled"})


async def group_events(group_id: int, last_seen: int = 0, *, poll_s: float = 1.0, max_s: float = 300.0) -> AsyncIterator[ServerSentEventMessage]:
    """Server-sent events of a group (opened, joined, completed, failed, refunded…), read from
    its event log, so any app instance serves any subscriber; ends once the group is closed."""
    deadline = time.monotonic() + max_s
    while True:
        rows = await GroupBuyEvent.filter(group_id=group_id, id__gt=last_seen).order_by("id")
        for row in rows:
            last_seen = row.id
            payload = {"group_id": group_id, "kind": row.kind, "at": row.created_at.isoformat(), **{k: v for k, v in row.data.items() if k != "customer_id"}}  # type: ignore[union-attr]
            yield ServerSentEventMessage(data=json.dumps(payload), event="group", id=row.id)
        if any(row.kind in FINAL_EVENTS for row in rows) or time.monotonic() >= deadline:
            return
        await asyncio.sleep(poll_s)
