"""Rules for membership: tiers (thresholds and levels rising together), growth (an immutable
ledger and the balance it adds up to), the tier a growth value reaches, and tier benefits as
price adjustments."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core.errors import InvalidInput, NotFound
from core.pricing.types import PriceAdjustment, PricingContext
from core.shop_memo import ShopMemo
from core.shop_plugins.models import ShopPlugin
from core.shops.references import ensure_shop_id
from plugins.membership.manifest import manifest
from plugins.membership.models import GrowthEntry, GrowthKind, MemberAccount, MembershipTier, TierChange

logger = logging.getLogger("kaidian.membership")

MAX_TIERS = 20
DISCOUNT_GROUP = "membership"
SHIPPING_GROUP = "membership_shipping"
# After the shop's own promotions (100), before coupons (200).
MEMBER_PRIORITY = 150


def _invalid(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason={"zh-CN": zh, "en": en})


async def shop_settings(shop_id: int) -> dict[str, Any]:
    row = await ShopPlugin.get_or_none(shop_id=shop_id, plugin=manifest.name)
    return {**manifest.settings_defaults(), **(row.settings if row else {})}


# -- tiers ----------------------------------------------------------------------------------


async def list_tiers(shop_id: int) -> list[MembershipTier]:
    return await MembershipTier.filter(shop_id=shop_id).order_by("level")


async def get_tier(shop_id: int, tier_id: int) -> MembershipTier:
    tier = await MembershipTier.get_or_none(id=tier_id, shop_id=shop_id)
    if tier is None:
        raise NotFound(field="tier_id")
    return tier


def check_ladder(tiers: list[dict[str, Any]]) -> None:
    """Levels are distinct and thresholds strictly increase with them."""
    ordered = sorted(tiers, key=lambda t: t["level"])
    for lower, higher in zip(ordered, ordered[1:]):
        if lower["level"] == higher["level"]:
            raise _invalid("level", f"等级 {higher['level']} 已存在", f"level {higher['level']} already exists")
        if higher["threshold"] <= lower["threshold"]:
            raise _invalid(
                "threshold",
                f"成长值门槛须随等级严格递增（{lower['name']}：{lower['threshold']}）",
                f"thresholds must strictly increase with the level ({lower['name']}: {lower['threshold']})",
            )
    names = [t["name"] for t in tiers]
    if len(set(names)) != len(names):
        raise _invalid("name", "等级名称不能重复", "tier names must be unique")


async def _check_birthday_template(shop_id: int, template_id: int | None, coupons_enabled: bool) -> None:
    if template_id is None:
        return
    if not coupons_enabled:
        raise _invalid("birthday_template_id", "生日券需要启用优惠券插件", "a birthday coupon needs the coupons plugin enabled")
    from plugins.coupons.models import CouponTemplate

    await ensure_shop_id(CouponTemplate, shop_id, template_id, field="birthday_template_id")


_FIELDS = ("level", "name", "threshold", "discount_percent", "free_shipping", "birthday_template_id")


async def save_tier(shop_id: int, tier_id: int | None, values: dict[str, Any], coupons_enabled: bool) -> MembershipTier:
    """Create (``tier_id`` None) or change a tier. The shop's tiers are checked as a whole
    while the shop row is locked, so two concurrent edits cannot break the ladder together."""
    from core.shops.models import Shop

    await _check_birthday_template(shop_id, values.get("birthday_template_id"), coupons_enabled)
    _pricing_tiers.forget(shop_id)
    async with in_transaction():
        await Shop.filter(id=shop_id).select_for_update().first()
        tiers = await list_tiers(shop_id)
        current = next((t for t in tiers if t.id == tier_id), None) if tier_id is not None else None
        if tier_id is not None and current is None:
            raise NotFound(field="tier_id")
        if current is None and len(tiers) >= MAX_TIERS:
            raise _invalid("level", f"最多{MAX_TIERS}个等级", f"at most {MAX_TIERS} tiers")
        proposed = {name: getattr(current, name) for name in _FIELDS} if current else {}
        proposed.update(values)
        check_ladder([{name: getattr(t, name) for name in _FIELDS} for t in tiers if t is not current] + [proposed])
        if current is None:
            return await MembershipTier.create(shop_id=shop_id, **proposed)
        await MembershipTier.filter(id=current.id).update(**values)
        await current.refresh_from_db()
        return current


async def delete_tier(shop_id: int, tier_id: int) -> None:
    tier = await get_tier(shop_id, tier_id)
    _pricing_tiers.forget(shop_id)
    await tier.delete()


def tier_for(tiers: list[MembershipTier], growth: int) -> MembershipTier | None:
    """The highest tier whose threshold ``growth`` reaches (tiers in level order)."""
    reached = [tier for tier in tiers if tier.threshold <= growth]
    return reached[-1] if reached else None


def next_tier(tiers: list[MembershipTier], growth: int) -> MembershipTier | None:
    return next((tier for tier in tiers if tier.threshold > growth), None)


def rate_text(discount_percent: int) -> str:
    """5 (percent off) → "9.5折"; 10 → "9折"."""
    rate = 100 - discount_percent
    return f"{rate // 10}{'.' + str(rate % 10) if rate % 10 else ''}折" if rate else "免费"


def benefits(tier: MembershipTier) -> list[dict[str, str]]:
    """What a tier gives, in words."""
    items = []
    if tier.discount_percent:
        items.append({"zh-CN": f"全场{rate_text(tier.discount_percent)}", "en": f"{tier.discount_percent}% off everything"})
    if tier.free_shipping:
        items.append({"zh-CN": "包邮", "en": "free shipping"})
    if tier.birthday_template_id:
        items.append({"zh-CN": "生日礼券", "en": "a birthday coupon"})
    return items


# -- growth ---------------------------------------------------------------------------------


async def growth_of(shop_id: int, customer_id: int) -> int:
    rows = await MemberAccount.filter(shop_id=shop_id, customer_id=customer_id).values_list("growth", flat=True)
    return rows[0] if rows else 0


async def _read_pricing_tiers(shop_id: int) -> list[MembershipTier]:
    return await list_tiers(shop_id)


# Every checkout prices with the tiers: remembered per process, forgotten by each tier change.
_pricing_tiers: ShopMemo[list[MembershipTier]] = ShopMemo(_read_pricing_tiers)


async def current_tier(shop_id: int, customer_id: int) -> MembershipTier | None:
    """The customer's tier (None in a shop without tiers: its customers' growth is not read)."""
    tiers = await _pricing_tiers.get(shop_id)
    return tier_for(tiers, await growth_of(shop_id, customer_id)) if tiers else None


async def _account(shop_id: int, customer_id: int) -> None:
    if not await MemberAccount.filter(shop_id=shop_id, customer_id=customer_id).exists():
        try:
            await MemberAccount.create(shop_id=shop_id, customer_id=customer_id)
        except IntegrityError:
            pass  # created by a concurrent entry


@dataclass(frozen=True)
class Posted:
    entry: GrowthEntry
    growth: int
    change: TierChange | None


async def post_entry(shop_id: int, customer_id: int, kind: GrowthKind, amount: int, dedupe_key: str, **details: Any) -> Posted | None:
    """Add one ledger entry and move the balance with it; record a tier change if it causes
    one. The account row is locked first, so concurrent entries of one customer serialise.
    Returns None when ``dedupe_key`` was posted before (a repeated notification)."""
    await _account(shop_id, customer_id)
    try:
        async with in_transaction():
            account = await MemberAccount.filter(shop_id=shop_id, customer_id=customer_id).select_for_update().first()
            assert account is not None
            entry = await GrowthEntry.create(
                shop_id=shop_id, customer_id=customer_id, kind=kind, amount=amount, dedupe_key=dedupe_key, **details
            )
            growth = account.growth + amount
            await MemberAccount.filter(id=account.id).update(growth=growth)
            tiers = await list_tiers(shop_id)
            before, after = tier_for(tiers, account.growth), tier_for(tiers, growth)
            change = None
            if before is not after:
                change = await TierChange.create(
                    shop_id=shop_id,
                    customer_id=customer_id,
                    from_tier_id=before.id if before else None,
                    to_tier_id=after.id if after else None,
                    from_name=before.name if before else "",
                    to_name=after.name if after else "",
                    growth=growth,
                    upgrade=(after.level if after else 0) > (before.level if before else 0),
                )
    except IntegrityError:
        return None
    if change is not None and change.upgrade:
        logger.info("customer %s of shop %s reached tier %s", customer_id, shop_id, change.to_name)
    return Posted(entry, growth, change)


async def earn_for_payment(shop_id: int, order_id: int, paid_fen: int, now: datetime) -> Posted | None:
    """Growth for a paid order: ``growth_per_yuan`` per whole yuan paid."""
    from core.trade.models import Order

    order = await Order.get_or_none(id=order_id, shop_id=shop_id)
    if order is None or order.customer_id is None:  # type: ignore[attr-defined]
        return None
    amount = paid_fen // 100 * (await shop_settings(shop_id))["growth_per_yuan"]
    if amount <= 0:
        return None
    return await post_entry(
        shop_id, order.customer_id, GrowthKind.EARN, amount, f"earn:order:{order_id}", basis_fen=paid_fen, order_id=order_id  # type: ignore[attr-defined]
    )


async def reverse_for_refund(shop_id: int, order_id: int, refund_id: int, refunded_fen: int, now: datetime) -> Posted | None:
    """Take back the refunded share of what the order earned: after refunds totalling R of a
    payment P that earned G, exactly floor(G × R / P) has been taken back (all of G on a full
    refund), never more."""
    entries = await GrowthEntry.filter(shop_id=shop_id, order_id=order_id)
    earned = [e for e in entries if e.kind == GrowthKind.EARN]
    if not earned:
        return None
    paid_fen, granted = earned[0].basis_fen, earned[0].amount
    reversed_before = [e for e in entries if e.kind == GrowthKind.REVERSE]
    refunded_total = sum(e.basis_fen for e in reversed_before) + refunded_fen
    target = granted if refunded_total >= paid_fen else granted * refunded_total // paid_fen
    delta = target - sum(-e.amount for e in reversed_before)
    if delta <= 0:
        return None
    return await post_entry(
        shop_id,
        earned[0].customer_id,  # type: ignore[attr-defined]
        GrowthKind.REVERSE,
        -delta,
        f"reverse:refund:{refund_id}",
        basis_fen=refunded_fen,
        order_id=order_id,
        refund_id=refund_id,
    )


async def ledger(shop_id: int, customer_id: int, limit: int = 100) -> list[GrowthEntry]:
    return await GrowthEntry.filter(shop_id=shop_id, customer_id=customer_id).order_by("-id").limit(limit)


async def unseen_upgrade(shop_id: int, customer_id: int) -> TierChange | None:
    return await TierChange.filter(shop_id=shop_id, customer_id=customer_id, upgrade=True, seen_at__isnull=True).order_by("-id").first()


async def mark_upgrades_seen(shop_id: int, customer_id: int, now: datetime) -> int:
    return await TierChange.filter(shop_id=shop_id, customer_id=customer_id, seen_at__isnull=True).update(seen_at=now)


# -- benefits at checkout -------------------------------------------------------------------


def tier_adjustments(tier: MembershipTier, context: PricingContext) -> list[PriceAdjustment]:
    result = []
    if tier.discount_percent:
        # Rounded down: the shop never gives more than it promised.
        discount = context.subtotal_fen * tier.discount_percent // 100
        if discount > 0:
            result.append(
                PriceAdjustment(
                    amount_fen=-discount,
                    kind="member_discount",
                    reason={"zh-CN": f"{tier.name}会员{rate_text(tier.discount_percent)}", "en": f"{tier.name} member {tier.discount_percent}% off"},
                    stacking_group=DISCOUNT_GROUP,
                    priority=MEMBER_PRIORITY,
                    key=f"tier:{tier.id}",
                )
            )
    if tier.free_shipping and context.shipping_fen > 0:
        result.append(
            PriceAdjustment(
                amount_fen=-context.shipping_fen,
                kind="member_free_shipping",
                reason={"zh-CN": f"{tier.name}会员包邮", "en": f"{tier.name} members ship free"},
                stacking_group=SHIPPING_GROUP,
                priority=MEMBER_PRIORITY,
                key=f"tier:{tier.id}:shipping",
                target="shipping",
            )
        )
    return result
