"""Request and response shapes of the coupons routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from core.schemas import LARGEST_ID, ReadModel, WriteModel
from plugins.coupons.models import CouponKind, CouponScope, CouponSource, CouponStatus, SharerKind, TemplateStatus, ValidityKind

Ids = list[int]


class TemplateCreate(WriteModel):
    name: str = Field(min_length=1, max_length=60)
    kind: CouponKind
    # Amounts sit in 32-bit columns (a larger one failed as a 500 on PostgreSQL).
    amount_fen: int = Field(default=0, ge=0, le=LARGEST_ID, description="amount off (shipping: 0 means the whole fee)")
    percent_off: int = Field(default=0, ge=0, le=99, description="percent_off coupons: 15 means 15% off (8.5折)")
    max_discount_fen: int | None = Field(default=None, ge=1, le=LARGEST_ID)
    threshold_fen: int = Field(default=0, ge=0, le=LARGEST_ID, description="minimum spend on the qualifying items")
    scope: CouponScope = CouponScope.SHOP
    scope_ids: Ids = Field(default_factory=list, max_length=500)
    excluded_product_ids: Ids = Field(default_factory=list, max_length=500)
    excluded_category_ids: Ids = Field(default_factory=list, max_length=500)
    exclusive: bool = Field(default=False, description="cannot be combined with any other coupon")
    validity: ValidityKind = ValidityKind.FIXED
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    valid_days: int | None = Field(default=None, ge=1, le=3650)
    claim_starts_at: datetime | None = None
    claim_ends_at: datetime | None = None
    total_quantity: int = Field(ge=1, le=10_000_000)
    per_customer_limit: int = Field(default=1, ge=1, le=100)
    claimable: bool = Field(default=True, description="listed in the claim centre")
    new_customer_gift: bool = False


class TemplateUpdate(WriteModel):
    name: str | None = Field(default=None, min_length=1, max_length=60)
    total_quantity: int | None = Field(default=None, ge=1, le=10_000_000)
    per_customer_limit: int | None = Field(default=None, ge=1, le=100)
    claimable: bool | None = None
    new_customer_gift: bool | None = None
    status: TemplateStatus | None = None
    claim_starts_at: datetime | None = None
    claim_ends_at: datetime | None = None


class TemplateSummary(ReadModel):
    """What a coupon template promises, as customers and staff both see it."""

    id: int
    name: str
    kind: CouponKind
    title: dict[str, str]
    amount_fen: int
    percent_off: int
    max_discount_fen: int | None
    threshold_fen: int
    validity: ValidityKind
    valid_from: datetime | None
    valid_until: datetime | None
    valid_days: int | None


class TemplateRead(TemplateSummary):
    scope: CouponScope
    scope_ids: Ids
    excluded_product_ids: Ids
    excluded_category_ids: Ids
    exclusive: bool
    claim_starts_at: datetime | None
    claim_ends_at: datetime | None
    total_quantity: int
    issued_count: int
    per_customer_limit: int
    claimable: bool
    new_customer_gift: bool
    status: TemplateStatus


class ClaimableRead(TemplateSummary):
    """A template as the claim centre shows it to one customer."""

    remaining: int
    claimed: int
    can_claim: bool


class GrantRequest(WriteModel):
    """Who receives one coupon each: named customers, those who joined recently, or (both
    empty) every customer of the shop."""

    customer_ids: Ids | None = Field(default=None, min_length=1, max_length=1000)
    joined_within_days: int | None = Field(default=None, ge=1, le=3650)


class GrantRefusal(ReadModel):
    customer_id: int
    reason: str


class GrantResult(ReadModel):
    granted: Ids
    refused: list[GrantRefusal]


class CouponRead(ReadModel):
    id: int
    template_id: int
    name: str
    kind: CouponKind
    title: dict[str, str]
    status: CouponStatus
    source: CouponSource
    valid_from: datetime
    valid_until: datetime
    expired: bool
    order_id: int | None


class ShareRead(ReadModel):
    """A share link: send ``code`` (e.g. in a mini-program page's query) to whoever should
    claim through it."""

    id: int
    code: str
    template_id: int
    sharer_kind: SharerKind
    sharer_id: int
    sharer_name: str
    claims: int = Field(description="coupons claimed through this link")
    created_at: datetime


class ShareOffer(ReadModel):
    """What a share link offers the customer who opened it."""

    code: str
    sharer_name: str
    coupon: ClaimableRead


class WelcomeRead(ReadModel):
    is_new_customer: bool
    coupons: list[ClaimableRead]


class PreviewLine(WriteModel):
    sku_id: int = Field(ge=1)
    quantity: int = Field(ge=1, le=9999)
    unit_price_fen: int = Field(ge=0)
    product_id: int | None = Field(default=None, ge=1)
    category_ids: Ids = Field(default_factory=list, max_length=50)


class PreviewRequest(WriteModel):
    lines: list[PreviewLine] = Field(min_length=1, max_length=200)
    shipping_fen: int = Field(default=0, ge=0)
    coupon_ids: Ids | None = Field(default=None, max_length=20, description="omit to let the best combination be picked")


class PreviewCoupon(ReadModel):
    coupon_id: int
    discount_fen: int
    reason: str


class PreviewRead(ReadModel):
    subtotal_fen: int
    discount_fen: int
    shipping_fen: int
    total_fen: int
    applied: list[PreviewCoupon]
    unusable: list[PreviewCoupon]


# This plugin's part of the checkout body, ``plugins.coupons`` (kaidian_register_checkout_inputs).
CHECKOUT_INPUT = {
    "type": "object",
    "properties": {
        "coupon_ids": {
            "type": "array",
            "items": {"type": "integer", "minimum": 1, "maximum": LARGEST_ID},
            "maxItems": 20,
            "description": "the coupons the customer chose ([] for none); omit to let the best be picked",
        }
    },
    "additionalProperties": False,
}
