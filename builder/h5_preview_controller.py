"""Routes of the H5 preview: owners and operators start a background build of the shop's draft
(or published) configuration and read its state; the built H5 is served under a per-shop URL
whose random token is the only key (like a media file's)."""

from __future__ import annotations

import mimetypes
from datetime import datetime
from typing import Any, Literal

import anyio
from litestar import Controller, Request, Response, get, post
from litestar.response import File
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from pydantic import Field

from builder import h5_preview, versions
from builder.controller import _registries
from builder.generate import ConfigInvalid, render_project
from builder.variants import collect_variants
from core.auth import SKIP_AUTH, AuthUser, managers, staff_only
from core.errors import Conflict, NotFound
from core.openapi import AUTHED, problems
from core.plugin_host import PluginHost
from core.schemas import ReadModel, WriteModel
from core.settings import Settings

StaffRequest = Request[AuthUser, Any, Any]
PREFIX = "/h5-preview"


class H5PreviewStart(WriteModel):
    source: Literal["draft", "published"] = Field(default="draft", description="which configuration to build")


class H5PreviewRead(ReadModel):
    status: Literal["none", "building", "ready", "failed"]
    toolchain_installed: bool
    source: str | None = None
    version: int | None = None
    url: str | None = Field(default=None, description="where the ready build is served (relative to this server)")
    started_at: datetime | None = None
    finished_at: datetime | None = None
    seconds: float | None = Field(default=None, description="how long the official CLI took")
    error: str | None = Field(default=None, description="the end of the build log when it failed")


def _read(shop_id: int, state: dict[str, Any]) -> H5PreviewRead:
    ready = state.get("status") == "ready"
    token = state.get("token") if ready else state.get("previous_token")
    return H5PreviewRead(
        status=state.get("status", "none"),
        toolchain_installed=h5_preview.toolchain_installed(),
        source=state.get("source"),
        version=state.get("version"),
        url=f"{PREFIX}/{shop_id}/{token}/index.html" if token else None,
        started_at=state.get("started_at"),
        finished_at=state.get("finished_at"),
        seconds=state.get("seconds"),
        error=state.get("error"),
    )


class H5PreviewShare(ReadModel):
    url: str = Field(description="the ready build's absolute address, to open on a phone")
    qr_svg: str = Field(description="that address as a QR code (SVG document)")


def share_qr(url: str) -> str:
    """``url`` as an SVG QR code (segno: pure Python, no image library needed)."""
    import io

    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=4, border=2, xmldecl=False)
    return out.getvalue().decode("utf-8")


class H5PreviewController(Controller):
    path = "/api/admin/builder/h5-preview"
    tags = ["admin: builder"]
    guards = [staff_only]

    @get("", operation_id="getH5Preview", responses=problems(*AUTHED))
    async def state(self, request: StaffRequest) -> H5PreviewRead:
        """The shop's H5 preview: building, ready (with its URL), failed (with the log's end)
        or none; ``url`` keeps pointing at the last good build while a new one runs."""
        shop_id = request.user.shop_id
        return _read(shop_id, h5_preview.read_state(shop_id))

    @get("/share", operation_id="shareH5Preview", responses=problems(*AUTHED, 404))
    async def share(self, request: StaffRequest, settings: NamedDependency[Settings]) -> H5PreviewShare:
        """The shop's ready H5 preview as an absolute link and a QR code to scan with a phone
        (404 while no build is ready). The link's random token is its only key."""
        shop_id = request.user.shop_id
        url = _read(shop_id, h5_preview.read_state(shop_id)).url
        if url is None:
            raise NotFound(field="h5_preview")
        absolute = settings.public_base_url.rstrip("/") + url
        return H5PreviewShare(url=absolute, qr_svg=share_qr(absolute))

    @post("", operation_id="startH5Preview", status_code=202, guards=[managers], responses=problems(*AUTHED, 409))
    async def start(
        self, request: StaffRequest, data: JSONBody[H5PreviewStart], settings: NamedDependency[Settings], host: NamedDependency[PluginHost]
    ) -> H5PreviewRead:
        """Build the uni-app H5 of the shop's draft (or published) configuration in the
        background with the official CLI (minutes); poll ``GET`` for the result. 409 when the
        uni-app toolchain is not installed on this server (``kaidian build --check`` installs
        it), when a build of this shop is already under way, or when nothing is published."""
        shop_id = request.user.shop_id
        if not h5_preview.toolchain_installed():
            raise Conflict(field="toolchain", reason={
                "zh-CN": "服务器未安装 uni-app 构建工具（运行 kaidian build --check 安装）",
                "en": "the uni-app toolchain is not installed on this server (kaidian build --check installs it)",
            })
        draft, published = await versions.current_versions(shop_id, settings.public_base_url)
        version = draft if data.source == "draft" else published
        if version is None:
            raise Conflict(field="source", reason={"zh-CN": "店铺尚未发布页面", "en": "nothing has been published yet"})
        config = dict(version.config)
        app = dict(config.get("app", {}))
        # the preview talks to this server, as this shop
        app["api"] = {**app.get("api", {}), "base_url": settings.public_base_url, "shop_id": shop_id}
        config["app"] = app
        variants = await collect_variants(host, shop_id)
        try:
            project = await anyio.to_thread.run_sync(render_project, config, "uniapp", _registries(request), variants)
        except ConfigInvalid as invalid:
            raise Conflict(field="source", reason={
                "zh-CN": f"配置有 {len(invalid.errors)} 处问题，请先修正", "en": f"the configuration has {len(invalid.errors)} problem(s): fix them first",
            }) from invalid
        try:
            state = h5_preview.start(shop_id, project.files | project.assets, [page.path for page in project.plan.pages], source=data.source, version=version.number)
        except h5_preview.PreviewBusy as busy:
            raise Conflict(field="source", reason={"zh-CN": "预览正在构建中，请稍候", "en": "a preview is already being built"}) from busy
        return _read(shop_id, state)


class H5PreviewFileController(Controller):
    path = PREFIX
    tags = ["h5 preview files"]

    @get("/{shop_id:int}/{token:str}/{path:path}", operation_id="h5PreviewFile", opt={SKIP_AUTH: True}, responses=problems(404))
    async def file(self, shop_id: FromPath[int], token: FromPath[str], path: FromPath[str]) -> Response[Any]:
        """A file of a shop's built H5 preview. The token is random per build, so a URL
        never shows another build. Served as a sandboxed, opaque origin (see
        ``h5_preview.PREVIEW_HEADERS``): the shop's script never shares the admin's origin."""
        found = h5_preview.preview_file(shop_id, token, path.lstrip("/"))
        if found is None:
            raise NotFound(field="path", reason={"zh-CN": "预览文件不存在", "en": "no such preview file"})
        media_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return File(path=found, media_type=media_type, content_disposition_type="inline", headers=h5_preview.PREVIEW_HEADERS)
