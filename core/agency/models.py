"""The platform's side of a shop: the commission the agency takes, its ledger, owner invitations
and the mail they are sent by.

The ledger is append-only: an entry is never updated or deleted (``save`` of a stored entry and
``delete`` raise); a correction is a new entry. Each entry carries a ``dedupe_key`` under a unique
constraint (``charge:<order>``, ``refund:<refund>``), so however many settlement runs race, an
order is charged once and a refund reversed once.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model


class ShopCommission(Model):
    """The rate the agency takes from one shop's orders, in basis points (200 = 2 %)."""

    id = fields.IntField(primary_key=True)
    shop = fields.OneToOneField("core.Shop", related_name="commission", on_delete=fields.CASCADE)
    rate_bp = fields.IntField(default=0)
    set_by_staff_id = fields.IntField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "kd_agency_shop_commission"


class EntryKind(StrEnum):
    CHARGE = "charge"  # an order's commission, once its refund window passed
    REVERSAL = "reversal"  # the share of it a later refund gives back


class CommissionEntry(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="commission_entries", on_delete=fields.RESTRICT)
    agency_id = fields.IntField()
    order_id = fields.IntField()
    order_no = fields.CharField(max_length=32)
    refund_id = fields.IntField(null=True)
    kind = fields.CharEnumField(EntryKind, max_length=16)
    rate_bp = fields.IntField()
    # charge: what the customer paid and what was refunded before the window closed;
    # reversal: gmv 0, refunded = the refund's amount.
    gmv_fen = fields.BigIntField()
    refunded_fen = fields.BigIntField()
    amount_fen = fields.BigIntField()  # + charged, − given back
    dedupe_key = fields.CharField(max_length=64, unique=True)
    booked_at = fields.DatetimeField()

    class Meta:
        table = "kd_agency_commission_entry"
        indexes = (("shop_id", "booked_at"), ("order_id", "kind"))

    async def save(self, *args: Any, **kwargs: Any) -> None:
        if self._saved_in_db:
            raise PermissionError("commission entries are immutable: book a correcting entry instead")
        await super().save(*args, **kwargs)

    async def delete(self, *args: Any, **kwargs: Any) -> None:
        raise PermissionError("commission entries are immutable: book a correcting entry instead")


class OwnerInvitation(Model):
    """A one-time link inviting a new shop's owner: only the token's SHA-256 is stored."""

    id = fields.IntField(primary_key=True)
    agency = fields.ForeignKeyField("core.Agency", related_name="invitations", on_delete=fields.CASCADE)
    shop = fields.ForeignKeyField("core.Shop", related_name="owner_invitations", on_delete=fields.CASCADE)
    email = fields.CharField(max_length=254)
    token_hash = fields.CharField(max_length=64, unique=True)
    expires_at = fields.DatetimeField()
    accepted_at = fields.DatetimeField(null=True)
    invited_by_staff_id = fields.IntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_agency_owner_invitation"


class OutboxMail(Model):
    """Every mail the platform sends, kept as sent: the sandbox provider only writes here (the
    demo and tests read links from it); an SMTP provider also hands it to the server."""

    id = fields.IntField(primary_key=True)
    to_address = fields.CharField(max_length=254)
    subject = fields.CharField(max_length=200)
    body = fields.TextField()
    provider = fields.CharField(max_length=16)
    sent_at = fields.DatetimeField(null=True)
    error = fields.CharField(max_length=200, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kd_agency_outbox_mail"
