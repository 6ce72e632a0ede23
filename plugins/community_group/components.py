"""Page components for the builder: a pickup-point picker (nearest first) and a leader entry
card (apply to become a leader, or see the application / open the leader's tools).

Templates live in this package (``templates/<target>/``); they read the community group
customer API, so merchant props only choose wording and colours. The picker remembers the
chosen point in storage under ``kaidian_pickup_point`` for the checkout page to send as
``shipping_method: "pickup"`` with ``pickup_point_id``.
"""

from __future__ import annotations

from pathlib import Path

from builder.registry import ComponentDefinition, template_files
from builder.schema_parts import color, integer, link, props, t, text

TEMPLATES = Path(__file__).resolve().parent / "templates"



def community_components() -> list[ComponentDefinition]:
    return [
        ComponentDefinition(
            name="pickup_point_picker",
            title=t("自提点选择", "Pickup point picker"),
            description=t("按距离由近到远列出自提点，顾客选择后结算时自提", "Pickup points nearest first; the chosen one is used at checkout"),
            category="marketing",
            icon="location",
            props_schema=props({
                "title": text("标题", "Title", "选择自提点", max_length=20),
                "limit": integer("最多显示", "Show at most", 10, 1, 50),
                "accent": color("主色", "Accent colour", "#07c160"),
                "chosen_text": text("已选文字", "Chosen text", "已选择", max_length=6),
                "empty_text": text("无自提点提示", "No points text", "附近暂无自提点", max_length=20),
            }),
            templates=template_files(TEMPLATES, "pickup_point_picker"),
            data_source="community_group.pickup_points",
            data_params=lambda values: {"limit": values.get("limit", 10)},
        ),
        ComponentDefinition(
            name="leader_entry_card",
            title=t("团长入口", "Leader entry card"),
            description=t("邀请顾客申请成为团长，展示申请进度", "Invites customers to become a leader and shows their application"),
            category="marketing",
            icon="user",
            props_schema=props({
                "title": text("标题", "Title", "成为团长", max_length=20),
                "subtitle": text("副标题", "Subtitle", "开一个自提点，邻居下单你赚佣金", max_length=40),
                "button_text": text("按钮文字", "Button text", "立即申请", max_length=8),
                "apply_link": link("申请页面", "Application page"),
                "accent": color("主色", "Accent colour", "#07c160"),
            }),
            templates=template_files(TEMPLATES, "leader_entry_card"),
        ),
    ]
