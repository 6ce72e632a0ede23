"""What the WeChat Pay plugin declares about itself."""

from __future__ import annotations

from core.manifest import PluginManifest

manifest = PluginManifest(
    name="wechat_pay",
    version="0.1.0",
    title={"zh-CN": "微信支付", "en": "WeChat Pay"},
    description={
        "zh-CN": "每个店铺接入自己的微信支付商户号（APIv3）：小程序支付、支付与退款通知、订单查询；可选用本店小程序的 AppSecret 登录",
        "en": "Each shop takes WeChat Pay (APIv3) with its own merchant account: mini-program payments, "
        "payment and refund notifications, order query; optionally its own mini-program AppSecret for login",
    },
    requires_core=">=0.1,<1",
)
