"""Points (积分): each customer's immutable ledger, the holds unpaid orders take on it, daily
sign-ins, and share referrals.

The ledger is append-only: a balance is the sum of a customer's entries, and every correction
is a new entry (``reverse``, ``expire``, ``adjust``). Each entry carries a ``unique_key``
(``earn:order:12``, ``sign_in:2026-11-25``, ``share:invitee:7`` …) unique per customer, so an
earning recorded twice by racing notifications or retries is refused by the database.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class EntryKind(StrEnum):
    EARN = "earn"  # points in: paid order, review, sign-in, share reward
    SPEND = "spend"  # points out: redeemed at checkout (confirmed on payment)
    EXPIRE = "expire"  # points out: earned points past their validity
    REVERSE = "reverse"  # a refund undoing an earning (out) or a redemption (back in)
    ADJUST = "adjust"  # staff correction, in or out, with a reason


class EntrySource(StrEnum):
    ORDER = "order"
    REVIEW = "review"
    SIGN_IN = "sign_in"
    SHARE = "share"
    REDEEM = "redeem"
    REFUND = "refund"
    EXPIRY = "expiry"
    MANUAL = "manual"


class HoldStatus(StrEnum):
    HELD = "held"  # taken at checkout, the order awaits payment
    CONFIRMED = "confirmed"  # the order was paid: a spend entry was written
    RELEASED = "released"  # the order was cancelled: the points are free again


class ReferralStatus(StrEnum):
    REGISTERED = "registered"  # the invitee joined through the share code
    PENDING = "pending"  # their first order is paid; the reward waits out the refund window
    REWARDED = "rewarded"
    CANCELLED = "cancelled"  # that order was refunded within the window


# One row per customer with points activity: the row every ledger write of that customer locks
# first (SELECT … FOR UPDATE), so balance checks and writes of one customer never interleave.
# ``balance`` caches the sum of the customer's entries and ``held`` the points of their held
# holds; both move in the same transaction as the entry or hold, so they are never stale.
class PointsAccount(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="points_accounts", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="points_accounts", on_delete=fields.CASCADE)
    share_code = fields.CharField(max_length=16, unique=True)
    balance = fields.IntField(default=0)
    held = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "points_account"
        unique_together = (("shop", "customer"),)


# Never updated or deleted. ``points`` is signed: positive in, negative out.
class PointsEntry(Model):
    id = fields.BigIntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="points_entries", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="points_entries", on_delete=fields.CASCADE)
    kind = fields.CharEnumField(EntryKind, max_length=16)
    source = fields.CharEnumField(EntrySource, max_length=16)
    points = fields.IntField()
    unique_key = fields.CharField(max_length=64)
    order_id = fields.IntField(null=True)
    # Positive entries stop counting after this time (the expiry job writes the expire entry).
    expires_at = fields.DatetimeField(null=True)
    reason = fields.CharField(max_length=200, default="")
    actor = fields.CharField(max_length=64, default="system")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "points_entry"
        unique_together = (("customer", "unique_key"),)
        indexes = (("shop_id", "customer_id", "id"), ("shop_id", "order_id"), ("expires_at",))


# Points an order took at checkout. Mutable bookkeeping beside the ledger: available points are
# the ledger balance less what unpaid orders hold.
class PointsHold(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="points_holds", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="points_holds", on_delete=fields.CASCADE)
    order_id = fields.IntField()
    points = fields.IntField()
    discount_fen = fields.IntField()
    status = fields.CharEnumField(HoldStatus, max_length=16, default=HoldStatus.HELD)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "points_hold"
        unique_together = (("shop", "order_id"),)
        indexes = (("shop_id", "customer_id", "status"),)


# One sign-in per customer per calendar day (in the business time zone); the unique pair makes
# twenty racing taps one sign-in.
class SignIn(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="points_sign_ins", on_delete=fields.CASCADE)
    customer = fields.ForeignKeyField("core.Customer", related_name="points_sign_ins", on_delete=fields.CASCADE)
    day = fields.DateField()
    streak = fields.IntField()
    points = fields.IntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "points_sign_in"
        unique_together = (("customer", "day"),)


# Who brought whom: one row per invitee (unique), so nobody is rewarded twice for one person.
class Referral(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="points_referrals", on_delete=fields.CASCADE)
    inviter = fields.ForeignKeyField("core.Customer", related_name="points_invited", on_delete=fields.CASCADE)
    invitee = fields.ForeignKeyField("core.Customer", related_name="points_invited_by", on_delete=fields.CASCADE)
    status = fields.CharEnumField(ReferralStatus, max_length=16, default=ReferralStatus.REGISTERED)
    order_id = fields.IntField(null=True)
    reward_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "points_referral"
        unique_together = (("shop", "invitee"),)
        indexes = (("shop_id", "inviter_id"),)
