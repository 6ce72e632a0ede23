"""Request and response shapes of the points routes."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from core.schemas import ReadModel, WriteModel
from plugins.points.models import EntryKind, EntrySource


class BalanceRead(ReadModel):
    balance: int = Field(description="the ledger balance; negative only when a refund took back points already spent")
    held: int = Field(description="points taken by orders awaiting payment")
    available: int = Field(description="what can be redeemed now")
    expiring_soon: int = Field(description="points that expire within 30 days")
    redeem_points_per_yuan: int
    redeem_max_percent: int


class EntryRead(ReadModel):
    id: int
    kind: EntryKind
    source: EntrySource
    points: int
    order_id: int | None
    expires_at: datetime | None
    reason: str
    actor: str
    created_at: datetime


class LedgerPage(ReadModel):
    items: list[EntryRead]
    next_before_id: int | None = Field(description="pass as before_id for the next (older) page; null at the end")


class CustomerLedgerRead(BalanceRead):
    customer_id: int
    share_code: str
    ledger: LedgerPage


class SignInRead(ReadModel):
    signed_today: bool
    streak: int
    points_today: int
    day: date


class ShareRead(ReadModel):
    share_code: str
    invited: int = Field(description="customers who registered through the code")
    rewarded: int = Field(description="of whom a first order earned you the reward")
    pending: int = Field(description="first orders still inside the refund window")
    reward_points: int


class AdjustmentCreate(WriteModel):
    points: int = Field(ge=-10_000_000, le=10_000_000, description="positive adds, negative takes away; not 0")
    reason: str = Field(min_length=1, max_length=200)


class PreviewLine(WriteModel):
    sku_id: int = Field(ge=1)
    quantity: int = Field(ge=1, le=999)


class RedeemPreviewCreate(WriteModel):
    lines: list[PreviewLine] = Field(min_length=1, max_length=50)
    points_to_redeem: int = Field(default=0, ge=0, le=100_000_000, description="0 shows what could be used")


class RedeemPreviewRead(ReadModel):
    available: int
    max_points: int = Field(description="the most points this cart may use (cap and balance)")
    points_used: int
    discount_fen: int
    subtotal_fen: int
    total_fen: int
    problem: str | None = Field(description="why the requested points cannot be used, if they cannot")


class MallItemRead(ReadModel):
    product_id: int
    title: str
    image: str
    price_fen: int
    max_points: int = Field(description="points that may pay part of one unit")
    points_discount_fen: int
