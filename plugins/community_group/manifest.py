"""What the community group plugin declares about itself, including its per-shop settings."""

from __future__ import annotations

from core.manifest import PluginManifest

manifest = PluginManifest(
    name="community_group",
    version="0.1.0",
    title={"zh-CN": "社区团购", "en": "Community group buying"},
    description={
        "zh-CN": "团长申请与审核、自提点就近选择、自提运费规则、按团长汇总的配送批次与拣货单、提货码核销、团长佣金结算",
        "en": "Leader applications and review, nearest pickup points, pickup fee rules, delivery batches with "
        "per-leader picking lists, pickup-code verification, and leader commission settlements",
    },
    requires_core=">=0.1,<1",
    settings_schema={
        "type": "object",
        "properties": {
            "pickup_fee_fen": {
                "type": "integer",
                "minimum": 0,
                "maximum": 100000,
                "default": 0,
                "description": "Fee in fen for the pickup shipping method.",
            },
            "free_pickup_over_fen": {
                "type": "integer",
                "minimum": 0,
                "maximum": 100000000,
                "default": 0,
                "description": "Pickup is free when the goods subtotal reaches this (fen); 0 means never free.",
            },
            "default_commission_bp": {
                "type": "integer",
                "minimum": 0,
                "maximum": 5000,
                "default": 500,
                "description": "Commission rate (basis points) a newly approved leader gets.",
            },
        },
        "additionalProperties": False,
    },
)
