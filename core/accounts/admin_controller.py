"""Staff-facing account routes: login, shop switching, the shop's staff, customers (masked)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, Parameter

from core.accounts import customers as customer_service
from core.agency import console as agency_console
from core.accounts import login_throttle
from core.accounts import services
from core.accounts.schemas import (
    ChangePassword,
    CustomerTagsWrite,
    ShopMembershipRead,
    StaffLogin,
    StaffMemberCreate,
    StaffMemberRead,
    StaffMemberUpdate,
    StaffCustomerRead,
    StaffRead,
    StaffSession,
    SwitchShop,
)
from core.auth import SKIP_AUTH, AuthUser, issue_staff_token, managers, owner_only, staff_only
from core.errors import KaidianError, NotFound
from core.openapi import AUTHED, problems
from core.schemas import LARGEST_ID
from core.security.crypto import FieldCipher
from core.settings import Settings

StaffRequest = Request[AuthUser, Any, Any]


async def _session(request: Request[Any, Any, Any], settings: Settings, staff: Any, shop_id: int | None) -> StaffSession:
    memberships = await services.memberships_of(staff.id)
    if not memberships:
        raise NotFound(field="shop_id")
    chosen = memberships[0]
    if shop_id is not None:
        chosen = next((m for m in memberships if m.shop_id == shop_id), None)  # type: ignore[attr-defined]
        if chosen is None:
            raise NotFound(field="shop_id")
    token = issue_staff_token(request.app.state.jwt_auth, staff, chosen.shop_id, chosen.role)  # type: ignore[attr-defined]
    return StaffSession(
        access_token=token,
        expires_in=settings.access_token_minutes * 60,
        staff=StaffRead.model_validate(staff),
        shop_id=chosen.shop_id,  # type: ignore[attr-defined]
        role=chosen.role,
        shops=[
            ShopMembershipRead(shop_id=m.shop_id, shop_name=m.shop.name, role=m.role)  # type: ignore[attr-defined]
            for m in memberships
        ],
    )


class StaffAuthController(Controller):
    path = "/api/admin/auth"
    tags = ["admin: auth"]

    @post("/login", operation_id="staffLogin", opt={SKIP_AUTH: True}, responses=problems(401, 404, 429))
    async def login(self, request: Request[Any, Any, Any], data: JSONBody[StaffLogin], settings: NamedDependency[Settings]) -> StaffSession:
        """Log in with email and password; the token works in one shop (default: the first).

        After 5 wrong passwords for an account, or 30 from one address, within 15 minutes,
        logins answer 429 ``login_locked`` (with ``Retry-After``) until the window moves on."""
        address = request.client.host if request.client else "unknown"
        await login_throttle.refuse_if_locked(request.app, data.email, address)
        try:
            staff = await services.authenticate_staff(data.email, data.password)
        except KaidianError as error:
            if error.code == "login_failed":
                await login_throttle.count_failure(request.app, data.email, address)
            raise
        return await _session(request, settings, staff, data.shop_id)

    @post("/switch-shop", operation_id="staffSwitchShop", guards=[staff_only], responses=problems(*AUTHED))
    async def switch_shop(self, request: StaffRequest, data: JSONBody[SwitchShop], settings: NamedDependency[Settings]) -> StaffSession:
        """Get a token for another shop the staff member works in. Agency staff may enter any
        shop of their agency (they take the owner role there if they had none)."""
        if request.user.is_agency_admin and request.user.agency_id is not None:
            await agency_console.enter_shop(request.user.agency_id, request.user.account_id, data.shop_id)
        staff = await services.get_staff(request.user.account_id)
        return await _session(request, settings, staff, data.shop_id)

    @get("/me", operation_id="staffMe", guards=[staff_only], responses=problems(*AUTHED))
    async def me(self, request: StaffRequest) -> StaffRead:
        """The logged-in staff member."""
        return StaffRead.model_validate(await services.get_staff(request.user.account_id))

    @post("/password", operation_id="staffChangePassword", guards=[staff_only], status_code=204, responses=problems(*AUTHED))
    async def change_password(self, request: StaffRequest, data: JSONBody[ChangePassword]) -> None:
        """Change password; every token issued before stops working."""
        await services.change_password(request.user.account_id, data.old_password, data.new_password)

    @post("/logout-all", operation_id="staffLogoutEverywhere", guards=[staff_only], status_code=204, responses=problems(*AUTHED))
    async def logout_all(self, request: StaffRequest) -> None:
        """Revoke every token of this staff member."""
        await services.logout_everywhere(request.user.account_id)


def _member(membership: Any) -> StaffMemberRead:
    return StaffMemberRead(
        id=membership.id,
        staff_id=membership.staff_id,
        email=membership.staff.email,
        display_name=membership.staff.display_name,
        role=membership.role,
        agency_staff=membership.staff.is_agency_admin,
    )


class ShopStaffController(Controller):
    path = "/api/admin/staff"
    tags = ["admin: staff"]
    guards = [staff_only]

    @get("/", operation_id="listShopStaff", responses=problems(*AUTHED))
    async def list_staff(self, request: StaffRequest) -> list[StaffMemberRead]:
        """Staff of the current shop with their roles."""
        return [_member(m) for m in await services.list_shop_staff(request.user.shop_id)]

    @post("/", operation_id="addShopStaff", guards=[owner_only], responses=problems(*AUTHED, 409))
    async def add_staff(self, request: StaffRequest, data: JSONBody[StaffMemberCreate]) -> StaffMemberRead:
        """Add a staff member to the current shop (owners only)."""
        membership = await services.add_staff_to_shop(
            shop_id=request.user.shop_id,
            email=data.email,
            display_name=data.display_name,
            password=data.password,
            role=data.role,
        )
        await membership.fetch_related("staff")
        return _member(membership)

    @patch("/{membership_id:int}", operation_id="changeShopStaffRole", guards=[owner_only], responses=problems(*AUTHED, 409))
    async def change_role(self, request: StaffRequest, membership_id: FromPath[int], data: JSONBody[StaffMemberUpdate]) -> StaffMemberRead:
        """Change a staff member's role in the current shop (owners only). An agency admin's role
        is the agency's to change: another agency admin may, a shop owner gets 403 ``agency_managed``."""
        membership = await services.change_staff_role(
            request.user.shop_id,
            membership_id,
            data.role,
            request.user.account_id,
            acting_is_agency_admin=request.user.is_agency_admin,
        )
        return _member(membership)

    @delete("/{membership_id:int}", operation_id="removeShopStaff", guards=[owner_only], responses=problems(*AUTHED, 409))
    async def remove(self, request: StaffRequest, membership_id: FromPath[int]) -> None:
        """Remove a staff member from the current shop (owners only). Agency admins are removed
        by the agency only: a shop owner gets 403 ``agency_managed``."""
        await services.remove_staff(request.user.shop_id, membership_id, acting_is_agency_admin=request.user.is_agency_admin)


class ShopCustomersController(Controller):
    path = "/api/admin/customers"
    tags = ["admin: customers"]
    guards = [staff_only]

    @get("/", operation_id="listCustomers", responses=problems(*AUTHED))
    async def list_customers(
        self,
        request: StaffRequest,
        cipher: NamedDependency[FieldCipher],
        phone: str | None = Parameter(default=None, max_length=20, description="exact phone look-up"),
        limit: int = Parameter(default=50, ge=1, le=200),
        offset: int = Parameter(default=0, ge=0, le=LARGEST_ID),
    ) -> list[StaffCustomerRead]:
        """Customers of the current shop, newest first, with their paid orders' count, spend
        (net of refunds) and latest order; phone numbers are masked (138****1234). ``phone``
        finds the customer with that number (a blind-index look-up: numbers stay encrypted)."""
        rows = await customer_service.find_customers(
            request.user.shop_id, cipher, phone=phone, limit=limit, offset=offset
        )
        return await customer_service.staff_reads(request.user.shop_id, rows, cipher)

    @get("/{customer_id:int}", operation_id="getCustomer", responses=problems(*AUTHED))
    async def get_customer(self, request: StaffRequest, customer_id: FromPath[int], cipher: NamedDependency[FieldCipher]) -> StaffCustomerRead:
        """One customer of the current shop, phone masked, with their order figures."""
        customer = await customer_service.get_customer(request.user.shop_id, customer_id)
        return (await customer_service.staff_reads(request.user.shop_id, [customer], cipher))[0]

    @get("/tags", operation_id="listCustomerTags", responses=problems(*AUTHED))
    async def list_tags(self, request: StaffRequest) -> list[str]:
        """Every tag some customer of the current shop carries, sorted (the tag picker's list)."""
        return await customer_service.shop_tags(request.user.shop_id)

    @put("/{customer_id:int}/tags", operation_id="setCustomerTags", guards=[managers], responses=problems(*AUTHED, 404))
    async def set_tags(
        self, request: StaffRequest, customer_id: FromPath[int], data: JSONBody[CustomerTagsWrite], cipher: NamedDependency[FieldCipher]
    ) -> StaffCustomerRead:
        """Replace a customer's tags (owners and operators): labels such as 企业客户 that other
        features target (the ads plugin's campaigns, through ``tag`` customer segments)."""
        customer = await customer_service.set_customer_tags(request.user.shop_id, customer_id, data.tags)
        return (await customer_service.staff_reads(request.user.shop_id, [customer], cipher))[0]
