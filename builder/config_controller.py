"""Routes for a shop's stored page configuration: staff edit drafts, publish, browse history
and roll back; customers (the mini-program) read what is published."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from litestar import Controller, Request, Response, get, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from pydantic import Field

from builder import versions
from builder.controller import zip_response
from builder.variants import collect_variants
from builder.models import PageConfigVersion, VersionStatus
from core.errors import NotFound
from core.auth import SKIP_AUTH, AuthUser, managers, staff_only
from core.openapi import AUTHED, problems
from core.plugin_host import PluginHost
from core.schemas import LARGEST_ID, ReadModel, WriteModel
from core.settings import Settings

StaffRequest = Request[AuthUser, Any, Any]


class PageConfigSave(WriteModel):
    config: dict[str, Any]
    note: str = Field(default="", max_length=200)
    # The version the editor started from; a save on top of someone else's newer one is a 409.
    base_version: int | None = Field(default=None, ge=1)


class PageConfigPublish(WriteModel):
    # The draft version the editor is looking at; omitted = whatever the current draft is.
    version: int | None = Field(default=None, ge=1)


class PageConfigRollback(WriteModel):
    publish: bool = False


class VersionSummary(ReadModel):
    number: int
    status: VersionStatus
    based_on: int | None
    note: str
    created_by_staff_id: int | None
    created_at: datetime


class ConfigProblem(ReadModel):
    path: str
    message: dict[str, str]


class VersionRead(VersionSummary):
    config: dict[str, Any]
    problems: list[ConfigProblem] = Field(
        default_factory=list, description="after a draft save: what must be fixed before publishing (the draft is saved anyway)"
    )


class PageConfigState(ReadModel):
    draft: VersionRead
    published: VersionRead | None
    # Whether the draft differs from what customers see.
    unpublished_changes: bool


class LinkTargetRecord(ReadModel):
    id: int
    label: str


class LinkTargetKind(ReadModel):
    kind: str = Field(description="links name its records as <kind>:<id>")
    title: dict[str, str]
    records: list[LinkTargetRecord] = Field(description="the shop's newest records of the kind, at most 50")


class PublishedPageConfig(ReadModel):
    version: int
    published_at: datetime
    config: dict[str, Any]


def _read(version: PageConfigVersion) -> VersionRead:
    read = VersionRead.model_validate(version)
    read.problems = [ConfigProblem(**problem) for problem in getattr(version, "problems", [])]
    return read


class PageConfigController(Controller):
    path = "/api/admin/builder/config"
    tags = ["admin: builder"]
    guards = [staff_only]

    @get("", operation_id="getPageConfig", responses=problems(*AUTHED))
    async def current(self, request: StaffRequest, settings: NamedDependency[Settings]) -> PageConfigState:
        """The shop's draft and published configuration (a new shop starts with a starter one)."""
        draft, published = await versions.current_versions(request.user.shop_id, settings.public_base_url)
        return PageConfigState(
            draft=_read(draft),
            published=_read(published) if published else None,
            unpublished_changes=published is None or published.number != draft.number,
        )

    @get("/link-targets", operation_id="listPageLinkTargets", responses=problems(*AUTHED))
    async def link_targets(self, request: StaffRequest) -> list[LinkTargetKind]:
        """What a link may name besides a page: every linkable reference kind (core's products
        and categories, a plugin's coupons…; ``kaidian_register_reference_kinds``) with the
        shop's newest records, for the editor's link picker. Outside links
        (``url:https://…``) go to the hosts of the configuration's ``app.link_domains``."""
        found = await request.app.state.registries.reference_kinds.link_targets(request.user.shop_id)
        return [LinkTargetKind.model_validate(item) for item in found]

    @put("/draft", operation_id="savePageConfigDraft", guards=[managers], responses=problems(*AUTHED, 409))
    async def save_draft(self, request: StaffRequest, data: JSONBody[PageConfigSave], settings: NamedDependency[Settings]) -> VersionRead:
        """Save a configuration as the new draft version. A draft with validation problems is
        saved too (so no work is lost) and lists them in ``problems``; only publishing needs a
        valid configuration. One out of bounds, or not a set of pages of blocks, is refused
        (422) with every problem listed as ``{path, message}`` in ``errors``."""
        version = await versions.save_draft(
            request.user.shop_id,
            data.config,
            request.app.state.registries,
            staff_id=request.user.account_id,
            note=data.note,
            base_number=data.base_version,
            base_url=settings.public_base_url,
        )
        return _read(version)

    @post("/publish", operation_id="publishPageConfig", status_code=200, guards=[managers], responses=problems(*AUTHED, 409))
    async def publish(self, request: StaffRequest, data: JSONBody[PageConfigPublish], settings: NamedDependency[Settings]) -> VersionRead:
        """Publish the current draft so customers see it (validated again first)."""
        version = await versions.publish(
            request.user.shop_id,
            request.app.state.registries,
            settings.public_base_url,
            staff_id=request.user.account_id,
            number=data.version,
        )
        return _read(version)

    @get("/versions", operation_id="listPageConfigVersions", responses=problems(*AUTHED))
    async def list_versions(
        self,
        request: StaffRequest,
        settings: NamedDependency[Settings],
        limit: int = Parameter(default=50, ge=1, le=200),
        offset: int = Parameter(default=0, ge=0, le=LARGEST_ID),
    ) -> list[VersionSummary]:
        """The configuration's history, newest first (without the configurations themselves)."""
        rows = await versions.list_versions(request.user.shop_id, settings.public_base_url, limit=limit, offset=offset)
        return [VersionSummary.model_validate(row) for row in rows]

    @get("/versions/{number:int}", operation_id="getPageConfigVersion", responses=problems(*AUTHED))
    async def version(self, request: StaffRequest, number: FromPath[int]) -> VersionRead:
        """One version of the configuration, with its content."""
        return _read(await versions.get_version(request.user.shop_id, number))

    @post(
        "/versions/{number:int}/rollback",
        operation_id="rollbackPageConfig",
        status_code=201,
        guards=[managers],
        responses=problems(*AUTHED, 409),
    )
    async def rollback(self, request: StaffRequest, number: FromPath[int], data: JSONBody[PageConfigRollback]) -> VersionRead:
        """Restore an earlier version as a new draft (or, with ``publish``, a new published
        version); the history itself never changes."""
        version = await versions.rollback(
            request.user.shop_id,
            number,
            request.app.state.registries,
            staff_id=request.user.account_id,
            publish_now=data.publish,
        )
        return _read(version)

    @get(
        "/export",
        operation_id="exportShopMiniProgram",
        guards=[managers],
        responses=problems(*AUTHED),
        media_type="application/zip",
    )
    async def export(
        self,
        request: StaffRequest,
        settings: NamedDependency[Settings],
        host: NamedDependency[PluginHost],
        target: FromQuery[Literal["uniapp", "taro"]] = "uniapp",
        which: FromQuery[Literal["draft", "published"]] = "published",
    ) -> Response[bytes]:
        """The shop's draft or published configuration generated for ``target``, as a zip."""
        draft, published = await versions.current_versions(request.user.shop_id, settings.public_base_url)
        chosen = draft if which == "draft" else published
        if chosen is None:
            raise NotFound(field="which")
        config = versions.for_build(chosen.config, settings.public_base_url)
        variants = await collect_variants(host, request.user.shop_id)  # running A/B tests' blocks
        return await zip_response(config, target, request.app.state.registries, variants)


class PublishedPageConfigController(Controller):
    path = "/api/shop/{shop_id:int}/page-config"
    tags = ["shop: builder"]

    @get("", operation_id="getPublishedPageConfig", opt={SKIP_AUTH: True}, responses=problems(404))
    async def published(self, shop_id: FromPath[int], settings: NamedDependency[Settings]) -> PublishedPageConfig:
        """The shop's published page configuration, for the mini-program's runtime."""
        version = await versions.published_version(shop_id, settings.public_base_url)
        return PublishedPageConfig(version=version.number, published_at=version.created_at, config=version.config)
