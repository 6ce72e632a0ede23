"""Share rewards: a new customer who registers through a share code and completes a first paid
order earns the sharer points once the refund window has passed — never for a self-referral,
never twice for one invitee, never for someone who already was a customer, and not when that
order is refunded within the window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.trade import timers
from core.trade.models import Timer, TimerStatus
from plugins.points.earning import SHARE_REWARD_TIMER
from plugins.points.models import PointsEntry, Referral, ReferralStatus
from plugins.points.tests.conftest import balance, login, pay, place, refund, set_points_settings
from tests.trade.helpers import make_sku


async def _code(client, headers) -> str:
    response = await client.get("/api/shop/points/share", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["share_code"]


async def _run_timers(client, days: int) -> None:
    await timers.run_due_timers(client.app.state.host, client.app.state.settings, now=datetime.now(UTC) + timedelta(days=days))


async def _share_points(customer_id: int) -> int:
    return sum(await PointsEntry.filter(customer_id=customer_id, source="share").values_list("points", flat=True))


async def test_the_sharer_is_rewarded_after_the_refund_window(kaidian_client, shop):
    await set_points_settings(kaidian_client, shop.owner, earn_points_per_yuan=0, share_reward_points=200, share_reward_after_days=7)
    code = await _code(kaidian_client, shop.customer)
    assert len(code) == 8 and code == await _code(kaidian_client, shop.customer)  # stable
    invitee, invitee_id = await login(kaidian_client, shop.shop_id, share_code=code.lower())  # codes are case-blind
    referral = await Referral.get(invitee_id=invitee_id)
    assert referral.inviter_id == shop.customer_id and referral.status == ReferralStatus.REGISTERED

    sku = await make_sku(shop.shop_id, price_fen=5000)
    first = await pay(kaidian_client, invitee, await place(kaidian_client, invitee, sku.id))
    referral = await Referral.get(invitee_id=invitee_id)
    assert referral.status == ReferralStatus.PENDING and referral.order_id == first["id"]
    await _run_timers(kaidian_client, 6)  # still inside the window
    assert await _share_points(shop.customer_id) == 0
    await _run_timers(kaidian_client, 8)
    assert await _share_points(shop.customer_id) == 200
    assert (await Referral.get(id=referral.id)).status == ReferralStatus.REWARDED
    share = (await kaidian_client.get("/api/shop/points/share", headers=shop.customer)).json()
    assert (share["invited"], share["rewarded"], share["pending"]) == (1, 1, 0)

    # a second paid order of the same invitee never rewards again
    await pay(kaidian_client, invitee, await place(kaidian_client, invitee, sku.id))
    await _run_timers(kaidian_client, 30)
    assert await _share_points(shop.customer_id) == 200
    assert (await balance(kaidian_client, shop.customer))["balance"] == 200


async def test_a_refund_inside_the_window_cancels_the_reward(kaidian_client, shop):
    code = await _code(kaidian_client, shop.customer)
    invitee, invitee_id = await login(kaidian_client, shop.shop_id, share_code=code)
    sku = await make_sku(shop.shop_id, price_fen=5000)
    order = await pay(kaidian_client, invitee, await place(kaidian_client, invitee, sku.id, 2))
    referral = await Referral.get(invitee_id=invitee_id)
    await refund(kaidian_client, shop.owner, order, 1)  # even a partial one
    assert (await Referral.get(id=referral.id)).status == ReferralStatus.CANCELLED
    assert not await Timer.filter(kind=SHARE_REWARD_TIMER, target_id=referral.id, status=TimerStatus.PENDING).exists()
    await _run_timers(kaidian_client, 30)
    assert await _share_points(shop.customer_id) == 0


async def test_the_timer_itself_rechecks_the_order(kaidian_client, shop):
    """Had the refund notification been lost, the timer still refuses to reward a refunded order."""
    from core.trade.models import Order

    code = await _code(kaidian_client, shop.customer)
    invitee, invitee_id = await login(kaidian_client, shop.shop_id, share_code=code)
    sku = await make_sku(shop.shop_id, price_fen=5000)
    order = await pay(kaidian_client, invitee, await place(kaidian_client, invitee, sku.id))
    await Order.filter(id=order["id"]).update(refunded_fen=100)
    await _run_timers(kaidian_client, 30)
    assert (await Referral.get(invitee_id=invitee_id)).status == ReferralStatus.CANCELLED
    assert await _share_points(shop.customer_id) == 0


async def test_no_self_referral_no_existing_customer_no_second_inviter(kaidian_client, two_shops):
    a, b = two_shops
    code = await _code(kaidian_client, a.customer)
    # an existing customer logging in again through a share link is nobody's invitee
    await login(kaidian_client, a.shop_id, user="returning", share_code=None)
    _, returning_id = await login(kaidian_client, a.shop_id, user="returning", share_code=code)
    assert not await Referral.filter(invitee_id=returning_id).exists()
    # the sharer's own code: the sharer already exists, and a code never refers its owner
    await login(kaidian_client, a.shop_id, user="self", share_code=None)
    self_headers, self_id = await login(kaidian_client, a.shop_id, user="self")
    own = await _code(kaidian_client, self_headers)
    from plugins.points.earning import record_referral

    assert await record_referral(a.shop_id, self_id, own) is None
    # one inviter per invitee: a second code cannot take the invitee over
    _, invitee_id = await login(kaidian_client, a.shop_id, share_code=code)
    assert await record_referral(a.shop_id, invitee_id, own) is None
    assert await Referral.filter(invitee_id=invitee_id).count() == 1
    # another shop's code means nothing here, unknown codes are ignored, bad ones are 4xx
    _, other_id = await login(kaidian_client, b.shop_id, share_code=code)
    _, unknown_id = await login(kaidian_client, a.shop_id, share_code="ZZZZZZZZ")
    assert not await Referral.filter(invitee_id__in=[other_id, unknown_id]).exists()
    _, empty_id = await login(kaidian_client, a.shop_id, share_code="")  # a link without a code still logs in
    assert not await Referral.filter(invitee_id=empty_id).exists()
    bad = await kaidian_client.post("/api/shop/auth/login", json={"shop_id": a.shop_id, "code": "sandbox:x", "share_code": "<script>"})
    assert bad.status_code in (400, 422) and "share_code" in bad.text
