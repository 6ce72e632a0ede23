"""Page components for the builder: a coupon block (claimable list) and a new-customer popup.

Templates live in this package (``templates/<target>/``); they fetch live data from the
coupons customer API, so merchant props only choose wording, colours and layout.
"""

from __future__ import annotations

from pathlib import Path

from builder.registry import ComponentDefinition, template_files
from builder.schema_parts import boolean, choice, color, integer, props, t, text

TEMPLATES = Path(__file__).resolve().parent / "templates"



def coupon_components() -> list[ComponentDefinition]:
    return [
        ComponentDefinition(
            name="coupon_block",
            title=t("优惠券", "Coupons"),
            description=t("展示可领取的优惠券，顾客一键领取", "Claimable coupons, claimed with one tap"),
            category="marketing",
            icon="ticket",
            props_schema=props({
                "title": text("标题", "Title", "领券中心", max_length=20),
                "layout": choice("布局", "Layout", "scroll", {"scroll": ("横向滑动", "Horizontal scroll"), "list": ("列表", "List")}, "radio"),
                "limit": integer("最多显示", "Show at most", 10, 1, 30),
                "accent": color("主色", "Accent colour", "#ff5000"),
                "claim_text": text("领取按钮文字", "Claim button text", "领取", max_length=6),
                "claimed_text": text("已领取文字", "Claimed text", "已领取", max_length=6),
            }),
            templates=template_files(TEMPLATES, "coupon_block"),
            data_source="coupons.claimable",
            data_params=lambda values: {"limit": values.get("limit", 10)},
        ),
        ComponentDefinition(
            name="coupon_popup",
            title=t("新人券弹窗", "New-customer coupon popup"),
            description=t("新顾客进店时弹出新人礼包", "Shows the new-customer gift when a new customer arrives"),
            category="marketing",
            icon="present",
            props_schema=props({
                "title": text("标题", "Title", "新人专享礼包", max_length=20),
                "button_text": text("按钮文字", "Button text", "一键领取", max_length=8),
                "done_text": text("领取成功提示", "Success message", "领取成功，下单自动抵扣", max_length=30),
                "accent": color("主色", "Accent colour", "#ff5000"),
                "show_once": boolean("每位顾客只弹一次", "Show once per customer", True),
            }),
            templates=template_files(TEMPLATES, "coupon_popup"),
        ),
    ]
