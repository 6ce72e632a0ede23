"""Helpers shared by the WeChat Pay plugin's tests: merchant accounts whose keys are made here,
and one transport standing in for WeChat (its Pay API for every merchant, and code2session)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from cryptography.hazmat.primitives import serialization

from plugins.wechat_pay import wechat_api
from tests.trade.wechat_fake import PLATFORM_SERIAL, WechatFake

ACCOUNT = "/api/admin/wechat-pay/account"
APP_SECRETS = {"wxd678efh567hg6787": "a" * 32, "wx0000000000000002": "b" * 32}


def pem_private(fake: WechatFake) -> str:
    return fake.merchant_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def pem_platform(fake: WechatFake) -> str:
    return fake.platform_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def account_body(fake: WechatFake, **overrides: Any) -> dict[str, Any]:
    """What a merchant enters in the admin: the fake merchant's ids and keys."""
    body: dict[str, Any] = {
        "mchid": fake.mchid,
        "appid": fake.appid,
        "merchant_serial_no": fake.merchant_serial,
        "merchant_private_key_pem": pem_private(fake),
        "apiv3_key": fake.apiv3_key.decode(),
        "platform_keys": [{"serial": PLATFORM_SERIAL, "pem": pem_platform(fake)}],
    }
    body.update(overrides)
    return body


class WechatServers:
    """WeChat as the app sees it in these tests: the Pay API (each request goes to the fake
    of the merchant named in its Authorization header) and jscode2session."""

    def __init__(self, *fakes: WechatFake) -> None:
        self.fakes = {fake.mchid: fake for fake in fakes}
        self.logins: list[dict[str, str]] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/sns/jscode2session":
            query = {key: values[0] for key, values in parse_qs(request.url.query.decode()).items()}
            self.logins.append(query)
            if APP_SECRETS.get(query.get("appid", "")) != query.get("secret"):
                return httpx.Response(200, json={"errcode": 40125, "errmsg": "invalid appsecret"})
            return httpx.Response(200, json={"openid": f"o_{query['appid'][-4:]}_{query['js_code']}", "session_key": "k"})
        found = re.search(r'mchid="(\d+)"', request.headers.get("authorization", ""))
        fake = self.fakes.get(found.group(1) if found else "") or next(iter(self.fakes.values()))
        return fake.handle(request)


@pytest.fixture(scope="session")
def merchants() -> tuple[WechatFake, WechatFake]:
    """Two merchants with their own ids and keys (RSA keys take a while: made once)."""
    return WechatFake.create(), WechatFake.create(mchid="1900000222", appid="wx0000000000000002", merchant_serial="ABCDEF0123456789ABCDEF0123456789ABCDEF01")


@pytest.fixture
def wechat(merchants: tuple[WechatFake, WechatFake]) -> Any:
    servers = WechatServers(*merchants)
    with wechat_api(httpx.MockTransport(servers.handle)):
        yield servers
