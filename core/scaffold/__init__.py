"""``kaidian plugin new``: render a separately installable plugin project from Jinja2 templates.

The templates live in ``core/scaffold/templates/plugin/``. A path segment ``__package__`` becomes
the import package (``kaidian_<name>``) and ``__name__`` the plugin name. Files ending in
``.jinja`` are rendered (suffix dropped); everything else is copied as it is — the page
component templates (``*.j2``) are the builder's own templates, rendered later by the builder.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined

from core import __version__ as CORE_VERSION
from core.manifest import PLUGIN_NAME_PATTERN

RENDERED_SUFFIX = ".jinja"
# The page component is named "<name>_notes" and component names stop at 40 characters.
MAX_NAME_LENGTH = 34
RESERVED_NAMES = frozenset({"core", "kaidian", "plugins", "builder", "themes", "test", "tests"})


class ScaffoldError(ValueError):
    """The plugin name or the output directory cannot be used."""


@dataclass(frozen=True)
class PluginNames:
    name: str  # plugin name, manifest and Tortoise app label: gift_cards
    package: str  # import package: kaidian_gift_cards
    distribution: str  # pip name: kaidian-gift-cards
    camel: str  # GiftCards
    lower_camel: str  # giftCards (operation id prefix)
    kebab: str  # gift-cards (URL segment)

    @classmethod
    def of(cls, name: str) -> PluginNames:
        camel = "".join(part.capitalize() for part in name.split("_"))
        return cls(
            name=name,
            package=f"kaidian_{name}",
            distribution=f"kaidian-{name.replace('_', '-')}",
            camel=camel,
            lower_camel=camel[:1].lower() + camel[1:],
            kebab=name.replace("_", "-"),
        )


def check_name(name: str, taken: set[str] | frozenset[str] = frozenset()) -> PluginNames:
    if not re.match(PLUGIN_NAME_PATTERN, name) or name.endswith("_") or "__" in name:
        raise ScaffoldError(
            f"plugin name {name!r} is not valid: use 2-49 lower-case letters, digits and single "
            "underscores, starting with a letter (e.g. gift_cards)"
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ScaffoldError(
            f"plugin name {name!r} is too long: at most {MAX_NAME_LENGTH} characters, so its "
            "page component and table names stay within the builder's and databases' limits"
        )
    if keyword.iskeyword(name) or name in RESERVED_NAMES:
        raise ScaffoldError(f"plugin name {name!r} is reserved; choose another")
    if name in taken:
        raise ScaffoldError(f"a plugin named {name!r} is already installed; choose another name")
    names = PluginNames.of(name)
    if find_spec(names.package) is not None:
        raise ScaffoldError(f"a Python package {names.package!r} is already importable; choose another name")
    return names


def template_context(names: PluginNames, title_zh: str | None, title_en: str | None) -> dict[str, Any]:
    major, minor = (int(part) for part in CORE_VERSION.split(".")[:2])
    # Compatible with this core's minor series: pre-1.0 minors may break the plugin contract.
    upper = f"{major + 1}" if major >= 1 else f"{major}.{minor + 1}"
    return {
        "names": names,
        "name": names.name,
        "package": names.package,
        "title_zh": title_zh or names.name,
        "title_en": title_en or names.name.replace("_", " ").title(),
        "core_version": CORE_VERSION,
        "requires_core": f">={CORE_VERSION},<{upper}",
        "model": f"{names.camel}Note",
        "table": f"{names.name}_note",
        "component": f"{names.name}_notes",
    }


def _template_root() -> Any:
    return resources.files("core.scaffold") / "templates" / "plugin"


def _walk(node: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found = []
    for child in sorted(node.iterdir(), key=lambda item: item.name):
        if child.name == "__pycache__":
            continue
        if child.is_dir():
            found.extend(_walk(child, (*prefix, child.name)))
        else:
            found.append(((*prefix, child.name), child))
    return found


def scaffold_plugin(
    name: str,
    out: Path,
    *,
    taken: set[str] | frozenset[str] = frozenset(),
    title_zh: str | None = None,
    title_en: str | None = None,
) -> list[Path]:
    """Write a new plugin project into ``out`` (which must not exist or be empty)."""
    names = check_name(name, taken)
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ScaffoldError(f"{out} already exists and is not an empty directory")
    context = template_context(names, title_zh, title_en)
    env = Environment(keep_trailing_newline=True, undefined=StrictUndefined, autoescape=False)
    written = []
    for parts, source in _walk(_template_root()):
        relative = [part.replace("__package__", names.package).replace("__name__", names.name) for part in parts]
        text = source.read_text(encoding="utf-8")
        if relative[-1].endswith(RENDERED_SUFFIX):
            relative[-1] = relative[-1][: -len(RENDERED_SUFFIX)]
            text = env.from_string(text).render(context)
        target = out.joinpath(*relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
