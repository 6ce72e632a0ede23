"""Request and response shapes for accounts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from core.accounts.models import StaffRole
from core.schemas import ReadModel, WriteModel
from core.security.crypto import PHONE_INPUT_PATTERN


class StaffLogin(WriteModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=256)
    shop_id: int | None = Field(default=None, description="shop to work in; default: the first")


class SwitchShop(WriteModel):
    shop_id: int


class ChangePassword(WriteModel):
    old_password: str = Field(max_length=256)
    new_password: str = Field(min_length=8, max_length=256)


class ShopMembershipRead(ReadModel):
    shop_id: int
    shop_name: str
    role: StaffRole


class StaffRead(ReadModel):
    id: int
    email: str
    display_name: str
    is_agency_admin: bool


class StaffSession(ReadModel):
    access_token: str
    token_type: str = "Bearer"
    expires_in: int
    staff: StaffRead
    shop_id: int
    role: StaffRole
    shops: list[ShopMembershipRead]


class StaffMemberCreate(WriteModel):
    email: str = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    display_name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=8, max_length=256)
    role: StaffRole


class StaffMemberUpdate(WriteModel):
    role: StaffRole


class StaffMemberRead(ReadModel):
    id: int
    staff_id: int
    email: str
    display_name: str
    role: StaffRole
    agency_staff: bool = Field(description="an agency admin: only another agency admin may remove them or change their role")


class CustomerLogin(WriteModel):
    shop_id: int
    code: str = Field(min_length=1, max_length=256, description="wx.login() code")
    share_code: str | None = Field(
        default=None,
        max_length=32,
        pattern="^[0-9A-Za-z]*$",
        description="the share code of the link that brought the customer; when this login creates the "
        "customer, plugins hear it through kaidian_on_customer_registered (e.g. points: share rewards)",
    )


class CustomerSession(ReadModel):
    access_token: str
    token_type: str = "Bearer"
    expires_in: int
    customer_id: int
    shop_id: int


class CustomerProfileUpdate(WriteModel):
    nickname: str | None = Field(default=None, max_length=64)
    avatar_url: str | None = Field(default=None, max_length=512)
    phone: str | None = Field(default=None, pattern=f"^$|{PHONE_INPUT_PATTERN}", description="a mainland mobile number; empty removes it")
    birthday: date | None = Field(default=None, description="YYYY-MM-DD; can be set once (birthday gifts depend on it)")


class CustomerRead(ReadModel):
    id: int
    nickname: str
    avatar_url: str
    phone: str | None
    birthday: date | None = None
    created_at: datetime


class StaffCustomerRead(CustomerRead):
    """A customer as the shop's staff see them: phone masked, with their paid orders' figures."""

    order_count: int = Field(description="paid orders")
    spent_fen: int = Field(description="paid minus refunded, in fen")
    last_order_at: datetime | None = Field(description="when their latest paid order was placed")
    tags: list[str] = Field(default=[], description="the labels the shop's staff put on them")


CustomerTagName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]


class CustomerTagsWrite(WriteModel):
    """A customer's whole set of tags (replaces the old one; ``[]`` removes every tag)."""

    tags: list[CustomerTagName] = Field(max_length=20)


class AddressWrite(WriteModel):
    recipient: str = Field(min_length=1, max_length=32)
    phone: str = Field(pattern=PHONE_INPUT_PATTERN)
    province: str = Field(min_length=1, max_length=32)
    city: str = Field(min_length=1, max_length=32)
    district: str = Field(default="", max_length=32)
    detail: str = Field(min_length=1, max_length=200)
    is_default: bool = False


class AddressUpdate(WriteModel):
    recipient: str | None = Field(default=None, min_length=1, max_length=32)
    phone: str | None = Field(default=None, pattern=PHONE_INPUT_PATTERN)
    province: str | None = Field(default=None, min_length=1, max_length=32)
    city: str | None = Field(default=None, min_length=1, max_length=32)
    district: str | None = Field(default=None, max_length=32)
    detail: str | None = Field(default=None, min_length=1, max_length=200)
    is_default: bool | None = None


class AddressText(ReadModel):
    """An address as people read it (the address book's entry, an order's delivery address)."""

    recipient: str
    phone: str
    province: str
    city: str
    district: str
    detail: str


class AddressRead(AddressText):
    id: int
    is_default: bool
