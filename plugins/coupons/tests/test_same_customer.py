"""One customer racing themselves through the claim centre and the new-customer gift: the
per-customer limit holds, and the gift is received once, on every database."""

from __future__ import annotations

from core.testing import race_same_customer
from plugins.coupons.models import ClaimCounter, Coupon


async def test_one_customer_claiming_at_once_gets_the_limit(kaidian_client, shop, make_template):
    template = await make_template(shop, per_customer_limit=2)
    url = f"/api/shop/coupons/templates/{template['id']}/claim"
    outcome = await race_same_customer(lambda: kaidian_client.post(url, headers=shop.customer))
    outcome.assert_winners(2)
    assert {response.json()["message"] for response in outcome.losers} == {"已达到领取上限"}
    assert await Coupon.filter(template_id=template["id"], customer_id=shop.customer_id).count() == 2
    assert (await ClaimCounter.get(template_id=template["id"], customer_id=shop.customer_id)).claimed == 2


async def test_the_new_customer_gift_is_received_once_however_often_it_is_tapped(kaidian_client, shop, make_template):
    # a template a customer may otherwise claim three times: the gift is still one coupon
    template = await make_template(shop, per_customer_limit=3, new_customer_gift=True, claimable=False)
    outcome = await race_same_customer(lambda: kaidian_client.post("/api/shop/coupons/welcome/claim", headers=shop.customer))
    outcome.assert_winners(5)  # each tap answers; all but one receive nothing
    assert sorted(len(response.json()) for response in outcome.responses) == [0, 0, 0, 0, 1]
    assert await Coupon.filter(template_id=template["id"], customer_id=shop.customer_id).count() == 1
