"""Rules for bargains: starting one, cutting (with every anti-abuse check), expiry, and the
order lifecycle (priced at checkout, held by the unpaid order, bought once)."""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from core.accounts.models import Customer
from core.errors import Conflict, NotFound
from core.shop_plugins.models import ShopPlugin
from core.trade import timers
from plugins.bargain.activities import get_activity, open_problem
from plugins.bargain.manifest import manifest
from plugins.bargain.models import Bargain, BargainActivity, BargainCut, BargainQuota, BargainStatus
from plugins.bargain.plan import PLAN_VERSION, cut_plan, helpers_needed, new_seed

logger = logging.getLogger("kaidian.bargain")

EXPIRE_TIMER = "bargain.expire"
ADJUSTMENT_KEY_PREFIX = "bargain:"


def refused(zh: str, en: str, field: str | None = None) -> Conflict:
    return Conflict(field=field, reason={"zh-CN": zh, "en": en})


async def shop_settings(shop_id: int) -> dict[str, Any]:
    """The plugin's effective settings for a shop (hooks get no host, so read the row here)."""
    row = await ShopPlugin.get_or_none(shop_id=shop_id, plugin=manifest.name)
    return {**manifest.settings_defaults(), **(row.settings if row else {})}


def salted_hash(salt: str, shop_id: int, kind: str, value: str) -> str:
    """A keyed hash of a device token or IP: comparable within a shop, useless elsewhere."""
    return hmac.new(salt.encode(), f"bargain:{shop_id}:{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def effective_status(bargain: Bargain, now: datetime) -> BargainStatus:
    """The status as customers see it: a bargain past its deadline is expired even if its timer
    has not fired yet."""
    status = BargainStatus(bargain.status)
    if status == BargainStatus.IN_PROGRESS and now >= bargain.expires_at:
        return BargainStatus.EXPIRED
    return status


def plan_of(bargain: Bargain) -> list[int]:
    return cut_plan(bargain.seed, bargain.start_price_fen - bargain.floor_price_fen, bargain.cuts_needed)


# -- quotas ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quota:
    key: str
    limit: int
    reason: dict[str, str]


async def _ensure_quota_rows(shop_id: int, quotas: list[Quota]) -> None:
    """Counter rows exist before the transaction that moves them, so that transaction only
    runs conditional UPDATEs (an insert race inside it would abort it on PostgreSQL)."""
    for quota in quotas:
        if not await BargainQuota.exists(shop_id=shop_id, key=quota.key):
            try:
                await BargainQuota.create(shop_id=shop_id, key=quota.key)
            except IntegrityError:
                pass  # created by a concurrent request: fine


async def _take(shop_id: int, quotas: list[Quota]) -> None:
    """Use one of each quota, in key order (so concurrent requests lock rows alike), or raise."""
    for quota in sorted(quotas, key=lambda q: q.key):
        taken = await BargainQuota.filter(shop_id=shop_id, key=quota.key, used__lt=quota.limit).update(used=F("used") + 1)
        if not taken:
            raise Conflict(reason=quota.reason)


# -- starting -------------------------------------------------------------------------------


async def start(shop_id: int, activity_id: int, customer_id: int, now: datetime) -> Bargain:
    activity = await get_activity(shop_id, activity_id)
    from core.catalog.inventory import sku_snapshot

    problem = open_problem(activity, now)
    if problem:
        raise Conflict(reason=problem)
    info = (await sku_snapshot(shop_id, [activity.sku_id])).get(activity.sku_id)
    if info is None or not info.sellable:
        raise refused("商品已售罄或已下架", "the item is sold out or no longer on sale")
    limit = activity.bargains_per_customer
    quota = Quota(
        f"start:{activity.id}:{customer_id}",
        limit,
        {"zh-CN": f"每人最多发起{limit}次该砍价", "en": f"you may start this bargain at most {limit} time(s)"},
    )
    await _ensure_quota_rows(shop_id, [quota])
    seed = new_seed()
    cuts = helpers_needed(seed, activity.helpers_needed, activity.helpers_min)
    expires_at = min(now + timedelta(minutes=activity.duration_minutes), activity.ends_at)
    async with in_transaction():
        await _take(shop_id, [quota])
        await BargainActivity.filter(id=activity.id).update(started_count=F("started_count") + 1)
        bargain = await Bargain.create(
            shop_id=shop_id,
            activity_id=activity.id,
            customer_id=customer_id,
            seed=seed,
            plan_version=PLAN_VERSION,
            cuts_needed=cuts,
            start_price_fen=activity.start_price_fen,
            floor_price_fen=activity.floor_price_fen,
            current_price_fen=activity.start_price_fen,
            expires_at=expires_at,
        )
        await timers.schedule(shop_id, EXPIRE_TIMER, bargain.id, expires_at)
    return bargain


async def get_bargain(shop_id: int, bargain_id: int) -> Bargain:
    bargain = await Bargain.get_or_none(id=bargain_id, shop_id=shop_id).prefetch_related("activity")
    if bargain is None:
        raise NotFound(field="bargain_id")
    return bargain


# -- cutting --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Helper:
    """Who is cutting and from where; ``device_hash`` and ``ip_hash`` are already salted."""

    customer_id: int
    device_hash: str
    ip_hash: str
    # "Per day" limits count days of the business calendar (KAIDIAN_BUSINESS_TIMEZONE).
    timezone: str = "Asia/Shanghai"


def _check_open(bargain: Bargain, now: datetime) -> None:
    status = effective_status(bargain, now)
    if status == BargainStatus.IN_PROGRESS:
        return
    if status == BargainStatus.EXPIRED:
        raise refused("砍价已过期", "this bargain has expired")
    raise refused("已经砍到底价啦", "this bargain has already reached its floor price")


async def _helper_quotas(shop_id: int, activity: BargainActivity, helper: Helper, now: datetime) -> list[Quota]:
    settings = await shop_settings(shop_id)
    day = now.astimezone(ZoneInfo(helper.timezone)).date().isoformat()
    per_activity, per_day = activity.cuts_per_helper_per_activity, activity.cuts_per_helper_per_day
    quotas = [
        Quota(
            f"helper:{activity.id}:{helper.customer_id}",
            per_activity,
            {"zh-CN": f"该活动每人最多帮砍{per_activity}次", "en": f"you may help at most {per_activity} time(s) in this activity"},
        ),
        Quota(
            f"helper-day:{activity.id}:{helper.customer_id}:{day}",
            per_day,
            {"zh-CN": f"该活动每人每天最多帮砍{per_day}次", "en": f"you may help at most {per_day} time(s) a day in this activity"},
        ),
    ]
    if settings["cuts_per_device_per_day"]:
        quotas.append(Quota(
            f"device-day:{helper.device_hash[:40]}:{day}",
            settings["cuts_per_device_per_day"],
            {"zh-CN": "该设备今日帮砍次数已用完", "en": "this device has used up today's cuts"},
        ))
    if settings["cuts_per_ip_per_day"]:
        quotas.append(Quota(
            f"ip-day:{helper.ip_hash[:40]}:{day}",
            settings["cuts_per_ip_per_day"],
            {"zh-CN": "当前网络今日帮砍次数已用完", "en": "this network has used up today's cuts"},
        ))
    return quotas


async def cut(shop_id: int, bargain_id: int, helper: Helper, now: datetime) -> BargainCut:
    """Apply the next step of the bargain's plan for ``helper``, or raise a Conflict naming why not.

    The bargain row is locked (``SELECT … FOR UPDATE``) and its step index moves by a
    conditional UPDATE (``WHERE cut_count = step``): concurrent helpers apply consecutive steps,
    never the same one twice, and the plan ends exactly on the floor. Quotas and the cut row are
    written in the same transaction, so a refused cut leaves nothing behind.
    """
    bargain = await get_bargain(shop_id, bargain_id)
    activity: BargainActivity = bargain.activity
    _check_open(bargain, now)
    if helper.customer_id == bargain.customer_id and not activity.allow_self_cut:  # type: ignore[attr-defined]
        raise refused("不能给自己砍价", "you cannot cut your own bargain")
    if await BargainCut.exists(bargain_id=bargain.id, helper_id=helper.customer_id):
        raise refused("已经帮砍过了", "you have already helped this bargain")
    if activity.min_account_age_hours:
        joined = await Customer.filter(id=helper.customer_id, shop_id=shop_id).values_list("created_at", flat=True)
        if not joined or now - joined[0] < timedelta(hours=activity.min_account_age_hours):
            hours = activity.min_account_age_hours
            raise refused(f"注册满{hours}小时后才能帮砍", f"accounts younger than {hours} hours cannot help")
    quotas = await _helper_quotas(shop_id, activity, helper, now)
    await _ensure_quota_rows(shop_id, quotas)
    plan = plan_of(bargain)
    async with in_transaction():
        current = await Bargain.filter(id=bargain.id).select_for_update().first()
        assert current is not None
        _check_open(current, now)
        step = current.cut_count
        amount = plan[step]
        price_after = current.current_price_fen - amount
        changes: dict[str, Any] = {"cut_count": step + 1, "current_price_fen": price_after}
        if step + 1 == current.cuts_needed:
            changes.update(status=BargainStatus.SUCCEEDED, succeeded_at=now)
        moved = await Bargain.filter(
            id=bargain.id,
            cut_count=step,
            status=BargainStatus.IN_PROGRESS,
            expires_at__gt=now,
            current_price_fen__gte=current.floor_price_fen + amount,
        ).update(**changes)
        if not moved:  # only without row locks (SQLite serialises anyway): ask the helper to retry
            raise refused("砍价人数太多，请稍后再试", "too many helpers at once; please retry")
        await _take(shop_id, quotas)
        try:
            record = await BargainCut.create(
                shop_id=shop_id,
                bargain_id=bargain.id,
                helper_id=helper.customer_id,
                step=step,
                amount_fen=amount,
                price_after_fen=price_after,
                device_hash=helper.device_hash,
                ip_hash=helper.ip_hash,
            )
        except IntegrityError:  # the same helper's second request, racing the first
            raise refused("已经帮砍过了", "you have already helped this bargain") from None
    if step + 1 == current.cuts_needed:
        await timers.disarm(EXPIRE_TIMER, bargain.id)
    return record


async def expire(host: Any, settings: Any, timer: Any) -> None:
    """Timer handler: an unfinished bargain expires (idempotent: a finished one is left alone)."""
    await Bargain.filter(id=timer.target_id, status=BargainStatus.IN_PROGRESS).update(status=BargainStatus.EXPIRED)


async def helpers_of(bargain_ids: list[int]) -> dict[int, list[tuple[BargainCut, Customer]]]:
    """Each bargain's cuts in step order, with the helper."""
    cuts = await BargainCut.filter(bargain_id__in=bargain_ids).prefetch_related("helper").order_by("step")
    result: dict[int, list[tuple[BargainCut, Customer]]] = {}
    for item in cuts:
        result.setdefault(item.bargain_id, []).append((item, item.helper))  # type: ignore[attr-defined]
    return result


def audit(bargain: Bargain, cuts: list[BargainCut]) -> tuple[list[int], bool]:
    """The plan recomputed from the stored seed, and whether every recorded cut matches it."""
    plan = plan_of(bargain)
    recorded = [(item.step, item.amount_fen) for item in cuts]
    price = bargain.start_price_fen
    consistent = len(recorded) == bargain.cut_count
    for step, amount in sorted(recorded):
        consistent = consistent and step < len(plan) and plan[step] == amount
        price -= amount
    consistent = consistent and price == bargain.current_price_fen and price >= bargain.floor_price_fen
    return plan, consistent


# -- buying ---------------------------------------------------------------------------------


def buy_price(bargain: Bargain, activity: BargainActivity, now: datetime) -> tuple[int | None, dict[str, str]]:
    """The price the starter may buy at now, or None with the reason why not."""
    status = effective_status(bargain, now)
    if status == BargainStatus.SUCCEEDED:
        return bargain.current_price_fen, {"zh-CN": "砍价成功价", "en": "bargain price"}
    if status == BargainStatus.EXPIRED:
        if activity.buy_at_current_price:
            return bargain.current_price_fen, {"zh-CN": "砍价当前价", "en": "bargain price so far"}
        return None, {"zh-CN": "砍价已过期，未砍到底价", "en": "this bargain expired before reaching its floor"}
    if status == BargainStatus.IN_PROGRESS:
        return None, {"zh-CN": "还没砍到底价", "en": "this bargain has not reached its floor yet"}
    if status == BargainStatus.ORDERED:
        return None, {"zh-CN": "该砍价已下单，请先支付或取消原订单", "en": "this bargain is held by an unpaid order"}
    return None, {"zh-CN": "该砍价已购买", "en": "this bargain has already been bought"}


# Where the checkout body names the bargain (this plugin's part of it, hooks.py registers it).
CHOICE_FIELD = "plugins.bargain.bargain_id"


async def not_buyable(shop_id: int, customer_id: int, bargain_id: int, now: datetime) -> Conflict:
    """Why the checkout's ``bargain_id`` got no bargain price (a 409 naming ``plugins.bargain.bargain_id``)."""
    bargain = await Bargain.get_or_none(id=bargain_id, shop_id=shop_id, customer_id=customer_id).prefetch_related("activity")
    if bargain is None:
        return refused("砍价不存在", "no such bargain", field=CHOICE_FIELD)
    price, reason = buy_price(bargain, bargain.activity, now)
    if price is None:
        return Conflict(field=CHOICE_FIELD, reason=reason)
    return refused("订单中没有砍价商品", "the bargain's item is not in this order", field=CHOICE_FIELD)


def bargain_ids_of(adjustments: list[dict[str, Any]]) -> list[int]:
    """The bargains among an order's stored adjustments."""
    return sorted({
        int(str(item["key"]).removeprefix(ADJUSTMENT_KEY_PREFIX))
        for item in adjustments or ()
        if item.get("source") == manifest.name and str(item.get("key", "")).startswith(ADJUSTMENT_KEY_PREFIX)
    })


async def hold_for_order(shop_id: int, customer_id: int, order_id: int, bargain_ids: list[int], now: datetime) -> None:
    """Inside the checkout transaction: the new order takes its bargain, or the checkout fails.

    A conditional UPDATE (``order_id IS NULL`` and buyable), so of two checkouts racing with
    one bargain exactly one gets it.
    """
    buyable = Q(status=BargainStatus.SUCCEEDED) | Q(
        status__in=(BargainStatus.EXPIRED, BargainStatus.IN_PROGRESS), expires_at__lte=now
    )
    for bargain_id in bargain_ids:
        held = await Bargain.filter(
            buyable, id=bargain_id, shop_id=shop_id, customer_id=customer_id, order_id__isnull=True
        ).update(status=BargainStatus.ORDERED, order_id=order_id)
        if not held:
            raise refused("该砍价已下单或已购买", "this bargain has already been ordered or bought", field=CHOICE_FIELD)


async def release_for_order(shop_id: int, order_id: int) -> int:
    """The unpaid order was cancelled: its bargain is buyable again (reached the floor → succeeded,
    else expired). Returns how many were released."""
    finished = await Bargain.filter(
        shop_id=shop_id, order_id=order_id, status=BargainStatus.ORDERED, cut_count__gte=F("cuts_needed")
    ).update(status=BargainStatus.SUCCEEDED, order_id=None)
    unfinished = await Bargain.filter(shop_id=shop_id, order_id=order_id, status=BargainStatus.ORDERED).update(
        status=BargainStatus.EXPIRED, order_id=None
    )
    return finished + unfinished


async def purchase_for_order(shop_id: int, order_id: int, now: datetime) -> int:
    """The order was paid: its bargain is bought, for good."""
    return await Bargain.filter(shop_id=shop_id, order_id=order_id, status=BargainStatus.ORDERED).update(
        status=BargainStatus.PURCHASED, purchased_at=now
    )
