"""Where the plugin's hooks find what an app gives it: the process settings and field cipher
(from ``kaidian_configure``), WeChat's API address, and — for tests or a proxy — another HTTP
transport.

``KAIDIAN_WECHAT_PAY_BASE_URL`` points every shop's provider at another API host (WeChat's
backup domain, an egress proxy). Tests use ``wechat_api(transport=…)``: a context variable, so
it reaches the requests the test makes and nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from core.accounts.wechat import CODE2SESSION_URL
from core.payments.wechat_v3 import DEFAULT_BASE_URL
from core.security.crypto import FieldCipher
from core.settings import Settings

BASE_URL_ENV = "KAIDIAN_WECHAT_PAY_BASE_URL"


@dataclass(frozen=True)
class WechatApi:
    base_url: str = DEFAULT_BASE_URL
    login_url: str = CODE2SESSION_URL
    transport: Any = None  # an httpx.AsyncBaseTransport; None = the network


_override: ContextVar[WechatApi | None] = ContextVar("wechat_pay_api", default=None)


@contextmanager
def wechat_api(transport: Any = None, *, base_url: str = DEFAULT_BASE_URL, login_url: str = CODE2SESSION_URL) -> Iterator[WechatApi]:
    """Send this context's WeChat API calls through ``transport`` (e.g. an in-test fake)."""
    token = _override.set(WechatApi(base_url, login_url, transport))
    try:
        yield _override.get()  # type: ignore[misc]
    finally:
        _override.reset(token)


def current_api() -> WechatApi:
    return _override.get() or WechatApi(base_url=os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL)


class Runtime:
    """The settings and cipher of the app this plugin was configured for."""

    settings: Settings | None = None
    cipher: FieldCipher | None = None

    def configure(self, settings: Settings) -> None:
        self.settings = settings
        self.cipher = FieldCipher(settings.decoded_data_keys(), settings.secret_key)

    def require(self) -> tuple[Settings, FieldCipher]:
        if self.settings is None or self.cipher is None:
            raise RuntimeError("the wechat_pay plugin was not configured (kaidian_configure)")
        return self.settings, self.cipher


runtime = Runtime()
