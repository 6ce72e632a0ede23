"""``GET /api/admin/dashboard``: the figures on the admin's first screen."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from pydantic import Field

from core.auth import AuthUser, staff_only
from core.dashboard.service import shop_dashboard
from core.openapi import AUTHED, problems
from core.schemas import ReadModel
from core.settings import Settings


class DayFiguresRead(ReadModel):
    day: date
    orders: int
    paid_orders: int
    gmv_fen: int


class DashboardRead(ReadModel):
    timezone: str
    today: DayFiguresRead
    pending_shipments: int
    refunds_awaiting_review: int
    refunds_stuck: int = Field(description="refunds the payment provider never took after every automatic resend: retry them")
    refunds_retrying: int = Field(description="refunds whose provider call failed, waiting for the next automatic resend")
    low_stock_alerts: int
    last_7_days: list[DayFiguresRead]


class DashboardController(Controller):
    path = "/api/admin/dashboard"
    tags = ["admin: dashboard"]
    guards = [staff_only]

    @get("/", operation_id="getDashboard", responses=problems(*AUTHED))
    async def dashboard(self, request: Request[AuthUser, Any, Any], settings: NamedDependency[Settings]) -> DashboardRead:
        """Today's orders, paid orders and GMV (in the business time zone), paid orders awaiting
        shipment, refunds awaiting review, refunds stuck or retrying with the payment provider,
        unread low-stock alerts, and the last 7 days."""
        figures = await shop_dashboard(request.user.shop_id, settings.business_timezone)
        return DashboardRead.model_validate(figures)
