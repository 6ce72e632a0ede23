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
            "ad_label": setting(
                "boolean", True, ("显示“广告”标识", "Show the “Ad” label"),
                ("在广告素材角上标注“广告”（《广告法》要求可识别）", "Marks every ad with “广告” in a corner, so customers can tell it is an ad"),
            ),
        },
        "additionalProperties": False,
    },
)
