"""Agencies run shops; a shop is the tenant every other record belongs to."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class ShopStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


class Agency(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_agency"


class Shop(Model):
    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = fields.ForeignKeyField(
        "core.Agency", related_name="shops", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=100)
    slug = fields.CharField(max_length=64, unique=True)
    status = fields.CharEnumField(ShopStatus, max_length=16, default=ShopStatus.ACTIVE)
    locale = fields.CharField(max_length=8, default="zh-CN")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "kd_shop"
