"""Birthday coupons: a scheduled job gives each customer whose birthday it is (in the
business time zone) the coupon of their tier — once per calendar year, which a unique
constraint on (customer, year) guarantees however often the job runs.

Soft dependency on the coupons plugin: without it installed and enabled for the shop the job
gives nothing, and everything else in membership works as before.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core.accounts.models import Customer
from core.errors import Conflict
from plugins.membership import services
from plugins.membership.manifest import manifest
from plugins.membership.models import BirthdayGift, MemberAccount, MembershipTier

logger = logging.getLogger("kaidian.membership.birthdays")
COUPONS = "coupons"


def birthday_matches(birthday: date, today: date) -> bool:
    """Is it this birthday today? 29 February is celebrated on 28 February in other years."""
    if (birthday.month, birthday.day) == (today.month, today.day):
        return True
    if (birthday.month, birthday.day) == (2, 29) and (today.month, today.day) == (2, 28):
        try:
            today.replace(day=29)
        except ValueError:
            return True
    return False


async def _give(shop_id: int, customer_id: int, template_id: int, year: int, now: datetime) -> bool:
    """Give one birthday coupon; False when this year's was given already or it cannot be."""
    from plugins.coupons.models import CouponSource, CouponTemplate
    from plugins.coupons.services import issue

    template = await CouponTemplate.get_or_none(id=template_id, shop_id=shop_id)
    if template is None:
        logger.warning("birthday coupon template %s of shop %s is gone", template_id, shop_id)
        return False
    try:
        async with in_transaction():
            gift = await BirthdayGift.create(shop_id=shop_id, customer_id=customer_id, year=year, template_id=template_id)
            coupon = await issue(template, customer_id, CouponSource.GRANT, now)
            await BirthdayGift.filter(id=gift.id).update(coupon_id=coupon.id)
    except IntegrityError:
        return False  # given already this year
    except Conflict as exc:  # sold out, stopped, over the limit: tried again on the next run
        logger.warning("birthday coupon for customer %s not given: %s", customer_id, exc.params.get("reason"))
        return False
    return True


async def give_birthday_coupons(host: Any, today: date, now: datetime) -> int:
    """Give today's birthday coupons in every shop that offers one; returns how many."""
    shop_ids = sorted(set(await MembershipTier.filter(birthday_template_id__isnull=False).values_list("shop_id", flat=True)))
    given = 0
    for shop_id in shop_ids:
        enabled = await host.enabled_for_shop(shop_id)
        if manifest.name not in enabled or COUPONS not in enabled:
            continue
        tiers = await services.list_tiers(shop_id)
        born = await Customer.filter(shop_id=shop_id, birthday__isnull=False).values_list("id", "birthday")
        celebrating = [customer_id for customer_id, birthday in born if birthday_matches(birthday, today)]
        if not celebrating:
            continue
        growth = dict(await MemberAccount.filter(shop_id=shop_id, customer_id__in=celebrating).values_list("customer_id", "growth"))
        for customer_id in celebrating:
            tier = services.tier_for(tiers, growth.get(customer_id, 0))
            if tier is not None and tier.birthday_template_id:
                given += await _give(shop_id, customer_id, tier.birthday_template_id, today.year, now)
    return given


async def birthday_job(ctx: Any) -> None:
    """The scheduled job: today is the business time zone's calendar day."""
    app = ctx.app
    now = datetime.now(ZoneInfo(app.state.settings.business_timezone))
    given = await give_birthday_coupons(app.state.host, now.date(), now)
    if given:
        logger.info("gave %s birthday coupons", given)
