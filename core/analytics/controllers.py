"""Analytics routes: the generated apps' event ingest (public) and the admin's reports."""

from __future__ import annotations

import math
from dataclasses import dataclass
import time
from datetime import date
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from limits import RateLimitItemPerMinute
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema
from litestar.params import FromPath, JSONBody, Parameter, QueryParameter
from pydantic import Field

from core.analytics import ingest, reports
from core.analytics.store import app_store
from core.auth import SKIP_AUTH, AuthUser, optional_user, roles_allowed
from core.accounts.models import StaffRole
from core.catalog.storefront import require_open_shop
from core.errors import TooManyRequests
from core.i18n import negotiate_locale
from core.openapi import AUTHED, problems
from core.ratelimit import sliding_window_counter_limiter
from core.schemas import ReadModel, WriteModel
from core.settings import Settings
from core.trade.cart_controllers import DeviceToken

# Analytics show revenue and customers' behaviour: owners and operators, not customer service.
analytics_staff = roles_allowed(StaffRole.OWNER, StaffRole.OPERATOR)


class EventBatchIn(WriteModel):
    """Up to 50 events; each is ``{"id", "type", "session_id", "route", "from_route",
    "block_id", "experiments", "client_time", "props"}`` and is checked on its own."""

    events: list[Any] = Field(max_length=ingest.MAX_EVENTS)


class RefusalRead(ReadModel):
    index: int
    id: str | None
    field: str
    reason: str


class IngestRead(ReadModel):
    accepted: int
    duplicates: int
    rejected: list[RefusalRead]


class EventIngestController(Controller):
    path = "/api/shop/{shop_id:int}/events"
    tags = ["shop: analytics"]

    @post(
        "/",
        operation_id="recordEvents",
        opt={SKIP_AUTH: True},
        status_code=200,
        request_max_body_size=ingest.MAX_BODY_BYTES,
        responses=problems(404, 429),
    )
    async def record(self, request: Request[Any, Any, Any], shop_id: FromPath[int], data: JSONBody[EventBatchIn], settings: NamedDependency[Settings], device_token: DeviceToken) -> IngestRead:
        """Record up to 50 analytics events of one device (``X-Device-Token``); a customer's
        Bearer token, when valid for this shop, attributes them to the customer (an invalid one
        is ignored). Each event is checked on its own: invalid ones come back in ``rejected``
        with the field and reason while the valid ones are kept; an id already stored counts in
        ``duplicates`` (retry with the same ids). A client time more than 24 h from the
        server's is replaced by the server's. ``order_placed``, ``order_paid`` and ``refund``
        are written by the server only. 429 with Retry-After past the per-device or per-address
        rate."""
        await _throttle(request, settings, device_token)
        await require_open_shop(shop_id)
        user = await optional_user(request)
        customer_id = user.account_id if user is not None and user.kind == "customer" and user.shop_id == shop_id else None
        records, refusals, repeats = ingest.check_batch(
            data.events, types=request.app.state.registries.event_types, shop_id=shop_id, device_id=device_token,
            customer_id=customer_id, zone=ZoneInfo(settings.business_timezone),
        )
        accepted, existing = await app_store(request.app).insert(records)
        return IngestRead(
            accepted=accepted,
            duplicates=repeats + len(existing),
            rejected=[RefusalRead(index=item.index, id=item.id, field=item.field, reason=item.reason) for item in refusals],
        )


async def _throttle(request: Request[Any, Any, Any], settings: Settings, device_token: str) -> None:
    limiter = sliding_window_counter_limiter(request.app, "analytics-ingest")
    address = request.client.host if request.client else "unknown"
    for item, kind, key in (
        (RateLimitItemPerMinute(settings.analytics_batches_per_minute_per_device), "device", device_token),
        (RateLimitItemPerMinute(settings.analytics_batches_per_minute_per_ip), "address", address),
    ):
        if not await limiter.hit(item, kind, key):
            reset_at, _ = await limiter.get_window_stats(item, kind, key)
            error = TooManyRequests(field="X-Device-Token" if kind == "device" else None)
            error.headers["Retry-After"] = str(max(1, math.ceil(reset_at - time.time())))
            raise error


# -- reports ----------------------------------------------------------------------------------


class DayFiguresRead(ReadModel):
    visitors: int
    gmv_fen: int
    paid_orders: int
    average_order_fen: int
    paying_customers: int
    visit_to_order_rate: float | None = Field(description="customers who ordered / visitors; null when more ordered than visits were seen")


class OverviewDayRead(DayFiguresRead):
    date: date


class OverviewRead(ReadModel):
    days: list[OverviewDayRead]
    totals: DayFiguresRead


class FunnelStepRead(ReadModel):
    key: str
    label: str
    count: int
    conversion: float = Field(description="share of the first step's actors who reached this step")
    drop_off: float = Field(description="share of the previous step's actors who did not reach this step")


class FunnelGroupRead(ReadModel):
    key: str
    label: str
    steps: list[FunnelStepRead]


class FunnelRead(ReadModel):
    steps: list[FunnelStepRead]
    groups: list[FunnelGroupRead]


TransitionRead = Annotated[dict[str, Any], Field(description='{"from", "to", "count"}')]


class ExitRead(ReadModel):
    route: str
    count: int


class TopPathRead(ReadModel):
    path: list[str]
    count: int


class PathsRead(ReadModel):
    transitions: list[TransitionRead]
    exits: list[ExitRead]
    top_paths: list[TopPathRead]


class BlockRead(ReadModel):
    block_id: str
    component: str
    exposures: int
    clicks: int
    ctr: float | None = Field(description="clicks / exposures; null when that is no rate (see ctr_note)")
    ctr_note: str | None = Field(description="why ctr is null: no exposures recorded, or more clicks than exposures")


class BlocksRead(ReadModel):
    blocks: list[BlockRead]


class CohortRead(ReadModel):
    date: date
    size: int
    d1: float | None
    d7: float | None
    d30: float | None


class RetentionRead(ReadModel):
    cohorts: list[CohortRead]


class EventTypeRead(ReadModel):
    name: str
    title: str
    source: str
    client: bool


StaffRequest = Request[AuthUser, Any, Any]
Start = Annotated[date | None, Parameter(description="first day (YYYY-MM-DD, business time zone); default 6 days before end")]
End = Annotated[date | None, Parameter(description="last day (YYYY-MM-DD, business time zone); default today")]
Format = Annotated[Literal["json", "csv"], QueryParameter(name="format", description="csv downloads the same data as CSV")]


@dataclass
class ReportOperation(Operation):
    """A report's OpenAPI operation: its 200 answer is the JSON model, or CSV with ``format=csv``."""

    def __post_init__(self) -> None:
        ok = (self.responses or {}).get("200")
        if isinstance(ok, OpenAPIResponse) and ok.content is not None:
            ok.content["text/csv"] = OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING))


def _answer(report: str, data: Any, output: str, model: Any) -> Any:
    if output == "csv":
        return Response(
            reports.to_csv(report, data).encode(),
            media_type="text/csv",  # Litestar adds the charset (utf-8)
            headers={"Content-Disposition": f'attachment; filename="{report}.csv"'},
        )
    return model.model_validate(data) if not isinstance(data, list) else [model.model_validate(item) for item in data]


class AnalyticsReportController(Controller):
    path = "/api/admin/analytics"
    tags = ["admin: analytics"]
    guards = [analytics_staff]

    def _range(self, settings: Settings, start: date | None, end: date | None) -> tuple[date, date, ZoneInfo]:
        zone = ZoneInfo(settings.business_timezone)
        first, last = reports.date_range(start, end, zone)
        return first, last, zone

    @get("/overview", operation_id="getAnalyticsOverview", operation_class=ReportOperation, responses=problems(*AUTHED))
    async def overview(self, request: StaffRequest, settings: NamedDependency[Settings], start: Start = None, end: End = None, output: Format = "json") -> OverviewRead:
        """Visitors (distinct visitors with a page view), GMV, paid orders, average order value,
        paying customers and visit-to-order rate (customers who placed an order / visitors) per
        day and over the range. Order figures come from the orders themselves."""
        first, last, zone = self._range(settings, start, end)
        data = await reports.overview(app_store(request.app), request.user.shop_id, first, last, zone)
        return _answer("overview", data, output, OverviewRead)

    @get("/funnel", operation_id="getAnalyticsFunnel", operation_class=ReportOperation, responses=problems(*AUTHED))
    async def funnel(
        self,
        request: StaffRequest,
        settings: NamedDependency[Settings],
        steps: Annotated[str, Parameter(description="2–6 comma-separated steps: an event type, or type@route", max_length=1300)],
        window_hours: Annotated[int, Parameter(ge=1, le=720, description="the whole chain must fit in this many hours")] = 24,
        split: Annotated[Literal["none", "customer_kind", "entry_page"], Parameter(description="also split by new/returning or by entry page")] = "none",
        start: Start = None,
        end: End = None,
        output: Format = "json",
    ) -> FunnelRead:
        """Visitors reaching each step in order (strictly later each time) within the window,
        with conversion from the first step and drop-off from the previous one; ``groups``
        splits them by new vs returning (seen before ``start``) or by the first page viewed."""
        first, last, _ = self._range(settings, start, end)
        types = request.app.state.registries.event_types
        data = await reports.funnel(
            app_store(request.app), types, request.user.shop_id, first, last, reports.parse_steps(steps, types), window_hours, split,
            negotiate_locale(request.headers.get("accept-language")),
        )
        return _answer("funnel", data, output, FunnelRead)

    @get("/paths", operation_id="getAnalyticsPaths", operation_class=ReportOperation, responses=problems(*AUTHED))
    async def paths(
        self,
        request: StaffRequest,
        settings: NamedDependency[Settings],
        limit: Annotated[int, Parameter(ge=1, le=100, description="how many top paths")] = 20,
        start: Start = None,
        end: End = None,
        output: Format = "json",
    ) -> PathsRead:
        """Page-to-page transitions within sessions, the pages sessions ended on, and the most
        frequent paths (a session's first five pages)."""
        first, last, _ = self._range(settings, start, end)
        data = await reports.paths(app_store(request.app), request.user.shop_id, first, last, limit)
        return _answer("paths", data, output, PathsRead)

    @get("/blocks", operation_id="getAnalyticsBlocks", operation_class=ReportOperation, responses=problems(*AUTHED))
    async def blocks(
        self,
        request: StaffRequest,
        settings: NamedDependency[Settings],
        route: Annotated[str, Parameter(description="the page route, e.g. pages/index/index", max_length=200)],
        start: Start = None,
        end: End = None,
        output: Format = "json",
    ) -> BlocksRead:
        """Exposures, clicks and click-through rate of each block of one page."""
        first, last, _ = self._range(settings, start, end)
        locale = negotiate_locale(request.headers.get("accept-language"))
        data = await reports.blocks(app_store(request.app), request.user.shop_id, first, last, route, locale)
        return _answer("blocks", data, output, BlocksRead)

    @get("/retention", operation_id="getAnalyticsRetention", operation_class=ReportOperation, responses=problems(*AUTHED))
    async def retention(self, request: StaffRequest, settings: NamedDependency[Settings], start: Start = None, end: End = None, output: Format = "json") -> RetentionRead:
        """Cohorts by the day visitors were first seen, with the share seen again 1, 7 and 30
        days later (null while that day has not come yet)."""
        first, last, zone = self._range(settings, start, end)
        today = reports.date_range(None, None, zone)[1]
        data = await reports.retention(app_store(request.app), request.user.shop_id, first, last, today)
        return _answer("retention", data, output, RetentionRead)

    @get("/event-types", operation_id="listAnalyticsEventTypes", operation_class=ReportOperation, responses=problems(*AUTHED))
    async def event_types(self, request: StaffRequest, output: Format = "json") -> list[EventTypeRead]:
        """Every event type (core's and plugins'); ``client`` says whether the apps may send it."""
        data = reports.event_types(request.app.state.registries.event_types, negotiate_locale(request.headers.get("accept-language")))
        return _answer("event-types", data, output, EventTypeRead)
