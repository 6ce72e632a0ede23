"""Bargain activities (what a merchant offers), bargains (one customer's attempt), the cuts
helpers made, and the counters that enforce the per-customer, per-device and per-IP limits."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class ActivityStatus(StrEnum):
    ACTIVE = "active"
    STOPPED = "stopped"


class BargainStatus(StrEnum):
    IN_PROGRESS = "in_progress"  # helpers are cutting
    SUCCEEDED = "succeeded"  # reached the floor: buyable at the floor price
    EXPIRED = "expired"  # time ran out first: buyable at the current price if the activity allows
    ORDERED = "ordered"  # held by an order awaiting payment
    PURCHASED = "purchased"  # paid: bought once, never again


# A merchant's 砍价 offer for one SKU. Prices and the helper count are fixed once created, so
# every bargain started from it keeps the plan it was promised.
class BargainActivity(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="bargain_activities", on_delete=fields.CASCADE)
    name = fields.CharField(max_length=60)
    product_id = fields.IntField()
    sku_id = fields.IntField()
    start_price_fen = fields.BigIntField()
    floor_price_fen = fields.BigIntField()
    helpers_needed = fields.IntField()
    helpers_min = fields.IntField(null=True)
    duration_minutes = fields.IntField()
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    bargains_per_customer = fields.IntField(default=1)
    cuts_per_helper_per_activity = fields.IntField(default=1)
    cuts_per_helper_per_day = fields.IntField(default=1)
    allow_self_cut = fields.BooleanField(default=False)
    min_account_age_hours = fields.IntField(default=0)
    buy_at_current_price = fields.BooleanField(default=False)
    status = fields.CharEnumField(ActivityStatus, max_length=16, default=ActivityStatus.ACTIVE)
    started_count = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "bargain_activity"
        indexes = (("shop_id", "status"),)


# One customer's bargain. ``cut_count`` is the index of the next plan step: a cut moves it by a
# conditional UPDATE, so two racing helpers can never both apply the same step.
class Bargain(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="bargains", on_delete=fields.CASCADE)
    activity = fields.ForeignKeyField("bargain.BargainActivity", related_name="bargains", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="bargains", on_delete=fields.CASCADE)
    seed = fields.CharField(max_length=64)
    plan_version = fields.IntField(default=1)
    cuts_needed = fields.IntField()
    start_price_fen = fields.BigIntField()
    floor_price_fen = fields.BigIntField()
    current_price_fen = fields.BigIntField()
    cut_count = fields.IntField(default=0)
    status = fields.CharEnumField(BargainStatus, max_length=16, default=BargainStatus.IN_PROGRESS)
    expires_at = fields.DatetimeField()
    order_id = fields.IntField(null=True)
    succeeded_at = fields.DatetimeField(null=True)
    purchased_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "bargain_bargain"
        indexes = (("shop_id", "customer_id"), ("shop_id", "activity_id", "status"))


# One helper's cut: who, when, which plan step, how much, and salted hashes of the device token
# and IP it came from (never the raw values).
class BargainCut(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="bargain_cuts", on_delete=fields.CASCADE)
    bargain = fields.ForeignKeyField("bargain.Bargain", related_name="cuts", on_delete=fields.CASCADE)
    helper = fields.ForeignKeyField("core.Customer", related_name="bargain_cuts", on_delete=fields.CASCADE)
    step = fields.IntField()
    amount_fen = fields.BigIntField()
    price_after_fen = fields.BigIntField()
    device_hash = fields.CharField(max_length=64)
    ip_hash = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "bargain_cut"
        unique_together = (("bargain", "helper"), ("bargain", "step"))


# A usage counter ("starts of activity 3 by customer 9", "cuts from device X on 2026-11-25"),
# moved by a conditional UPDATE inside the cut's transaction, so concurrent requests cannot pass
# a limit together and a refused cut uses nothing.
class BargainQuota(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="bargain_quotas", on_delete=fields.CASCADE)
    key = fields.CharField(max_length=120)
    used = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "bargain_quota"
        unique_together = (("shop", "key"),)
