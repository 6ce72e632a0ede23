"""Health, readiness and what is loaded."""

from __future__ import annotations

import time
from typing import Any

from litestar import Controller, MediaType, Request, Response, get
from litestar.di import NamedDependency
from pydantic import BaseModel
from tortoise import connections

from core import __version__
from core.auth import SKIP_AUTH
from core.openapi import problems
from core.plugin_host import PluginHost
from core.settings import Settings


class Health(BaseModel):
    status: str
    version: str


class Readiness(BaseModel):
    status: str
    checks: dict[str, str]


class PluginInfo(BaseModel):
    name: str
    version: str | None
    status: str
    title: dict[str, str] | None = None
    distribution: str | None = None
    requires_core: str | None = None
    depends_on: list[str] = []
    hooks: list[str] = []
    reason: str | None = None


class SystemController(Controller):
    tags = ["system"]
    opt = {SKIP_AUTH: True}

    @get("/healthz", operation_id="healthz", responses=problems())
    async def healthz(self) -> Health:
        """Liveness: the process answers."""
        return Health(status="ok", version=__version__)

    @get("/readyz", operation_id="readyz", responses=problems(503))
    async def readyz(self, settings: NamedDependency[Settings]) -> Response[Readiness]:
        """Readiness: the database answers and, when configured, Redis answers."""
        checks: dict[str, str] = {}
        try:
            started = time.perf_counter()
            await connections.get("default").execute_query("SELECT 1")
            checks["database"] = f"ok {1000 * (time.perf_counter() - started):.1f}ms"
        except Exception as exc:  # readiness reports, never raises
            checks["database"] = f"error: {type(exc).__name__}"
        if settings.redis_url:
            from redis.asyncio import Redis

            client = Redis.from_url(settings.redis_url, socket_connect_timeout=2)
            try:
                await client.ping()
                checks["redis"] = "ok"
            except Exception as exc:
                checks["redis"] = f"error: {type(exc).__name__}"
            finally:
                await client.aclose()
        else:
            checks["redis"] = "not configured (in-process fallbacks)"
        ready = all(not value.startswith("error") for value in checks.values())
        return Response(
            Readiness(status="ready" if ready else "unavailable", checks=checks),
            status_code=200 if ready else 503,
        )

    @get("/api/plugins", operation_id="listPlugins", responses=problems())
    async def plugins(self, host: NamedDependency[PluginHost]) -> list[PluginInfo]:
        """Installed plugins: loaded ones with their hooks, refused ones with the reason."""
        return [PluginInfo(**row) for row in host.describe()]

    @get("/", operation_id="home", media_type=MediaType.HTML, include_in_schema=False)
    async def home(self, request: Request[Any, Any, Any], settings: NamedDependency[Settings]) -> str:
        return HOME_PAGE.format(version=__version__, base=settings.public_base_url)


HOME_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>kaidian 开店</title></head><body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>kaidian 开店 <small>{version}</small></h1>
<p>演示店铺已运行。/ The demo shop is running.</p>
<ul><li><a href="/schema">API 文档 / API docs</a></li>
<li><a href="/api/plugins">已加载插件 / Loaded plugins</a></li>
<li><a href="/readyz">就绪检查 / Readiness</a></li></ul></body></html>"""
