"""Rules for coupons: templates, issuing (claim, grant, new-customer gift) without ever
over-issuing, what a customer holds, and the order lifecycle (lock, consume, return)."""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime, timedelta
from dataclasses import replace
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from core import clock, sql
from core.accounts.models import Customer
from core.catalog.models import Category, Product, Sku
from core.errors import Conflict, InvalidInput, NotFound
from core.pricing.types import PricingContext
from core.schemas import settable
from core.shop_plugins.models import ShopPlugin
from core.shops.references import ensure_shop_ids, ensure_shop_refs
from plugins.coupons.manifest import manifest
from plugins.coupons.models import (
    ClaimCounter,
    Coupon,
    CouponKind,
    CouponOrder,
    CouponScope,
    CouponShare,
    CouponSource,
    CouponStatus,
    CouponTemplate,
    TemplateStatus,
    SharerKind,
    ValidityKind,
)
from plugins.coupons.offers import CHOICE_FIELD, CouponTerms

logger = logging.getLogger("kaidian.coupons")

# Fields a merchant may change after creating a template. The discount terms are fixed once
# created: coupons already issued promise exactly what they said.
EDITABLE = ("name", "total_quantity", "per_customer_limit", "claimable", "new_customer_gift", "status", "claim_starts_at", "claim_ends_at")


def _invalid(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason={"zh-CN": zh, "en": en})


async def shop_settings(shop_id: int) -> dict[str, Any]:
    """The plugin's effective settings for a shop (hooks get no host, so read the row here)."""
    row = await ShopPlugin.get_or_none(shop_id=shop_id, plugin=manifest.name)
    return {**manifest.settings_defaults(), **(row.settings if row else {})}


# -- templates ------------------------------------------------------------------------------


def check_terms(values: dict[str, Any]) -> None:
    kind = values["kind"]
    if kind in (CouponKind.AMOUNT_OFF, CouponKind.NO_THRESHOLD) and values.get("amount_fen", 0) <= 0:
        raise _invalid("amount_fen", "请填写优惠金额", "an amount off is required")
    if kind == CouponKind.AMOUNT_OFF and values.get("threshold_fen", 0) <= 0:
        raise _invalid("threshold_fen", "满减券需要使用门槛", "an amount-off coupon needs a minimum spend")
    if kind == CouponKind.AMOUNT_OFF and values["amount_fen"] > values["threshold_fen"]:
        raise _invalid("amount_fen", "优惠金额不能高于使用门槛", "the amount off cannot exceed the minimum spend")
    if kind == CouponKind.NO_THRESHOLD and values.get("threshold_fen", 0):
        raise _invalid("threshold_fen", "无门槛券不能设置门槛", "a no-minimum coupon cannot have a minimum spend")
    if kind == CouponKind.PERCENT_OFF and not 1 <= values.get("percent_off", 0) <= 99:
        raise _invalid("percent_off", "折扣须在1%到99%之间", "percent off must be between 1 and 99")
    if values.get("scope", CouponScope.SHOP) != CouponScope.SHOP and not values.get("scope_ids"):
        raise _invalid("scope_ids", "请选择适用的分类或商品", "choose the categories or products it applies to")
    if values.get("validity", ValidityKind.FIXED) == ValidityKind.FIXED:
        if values.get("valid_until") is None:
            raise _invalid("valid_until", "请填写有效期截止时间", "an end of validity is required")
        if values.get("valid_from") and values["valid_from"] >= values["valid_until"]:
            raise _invalid("valid_until", "截止时间须晚于开始时间", "the end must be after the start")
    elif not values.get("valid_days"):
        raise _invalid("valid_days", "请填写领取后有效天数", "the number of days it stays valid is required")
    _check_claim_window(values.get("claim_starts_at"), values.get("claim_ends_at"))


def _check_claim_window(starts: datetime | None, ends: datetime | None) -> None:
    if starts and ends and starts >= ends:
        raise _invalid("claim_ends_at", "领取结束时间须晚于开始时间", "claiming must end after it starts")


async def create_template(shop_id: int, values: dict[str, Any]) -> CouponTemplate:
    check_terms(values)
    await check_references(shop_id, values)
    return await CouponTemplate.create(shop_id=shop_id, **values)


async def check_references(shop_id: int, values: dict[str, Any]) -> None:
    """Scopes and exclusions name products and categories of the coupon's own shop."""
    scope = values.get("scope", CouponScope.SHOP)
    scope_model = {CouponScope.PRODUCTS: Product, CouponScope.CATEGORIES: Category}.get(scope)
    if scope_model is not None:
        await ensure_shop_ids(scope_model, shop_id, values.get("scope_ids") or [], field="scope_ids")
    await ensure_shop_ids(Product, shop_id, values.get("excluded_product_ids") or [], field="excluded_product_ids")
    await ensure_shop_ids(Category, shop_id, values.get("excluded_category_ids") or [], field="excluded_category_ids")


async def check_preview_lines(shop_id: int, lines: list[Any]) -> None:
    """A preview's lines name the shop's own SKUs, products and categories."""
    await ensure_shop_refs(Sku, shop_id, ((f"lines[{i}].sku_id", line.sku_id) for i, line in enumerate(lines)))
    await ensure_shop_refs(Product, shop_id, ((f"lines[{i}].product_id", line.product_id) for i, line in enumerate(lines)))
    await ensure_shop_refs(
        Category,
        shop_id,
        ((f"lines[{i}].category_ids[{j}]", category_id) for i, line in enumerate(lines) for j, category_id in enumerate(line.category_ids)),
    )


async def get_template(shop_id: int, template_id: int) -> CouponTemplate:
    template = await CouponTemplate.get_or_none(id=template_id, shop_id=shop_id)
    if template is None:
        raise NotFound(field="template_id")
    return template


async def update_template(shop_id: int, template_id: int, changes: dict[str, Any]) -> CouponTemplate:
    template = await get_template(shop_id, template_id)
    changes = settable(CouponTemplate, changes)
    if "total_quantity" in changes:
        # Conditional: a claim racing this edit can never leave issued > total.
        changed = await CouponTemplate.filter(
            id=template.id, issued_count__lte=changes["total_quantity"]
        ).update(total_quantity=changes.pop("total_quantity"))
        if not changed:
            raise _invalid("total_quantity", "总量不能少于已发放数量", "the total cannot be below the number already issued")
    _check_claim_window(changes.get("claim_starts_at", template.claim_starts_at), changes.get("claim_ends_at", template.claim_ends_at))
    if changes:
        await CouponTemplate.filter(id=template.id).update(**changes)
    await template.refresh_from_db()
    return template


async def list_templates(shop_id: int) -> list[CouponTemplate]:
    return await CouponTemplate.filter(shop_id=shop_id).order_by("-id")


# -- issuing --------------------------------------------------------------------------------


def sold_out() -> Conflict:
    return Conflict(reason={"zh-CN": "优惠券已领完", "en": "all coupons have been claimed"})


def _validity(template: CouponTemplate, now: datetime) -> tuple[datetime, datetime]:
    if template.validity == ValidityKind.AFTER_CLAIM:
        return now, now + timedelta(days=template.valid_days or 0)
    return template.valid_from or now, template.valid_until  # type: ignore[return-value]


def claim_problem(template: CouponTemplate, now: datetime) -> dict[str, str] | None:
    """Why customers may not claim this template now, or None."""
    if template.status != TemplateStatus.ACTIVE:
        return {"zh-CN": "活动已结束", "en": "this offer has ended"}
    if template.claim_starts_at and now < template.claim_starts_at:
        return {"zh-CN": "尚未开始领取", "en": "claiming has not started yet"}
    if template.claim_ends_at and now >= template.claim_ends_at:
        return {"zh-CN": "领取已结束", "en": "claiming has ended"}
    if template.validity == ValidityKind.FIXED and template.valid_until and now >= template.valid_until:
        return {"zh-CN": "已过期", "en": "has expired"}
    if template.issued_count >= template.total_quantity:
        return {"zh-CN": "优惠券已领完", "en": "all coupons have been claimed"}
    return None


async def issue(
    template: CouponTemplate, customer_id: int, source: CouponSource, now: datetime, *, share_id: int | None = None, limit: int | None = None
) -> Coupon:
    """Issue one coupon, or raise Conflict. ``share_id``: claimed through that share link,
    which is credited in the same transaction. ``limit`` lowers the template's per-customer
    limit for this issue (a new-customer gift is one coupon, whatever the claim centre allows).

    The template row is locked first (``SELECT … FOR UPDATE``), so every issue of one template
    takes its locks in the same order and none can deadlock another; the issued counter then
    moves by a conditional UPDATE, so no number of concurrent claims exceeds the total.
    """
    async with in_transaction() as connection:
        current = await CouponTemplate.filter(id=template.id).select_for_update().using_db(connection).first()
        if current is None or current.status != TemplateStatus.ACTIVE:
            raise Conflict(reason={"zh-CN": "活动已结束", "en": "this offer has ended"})
        counter = await ClaimCounter.filter(template_id=template.id, customer_id=customer_id).using_db(connection).first()
        allowed = current.per_customer_limit if limit is None else min(limit, current.per_customer_limit)
        if counter is not None and counter.claimed >= allowed:
            raise Conflict(reason={"zh-CN": "已达到领取上限", "en": "you have reached the limit for this coupon"})
        taken = await CouponTemplate.filter(
            id=template.id, issued_count__lt=F("total_quantity")
        ).using_db(connection).update(issued_count=F("issued_count") + 1)
        if not taken:
            raise sold_out()
        if counter is None:
            await ClaimCounter.create(template_id=template.id, customer_id=customer_id, claimed=1, using_db=connection)
        else:
            await ClaimCounter.filter(id=counter.id).using_db(connection).update(claimed=F("claimed") + 1)
        if share_id is not None:
            await CouponShare.filter(id=share_id).using_db(connection).update(claims=F("claims") + 1)
        valid_from, valid_until = _validity(current, now)
        return await Coupon.create(
            shop_id=current.shop_id,  # type: ignore[attr-defined]
            template_id=current.id,
            customer_id=customer_id,
            source=source,
            share_id=share_id,
            valid_from=valid_from,
            valid_until=valid_until,
            using_db=connection,
        )


async def claim(shop_id: int, template_id: int, customer_id: int, now: datetime) -> Coupon:
    template = await get_template(shop_id, template_id)
    if not template.claimable:
        raise NotFound(field="template_id")
    problem = claim_problem(template, now)
    if problem:
        raise Conflict(reason=problem)
    return await issue(template, customer_id, CouponSource.CLAIM, now)


# -- share links ----------------------------------------------------------------------------

SHARE_CODE_BYTES = 9  # 12 URL-safe characters: not guessable, short enough to paste


async def share(shop_id: int, template_id: int, sharer_kind: SharerKind, sharer_id: int, now: datetime) -> CouponShare:
    """The sharer's link for a claimable template (the same one every time they share it)."""
    template = await get_template(shop_id, template_id)
    if not template.claimable:
        raise NotFound(field="template_id")
    problem = claim_problem(template, now)
    if problem:
        raise Conflict(field="template_id", reason=problem)
    mine = {"template_id": template.id, "sharer_kind": sharer_kind, "sharer_id": sharer_id}
    existing = await CouponShare.get_or_none(**mine)
    if existing is not None:
        return existing
    try:
        return await CouponShare.create(shop_id=shop_id, code=secrets.token_urlsafe(SHARE_CODE_BYTES), **mine)
    except IntegrityError:  # the same sharer tapped twice at once: both get the one link
        return await CouponShare.get(**mine)


async def get_share(shop_id: int, code: str) -> CouponShare:
    found = await CouponShare.get_or_none(shop_id=shop_id, code=code).prefetch_related("template")
    if found is None:
        raise NotFound(field="code")
    return found


async def claim_through_share(shop_id: int, code: str, customer_id: int, now: datetime) -> Coupon:
    """Claim one coupon through a share link: the template's quantity, per-customer limit,
    claim window and validity apply exactly as in the claim centre; the share is credited."""
    found = await get_share(shop_id, code)
    template = found.template
    if not template.claimable:
        raise Conflict(field="code", reason={"zh-CN": "活动已结束", "en": "this offer has ended"})
    problem = claim_problem(template, now)
    if problem:
        raise Conflict(field="code", reason=problem)
    return await issue(template, customer_id, CouponSource.SHARE, now, share_id=found.id)


async def sharer_names(shares: list[CouponShare]) -> dict[tuple[str, int], str]:
    """(kind, id) → the display name of each share's sharer (customer nickname, staff name)."""
    from core.accounts.models import StaffAccount

    customer_ids = [x.sharer_id for x in shares if x.sharer_kind == SharerKind.CUSTOMER]
    staff_ids = [x.sharer_id for x in shares if x.sharer_kind == SharerKind.STAFF]
    names: dict[tuple[str, int], str] = {}
    for kind, model, column, ids in (
        (SharerKind.CUSTOMER, Customer, "nickname", customer_ids),
        (SharerKind.STAFF, StaffAccount, "display_name", staff_ids),
    ):
        if ids:
            for row_id, name in await model.filter(id__in=ids).values_list("id", column):
                names[(kind, row_id)] = name
    return names


async def claim_centre(shop_id: int, now: datetime) -> list[CouponTemplate]:
    templates = await CouponTemplate.filter(shop_id=shop_id, claimable=True, status=TemplateStatus.ACTIVE).order_by("id")
    return [template for template in templates if claim_problem(template, now) is None]


async def claimed_counts(customer_id: int, template_ids: list[int]) -> dict[int, int]:
    rows = await ClaimCounter.filter(customer_id=customer_id, template_id__in=template_ids).values_list("template_id", "claimed")
    return dict(rows)


async def grant(
    shop_id: int, template_id: int, customer_ids: list[int] | None, joined_within_days: int | None, now: datetime
) -> tuple[list[int], list[tuple[int, dict[str, str]]]]:
    """Issue one coupon to each customer of a segment (named ids, or those who joined
    recently, or everyone); returns who got one and who did not, with the reason."""
    template = await get_template(shop_id, template_id)
    if template.status != TemplateStatus.ACTIVE:
        raise Conflict(reason={"zh-CN": "活动已结束", "en": "this offer has ended"})
    query = Customer.filter(shop_id=shop_id)
    if customer_ids is not None:
        query = query.filter(id__in=customer_ids)
    if joined_within_days is not None:
        query = query.filter(created_at__gte=now - timedelta(days=joined_within_days))
    found = sorted(await query.values_list("id", flat=True))
    if customer_ids is not None:
        missing = sorted(set(customer_ids) - set(found))
        if missing:
            raise NotFound(field="customer_ids")
    granted, refused = [], []
    for customer_id in found:
        try:
            await issue(template, customer_id, CouponSource.GRANT, now)
        except Conflict as exc:
            refused.append((customer_id, exc.params["reason"]))
        else:
            granted.append(customer_id)
    return granted, refused


# -- new customers --------------------------------------------------------------------------


async def is_new_customer(shop_id: int, customer_id: int, now: datetime) -> bool:
    settings = await shop_settings(shop_id)
    customer = await Customer.get_or_none(id=customer_id, shop_id=shop_id)
    return customer is not None and customer.created_at >= now - timedelta(days=settings["new_customer_days"])


async def welcome_templates(shop_id: int, customer_id: int, now: datetime) -> list[CouponTemplate]:
    """Gift templates this customer can still receive (empty once they stop being new)."""
    if not await is_new_customer(shop_id, customer_id, now):
        return []
    templates = await CouponTemplate.filter(shop_id=shop_id, new_customer_gift=True, status=TemplateStatus.ACTIVE).order_by("id")
    counts = await claimed_counts(customer_id, [t.id for t in templates])
    return [t for t in templates if counts.get(t.id, 0) == 0 and claim_problem(t, now) is None]


async def receive_welcome_gift(shop_id: int, customer_id: int, now: datetime) -> list[Coupon]:
    issued = []
    for template in await welcome_templates(shop_id, customer_id, now):
        try:
            issued.append(await issue(template, customer_id, CouponSource.NEW_CUSTOMER, now, limit=1))
        except Conflict:
            continue  # sold out, or a second tap raced this one: the customer keeps what they got
    return issued


# -- what a customer holds ------------------------------------------------------------------


def terms_of(coupon: Coupon) -> CouponTerms:
    return terms_of_template(coupon.template, coupon)  # type: ignore[arg-type]


def terms_of_template(template: CouponTemplate, coupon: Coupon | None = None) -> CouponTerms:
    """The terms of a held coupon, or of a template before anyone holds it."""
    now = clock.now()
    return CouponTerms(
        coupon_id=coupon.id if coupon else 0,
        name=template.name,
        kind=CouponKind(template.kind),
        amount_fen=template.amount_fen,
        percent_off=template.percent_off,
        max_discount_fen=template.max_discount_fen,
        threshold_fen=template.threshold_fen,
        scope=CouponScope(template.scope),
        scope_ids=tuple(template.scope_ids or ()),
        excluded_product_ids=tuple(template.excluded_product_ids or ()),
        excluded_category_ids=tuple(template.excluded_category_ids or ()),
        exclusive=template.exclusive,
        valid_from=coupon.valid_from if coupon else template.valid_from or now,
        valid_until=coupon.valid_until if coupon else template.valid_until or datetime.max.replace(tzinfo=UTC),
        locked=coupon is not None and coupon.status == CouponStatus.LOCKED,
    )


async def held_coupons(shop_id: int, customer_id: int, statuses: tuple[CouponStatus, ...]) -> list[Coupon]:
    # Every checkout asks, and most customers hold none: which ones is a hand-written SELECT
    # (core.sql, a third of the ORM's cost); the coupons and their templates come through the
    # ORM only when there are some.
    text = f'SELECT id FROM "{sql.table(Coupon)}" WHERE shop_id = %s AND customer_id = %s AND status IN ({sql.marks(len(statuses))})'
    ids = [row["id"] for row in await sql.fetch(Coupon, text, [shop_id, customer_id, *(str(status) for status in statuses)])]
    if not ids:
        return []
    return await Coupon.filter(id__in=ids, status__in=statuses).prefetch_related("template").order_by("valid_until", "id")


async def with_categories(context: PricingContext) -> PricingContext:
    """Fill in the categories (the product's and its ancestors') of lines priced without them,
    so category-scoped coupons work whatever the caller knew about the products."""
    from core.catalog.models import Category, Product

    missing = {line.product_id for line in context.lines if line.product_id is not None and not line.category_ids}
    if not missing:
        return context
    product_category = dict(
        await Product.filter(shop_id=context.shop_id, id__in=missing, category_id__isnull=False).values_list("id", "category_id")
    )
    parents = dict(await Category.filter(shop_id=context.shop_id).values_list("id", "parent_id"))

    def lineage(category_id: int | None) -> tuple[int, ...]:
        chain: list[int] = []
        while category_id is not None and category_id not in chain:
            chain.append(category_id)
            category_id = parents.get(category_id)
        return tuple(chain)

    lines = tuple(
        replace(line, category_ids=lineage(product_category.get(line.product_id)))
        if line.product_id in missing
        else line
        for line in context.lines
    )
    return replace(context, lines=lines)


# -- order lifecycle ------------------------------------------------------------------------
#
# The trade loop stores each order's applied adjustments (source, key, amount). Inside the
# transaction that writes an order, kaidian_reserve_for_order locks the coupons it was priced
# with (AVAILABLE → LOCKED by a conditional UPDATE), so of two checkouts racing with one coupon
# only one keeps it and the other order rolls back with a 409. Payment consumes them; cancel
# (or the unpaid timeout) and a full refund (or any refund, per setting) return them.

COUPON_KEY_PREFIX = "coupon:"


def coupon_ids_of(adjustments: list[dict[str, Any]]) -> list[int]:
    """The coupons among an order's stored adjustments."""
    ids = []
    for item in adjustments or ():
        key = str(item.get("key", ""))
        if item.get("source") == manifest.name and key.startswith(COUPON_KEY_PREFIX):
            ids.append(int(key.removeprefix(COUPON_KEY_PREFIX)))
    return sorted(set(ids))


async def _lock_refusal(shop_id: int, customer_id: int, coupon_id: int, now: datetime) -> Conflict:
    """Why a coupon could not be locked, naming it. A locking read: inside a REPEATABLE READ
    transaction (MariaDB) a plain read would show the snapshot, not the racing winner's lock."""
    coupon = await Coupon.filter(id=coupon_id, shop_id=shop_id, customer_id=customer_id).select_for_update().first()
    if coupon is None:
        return Conflict(field=CHOICE_FIELD, reason={"zh-CN": "所选优惠券不可用，请重新选择", "en": "a chosen coupon is not available"})
    name = (await CouponTemplate.get(id=coupon.template_id)).name  # type: ignore[attr-defined]
    if coupon.status != CouponStatus.AVAILABLE:
        zh, en = "已被其他订单使用，请重新下单", "was just used by another order; please check out again"
    elif now >= coupon.valid_until:
        zh, en = "已过期", "has expired"
    else:
        zh, en = "尚未到可用时间", "is not usable yet"
    reason = {"zh-CN": f"优惠券「{name}」{zh}", "en": f"coupon “{name}” {en}"}
    return Conflict(field=CHOICE_FIELD, reason=reason, errors=[{"field": CHOICE_FIELD, "coupon_id": coupon_id, "message": reason}])


async def lock_for_order(shop_id: int, customer_id: int, order_id: int, coupon_ids: list[int], now: datetime) -> None:
    """Hold coupons for an order, all or nothing: each moves AVAILABLE → LOCKED by a
    conditional UPDATE, so concurrent checkouts cannot both take one. Runs inside the caller's
    transaction when there is one (the order's); a coupon that is not available to this
    customer is a 409 naming it."""
    if not coupon_ids:
        return
    async with in_transaction() as connection:
        for coupon_id in sorted(set(coupon_ids)):
            locked = await Coupon.filter(
                id=coupon_id,
                shop_id=shop_id,
                customer_id=customer_id,
                status=CouponStatus.AVAILABLE,
                valid_from__lte=now,
                valid_until__gt=now,
            ).using_db(connection).update(status=CouponStatus.LOCKED, order_id=order_id)
            if not locked:
                raise await _lock_refusal(shop_id, customer_id, coupon_id, now)
        await CouponOrder.create(shop_id=shop_id, order_id=order_id, customer_id=customer_id, using_db=connection)


async def consume_for_order(shop_id: int, order_id: int, paid_fen: int | None, now: datetime) -> list[int]:
    """The order was paid: the coupons it was priced with are used up. Returns their ids.

    A coupon already used by another order (two checkouts racing with one coupon) stays with
    that order and is logged: a payment is never undone for a coupon.
    """
    from core.trade.models import Order

    order = await Order.get_or_none(id=order_id, shop_id=shop_id)
    if order is None:
        return []
    wanted = coupon_ids_of(order.adjustments)  # type: ignore[arg-type]
    used = []
    async with in_transaction() as connection:
        for coupon_id in wanted:
            changed = await Coupon.filter(
                Q(status=CouponStatus.AVAILABLE) | Q(status=CouponStatus.LOCKED, order_id=order_id),
                id=coupon_id,
                shop_id=shop_id,
                customer_id=order.customer_id,  # type: ignore[attr-defined]
            ).using_db(connection).update(status=CouponStatus.USED, order_id=order_id, used_at=now)
            if changed:
                used.append(coupon_id)
            else:
                logger.warning("coupon %s of paid order %s was already used elsewhere", coupon_id, order_id)
        if used:
            record = await CouponOrder.get_or_none(shop_id=shop_id, order_id=order_id).using_db(connection)
            if record is None:
                await CouponOrder.create(
                    shop_id=shop_id, order_id=order_id, customer_id=order.customer_id, paid_fen=paid_fen, using_db=connection  # type: ignore[attr-defined]
                )
            elif paid_fen is not None:
                await CouponOrder.filter(id=record.id).using_db(connection).update(paid_fen=paid_fen)
    return used


async def return_for_order(shop_id: int, order_id: int) -> int:
    """The order was cancelled or fully refunded: its coupons go back to the customer (with
    their original validity). Returns how many."""
    return await Coupon.filter(
        shop_id=shop_id, order_id=order_id, status__in=(CouponStatus.LOCKED, CouponStatus.USED)
    ).update(status=CouponStatus.AVAILABLE, order_id=None, used_at=None)


async def record_refund(shop_id: int, order_id: int, amount_fen: int) -> int:
    """Add a refund; return the coupons on a full refund (or on any refund when the shop's
    ``return_on_partial_refund`` setting is on). Returns how many came back."""
    record = await CouponOrder.get_or_none(shop_id=shop_id, order_id=order_id)
    if record is None:
        return 0
    await CouponOrder.filter(id=record.id).update(refunded_fen=F("refunded_fen") + amount_fen)
    await record.refresh_from_db()
    full = record.paid_fen is not None and record.refunded_fen >= record.paid_fen
    if full or (await shop_settings(shop_id))["return_on_partial_refund"]:
        return await return_for_order(shop_id, order_id)
    return 0
