"""Daily sign-in: once per business day however many taps race, and a streak that grows the
points up to the shop's cap."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from plugins.points.models import PointsEntry, SignIn
from plugins.points.tests.conftest import balance, set_points_settings


async def test_sign_in_once_a_day_with_a_growing_streak(kaidian_client, shop):
    state = (await kaidian_client.get("/api/shop/points/sign-in", headers=shop.customer)).json()
    assert state["signed_today"] is False and state["streak"] == 0 and state["points_today"] == 5
    signed = await kaidian_client.post("/api/shop/points/sign-in", headers=shop.customer)
    assert signed.status_code == 201, signed.text
    assert signed.json()["signed_today"] is True and signed.json()["streak"] == 1 and signed.json()["points_today"] == 5
    again = await kaidian_client.post("/api/shop/points/sign-in", headers={**shop.customer, "Accept-Language": "en"})
    assert again.status_code == 409 and again.json()["message"] == "already signed in today"
    assert (await balance(kaidian_client, shop.customer))["balance"] == 5

    # Pretend the streak began 8 days ago: today is day 9, the bonus stops growing at day 7.
    row = await SignIn.get(customer_id=shop.customer_id)
    await PointsEntry.filter(customer_id=shop.customer_id).delete()
    await SignIn.filter(id=row.id).update(day=row.day - timedelta(days=1), streak=8)
    from plugins.points.models import PointsAccount

    await PointsAccount.filter(customer_id=shop.customer_id).update(balance=0)
    state = (await kaidian_client.get("/api/shop/points/sign-in", headers=shop.customer)).json()
    assert (state["signed_today"], state["streak"], state["points_today"]) == (False, 8, 5 + 6)
    signed = (await kaidian_client.post("/api/shop/points/sign-in", headers=shop.customer)).json()
    assert (signed["streak"], signed["points_today"]) == (9, 11)


async def test_twenty_racing_sign_ins_make_one(kaidian_client, shop):
    responses = await asyncio.gather(*(kaidian_client.post("/api/shop/points/sign-in", headers=shop.customer) for _ in range(20)))
    assert sorted(r.status_code for r in responses) == [201] + [409] * 19, [r.text for r in responses if r.status_code >= 500]
    assert await SignIn.filter(customer_id=shop.customer_id).count() == 1
    assert await PointsEntry.filter(customer_id=shop.customer_id).count() == 1
    assert (await balance(kaidian_client, shop.customer))["balance"] == 5


async def test_a_shop_can_switch_sign_in_off(kaidian_client, shop):
    await set_points_settings(kaidian_client, shop.owner, sign_in_points=0)
    response = await kaidian_client.post("/api/shop/points/sign-in", headers=shop.customer)
    assert response.status_code == 409 and response.json()["message"] == "本店未开启签到"
