"""Request and response shapes of the community group API."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, model_validator

from core.schemas import ReadModel, WriteModel


class PickupPointWrite(WriteModel):
    name: str = Field(min_length=1, max_length=60, description="e.g. 阳光小区3号楼便利店")
    address: str = Field(min_length=1, max_length=200)
    opening_hours: str = Field(min_length=1, max_length=60, description="e.g. 每天 08:00-21:00")
    latitude: float = Field(ge=-90, le=90, allow_inf_nan=False, description="WGS-84 degrees")
    longitude: float = Field(ge=-180, le=180, allow_inf_nan=False, description="WGS-84 degrees")


class LeaderApply(WriteModel):
    name: str = Field(min_length=1, max_length=40)
    phone: str = Field(pattern=r"^\+?[0-9][0-9-]{5,18}$")
    pickup_point: PickupPointWrite


class PickupPointRead(ReadModel):
    id: int
    name: str
    address: str
    opening_hours: str
    latitude: float
    longitude: float


class LeaderRead(ReadModel):
    id: int
    customer_id: int
    name: str = Field(description="in full for the leader themself and, on one leader's detail, owners and operators; else masked (王**)")
    phone: str = Field(description="in full or masked (138****8000) like the name")
    contact_masked: bool = Field(description="whether name and phone are masked in this answer")
    status: str
    commission_bp: int
    review_note: str
    reviewed_at: datetime | None
    created_at: datetime
    pickup_point: PickupPointRead


class ReviewWrite(WriteModel):
    note: str = Field(default="", max_length=200)
    commission_bp: int | None = Field(default=None, ge=0, le=5000, description="approval only; default: the shop's default rate")


class LeaderRateWrite(WriteModel):
    commission_bp: int = Field(ge=0, le=5000, description="basis points: 500 = 5%")


class NearbyPointRead(PickupPointRead):
    leader_name: str = Field(description="masked (王**): customers choose a point, not a person")
    distance_m: int | None = Field(description="from the given location; null without one")


class PickupCodeRead(ReadModel):
    order_id: int
    order_status: str
    pickup_code: str
    scan_payload: str = Field(description="what the QR code shows; the leader's scanner posts it as `scan`")
    picked_up_at: datetime | None
    pickup_point: PickupPointRead


class VerifyWrite(WriteModel):
    code: str | None = Field(default=None, max_length=32, description="the digits the customer shows")
    scan: str | None = Field(default=None, max_length=100, description="or the scanned QR payload")

    @model_validator(mode="after")
    def one_of(self) -> VerifyWrite:
        if (self.code is None) == (self.scan is None):
            raise ValueError("give either code or scan")
        return self


class LeaderOrderRead(ReadModel):
    order_id: int
    order_no: str
    status: str
    total_fen: int
    batch_id: int | None
    picked_up_at: datetime | None
    created_at: datetime


class VerifyRead(ReadModel):
    order_id: int
    order_no: str
    status: str
    picked_up_at: datetime


class BatchCreate(WriteModel):
    cutoff: datetime | None = Field(default=None, description="orders paid up to this time (aware); default now")

    @model_validator(mode="after")
    def aware(self) -> BatchCreate:
        if self.cutoff is not None and self.cutoff.tzinfo is None:
            raise ValueError("cutoff needs a time zone")
        return self


class BatchRead(ReadModel):
    id: int
    batch_no: str
    cutoff: datetime
    order_count: int
    created_by: str
    created_at: datetime


class PickingRowRead(ReadModel):
    leader_id: int
    leader_name: str = Field(description="in full for owners, operators and the leader themself; masked for customer service")
    leader_phone: str = Field(description="in full or masked like the name")
    point_name: str
    point_address: str
    title: str
    sku_code: str
    quantity: int
    order_count: int


class LeaderBatchRead(BatchRead):
    picking: list[PickingRowRead]


class ProductRateWrite(WriteModel):
    rate_bp: int | None = Field(ge=0, le=5000, description="basis points; null removes the product's own rate")


class ProductRateRead(ReadModel):
    product_id: int
    rate_bp: int


class SettleCreate(WriteModel):
    period: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="a finished month, e.g. 2026-10")


class SettlementRead(ReadModel):
    id: int
    period: str
    period_end: datetime
    entry_count: int
    total_fen: int
    created_by: str
    created_at: datetime


class EntryRead(ReadModel):
    id: int
    order_id: int
    kind: str
    cause: str
    base_fen: int
    amount_fen: int
    occurred_at: datetime


class StatementRead(ReadModel):
    settlement_id: int
    period: str
    leader_id: int
    leader_name: str = Field(description="in full for owners, operators and the leader themself; masked for customer service")
    leader_phone: str = Field(description="in full or masked like the name")
    accrued_fen: int
    reversed_fen: int
    total_fen: int
    entries: list[EntryRead]


class CommissionRead(ReadModel):
    unsettled_fen: int
    statements: list[StatementRead]
