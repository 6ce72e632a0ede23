"""Concurrent helpers: the price never goes below the floor, no plan step is applied twice,
and a helper's racing double-tap counts once. Run on SQLite, MariaDB and PostgreSQL."""

from __future__ import annotations

import asyncio

from core.testing import race_same_customer
from plugins.bargain.models import Bargain, BargainCut, BargainQuota
from plugins.bargain.plan import cut_plan
from plugins.bargain.tests.conftest import cut, loosen, new_helper, start_bargain


async def test_forty_helpers_race_for_ten_steps(client, shop, make_activity):
    await loosen(client, shop)
    activity = await make_activity(shop, helpers_needed=10)
    bargain = await start_bargain(client, shop, activity["id"])
    helpers = [await new_helper(client, shop) for _ in range(40)]
    responses = await asyncio.gather(*(cut(client, bargain["id"], headers) for headers in helpers))
    codes = [response.status_code for response in responses]
    assert codes.count(201) == 10, codes
    assert all(code == 409 for code in codes if code != 201), [r.text for r in responses if r.status_code not in (201, 409)]

    stored = await Bargain.get(id=bargain["id"])
    assert stored.current_price_fen == stored.floor_price_fen == 1000
    assert stored.cut_count == 10 and stored.status == "succeeded"
    cuts = await BargainCut.filter(bargain_id=stored.id).order_by("step")
    assert [c.step for c in cuts] == list(range(10))
    assert [c.amount_fen for c in cuts] == cut_plan(stored.seed, 9000, 10)
    assert sorted(r.json()["amount_fen"] for r in responses if r.status_code == 201) == sorted(c.amount_fen for c in cuts)
    # the refused helpers used none of their quota
    assert await BargainQuota.filter(shop_id=shop.shop_id, key__startswith=f"helper:{activity['id']}:", used=1).count() == 10


async def test_one_helper_tapping_five_times_at_once_cuts_once(client, shop, make_activity):
    await loosen(client, shop)
    activity = await make_activity(shop, helpers_needed=5, cuts_per_helper_per_activity=5, cuts_per_helper_per_day=5)
    bargain = await start_bargain(client, shop, activity["id"])
    friend = await new_helper(client, shop)
    outcome = await race_same_customer(lambda: cut(client, bargain["id"], friend, token="same-phone"))
    outcome.assert_winners(1)
    assert {r.json()["message"] for r in outcome.losers} == {"已经帮砍过了"}
    stored = await Bargain.get(id=bargain["id"])
    assert stored.cut_count == 1 and await BargainCut.filter(bargain_id=stored.id).count() == 1
    quota = await BargainQuota.get(shop_id=shop.shop_id, key=f"helper:{activity['id']}:{(await BargainCut.get(bargain_id=stored.id)).helper_id}")
    assert quota.used == 1


async def test_one_customer_starting_five_times_at_once_starts_once(client, shop, make_activity):
    activity = await make_activity(shop, bargains_per_customer=1)
    outcome = await race_same_customer(lambda: client.post(f"/api/shop/bargain/activities/{activity['id']}/start", headers=shop.customer))
    outcome.assert_winners(1)
    assert await Bargain.filter(activity_id=activity["id"], customer_id=shop.customer_id).count() == 1
