"""HTTP routes: customers (balance, ledger, daily sign-in, share code, redemption preview, points
mall) and staff (a customer's ledger, manual adjustments). Controllers parse and authorise;
the rules live in ledger, earning, redeem and services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath, JSONBody, Parameter

from core import clock
from core.auth import AuthUser, customer_only, managers, staff_only
from core.errors import Conflict
from core.i18n import negotiate_locale, pick
from core.openapi import AUTHED, problems
from core.schemas import LARGEST_ID
from core.pricing.pipeline import price
from core.pricing.types import PricingContext, PricingLine
from plugins.points import earning, ledger, services
from plugins.points.models import PointsEntry
from plugins.points.redeem import max_points, points_for, problem
from plugins.points.schemas import (
    AdjustmentCreate,
    BalanceRead,
    CustomerLedgerRead,
    EntryRead,
    LedgerPage,
    MallItemRead,
    RedeemPreviewCreate,
    RedeemPreviewRead,
    ShareRead,
    SignInRead,
)

AuthedRequest = Request[AuthUser, Any, Any]
TAGS = ["plugin: points"]
PageLimit = Parameter(default=20, ge=1, le=services.MAX_PAGE, description="entries per page")
BeforeId = Parameter(default=None, ge=1, le=LARGEST_ID, description="the next_before_id of the previous page")


def _now() -> datetime:
    return clock.now()


def _timezone(request: AuthedRequest) -> str:
    return request.app.state.settings.business_timezone


def _page(rows: list[PointsEntry], next_before_id: int | None) -> LedgerPage:
    return LedgerPage(items=[EntryRead.model_validate(row) for row in rows], next_before_id=next_before_id)


class PointsShopController(Controller):
    path = "/api/shop/points"
    tags = TAGS
    guards = [customer_only]

    @get("/balance", operation_id="pointsBalance", responses=problems(*AUTHED))
    async def balance(self, request: AuthedRequest) -> BalanceRead:
        """The caller's points: balance, held by unpaid orders, available, expiring within 30 days."""
        return BalanceRead(**await services.balance_view(request.user.shop_id, request.user.account_id, _now()))

    @get("/ledger", operation_id="pointsLedger", responses=problems(*AUTHED))
    async def ledger_page(self, request: AuthedRequest, limit: int = PageLimit, before_id: int | None = BeforeId) -> LedgerPage:
        """The caller's ledger, newest first, a page at a time."""
        return _page(*await services.ledger_page(request.user.shop_id, request.user.account_id, before_id, limit))

    @get("/sign-in", operation_id="pointsSignInState", responses=problems(*AUTHED))
    async def sign_in_state(self, request: AuthedRequest) -> SignInRead:
        """Whether the caller signed in today, their streak and what today's sign-in gives."""
        state = await earning.sign_in_state(request.user.shop_id, request.user.account_id, _now(), _timezone(request))
        return SignInRead(**state.__dict__)

    @post("/sign-in", operation_id="pointsSignIn", responses=problems(*AUTHED, 409))
    async def sign_in(self, request: AuthedRequest) -> SignInRead:
        """Sign in for today (one per business day; 409 for the second): points grow with the streak."""
        state = await earning.sign_in(request.user.shop_id, request.user.account_id, _now(), _timezone(request))
        return SignInRead(**state.__dict__)

    @get("/share", operation_id="pointsShare", responses=problems(*AUTHED))
    async def share(self, request: AuthedRequest) -> ShareRead:
        """The caller's share code (put it in shared links as ``share_code``; a new customer logging
        in with it counts as invited) and how many invitees earned them the reward."""
        return ShareRead(**await services.share_view(request.user.shop_id, request.user.account_id))

    @post("/redeem-preview", operation_id="pointsRedeemPreview", responses=problems(*AUTHED, 409, 503))
    async def redeem_preview(self, request: AuthedRequest, data: JSONBody[RedeemPreviewCreate]) -> RedeemPreviewRead:
        """What redeeming points would do to a cart, priced like the checkout (other plugins'
        discounts included): the most that may be used, and why a request cannot be."""
        from core.catalog.inventory import sku_snapshot

        shop_id, customer_id = request.user.shop_id, request.user.account_id
        quantities: dict[int, int] = {}
        for line in data.lines:
            quantities[line.sku_id] = quantities.get(line.sku_id, 0) + line.quantity
        snapshot = await sku_snapshot(shop_id, list(quantities))
        missing = sorted(set(quantities) - set(snapshot))
        if missing:
            raise Conflict("sku_unavailable", field="sku_id", sku_id=missing[0])
        context = PricingContext(
            shop_id=shop_id,
            customer_id=customer_id,
            lines=tuple(PricingLine(sku_id, quantities[sku_id], snapshot[sku_id].price_fen, product_id=snapshot[sku_id].product_id) for sku_id in sorted(quantities)),
            now=_now(),
            inputs={"points": {"points_to_redeem": data.points_to_redeem}} if data.points_to_redeem else {},
        )
        breakdown = await price(request.app.state.host, context)
        settings = await ledger.shop_settings(shop_id)
        available = (await ledger.balance_of(shop_id, customer_id)).available
        discount = -sum(item.applied_fen for item in breakdown.applied if item.adjustment.source == "points")
        why = problem(data.points_to_redeem, available, context.subtotal_fen, settings) if data.points_to_redeem else None
        return RedeemPreviewRead(
            available=available,
            max_points=min(available, max_points(context.subtotal_fen, settings)) if settings["redeem_max_percent"] else 0,
            points_used=points_for(discount, settings),
            discount_fen=discount,
            subtotal_fen=breakdown.subtotal_fen,
            total_fen=breakdown.total_fen,
            problem=pick(why, negotiate_locale(request.headers.get("accept-language"))) if why else None,
        )

    @get("/mall", operation_id="pointsMall", responses=problems(*AUTHED))
    async def mall(
        self,
        request: AuthedRequest,
        limit: int = Parameter(default=10, ge=1, le=50),
        tag: str | None = Parameter(default=None, max_length=20, description="only products with this tag"),
    ) -> list[MallItemRead]:
        """The points mall: on-sale products with how many points may pay part of each."""
        return [MallItemRead(**item.__dict__) for item in await services.mall(request.user.shop_id, limit, tag)]


class PointsAdminController(Controller):
    path = "/api/admin/points"
    tags = TAGS
    guards = [staff_only]

    @get("/customers/{customer_id:int}", operation_id="pointsAdminCustomerLedger", responses=problems(*AUTHED))
    async def customer_ledger(
        self, request: AuthedRequest, customer_id: FromPath[int], limit: int = PageLimit, before_id: int | None = BeforeId
    ) -> CustomerLedgerRead:
        """A customer's points and ledger (newest first), for customer service."""
        shop_id = request.user.shop_id
        await services.shop_customer(shop_id, customer_id)
        account = await ledger.ensure_account(shop_id, customer_id)
        return CustomerLedgerRead(
            **await services.balance_view(shop_id, customer_id, _now()),
            customer_id=customer_id,
            share_code=account.share_code,
            ledger=_page(*await services.ledger_page(shop_id, customer_id, before_id, limit)),
        )

    @post("/customers/{customer_id:int}/adjustments", operation_id="pointsAdminAdjust", guards=[managers], responses=problems(*AUTHED, 409))
    async def adjust(self, request: AuthedRequest, customer_id: FromPath[int], data: JSONBody[AdjustmentCreate]) -> EntryRead:
        """Add or take away points with a reason (owners and operators); the ledger keeps who did it."""
        entry = await services.adjust(
            request.user.shop_id, customer_id, data.points, data.reason, f"staff:{request.user.account_id}", _now()
        )
        return EntryRead.model_validate(entry)
