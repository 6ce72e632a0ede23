"""Request and response shapes of the membership routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from core.schemas import ReadModel, WriteModel
from plugins.membership.models import GrowthKind

Percent = Field(default=None, ge=1, le=100, description="percent off goods: 5 means 5% off (9.5折); null for none")


class TierCreate(WriteModel):
    level: int = Field(ge=1, le=20, description="1 is the entry tier; thresholds must rise with the level")
    name: str = Field(min_length=1, max_length=20)
    threshold: int = Field(ge=0, le=1_000_000_000, description="growth needed to reach the tier")
    discount_percent: int | None = Percent
    free_shipping: bool = False
    birthday_template_id: int | None = Field(default=None, ge=1, description="a coupon template (coupons plugin) given on the birthday")


class TierUpdate(WriteModel):
    level: int | None = Field(default=None, ge=1, le=20)
    name: str | None = Field(default=None, min_length=1, max_length=20)
    threshold: int | None = Field(default=None, ge=0, le=1_000_000_000)
    discount_percent: int | None = Percent
    free_shipping: bool | None = None
    birthday_template_id: int | None = Field(default=None, ge=1)


class TierRead(ReadModel):
    id: int
    level: int
    name: str
    threshold: int
    discount_percent: int | None
    free_shipping: bool
    birthday_template_id: int | None
    benefits: list[dict[str, str]] = Field(description="what the tier gives, in zh-CN and en")


class TierChangeRead(ReadModel):
    id: int
    from_name: str
    to_name: str
    growth: int
    upgrade: bool
    created_at: datetime


class MemberRead(ReadModel):
    """A customer's membership: growth, tier and the way to the next one."""

    customer_id: int
    growth: int
    tier: TierRead | None
    next_tier: TierRead | None
    growth_to_next: int | None = Field(description="growth still needed for the next tier; null at the top")
    progress_percent: int = Field(description="0–100 of the way from this tier to the next (100 at the top)")
    upgrade: TierChangeRead | None = Field(default=None, description="an upgrade the customer has not seen yet")


class GrowthEntryRead(ReadModel):
    id: int
    kind: GrowthKind
    amount: int
    basis_fen: int
    order_id: int | None
    refund_id: int | None
    created_at: datetime


class MemberDetail(MemberRead):
    ledger: list[GrowthEntryRead]
