"""Community group buying data: leaders (团长) and their pickup points, each pickup order with
its code and batch, delivery batches, per-product commission rates, the commission ledger and
its settlements."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class LeaderStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


# A customer who applied to run a pickup point; staff approve or reject. One per customer.
# Name and phone are personal data: encrypted with the app's field cipher (contexts
# ``leader.name``/``leader.phone``), the phone with a blind index for look-ups (leaders.py).
class Leader(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="community_leaders", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="community_leaders", on_delete=fields.CASCADE)
    # Nullable only so the migration could add them to existing rows; every leader has both.
    name_encrypted = fields.CharField(max_length=255, null=True)
    phone_encrypted = fields.CharField(max_length=255, null=True)
    phone_index = fields.CharField(max_length=64, null=True, db_index=True)
    status = fields.CharEnumField(LeaderStatus, max_length=16, default=LeaderStatus.PENDING)
    # Commission in basis points (1/100 of a percent) of what the customer paid for the goods.
    commission_bp = fields.IntField(default=0)
    review_note = fields.CharField(max_length=200, default="")
    reviewed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "community_group_leader"
        unique_together = (("shop", "customer"),)
        indexes = (("shop_id", "status"),)


# Where a leader's customers collect their orders. Coordinates are WGS-84 degrees.
class PickupPoint(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="community_pickup_points", on_delete=fields.CASCADE)
    leader = fields.OneToOneField("community_group.Leader", related_name="pickup_point", on_delete=fields.CASCADE)
    name = fields.CharField(max_length=60)
    address = fields.CharField(max_length=200)
    opening_hours = fields.CharField(max_length=60)
    latitude = fields.FloatField()
    longitude = fields.FloatField()

    class Meta:
        table = "community_group_pickup_point"


# A delivery batch: every paid pickup order up to ``cutoff`` that no earlier batch took.
class DeliveryBatch(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="community_batches", on_delete=fields.CASCADE)
    batch_no = fields.CharField(max_length=32)
    cutoff = fields.DatetimeField()
    order_count = fields.IntField(default=0)
    created_by = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "community_group_batch"
        unique_together = (("shop", "batch_no"),)


# An order to be collected at a pickup point. ``rates_bp`` (line id → basis points) is the
# commission rate of each line, fixed when the order was placed.
class PickupOrder(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="community_pickup_orders", on_delete=fields.CASCADE)
    order_id = fields.IntField(unique=True)
    customer_id = fields.IntField()
    leader = fields.ForeignKeyField("community_group.Leader", related_name="orders", on_delete=fields.RESTRICT)
    pickup_point = fields.ForeignKeyField("community_group.PickupPoint", related_name="orders", on_delete=fields.RESTRICT)
    pickup_code = fields.CharField(max_length=16)
    rates_bp = fields.JSONField(default=dict)
    batch = fields.ForeignKeyField("community_group.DeliveryBatch", related_name="orders", null=True, on_delete=fields.RESTRICT)
    picked_up_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "community_group_pickup_order"
        unique_together = (("shop", "pickup_code"),)
        indexes = (("shop_id", "leader_id"), ("shop_id", "batch_id"))


# A product's own commission rate; it wins over the leader's rate.
class ProductCommission(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="community_product_rates", on_delete=fields.CASCADE)
    product_id = fields.IntField()
    rate_bp = fields.IntField()

    class Meta:
        table = "community_group_product_commission"
        unique_together = (("shop", "product_id"),)


# A period closed for commission (e.g. 2026-11): the entries it took are fixed for good.
class Settlement(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="community_settlements", on_delete=fields.CASCADE)
    period = fields.CharField(max_length=7)
    period_end = fields.DatetimeField()
    entry_count = fields.IntField(default=0)
    total_fen = fields.BigIntField(default=0)
    created_by = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "community_group_settlement"
        unique_together = (("shop", "period"),)


# The commission ledger, append-only: an accrual when an order completes, a (negative)
# reversal per refund. ``cause`` is unique per shop, so a repeated event writes nothing.
# ``settlement`` is set once, when the entry's period is settled, and never changes again.
class CommissionEntry(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="community_commission_entries", on_delete=fields.CASCADE)
    leader = fields.ForeignKeyField("community_group.Leader", related_name="commission_entries", on_delete=fields.RESTRICT)
    order_id = fields.IntField()
    kind = fields.CharField(max_length=16)  # accrual | reversal
    cause = fields.CharField(max_length=48)
    base_fen = fields.BigIntField()
    amount_fen = fields.BigIntField()
    occurred_at = fields.DatetimeField()
    settlement = fields.ForeignKeyField("community_group.Settlement", related_name="entries", null=True, on_delete=fields.RESTRICT)

    class Meta:
        table = "community_group_commission_entry"
        unique_together = (("shop", "cause"),)
        indexes = (("shop_id", "settlement_id", "occurred_at"), ("shop_id", "order_id"))
