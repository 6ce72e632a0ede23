"""What the membership plugin declares about itself, including its per-shop settings."""

from __future__ import annotations

from core.manifest import PluginManifest, setting

manifest = PluginManifest(
    name="membership",
    version="0.1.0",
    title={"zh-CN": "会员等级", "en": "Membership tiers"},
    description={
        "zh-CN": "按成长值划分会员等级：等级折扣、包邮、生日券；消费得成长值，退款扣回",
        "en": "Member tiers by growth value: tier discount, free shipping and a birthday coupon; "
        "growth is earned by paying and taken back on refunds",
    },
    requires_core=">=0.1,<1",
    settings_schema={
        "type": "object",
        "properties": {
            "growth_per_yuan": setting(
                "integer", 1, ("每消费 1 元获得成长值", "Growth per yuan paid"),
                ("按订单实付整元计算，不足 1 元的部分不计", "Growth earned per whole yuan paid (rounded down per order)"),
                minimum=1, maximum=100, unit=("成长值", "growth"),
            ),
        },
        "additionalProperties": False,
    },
)
