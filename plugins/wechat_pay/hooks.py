"""The WeChat Pay plugin's hook implementations (re-exported by the package for pluggy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.hookspecs import hookimpl
from plugins.wechat_pay.runtime import runtime

# Built from admin/src by `npm run build:plugins` in the repository's admin/ (committed).
ADMIN_BUNDLE = Path(__file__).parent / "admin" / "dist"


@hookimpl
def kaidian_configure(host: Any, settings: Any) -> None:
    runtime.configure(settings)


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("plugins.wechat_pay.models")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from plugins.wechat_pay.routes import WechatPayAdminController

    register(WechatPayAdminController)


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    # Owners only, like the routes: the screen holds the shop's payment secrets.
    register("wechat_pay", {"zh-CN": "微信支付", "en": "WeChat Pay"}, "/wechat-pay", icon="wallet", roles=("owner",), order=80)


@hookimpl
def kaidian_register_admin_screens(register: Callable[..., None]) -> None:
    register("/wechat-pay", "WechatPayAccount", ADMIN_BUNDLE)


@hookimpl
async def kaidian_resolve_payment_provider(shop_id: int, method: str) -> Any:
    """The shop's own merchant account serves ``wechat_jsapi``; None without one."""
    if method != "wechat_jsapi":
        return None
    from plugins.wechat_pay import services

    settings, cipher = runtime.require()
    return await services.provider_for_shop(shop_id, cipher, settings)


@hookimpl
async def kaidian_resolve_wechat_login(shop_id: int) -> Any:
    """Log customers in with the shop's own mini-program when its AppSecret is saved."""
    from plugins.wechat_pay import services

    _, cipher = runtime.require()
    return await services.login_for_shop(shop_id, cipher)
