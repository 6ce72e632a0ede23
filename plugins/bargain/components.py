"""Page components for the builder: a bargain list (open activities, start one with a tap) and
the bargain progress page (price bar, countdown, helpers list, share and help buttons).

Templates live in this package (``templates/<target>/``); they fetch live data from the
bargain customer API, so merchant props only choose wording, colours and layout. The progress
component reads the bargain from the page's ``bargain_id`` query parameter, which is what a
shared link carries.
"""

from __future__ import annotations

from pathlib import Path

from builder.registry import ComponentDefinition, template_files
from builder.schema_parts import boolean, color, integer, link, props, t, text

TEMPLATES = Path(__file__).resolve().parent / "templates"



def bargain_components() -> list[ComponentDefinition]:
    return [
        ComponentDefinition(
            name="bargain_list",
            title=t("砍价列表", "Bargain list"),
            description=t("展示进行中的砍价活动，顾客一键发起砍价", "Open bargain activities; customers start one with a tap"),
            category="marketing",
            icon="scissors",
            props_schema=props({
                "title": text("标题", "Title", "砍价专区", max_length=20),
                "limit": integer("最多显示", "Show at most", 10, 1, 30),
                "accent": color("主色", "Accent colour", "#e02e24"),
                "start_text": text("发起按钮文字", "Start button text", "发起砍价", max_length=8),
                "progress_page": link("砍价进度页面（放置砍价进度组件的页面）", "Progress page (the page holding the bargain progress component)"),
            }),
            templates=template_files(TEMPLATES, "bargain_list"),
            data_source="bargain.activities",
            data_params=lambda values: {"limit": values.get("limit", 10)},
        ),
        ComponentDefinition(
            name="bargain_progress",
            title=t("砍价进度", "Bargain progress"),
            description=t("砍价进度、倒计时、帮砍好友列表和分享按钮", "Bargain progress, countdown, helpers list and share button"),
            category="marketing",
            icon="scissors",
            props_schema=props({
                "accent": color("主色", "Accent colour", "#e02e24"),
                "share_text": text("分享按钮文字", "Share button text", "邀请好友帮砍", max_length=10),
                "help_text": text("帮砍按钮文字", "Help button text", "帮TA砍一刀", max_length=10),
                "buy_text": text("购买按钮文字", "Buy button text", "立即购买", max_length=8),
                "share_title": text("分享标题", "Share title", "帮我砍一刀，就差你了！", max_length=30),
                "show_helpers": boolean("显示帮砍好友", "Show helpers", True),
            }),
            templates=template_files(TEMPLATES, "bargain_progress"),
        ),
    ]
