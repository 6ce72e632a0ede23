"""Page components for the builder: the group-buy product list, the group progress card
("还差2人, 23:59:59") and the join page. Templates fetch live data from the group-buy customer
API, so merchant props only choose wording, colours and where links lead."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from builder.registry import ComponentDefinition, template_files
from builder.schema_parts import LINK_PATTERN, boolean, color, integer, link, props, t, text

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Version 1 stored the join page as a file path ("pages/x/index", default a page that never existed)
_V1_PAGE_PATH = re.compile(r"^(?:pkg_[a-z][a-z0-9_]*/)?pages/([a-z][a-z0-9_]{0,39})/index$")


def _migrate_list(old_version: int, values: dict[str, Any]) -> dict[str, Any]:
    """Version 2 links to the join page like every other link (``page:<route>``)."""
    if old_version == 1:
        values = dict(values)
        old = str(values.get("join_page", ""))
        match = _V1_PAGE_PATH.match(old)
        values["join_page"] = f"page:{match.group(1)}" if match else (old if re.match(LINK_PATTERN, old) else "")
    return values


def group_buy_components() -> list[ComponentDefinition]:
    return [
        ComponentDefinition(
            name="group_buy_list",
            title=t("拼团商品", "Group-buy products"),
            description=t("正在进行的拼团活动，点击去开团或参团", "Running group-buy activities; tap to open or join a group"),
            category="marketing",
            icon="team",
            props_schema=props({
                "title": text("标题", "Title", "多人拼团", max_length=20),
                "limit": integer("最多显示", "Show at most", 10, 1, 30),
                "accent": color("主色", "Accent colour", "#e02e24"),
                "button_text": text("按钮文字", "Button text", "去拼团", max_length=6),
                "join_page": link("参团页面（放置拼团参团组件的页面）", "Join page (the page holding the group-buy join component)"),
            }),
            templates=template_files(TEMPLATES, "group_buy_list"),
            data_source="group_buy.activities",
            data_params=lambda values: {"limit": values.get("limit", 10)},
            schema_version=2,
            migrate=_migrate_list,
        ),
        ComponentDefinition(
            name="group_buy_progress",
            title=t("拼团进度", "Group progress"),
            description=t("团员头像、还差几人和倒计时，页面参数 group_id", "Members, how many are missing and the countdown (page parameter group_id)"),
            category="marketing",
            icon="clock",
            props_schema=props({
                "accent": color("主色", "Accent colour", "#e02e24"),
                "share_text": text("分享按钮文字", "Share button text", "邀请好友参团", max_length=10),
                "show_members": boolean("显示团员头像", "Show member avatars", True),
            }),
            templates=template_files(TEMPLATES, "group_buy_progress"),
        ),
        ComponentDefinition(
            name="group_buy_join",
            title=t("参团页", "Join a group"),
            description=t(
                "分享链接打开的参团页：选规格、付款参团；带 activity_id 时开新团",
                "The page a share link opens: choose a SKU and pay to join; with activity_id it opens a new group",
            ),
            category="marketing",
            icon="user-add",
            props_schema=props({
                "accent": color("主色", "Accent colour", "#e02e24"),
                "join_text": text("参团按钮文字", "Join button text", "立即参团", max_length=8),
                "open_text": text("开团按钮文字", "Open button text", "我来开团", max_length=8),
            }),
            templates=template_files(TEMPLATES, "group_buy_join"),
        ),
    ]
