"""What the bargain plugin declares about itself, including its per-shop settings."""

from __future__ import annotations

from core.manifest import PluginManifest

manifest = PluginManifest(
    name="bargain",
    version="0.1.0",
    title={"zh-CN": "砍价", "en": "Bargain"},
    description={
        "zh-CN": "好友帮砍：随机刀数可审计、防刷（每人/设备/IP 限额与限流）、砍到底价下单",
        "en": "Friends cut the price: auditable random cuts, anti-abuse limits per customer, "
        "device and IP with rate limiting, and checkout at the bargain price",
    },
    requires_core=">=0.1,<1",
    settings_schema={
        "type": "object",
        "properties": {
            "cut_attempts_per_minute": {
                "type": "integer",
                "minimum": 1,
                "maximum": 600,
                "default": 10,
                "description": "Cut attempts allowed per minute from one customer, one device and one IP each.",
            },
            "cuts_per_device_per_day": {
                "type": "integer",
                "minimum": 0,
                "maximum": 10000,
                "default": 10,
                "description": "Cuts one device token may make per day across the shop (0 = no limit).",
            },
            "cuts_per_ip_per_day": {
                "type": "integer",
                "minimum": 0,
                "maximum": 100000,
                "default": 30,
                "description": "Cuts one IP address may make per day across the shop (0 = no limit).",
            },
            "trust_forwarded_for": {
                "type": "boolean",
                "default": False,
                "description": "Take the client IP from X-Forwarded-For (only behind a proxy that sets it).",
            },
        },
        "additionalProperties": False,
    },
)
