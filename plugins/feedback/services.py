"""The feedback rules: when a request is made, how an answer is taken (once per order, only the
order's own customer, only while the request is open), expiry, and the admin's figures.

Every function is scoped to one shop; controllers parse and authorise, this module decides."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core import clock
from core.errors import Conflict, InvalidInput, NotFound
from core.shop_plugins.models import ShopPlugin
from core.trade import timers
from core.trade.models import Order, OrderStatus, Timer
from plugins.feedback.manifest import manifest
from plugins.feedback.models import FeedbackAnswer, FeedbackRequest, RequestStatus

logger = logging.getLogger("kaidian.plugins.feedback")

# Durable timer kinds (``kaidian_register_timer_handlers``): one of each per target.
ASK = "feedback_ask"  # target: the order; fires ``delay_hours`` after delivery/confirmation
EXPIRE = "feedback_expire"  # target: the request; fires at its ``expires_at``

# Order states after which the customer has the goods (delivered, or receipt confirmed).
HAS_GOODS = (OrderStatus.DELIVERED, OrderStatus.COMPLETED)
LOW_SCORE_EVENT = "feedback.low_score"


async def shop_settings(shop_id: int) -> dict[str, Any]:
    row = await ShopPlugin.get_or_none(shop_id=shop_id, plugin=manifest.name)
    return {**manifest.settings_defaults(), **(row.settings if row else {})}


def _reason(zh: str, en: str) -> dict[str, str]:
    return {"zh-CN": zh, "en": en}


# ------------------------------------------------------------------ making requests


async def order_has_goods(shop_id: int, order_id: int) -> None:
    """An order reached delivered or completed: arm its one ``feedback_ask`` timer, from the
    first of the two (a second arming is a no-op; were two to race, the request itself is still
    made once: ``order_id`` is unique on requests)."""
    if await Timer.exists(kind=ASK, target_id=order_id):
        return
    settings = await shop_settings(shop_id)
    await timers.schedule(shop_id, ASK, order_id, clock.now() + timedelta(hours=int(settings["delay_hours"])))


async def ask(host: Any, app_settings: Any, timer: Any) -> None:
    """Timer handler (``feedback_ask``): make the order's feedback request, once."""
    request = await create_request(timer.shop_id, timer.target_id, clock.now())
    if request is not None:
        await timers.rearm(request.shop_id, EXPIRE, request.id, request.expires_at)  # type: ignore[attr-defined]
        from plugins.feedback import subscribe

        await subscribe.send_for_request(host, app_settings, request)


async def create_request(shop_id: int, order_id: int, now: datetime) -> FeedbackRequest | None:
    """The request for an order whose customer has the goods; None when the order is gone,
    refunded, or already has one (idempotent: a timer run twice makes one request)."""
    order = await Order.get_or_none(id=order_id, shop_id=shop_id)
    if order is None or order.status not in HAS_GOODS:
        return None
    if await FeedbackRequest.exists(order_id=order_id):
        return None
    settings = await shop_settings(shop_id)
    try:
        async with in_transaction():
            return await FeedbackRequest.create(
                shop_id=shop_id,
                customer_id=order.customer_id,  # type: ignore[attr-defined]
                order_id=order_id,
                order_no=order.order_no,
                status=RequestStatus.PENDING,
                expires_at=now + timedelta(days=int(settings["expire_days"])),
                created_at=now,
            )
    except IntegrityError:
        return None  # a racing runner made it


async def expire(host: Any, app_settings: Any, timer: Any) -> None:
    """Timer handler (``feedback_expire``): an unanswered request closes."""
    await expire_request(timer.target_id)


async def expire_request(request_id: int) -> bool:
    """Close a request still pending (its timer fell due at ``expires_at``); an answered one stays."""
    return bool(await FeedbackRequest.filter(id=request_id, status=RequestStatus.PENDING).update(status=RequestStatus.EXPIRED))


# ------------------------------------------------------------------ the customer's side


async def open_requests(shop_id: int, customer_id: int, now: datetime) -> list[FeedbackRequest]:
    """The caller's requests still open, newest first."""
    return await FeedbackRequest.filter(
        shop_id=shop_id, customer_id=customer_id, status=RequestStatus.PENDING, expires_at__gt=now
    ).order_by("-created_at", "-id")


async def request_for_order(shop_id: int, customer_id: int, order_id: int) -> FeedbackRequest:
    """The caller's request for one of their orders: 404 naming ``order_id`` for another's order
    (or another shop's), 422 for one of theirs not open for feedback yet."""
    order = await Order.get_or_none(id=order_id, shop_id=shop_id)
    if order is None or order.customer_id != customer_id:  # type: ignore[attr-defined]
        raise NotFound(field="order_id", variant="order")
    request = await FeedbackRequest.get_or_none(shop_id=shop_id, order_id=order_id)
    if request is None:
        raise InvalidInput(field="order_id", reason=_reason("该订单还不能评价", "this order is not open for feedback yet"))
    return request


def check_tags(tags: list[str], allowed: list[str]) -> None:
    for index, tag in enumerate(tags):
        if tag not in allowed:
            raise InvalidInput(field=f"tags[{index}]", reason=_reason(f"本店没有标签「{tag}」", f"the shop has no tag {tag!r}"))


async def answer(
    shop_id: int,
    customer_id: int,
    order_id: int,
    *,
    score: int,
    tags: list[str],
    text: str,
    photo_urls: list[str],
    now: datetime,
) -> FeedbackAnswer:
    """Take the caller's answer for their order: once per order (a second answer, even a racing
    one, is 409 naming ``order_id``), never for an expired request. Nothing is written on refusal."""
    request = await request_for_order(shop_id, customer_id, order_id)
    settings = await shop_settings(shop_id)
    check_tags(tags, list(settings["tags"]))
    if request.status == RequestStatus.ANSWERED:
        raise Conflict(field="order_id", reason=_reason("该订单已评价过", "this order has already been answered"))
    if request.status == RequestStatus.EXPIRED or request.expires_at <= now:
        raise Conflict(field="order_id", reason=_reason("评价已过期", "the time to answer for this order has passed"))
    try:
        async with in_transaction():
            # The conditional move is the claim: of two racing answers one moves it, the other
            # finds nothing to move; the unique order_id on answers backs it up.
            moved = await FeedbackRequest.filter(id=request.id, status=RequestStatus.PENDING).update(status=RequestStatus.ANSWERED)
            if not moved:
                raise Conflict(field="order_id", reason=_reason("该订单已评价过", "this order has already been answered"))
            created = await FeedbackAnswer.create(
                shop_id=shop_id,
                customer_id=customer_id,
                request_id=request.id,
                order_id=order_id,
                score=score,
                tags=tags,
                text=text,
                photo_urls=photo_urls,
                created_at=now,
            )
    except IntegrityError:
        raise Conflict(field="order_id", reason=_reason("该订单已评价过", "this order has already been answered")) from None
    await timers.disarm(EXPIRE, request.id)
    if score <= int(settings["low_score_threshold"]):
        await _send_low_score(shop_id, created)
    return created


async def _send_low_score(shop_id: int, answer: FeedbackAnswer) -> None:
    from core.trade.webhooks import enqueue

    try:
        await enqueue(shop_id, LOW_SCORE_EVENT, low_score_payload(answer))
    except Exception:  # the answer is kept; a webhook is a notification
        logger.exception("queueing feedback.low_score for answer %s failed", answer.id)


def low_score_payload(answer: FeedbackAnswer) -> dict[str, Any]:
    request: Any = answer
    return {
        "answer_id": answer.id,
        "order_id": answer.order_id,
        "customer_id": request.customer_id,
        "score": answer.score,
        "tags": answer.tags,
        "text": answer.text,
        "photo_urls": answer.photo_urls,
        "created_at": answer.created_at.isoformat(),
    }


# ------------------------------------------------------------------ the merchant's figures


def nps(scores: list[int]) -> float | None:
    """Net promoter score: % promoters (9–10) − % detractors (0–6), None without answers."""
    if not scores:
        return None
    promoters = sum(1 for score in scores if score >= 9)
    detractors = sum(1 for score in scores if score <= 6)
    return round(100.0 * (promoters - detractors) / len(scores), 1)


async def summary(shop_id: int, since: datetime, until: datetime, tz: Any) -> dict[str, Any]:
    """NPS overall and per day (in ``tz``), tag counts, and requests by status."""
    rows = await FeedbackAnswer.filter(shop_id=shop_id, created_at__gte=since, created_at__lt=until).values_list("score", "tags", "created_at")
    by_day: dict[str, list[int]] = {}
    tag_counts: dict[str, int] = {}
    day = since.astimezone(tz).date()
    last = (until - timedelta(microseconds=1)).astimezone(tz).date()
    while day <= last:
        by_day[day.isoformat()] = []
        day += timedelta(days=1)
    for score, tags, created_at in rows:
        by_day.setdefault(created_at.astimezone(tz).date().isoformat(), []).append(score)
        for tag in tags or []:
            tag_counts[tag] = tag_counts.get(tag, 0) + 1
    scores = [score for score, _, _ in rows]
    statuses = {
        status.value: await FeedbackRequest.filter(shop_id=shop_id, created_at__gte=since, created_at__lt=until, status=status).count()
        for status in RequestStatus
    }
    return {
        "answers": len(scores),
        "nps": nps(scores),
        "promoters": sum(1 for score in scores if score >= 9),
        "passives": sum(1 for score in scores if 7 <= score <= 8),
        "detractors": sum(1 for score in scores if score <= 6),
        "requests": statuses,
        "trend": [{"day": key, "answers": len(values), "nps": nps(values)} for key, values in sorted(by_day.items())],
        "tags": [{"tag": tag, "count": count} for tag, count in sorted(tag_counts.items(), key=lambda item: (-item[1], item[0]))],
    }
