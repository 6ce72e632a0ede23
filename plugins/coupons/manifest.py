"""What the coupons plugin declares about itself, including its per-shop settings."""

from __future__ import annotations

from core.manifest import PluginManifest, setting

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
            "new_customer_days": setting(
                "integer", 7, ("新客认定天数", "New-customer period"),
                ("顾客加入本店后多少天内算新客（可领新人礼包）", "A customer counts as new for this many days after joining the shop"),
                minimum=1, maximum=365, unit=("天", "days"),
            ),
            "return_on_partial_refund": setting(
                "boolean", False, ("部分退款也退回优惠券", "Return coupons on partial refunds"),
                ("开启后订单任何退款都退回所用优惠券，否则仅全额退款时退回", "Return an order's coupons on any refund, not only a full one"),
            ),
        },
        "additionalProperties": False,
    },
)
