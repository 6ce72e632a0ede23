"""Which coupons apply to a cart, for how much, and the explanation for every other one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from core.pricing.pipeline import apply_adjustments
from core.pricing.types import PriceAdjustment, PricingContext, PricingLine
from plugins.coupons.models import CouponKind, CouponScope
from plugins.coupons.offers import CouponTerms, adjustments, evaluate, title, yuan

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def terms(coupon_id: int = 1, **overrides) -> CouponTerms:
    base = CouponTerms(
        coupon_id=coupon_id,
        name=f"券{coupon_id}",
        kind=CouponKind.AMOUNT_OFF,
        amount_fen=2000,
        percent_off=0,
        max_discount_fen=None,
        threshold_fen=10000,
        scope=CouponScope.SHOP,
        scope_ids=(),
        excluded_product_ids=(),
        excluded_category_ids=(),
        exclusive=False,
        valid_from=NOW - timedelta(days=1),
        valid_until=NOW + timedelta(days=1),
    )
    return replace(base, **overrides)


def cart(*lines: PricingLine, shipping_fen: int = 0) -> PricingContext:
    return PricingContext(shop_id=1, customer_id=1, lines=lines, now=NOW, shipping_fen=shipping_fen)


# sku 1: product 10 in category 100, ¥50 × 2; sku 2: product 20 in category 200, ¥30
CART = cart(PricingLine(1, 2, 5000, 10, (100,)), PricingLine(2, 1, 3000, 20, (200,)), shipping_fen=800)


def test_yuan_and_titles():
    assert (yuan(1200), yuan(1250), yuan(5)) == ("12", "12.50", "0.05")
    assert title(terms())["zh-CN"] == "满100减20元"
    assert title(terms(kind=CouponKind.PERCENT_OFF, percent_off=15, threshold_fen=0, max_discount_fen=3000))["zh-CN"] == "无门槛8.5折，最高减30元"
    assert title(terms(kind=CouponKind.SHIPPING, amount_fen=0, threshold_fen=0))["en"] == "free shipping, no minimum"


def test_amount_off_applies_at_the_threshold_and_explains_the_shortfall():
    assert evaluate(terms(), CART).discount_fen == 2000
    short = evaluate(terms(threshold_fen=14200), CART)
    assert not short.usable
    assert short.problem["zh-CN"] == "「券1」还差¥12可用"
    assert short.problem["en"] == "“券1”: spend ¥12 more to use it"


def test_percent_off_rounds_down_and_respects_its_cap():
    percent = terms(kind=CouponKind.PERCENT_OFF, percent_off=15, threshold_fen=0)
    assert evaluate(percent, CART).discount_fen == 13000 * 15 // 100 == 1950
    assert evaluate(replace(percent, max_discount_fen=1000), CART).discount_fen == 1000
    odd = cart(PricingLine(1, 1, 999))
    assert evaluate(replace(percent, percent_off=10), odd).discount_fen == 99
    tiny = evaluate(replace(percent, percent_off=10), cart(PricingLine(1, 1, 9)))
    assert tiny.problem["zh-CN"] == "「券1」本单无可抵扣金额"


def test_no_threshold_never_exceeds_what_qualifies():
    no_threshold = terms(kind=CouponKind.NO_THRESHOLD, amount_fen=5000, threshold_fen=0, scope=CouponScope.PRODUCTS, scope_ids=(20,))
    evaluation = evaluate(no_threshold, CART)
    assert evaluation.discount_fen == 3000 and evaluation.sku_ids == (2,)


def test_shipping_coupon_takes_off_the_fee_only_when_there_is_one():
    free = terms(kind=CouponKind.SHIPPING, amount_fen=0, threshold_fen=0)
    assert evaluate(free, CART).discount_fen == 800
    assert evaluate(replace(free, amount_fen=500), CART).discount_fen == 500
    assert evaluate(free, replace(CART, shipping_fen=0)).problem["zh-CN"] == "「券1」本单无需运费"


def test_scope_and_exclusions_decide_which_lines_count():
    by_category = terms(scope=CouponScope.CATEGORIES, scope_ids=(100,), threshold_fen=10000)
    assert evaluate(by_category, CART).sku_ids == (1,)
    # only ¥100 of the ¥130 cart is in category 100, so a ¥110 threshold is not reached
    assert evaluate(replace(by_category, threshold_fen=11000), CART).problem["zh-CN"] == "「券1」还差¥10可用"
    excluded = terms(excluded_product_ids=(10,), threshold_fen=0, kind=CouponKind.NO_THRESHOLD)
    assert evaluate(excluded, CART).sku_ids == (2,)
    nothing = terms(scope=CouponScope.PRODUCTS, scope_ids=(99,))
    assert evaluate(nothing, CART).problem["zh-CN"] == "「券1」购物车中没有适用商品"
    category_excluded = terms(excluded_category_ids=(100, 200))
    assert not evaluate(category_excluded, CART).usable


def test_validity_window_and_locks_are_explained():
    assert evaluate(terms(valid_until=NOW), CART).problem["zh-CN"] == "「券1」已过期"
    assert "起可用" in evaluate(terms(valid_from=NOW + timedelta(hours=2)), CART).problem["zh-CN"]
    assert evaluate(terms(locked=True), CART).problem["zh-CN"] == "「券1」已被待付款订单占用"


def _offer(*coupons: CouponTerms) -> tuple[list[PriceAdjustment], dict[str, PriceAdjustment]]:
    offered = adjustments([evaluate(c, CART) for c in coupons])
    return offered, {a.key: a for a in offered}


def test_best_combination_is_one_goods_coupon_plus_one_shipping_coupon():
    offered, by_key = _offer(
        terms(1),  # ¥20 off
        terms(2, kind=CouponKind.NO_THRESHOLD, amount_fen=1000, threshold_fen=0),  # ¥10 off
        terms(3, kind=CouponKind.SHIPPING, amount_fen=0, threshold_fen=0),  # free shipping
        terms(4, threshold_fen=20000),  # too far
    )
    assert [k for k, a in by_key.items() if a.applicable] == ["coupon:1", "coupon:3"]
    assert by_key["coupon:2"].reason["zh-CN"] == "「券2」不可与「券1」同时使用"
    assert by_key["coupon:4"].reason["zh-CN"] == "「券4」还差¥70可用"
    breakdown = apply_adjustments(CART, offered)
    assert breakdown.total_fen == 13000 - 2000 + 800 - 800
    assert [s.adjustment.key for s in breakdown.skipped] == ["coupon:2", "coupon:4"]
    assert breakdown.skipped[0].reason["zh-CN"] == "「券2」不可与「券1」同时使用"


def test_an_exclusive_coupon_wins_only_when_it_saves_more_than_the_pair():
    pair_wins = _offer(
        terms(1),
        terms(2, kind=CouponKind.SHIPPING, amount_fen=0, threshold_fen=0),
        terms(3, exclusive=True, amount_fen=2500),
    )[1]
    assert [k for k, a in pair_wins.items() if a.applicable] == ["coupon:1", "coupon:2"]
    assert pair_wins["coupon:3"].reason["zh-CN"] == "「券3」不可与「券1」、「券2」同时使用"
    exclusive_wins = _offer(
        terms(1),
        terms(2, kind=CouponKind.SHIPPING, amount_fen=0, threshold_fen=0),
        terms(3, exclusive=True, amount_fen=3000, threshold_fen=5000),
    )[1]
    assert [k for k, a in exclusive_wins.items() if a.applicable] == ["coupon:3"]
    assert exclusive_wins["coupon:1"].reason["zh-CN"] == "「券1」不可与「券3」同时使用"
    assert exclusive_wins["coupon:2"].reason["en"] == "“券2” cannot be combined with “券3”"


def test_ties_prefer_the_coupon_expiring_first_and_the_result_is_order_independent():
    later = terms(1, valid_until=NOW + timedelta(days=5))
    sooner = terms(2, valid_until=NOW + timedelta(days=2))
    first = apply_adjustments(CART, adjustments([evaluate(later, CART), evaluate(sooner, CART)]))
    second = apply_adjustments(CART, list(reversed(adjustments([evaluate(sooner, CART), evaluate(later, CART)]))))
    assert [a.adjustment.key for a in first.applied] == ["coupon:2"]
    assert first == second


def test_shipping_adjustments_never_take_the_fee_below_zero():
    context = cart(PricingLine(1, 1, 1000), shipping_fen=500)
    big = PriceAdjustment(-900, "shipping_coupon", {"zh-CN": "运费券", "en": "shipping"}, "s", target="shipping", key="a")
    breakdown = apply_adjustments(context, [big])
    assert breakdown.shipping_adjustments_fen == -500
    assert breakdown.total_fen == 1000
    assert breakdown.applied[0].applied_fen == -500
