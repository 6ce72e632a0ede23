"""Admin routes of the builder that need no stored state: the component catalogue, themes,
the assembled page-config schema, validation and a zip export of a configuration.

Per-shop storage with drafts, publishing, history and rollback is in ``builder.config_controller``.
"""

from __future__ import annotations

from typing import Any, Literal

import anyio
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery, JSONBody
from pydantic import BaseModel, Field

from builder.page_templates import page_from_template
from builder.preview import preview_blocks, preview_entry

from builder.config import config_schema, upgrade_config, validate_config
from builder.generate import ConfigInvalid, render_project, zip_project
from builder.variants import collect_variants
from builder.package_limits import limit_problems, minimum_package_bytes
from builder.versions import invalid_config
from core.auth import AuthUser, managers, staff_only
from core.errors import InvalidInput
from core.i18n import negotiate_locale
from core.openapi import AUTHED, problems
from core.plugin_host import PluginHost

StaffRequest = Request[AuthUser, Any, Any]


class ComponentRead(BaseModel):
    name: str
    title: dict[str, str]
    description: dict[str, str] | None
    category: str
    icon: str
    placement: str
    schema_version: int
    data_source: str | None
    props_schema: dict[str, Any]
    defaults: dict[str, Any]
    targets: list[str]
    plugin: str
    preview: dict[str, str] | None = Field(
        default=None, description="the editor canvas's preview: {template (Vue template syntax), style (CSS)}"
    )


class ThemeRead(BaseModel):
    name: str
    title: dict[str, str]
    tokens: dict[str, Any]
    plugin: str


class ConfigError(BaseModel):
    path: str
    message: dict[str, str]


class ValidationReport(BaseModel):
    valid: bool
    errors: list[ConfigError]


class PageConfigBody(BaseModel):
    config: dict[str, Any]


class PageTemplateRead(BaseModel):
    name: str
    title: dict[str, str]
    description: dict[str, str] | None
    plugin: str
    page: dict[str, Any] = Field(description="one page of a page configuration: route, title, components with complete props")


class PreviewBlock(BaseModel):
    id: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.:-]+$")
    type: str = Field(min_length=1, max_length=40)
    version: int | None = Field(default=None, ge=1)
    props: dict[str, Any] = Field(default_factory=dict)


class PreviewBody(BaseModel):
    blocks: list[PreviewBlock] = Field(max_length=100)


class PreviewResult(BaseModel):
    config: dict[str, Any]
    data: Any = None
    problem: str | None = None


class PreviewResults(BaseModel):
    results: dict[str, PreviewResult]


def _registries(request: StaffRequest) -> Any:
    return request.app.state.registries


class BuilderCatalogueController(Controller):
    path = "/api/admin/builder"
    tags = ["admin: builder"]
    guards = [staff_only]

    @get("/components", operation_id="listPageComponents", responses=problems(*AUTHED))
    async def components(self, request: StaffRequest) -> list[ComponentRead]:
        """Every registered page component with its props schema, editor hints and defaults."""
        return [
            ComponentRead(**component.catalogue_entry(), preview=preview_entry(component))
            for component in _registries(request).components.all()
        ]

    @get("/page-templates", operation_id="listPageTemplates", responses=problems(*AUTHED))
    async def page_templates(self, request: StaffRequest, host: NamedDependency[PluginHost]) -> list[PageTemplateRead]:
        """Pages to start from (首页, 活动页, 新品页…), contributed through
        ``kaidian_register_page_templates``; only those whose plugins (the template's and its
        blocks') are enabled for the shop."""
        registries = _registries(request)
        enabled = await host.enabled_for_shop(request.user.shop_id) | {"core"}
        offered = []
        for template in sorted(registries.page_templates.values(), key=lambda item: (item.order, item.name)):
            plugins = {template.plugin} | {registries.components.get(kind).plugin for kind in template.block_types()}
            if plugins <= enabled:
                page = page_from_template(template, registries.components)
                offered.append(PageTemplateRead(name=template.name, title=template.title, description=template.description, plugin=template.plugin, page=page))
        return offered

    @post("/preview", operation_id="previewBlocks", status_code=200, responses=problems(*AUTHED))
    async def preview(self, request: StaffRequest, data: JSONBody[PreviewBody], host: NamedDependency[PluginHost]) -> PreviewResults:
        """What the editor's canvas draws for each block: its prepared props, the live data its
        data source answers for the staff member's shop (as a guest customer would see it),
        and why data is missing when it is."""
        shop_id = request.user.shop_id
        results = await preview_blocks(
            [block.model_dump() for block in data.blocks],
            _registries(request),
            await host.enabled_for_shop(shop_id),
            shop_id,
            request,
            negotiate_locale(request.headers.get("accept-language")),
        )
        return PreviewResults(results={key: PreviewResult(**value) for key, value in results.items()})

    @get("/themes", operation_id="listThemes", responses=problems(*AUTHED))
    async def themes(self, request: StaffRequest) -> list[ThemeRead]:
        """Every registered theme with its tokens."""
        return [
            ThemeRead(name=theme.name, title=theme.title, tokens=theme.tokens, plugin=theme.plugin)
            for theme in sorted(_registries(request).themes.values(), key=lambda theme: theme.name)
        ]

    @get("/schema", operation_id="getPageConfigSchema", responses=problems(*AUTHED))
    async def schema(self, request: StaffRequest) -> dict[str, Any]:
        """The page configuration's JSON Schema (draft 2020-12), assembled from the components."""
        registries = _registries(request)
        return config_schema(registries.components, list(registries.themes))

    @post("/validate", operation_id="validatePageConfig", status_code=200, responses=problems(*AUTHED))
    async def validate(self, request: StaffRequest, data: JSONBody[PageConfigBody]) -> ValidationReport:
        """Check a configuration; errors carry a JSON path and a message in zh-CN and en."""
        registries = _registries(request)

        def check() -> list[dict[str, Any]]:
            upgraded = upgrade_config(data.config, registries.components)
            return validate_config(upgraded, registries.components, list(registries.themes), media_url_prefix=registries.media_url_prefix)

        errors = await anyio.to_thread.run_sync(check)  # large configurations take a while
        return ValidationReport(valid=not errors, errors=[ConfigError(**error) for error in errors])

    @post(
        "/export",
        operation_id="exportMiniProgram",
        status_code=200,
        guards=[managers],
        responses=problems(*AUTHED),
        media_type="application/zip",
    )
    async def export(
        self, request: StaffRequest, data: JSONBody[PageConfigBody], host: NamedDependency[PluginHost], target: FromQuery[Literal["uniapp", "taro"]] = "uniapp"
    ) -> Response[bytes]:
        """Generate the mini-program project for ``target`` and return it as a zip, with the
        run-time block variants plugins offer (running A/B experiments) compiled in."""
        return await zip_response(data.config, target, _registries(request), await collect_variants(host, request.user.shop_id))

    @get("/variants", operation_id="listBlockVariants", responses=problems(*AUTHED, 503))
    async def variants(self, request: StaffRequest, host: NamedDependency[PluginHost]) -> list[dict[str, Any]]:
        """The run-time variants generation compiles in for this shop: block variants
        (``kaidian_collect_block_variants``: page, block id, component, the batch source that
        picks one, each variant's props), then page variants (``kaidian_collect_page_variants``:
        page, source, each variant's block ids in order). For builds made outside the server."""
        return await collect_variants(host, request.user.shop_id)


async def zip_response(config: dict[str, Any], target: str, registries: Any, variants: Any = ()) -> Response[bytes]:
    """The generated project as a zip download, or the 422 problem listing the config's errors.
    Generation runs in a worker thread, off the event loop."""
    try:
        project = await anyio.to_thread.run_sync(render_project, config, target, registries, variants)
    except ConfigInvalid as invalid:
        raise invalid_config(invalid.errors) from invalid
    oversized = limit_problems(minimum_package_bytes(project.plan), at_least=True)
    if oversized:
        # WeChat would refuse the upload: say which package and how big, before anyone builds
        details = "; ".join(problem["en"] for problem in oversized)
        raise InvalidInput(
            field="$.pages",
            errors=[{"path": "$.pages", "message": {"zh-CN": problem["zh-CN"], "en": problem["en"]}} for problem in oversized],
            reason={
                "zh-CN": "；".join(problem["zh-CN"] for problem in oversized) + "。请把页面移到分包或精简内容",
                "en": f"{details[0].upper()}{details[1:]}. Move pages into subpackages or shorten their content",
            },
        )
    return Response(
        zip_project(project),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="kaidian-{target}.zip"'},
    )
