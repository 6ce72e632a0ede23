"""Per-shop plugin switches and settings."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class ShopPlugin(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="plugin_states", on_delete=fields.CASCADE)
    plugin = fields.CharField(max_length=64)
    enabled = fields.BooleanField()
    settings = fields.JSONField(default=dict)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "kd_shop_plugin"
        unique_together = (("shop", "plugin"),)
