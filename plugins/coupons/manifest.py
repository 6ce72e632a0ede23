"""What the coupons plugin declares about itself, including its per-shop settings."""

from __future__ import annotations

from core.manifest import PluginManifest

manifest = PluginManifest(
    name="coupons",
    version="0.1.0",
    title={"zh-CN": "优惠券", "en": "Coupons"},
    description={
        "zh-CN": "满减、折扣、无门槛和运费券：领券中心、定向发放、新人礼包，结算自动选最优组合",
        "en": "Amount-off, percent-off, no-minimum and shipping coupons: claim centre, grants, "
        "new-customer gifts, and the best combination picked at checkout",
    },
    requires_core=">=0.1,<1",
    settings_schema={
        "type": "object",
        "properties": {
            "new_customer_days": {
                "type": "integer",
                "minimum": 1,
                "maximum": 365,
                "default": 7,
                "description": "A customer counts as new for this many days after joining the shop.",
            },
            "return_on_partial_refund": {
                "type": "boolean",
                "default": False,
                "description": "Return an order's coupons on any refund, not only a full one.",
            },
        },
        "additionalProperties": False,
    },
)
