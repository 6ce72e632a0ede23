"""Stored page configurations: an append-only history of versions per shop.

Every save, publication and rollback adds a row; rows are never changed afterwards. The
shop's draft is its newest row; what customers see is its newest ``published`` row.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class VersionStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class PageConfigVersion(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="page_config_versions", on_delete=fields.CASCADE)
    # Numbered 1, 2, 3… within the shop; (shop, number) is unique, which also serialises
    # two editors saving at once (the loser retries with the next number).
    number = fields.IntField()
    status = fields.CharEnumField(VersionStatus, max_length=16)
    config = fields.JSONField()
    # The version this one was made from: the draft a publication copies, the version a
    # rollback restores; None for a plain save.
    based_on = fields.IntField(null=True)
    note = fields.CharField(max_length=200, default="")
    created_by_staff_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_page_config_version"
        unique_together = (("shop", "number"),)
        indexes = (("shop_id", "status", "number"),)
