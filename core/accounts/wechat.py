"""Turning a mini-program login ``code`` into an openid (WeChat ``code2session``).

The provider is an interface so tests and the demo run without WeChat: the sandbox derives a
stable openid from the code. The real one calls WeChat's jscode2session endpoint.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from core.errors import InvalidInput, ServiceUnavailable
from core.settings import Settings

if TYPE_CHECKING:
    from core.plugin_host import PluginHost

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
    """WeChat's jscode2session for one mini-program; ``url``/``transport`` let a test or a
    proxy stand in for WeChat's server."""

    def __init__(self, app_id: str, app_secret: str, *, url: str = CODE2SESSION_URL, transport: Any = None) -> None:
        self.app_id = app_id
        self.app_secret = app_secret
        self.url = url
        self.transport = transport

    async def code2session(self, code: str) -> WeChatSession:
        import httpx

        params = {
            "appid": self.app_id,
            "secret": self.app_secret,
            "js_code": code,
            "grant_type": "authorization_code",
        }
        try:
            async with httpx.AsyncClient(timeout=5, transport=self.transport) as client:
                data = (await client.get(self.url, params=params)).json()
        except (httpx.HTTPError, ValueError) as exc:
            raise ServiceUnavailable(reason=str(exc)) from exc
        if data.get("errcode"):
            raise InvalidInput(field="code", reason={"zh-CN": "登录码无效或已过期", "en": "login code invalid or expired"})
        return WeChatSession(openid=data["openid"], unionid=data.get("unionid"))


class NoLoginProvider:
    """Production without an AppID/AppSecret: every login is refused with a clear 503 rather
    than falling back to the sandbox (which would log anyone in)."""

    async def code2session(self, code: str) -> WeChatSession:
        raise ServiceUnavailable("login_unavailable", field="code")


def code2session_provider(settings: Settings) -> Code2SessionProvider:
    """The sandbox where it is switched on (development), else the settings-level app (one
    AppID for every shop), else no login at all."""
    if settings.sandbox_enabled:
        return SandboxCode2Session()
    if settings.wechat_app_id and settings.wechat_app_secret:
        return WeChatCode2Session(settings.wechat_app_id, settings.wechat_app_secret)
    return NoLoginProvider()


async def code2session_for_shop(host: PluginHost, settings: Settings, shop_id: int) -> Code2SessionProvider:
    """A shop's own mini-program (a plugin's ``kaidian_resolve_wechat_login``) first."""
    provider = await host.resolve("kaidian_resolve_wechat_login", shop_id=shop_id)
    return provider if provider is not None else code2session_provider(settings)
