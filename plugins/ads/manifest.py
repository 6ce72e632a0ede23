"""What the ads plugin declares about itself, including its per-shop settings."""

from __future__ import annotations

from core.manifest import PluginManifest, setting

manifest = PluginManifest(
    name="ads",
    version="0.1.0",
    title={"zh-CN": "广告", "en": "Ads"},
    description={
        "zh-CN": "开屏、弹窗、悬浮按钮、轮播横幅和热区图广告：排期、人群与页面定向、按设备和顾客的频次上限、曝光点击统计",
        "en": "Splash, popup, floating-button, banner and hot-zone ads: schedules, audience and page targeting, "
        "frequency caps per device and customer, impression and click stats",
    },
    requires_core=">=0.1,<1",
    settings_schema={
        "type": "object",
        "properties": {
            "timezone": {
                **setting(
                    "string", "Asia/Shanghai", ("时区", "Time zone"),
                    ("排期的星期、时段与“每天”上限按此时区计算", "Schedules' days and hours and per-day caps follow this time zone"),
                ),
                "enum": ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "UTC"],
            },
        },
        "additionalProperties": False,
    },
)
