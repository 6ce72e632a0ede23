"""Plugin event types through kaidian_register_event_types, and the rollup and purge jobs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from core.analytics.jobs import purge_job, rollup_job
from core.analytics.models import AnalyticsDailyStat, AnalyticsEvent
from core.analytics.store import EventRecord, app_store
from core.app import create_app
from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.registries import RegistrationError
from tests.analytics.test_ingest import event, send


class GiftCards:
    manifest = PluginManifest(name="gift_cards", version="0.1.0", title={"zh-CN": "礼品卡", "en": "Gift cards"})

    def __init__(self, schema: dict | None = None) -> None:
        self.schema = schema or {"type": "object", "properties": {"card_id": {"type": "integer", "minimum": 1}}, "required": ["card_id"]}

    @hookimpl
    def kaidian_register_event_types(self, register):
        register("gift_cards.redeem", self.schema, {"zh-CN": "兑换礼品卡", "en": "Gift card redeemed"})


async def test_a_plugin_event_type_is_validated_by_its_schema_and_listed(kaidian_client_for, shop):
    async with kaidian_client_for(plugins=[GiftCards()]) as client:
        answer = (await send(client, shop.shop_id, [event(type="gift_cards.redeem", props={"card_id": 3}), event(type="gift_cards.redeem", props={"card_id": 0})])).json()
        assert answer["accepted"] == 1 and answer["rejected"][0]["field"] == "props.card_id", answer
        listed = (await client.get("/api/admin/analytics/event-types", headers=shop.owner)).json()
        assert {"name": "gift_cards.redeem", "title": "兑换礼品卡", "source": "gift_cards", "client": True} in listed
        funnel = await client.get("/api/admin/analytics/funnel?steps=page_view,gift_cards.redeem", headers=shop.owner)
        assert funnel.status_code == 200


def test_a_bad_event_type_stops_start_up_naming_the_plugin(kaidian_settings):
    with pytest.raises(RegistrationError, match="gift_cards"):
        create_app(kaidian_settings, plugins=[GiftCards({"type": "object", "properties": {"x": {"type": "nonsense"}}})])


def _old(shop_id: int, event_id: str, day: date) -> EventRecord:
    moment = datetime(day.year, day.month, day.day, 4, tzinfo=UTC)
    return EventRecord(
        shop_id=shop_id, event_id=event_id, type="page_view", device_id="old-device-0000001", customer_id=None, session_id="old-session",
        route="pages/home/index", from_route=None, block_id=None, experiments={}, props={}, client_time=moment, server_time=moment,
        ts_ms=int(moment.timestamp() * 1000), day=day,
    )


async def test_rollups_keep_daily_visitors_after_the_purge(kaidian_client_for, kaidian_settings, shop):
    settings = kaidian_settings.model_copy(update={"analytics_retention_days": 30})
    async with kaidian_client_for(settings=settings) as client:
        today = datetime.now(UTC).date()
        old_day, recent_day = today - timedelta(days=40), today - timedelta(days=1)
        store = app_store(client.app)
        await store.insert([_old(shop.shop_id, "old-event-1", old_day), _old(shop.shop_id, "recent-event-1", recent_day)])
        await store.rollup([old_day])
        ctx = SimpleNamespace(app=client.app)
        await rollup_job(ctx)
        await purge_job(ctx)
        assert await AnalyticsEvent.filter(shop_id=shop.shop_id).values_list("event_id", flat=True) == ["recent-event-1"]
        assert await AnalyticsDailyStat.filter(shop_id=shop.shop_id, type="page_view", day=old_day).values_list("actors", flat=True) == [1]
        overview = (await client.get(f"/api/admin/analytics/overview?start={old_day}&end={today}", headers=shop.owner)).json()
        by_day = {day["date"]: day["visitors"] for day in overview["days"]}
        assert by_day[old_day.isoformat()] == 1 and by_day[recent_day.isoformat()] == 1
