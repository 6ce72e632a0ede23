"""Coupon templates (what a merchant offers), issued coupons (what a customer holds), the
per-customer claim counters that enforce limits, and each order's coupon bookkeeping."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class CouponKind(StrEnum):
    AMOUNT_OFF = "amount_off"  # 满减: amount off when the eligible spend reaches the threshold
    PERCENT_OFF = "percent_off"  # 折扣: percent off, optionally capped
    NO_THRESHOLD = "no_threshold"  # 无门槛: amount off, any spend
    SHIPPING = "shipping"  # 运费券: off the shipping fee


class CouponScope(StrEnum):
    SHOP = "shop"
    CATEGORIES = "categories"
    PRODUCTS = "products"


class ValidityKind(StrEnum):
    FIXED = "fixed"  # valid_from .. valid_until
    AFTER_CLAIM = "after_claim"  # valid_days from the moment it is issued


class TemplateStatus(StrEnum):
    ACTIVE = "active"
    STOPPED = "stopped"


class CouponStatus(StrEnum):
    AVAILABLE = "available"
    LOCKED = "locked"  # held by an order awaiting payment
    USED = "used"


class CouponSource(StrEnum):
    CLAIM = "claim"
    GRANT = "grant"
    NEW_CUSTOMER = "new_customer"
    SHARE = "share"  # claimed through someone's share link


class SharerKind(StrEnum):
    CUSTOMER = "customer"
    STAFF = "staff"


class CouponTemplate(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="coupon_templates", on_delete=fields.CASCADE)
    name = fields.CharField(max_length=60)
    kind = fields.CharEnumField(CouponKind, max_length=16)
    amount_fen = fields.IntField(default=0)
    percent_off = fields.IntField(default=0)
    max_discount_fen = fields.IntField(null=True)
    threshold_fen = fields.IntField(default=0)
    scope = fields.CharEnumField(CouponScope, max_length=16, default=CouponScope.SHOP)
    scope_ids = fields.JSONField(default=list)
    excluded_product_ids = fields.JSONField(default=list)
    excluded_category_ids = fields.JSONField(default=list)
    exclusive = fields.BooleanField(default=False)
    validity = fields.CharEnumField(ValidityKind, max_length=16, default=ValidityKind.FIXED)
    valid_from = fields.DatetimeField(null=True)
    valid_until = fields.DatetimeField(null=True)
    valid_days = fields.IntField(null=True)
    claim_starts_at = fields.DatetimeField(null=True)
    claim_ends_at = fields.DatetimeField(null=True)
    total_quantity = fields.IntField()
    issued_count = fields.IntField(default=0)
    per_customer_limit = fields.IntField(default=1)
    claimable = fields.BooleanField(default=True)
    new_customer_gift = fields.BooleanField(default=False)
    status = fields.CharEnumField(TemplateStatus, max_length=16, default=TemplateStatus.ACTIVE)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "coupons_template"


# How many coupons of a template one customer has received; checked and bumped while the
# template row is locked, so concurrent claims of one customer cannot pass the limit together.
class ClaimCounter(Model):
    id = fields.IntField(primary_key=True)
    template = fields.ForeignKeyField("coupons.CouponTemplate", related_name="claim_counters", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="coupon_claim_counters", on_delete=fields.CASCADE)
    claimed = fields.IntField(default=0)

    class Meta:
        table = "coupons_claim_counter"
        unique_together = (("template", "customer"),)


class Coupon(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="coupons", on_delete=fields.CASCADE)
    template = fields.ForeignKeyField("coupons.CouponTemplate", related_name="coupons", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="coupons", on_delete=fields.CASCADE)
    status = fields.CharEnumField(CouponStatus, max_length=16, default=CouponStatus.AVAILABLE)
    source = fields.CharEnumField(CouponSource, max_length=16, default=CouponSource.CLAIM)
    valid_from = fields.DatetimeField()
    valid_until = fields.DatetimeField()
    order_id = fields.IntField(null=True, db_index=True)
    share = fields.ForeignKeyField("coupons.CouponShare", related_name="coupons", null=True, on_delete=fields.SET_NULL)
    claimed_at = fields.DatetimeField(auto_now_add=True)
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "coupons_coupon"


# A share link/code for a claimable template: who shared it (a customer or a staff member) and
# how many coupons were claimed through it. One per sharer and template, so sharing twice
# hands out the same code.
class CouponShare(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="coupon_shares", on_delete=fields.CASCADE)
    template = fields.ForeignKeyField("coupons.CouponTemplate", related_name="shares", on_delete=fields.CASCADE)
    code = fields.CharField(max_length=32, unique=True)
    sharer_kind = fields.CharEnumField(SharerKind, max_length=16)
    sharer_id = fields.IntField()  # a core.Customer or core.StaffAccount id, per sharer_kind
    claims = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "coupons_share"
        unique_together = (("template", "sharer_kind", "sharer_id"),)


# The coupons an order holds, with what was paid and refunded, so a full refund can be told
# from a partial one.
class CouponOrder(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="coupon_orders", on_delete=fields.CASCADE)
    order_id = fields.IntField()
    customer = fields.ForeignKeyField("core.Customer", related_name="coupon_orders", on_delete=fields.CASCADE)
    paid_fen = fields.IntField(null=True)
    refunded_fen = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "coupons_order"
        unique_together = (("shop", "order_id"),)
