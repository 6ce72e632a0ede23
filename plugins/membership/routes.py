"""HTTP routes: merchant admin (tiers, a member's growth) and customers (my membership, the
tiers, my growth ledger, upgrade announcements). Controllers parse and authorise; services
hold the rules."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, patch, post
from litestar.params import FromPath, JSONBody

from core import clock
from core.accounts.customers import get_customer
from core.auth import AuthUser, customer_only, managers, staff_only
from core.openapi import AUTHED, problems
from core.schemas import settable
from plugins.membership import services
from plugins.membership.models import GrowthEntry, MembershipTier, TierChange
from plugins.membership.schemas import (
    GrowthEntryRead,
    MemberDetail,
    MemberRead,
    TierChangeRead,
    TierCreate,
    TierRead,
    TierUpdate,
)

AuthedRequest = Request[AuthUser, Any, Any]
TAGS = ["plugin: membership"]
COUPONS = "coupons"


def tier_read(tier: MembershipTier) -> TierRead:
    return TierRead(
        id=tier.id,
        level=tier.level,
        name=tier.name,
        threshold=tier.threshold,
        discount_percent=tier.discount_percent,
        free_shipping=tier.free_shipping,
        birthday_template_id=tier.birthday_template_id,
        benefits=services.benefits(tier),
    )


def entry_read(entry: GrowthEntry) -> GrowthEntryRead:
    return GrowthEntryRead(
        id=entry.id, kind=entry.kind, amount=entry.amount, basis_fen=entry.basis_fen,
        order_id=entry.order_id, refund_id=entry.refund_id, created_at=entry.created_at,
    )


def change_read(change: TierChange) -> TierChangeRead:
    return TierChangeRead(
        id=change.id, from_name=change.from_name, to_name=change.to_name, growth=change.growth,
        upgrade=change.upgrade, created_at=change.created_at,
    )


async def member_values(shop_id: int, customer_id: int) -> dict[str, Any]:
    tiers = await services.list_tiers(shop_id)
    growth = await services.growth_of(shop_id, customer_id)
    tier, upcoming = services.tier_for(tiers, growth), services.next_tier(tiers, growth)
    progress = 100
    if upcoming is not None:
        start = tier.threshold if tier else 0
        progress = min(99, (growth - start) * 100 // max(upcoming.threshold - start, 1))
    return {
        "customer_id": customer_id,
        "growth": growth,
        "tier": tier_read(tier) if tier else None,
        "next_tier": tier_read(upcoming) if upcoming else None,
        "growth_to_next": upcoming.threshold - growth if upcoming else None,
        "progress_percent": max(progress, 0),
    }


async def _coupons_enabled(request: AuthedRequest) -> bool:
    return COUPONS in await request.app.state.host.enabled_for_shop(request.user.shop_id)


class MembershipAdminController(Controller):
    path = "/api/admin/membership"
    tags = TAGS
    guards = [staff_only]

    @get("/tiers", operation_id="membershipListTiers", responses=problems(*AUTHED))
    async def list_tiers(self, request: AuthedRequest) -> list[TierRead]:
        """The shop's tiers, lowest level first, with their benefits."""
        return [tier_read(t) for t in await services.list_tiers(request.user.shop_id)]

    @post("/tiers", operation_id="membershipCreateTier", guards=[managers], responses=problems(*AUTHED))
    async def create_tier(self, request: AuthedRequest, data: JSONBody[TierCreate]) -> TierRead:
        """Add a tier: level, name, growth threshold (rising strictly with the level), discount
        (1–100% off), free shipping and a birthday coupon template (needs the coupons plugin)."""
        tier = await services.save_tier(request.user.shop_id, None, data.model_dump(), await _coupons_enabled(request))
        return tier_read(tier)

    @get("/tiers/{tier_id:int}", operation_id="membershipGetTier", responses=problems(*AUTHED))
    async def get_tier(self, request: AuthedRequest, tier_id: FromPath[int]) -> TierRead:
        """One tier of the shop."""
        return tier_read(await services.get_tier(request.user.shop_id, tier_id))

    @patch("/tiers/{tier_id:int}", operation_id="membershipUpdateTier", guards=[managers], responses=problems(*AUTHED))
    async def update_tier(self, request: AuthedRequest, tier_id: FromPath[int], data: JSONBody[TierUpdate]) -> TierRead:
        """Change a tier (null clears the discount or the birthday coupon); the ladder is checked
        as a whole. Members' tiers follow at once: a tier is always computed from growth."""
        changes = settable(MembershipTier, data.model_dump(exclude_unset=True))
        tier = await services.save_tier(request.user.shop_id, tier_id, changes, await _coupons_enabled(request))
        return tier_read(tier)

    @delete("/tiers/{tier_id:int}", operation_id="membershipDeleteTier", guards=[managers], responses=problems(*AUTHED))
    async def delete_tier(self, request: AuthedRequest, tier_id: FromPath[int]) -> None:
        """Remove a tier; its members fall to the tier below (their growth is kept)."""
        await services.delete_tier(request.user.shop_id, tier_id)

    @get("/members/{customer_id:int}", operation_id="membershipGetMember", responses=problems(*AUTHED))
    async def get_member(self, request: AuthedRequest, customer_id: FromPath[int]) -> MemberDetail:
        """One customer's growth, tier and growth ledger (newest first)."""
        shop_id = request.user.shop_id
        await get_customer(shop_id, customer_id)
        entries = await services.ledger(shop_id, customer_id)
        return MemberDetail(**await member_values(shop_id, customer_id), ledger=[entry_read(e) for e in entries])


class MembershipShopController(Controller):
    path = "/api/shop/membership"
    tags = TAGS
    guards = [customer_only]

    @get("/me", operation_id="membershipMe", responses=problems(*AUTHED))
    async def me(self, request: AuthedRequest) -> MemberRead:
        """The caller's tier, growth and progress to the next tier, and an upgrade they have not
        seen yet (show it once, then ``POST /upgrades/seen``)."""
        shop_id, customer_id = request.user.shop_id, request.user.account_id
        upgrade = await services.unseen_upgrade(shop_id, customer_id)
        return MemberRead(**await member_values(shop_id, customer_id), upgrade=change_read(upgrade) if upgrade else None)

    @get("/tiers", operation_id="membershipTiers", responses=problems(*AUTHED))
    async def tiers(self, request: AuthedRequest) -> list[TierRead]:
        """Every tier of the shop with its threshold and benefits."""
        return [tier_read(t) for t in await services.list_tiers(request.user.shop_id)]

    @get("/growth", operation_id="membershipMyGrowth", responses=problems(*AUTHED))
    async def growth(self, request: AuthedRequest) -> list[GrowthEntryRead]:
        """The caller's growth ledger, newest first (earned by paying, taken back on refunds)."""
        return [entry_read(e) for e in await services.ledger(request.user.shop_id, request.user.account_id)]

    @post("/upgrades/seen", operation_id="membershipUpgradesSeen", status_code=200, responses=problems(*AUTHED))
    async def upgrades_seen(self, request: AuthedRequest) -> MemberRead:
        """The caller has seen their upgrade announcement."""
        shop_id, customer_id = request.user.shop_id, request.user.account_id
        await services.mark_upgrades_seen(shop_id, customer_id, clock.now())
        return MemberRead(**await member_values(shop_id, customer_id))
