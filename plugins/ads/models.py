"""Ads (广告): a campaign is one slot (splash, popup, floating button, banner, hot-zone image)
with its schedule, targeting and frequency caps; its creatives rotate by weight. Cap counters
are rows incremented under a condition, so racing serves never pass a cap."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class AdSlot(StrEnum):
    SPLASH = "splash"  # 开屏: full screen at app launch, countdown and skip
    POPUP = "popup"  # 弹窗: on entering the campaign's pages
    FLOATING = "floating"  # 悬浮按钮: on the campaign's pages
    BANNER = "banner"  # 轮播/横幅: a block of a page
    HOTZONE = "hotzone"  # 热区图: a block of a page, rectangles over the image link apart


class AdStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"


class AdAudience(StrEnum):
    ALL = "all"
    NEW = "new"  # no order yet (guests included)
    RETURNING = "returning"  # at least one order


class AdCampaign(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="ad_campaigns", on_delete=fields.CASCADE)
    name = fields.CharField(max_length=60)
    slot = fields.CharEnumField(AdSlot, max_length=12)
    status = fields.CharEnumField(AdStatus, max_length=8, default=AdStatus.ACTIVE)
    priority = fields.IntField(default=0)  # higher first; equal priorities rotate by creative weight
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    days_of_week = fields.JSONField(default=list)  # ISO 1 (Mon)…7 (Sun) in the shop's time zone; [] = every day
    hours = fields.JSONField(default=list)  # [from_hour, to_hour) in the shop's time zone; [] = all day
    pages = fields.JSONField(default=list)  # page routes (popup, floating); [] = every page
    audience = fields.CharEnumField(AdAudience, max_length=12, default=AdAudience.ALL)
    # Segment keys (kaidian_collect_customer_segments) of kind "tier" and "tag"; [] = anyone.
    # A customer must be in one of the tiers and carry one of the tags; guests match neither.
    tiers = fields.JSONField(default=list)
    tags = fields.JSONField(default=list)
    # {"device": {"day": n, "session": n, "lifetime": n}, "customer": {...}}; absent or 0 = no cap
    caps = fields.JSONField(default=dict)
    countdown_seconds = fields.IntField(default=5)  # splash only
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "ads_campaign"


class AdCreative(Model):
    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="ad_creatives", on_delete=fields.CASCADE)
    campaign = fields.ForeignKeyField("ads.AdCampaign", related_name="creatives", on_delete=fields.CASCADE)
    position = fields.IntField(default=0)
    kind = fields.CharField(max_length=8, default="image")  # image | video
    media_url = fields.CharField(max_length=1000)
    width = fields.IntField()  # the image's own pixels: hot zones are drawn in them
    height = fields.IntField()
    link = fields.CharField(max_length=64, default="")
    # [{"x", "y", "width", "height", "link"}] in image pixels
    hot_zones = fields.JSONField(default=list)
    weight = fields.IntField(default=1)

    class Meta:
        table = "ads_creative"


class AdCapCounter(Model):
    """How often a campaign was served to one device or customer in one period. Serving bumps
    it with ``UPDATE … SET served = served + 1 WHERE served < cap``: the database decides."""

    id = fields.IntField(primary_key=True)
    campaign = fields.ForeignKeyField("ads.AdCampaign", related_name="cap_counters", on_delete=fields.CASCADE)
    subject = fields.CharField(max_length=140)  # "device:<token>" | "customer:<id>"
    period = fields.CharField(max_length=80)  # "day:2026-12-04" | "session:<id>" | "lifetime"
    served = fields.IntField(default=0)

    class Meta:
        table = "ads_cap_counter"
        unique_together = (("campaign", "subject", "period"),)


class AdServe(Model):
    """One creative handed to one device: the stats' served column, and the serve a client's
    impression and click events name (``serve_id``)."""

    id = fields.IntField(primary_key=True)
    shop = fields.ForeignKeyField("core.Shop", related_name="ad_serves", on_delete=fields.CASCADE)
    campaign = fields.ForeignKeyField("ads.AdCampaign", related_name="serves", on_delete=fields.CASCADE)
    creative_id = fields.IntField()
    device_id = fields.CharField(max_length=128)
    customer_id = fields.IntField(null=True)
    served_at = fields.DatetimeField()
    day = fields.DateField()

    class Meta:
        table = "ads_serve"
        indexes = (("shop_id", "campaign_id", "day"),)
