"""Group buy's part of the demo shop's past month (``kaidian_on_demo_history``): the staff put
the apples on a two-person group a few days in; customers open groups now and then, most are
joined by a friend within the window and ship, some find nobody and expire (the expiry timer
refunds the leader), and the last one is still open for a newcomer to join."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from core import clock

OWNER = "group_buy"
# Of the demo catalogue: the apples (one SKU), in core.demo's product order.
PRODUCT_INDEX = 3
GROUPS = 9
UNFILLED_EVERY = 3  # every third group finds nobody in time


def plan(history: Any) -> None:
    if len(history.product_ids) <= PRODUCT_INDEX or len(history.customers) < 2:
        return
    rng = history.rng(OWNER)
    state: dict[str, Any] = {}
    history.at(history.start + timedelta(days=2, hours=1), create_activity(history, state), owner=OWNER)
    span = (history.end - history.start) - timedelta(days=3)
    for number in range(GROUPS):
        last = number == GROUPS - 1
        # The last opens hours ago, so a group is still open when the demo starts.
        moment = history.end - timedelta(hours=rng.uniform(2, 10)) if last else history.start + timedelta(days=3) + span * ((number + rng.random()) / GROUPS)
        fills = not last and number % UNFILLED_EVERY != 1
        history.at(moment, open_group(history, state, random.Random(rng.random()), fills=fills), owner=OWNER)


def create_activity(history: Any, state: dict[str, Any]) -> Any:
    async def step() -> None:
        from core.catalog.models import Sku
        from plugins.group_buy import services

        product_id = history.product_ids[PRODUCT_INDEX]
        skus = await Sku.filter(shop_id=history.shop_id, product_id=product_id).order_by("id").values_list("id", "price_fen")
        now = clock.now()
        activity = await services.create_activity(
            history.shop_id,
            {
                "name": "苹果两人团",
                "product_id": product_id,
                "sizes": [2],
                "skus": [{"sku_id": sku_id, "prices_fen": {"2": price_fen * 3 // 4}} for sku_id, price_fen in skus],
                "window_hours": 24,
                "starts_at": now,
                "ends_at": history.end + timedelta(days=30),
                "per_customer_limit": 3,
            },
        )
        state["activity_id"], state["sku_id"] = activity.id, skus[0][0]

    return step


def open_group(history: Any, state: dict[str, Any], rng: random.Random, *, fills: bool) -> Any:
    async def step() -> None:
        from plugins.group_buy.models import GroupBuyMember

        if "activity_id" not in state:
            return
        customers = history.customers_joined_by(clock.now())
        leader, friend = rng.sample(customers, 2) if len(customers) >= 2 else (None, None)
        if leader is None:
            return
        order = await history.place_order(leader, [(state["sku_id"], 1)], inputs={OWNER: {"activity_id": state["activity_id"], "size": 2}})
        await history.pay(order)
        group_id = (await GroupBuyMember.get(order_id=order.id)).group_id
        if not fills:
            return  # nobody joins: the group expires at the end of its window (or is still open)
        history.at(clock.now() + timedelta(hours=rng.uniform(1, 20)), join(history, state, group_id, friend, rng), owner=OWNER)

    return step


def join(history: Any, state: dict[str, Any], group_id: int, friend: Any, rng: random.Random) -> Any:
    async def step() -> None:
        order = await history.place_order(friend, [(state["sku_id"], 1)], inputs={OWNER: {"activity_id": state["activity_id"], "group_id": group_id}})
        await history.pay(order)
        # Complete: both parcels leave the next day.
        from plugins.group_buy.models import GroupBuyMember

        members = await GroupBuyMember.filter(group_id=group_id).values_list("order_id", flat=True)
        for order_id in members:
            history.at(clock.now() + timedelta(hours=rng.uniform(4, 20)), lambda order_id=order_id: history.ship(order_id, rng), owner=OWNER)

    return step

