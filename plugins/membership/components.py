"""Page component for the builder: a member card (tier, growth and progress to the next tier).

Templates live in this package (``templates/<target>/``); the card reads the membership
customer API, so merchant props only choose wording and colours.
"""

from __future__ import annotations

from pathlib import Path

from builder.registry import ComponentDefinition, template_files
from builder.schema_parts import boolean, color, props, t, text

TEMPLATES = Path(__file__).resolve().parent / "templates"


def membership_components() -> list[ComponentDefinition]:
    return [
        ComponentDefinition(
            name="member_card",
            title=t("会员卡", "Member card"),
            description=t("展示会员等级、成长值和升级进度", "Shows the member's tier, growth and progress to the next tier"),
            category="marketing",
            icon="crown",
            props_schema=props({
                "title": text("标题", "Title", "我的会员", max_length=20),
                "guest_text": text("无等级时文字", "Text without a tier", "消费即可成为会员", max_length=30),
                "accent": color("主色", "Accent colour", "#b8860b"),
                "show_benefits": boolean("显示权益", "Show benefits", True),
            }),
            templates=template_files(TEMPLATES, "member_card"),
            data_source="membership.tiers",
        ),
    ]
