"""Page components of ads: a banner/carousel slot and a hot-zone image, blocks of a page like
any other; and the overlay (splash at launch, popup on entering a page, floating button) that
fills the generated pages' ``app.prompts`` slot. Each reads ``ads.serve`` through the batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builder.registry import ComponentDefinition, template_files
from builder.schema_parts import props, t

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _campaign() -> dict[str, Any]:
    return {
        "type": ["integer", "null"],
        "minimum": 1,
        "maximum": 2**31 - 1,
        "default": None,
        "x-reference": "ad_campaign",
        "x-widget": "number",
        "x-title": t("广告活动编号（留空：该广告位优先级最高的活动）", "Campaign id (empty: the slot's top campaign)"),
    }


def _params(slot: str) -> Any:
    def params(values: dict[str, Any]) -> dict[str, Any]:
        # "$visit": the runtime fills in the visit's id, which per-visit caps count by.
        return {"slot": slot, "session": "$visit", "campaign_id": values.get("campaign_id")}

    return params


def ad_components() -> list[ComponentDefinition]:
    return [
        ComponentDefinition(
            name="ad_banner",
            title=t("广告轮播", "Ad banner"),
            description=t("轮播或横幅广告位：展示一个横幅广告活动的素材，按频次上限投放", "A banner/carousel slot showing a banner campaign's creatives, within its caps"),
            category="marketing",
            icon="picture",
            props_schema=props({"campaign_id": _campaign()}),
            templates=template_files(TEMPLATES, "ad_banner"),
            data_source="ads.serve",
            data_params=_params("banner"),
        ),
        ComponentDefinition(
            name="ad_hotzone",
            title=t("热区广告", "Hot-zone ad"),
            description=t("一张图上的多个可点区域，各自跳转（在“广告”里画热区）", "One image with tappable rectangles, each with its link (drawn under Ads)"),
            category="marketing",
            icon="picture-filled",
            props_schema=props({"campaign_id": _campaign()}),
            templates=template_files(TEMPLATES, "ad_hotzone"),
            data_source="ads.serve",
            data_params=_params("hotzone"),
        ),
    ]
