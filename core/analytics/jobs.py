"""Scheduled analytics upkeep: daily rollups and the retention purge."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core import clock
from core.analytics.store import app_store

logger = logging.getLogger("kaidian.analytics")


def business_today(settings: Any, now: datetime | None = None) -> Any:
    return (now or clock.now()).astimezone(ZoneInfo(settings.business_timezone)).date()


async def rollup_job(ctx: Any) -> None:
    """Roll up the last two closed days (events may arrive up to a day late)."""
    today = business_today(ctx.app.state.settings)
    await app_store(ctx.app).rollup([today - timedelta(days=2), today - timedelta(days=1)])


async def purge_job(ctx: Any) -> None:
    settings = ctx.app.state.settings
    before = business_today(settings) - timedelta(days=settings.analytics_retention_days)
    removed = await app_store(ctx.app).purge(before)
    if removed:
        logger.info("purged %d analytics events of days before %s", removed, before)
