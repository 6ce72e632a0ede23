"""Per-target emitters: which files a uni-app or Taro project consists of.

Both targets share the runtime (API client, links, images, locale, theme variables, page data
modules); they differ in project configuration, page and component files.
"""

from __future__ import annotations

import json
import posixpath
import re
from abc import ABC, abstractmethod
from dataclasses import replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from builder import app_dependencies, layout
from builder.app_pages import entries as app_page_entries
from builder.icons import icons_module, tab_icon_files
from builder.layout import ProjectFiles, component_tag
from builder.plan import PagePlan, ProjectPlan
from builder.render import TEMPLATES_ROOT, html_text, js_literal, make_environment
from builder.slots import slot_files, template_paths as slot_template_paths
from builder.system_pages import system_page_plans
from core.storefront import MAX_BATCH_REQUESTS as BATCH_LIMIT

TOOLCHAINS = Path(__file__).resolve().parent / "toolchains"
_IMPORT = re.compile(r"""^\s*import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]""", re.MULTILINE)
LOCALES = ("zh-CN", "en")
# The customer runtime (miniprogram_templates/common/runtime/), rendered for each target.
RUNTIME_FILES = tuple(
    f"runtime/{name}.js" for name in ("platform", "transport", "events", "session", "request", "cart", "pay", "orders", "checkout", "sku", "uploads", "subscribe", "analytics", "index")
)


GENERATED_PACKAGE_NAME = "kaidian-miniprogram"


def toolchain_package(target: str) -> dict[str, Any]:
    return json.loads((TOOLCHAINS / f"{target}.package.json").read_text(encoding="utf-8"))


def toolchain_lock_path(target: str) -> Path:
    return TOOLCHAINS / f"{target}.package-lock.json"


def project_lock_file(target: str, added: list[Any] = ()) -> str:  # type: ignore[assignment]
    """The toolchain's lock file for a generated project (its package is renamed), with the
    packages plugins added (``builder.app_dependencies``), so an agency's ``npm ci`` installs
    exactly the versions we build and test with."""
    lock = json.loads(toolchain_lock_path(target).read_text(encoding="utf-8"))
    if added:
        lock = app_dependencies.merged_lock(lock, list(added))
    lock["name"] = lock["packages"][""]["name"] = GENERATED_PACKAGE_NAME
    return json.dumps(lock, indent=2, ensure_ascii=False) + "\n"


def project_package(target: str, added: list[Any]) -> dict[str, Any]:
    """The generated project's package.json: the toolchain's pins and the plugins' packages."""
    package = app_dependencies.merged_package(toolchain_package(target), added)
    package["name"] = GENERATED_PACKAGE_NAME
    return package


def ui_messages() -> dict[str, dict[str, str]]:
    return json.loads((TEMPLATES_ROOT / "common" / "messages.json").read_text(encoding="utf-8"))


class Emitter(ABC):
    name = ""
    page_ext = ""
    tab_icon_folder = ""  # under src/, as the app config names the tab icons

    def __init__(self) -> None:
        self._env = None

    def env(self, plan: ProjectPlan):
        extra = {
            path
            for component in plan.components
            for key, path in component.templates.items()
            if key in (self.name, "style") and Path(path).is_absolute()
        }
        extra |= {path for page in plan.app_pages for key, path in page.templates.items() if key in (self.name, "style") and Path(path).is_absolute()}
        env = make_environment(extra | slot_template_paths(plan.slots, self.name))
        env.globals["shared"] = layout.shared_imports(self.name)
        # System pages and page components render the slot components registered for their slots.
        env.globals["slots"] = plan.slots
        return env

    def full_plan(self, plan: ProjectPlan) -> ProjectPlan:
        """The merchant's pages plus the system pages this target has and the pages plugins
        added: every page of the app."""
        if any(page.system for page in plan.pages):
            return plan
        added = [page.plan(self.name, plan.default_locale) for page in plan.app_pages]
        return replace(plan, pages=plan.pages + system_page_plans(self.name, plan.default_locale) + added)

    def added_dependencies(self, plan: ProjectPlan) -> list[Any]:
        """The npm packages plugins add to this target (``kaidian_register_app_dependencies``)."""
        return [item for item in plan.dependencies if self.name in item.targets]

    def dependency_files(self, plan: ProjectPlan) -> dict[str, str]:
        added = self.added_dependencies(plan)
        return {
            "package-lock.json": project_lock_file(self.name, added),
            **app_dependencies.project_files(added),
        }

    def native_component_files(self, plan: ProjectPlan) -> dict[str, str]:
        """App pages' native mini-program components, copied into their subpackages."""
        files: dict[str, str] = {}
        for added in plan.app_pages:
            page = next((item for item in plan.pages if item.system == added.name), None)
            if page is not None and added.native_components:
                files.update(added.native_files(self.name, page.root))
        return files

    def using_components(self, plan: ProjectPlan, page: PagePlan) -> dict[str, str]:
        added = next((item for item in plan.app_pages if page.system and item.name == page.system), None)
        return added.using_components(self.name, page.root, page.path) if added is not None and added.native_components else {}

    def assets(self, plan: ProjectPlan) -> dict[str, bytes]:
        """The project's binary files by path: the tab bar's PNG icons."""
        return tab_icon_files(plan.tab_bar, f"src/{self.tab_icon_folder}")

    def emit(self, plan: ProjectPlan) -> dict[str, str]:
        """Every file of the project by path; raises ``layout.PathCollision`` when two parts
        (a page component and a shared runtime component, say) would share one path."""
        plan = self.full_plan(plan)
        env = self.env(plan)
        files = ProjectFiles()
        files.update(self.common_files(plan, env), "the shared runtime")
        files.update(self.project_files(plan, env), "the project scaffolding")
        files.update(self.dependency_files(plan), "the npm packages")
        files.update(self.native_component_files(plan), "the app pages' native components")
        for page in plan.pages:
            owner = f"system page {page.system!r}" if page.system else f"page {page.route!r}"
            files.add(f"src/{page.path}{self.page_ext}", self.render_page(env, plan, page), owner)
            if page.system:
                for path, content in self.page_style_files(env, plan, page).items():
                    files.add(path, content, owner)
                continue
            files.add(
                f"src/{page.root + '/' if page.root else ''}pages/{page.route}/page.js",
                "// Generated from the shop's page configuration. Data only.\nexport default "
                + js_literal(
                    {"route": page.route, "path": page.path, "title": page.title, "blocks": page.blocks}
                    # the reads that pick A/B-tested blocks' variants, only on pages that have them
                    | ({"switches": page.switches} if page.switches else {})
                    # an A/B-tested page's block orders, only on pages that have them
                    | ({"order": page.order} if page.order else {}),
                    indent=1,
                )
                + "\n",
                owner,
            )
        for name, template in layout.SHARED_COMPONENTS.items():
            owner = f"shared runtime component {name!r}"
            for path, content in self.shared_component_files(env, name, template).items():
                files.add(path, content, owner)
        for component in plan.components:
            if component.placement != "page":
                continue
            owner = f"page component {component.name!r} of plugin {component.plugin!r}"
            for path, content in self.component_files(env, component).items():
                files.add(path, content, owner)
        for component in (item for items in plan.slots.values() for item in items):
            owner = f"slot component {component.name!r} of plugin {component.plugin!r}"
            for path, content in slot_files(self.name, component, env).items():
                files.add(path, content, owner)
        generated = files.as_dict()
        return layout.place_in_subpackages(generated, list(plan.subpackages), self.imports(generated))

    # -- shared runtime --------------------------------------------------------------------

    def common_files(self, plan: ProjectPlan, env) -> dict[str, str]:
        context = {"target": self.name, "plan": plan}
        routes = {page.route: "/" + page.path for page in plan.pages if not page.system}
        system = {page.system: "/" + page.path for page in plan.pages if page.system}
        tabs = [item["page"] for item in plan.tab_bar["items"]] if plan.tab_bar else []
        messages = ui_messages()
        files = {
            "src/api/settings.js": "export default "
            + js_literal(
                {
                    "baseUrl": plan.api["base_url"].rstrip("/"),
                    "shopId": plan.api["shop_id"],
                    "webpParam": plan.api["image_webp_param"],
                    "defaultLocale": plan.default_locale,
                    # the device's language is followed only among these
                    "locales": plan.locales,
                    "cacheSeconds": 30,
                    "batchLimit": BATCH_LIMIT,
                }
            )
            + "\n",
            "src/routes.js": "export default "
            + js_literal(
                {
                    "pages": routes,
                    "tabs": tabs,
                    "special": plan.special_routes,
                    "system": system,
                    "entries": app_page_entries(plan.app_pages),
                    "links": plan.link_pages,
                    "linkDomains": plan.link_domains,
                }
            )
            + "\n",
            "src/utils/icons.js": icons_module(plan.tokens["color"]),
            "src/styles/theme.css": env.get_template("common/theme.css.j2").render(context),
            "src/styles/theme.scss": env.get_template("common/theme.scss.j2").render(context),
        }
        for locale in LOCALES:
            files[f"src/locale/{locale}.js"] = "export default " + js_literal(messages[locale], indent=1) + "\n"
        for name in ("api/client.js", "utils/link.js", "utils/image.js", "utils/format.js", "locale/index.js", *RUNTIME_FILES):
            files[f"src/{name}"] = env.get_template(f"common/{name}.j2").render(context)
        return files

    def page_files(self, plan: ProjectPlan) -> list[str]:
        """The files that must exist for every page the app config lists."""
        return [f"src/{page.path}{self.page_ext}" for page in plan.pages]

    def imports(self, files: dict[str, str]) -> list[tuple[str, str]]:
        """Local imports of the generated code, resolved to project paths."""
        found = []
        for source, content in files.items():
            if not source.endswith((".js", ".jsx", ".vue")):
                continue
            for spec in _IMPORT.findall(content):
                if spec.startswith("@/"):
                    target = "src/" + spec[2:]
                elif spec.startswith("."):
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(source), spec))
                else:
                    continue  # a package from node_modules
                candidates = [target] if posixpath.splitext(target)[1] else [target + ext for ext in (".js", ".jsx", "/index.js", "/index.jsx")]
                found.append((source, next((c for c in candidates if c in files), candidates[0])))
        return found

    def page_context(self, plan: ProjectPlan, page: PagePlan) -> dict[str, Any]:
        return {
            "plan": plan,
            "page": page,
            "components": [(name, component_tag(name), layout.import_path(layout.component_source(self.name, name))) for name in page.components],
            "blocks": [(index, block["id"], component_tag(block["type"])) for index, block in enumerate(page.blocks)],
        }

    def render_page(self, env, plan: ProjectPlan, page: PagePlan) -> str:
        if page.system:
            context = self.page_context(plan, page) | {"page_style": Markup(self.page_style(env, plan, page))}
            return env.get_template(page.template).render(context)
        return env.get_template(f"{self.name}/page{self.page_ext}.j2").render(self.page_context(plan, page))

    def page_style(self, env, plan: ProjectPlan, page: PagePlan) -> str:
        """An app page's own CSS (its ``style`` template), "" for other pages."""
        added = next((item for item in plan.app_pages if item.name == page.system), None)
        if added is None or "style" not in added.templates:
            return ""
        return env.get_template(added.templates["style"]).render(unit="rpx" if self.name == "uniapp" else "px")

    def page_style_files(self, env, plan: ProjectPlan, page: PagePlan) -> dict[str, str]:
        """Files beside a system or app page besides its source (Taro: the page's CSS)."""
        return {}

    def shared_component_files(self, env, name: str, template: str) -> dict[str, str]:
        return {layout.component_source(self.name, name): env.get_template(f"{self.name}/components/{template}{self.page_ext}.j2").render()}

    @abstractmethod
    def component_files(self, env, component) -> dict[str, str]:
        """The target's files of one page component, by path."""

    @abstractmethod
    def project_files(self, plan: ProjectPlan, env) -> dict[str, str]:
        """The target's project scaffolding (manifest, app entry, routes), by path."""


def _navigation_style(plan: ProjectPlan, page: PagePlan | None = None) -> dict[str, Any]:
    colors = plan.tokens["color"]
    style = {
        "navigationBarTitleText": page.title if page else plan.app_name,
        "navigationBarBackgroundColor": colors["surface"],
        "navigationBarTextStyle": "white" if plan.dark else "black",
        "backgroundColor": (page.background if page and page.background else colors["background"]),
    }
    if page is not None:
        style["enablePullDownRefresh"] = page.pull_to_refresh
    return style


def _tab_bar(plan: ProjectPlan, path_key: str, icon_folder: str) -> dict[str, Any] | None:
    if not plan.tab_bar:
        return None
    routes = {page.route: page.path for page in plan.pages}
    return {
        "color": plan.tab_bar["color"],
        "selectedColor": plan.tab_bar["selected_color"],
        "backgroundColor": plan.tab_bar["background"],
        "borderStyle": "white" if plan.dark else "black",
        "list": [
            {
                path_key: routes[item["page"]],
                "text": item["text"],
                "iconPath": f"{icon_folder}/{item['icon']}.png",
                "selectedIconPath": f"{icon_folder}/{item['icon']}-active.png",
            }
            for item in plan.tab_bar["items"]
        ],
    }


class UniappEmitter(Emitter):
    name = "uniapp"
    page_ext = ".vue"
    tab_icon_folder = "static/tabbar"  # uni-app copies src/static as it is

    def project_files(self, plan: ProjectPlan, env) -> dict[str, str]:
        package = project_package("uniapp", self.added_dependencies(plan))

        def style(page: PagePlan) -> dict[str, Any]:
            using = self.using_components(plan, page)
            # Read by the mp-weixin compiler (which then passes the tag's attributes through);
            # the H5 build ignores it, and page templates use the tag on mp-weixin only.
            return _navigation_style(plan, page) | ({"usingComponents": using} if using else {})

        pages_json: dict[str, Any] = {
            "pages": [{"path": page.path, "style": style(page)} for page in plan.main_pages],
            "subPackages": [
                {"root": root, "pages": [{"path": page.local_path, "style": style(page)} for page in pages]}
                for root, pages in plan.subpackages.items()
            ],
            "globalStyle": _navigation_style(plan),
        }
        if plan.subpackages:
            # Download subpackages in the background once the main package is shown.
            pages_json["preloadRule"] = {plan.main_pages[0].path: {"network": "all", "packages": list(plan.subpackages)}}
        tab_bar = _tab_bar(plan, "pagePath", self.tab_icon_folder)
        if tab_bar:
            pages_json["tabBar"] = tab_bar
        manifest = {
            "name": plan.app_name,
            "appid": "",
            "description": "",
            "versionName": "1.0.0",
            "versionCode": "100",
            "vueVersion": "3",
            "locale": "zh-Hans" if plan.default_locale == "zh-CN" else "en",
            "mp-weixin": {
                "appid": "",
                "setting": {"urlCheck": False, "es6": True, "minified": True},
                "usingComponents": True,
                "lazyCodeLoading": "requiredComponents",
                "optimization": {"subPackages": True},
            },
            # uni-app's H5 plugin pastes this into <title> unescaped: it must arrive as HTML text
            "h5": {"title": html_text(plan.app_name), "router": {"mode": "hash", "base": "./"}},
        }
        context = {"plan": plan}
        return {
            "package.json": json.dumps(package, indent=2, ensure_ascii=False) + "\n",
            "index.html": env.get_template("uniapp/index.html.j2").render(context),
            "vite.config.js": env.get_template("uniapp/vite.config.js.j2").render(context),
            "src/main.js": env.get_template("uniapp/main.js.j2").render(context),
            "src/App.vue": env.get_template("uniapp/App.vue.j2").render(context),
            "src/pages.json": js_literal(pages_json, indent=2) + "\n",
            "src/manifest.json": js_literal(manifest, indent=2) + "\n",
        }

    def component_files(self, env, component) -> dict[str, str]:
        template = env.get_template(component.templates["uniapp"])
        return {layout.component_source(self.name, component.name): template.render(component=component, unit="rpx")}


def _taro_config(function: str, config: dict[str, Any], window: dict[str, Any]) -> str:
    """A Taro config module whose title is HTML text in the H5 build and plain text elsewhere.

    Taro H5's navigation bar sets the title with ``innerHTML``; the mini-program shows it as
    text. Taro evaluates config modules in Node with ``TARO_ENV`` set, so one file serves both.
    """
    title = window["navigationBarTitleText"]
    if html_text(title) == title:
        return f"export default {function}(" + js_literal(config, indent=2) + ")\n"
    window.pop("navigationBarTitleText")
    body = js_literal(config, indent=2)
    window["navigationBarTitleText"] = title
    target = "config.window" if window is not config else "config"
    return (
        f"const title = process.env.TARO_ENV === 'h5' ? {js_literal(html_text(title))} : {js_literal(title)}\n"
        f"const config = {body}\n"
        f"{target}.navigationBarTitleText = title\n"
        f"export default {function}(config)\n"
    )


class TaroEmitter(Emitter):
    name = "taro"
    page_ext = ".jsx"
    tab_icon_folder = "assets/tabbar"  # Taro copies tab icons for weapp and bundles them for H5

    def project_files(self, plan: ProjectPlan, env) -> dict[str, str]:
        package = project_package("taro", self.added_dependencies(plan))
        package["templateInfo"] = {"name": "kaidian", "typescript": False, "css": "None", "framework": "React"}
        app_config: dict[str, Any] = {
            "pages": [page.path for page in plan.main_pages],
            "subPackages": [{"root": root, "pages": [page.local_path for page in pages]} for root, pages in plan.subpackages.items()],
            # Taro's H5 router draws its title bar only for navigationStyle "default" (the
            # mini-program's own default), as uni-app's H5 build always does.
            "window": _navigation_style(plan) | {"navigationStyle": "default"},
            "lazyCodeLoading": "requiredComponents",
        }
        tab_bar = _tab_bar(plan, "pagePath", self.tab_icon_folder)
        if tab_bar:
            app_config["tabBar"] = tab_bar
        context = {"plan": plan}
        files = {
            "package.json": json.dumps(package, indent=2, ensure_ascii=False) + "\n",
            "babel.config.js": env.get_template("taro/babel.config.js.j2").render(context),
            "config/index.js": env.get_template("taro/config.index.js.j2").render(context),
            "project.config.json": js_literal({"miniprogramRoot": "dist/weapp/", "projectname": "kaidian-miniprogram", "appid": "touristappid", "setting": {"urlCheck": False, "es6": False, "minified": True}, "compileType": "miniprogram"}, indent=2) + "\n",
            "src/index.html": env.get_template("taro/index.html.j2").render(context),
            "src/app.js": env.get_template("taro/app.js.j2").render(context),
            "src/utils/h5_title.js": env.get_template("taro/h5_title.js.j2").render(context),
            "src/app.css": env.get_template("taro/app.css.j2").render(context),
            "src/app.config.js": _taro_config("defineAppConfig", app_config, app_config["window"]),
        }
        for page in plan.pages:
            style = _navigation_style(plan, page)
            if not page.system:
                style["enableShareAppMessage"] = True  # the share menu, counted by analytics
            using = self.using_components(plan, page)
            if using:
                style["usingComponents"] = using  # Taro's weapp build copies them; its H5 build ignores them
            files[f"src/{page.path}.config.js"] = _taro_config("definePageConfig", style, style)
        return files

    def page_style_files(self, env, plan: ProjectPlan, page: PagePlan) -> dict[str, str]:
        # The page's template imports it as './index.css'.
        style = self.page_style(env, plan, page)
        return {f"src/{page.path}.css": style} if style else {}

    def component_files(self, env, component) -> dict[str, str]:
        files = {layout.component_source(self.name, component.name): env.get_template(component.templates["taro"]).render(component=component)}
        if "style" in component.templates:
            files[layout.component_style(component.name)] = env.get_template(component.templates["style"]).render(unit="px")
        return files


EMITTERS: dict[str, Emitter] = {"uniapp": UniappEmitter(), "taro": TaroEmitter()}
