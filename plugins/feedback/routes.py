"""HTTP routes: customers (the app prompt, the form of one order, answering) and staff (figures
and the answers list). Controllers parse and authorise; ``services`` holds the rules."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody, Parameter

from core import clock
from core.auth import AuthUser, customer_only, managers
from core.catalog.media_storage import media_storage
from core.openapi import AUTHED, problems
from core.settings import Settings
from core.trade import uploads
from plugins.feedback import services
from plugins.feedback.models import FeedbackAnswer, FeedbackRequest
from plugins.feedback.schemas import (
    AdminAnswerRead,
    AnswerCreate,
    AnswerPage,
    AnswerRead,
    FormRead,
    PromptRead,
    RequestRead,
    SummaryRead,
)

AuthedRequest = Request[AuthUser, Any, Any]
TAGS = ["plugin: feedback"]


def request_read(request: FeedbackRequest, now: datetime) -> RequestRead:
    status = request.status.value
    if status == "pending" and request.expires_at <= now:
        status = "expired"  # its expiry timer has not fired yet
    return RequestRead(order_id=request.order_id, order_no=request.order_no, status=status, expires_at=request.expires_at, created_at=request.created_at)


def answer_read(answer: FeedbackAnswer) -> AnswerRead:
    return AnswerRead(**{name: getattr(answer, name) for name in AnswerRead.model_fields})


class FeedbackShopController(Controller):
    path = "/api/shop/feedback"
    tags = TAGS
    guards = [customer_only]

    @get("/prompt", operation_id="feedbackPrompt", responses=problems(*AUTHED))
    async def prompt(self, request: AuthedRequest) -> PromptRead:
        """The caller's newest open feedback request (what the app-level prompt offers), or null."""
        now = clock.now()
        open_requests = await services.open_requests(request.user.shop_id, request.user.account_id, now)
        return PromptRead(request=request_read(open_requests[0], now) if open_requests else None, open_count=len(open_requests))

    @get("/orders/{order_id:int}", operation_id="feedbackForm", responses=problems(*AUTHED, 404, 422))
    async def form(self, request: AuthedRequest, order_id: FromPath[int]) -> FormRead:
        """The form of one of the caller's orders: the request, the shop's tags and the answer if
        given (404 naming ``order_id`` for an order that is not theirs, 422 for one not open for feedback)."""
        user = request.user
        found = await services.request_for_order(user.shop_id, user.account_id, order_id)
        settings = await services.shop_settings(user.shop_id)
        answer = await FeedbackAnswer.get_or_none(order_id=order_id, shop_id=user.shop_id)
        return FormRead(request=request_read(found, clock.now()), tags=list(settings["tags"]), answer=answer_read(answer) if answer else None)

    @post("/answers", operation_id="feedbackAnswer", responses=problems(*AUTHED, 404, 409, 422))
    async def answer(self, request: AuthedRequest, data: JSONBody[AnswerCreate]) -> AnswerRead:
        """Answer for one of the caller's orders, once: NPS 0–10, the shop's tags, text and photos
        (``photo_ids`` from ``POST /api/shop/uploads``). 404 naming ``order_id`` for another's order;
        422 naming the field for a score out of 0–10, an unknown tag or photo; 409 naming ``order_id`` for a second answer or an expired request."""
        user = request.user
        photo_urls = await uploads.photo_urls(media_storage(request.app), user.shop_id, user.account_id, data.photo_ids)
        created = await services.answer(
            user.shop_id, user.account_id, data.order_id,
            score=data.score, tags=data.tags, text=data.text, photo_urls=photo_urls, now=clock.now(),
        )
        return answer_read(created)


class FeedbackAdminController(Controller):
    path = "/api/admin/feedback"
    tags = TAGS
    guards = [managers]

    @get("/summary", operation_id="feedbackSummary", responses=problems(*AUTHED))
    async def summary(
        self,
        request: AuthedRequest,
        settings: NamedDependency[Settings],
        days: Annotated[int, Parameter(ge=1, le=366, description="the last N days, today included")] = 30,
    ) -> SummaryRead:
        """NPS over the period and per day (business time zone), tag counts and requests by status."""
        zone = ZoneInfo(settings.business_timezone)
        today = clock.now().astimezone(zone).date()
        since = datetime.combine(today - timedelta(days=days - 1), time.min, zone)
        until = datetime.combine(today + timedelta(days=1), time.min, zone)
        return SummaryRead(**await services.summary(request.user.shop_id, since, until, zone))

    @get("/answers", operation_id="feedbackAnswers", responses=problems(*AUTHED))
    async def answers(
        self,
        request: AuthedRequest,
        page: Annotated[int, Parameter(ge=1, le=10000)] = 1,
        page_size: Annotated[int, Parameter(ge=1, le=100)] = 20,
        max_score: FromQuery[Annotated[int, Parameter(ge=0, le=10, description="only answers scoring at most this")] | None] = None,
    ) -> AnswerPage:
        """Answers, newest first, with the customer and order."""
        query = FeedbackAnswer.filter(shop_id=request.user.shop_id)
        if max_score is not None:
            query = query.filter(score__lte=max_score)
        total = await query.count()
        rows = await query.order_by("-created_at", "-id").offset((page - 1) * page_size).limit(page_size).prefetch_related("customer", "request")
        return AnswerPage(
            total=total,
            items=[
                AdminAnswerRead(
                    **answer_read(row).model_dump(),
                    customer_id=row.customer.id,  # type: ignore[attr-defined]
                    customer_nickname=row.customer.nickname or "",  # type: ignore[attr-defined]
                    order_no=row.request.order_no,  # type: ignore[attr-defined]
                )
                for row in rows
            ],
        )
