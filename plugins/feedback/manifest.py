"""What the feedback plugin declares about itself, including its per-shop settings."""

from __future__ import annotations

from core.manifest import PluginManifest, setting

DEFAULT_TAGS = ["物流快", "包装好", "质量好", "客服热情", "性价比高"]

manifest = PluginManifest(
    name="feedback",
    version="0.1.0",
    title={"zh-CN": "订单评价", "en": "Order feedback"},
    description={
        "zh-CN": "订单签收或确认收货后（默认 24 小时）邀请顾客评价：NPS 0–10 分、店铺标签、文字和图片；低分推送到店铺的 Webhook",
        "en": "Asks customers for feedback a while after delivery or confirmation (24 h by default): "
        "an NPS score 0–10, the shop's tags, text and photos; low scores go to the shop's webhooks",
    },
    requires_core=">=0.1,<1",
    settings_schema={
        "type": "object",
        "properties": {
            "delay_hours": setting(
                "integer", 24, ("邀请延迟", "Delay before asking"),
                ("订单签收或确认收货后多久邀请顾客评价", "How long after delivery or confirmation the customer is asked"),
                minimum=0, maximum=720, unit=("小时", "hours"),
            ),
            "expire_days": setting(
                "integer", 7, ("评价有效期", "Answer within"),
                ("邀请发出后多少天内未评价即失效", "An unanswered request expires after this many days"),
                minimum=1, maximum=60, unit=("天", "days"),
            ),
            "low_score_threshold": setting(
                "integer", 6, ("低分阈值", "Low-score threshold"),
                ("评分不高于此值时向店铺 Webhook 推送 feedback.low_score", "Scores at or below this are sent to the shop's webhooks as feedback.low_score"),
                minimum=0, maximum=10,
            ),
            "tags": {
                "type": "array",
                "items": {"type": "string", "minLength": 1, "maxLength": 12},
                "maxItems": 20,
                "uniqueItems": True,
                "default": DEFAULT_TAGS,
                "x-title": {"zh-CN": "评价标签", "en": "Tags"},
                "x-description": {"zh-CN": "顾客可勾选的标签（每个最多 12 字）", "en": "Tags customers may tick (12 characters each at most)"},
            },
            "subscribe_template_id": {
                "type": "string",
                "maxLength": 64,
                "pattern": "^[A-Za-z0-9_-]*$",
                "default": "",
                "x-title": {"zh-CN": "订阅消息模板 ID", "en": "Subscribe-message template id"},
                "x-description": {
                    "zh-CN": "微信小程序订阅消息模板（一次性订阅）；留空则不发送订阅消息",
                    "en": "The mini-program's one-time subscribe-message template; empty sends none",
                },
            },
        },
        "additionalProperties": False,
    },
    # The shop's operators run day-to-day feedback; switching the plugin stays the owner's.
    operator_settings=("delay_hours", "expire_days", "low_score_threshold", "tags", "subscribe_template_id"),
)
