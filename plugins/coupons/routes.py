"""HTTP routes: merchant admin (templates, grants) and customers (claim centre, my coupons,
new-customer gift, coupon preview). Controllers parse and authorise; services hold the rules."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Controller, Request, get, patch, post
from litestar.params import FromPath, JSONBody, Parameter

from core import clock
from core.auth import SKIP_AUTH, AuthUser, customer_only, managers, optional_customer, staff_only
from core.catalog.storefront import require_open_shop
from core.i18n import negotiate_locale, pick
from core.openapi import AUTHED, problems
from core.pricing.pipeline import price
from core.pricing.types import PricingContext, PricingLine
from plugins.coupons import services
from plugins.coupons.models import Coupon, CouponShare, CouponStatus, CouponTemplate, SharerKind
from plugins.coupons.offers import title
from plugins.coupons.services import terms_of_template
from plugins.coupons.schemas import (
    ClaimableRead,
    CouponRead,
    GrantRefusal,
    GrantRequest,
    GrantResult,
    PreviewCoupon,
    PreviewRead,
    PreviewRequest,
    ShareOffer,
    ShareRead,
    TemplateCreate,
    TemplateRead,
    TemplateSummary,
    TemplateUpdate,
    WelcomeRead,
)

AuthedRequest = Request[AuthUser, Any, Any]
TAGS = ["plugin: coupons"]


def _now() -> datetime:
    return clock.now()


def _locale(request: AuthedRequest) -> str:
    return negotiate_locale(request.headers.get("accept-language"))


def _template_values(template: CouponTemplate, schema: type[TemplateSummary]) -> dict[str, Any]:
    values = {name: getattr(template, name) for name in schema.model_fields if hasattr(template, name)}
    values["title"] = title(terms_of_template(template))
    return values


def template_read(template: CouponTemplate) -> TemplateRead:
    return TemplateRead(**_template_values(template, TemplateRead))


def claimable_read(template: CouponTemplate, claimed: int, now: datetime) -> ClaimableRead:
    return ClaimableRead(
        **_template_values(template, TemplateSummary),
        remaining=max(template.total_quantity - template.issued_count, 0),
        claimed=claimed,
        can_claim=claimed < template.per_customer_limit and services.claim_problem(template, now) is None,
    )


def coupon_read(coupon: Coupon, now: datetime) -> CouponRead:
    return CouponRead(
        id=coupon.id,
        template_id=coupon.template_id,  # type: ignore[attr-defined]
        name=coupon.template.name,
        kind=coupon.template.kind,
        title=title(services.terms_of(coupon)),
        status=coupon.status,
        source=coupon.source,
        valid_from=coupon.valid_from,
        valid_until=coupon.valid_until,
        expired=coupon.status == CouponStatus.AVAILABLE and now >= coupon.valid_until,
        order_id=coupon.order_id,
    )


async def share_reads(shares: list[CouponShare]) -> list[ShareRead]:
    names = await services.sharer_names(shares)
    return [
        ShareRead(
            id=x.id,
            code=x.code,
            template_id=x.template_id,  # type: ignore[attr-defined]
            sharer_kind=x.sharer_kind,
            sharer_id=x.sharer_id,
            sharer_name=names.get((x.sharer_kind, x.sharer_id), ""),
            claims=x.claims,
            created_at=x.created_at,
        )
        for x in shares
    ]


class CouponAdminController(Controller):
    path = "/api/admin/coupons"
    tags = TAGS
    guards = [staff_only]

    @get("/templates", operation_id="couponsListTemplates", responses=problems(*AUTHED))
    async def list_templates(self, request: AuthedRequest) -> list[TemplateRead]:
        """The shop's coupon templates, newest first, with how many have been issued."""
        return [template_read(t) for t in await services.list_templates(request.user.shop_id)]

    @post("/templates", operation_id="couponsCreateTemplate", guards=[managers], responses=problems(*AUTHED))
    async def create_template(self, request: AuthedRequest, data: JSONBody[TemplateCreate]) -> TemplateRead:
        """Create a coupon template: kind (满减/折扣/无门槛/运费券), scope with exclusions,
        validity (fixed window or N days after claim), total quantity and per-customer limit."""
        template = await services.create_template(request.user.shop_id, data.model_dump())
        return template_read(template)

    @get("/templates/{template_id:int}", operation_id="couponsGetTemplate", responses=problems(*AUTHED))
    async def get_template(self, request: AuthedRequest, template_id: FromPath[int]) -> TemplateRead:
        """One template of the shop."""
        return template_read(await services.get_template(request.user.shop_id, template_id))

    @patch("/templates/{template_id:int}", operation_id="couponsUpdateTemplate", guards=[managers], responses=problems(*AUTHED))
    async def update_template(self, request: AuthedRequest, template_id: FromPath[int], data: JSONBody[TemplateUpdate]) -> TemplateRead:
        """Rename, resize (never below what was issued), stop, or change claiming; the discount
        terms of a template are fixed once created."""
        changes = data.model_dump(exclude_unset=True)
        return template_read(await services.update_template(request.user.shop_id, template_id, changes))

    @post("/templates/{template_id:int}/grant", operation_id="couponsGrant", guards=[managers], responses=problems(*AUTHED, 409))
    async def grant(self, request: AuthedRequest, template_id: FromPath[int], data: JSONBody[GrantRequest]) -> GrantResult:
        """Give one coupon to each customer of a segment; those over a limit are listed with why."""
        granted, refused = await services.grant(
            request.user.shop_id, template_id, data.customer_ids, data.joined_within_days, _now()
        )
        locale = _locale(request)
        return GrantResult(
            granted=granted,
            refused=[GrantRefusal(customer_id=cid, reason=pick(reason, locale)) for cid, reason in refused],
        )

    @post("/templates/{template_id:int}/shares", operation_id="couponsStaffShare", guards=[managers], responses=problems(*AUTHED, 409))
    async def share(self, request: AuthedRequest, template_id: FromPath[int]) -> ShareRead:
        """The caller's share link for a claimable template (the same link each time);
        coupons claimed through it are credited to them."""
        user = request.user
        found = await services.share(user.shop_id, template_id, SharerKind.STAFF, user.account_id, _now())
        return (await share_reads([found]))[0]

    @get("/templates/{template_id:int}/shares", operation_id="couponsListShares", responses=problems(*AUTHED))
    async def list_shares(self, request: AuthedRequest, template_id: FromPath[int]) -> list[ShareRead]:
        """Who shared a template (customers and staff) and how many coupons each link brought."""
        template = await services.get_template(request.user.shop_id, template_id)
        shares = await CouponShare.filter(template_id=template.id).order_by("-claims", "id").limit(500)
        return await share_reads(shares)

    @get("/templates/{template_id:int}/coupons", operation_id="couponsListIssued", responses=problems(*AUTHED))
    async def list_issued(self, request: AuthedRequest, template_id: FromPath[int]) -> list[CouponRead]:
        """Coupons issued from one template, newest first."""
        template = await services.get_template(request.user.shop_id, template_id)
        coupons = await Coupon.filter(template_id=template.id).prefetch_related("template").order_by("-id").limit(500)
        now = _now()
        return [coupon_read(coupon, now) for coupon in coupons]


async def claimable_reads(shop_id: int, customer_id: int | None) -> list[ClaimableRead]:
    """What the shop offers right now; with a customer, also how many of each they hold."""
    now = _now()
    templates = await services.claim_centre(shop_id, now)
    counts = await services.claimed_counts(customer_id, [t.id for t in templates]) if customer_id else {}
    return [claimable_read(t, counts.get(t.id, 0), now) for t in templates]


class CouponPublicController(Controller):
    """Reads a guest may make: the storefront shows offers before anyone logs in; claiming
    them (``CouponShopController``) needs a customer."""

    path = "/api/shop/{shop_id:int}/coupons"
    tags = TAGS

    @get("/claimable", operation_id="couponsPublicClaimCentre", opt={SKIP_AUTH: True}, responses=problems(404))
    async def claim_centre(self, request: Request[Any, Any, Any], shop_id: FromPath[int]) -> list[ClaimableRead]:
        """The coupons the shop offers right now, public. A customer's Bearer token of this shop,
        when sent, fills in what they already hold (``can_claim``); a guest sees every offer
        claimable and is asked to log in when claiming."""
        await require_open_shop(shop_id)
        return await claimable_reads(shop_id, await optional_customer(request, shop_id))


class CouponShopController(Controller):
    path = "/api/shop/coupons"
    tags = TAGS
    guards = [customer_only]

    @get("/claimable", operation_id="couponsClaimCentre", responses=problems(*AUTHED))
    async def claim_centre(self, request: AuthedRequest) -> list[ClaimableRead]:
        """The claim centre: coupons the shop offers right now, with what the caller already holds."""
        return await claimable_reads(request.user.shop_id, request.user.account_id)

    @post("/templates/{template_id:int}/claim", operation_id="couponsClaim", responses=problems(*AUTHED, 409))
    async def claim(self, request: AuthedRequest, template_id: FromPath[int]) -> CouponRead:
        """Claim one coupon (409 when sold out, over the per-customer limit, or not claimable now)."""
        now = _now()
        coupon = await services.claim(request.user.shop_id, template_id, request.user.account_id, now)
        await coupon.fetch_related("template")
        return coupon_read(coupon, now)

    @post("/templates/{template_id:int}/share", operation_id="couponsShare", responses=problems(*AUTHED, 409))
    async def share(self, request: AuthedRequest, template_id: FromPath[int]) -> ShareRead:
        """The caller's share link for a claimable template (the same link each time); friends
        claim through it and the claims are credited to the caller."""
        user = request.user
        found = await services.share(user.shop_id, template_id, SharerKind.CUSTOMER, user.account_id, _now())
        return (await share_reads([found]))[0]

    @get("/shares/{code:str}", operation_id="couponsShareOffer", responses=problems(*AUTHED))
    async def share_offer(self, request: AuthedRequest, code: FromPath[str]) -> ShareOffer:
        """What a share link offers: the coupon, who shared it and whether the caller can claim."""
        now = _now()
        found = await services.get_share(request.user.shop_id, code)
        counts = await services.claimed_counts(request.user.account_id, [found.template.id])
        names = await services.sharer_names([found])
        return ShareOffer(
            code=found.code,
            sharer_name=names.get((found.sharer_kind, found.sharer_id), ""),
            coupon=claimable_read(found.template, counts.get(found.template.id, 0), now).model_copy(
                update={"can_claim": False} if not found.template.claimable else {}
            ),
        )

    @post("/shares/{code:str}/claim", operation_id="couponsClaimShared", responses=problems(*AUTHED, 409))
    async def claim_shared(self, request: AuthedRequest, code: FromPath[str]) -> CouponRead:
        """Claim one coupon through a share link (409 when sold out, over the per-customer
        limit, or not claimable now)."""
        now = _now()
        coupon = await services.claim_through_share(request.user.shop_id, code, request.user.account_id, now)
        await coupon.fetch_related("template")
        return coupon_read(coupon, now)

    @get("/mine", operation_id="couponsMine", responses=problems(*AUTHED))
    async def mine(
        self,
        request: AuthedRequest,
        status: str = Parameter(default="usable", pattern="^(usable|used|expired)$", description="usable | used | expired"),
    ) -> list[CouponRead]:
        """The caller's coupons: usable (including ones held by an unpaid order), used, or expired."""
        now = _now()
        statuses = (CouponStatus.USED,) if status == "used" else (CouponStatus.AVAILABLE, CouponStatus.LOCKED)
        coupons = await services.held_coupons(request.user.shop_id, request.user.account_id, statuses)
        if status == "usable":
            coupons = [c for c in coupons if now < c.valid_until]
        elif status == "expired":
            coupons = [c for c in coupons if c.status == CouponStatus.AVAILABLE and now >= c.valid_until]
        return [coupon_read(coupon, now) for coupon in coupons]

    @get("/welcome", operation_id="couponsWelcome", responses=problems(*AUTHED))
    async def welcome(self, request: AuthedRequest) -> WelcomeRead:
        """The new-customer gift the popup shows: empty for customers who are no longer new or
        already received it."""
        now = _now()
        shop_id, customer_id = request.user.shop_id, request.user.account_id
        templates = await services.welcome_templates(shop_id, customer_id, now)
        return WelcomeRead(
            is_new_customer=await services.is_new_customer(shop_id, customer_id, now),
            coupons=[claimable_read(t, 0, now) for t in templates],
        )

    @post("/welcome/claim", operation_id="couponsReceiveWelcome", responses=problems(*AUTHED))
    async def receive_welcome(self, request: AuthedRequest) -> list[CouponRead]:
        """Receive the new-customer gift; a second call receives nothing more."""
        now = _now()
        coupons = await services.receive_welcome_gift(request.user.shop_id, request.user.account_id, now)
        for coupon in coupons:
            await coupon.fetch_related("template")
        return [coupon_read(coupon, now) for coupon in coupons]

    @post("/preview", operation_id="couponsPreview", responses=problems(*AUTHED, 503))
    async def preview(self, request: AuthedRequest, data: JSONBody[PreviewRequest]) -> PreviewRead:
        """Price a cart with the caller's coupons through the shop's pricing pipeline: the best
        combination (or the ``coupon_ids`` chosen), and why each other coupon cannot be used.
        Lines naming another shop's SKU, product or category are refused (422 naming the field)."""
        await services.check_preview_lines(request.user.shop_id, data.lines)
        inputs = {} if data.coupon_ids is None else {"coupons": {"coupon_ids": list(data.coupon_ids)}}
        context = PricingContext(
            shop_id=request.user.shop_id,
            customer_id=request.user.account_id,
            lines=tuple(
                PricingLine(line.sku_id, line.quantity, line.unit_price_fen, line.product_id, tuple(line.category_ids))
                for line in data.lines
            ),
            now=_now(),
            shipping_fen=data.shipping_fen,
            inputs=inputs,
        )
        breakdown = await price(request.app.state.host, context)
        locale = _locale(request)

        def coupon_id(key: str) -> int:
            return int(key.partition(":")[2])

        applied = [
            PreviewCoupon(coupon_id=coupon_id(a.adjustment.key), discount_fen=-a.applied_fen, reason=pick(a.adjustment.reason, locale))
            for a in breakdown.applied
            if a.adjustment.source == "coupons"
        ]
        unusable = [
            PreviewCoupon(coupon_id=coupon_id(s.adjustment.key), discount_fen=-s.adjustment.amount_fen, reason=pick(s.reason, locale))
            for s in breakdown.skipped
            if s.adjustment.source == "coupons"
        ]
        return PreviewRead(
            subtotal_fen=breakdown.subtotal_fen,
            discount_fen=breakdown.subtotal_fen + breakdown.shipping_fen - breakdown.total_fen,
            shipping_fen=breakdown.shipping_fen + breakdown.shipping_adjustments_fen,
            total_fen=breakdown.total_fen,
            applied=applied,
            unusable=unusable,
        )
