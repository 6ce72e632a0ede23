"""WeChat Pay (微信支付): each shop takes payments with its own merchant account (APIv3) and,
optionally, logs customers in with its own mini-program. Registered through the
``kaidian.plugins`` entry point like any plugin; removing this package and its entry point
leaves shops on core's default (the sandbox, or the settings-level app for login)."""

from plugins.wechat_pay.hooks import (
    kaidian_configure,
    kaidian_register_admin_menu,
    kaidian_register_admin_screens,
    kaidian_register_models,
    kaidian_register_routes,
    kaidian_resolve_payment_provider,
    kaidian_resolve_wechat_login,
)
from plugins.wechat_pay.manifest import manifest
from plugins.wechat_pay.runtime import wechat_api

__all__ = [
    "manifest",
    "wechat_api",
    "kaidian_configure",
    "kaidian_register_admin_menu",
    "kaidian_register_admin_screens",
    "kaidian_register_models",
    "kaidian_register_routes",
    "kaidian_resolve_payment_provider",
    "kaidian_resolve_wechat_login",
]
