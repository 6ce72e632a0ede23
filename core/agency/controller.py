"""The agency console's routes (agency staff only) and the public invitation link."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, Parameter

from core.agency import commission, console, invitations
from core.agency.schemas import (
    AgencyShopRead,
    CommissionRateRead,
    CommissionRateUpdate,
    CreatedShopRead,
    InvitationAccept,
    InvitationPreview,
    InvitationRead,
    LedgerEntryRead,
    OwnerInvite,
    ShopFromTemplate,
)
from core.agency.statements import MONTH_PATTERN, monthly_statement, statement_csv, statement_xlsx
from core.auth import SKIP_AUTH, AuthUser, staff_only
from core.openapi import AUTHED, problems
from core.plugin_host import PluginHost
from core.schemas import LARGEST_ID
from core.settings import Settings
from core.shops import services as shop_services

StaffRequest = Request[AuthUser, Any, Any]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AgencyConsoleController(Controller):
    path = "/api/agency"
    tags = ["agency console"]
    guards = [staff_only]

    @get("/shops", operation_id="listAgencyShops", responses=problems(*AUTHED))
    async def shops(self, request: StaffRequest, settings: NamedDependency[Settings]) -> list[AgencyShopRead]:
        """The agency's shops with today's and this month's GMV, paid orders and commission
        (business time zone). Agency staff only: shop staff get 403 ``agency_only``."""
        agency_id = console.require_agency(request.user)
        return [AgencyShopRead.model_validate(shop) for shop in await console.agency_shops(agency_id, settings.business_timezone)]

    @post("/shops", operation_id="createAgencyShopFromTemplate", responses=problems(*AUTHED, 409))
    async def create(
        self, request: StaffRequest, data: JSONBody[ShopFromTemplate], host: NamedDependency[PluginHost], settings: NamedDependency[Settings]
    ) -> CreatedShopRead:
        """Open a shop from a template shop of the agency: its pages, theme, enabled plugins and
        plugin settings are copied (never customers, orders or the catalog); the caller becomes
        an owner and ``owner_email``, if given, gets a one-time invitation link. A template of
        another agency is 422 naming ``template_shop_id``; nothing is written then."""
        agency_id = console.require_agency(request.user)
        made = await console.create_from_template(
            host,
            agency_id=agency_id,
            staff_id=request.user.account_id,
            name=data.name,
            slug=data.slug,
            template_shop_id=data.template_shop_id,
            rate_bp=data.rate_bp,
        )
        invitation_id = None
        if data.owner_email:
            sent = await invitations.invite_owner(
                settings, agency_id=agency_id, shop_id=made.shop.id, email=data.owner_email, staff_id=request.user.account_id
            )
            invitation_id = sent.invitation.id
        return CreatedShopRead(id=made.shop.id, name=made.shop.name, slug=made.shop.slug, copied=made.copied, invitation_id=invitation_id)

    @put("/shops/{shop_id:int}/commission", operation_id="setShopCommissionRate", responses=problems(*AUTHED))
    async def set_rate(self, request: StaffRequest, shop_id: FromPath[int], data: JSONBody[CommissionRateUpdate]) -> CommissionRateRead:
        """Set the shop's commission rate in basis points (0–10000; 200 = 2 %). It applies to
        orders charged from now on; entries already booked never change."""
        agency_id = console.require_agency(request.user)
        shop = await shop_services.agency_shop(agency_id, shop_id)
        rate = await commission.set_rate(shop.id, data.rate_bp, request.user.account_id)
        return CommissionRateRead(shop_id=shop.id, rate_bp=rate)

    @post("/shops/{shop_id:int}/invitations", operation_id="inviteShopOwner", responses=problems(*AUTHED, 409))
    async def invite(self, request: StaffRequest, shop_id: FromPath[int], data: JSONBody[OwnerInvite], settings: NamedDependency[Settings]) -> InvitationRead:
        """Email a one-time link (valid 3 days) that makes ``email`` an owner of the shop."""
        agency_id = console.require_agency(request.user)
        sent = await invitations.invite_owner(settings, agency_id=agency_id, shop_id=shop_id, email=data.email, staff_id=request.user.account_id)
        return InvitationRead.model_validate(sent.invitation)

    @get("/shops/{shop_id:int}/ledger", operation_id="listShopCommissionLedger", responses=problems(*AUTHED))
    async def ledger(
        self,
        request: StaffRequest,
        shop_id: FromPath[int],
        limit: int = Parameter(default=50, ge=1, le=200),
        offset: int = Parameter(default=0, ge=0, le=LARGEST_ID),
    ) -> list[LedgerEntryRead]:
        """The shop's commission entries, newest first (append-only: corrections are new entries)."""
        agency_id = console.require_agency(request.user)
        shop = await shop_services.agency_shop(agency_id, shop_id)
        return [LedgerEntryRead.model_validate(row) for row in await commission.ledger(shop.id, limit=limit, offset=offset)]

    @get("/shops/{shop_id:int}/statements/{month:str}", operation_id="downloadShopStatementCsv", media_type="text/csv", responses=problems(*AUTHED))
    async def statement_csv(
        self,
        request: StaffRequest,
        shop_id: FromPath[int],
        settings: NamedDependency[Settings],
        month: str = Parameter(pattern=MONTH_PATTERN, description="YYYY-MM"),
    ) -> Response[bytes]:
        """The shop's statement of a month (``YYYY-MM`` in the business time zone) as CSV (UTF-8
        with BOM): one line per ledger entry booked in it and a total line — GMV, refunds,
        commission, net, in fen."""
        shop, statement = await self._statement(request, shop_id, month, settings)
        return _download(statement_csv(statement), "text/csv; charset=utf-8", f"commission-{shop.slug}-{month}.csv")

    @get("/shops/{shop_id:int}/statements/{month:str}/xlsx", operation_id="downloadShopStatementXlsx", media_type=XLSX, responses=problems(*AUTHED))
    async def statement_xlsx(
        self,
        request: StaffRequest,
        shop_id: FromPath[int],
        settings: NamedDependency[Settings],
        month: str = Parameter(pattern=MONTH_PATTERN, description="YYYY-MM"),
    ) -> Response[bytes]:
        """The same statement as an XLSX workbook (one sheet named after the month)."""
        shop, statement = await self._statement(request, shop_id, month, settings)
        return _download(statement_xlsx(statement), XLSX, f"commission-{shop.slug}-{month}.xlsx")

    async def _statement(self, request: StaffRequest, shop_id: int, month: str, settings: Settings) -> Any:
        agency_id = console.require_agency(request.user)
        shop = await shop_services.agency_shop(agency_id, shop_id)
        return shop, await monthly_statement(shop.id, month, settings.business_timezone)


def _download(body: bytes, media_type: str, name: str) -> Response[bytes]:
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


class InvitationController(Controller):
    path = "/api/invitations"
    tags = ["agency console"]

    @get("/{token:str}", operation_id="getOwnerInvitation", opt={SKIP_AUTH: True}, responses=problems(404, 410))
    async def preview(self, token: FromPath[str]) -> InvitationPreview:
        """What an invitation link offers, before it is used (410 once used or expired)."""
        invitation = await invitations.open_invitation(token)
        return InvitationPreview(
            shop_name=invitation.shop.name,
            email=invitation.email,
            expires_at=invitation.expires_at,
            has_account=await invitations.has_account(invitation.email),
        )

    @post("/{token:str}/accept", operation_id="acceptOwnerInvitation", opt={SKIP_AUTH: True}, status_code=204, responses=problems(401, 404, 410, 422))
    async def accept(self, token: FromPath[str], data: JSONBody[InvitationAccept]) -> None:
        """Use the link (once): a new account is created with ``password``, an existing one of
        the agency confirms with its own; either becomes an owner of the shop. Then log in."""
        await invitations.accept(token, password=data.password, display_name=data.display_name)
