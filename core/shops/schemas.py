from __future__ import annotations

from datetime import datetime

from pydantic import Field

from core.schemas import ReadModel, WriteModel
from core.shops.models import ShopStatus


class ShopRead(ReadModel):
    id: int
    name: str
    slug: str
    status: ShopStatus
    locale: str
    created_at: datetime
    time_zone: str = Field(default="Asia/Shanghai", description="IANA zone of the shop's business days; times are shown in it")


class ShopUpdate(WriteModel):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    locale: str | None = Field(default=None, pattern="^(zh-CN|en)$")


class ShopCreate(WriteModel):
    name: str = Field(min_length=1, max_length=100)
    slug: str = Field(min_length=3, max_length=64)
