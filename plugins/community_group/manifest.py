"""What the community group plugin declares about itself, including its per-shop settings."""

from __future__ import annotations

from core.manifest import PluginManifest, setting

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
            "pickup_fee_fen": setting(
                "integer", 0, ("自提费用", "Pickup fee"), ("顾客选择到团长处自提时收取的费用", "What the pickup shipping method costs the customer"),
                minimum=0, maximum=100000, unit="fen",
            ),
            "free_pickup_over_fen": setting(
                "integer", 0, ("满额免自提费", "Free pickup from"),
                ("商品金额达到此数时免自提费；0 表示不免", "Pickup is free when the goods subtotal reaches this; 0 means never free"),
                minimum=0, maximum=100000000, unit="fen",
            ),
            "default_commission_bp": setting(
                "integer", 500, ("默认团长佣金比例", "Default leader commission"),
                ("新通过审核的团长获得的佣金比例", "The commission rate a newly approved leader gets"),
                minimum=0, maximum=5000, unit="bp",
            ),
        },
        "additionalProperties": False,
    },
)
