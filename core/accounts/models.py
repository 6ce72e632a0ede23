"""Staff (merchant side) and customers (shopper side).

Customer phone numbers and address details are stored encrypted (``*_encrypted``) with a
blind index (``*_index``) for equality look-ups; see ``core.security.crypto``.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class StaffRole(StrEnum):
    OWNER = "owner"
    OPERATOR = "operator"
    CUSTOMER_SERVICE = "customer_service"


class StaffAccount(Model):
    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("core.Agency", related_name="staff", on_delete=fields.RESTRICT)
    email = fields.CharField(max_length=254, unique=True)
    display_name = fields.CharField(max_length=64)
    password_hash = fields.CharField(max_length=255)
    is_active = fields.BooleanField(default=True)
    is_agency_admin = fields.BooleanField(default=False)
    # Bumped to invalidate every token issued before (logout everywhere, password change).
    token_version = fields.IntField(default=0)
    last_login_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_staff_account"


class StaffMembership(Model):
    """A staff member's role in one shop."""

    id = fields.IntField(primary_key=True)
    staff = fields.ForeignKeyField("core.StaffAccount", related_name="memberships", on_delete=fields.CASCADE)
    shop = fields.ForeignKeyField("core.Shop", related_name="memberships", on_delete=fields.CASCADE)
    role = fields.CharEnumField(StaffRole, max_length=32)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_staff_membership"
        unique_together = (("staff", "shop"),)


class Customer(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="customers", on_delete=fields.CASCADE)
    openid = fields.CharField(max_length=128)
    unionid = fields.CharField(max_length=128, null=True)
    nickname = fields.CharField(max_length=64, default="")
    avatar_url = fields.CharField(max_length=512, default="")
    phone_encrypted = fields.CharField(max_length=255, null=True)
    phone_index = fields.CharField(max_length=64, null=True, db_index=True)
    # Optional, set by the customer once (plugins such as membership give birthday gifts).
    birthday = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_login_at = fields.DatetimeField(null=True)

    class Meta:
        table = "kd_customer"
        unique_together = (("shop", "openid"),)


class CustomerTag(Model):
    """A label the shop's staff put on a customer (会员标签: 老客, 企业客户…): one row per
    customer and tag, so a shop's tags and a customer's tags are each one indexed query.
    Core answers them as ``tag`` segments (``kaidian_collect_customer_segments``) for whoever
    targets customers, the ads plugin for one."""

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="customer_tags", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="tags", on_delete=fields.CASCADE)
    name = fields.CharField(max_length=20)

    class Meta:
        table = "kd_customer_tag"
        unique_together = (("customer", "name"),)
        indexes = (("shop_id", "name"),)


class CustomerAddress(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="addresses", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="addresses", on_delete=fields.CASCADE)
    recipient_encrypted = fields.CharField(max_length=255)
    phone_encrypted = fields.CharField(max_length=255)
    phone_index = fields.CharField(max_length=64, db_index=True)
    province = fields.CharField(max_length=32)
    city = fields.CharField(max_length=32)
    district = fields.CharField(max_length=32, default="")
    detail_encrypted = fields.CharField(max_length=1024)
    is_default = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_customer_address"
