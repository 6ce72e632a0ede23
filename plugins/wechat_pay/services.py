"""Rules for a shop's WeChat Pay account: validating and saving it (secrets encrypted, bound
to the shop), showing it masked, and building the shop's payment and login providers."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from core import clock
from core.accounts.wechat import WeChatCode2Session
from core.errors import NotFound
from core.i18n import pick
from core.payments.provider import ProviderError, ProviderUnavailable
from core.payments.wechat_v3 import WechatPayConfig, WechatPayV3Provider
from core.security.crypto import DecryptionError, FieldCipher
from core.settings import Settings
from plugins.wechat_pay import keys
from plugins.wechat_pay.models import WechatPayAccount
from plugins.wechat_pay.runtime import WechatApi, current_api
from plugins.wechat_pay.schemas import AccountRead, AccountSetup, AccountWrite, CheckResult, PlatformKeyRead, SecretState

logger = logging.getLogger("kaidian.wechat_pay")

METHOD = "wechat_jsapi"
SECRETS = ("merchant_private_key", "apiv3_key", "app_secret")


def _context(secret: str, shop_id: int) -> str:
    # Bound as associated data: a ciphertext moved to another shop's row fails to decrypt.
    return f"wechat_pay.{secret}:{shop_id}"


def notify_urls(settings: Settings, shop_id: int) -> tuple[str, str]:
    base = settings.public_base_url.rstrip("/")
    return f"{base}/api/pay/notify/{shop_id}/{METHOD}", f"{base}/api/pay/notify/refund/{shop_id}/{METHOD}"


async def get_account(shop_id: int) -> WechatPayAccount:
    account = await WechatPayAccount.get_or_none(shop_id=shop_id)
    if account is None:
        raise NotFound(field="wechat_pay")
    return account


def _platform_keys(data: AccountWrite) -> list[dict[str, str]]:
    assert data.platform_keys is not None
    seen: set[str] = set()
    for index, entry in enumerate(data.platform_keys):
        keys.describe_platform_key(f"platform_keys[{index}]", entry.serial, entry.pem)
        if entry.serial in seen:
            raise keys.invalid(f"platform_keys[{index}].serial", "序列号重复", "the serial is listed twice")
        seen.add(entry.serial)
    return [{"serial": entry.serial, "pem": entry.pem} for entry in data.platform_keys]


def validated_values(shop_id: int, data: AccountWrite, cipher: FieldCipher, *, creating: bool) -> dict[str, Any]:
    """The columns to write; 422 naming the first bad field, before anything is written."""
    values: dict[str, Any] = {
        "mchid": keys.check_pattern("mchid", data.mchid, keys.MCHID, "商户号应为 8–12 位数字", "the merchant id is 8–12 digits"),
        "appid": keys.check_pattern("appid", data.appid, keys.APPID, "AppID 格式应为 wx 加 16 位字母数字", "an AppID is wx followed by 16 letters or digits"),
        "merchant_serial_no": keys.check_pattern(
            "merchant_serial_no", data.merchant_serial_no, keys.SERIAL, "商户证书序列号应为十六进制", "the merchant certificate serial is hexadecimal"
        ).upper(),
    }
    required = {"merchant_private_key_pem": data.merchant_private_key_pem, "apiv3_key": data.apiv3_key, "platform_keys": data.platform_keys}
    for field, value in required.items():
        if creating and value is None:
            raise keys.invalid(field, "首次保存须填写", "required the first time the account is saved")
    if data.merchant_private_key_pem is not None:
        keys.parse_private_key("merchant_private_key_pem", data.merchant_private_key_pem)
        values["merchant_private_key_enc"] = cipher.encrypt(data.merchant_private_key_pem, context=_context("merchant_private_key", shop_id))
    if data.apiv3_key is not None:
        keys.check_apiv3_key("apiv3_key", data.apiv3_key)
        values["apiv3_key_enc"] = cipher.encrypt(data.apiv3_key, context=_context("apiv3_key", shop_id))
    if data.platform_keys is not None:
        values["platform_keys"] = _platform_keys(data)
    if data.app_secret == "":
        values["app_secret_enc"] = None
    elif data.app_secret is not None:
        keys.check_pattern("app_secret", data.app_secret, keys.APP_SECRET, "AppSecret 应为 32 位字母数字", "an AppSecret is 32 letters or digits")
        values["app_secret_enc"] = cipher.encrypt(data.app_secret, context=_context("app_secret", shop_id))
    return values


async def save_account(shop_id: int, data: AccountWrite, cipher: FieldCipher) -> WechatPayAccount:
    existing = await WechatPayAccount.get_or_none(shop_id=shop_id)
    values = validated_values(shop_id, data, cipher, creating=existing is None)
    if existing is None:
        try:
            return await WechatPayAccount.create(shop_id=shop_id, **values)
        except IntegrityError:  # a racing first save created it: this save replaces it, like any PUT
            existing = await WechatPayAccount.get(shop_id=shop_id)
    await WechatPayAccount.filter(id=existing.id).update(**values, version=F("version") + 1, updated_at=clock.now())
    await existing.refresh_from_db()
    return existing


async def delete_account(shop_id: int) -> None:
    if not await WechatPayAccount.filter(shop_id=shop_id).delete():
        raise NotFound(field="wechat_pay")


async def account_setup(shop_id: int, settings: Settings) -> AccountSetup:
    notify_url, refund_notify_url = notify_urls(settings, shop_id)
    return AccountSetup(
        has_account=await WechatPayAccount.exists(shop_id=shop_id),
        sandbox=settings.sandbox_enabled,
        notify_url=notify_url,
        refund_notify_url=refund_notify_url,
    )


def account_read(account: WechatPayAccount, cipher: FieldCipher, settings: Settings) -> AccountRead:
    try:
        private_pem = cipher.decrypt(account.merchant_private_key_enc, context=_context("merchant_private_key", account.shop_id))  # type: ignore[attr-defined]
        private_fingerprint: str | None = keys.fingerprint(keys.parse_private_key("merchant_private_key_pem", private_pem).public_key())
    except DecryptionError:  # its data key was retired too early: the owner saves the key again
        private_fingerprint = None
    platform = []
    for entry in account.platform_keys:
        kind, fingerprint, expires_at = keys.describe_platform_key("platform_keys", entry["serial"], entry["pem"])
        platform.append(PlatformKeyRead(serial=entry["serial"], kind=kind, fingerprint=fingerprint, expires_at=expires_at))  # type: ignore[arg-type]
    notify_url, refund_notify_url = notify_urls(settings, account.shop_id)  # type: ignore[attr-defined]
    return AccountRead(
        mchid=account.mchid,
        appid=account.appid,
        merchant_serial_no=account.merchant_serial_no,
        merchant_private_key=SecretState(is_set=True, fingerprint=private_fingerprint),
        apiv3_key=SecretState(is_set=bool(account.apiv3_key_enc)),
        app_secret=SecretState(is_set=bool(account.app_secret_enc)),
        platform_keys=platform,
        notify_url=notify_url,
        refund_notify_url=refund_notify_url,
        updated_at=account.updated_at,
    )


# -- providers ------------------------------------------------------------------------------

# shop id → (what it was built from, provider). Parsing RSA keys and decrypting costs far more
# than the one indexed read that tells whether the account changed (in any process).
_providers: dict[int, tuple[tuple[Any, ...], WechatPayV3Provider]] = {}


async def _rotate_keys(account: WechatPayAccount, cipher: FieldCipher) -> None:
    """Re-encrypt secrets still under a retired data key (the content, so the version, stays)."""
    changes = {}
    for secret in SECRETS:
        token = getattr(account, f"{secret}_enc")
        if token and cipher.needs_rotation(token):
            context = _context(secret, account.shop_id)  # type: ignore[attr-defined]
            changes[f"{secret}_enc"] = cipher.encrypt(cipher.decrypt(token, context=context), context=context)
    if changes:
        await WechatPayAccount.filter(id=account.id, version=account.version).update(**changes)


def build_provider(account: WechatPayAccount, cipher: FieldCipher, settings: Settings, api: WechatApi) -> WechatPayV3Provider:
    shop_id: int = account.shop_id  # type: ignore[attr-defined]
    notify_url, refund_notify_url = notify_urls(settings, shop_id)
    config = WechatPayConfig(
        mchid=account.mchid,
        appid=account.appid,
        merchant_serial_no=account.merchant_serial_no,
        merchant_private_key_pem=cipher.decrypt(account.merchant_private_key_enc, context=_context("merchant_private_key", shop_id)).encode(),
        apiv3_key=cipher.decrypt(account.apiv3_key_enc, context=_context("apiv3_key", shop_id)).encode(),
        platform_keys={entry["serial"]: entry["pem"].encode() for entry in account.platform_keys},
        notify_url=notify_url,
        refund_notify_url=refund_notify_url,
        base_url=api.base_url,
    )
    return WechatPayV3Provider(config, transport=api.transport)


async def provider_for_shop(shop_id: int, cipher: FieldCipher, settings: Settings) -> WechatPayV3Provider | None:
    """The shop's WeChat Pay provider, or None when it has no account (core falls back)."""
    account = await WechatPayAccount.get_or_none(shop_id=shop_id)
    if account is None:
        _providers.pop(shop_id, None)
        return None
    api = current_api()
    built_from = (account.id, account.version, settings.public_base_url, api.base_url, id(api.transport), id(cipher))
    cached = _providers.get(shop_id)
    if cached is not None and cached[0] == built_from:
        return cached[1]
    await _rotate_keys(account, cipher)
    provider = build_provider(account, cipher, settings, api)
    _providers[shop_id] = (built_from, provider)
    return provider


async def login_for_shop(shop_id: int, cipher: FieldCipher) -> WeChatCode2Session | None:
    """code2session with the shop's own mini-program, when its AppSecret is saved."""
    account = await WechatPayAccount.get_or_none(shop_id=shop_id)
    if account is None or not account.app_secret_enc:
        return None
    api = current_api()
    secret = cipher.decrypt(account.app_secret_enc, context=_context("app_secret", shop_id))
    return WeChatCode2Session(account.appid, secret, url=api.login_url, transport=api.transport)


CHECK_MESSAGES = {
    None: ("微信支付已接受本店签名，应答已用平台公钥验证", "WeChat Pay accepted the shop's signature and its answer verified with the platform keys"),
    "merchant_signature": ("微信支付拒绝了签名：请核对商户号、商户证书序列号和 API 私钥", "WeChat Pay refused the signature: check the merchant id, certificate serial and API private key"),
    "platform_keys": ("微信支付的应答无法用已保存的平台公钥验证：请核对平台公钥或证书", "WeChat Pay's answer did not verify with the saved platform keys: check them"),
    "other": ("微信支付返回了意外的结果", "WeChat Pay answered unexpectedly"),
}


async def self_check(shop_id: int, cipher: FieldCipher, settings: Settings, locale: str) -> CheckResult:
    """Sign a harmless request (query an order number that cannot exist) and read the answer.

    WeChat answers ORDER_NOT_EXIST only to a correctly signed request, and signs that answer
    with its platform key — so one call checks the merchant key, serial, mchid and platform keys.
    WeChat Pay down or unreachable checks nothing: that is a 503 problem asking to retry.
    """
    await get_account(shop_id)
    provider = await provider_for_shop(shop_id, cipher, settings)
    assert provider is not None
    problem: str | None = None
    try:
        found = await provider.query_payment(f"KDCHECK{secrets.token_hex(8)}")
        if found is not None:
            problem = "other"
    except ProviderUnavailable:
        raise
    except ProviderError as exc:
        text = str(exc)
        if "verification" in text:
            problem = "platform_keys"
        elif " 401" in text or "SIGN_ERROR" in text:
            problem = "merchant_signature"
        else:
            problem = "other"
        logger.info("WeChat Pay self-check of shop %s: %s", shop_id, text)
    zh, en = CHECK_MESSAGES[problem]
    return CheckResult(
        ok=problem is None,
        problem=problem,  # type: ignore[arg-type]
        message=pick({"zh-CN": zh, "en": en}, locale),
        base_url=provider.config.base_url,
        checked_at=clock.now(),
    )
