"""Whole pages plugins add to every generated app, through ``kaidian_register_app_pages``
(the coupons plugin's 领券中心 and 我的优惠券, say).

An app page is fixed code on the customer runtime like the system pages: it lives in the
subpackage ``kd_<package>``, opens with ``go(name, query)`` and, when it has an ``entry``, is
listed in the user centre (``pageEntries()`` of the runtime). Core and the builder never name a
plugin: the generated app has whatever pages were registered.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from builder.plan import PagePlan
from builder.render import TEMPLATES_ROOT
from builder.system_pages import SYSTEM_PAGES, fixed_page_plan

PAGE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
NATIVE_TAG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")
# A native mini-program component: its script, template and config (a stylesheet is optional).
NATIVE_FILES = ("index.js", "index.json", "index.wxml")
NATIVE_FOLDER = {"uniapp": "wxcomponents", "taro": "native"}
# go() also opens these special pages by name: an app page must not shadow them.
RESERVED_NAMES = {page.name for page in SYSTEM_PAGES} | {"product", "cart", "category"}


class AppPageConflict(ValueError):
    pass


def _bilingual(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(key), str) and value[key] for key in ("zh-CN", "en"))


@dataclass(frozen=True)
class AppPage:
    """``name`` is the page's route and its ``go()`` name; ``title`` its navigation-bar title
    ``{"zh-CN", "en"}``; ``templates`` maps ``uniapp`` (a ``.vue`` page) and ``taro`` (a ``.jsx``
    page), optionally ``style`` (CSS shared by both, ``[[ unit ]]`` is rpx or px), to Jinja2
    template paths; ``package`` the subpackage (``kd_<package>``, default the plugin's name);
    ``entry`` the user-centre link text ``{"zh-CN", "en"}`` or None for no link; lower
    ``order`` is listed first; ``native_components`` maps a tag (``kd-xr-viewer``) to a folder
    holding a native WeChat component (``index.js``, ``index.json``, ``index.wxml``, optional
    ``index.wxss``): it is copied into the page's subpackage and declared in the page's
    ``usingComponents`` for the mini-program builds (H5 builds never see it)."""

    name: str
    title: dict[str, str]
    templates: dict[str, str] = field(default_factory=dict)
    package: str = ""
    entry: dict[str, str] | None = None
    order: int = 100
    plugin: str = ""
    native_components: dict[str, str] = field(default_factory=dict)

    def validate(self) -> None:
        if not PAGE_NAME.match(self.name or ""):
            raise ValueError(f"app page name {self.name!r} must be lower-case letters, digits and _ (at most 40)")
        if self.name in RESERVED_NAMES:
            raise ValueError(f"app page {self.name!r} from plugin {self.plugin!r} has the name of a system page")
        if not PAGE_NAME.match(self.package or ""):
            raise ValueError(f"app page {self.name!r}: package {self.package!r} must be lower-case letters, digits and _")
        if not _bilingual(self.title):
            raise ValueError(f"app page {self.name!r}: title needs zh-CN and en")
        if self.entry is not None and not _bilingual(self.entry):
            raise ValueError(f"app page {self.name!r}: entry needs zh-CN and en (or None for no user-centre link)")
        if {"uniapp", "taro"} - self.templates.keys() or set(self.templates) - {"uniapp", "taro", "style"}:
            raise ValueError(f"app page {self.name!r} needs a uniapp and a taro template (and optionally style)")
        for key, template in self.templates.items():
            path = Path(template) if Path(template).is_absolute() else TEMPLATES_ROOT / template
            if not path.is_file():
                raise ValueError(f"app page {self.name!r}: {key} template {template} does not exist")

        for tag, folder in self.native_components.items():
            if not NATIVE_TAG.match(tag):
                raise ValueError(f"app page {self.name!r}: native component tag {tag!r} must be lower-case words joined by '-' (kd-xr-viewer)")
            missing = [name for name in NATIVE_FILES if not (Path(folder) / name).is_file()]
            if missing:
                raise ValueError(f"app page {self.name!r}: native component {tag!r} in {folder} lacks {', '.join(missing)}")

    def plan(self, target: str, locale: str) -> PagePlan:
        return fixed_page_plan(self.name, self.title, self.package, self.templates[target], locale)

    def native_files(self, target: str, root: str) -> dict[str, str]:
        """The native components' files at their place in the subpackage ``root``, by path."""
        files = {}
        for tag, folder in sorted(self.native_components.items()):
            for file in sorted(Path(folder).iterdir()):
                if file.is_file() and file.suffix in (".js", ".json", ".wxml", ".wxss", ".wxs"):
                    files[f"src/{root}/{NATIVE_FOLDER[target]}/{tag}/{file.name}"] = file.read_text(encoding="utf-8")
        return files

    def using_components(self, target: str, root: str, page_path: str) -> dict[str, str]:
        """``usingComponents`` of the page at ``page_path`` (``kd_x/pages/y/index``): uni-app
        takes paths from the source root, Taro paths relative to the page."""
        using = {}
        for tag in sorted(self.native_components):
            place = f"{root}/{NATIVE_FOLDER[target]}/{tag}/index"
            using[tag] = "/" + place if target == "uniapp" else posixpath.relpath(place, posixpath.dirname(page_path))
        return using


class AppPageRegistry:
    def __init__(self) -> None:
        self._pages: dict[str, AppPage] = {}

    def add(self, page: AppPage, plugin: str) -> None:
        page = replace(page, plugin=plugin, package=page.package or plugin)
        page.validate()
        existing = self._pages.get(page.name)
        if existing is not None:
            raise AppPageConflict(f"app page {page.name!r} from plugin {plugin!r} clashes with the one from plugin {existing.plugin!r}")
        self._pages[page.name] = page

    def all(self) -> list[AppPage]:
        """In listing order (``order``, then name): never the order plugins happened to load in."""
        return sorted(self._pages.values(), key=lambda page: (page.order, page.name))

    def __len__(self) -> int:
        return len(self._pages)


def entries(pages: list[AppPage]) -> list[dict[str, object]]:
    """The user centre's links to app pages, for ``routes.js``."""
    return [{"name": page.name, "title": page.entry} for page in pages if page.entry]


def app_page_templates(folder: Path, name: str) -> dict[str, str]:
    """An app page's templates laid out the usual way under ``folder``: ``uniapp/<name>.page.vue.j2``,
    ``taro/<name>.page.jsx.j2`` and, when it exists, ``common/<name>.page.css.j2``."""
    templates = {"uniapp": str(folder / "uniapp" / f"{name}.page.vue.j2"), "taro": str(folder / "taro" / f"{name}.page.jsx.j2")}
    style = folder / "common" / f"{name}.page.css.j2"
    if style.is_file():
        templates["style"] = str(style)
    return templates
