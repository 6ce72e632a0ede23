"""Birthday coupons: the daily job gives each customer whose birthday it is the coupon of
their tier, exactly once a year however often it runs; nothing without the coupons plugin."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from types import SimpleNamespace

from core.accounts.models import Customer
from core.testing import customer_login, unique
from plugins.coupons.models import Coupon, CouponSource
from plugins.coupons.tests.conftest import template_body
from plugins.membership import services
from plugins.membership.birthdays import birthday_job, birthday_matches, give_birthday_coupons
from plugins.membership.models import BirthdayGift
from plugins.membership.tests.conftest import tier_body

TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 2, tzinfo=UTC)


async def _programme(client, shop) -> dict:
    template = await client.post(
        "/api/admin/coupons/templates", json=template_body(name="生日券", claimable=False, per_customer_limit=10, validity="after_claim", valid_days=7, valid_from=None, valid_until=None), headers=shop.owner
    )
    assert template.status_code == 201, template.text
    tier = await client.post("/api/admin/membership/tiers", json=tier_body(threshold=0, birthday_template_id=template.json()["id"]), headers=shop.owner)
    assert tier.status_code == 201, tier.text
    return template.json()


def test_leap_day_birthdays_are_celebrated_on_28_february_in_other_years():
    assert birthday_matches(date(1990, 6, 15), TODAY)
    assert not birthday_matches(date(1990, 6, 16), TODAY)
    assert birthday_matches(date(2000, 2, 29), date(2027, 2, 28))
    assert not birthday_matches(date(2000, 2, 29), date(2028, 2, 28))
    assert birthday_matches(date(2000, 2, 29), date(2028, 2, 29))


async def test_a_birthday_coupon_is_given_once_a_year_however_often_the_job_runs(kaidian_client, shop):
    template = await _programme(kaidian_client, shop)
    host = kaidian_client.app.state.host
    await Customer.filter(id=shop.customer_id).update(birthday=date(1990, 6, 15))
    _, other = await customer_login(kaidian_client, shop.shop_id, unique("other"))
    await Customer.filter(id=other).update(birthday=date(1990, 6, 16))

    results = await asyncio.gather(*(give_birthday_coupons(host, TODAY, NOW) for _ in range(5)))
    assert sum(results) == 1
    assert await give_birthday_coupons(host, TODAY, NOW) == 0
    coupons = await Coupon.filter(template_id=template["id"]).values_list("customer_id", "source")
    assert coupons == [(shop.customer_id, CouponSource.GRANT)]
    gift = await BirthdayGift.get(customer_id=shop.customer_id)
    assert (gift.year, gift.template_id) == (2026, template["id"]) and gift.coupon_id is not None
    # next year, again once
    assert await give_birthday_coupons(host, date(2027, 6, 15), NOW.replace(year=2027)) == 1
    assert await Coupon.filter(template_id=template["id"]).count() == 2


async def test_only_tiers_with_a_birthday_coupon_and_shops_with_coupons_enabled_give_one(kaidian_client, two_shops):
    a, b = two_shops
    await _programme(kaidian_client, a)
    await _programme(kaidian_client, b)
    for shop in (a, b):
        await Customer.filter(id=shop.customer_id).update(birthday=date(1990, 6, 15))
    # A's customer is below the only tier with a birthday coupon
    tiers = await services.list_tiers(a.shop_id)
    await kaidian_client.patch(f"/api/admin/membership/tiers/{tiers[0].id}", json={"threshold": 50}, headers=a.owner)
    # B turns the coupons plugin off: membership keeps working, the job gives nothing there
    assert (await kaidian_client.put("/api/admin/plugins/coupons", json={"enabled": False}, headers=b.owner)).status_code == 200
    kaidian_client.app.state.host.forget_shop_state(b.shop_id)
    assert await give_birthday_coupons(kaidian_client.app.state.host, TODAY, NOW) == 0
    assert (await kaidian_client.get("/api/shop/membership/me", headers=b.customer)).json()["tier"]["name"] == "银卡"


async def test_the_scheduled_job_is_registered_and_uses_the_business_day(kaidian_client, shop):
    job = kaidian_client.app.state.registries.jobs["membership.birthday_coupons"]
    assert job.every_seconds == 3600
    await _programme(kaidian_client, shop)
    today = datetime.now(UTC).astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai")).date()
    await Customer.filter(id=shop.customer_id).update(birthday=today.replace(year=1990) if (today.month, today.day) != (2, 29) else date(1992, 2, 29))
    await birthday_job(SimpleNamespace(app=kaidian_client.app, job=job))
    assert await BirthdayGift.filter(customer_id=shop.customer_id, year=today.year).count() == 1
