"""The default analytics store's tables, in the main database.

``AnalyticsEvent`` holds one row per event. ``actor`` is who did it — ``c<customer id>`` once
the customer is known, else ``d<device token>`` — and ``day`` is the event's calendar day in the
business time zone at ingest, so per-day reports group on a plain column on every database.
``AnalyticsDailyStat`` is the daily rollup the scheduled job keeps: events and distinct actors
per day and type; it outlives the raw events the retention purge removes.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AnalyticsEvent(Model):
    id = fields.BigIntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="analytics_events", on_delete=fields.CASCADE)
    event_id = fields.CharField(max_length=64)
    type = fields.CharField(max_length=40)
    device_id = fields.CharField(max_length=128)
    customer_id = fields.IntField(null=True)
    actor = fields.CharField(max_length=130)
    session_id = fields.CharField(max_length=64)
    route = fields.CharField(max_length=200)
    from_route = fields.CharField(max_length=200, null=True)
    block_id = fields.CharField(max_length=100, null=True)
    experiments = fields.JSONField(default=dict)
    props = fields.JSONField(default=dict)
    client_time = fields.DatetimeField(null=True)
    server_time = fields.DatetimeField()
    ts_ms = fields.BigIntField()
    day = fields.DateField()

    class Meta:
        table = "kd_analytics_event"
        # The unique pair is the de-duplication: a retried batch inserts nothing twice.
        unique_together = (("shop", "event_id"),)
        # (shop, type, day, actor, ts_ms, route) covers the funnel's and the visitor counts'
        # reads: an index-only scan instead of a table lookup per event.
        indexes = (("shop_id", "type", "day", "actor", "ts_ms", "route"), ("shop_id", "actor", "day"), ("shop_id", "route", "day"))


class AnalyticsDailyStat(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="analytics_daily_stats", on_delete=fields.CASCADE)
    day = fields.DateField()
    type = fields.CharField(max_length=40)
    events = fields.IntField()
    actors = fields.IntField()

    class Meta:
        table = "kd_analytics_daily_stat"
        unique_together = (("shop", "day", "type"),)
