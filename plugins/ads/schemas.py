"""Request and response shapes of the ads admin API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field

from builder.schema_parts import HTTPS_URL_PATTERN, LINK_MAX_LENGTH, LINK_PATTERN
from core.schemas import ReadModel, WriteModel
from plugins.ads.models import AdAudience, AdSlot, AdStatus

ROUTE_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
SegmentKey = Annotated[str, Field(min_length=1, max_length=64)]


class HotZoneIn(WriteModel):
    x: int = Field(ge=0, le=10_000, description="left edge, in the image's pixels")
    y: int = Field(ge=0, le=10_000, description="top edge, in the image's pixels")
    width: int = Field(ge=1, le=10_000)
    height: int = Field(ge=1, le=10_000)
    link: str = Field(pattern=LINK_PATTERN, min_length=1, max_length=LINK_MAX_LENGTH, description="page:<route>, <kind>:<id> (product, category, coupon…) or url:https://… on the allow-list")


class CreativeIn(WriteModel):
    kind: Literal["image", "video"] = "image"
    media_url: str = Field(pattern=HTTPS_URL_PATTERN, max_length=1000)
    width: int = Field(ge=1, le=10_000, description="the image's own width in pixels (hot zones are drawn in them)")
    height: int = Field(ge=1, le=10_000)
    link: str = Field(default="", pattern=LINK_PATTERN, max_length=LINK_MAX_LENGTH)
    hot_zones: list[HotZoneIn] = Field(default_factory=list, max_length=20)
    weight: int = Field(default=1, ge=1, le=1000, description="share among the campaign's creatives")


class CapSet(WriteModel):
    day: int = Field(default=0, ge=0, le=1000, description="serves per day (0: no cap)")
    session: int = Field(default=0, ge=0, le=1000, description="serves per visit (0: no cap)")
    lifetime: int = Field(default=0, ge=0, le=100_000, description="serves over the campaign's life (0: no cap)")


class Caps(WriteModel):
    device: CapSet = Field(default_factory=CapSet)
    customer: CapSet = Field(default_factory=CapSet)


class CampaignWrite(WriteModel):
    name: str = Field(min_length=1, max_length=60)
    slot: AdSlot
    status: AdStatus = AdStatus.ACTIVE
    priority: int = Field(default=0, ge=0, le=100)
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    days_of_week: list[int] = Field(default_factory=list, max_length=7, description="ISO days 1 (Mon)…7 (Sun); empty: every day")
    hours: list[int] = Field(default_factory=list, max_length=2, description="[from, to) hours; empty: all day")
    pages: list[str] = Field(default_factory=list, max_length=50, description="page routes a popup or floating button shows on; empty: all")
    audience: AdAudience = AdAudience.ALL
    tiers: list[SegmentKey] = Field(default_factory=list, max_length=20, description="membership tier keys (GET …/segments); empty: any or none")
    tags: list[SegmentKey] = Field(default_factory=list, max_length=20, description="customer tag keys (GET …/segments); empty: any or none")
    caps: Caps = Field(default_factory=Caps)
    countdown_seconds: int = Field(default=5, ge=1, le=15)
    creatives: list[CreativeIn] = Field(min_length=1, max_length=10)


class HotZoneRead(ReadModel):
    x: int
    y: int
    width: int
    height: int
    link: str


class CreativeRead(ReadModel):
    id: int
    kind: str
    media_url: str
    width: int
    height: int
    link: str
    hot_zones: list[HotZoneRead]
    weight: int


class CampaignRead(ReadModel):
    id: int
    name: str
    slot: AdSlot
    status: AdStatus
    priority: int
    starts_at: datetime
    ends_at: datetime
    days_of_week: list[int]
    hours: list[int]
    pages: list[str]
    audience: AdAudience
    tiers: list[str]
    tags: list[str]
    caps: dict
    countdown_seconds: int
    creatives: list[CreativeRead]


class DailyStat(ReadModel):
    day: date
    creative_id: int
    served: int
    impressions: int
    clicks: int
    ctr: float | None


class SegmentRead(ReadModel):
    kind: str
    key: str
    title: dict[str, str]
