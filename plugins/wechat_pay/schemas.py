"""Request and response shapes of the WeChat Pay account routes. Secrets go in, never out:
responses say whether each is set and, for keys, a fingerprint of the public half."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from core.schemas import ReadModel, WriteModel
from plugins.wechat_pay import keys

PEM_MAX = 16_000


class PlatformKeyWrite(WriteModel):
    serial: str = Field(min_length=1, max_length=80, description="PUB_KEY_ID_… (platform public key) or a platform certificate serial")
    pem: str = Field(min_length=1, max_length=PEM_MAX, description="pub_key.pem, or the platform certificate PEM")


class AccountWrite(WriteModel):
    """The whole account. Secrets left out (null) keep their saved value; all are required the
    first time. ``app_secret`` "" removes the saved AppSecret."""

    mchid: str = Field(pattern=keys.MCHID.pattern, description="商户号, 8–12 digits")
    appid: str = Field(pattern=keys.APPID.pattern, description="the mini-program's AppID (wx + 16 letters or digits)")
    merchant_serial_no: str = Field(pattern=keys.SERIAL.pattern, description="serial of the merchant API certificate (hex)")
    merchant_private_key_pem: str | None = Field(default=None, max_length=PEM_MAX, description="apiclient_key.pem")
    apiv3_key: str | None = Field(default=None, max_length=64, description="the APIv3 key, 32 bytes")
    platform_keys: list[PlatformKeyWrite] | None = Field(default=None, min_length=1, max_length=5)
    app_secret: str | None = Field(default=None, max_length=64, description="mini-program AppSecret for login (optional)")


class SecretState(ReadModel):
    is_set: bool
    fingerprint: str | None = Field(default=None, description="SHA256:… of the public key (keys only)")


class PlatformKeyRead(ReadModel):
    serial: str
    kind: Literal["public_key", "certificate"]
    fingerprint: str
    expires_at: datetime | None


class AccountRead(ReadModel):
    mchid: str
    appid: str
    merchant_serial_no: str
    merchant_private_key: SecretState
    apiv3_key: SecretState
    app_secret: SecretState
    platform_keys: list[PlatformKeyRead]
    notify_url: str
    refund_notify_url: str
    updated_at: datetime


class CheckResult(ReadModel):
    """A signed request to WeChat Pay: ``ok`` when WeChat accepted our signature and its
    answer verified with the saved platform keys."""

    ok: bool
    problem: Literal["merchant_signature", "platform_keys", "other"] | None
    message: str
    base_url: str
    checked_at: datetime


class AccountSetup(ReadModel):
    """What the owner needs before (and besides) saving an account: where WeChat Pay sends its
    notifications, and whether this server runs the development sandbox."""

    has_account: bool
    sandbox: bool = Field(description="KAIDIAN_WECHAT_PROVIDER=sandbox: a shop without an account takes free sandbox payments")
    notify_url: str
    refund_notify_url: str
