"""Request and response shapes of the feedback routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from core.schemas import ReadModel, WriteModel


class AnswerCreate(WriteModel):
    order_id: int = Field(ge=1, description="the caller's order being answered for")
    score: int = Field(ge=0, le=10, description="how likely the customer is to recommend the shop, 0–10 (NPS)")
    tags: list[Annotated[str, Field(min_length=1, max_length=12)]] = Field(default=[], max_length=20, description="tags from the shop's list")
    text: str = Field(default="", max_length=500, description="free text, at most 500 characters")
    photo_ids: list[Annotated[int, Field(ge=1)]] = Field(default=[], max_length=9, description="photos uploaded with POST /api/shop/uploads (9 at most)")


class AnswerRead(ReadModel):
    id: int
    order_id: int
    score: int
    tags: list[str]
    text: str
    photo_urls: list[str]
    created_at: datetime


class RequestRead(ReadModel):
    order_id: int
    order_no: str
    status: str = Field(description="pending, answered or expired")
    expires_at: datetime
    created_at: datetime


class PromptRead(ReadModel):
    """What the app-level prompt shows: the newest open request of the caller, if any."""

    request: RequestRead | None
    open_count: int


class FormRead(ReadModel):
    request: RequestRead
    tags: list[str]
    answer: AnswerRead | None


class AdminAnswerRead(AnswerRead):
    customer_id: int
    customer_nickname: str
    order_no: str


class AnswerPage(ReadModel):
    items: list[AdminAnswerRead]
    total: int


class TrendPoint(ReadModel):
    day: str
    answers: int
    nps: float | None


class TagCount(ReadModel):
    tag: str
    count: int


class SummaryRead(ReadModel):
    answers: int
    nps: float | None = Field(description="% promoters (9–10) − % detractors (0–6); null without answers")
    promoters: int
    passives: int
    detractors: int
    requests: dict[str, int] = Field(description="requests made in the period, by status")
    trend: list[TrendPoint]
    tags: list[TagCount]
