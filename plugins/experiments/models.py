"""An experiment: variants of one block (other props) or of one page (other block lists), the
split, the goal metric and the minimum sample. Results come from the analytics events."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class ExperimentKind(StrEnum):
    BLOCK = "block"  # variants are copies of one block with other props
    PAGE = "page"  # variants reorder or swap the page's blocks


class ExperimentGoal(StrEnum):
    BLOCK_CTR = "block_ctr"
    ADD_TO_CART_RATE = "add_to_cart_rate"
    ORDER_CONVERSION = "order_conversion"
    GMV_PER_VISITOR = "gmv_per_visitor"


class ExperimentStatus(StrEnum):
    DRAFT = "draft"
    RUNNING = "running"
    STOPPED = "stopped"


class Experiment(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="experiments", on_delete=fields.CASCADE)
    # Hashed with the device id: a stable random key, so renaming never reshuffles devices.
    key = fields.CharField(max_length=32)
    name = fields.CharField(max_length=60)
    kind = fields.CharEnumField(ExperimentKind, max_length=8)
    page_route = fields.CharField(max_length=64)
    block_id = fields.CharField(max_length=64, null=True)  # the block's stable id (block experiments)
    goal = fields.CharEnumField(ExperimentGoal, max_length=24)
    # [{"key": "control"|"b"|…, "weight": int, "props": {...}} | {"…", "components": [...]}]
    variants = fields.JSONField()
    holdout_percent = fields.IntField(default=0)
    minimum_sample = fields.IntField(default=1000)
    status = fields.CharEnumField(ExperimentStatus, max_length=8, default=ExperimentStatus.DRAFT)
    started_at = fields.DatetimeField(null=True)
    stopped_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    # Shipping the winner: the variant written into the page draft, the draft version it made,
    # the results as they stood then (the page's history keeps them), and whether the merchant
    # shipped it without a statistically called winner (an explicit confirmation).
    shipped_variant = fields.CharField(max_length=16, null=True)
    shipped_version = fields.IntField(null=True)
    shipped_at = fields.DatetimeField(null=True)
    shipped_without_winner = fields.BooleanField(default=False)
    result = fields.JSONField(null=True)

    class Meta:
        table = "experiments_experiment"
        unique_together = (("shop", "key"),)
