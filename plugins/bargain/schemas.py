"""Request and response shapes of the bargain routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from core.schemas import LARGEST_ID, ReadModel, WriteModel
from plugins.bargain.models import ActivityStatus, BargainStatus


class ActivityCreate(WriteModel):
    name: str = Field(min_length=1, max_length=60)
    sku_id: int = Field(ge=1)
    start_price_fen: int = Field(ge=2, le=100_000_000, description="the price the bargain starts from")
    floor_price_fen: int = Field(ge=1, le=100_000_000, description="the price the last required helper reaches")
    helpers_needed: int = Field(ge=1, le=500, description="cuts that reach the floor (the most, when helpers_min is set)")
    helpers_min: int | None = Field(
        default=None, ge=1, le=500, description="set to draw each bargain's helper count between this and helpers_needed"
    )
    duration_minutes: int = Field(ge=5, le=60 * 24 * 30, description="how long one bargain stays open")
    starts_at: datetime
    ends_at: datetime
    bargains_per_customer: int = Field(default=1, ge=1, le=100)
    cuts_per_helper_per_activity: int = Field(default=1, ge=1, le=1000)
    cuts_per_helper_per_day: int = Field(default=1, ge=1, le=1000)
    allow_self_cut: bool = Field(default=False, description="the starter may cut their own bargain")
    min_account_age_hours: int = Field(default=0, ge=0, le=24 * 365, description="helpers' accounts must be at least this old (0 = any)")
    buy_at_current_price: bool = Field(default=False, description="an expired bargain may still be bought at the price reached")


class ActivityUpdate(WriteModel):
    name: str | None = Field(default=None, min_length=1, max_length=60)
    ends_at: datetime | None = None
    status: ActivityStatus | None = None
    bargains_per_customer: int | None = Field(default=None, ge=1, le=100)
    cuts_per_helper_per_activity: int | None = Field(default=None, ge=1, le=1000)
    cuts_per_helper_per_day: int | None = Field(default=None, ge=1, le=1000)
    allow_self_cut: bool | None = None
    min_account_age_hours: int | None = Field(default=None, ge=0, le=24 * 365)
    buy_at_current_price: bool | None = None


class ActivitySummary(ReadModel):
    """What customers see of an activity."""

    id: int
    name: str
    product_id: int
    sku_id: int
    start_price_fen: int
    floor_price_fen: int
    helpers_needed: int
    helpers_min: int | None
    duration_minutes: int
    starts_at: datetime
    ends_at: datetime
    bargains_per_customer: int
    allow_self_cut: bool
    buy_at_current_price: bool


class ActivityRead(ActivitySummary):
    cuts_per_helper_per_activity: int
    cuts_per_helper_per_day: int
    min_account_age_hours: int
    status: ActivityStatus
    started_count: int
    created_at: datetime


class ShopActivityRead(ActivitySummary):
    title: str
    image: str
    started: int = Field(description="bargains the caller started of this activity")
    can_start: bool


class HelperRead(ReadModel):
    """One cut as the share page shows it."""

    nickname: str
    avatar_url: str
    amount_fen: int
    created_at: datetime


class BargainRead(ReadModel):
    id: int
    activity_id: int
    activity_name: str
    sku_id: int
    status: BargainStatus
    start_price_fen: int
    floor_price_fen: int
    current_price_fen: int
    cut_fen: int
    cut_count: int
    cuts_needed: int
    expires_at: datetime
    order_id: int | None
    buy_price_fen: int | None = Field(description="what the starter pays now, or null when not buyable")
    created_at: datetime


class ShopBargainRead(BargainRead):
    is_mine: bool
    cut_by_me: bool
    can_cut: bool
    helpers: list[HelperRead]


class CutRead(ReadModel):
    bargain_id: int
    amount_fen: int
    current_price_fen: int
    cut_count: int
    cuts_needed: int
    status: BargainStatus
    message: str


class AdminCutRead(ReadModel):
    step: int
    helper_id: int
    nickname: str
    amount_fen: int
    price_after_fen: int
    device_hash: str
    ip_hash: str
    created_at: datetime


class AdminBargainRead(BargainRead):
    customer_id: int
    cuts: list[AdminCutRead]


class AuditRead(ReadModel):
    bargain_id: int
    seed: str
    plan_version: int
    plan_fen: list[int] = Field(description="every cut of the plan, recomputed from the seed")
    recorded_fen: list[int] = Field(description="the cuts recorded so far, in step order")
    consistent: bool = Field(description="the recorded cuts follow the plan and the price matches")


# This plugin's part of the checkout body, ``plugins.bargain`` (kaidian_register_checkout_inputs).
CHECKOUT_INPUT = {
    "type": "object",
    "properties": {
        "bargain_id": {
            "type": "integer", "minimum": 1, "maximum": LARGEST_ID,
            "description": "buy this bargain (砍价) of yours at its price; omit for a normal order",
        }
    },
    "additionalProperties": False,
}
