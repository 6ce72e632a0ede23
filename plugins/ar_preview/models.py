"""A product's AR model: the 3D model and poster from the shop's media library, an optional
USDZ for iOS Quick Look (kept in the media store by this plugin: the library takes no USDZ),
and the figures measured when it was checked."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class ArModel(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="ar_models", on_delete=fields.CASCADE)
    product = fields.ForeignKeyField("catalog.Product", related_name="ar_models", on_delete=fields.CASCADE)
    # RESTRICT: the library refuses to delete a medium an AR model shows (409, like a product's).
    model = fields.ForeignKeyField("catalog.Media", related_name="ar_models", on_delete=fields.RESTRICT)
    poster = fields.ForeignKeyField("catalog.Media", related_name="ar_posters", on_delete=fields.RESTRICT)
    usdz_key = fields.CharField(max_length=200, default="")
    usdz_bytes = fields.BigIntField(default=0)
    triangles = fields.IntField(default=0)
    texture_count = fields.IntField(default=0)
    max_texture_width = fields.IntField(default=0)
    max_texture_height = fields.IntField(default=0)
    # [{"zh-CN": …, "en": …}]: what the check noticed without refusing (many triangles)
    warnings = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "ar_preview_model"
        unique_together = (("shop", "product"),)
