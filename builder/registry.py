"""Page components contributed by core and plugins through ``kaidian_register_page_components``."""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jsonschema

from builder.icons import ICONS
from builder.schema_parts import LINK_PATTERN

TARGETS = ("uniapp", "taro")
# Besides one template per target: "style" (CSS shared by the targets and the editor) and
# "preview" (how the admin editor's phone canvas draws the component; see builder.preview).
EXTRA_TEMPLATES = ("style", "preview")
# Where a component may be placed: on a page, or once for the whole app (the tab bar).
PLACEMENTS = ("page", "app")
# Editor hints are JSON Schema annotations (``x-widget``, ``x-enum-labels``); unknown keywords
# are ignored by validators, so the hints never change what is valid.
WIDGETS = frozenset(
    {
        "text",
        "textarea",
        "number",
        "switch",
        "select",
        "radio",
        "color",
        "image",
        "video",
        "product",
        "products",
        "category",
        "page-link",
        "richtext",
        "list",
        "hotzone",
    }
)
COMPONENT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class ComponentConflict(ValueError):
    pass


@dataclass(frozen=True)
class ComponentDefinition:
    """One building block of a page.

    ``props_schema`` is a JSON Schema (draft 2020-12) with defaults and editor hints
    (``x-widget``: one of ``WIDGETS``; ``x-enum-labels``: ``{value: {"zh-CN", "en"}}``).
    ``templates`` maps a target ("uniapp", "taro") to a Jinja2 template path: absolute, or
    relative to the ``miniprogram_templates`` folder; an optional ``"style"`` template holds
    CSS shared by both targets (``[[ unit ]]`` is ``rpx`` for uni-app, ``px`` for Taro). Templates receive the definition only,
    never merchant data: props reach the generated code as escaped JSON. A ``"preview"``
    template (plain HTML with Vue template syntax, not Jinja) is how the admin editor's canvas
    draws the component with the shop's live data; its contract is in ``builder.preview``.
    ``migrate(old_version, props)`` upgrades props saved under an older ``schema_version``.
    ``data_source`` names the customer-API read the component needs (e.g. ``"products"``) and
    ``data_params(props)`` turns its props into that read's parameters; the page batches them.
    ``placement`` is ``"page"`` or ``"app"`` (configured once in ``app``, like the tab bar).
    ``prepare(props)`` turns validated props into what the generated component reads (e.g. rich
    text HTML into a sanitised node tree); by default the props themselves.
    ``tab_icon`` names the icon (``builder.icons.ICONS``) a tab leading to a page with this
    component shows when the merchant picked none (the cart's tab shows the cart).
    """

    name: str
    title: dict[str, str]
    category: str
    props_schema: dict[str, Any]
    templates: dict[str, str] = field(default_factory=dict)
    icon: str = ""
    schema_version: int = 1
    data_source: str | None = None
    data_params: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    migrate: Callable[[int, dict[str, Any]], dict[str, Any]] | None = None
    placement: str = "page"
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    description: dict[str, str] | None = None
    plugin: str = ""
    tab_icon: str = ""

    def validate_definition(self) -> None:
        if not COMPONENT_NAME.match(self.name or ""):
            raise ValueError(
                f"component name {self.name!r} must be lower-case letters, digits and _ "
                "(starting with a letter, at most 40)"
            )
        if {"zh-CN", "en"} - self.title.keys():
            raise ValueError(f"component {self.name!r} needs a zh-CN and an en title")
        check_props_schema(self.props_schema)
        if self.props_schema.get("type") != "object":
            raise ValueError(f"component {self.name!r}: props_schema must describe an object")
        unknown = set(self.templates) - set(TARGETS) - set(EXTRA_TEMPLATES)
        if unknown:
            raise ValueError(f"component {self.name!r} has templates for unknown targets {unknown}")
        if "preview" in self.templates:
            from builder.preview import check_preview_template

            check_preview_template(self.name, self.templates["preview"])
        if self.placement not in PLACEMENTS:
            raise ValueError(f"component {self.name!r}: placement must be one of {PLACEMENTS}")
        if self.schema_version < 1:
            raise ValueError(f"component {self.name!r}: schema_version starts at 1")
        if self.schema_version > 1 and self.migrate is None:
            raise ValueError(
                f"component {self.name!r} is at schema_version {self.schema_version} "
                "but has no migrate(old_version, props)"
            )
        if self.tab_icon and self.tab_icon not in ICONS:
            raise ValueError(f"component {self.name!r}: tab_icon {self.tab_icon!r} is not one of {sorted(ICONS)}")
        if self.data_params is not None and not self.data_source:
            raise ValueError(f"component {self.name!r} has data_params but no data_source")
        for path, widget, node in _widgets(self.props_schema, "props"):
            if widget not in WIDGETS:
                raise ValueError(
                    f"component {self.name!r}: unknown editor widget {widget!r} at {path}; "
                    f"use one of {sorted(WIDGETS)}"
                )
            # One link format for every page component, checked against the app's pages
            if widget == "page-link" and self.placement == "page" and node.get("pattern") != LINK_PATTERN:
                raise ValueError(f"component {self.name!r}: the link at {path} must use builder.schema_parts.link() (page:/product:/category:)")

    def defaults(self) -> dict[str, Any]:
        """Props of a freshly dropped component: every top-level ``default`` of the schema."""
        return {
            key: copy.deepcopy(spec["default"])
            for key, spec in self.props_schema.get("properties", {}).items()
            if "default" in spec
        }

    def upgrade_props(self, props: dict[str, Any], from_version: int) -> dict[str, Any]:
        """Props saved under ``from_version`` brought to ``schema_version`` (one step at a time)."""
        if from_version > self.schema_version:
            raise ValueError(
                f"component {self.name!r}: props are from version {from_version}, newer than "
                f"this installation's {self.schema_version}"
            )
        current = copy.deepcopy(props)
        for version in range(from_version, self.schema_version):
            assert self.migrate is not None  # checked by validate_definition
            current = self.migrate(version, current)
        return current

    def with_defaults(self, props: dict[str, Any], *, fill_required: bool = True) -> dict[str, Any]:
        """``props`` with every missing default filled in; with ``fill_required=False`` a missing
        required prop stays missing (validation then names it, whatever its default)."""
        required = set() if fill_required else set(self.props_schema.get("required", []))
        merged = {key: value for key, value in self.defaults().items() if key not in required}
        merged.update(props)
        return merged

    def runtime_props(self, props: dict[str, Any]) -> dict[str, Any]:
        return self.prepare(props) if self.prepare else props

    def data_request(self, props: dict[str, Any]) -> dict[str, Any] | None:
        """What the page asks the batch endpoint for on behalf of this component."""
        if not self.data_source:
            return None
        params = self.data_params(props) if self.data_params else {}
        return {"source": self.data_source, "params": params}

    def catalogue_entry(self) -> dict[str, Any]:
        """What the admin editor needs to show and configure the component."""
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "category": self.category,
            "icon": self.icon,
            "placement": self.placement,
            "schema_version": self.schema_version,
            "data_source": self.data_source,
            "props_schema": self.props_schema,
            "defaults": self.defaults(),
            "targets": sorted(set(self.templates) - {"preview"}),
            "plugin": self.plugin,
        }


@functools.lru_cache(maxsize=512)
def _check_schema_text(schema_text: str) -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text))


def check_props_schema(schema: dict[str, Any]) -> None:
    """Raise if ``schema`` is not a valid JSON Schema. The meta-schema check is the slow part of
    building an app, and every app (each test's, each worker's) registers the same schemas."""
    _check_schema_text(json.dumps(schema, sort_keys=True, ensure_ascii=False, default=str))


def template_files(folder: Path, name: str) -> dict[str, str]:
    """A component's templates laid out the usual way under ``folder``:
    ``uniapp/<name>.vue.j2``, ``taro/<name>.jsx.j2``, ``common/<name>.css.j2`` and the editor's
    ``preview/<name>.html``."""
    return {
        "uniapp": str(folder / "uniapp" / f"{name}.vue.j2"),
        "taro": str(folder / "taro" / f"{name}.jsx.j2"),
        "style": str(folder / "common" / f"{name}.css.j2"),
        "preview": str(folder / "preview" / f"{name}.html"),
    }


class ComponentRegistry:
    def __init__(self) -> None:
        self._components: dict[str, ComponentDefinition] = {}

    def add(self, component: ComponentDefinition, plugin: str) -> None:
        component = replace(component, plugin=plugin)
        component.validate_definition()
        existing = self._components.get(component.name)
        if existing is not None:
            raise ComponentConflict(
                f"page component {component.name!r} from plugin {plugin!r} clashes with the one "
                f"already registered by plugin {existing.plugin!r}"
            )
        self._components[component.name] = component

    def get(self, name: str) -> ComponentDefinition | None:
        return self._components.get(name)

    def all(self) -> list[ComponentDefinition]:
        return sorted(self._components.values(), key=lambda c: (c.category, c.name))

    def page_components(self) -> list[ComponentDefinition]:
        return [c for c in self.all() if c.placement == "page"]

    def __contains__(self, name: object) -> bool:
        return name in self._components

    def __len__(self) -> int:
        return len(self._components)


def _widgets(schema: Any, path: str):
    if isinstance(schema, dict):
        if "x-widget" in schema:
            yield path, schema["x-widget"], schema
        for key, value in schema.items():
            if key in ("properties", "$defs", "patternProperties"):
                for name, sub in value.items():
                    yield from _widgets(sub, f"{path}.{name}")
            elif key in ("items", "additionalProperties", "not", "if", "then", "else"):
                yield from _widgets(value, f"{path}[]" if key == "items" else path)
            elif key in ("anyOf", "oneOf", "allOf", "prefixItems"):
                for sub in value:
                    yield from _widgets(sub, path)
