"""Membership without the coupons plugin installed at all: tiers, growth, benefits and the
birthday job all work; only a birthday coupon cannot be configured."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from core.accounts.models import Customer
from core.pricing.pipeline import price
from core.pricing.types import PricingContext, PricingLine
from core.testing import make_shop
from plugins.membership import services
from plugins.membership.birthdays import give_birthday_coupons
from plugins.membership.models import MembershipTier
from plugins.membership.tests.conftest import TIERS, tier_body


@pytest.fixture
async def without_coupons(kaidian_client_for, kaidian_settings):
    settings = kaidian_settings.model_copy(update={"disabled_plugins": ["coupons"]})
    async with kaidian_client_for(settings=settings) as client:
        yield client


async def test_membership_works_when_coupons_is_not_installed(without_coupons):
    client = without_coupons
    assert "coupons" not in client.app.state.host.plugins
    shop = await make_shop(client)
    refused = await client.post(TIERS, json=tier_body(birthday_template_id=1), headers=shop.owner)
    assert refused.status_code == 422 and refused.json()["field"] == "birthday_template_id"
    assert (await client.post(TIERS, json=tier_body(threshold=0, free_shipping=True), headers=shop.owner)).status_code == 201
    context = PricingContext(shop_id=shop.shop_id, customer_id=shop.customer_id, lines=(PricingLine(1, 1, 10000),), now=datetime.now(UTC), shipping_fen=600)
    assert (await price(client.app.state.host, context)).total_fen == 9500
    await Customer.filter(id=shop.customer_id).update(birthday=date(1990, 6, 15))
    # a tier configured while coupons was still installed: the job skips the shop quietly
    await MembershipTier.filter(shop_id=shop.shop_id).update(birthday_template_id=424242)
    assert await give_birthday_coupons(client.app.state.host, date(2026, 6, 15), datetime.now(UTC)) == 0
    assert (await client.get("/api/shop/membership/me", headers=shop.customer)).json()["tier"]["name"] == "银卡"
    assert await services.growth_of(shop.shop_id, shop.customer_id) == 0
