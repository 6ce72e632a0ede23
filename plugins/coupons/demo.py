"""Coupons' part of the demo shop's past month (``kaidian_on_demo_history``). Each new customer
already received the new-customer gift when they joined; about half also claim the claim
centre's coupons a little later. Checkout then applies the best coupon a customer holds, so the
demo's orders use them as real ones would."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from core import clock

OWNER = "coupons"
CLAIMING = 0.5


def plan(history: Any) -> None:
    rng = history.rng(OWNER)
    for customer in history.customers:
        if rng.random() < CLAIMING:
            history.at(customer.joined_at + timedelta(minutes=rng.uniform(1, 30)), claim(history, customer.id), owner=OWNER)


def claim(history: Any, customer_id: int) -> Any:
    async def step() -> None:
        from plugins.coupons import services

        for template in await services.claim_centre(history.shop_id, clock.now()):
            await services.claim(history.shop_id, template.id, customer_id, clock.now())

    return step
