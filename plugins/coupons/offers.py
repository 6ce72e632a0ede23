"""Which of a customer's coupons apply to a cart, for how much, and why the others do not.

Pure functions over plain values, so every rule is testable without a database. The best
combination is one goods coupon plus one shipping coupon, or one exclusive coupon alone —
whichever saves the customer more.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from core.pricing.types import PriceAdjustment, PricingContext
from plugins.coupons.models import CouponKind, CouponScope

GOODS_GROUP = "coupon"
SHIPPING_GROUP = "coupon_shipping"
# After the shop's own promotions (default priority 100): a coupon's threshold is checked
# against the listed prices, its discount taken from what is left.
COUPON_PRIORITY = 200


@dataclass(frozen=True)
class CouponTerms:
    """One held coupon with its template's terms."""

    coupon_id: int
    name: str
    kind: CouponKind
    amount_fen: int
    percent_off: int
    max_discount_fen: int | None
    threshold_fen: int
    scope: CouponScope
    scope_ids: tuple[int, ...]
    excluded_product_ids: tuple[int, ...]
    excluded_category_ids: tuple[int, ...]
    exclusive: bool
    valid_from: datetime
    valid_until: datetime
    locked: bool = False


@dataclass(frozen=True)
class Evaluation:
    terms: CouponTerms
    discount_fen: int
    sku_ids: tuple[int, ...]
    problem: dict[str, str] | None

    @property
    def usable(self) -> bool:
        return self.problem is None and self.discount_fen > 0

    @property
    def group(self) -> str:
        return SHIPPING_GROUP if self.terms.kind == CouponKind.SHIPPING else GOODS_GROUP


def yuan(fen: int) -> str:
    """1200 → "12", 1250 → "12.50"."""
    whole, cents = divmod(fen, 100)
    return f"{whole}" if cents == 0 else f"{whole}.{cents:02d}"


def title(terms: CouponTerms) -> dict[str, str]:
    """A short description of what the coupon does, e.g. 满100减20."""
    if terms.kind == CouponKind.SHIPPING:
        if terms.amount_fen:
            zh, en = f"运费减{yuan(terms.amount_fen)}元", f"¥{yuan(terms.amount_fen)} off shipping"
        else:
            zh, en = "免运费", "free shipping"
    elif terms.kind == CouponKind.PERCENT_OFF:
        rate = 100 - terms.percent_off
        zh, en = f"{rate // 10}{'.' + str(rate % 10) if rate % 10 else ''}折", f"{terms.percent_off}% off"
        if terms.max_discount_fen is not None:
            zh, en = f"{zh}，最高减{yuan(terms.max_discount_fen)}元", f"{en}, up to ¥{yuan(terms.max_discount_fen)}"
    else:
        zh, en = f"减{yuan(terms.amount_fen)}元", f"¥{yuan(terms.amount_fen)} off"
    if terms.threshold_fen:
        zh, en = f"满{yuan(terms.threshold_fen)}{zh}", f"{en} over ¥{yuan(terms.threshold_fen)}"
    else:
        zh, en = f"无门槛{zh}", f"{en}, no minimum"
    return {"zh-CN": zh, "en": en}


def _eligible(terms: CouponTerms, context: PricingContext) -> list[int]:
    indexes = []
    for index, line in enumerate(context.lines):
        if line.product_id is not None and line.product_id in terms.excluded_product_ids:
            continue
        if set(line.category_ids) & set(terms.excluded_category_ids):
            continue
        if terms.scope == CouponScope.PRODUCTS and line.product_id not in terms.scope_ids:
            continue
        if terms.scope == CouponScope.CATEGORIES and not set(line.category_ids) & set(terms.scope_ids):
            continue
        indexes.append(index)
    return indexes


def _named(terms: CouponTerms, zh: str, en: str) -> dict[str, str]:
    return {"zh-CN": f"「{terms.name}」{zh}", "en": f"“{terms.name}”: {en}"}


def evaluate(terms: CouponTerms, context: PricingContext) -> Evaluation:
    """What this coupon would take off this cart, or why it cannot be used."""
    def unusable(zh: str, en: str) -> Evaluation:
        return Evaluation(terms, 0, (), _named(terms, zh, en))

    if terms.locked:
        return unusable("已被待付款订单占用", "held by an order awaiting payment")
    if context.now >= terms.valid_until:
        return unusable("已过期", "has expired")
    if context.now < terms.valid_from:
        start = terms.valid_from.strftime("%Y-%m-%d %H:%M")
        return unusable(f"{start}（UTC）起可用", f"usable from {start} UTC")
    indexes = _eligible(terms, context)
    if not indexes:
        return unusable("购物车中没有适用商品", "no item in the cart qualifies")
    eligible_fen = sum(context.lines[index].subtotal_fen for index in indexes)
    if eligible_fen < terms.threshold_fen:
        missing = yuan(terms.threshold_fen - eligible_fen)
        return unusable(f"还差¥{missing}可用", f"spend ¥{missing} more to use it")
    if terms.kind == CouponKind.SHIPPING:
        if context.shipping_fen <= 0:
            return unusable("本单无需运费", "this order has no shipping fee")
        discount = min(terms.amount_fen or context.shipping_fen, context.shipping_fen)
        return Evaluation(terms, discount, (), None)
    if terms.kind == CouponKind.PERCENT_OFF:
        # Rounded down: the shop never gives more than it promised.
        discount = eligible_fen * terms.percent_off // 100
        if terms.max_discount_fen is not None:
            discount = min(discount, terms.max_discount_fen)
    else:
        discount = min(terms.amount_fen, eligible_fen)
    if discount <= 0:
        return unusable("本单无可抵扣金额", "takes nothing off this order")
    whole_cart = len(indexes) == len(context.lines)
    sku_ids = () if whole_cart else tuple(sorted({context.lines[index].sku_id for index in indexes}))
    return Evaluation(terms, discount, sku_ids, None)


def _best(candidates: list[Evaluation]) -> Evaluation | None:
    # Most saved first; on a tie the one expiring soonest, then the oldest coupon.
    ranked = sorted(candidates, key=lambda e: (-e.discount_fen, e.terms.valid_until, e.terms.coupon_id))
    return ranked[0] if ranked else None


def choose(evaluations: list[Evaluation]) -> list[Evaluation]:
    """The best valid combination among the usable evaluations."""
    usable = [e for e in evaluations if e.usable]
    goods = _best([e for e in usable if not e.terms.exclusive and e.group == GOODS_GROUP])
    shipping = _best([e for e in usable if not e.terms.exclusive and e.group == SHIPPING_GROUP])
    pair = [e for e in (goods, shipping) if e is not None]
    exclusive = _best([e for e in usable if e.terms.exclusive])
    if exclusive is not None and exclusive.discount_fen > sum(e.discount_fen for e in pair):
        return [exclusive]
    return pair


def _conflict(evaluation: Evaluation, chosen: list[Evaluation]) -> dict[str, str]:
    blockers = [
        c for c in chosen
        if evaluation.terms.exclusive or c.terms.exclusive or c.group == evaluation.group
    ]
    names = "、".join(f"「{c.terms.name}」" for c in blockers)
    names_en = ", ".join(f"“{c.terms.name}”" for c in blockers)
    return {
        "zh-CN": f"「{evaluation.terms.name}」不可与{names}同时使用",
        "en": f"“{evaluation.terms.name}” cannot be combined with {names_en}",
    }


def adjustments(evaluations: list[Evaluation]) -> list[PriceAdjustment]:
    """The chosen coupons as adjustments; every other one offered as not applicable, explained."""
    chosen = choose(evaluations)
    chosen_ids = {e.terms.coupon_id for e in chosen}
    result = []
    for evaluation in sorted(evaluations, key=lambda e: e.terms.coupon_id):
        terms = evaluation.terms
        shipping = terms.kind == CouponKind.SHIPPING
        applies = terms.coupon_id in chosen_ids
        if applies:
            reason = {"zh-CN": f"{terms.name}（{title(terms)['zh-CN']}）", "en": f"{terms.name} ({title(terms)['en']})"}
        else:
            reason = evaluation.problem or _conflict(evaluation, chosen)
        result.append(
            PriceAdjustment(
                amount_fen=-evaluation.discount_fen,
                kind="shipping_coupon" if shipping else "coupon",
                reason=reason,
                stacking_group=evaluation.group,
                priority=COUPON_PRIORITY,
                sku_ids=evaluation.sku_ids,
                key=f"coupon:{terms.coupon_id}",
                target="shipping" if shipping else "goods",
                applicable=applies,
            )
        )
    return result


# Where the checkout body carries the customer's choice (this plugin's part of it).
CHOICE_FIELD = "plugins.coupons.coupon_ids"
NOT_HELD = {"zh-CN": "所选优惠券不存在、已使用或不属于你", "en": "the chosen coupon does not exist, was used, or is not yours"}


def required_choices(offered: list[PriceAdjustment], chosen_ids: list[int]) -> list[PriceAdjustment]:
    """Mark the coupons the customer chose (``plugins.coupons.coupon_ids[i]``) so the checkout refuses one that
    cannot be used on its own (expired, below its threshold, held by another order, not for
    these items) with its reason, and add one for each chosen id the customer does not hold.
    A usable coupon that only lost to a better chosen one is not refused: the best applies."""
    index_of: dict[int, int] = {}
    for index, coupon_id in enumerate(chosen_ids):
        index_of.setdefault(coupon_id, index)
    result, seen = [], set()
    for adjustment in offered:
        coupon_id = int(adjustment.key.removeprefix("coupon:"))
        seen.add(coupon_id)
        unusable_alone = not adjustment.applicable and adjustment.amount_fen == 0
        if coupon_id in index_of and unusable_alone:
            adjustment = replace(adjustment, required_by=f"{CHOICE_FIELD}[{index_of[coupon_id]}]")
        result.append(adjustment)
    for coupon_id, index in index_of.items():
        if coupon_id not in seen:
            result.append(
                PriceAdjustment(
                    amount_fen=0, kind="coupon", reason=NOT_HELD, stacking_group=GOODS_GROUP, priority=COUPON_PRIORITY,
                    key=f"coupon:{coupon_id}", applicable=False, required_by=f"{CHOICE_FIELD}[{index}]",
                )
            )
    return result
