"""Page components for the builder: a points balance card (with daily sign-in) and a points
mall list. Templates live in this package (``templates/<target>/``); they read the points
customer API, so merchant props only choose wording, colours and layout."""

from __future__ import annotations

from pathlib import Path

from builder.registry import ComponentDefinition, template_files
from builder.schema_parts import boolean, color, integer, props, t, text

TEMPLATES = Path(__file__).resolve().parent / "templates"



def points_components() -> list[ComponentDefinition]:
    return [
        ComponentDefinition(
            name="points_balance",
            title=t("积分卡", "Points card"),
            description=t("展示顾客的积分余额、即将过期积分和每日签到", "The customer's points, those expiring soon, and the daily sign-in"),
            category="marketing",
            icon="coin",
            props_schema=props({
                "title": text("标题", "Title", "我的积分", max_length=20),
                "show_sign_in": boolean("显示签到按钮", "Show the sign-in button", True),
                "sign_in_text": text("签到按钮文字", "Sign-in button text", "签到", max_length=6),
                "signed_text": text("已签到文字", "Signed-in text", "已签到", max_length=6),
                "accent": color("主色", "Accent colour", "#ff8a00"),
            }),
            templates=template_files(TEMPLATES, "points_balance"),
        ),
        ComponentDefinition(
            name="points_mall",
            title=t("积分商城", "Points mall"),
            description=t("可用积分抵现的商品列表", "Products that points can pay part of"),
            category="marketing",
            icon="shop",
            props_schema=props({
                "title": text("标题", "Title", "积分商城", max_length=20),
                "tag": text("只显示带此标签的商品", "Only products with this tag", "", max_length=20),
                "limit": integer("最多显示", "Show at most", 6, 1, 50),
                "accent": color("主色", "Accent colour", "#ff8a00"),
            }),
            templates=template_files(TEMPLATES, "points_mall"),
            data_source="points.mall",
            data_params=lambda values: {"limit": values.get("limit", 6), "tag": values.get("tag", "")},
        ),
    ]
