"""Owner-only routes for the shop's WeChat Pay merchant account: read (masked), save, remove,
and a signed self-check against WeChat Pay. Controllers parse and authorise; services hold
the rules."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, post, put
from litestar.di import NamedDependency
from litestar.params import JSONBody

from core.auth import AuthUser, owner_only, staff_only
from core.i18n import negotiate_locale
from core.openapi import AUTHED, problems
from core.security.crypto import FieldCipher
from core.settings import Settings
from plugins.wechat_pay import services
from plugins.wechat_pay.schemas import AccountRead, AccountSetup, AccountWrite, CheckResult

AuthedRequest = Request[AuthUser, Any, Any]


class WechatPayAdminController(Controller):
    path = "/api/admin/wechat-pay/account"
    tags = ["plugin: wechat_pay"]
    guards = [staff_only, owner_only]

    @get("", operation_id="wechatPayGetAccount", responses=problems(*AUTHED))
    async def get_account(self, request: AuthedRequest, cipher: NamedDependency[FieldCipher], settings: NamedDependency[Settings]) -> AccountRead:
        """The shop's merchant account with secrets masked (set or not, key fingerprints) and
        the notification URLs to enter in the WeChat Pay merchant platform; 404 when none."""
        account = await services.get_account(request.user.shop_id)
        return services.account_read(account, cipher, settings)

    @get("/setup", operation_id="wechatPayAccountSetup", responses=problems(*AUTHED))
    async def setup(self, request: AuthedRequest, settings: NamedDependency[Settings]) -> AccountSetup:
        """Whether the shop has an account, whether this server runs the development sandbox,
        and the notification URLs to enter in the merchant platform (known before saving)."""
        return await services.account_setup(request.user.shop_id, settings)

    @put("", operation_id="wechatPaySaveAccount", responses=problems(*AUTHED))
    async def save_account(self, request: AuthedRequest, data: JSONBody[AccountWrite], cipher: NamedDependency[FieldCipher], settings: NamedDependency[Settings]) -> AccountRead:
        """Create or replace the account. Keys are checked (RSA private key, 32-byte APIv3 key,
        platform public keys or certificates) with a 422 naming the field; secrets left null
        keep their saved value. Payments use the new account at once."""
        account = await services.save_account(request.user.shop_id, data, cipher)
        return services.account_read(account, cipher, settings)

    @delete("", operation_id="wechatPayDeleteAccount", responses=problems(*AUTHED))
    async def delete_account(self, request: AuthedRequest) -> None:
        """Remove the account: the shop stops taking WeChat Pay through it."""
        await services.delete_account(request.user.shop_id)

    @post("/check", operation_id="wechatPayCheckAccount", status_code=200, responses=problems(*AUTHED, 503))
    async def check_account(self, request: AuthedRequest, cipher: NamedDependency[FieldCipher], settings: NamedDependency[Settings]) -> CheckResult:
        """Test the connection: send WeChat Pay a signed request and verify its signed answer.

        WeChat Pay unreachable, timing out or answering a server error checks nothing: a 503
        ``payment_provider_unavailable`` naming it, with ``Retry-After``."""
        locale = negotiate_locale(request.headers.get("accept-language"))
        return await services.self_check(request.user.shop_id, cipher, settings, locale)
