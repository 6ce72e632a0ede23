"""Request and response shapes of the agency console."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from core.agency.models import EntryKind
from core.schemas import LARGEST_ID, ReadModel, WriteModel

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class FiguresRead(ReadModel):
    gmv_fen: int = Field(description="paid by customers in the period, fen")
    orders: int = Field(description="orders paid in the period")
    commission_fen: int = Field(description="commission booked in the period (charges − reversals), fen")


class AgencyShopRead(ReadModel):
    id: int
    name: str
    slug: str
    status: str
    rate_bp: int = Field(description="commission rate in basis points (200 = 2 %)")
    today: FiguresRead
    month: FiguresRead


class CommissionRateUpdate(WriteModel):
    rate_bp: int = Field(ge=0, le=10_000, description="basis points: 0–10000 (200 = 2 %)")


class CommissionRateRead(ReadModel):
    shop_id: int
    rate_bp: int


class ShopFromTemplate(WriteModel):
    name: str = Field(min_length=1, max_length=100)
    slug: str = Field(min_length=3, max_length=64)
    template_shop_id: int = Field(ge=1, le=LARGEST_ID, description="a shop of your agency to copy pages, theme, plugins and their settings from")
    owner_email: str | None = Field(default=None, min_length=3, max_length=254, pattern=EMAIL_PATTERN, description="invite this person as the owner (one-time link by email)")
    rate_bp: int | None = Field(default=None, ge=0, le=10_000, description="commission rate; default: the template's")


class CreatedShopRead(ReadModel):
    id: int
    name: str
    slug: str
    copied: list[str] = Field(description="what was copied from the template: plugins, commission_rate, page_config, theme…")
    invitation_id: int | None = None


class OwnerInvite(WriteModel):
    email: str = Field(min_length=3, max_length=254, pattern=EMAIL_PATTERN)


class InvitationRead(ReadModel):
    id: int
    shop_id: int
    email: str
    expires_at: datetime


class InvitationPreview(ReadModel):
    shop_name: str
    email: str
    expires_at: datetime
    has_account: bool = Field(description="the email has an account already: accepting asks for its password")


class InvitationAccept(WriteModel):
    password: str = Field(min_length=8, max_length=256)
    display_name: str = Field(default="店主", min_length=1, max_length=64)


class LedgerEntryRead(ReadModel):
    id: int
    order_id: int
    order_no: str
    refund_id: int | None
    kind: EntryKind
    rate_bp: int
    gmv_fen: int
    refunded_fen: int
    amount_fen: int
    booked_at: datetime
