"""Group-buy activities (what a merchant offers), groups (one leader's 团 and its members),
the per-customer participation counters that enforce limits, and each group's event log."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class ActivityStatus(StrEnum):
    ACTIVE = "active"
    STOPPED = "stopped"


class GroupStatus(StrEnum):
    PENDING = "pending"  # the leader's order awaits payment; nobody can join yet
    OPEN = "open"  # the leader paid: joinable until full or expired
    COMPLETED = "completed"  # full (or virtually filled): its orders may ship
    FAILED = "failed"  # expired not full: every paid member is refunded
    CANCELLED = "cancelled"  # the leader never paid


class MemberStatus(StrEnum):
    RESERVED = "reserved"  # holds a slot; the order awaits payment
    PAID = "paid"
    CANCELLED = "cancelled"  # the unpaid order was closed: the slot is free again
    REFUNDED = "refunded"


# An activity: which product's SKUs sell at group prices, for which group sizes.
# ``sizes`` is one size (普通团) or a ladder such as [2, 3, 5] (阶梯团): the leader picks one
# when opening, and each SKU has a price per size.
class GroupBuyActivity(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="group_buy_activities", on_delete=fields.CASCADE)
    name = fields.CharField(max_length=60)
    product_id = fields.IntField()
    sizes = fields.JSONField(default=list)
    window_hours = fields.IntField(default=24)
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    per_customer_limit = fields.IntField(default=1)
    max_units_per_order = fields.IntField(default=1)
    # Complete an expiring group anyway when at least this percent of its slots are paid.
    virtual_fill_percent = fields.IntField(null=True)
    leader_discount_fen = fields.IntField(default=0)
    status = fields.CharEnumField(ActivityStatus, max_length=16, default=ActivityStatus.ACTIVE)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "group_buy_activity"
        indexes = (("shop_id", "status", "ends_at"),)


# One SKU of an activity with its group price per size: {"2": 8900, "3": 7900}.
class GroupBuySku(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="group_buy_skus", on_delete=fields.CASCADE)
    activity = fields.ForeignKeyField("group_buy.GroupBuyActivity", related_name="skus", on_delete=fields.CASCADE)
    sku_id = fields.IntField()
    prices_fen = fields.JSONField(default=dict)

    class Meta:
        table = "group_buy_sku"
        unique_together = (("activity", "sku_id"),)


# A group (团). ``reserved_count`` counts members holding a slot (paid or awaiting payment) and
# only moves by conditional UPDATEs (``reserved_count < size``), so no race can seat more than
# ``size`` members; ``paid_count`` likewise never passes ``size``.
class GroupBuyGroup(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="group_buy_groups", on_delete=fields.CASCADE)
    activity = fields.ForeignKeyField("group_buy.GroupBuyActivity", related_name="groups", on_delete=fields.CASCADE)
    leader = fields.ForeignKeyField("core.Customer", related_name="group_buy_groups_led", on_delete=fields.CASCADE)
    size = fields.IntField()
    status = fields.CharEnumField(GroupStatus, max_length=16, default=GroupStatus.PENDING)
    reserved_count = fields.IntField(default=0)
    paid_count = fields.IntField(default=0)
    virtual_fill = fields.BooleanField(default=False)
    expires_at = fields.DatetimeField()
    settled_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "group_buy_group"
        indexes = (("shop_id", "activity_id", "status"),)


# A member of a group and the order they joined with. ``counted`` says their payment was
# counted in ``paid_count``; ``refund_claimed`` is flipped once (conditionally) by whoever
# refunds them, so duplicate timers and racing payments refund a member exactly once.
# ``live_customer_id`` is the customer while the member holds a place (reserved or paid) and
# NULL once cancelled or refunded: unique with the group, it lets nobody hold two places in one
# group (NULLs never collide, so leaving and joining again is allowed), on every database.
class GroupBuyMember(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="group_buy_members", on_delete=fields.CASCADE)
    group = fields.ForeignKeyField("group_buy.GroupBuyGroup", related_name="members", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="group_buy_memberships", on_delete=fields.CASCADE)
    live_customer_id = fields.IntField(null=True)
    order_id = fields.IntField(unique=True)
    sku_id = fields.IntField()
    is_leader = fields.BooleanField(default=False)
    status = fields.CharEnumField(MemberStatus, max_length=16, default=MemberStatus.RESERVED)
    counted = fields.BooleanField(default=False)
    refund_claimed = fields.BooleanField(default=False)
    paid_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "group_buy_member"
        indexes = (("shop_id", "customer_id", "created_at"),)
        unique_together = (("group", "live_customer_id"),)


# How many groups of an activity a customer is in (open or won); bumped by a conditional
# UPDATE (``used < limit``) inside the checkout, given back when their order is closed.
class GroupBuyQuota(Model):
    id = fields.IntField(primary_key=True)
    activity = fields.ForeignKeyField("group_buy.GroupBuyActivity", related_name="quotas", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="group_buy_quotas", on_delete=fields.CASCADE)
    used = fields.IntField(default=0)

    class Meta:
        table = "group_buy_quota"
        unique_together = (("activity", "customer"),)


# What happened to a group (opened, joined, paid, completed, failed, refunded): the share page's
# progress and the status stream read it.
class GroupBuyEvent(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="group_buy_events", on_delete=fields.CASCADE)
    group = fields.ForeignKeyField("group_buy.GroupBuyGroup", related_name="events", on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=24)
    data = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "group_buy_event"
