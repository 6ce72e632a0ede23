"""Request and response shapes of the group-buy routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, field_validator

from core.schemas import ReadModel, WriteModel
from plugins.group_buy.models import ActivityStatus, GroupStatus, MemberStatus


class ActivitySkuWrite(WriteModel):
    sku_id: int = Field(ge=1)
    # Sized by a validator, not Field(min_length=…): on a dict Litestar's OpenAPI generator
    # turns a length constraint into an array schema.
    prices_fen: dict[str, int] = Field(description='group price per group size, e.g. {"2": 8900, "3": 7900}')

    @field_validator("prices_fen")
    @classmethod
    def one_to_five_sizes(cls, value: dict[str, int]) -> dict[str, int]:
        if not 1 <= len(value) <= 5:
            raise ValueError("give a price for 1 to 5 group sizes")
        return value


class ActivityCreate(WriteModel):
    name: str = Field(min_length=1, max_length=60)
    product_id: int = Field(ge=1)
    sizes: list[int] = Field(min_length=1, max_length=5, description="one group size, or a ladder such as [2, 3, 5]")
    skus: list[ActivitySkuWrite] = Field(min_length=1, max_length=200)
    window_hours: int = Field(default=24, ge=1, le=168, description="how long a group stays open after it is opened")
    starts_at: datetime
    ends_at: datetime
    per_customer_limit: int = Field(default=1, ge=1, le=100, description="groups one customer may be in per activity")
    max_units_per_order: int = Field(default=1, ge=1, le=99)
    virtual_fill_percent: int | None = Field(
        default=None, ge=1, le=99, description="at expiry, complete a group anyway when at least this percent of it has paid"
    )
    leader_discount_fen: int = Field(default=0, ge=0, description="extra amount off the leader's order (团长优惠)")


class ActivityUpdate(WriteModel):
    name: str | None = Field(default=None, min_length=1, max_length=60)
    skus: list[ActivitySkuWrite] | None = Field(default=None, min_length=1, max_length=200, description="only before the first group")
    window_hours: int | None = Field(default=None, ge=1, le=168)
    ends_at: datetime | None = None
    per_customer_limit: int | None = Field(default=None, ge=1, le=100)
    virtual_fill_percent: int | None = Field(default=None, ge=1, le=99)
    leader_discount_fen: int | None = Field(default=None, ge=0)
    status: ActivityStatus | None = None


class ActivitySkuRead(ReadModel):
    sku_id: int
    prices_fen: dict[str, int]


class ActivityRead(ReadModel):
    id: int
    name: str
    product_id: int
    sizes: list[int]
    skus: list[ActivitySkuRead]
    window_hours: int
    starts_at: datetime
    ends_at: datetime
    per_customer_limit: int
    max_units_per_order: int
    virtual_fill_percent: int | None
    leader_discount_fen: int
    status: ActivityStatus
    created_at: datetime


class ShopSkuRead(ReadModel):
    sku_id: int
    spec_text: str
    price_fen: int
    prices_fen: dict[str, int]
    sellable: bool


class GroupSummary(ReadModel):
    """An open group as the activity page lists it (join someone's group)."""

    id: int
    size: int
    paid_count: int
    remaining: int
    expires_at: datetime
    leader_nickname: str
    leader_avatar_url: str


class ShopActivityRead(ReadModel):
    id: int
    name: str
    product_id: int
    title: str
    image: str
    price_fen: int = Field(description="the lowest normal price of the activity's SKUs")
    group_price_fen: int = Field(description="the lowest group price")
    sizes: list[int]
    window_hours: int
    ends_at: datetime
    leader_discount_fen: int


class ShopActivityDetail(ShopActivityRead):
    skus: list[ShopSkuRead]
    per_customer_limit: int
    max_units_per_order: int
    open_groups: list[GroupSummary]


class MemberRead(ReadModel):
    nickname: str
    avatar_url: str
    is_leader: bool
    paid: bool


class GroupRead(ReadModel):
    """A group as its share page shows it: progress, countdown, who is in it."""

    id: int
    activity_id: int
    activity_name: str
    product_id: int
    title: str
    image: str
    size: int
    status: GroupStatus
    paid_count: int
    remaining: int
    expires_at: datetime
    virtual_fill: bool
    joinable: bool
    is_member: bool
    members: list[MemberRead]


class AdminMemberRead(ReadModel):
    id: int
    customer_id: int
    nickname: str
    order_id: int
    sku_id: int
    is_leader: bool
    status: MemberStatus
    counted: bool
    paid_at: datetime | None
    created_at: datetime


class AdminGroupRead(ReadModel):
    id: int
    activity_id: int
    leader_id: int
    size: int
    status: GroupStatus
    reserved_count: int
    paid_count: int
    virtual_fill: bool
    expires_at: datetime
    settled_at: datetime | None
    created_at: datetime
    members: list[AdminMemberRead]


class GroupOrderCreate(WriteModel):
    """Open a group (as its leader) or join one: the order is placed through checkout."""

    sku_id: int = Field(ge=1)
    quantity: int = Field(default=1, ge=1, le=99)
    size: int | None = Field(default=None, ge=2, le=100, description="opening a ladder activity: which group size")
    note: str = Field(default="", max_length=200)
    address_id: int | None = Field(default=None, ge=1, description="the customer's delivery address (GET /api/shop/addresses); the order ships only with one")


class GroupOrderRead(ReadModel):
    group_id: int
    order_id: int
    order_no: str
    total_fen: int
    pay_deadline: datetime


class MyGroupRead(ReadModel):
    group: GroupRead
    order_id: int
    member_status: MemberStatus
