"""Membership tiers (per shop), each customer's growth (an immutable ledger plus the balance it
adds up to), tier changes (the upgrade announcements) and birthday gifts (once a year)."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


# A tier a customer reaches at ``threshold`` growth. Levels and thresholds rise together
# (checked on every write), so the tier of a growth value is the highest threshold reached.
class MembershipTier(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="membership_tiers", on_delete=fields.CASCADE)
    level = fields.IntField()
    name = fields.CharField(max_length=20)
    threshold = fields.IntField()
    discount_percent = fields.IntField(null=True)  # percent off goods; None for no discount
    free_shipping = fields.BooleanField(default=False)
    # A coupons-plugin template (no foreign key: membership works without the coupons plugin).
    birthday_template_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "membership_tier"
        unique_together = (("shop", "level"), ("shop", "threshold"))


class GrowthKind(StrEnum):
    EARN = "earn"  # paid for an order
    REVERSE = "reverse"  # taken back for a refund of it


# The growth ledger: rows are only ever inserted. ``dedupe_key`` makes each payment and each
# refund count once however often its notification arrives.
class GrowthEntry(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="growth_entries", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="growth_entries", on_delete=fields.CASCADE)
    kind = fields.CharEnumField(GrowthKind, max_length=16)
    amount = fields.IntField()  # signed: earn > 0, reverse < 0
    basis_fen = fields.IntField(default=0)  # the paid or refunded amount it was computed from
    order_id = fields.IntField(null=True, db_index=True)
    refund_id = fields.IntField(null=True)
    dedupe_key = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "membership_growth_entry"
        unique_together = (("shop", "dedupe_key"),)


# A customer's growth: the sum of their ledger, moved in the same transaction as each entry.
class MemberAccount(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="member_accounts", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="member_accounts", on_delete=fields.CASCADE)
    growth = fields.IntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "membership_account"
        unique_together = (("shop", "customer"),)


# A customer's tier moved (an upgrade is announced to them until they have seen it).
class TierChange(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="tier_changes", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="tier_changes", on_delete=fields.CASCADE)
    from_tier_id = fields.IntField(null=True)
    to_tier_id = fields.IntField(null=True)
    from_name = fields.CharField(max_length=20, default="")
    to_name = fields.CharField(max_length=20, default="")
    growth = fields.IntField()
    upgrade = fields.BooleanField()
    seen_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "membership_tier_change"


# One birthday coupon per customer per calendar year, enforced by the unique constraint.
class BirthdayGift(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="birthday_gifts", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="birthday_gifts", on_delete=fields.CASCADE)
    year = fields.IntField()
    template_id = fields.IntField()
    coupon_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "membership_birthday_gift"
        unique_together = (("customer", "year"),)
