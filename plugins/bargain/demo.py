"""Bargain's part of the demo shop's past month (``kaidian_on_demo_history``): the earbuds go on
a bargain (three friends cut ¥199 down to ¥99) a week in; two customers get their friends to
cut it to the floor and buy it, and a third, started yesterday, is still being cut."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from core import clock

OWNER = "bargain"
PRODUCT_INDEX = 1  # the earbuds, in core.demo's product order
HELPERS = 3


def plan(history: Any) -> None:
    if len(history.product_ids) <= PRODUCT_INDEX or len(history.customers) < HELPERS + 2:
        return
    rng = history.rng(OWNER)
    state: dict[str, Any] = {}
    history.at(history.start + timedelta(days=6), create_activity(history, state), owner=OWNER)
    for days_before_end, cuts, buys in ((17, HELPERS, True), (8, HELPERS, True), (1, HELPERS - 1, False)):
        moment = history.end - timedelta(days=days_before_end, hours=rng.uniform(0, 6))
        history.at(moment, start(history, state, random.Random(rng.random()), cuts=cuts, buys=buys), owner=OWNER)


def create_activity(history: Any, state: dict[str, Any]) -> Any:
    async def step() -> None:
        from core.catalog.models import Sku
        from plugins.bargain import activities

        product_id = history.product_ids[PRODUCT_INDEX]
        sku_id, price_fen = (await Sku.filter(shop_id=history.shop_id, product_id=product_id).order_by("id").values_list("id", "price_fen"))[0]
        activity = await activities.create_activity(
            history.shop_id,
            {
                "name": "耳机砍到半价",
                "sku_id": sku_id,
                "start_price_fen": price_fen,
                "floor_price_fen": price_fen // 2,
                "helpers_needed": HELPERS,
                "helpers_min": HELPERS,
                "duration_minutes": 48 * 60,
                "starts_at": clock.now(),
                "ends_at": history.end + timedelta(days=30),
            },
        )
        state["activity_id"] = activity.id

    return step


def start(history: Any, state: dict[str, Any], rng: random.Random, *, cuts: int, buys: bool) -> Any:
    async def step() -> None:
        from plugins.bargain import services

        if "activity_id" not in state:
            return
        # A friend helps once per activity: each bargain finds friends who have not helped yet.
        free = [customer for customer in history.customers_joined_by(clock.now()) if customer.id not in state.setdefault("taken", set())]
        if len(free) < 1 + cuts:
            return
        starter, *helpers = rng.sample(free, 1 + cuts)
        state["taken"].update(customer.id for customer in (starter, *helpers))
        bargain = await services.start(history.shop_id, state["activity_id"], starter.id, clock.now())
        moment = clock.now()
        for helper in helpers:
            moment += timedelta(minutes=rng.uniform(5, 180))
            history.at(moment, cut(history, bargain.id, helper), owner=OWNER)
        if buys:
            history.at(moment + timedelta(minutes=rng.uniform(5, 60)), buy(history, state, bargain.id, starter, rng), owner=OWNER)

    return step


def cut(history: Any, bargain_id: int, helper: Any) -> Any:
    async def step() -> None:
        from plugins.bargain import services

        salt = history.settings.secret_key
        await services.cut(
            history.shop_id,
            bargain_id,
            services.Helper(
                customer_id=helper.id,
                device_hash=services.salted_hash(salt, history.shop_id, "device", helper.device_id),
                ip_hash=services.salted_hash(salt, history.shop_id, "ip", f"demo-ip-{helper.id}"),
                timezone=history.settings.business_timezone,
            ),
            clock.now(),
        )

    return step


def buy(history: Any, state: dict[str, Any], bargain_id: int, starter: Any, rng: random.Random) -> Any:
    async def step() -> None:
        from plugins.bargain.models import BargainActivity

        sku_id = (await BargainActivity.get(id=state["activity_id"])).sku_id
        order = await history.place_order(starter, [(sku_id, 1)], inputs={OWNER: {"bargain_id": bargain_id}})
        await history.pay(order)
        history.at(clock.now() + timedelta(hours=rng.uniform(3, 20)), lambda: history.ship(order.id, rng), owner=OWNER)

    return step

