"""The builder registers itself through the ``kaidian.plugins`` entry point, like any plugin:
its page editor routes and models, core's page components and templates, the ``kaidian build``
command, the demo shop's page configuration and the collections of page components, slots,
app pages, app dependencies and page templates that plugins contribute. Core never imports the builder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core import __version__
from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.registries import RegistrationError, bind

manifest = PluginManifest(
    name="builder",
    version=__version__,
    title={"zh-CN": "店铺装修", "en": "Page builder"},
    description={"zh-CN": "页面配置、装修编辑器与小程序生成", "en": "Page configurations, the page editor and mini-program generation"},
    requires_core=f"=={__version__}",
)


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("builder.models", migrations="builder.migrations")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from builder.config_controller import PageConfigController, PublishedPageConfigController
    from builder.controller import BuilderCatalogueController
    from builder.h5_preview_controller import H5PreviewController, H5PreviewFileController

    for handler in (
        BuilderCatalogueController,
        PageConfigController,
        PublishedPageConfigController,
        H5PreviewController,
        H5PreviewFileController,
    ):
        register(handler)


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    register("builder", {"zh-CN": "店铺装修", "en": "Page editor"}, "/builder", icon="brush", roles=("owner", "operator"), order=20)


@hookimpl
def kaidian_register_page_components(register: Callable[..., None]) -> None:
    from builder.components import core_components

    for component in core_components():
        register(component)


@hookimpl
def kaidian_register_page_templates(register: Callable[..., None]) -> None:
    from builder.page_templates import core_page_templates

    for template in core_page_templates():
        register(**template)


@hookimpl
def kaidian_register_commands(register: Callable[..., None]) -> None:
    from builder.build_command import build

    register(build)


@hookimpl
async def kaidian_collect_shop_template_copy(shop_id: int, template_shop_id: int) -> list[str] | None:
    from builder.versions import copy_from_template

    return await copy_from_template(shop_id, template_shop_id)


@hookimpl
async def kaidian_on_demo_shop_created(shop_id: int, base_url: str, images: dict[str, str]) -> None:
    from builder.versions import seed_demo_config

    await seed_demo_config(shop_id, base_url, images)


# ---------------------------------------------------------------------------------------------
# The builder's collections of what plugins register (``registries.components`` …)
# ---------------------------------------------------------------------------------------------


@hookimpl
def kaidian_register_registries(register: Callable[..., None]) -> None:
    # in this order: page templates are checked against the components
    register("components", _components)
    register("slots", _slots)
    register("app_pages", _app_pages)
    register("app_dependencies", _app_dependencies)
    register("page_templates", _page_templates)


def _add_each(host: Any, hook: str, keyword: str, kind: type, collection: Any, what: str) -> Any:
    for item in host.registrations(hook):
        contribution = item.args[0] if item.args else item.kwargs.get(keyword)
        if not isinstance(contribution, kind):
            raise RegistrationError(f"plugin {item.plugin!r} registered a non-{what} {contribution!r}")
        try:
            collection.add(contribution, item.plugin)
        except ValueError as exc:
            raise RegistrationError(str(exc)) from exc
    return collection


def _components(host: Any, registries: Any) -> Any:
    from builder.registry import ComponentDefinition, ComponentRegistry

    return _add_each(host, "kaidian_register_page_components", "component", ComponentDefinition, ComponentRegistry(), "component")


def _slots(host: Any, registries: Any) -> Any:
    from builder.slots import SlotComponent, SlotRegistry

    return _add_each(host, "kaidian_register_page_slots", "component", SlotComponent, SlotRegistry(), "slot component")


def _app_pages(host: Any, registries: Any) -> Any:
    from builder.app_pages import AppPage, AppPageRegistry

    return _add_each(host, "kaidian_register_app_pages", "page", AppPage, AppPageRegistry(), "page")


def _app_dependencies(host: Any, registries: Any) -> Any:
    from builder.app_dependencies import AppDependencies, AppDependencyRegistry

    return _add_each(host, "kaidian_register_app_dependencies", "dependencies", AppDependencies, AppDependencyRegistry(), "AppDependencies")


def _page_templates(host: Any, registries: Any) -> dict[str, Any]:
    from builder.page_templates import PageTemplate, check_page_template

    templates: dict[str, PageTemplate] = {}
    for item in host.registrations("kaidian_register_page_templates"):
        values = bind(item, ("name", "title", "page", "description", "order"))
        template = PageTemplate(
            name=values.get("name"), title=values.get("title"), page=values.get("page"), plugin=item.plugin,
            description=values.get("description"), order=int(values.get("order", 100)),
        )
        try:
            check_page_template(template, registries.components)
        except ValueError as error:
            raise RegistrationError(str(error)) from None
        if template.name in templates:
            other = templates[template.name].plugin
            raise RegistrationError(f"page template {template.name!r} from plugin {item.plugin!r} clashes with plugin {other!r}")
        templates[template.name] = template
    return templates
