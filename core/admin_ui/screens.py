"""Admin screens that plugins ship in their own packages (``kaidian_register_admin_screens``),
and their components mounted inside core screens (``kaidian_register_admin_extensions``).

A plugin's bundle is a directory of built files: ``index.js``, an ES module whose named exports
are the screens' Vue components, and any ``*.css`` beside it. Its bare imports (``vue``,
``element-plus``, ``@kaidian/admin``…) resolve to the admin's own copies through the import map
in the admin's ``index.html``, so a pip-installed plugin needs no rebuild of the admin and no
Node.js on the server. Each bundle is served under a digest of its contents, so browsers may
cache its files forever and an upgraded plugin is fetched afresh after the restart.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from litestar import Request, Response, get
from litestar.params import FromPath

from core.auth import SKIP_AUTH

ENTRY = "index.js"
BUNDLE_URL = "/admin/plugin-screens"
SCREEN_PATH = re.compile(r"^/[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$")
EXPORT_NAME = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
_IMMUTABLE = "public, max-age=31536000, immutable"
_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": _IMMUTABLE}


# Where plugins' components go inside core screens (``kaidian_register_admin_extensions``),
# with what the admin passes them.
EXTENSION_POINTS = {
    "editor.block-actions": "the page editor, beside the selected block's tools (props: editor, block)",
    "editor.block-badges": "the page editor's canvas, over every block (props: editor, block)",
    "editor.page-actions": "the page editor's toolbar (props: editor)",
}


class ScreenRegistrationError(ValueError):
    """A plugin registered an unusable screen; start-up stops with the plugin named."""


@dataclass(frozen=True)
class AdminBundle:
    plugin: str
    directory: Path
    digest: str
    styles: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"{BUNDLE_URL}/{self.plugin}/{self.digest}"


@dataclass(frozen=True)
class AdminScreen:
    path: str
    component: str
    plugin: str


def _digest(directory: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(path for path in directory.rglob("*") if path.is_file()):
        digest.update(file.relative_to(directory).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class AdminExtension:
    point: str
    component: str
    plugin: str


def _bundle(bundles: dict[str, AdminBundle], plugin: str, bundle: Any, where: str) -> None:
    """Record the plugin's bundle once (a plugin has one), or say why it is unusable."""
    directory = Path(str(bundle)) if bundle is not None else None
    if directory is None or not (directory / ENTRY).is_file():
        raise ScreenRegistrationError(
            f"{where}: the bundle {bundle} has no {ENTRY}; build the plugin's admin screens "
            "(npm run build in its admin/ folder) and ship dist/ in the package"
        )
    known = bundles.get(plugin)
    if known is not None and known.directory != directory.resolve():
        raise ScreenRegistrationError(f"{where}: a plugin has one bundle, and {plugin!r} already registered {known.directory}")
    if known is None:
        directory = directory.resolve()
        styles = tuple(sorted(file.name for file in directory.glob("*.css")))
        bundles[plugin] = AdminBundle(plugin, directory, _digest(directory), styles)


def add_extension(
    extensions: list[AdminExtension], bundles: dict[str, AdminBundle], plugin: str, point: Any, component: Any, bundle: Any
) -> None:
    """Check one ``kaidian_register_admin_extensions`` registration and record it."""
    where = f"admin extension {point!r} of plugin {plugin!r}"
    if point not in EXTENSION_POINTS:
        raise ScreenRegistrationError(f"{where}: no such point; the admin has {', '.join(sorted(EXTENSION_POINTS))}")
    if not isinstance(component, str) or not EXPORT_NAME.match(component):
        raise ScreenRegistrationError(f"{where}: component must name an export of {ENTRY}, got {component!r}")
    _bundle(bundles, plugin, bundle, where)
    extensions.append(AdminExtension(point, component, plugin))


def add_screen(
    screens: list[AdminScreen], bundles: dict[str, AdminBundle], plugin: str, path: Any, component: Any, bundle: Any
) -> None:
    """Check one registration and record it (and the plugin's bundle, once)."""
    where = f"admin screen {path!r} of plugin {plugin!r}"
    if not isinstance(path, str) or not SCREEN_PATH.match(path):
        raise ScreenRegistrationError(f"{where}: the path must look like /gift-cards (lower-case letters, digits, - and _)")
    if not isinstance(component, str) or not EXPORT_NAME.match(component):
        raise ScreenRegistrationError(f"{where}: component must name an export of {ENTRY}, got {component!r}")
    clash = next((screen for screen in screens if screen.path == path), None)
    if clash is not None:
        raise ScreenRegistrationError(f"{where} clashes with plugin {clash.plugin!r}")
    _bundle(bundles, plugin, bundle, where)
    screens.append(AdminScreen(path, component, plugin))


def _not_found() -> Response[bytes]:
    return Response(b"not found", status_code=404, media_type="text/plain", headers={"X-Content-Type-Options": "nosniff"})


@get(f"{BUNDLE_URL}/{{plugin:str}}/{{digest:str}}/{{path:path}}", include_in_schema=False, opt={SKIP_AUTH: True}, sync_to_thread=False)
def plugin_screen_file(request: Request[Any, Any, Any], plugin: FromPath[str], digest: FromPath[str], path: FromPath[str]) -> Response[bytes]:
    """A file of a plugin's admin bundle. Public like the admin's own assets: it is code, and
    every API call it makes is authorised; a digest that is not the current one is a 404."""
    bundle = request.app.state.registries.admin_bundles.get(plugin)
    if bundle is None or bundle.digest != digest:
        return _not_found()
    candidate = (bundle.directory / path.lstrip("/")).resolve()
    if bundle.directory not in candidate.parents or not candidate.is_file():
        return _not_found()
    media_type = "text/javascript" if candidate.suffix in (".js", ".mjs") else mimetypes.guess_type(candidate.name)[0]
    return Response(candidate.read_bytes(), media_type=media_type or "application/octet-stream", headers=_HEADERS)
