"""Page components contributed by core and plugins through ``kaidian_register_page_components``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jsonschema

TARGETS = ("uniapp", "taro")


class ComponentConflict(ValueError):
    pass


@dataclass(frozen=True)
class ComponentDefinition:
    """One building block of a page.

    ``props_schema`` is a JSON Schema (draft 2020-12) with defaults and editor hints;
    ``templates`` maps a target ("uniapp", "taro") to a Jinja2 template path or source;
    ``migrate`` upgrades props saved under an older ``schema_version``.
    """

    name: str
    title: dict[str, str]
    category: str
    props_schema: dict[str, Any]
    templates: dict[str, str] = field(default_factory=dict)
    icon: str = ""
    schema_version: int = 1
    data_source: str | None = None
    migrate: Callable[[int, dict[str, Any]], dict[str, Any]] | None = None
    plugin: str = ""

    def validate_definition(self) -> None:
        if not self.name or not self.name.replace("-", "").replace("_", "").isalnum():
            raise ValueError(f"component name {self.name!r} must be alphanumeric with - or _")
        if {"zh-CN", "en"} - self.title.keys():
            raise ValueError(f"component {self.name!r} needs a zh-CN and an en title")
        jsonschema.Draft202012Validator.check_schema(self.props_schema)
        unknown = set(self.templates) - set(TARGETS)
        if unknown:
            raise ValueError(f"component {self.name!r} has templates for unknown targets {unknown}")


class ComponentRegistry:
    def __init__(self) -> None:
        self._components: dict[str, ComponentDefinition] = {}

    def add(self, component: ComponentDefinition, plugin: str) -> None:
        component = _with_plugin(component, plugin)
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

    def __contains__(self, name: object) -> bool:
        return name in self._components

    def __len__(self) -> int:
        return len(self._components)


def _with_plugin(component: ComponentDefinition, plugin: str) -> ComponentDefinition:
    from dataclasses import replace

    return replace(component, plugin=plugin)
