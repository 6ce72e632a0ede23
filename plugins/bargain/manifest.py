"""What the bargain plugin declares about itself, including its per-shop settings."""

from __future__ import annotations

from core.manifest import PluginManifest, setting

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
            "cut_attempts_per_minute": setting(
                "integer", 10, ("每分钟砍价次数上限", "Cut attempts per minute"),
                ("同一顾客、同一设备、同一 IP 每分钟各自最多可尝试砍价的次数", "Cut attempts allowed per minute from one customer, one device and one IP each"),
                minimum=1, maximum=600, unit=("次", "attempts"),
            ),
            "cuts_per_device_per_day": setting(
                "integer", 10, ("每台设备每日砍价上限", "Cuts per device per day"),
                ("一台设备每天在本店最多可砍价的次数（0 表示不限）", "Cuts one device may make per day across the shop (0 = no limit)"),
                minimum=0, maximum=10000, unit=("次", "cuts"),
            ),
            "cuts_per_ip_per_day": setting(
                "integer", 30, ("每个 IP 每日砍价上限", "Cuts per IP per day"),
                ("一个 IP 地址每天在本店最多可砍价的次数（0 表示不限）", "Cuts one IP address may make per day across the shop (0 = no limit)"),
                minimum=0, maximum=100000, unit=("次", "cuts"),
            ),
            "trust_forwarded_for": setting(
                "boolean", False, ("信任代理转发的客户端 IP", "Trust X-Forwarded-For"),
                ("从 X-Forwarded-For 读取顾客 IP；仅在会设置该请求头的反向代理之后开启", "Take the client IP from X-Forwarded-For (only behind a proxy that sets it)"),
            ),
        },
        "additionalProperties": False,
    },
)
