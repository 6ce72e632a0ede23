"""Turning a mini-program login ``code`` into an openid (WeChat ``code2session``).

The provider is an interface so tests and the demo run without WeChat: the sandbox derives a
stable openid from the code. The real one calls WeChat's jscode2session endpoint.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from core.errors import InvalidInput, ServiceUnavailable
from core.settings import Settings

CODE2SESSION_URL = "https://api.weixin.qq.com/sns/jscode2session"


@dataclass(frozen=True)
class WeChatSession:
    openid: str
    unionid: str | None = None


class Code2SessionProvider(Protocol):
    async def code2session(self, code: str) -> WeChatSession: ...


class SandboxCode2Session:
    """Dev/test stand-in: any code ``sandbox:<user>`` logs in as that user of the shop."""

    async def code2session(self, code: str) -> WeChatSession:
        if not code.startswith("sandbox:") or len(code) <= len("sandbox:"):
            raise InvalidInput(
                field="code",
                reason={"zh-CN": "沙箱登录码应为 sandbox:<用户>", "en": "sandbox codes look like sandbox:<user>"},
            )
        digest = hashlib.sha256(code.encode()).hexdigest()[:28]
        return WeChatSession(openid=f"sbx_{digest}")


class WeChatCode2Session:
    def __init__(self, app_id: str, app_secret: str) -> None:
        self.app_id = app_id
        self.app_secret = app_secret

    async def code2session(self, code: str) -> WeChatSession:
        import httpx

        params = {
            "appid": self.app_id,
            "secret": self.app_secret,
            "js_code": code,
            "grant_type": "authorization_code",
        }
        try:
            async with httpx.AsyncClient(timeout=5) as client:
                data = (await client.get(CODE2SESSION_URL, params=params)).json()
        except (httpx.HTTPError, ValueError) as exc:
            raise ServiceUnavailable(reason=str(exc)) from exc
        if data.get("errcode"):
            raise InvalidInput(field="code", reason={"zh-CN": "登录码无效或已过期", "en": "login code invalid or expired"})
        return WeChatSession(openid=data["openid"], unionid=data.get("unionid"))


def code2session_provider(settings: Settings) -> Code2SessionProvider:
    if settings.wechat_provider == "wechat" and settings.wechat_app_id and settings.wechat_app_secret:
        return WeChatCode2Session(settings.wechat_app_id, settings.wechat_app_secret)
    return SandboxCode2Session()
