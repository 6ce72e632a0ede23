"""What a plugin declares about itself."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

PLUGIN_NAME_PATTERN = r"^[a-z][a-z0-9_]{1,48}$"
# Stored units the admin converts for people: money kept in fen is shown and typed in 元, a rate
# kept in basis points in %. Any other unit is a bilingual suffix ({"zh-CN": "天", "en": "days"}).
CONVERTED_UNITS = ("fen", "bp")


def setting(
    kind: str,
    default: Any,
    title: tuple[str, str],
    description: tuple[str, str] | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    unit: str | tuple[str, str] | None = None,
) -> dict[str, Any]:
    """One property of a settings schema, with what the admin's form shows of it: a title and a
    help text in zh-CN and en (``x-title``, ``x-description``) and a unit (``x-unit``)."""
    schema: dict[str, Any] = {"type": kind, "default": default, "x-title": {"zh-CN": title[0], "en": title[1]}}
    if description:
        schema["x-description"] = {"zh-CN": description[0], "en": description[1]}
    if minimum is not None:
        schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    if unit is not None:
        schema["x-unit"] = unit if isinstance(unit, str) else {"zh-CN": unit[0], "en": unit[1]}
    return schema


class PluginManifest(BaseModel):
    """Put one of these at ``manifest`` in the module your ``kaidian.plugins`` entry point names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=PLUGIN_NAME_PATTERN)
    version: str
    title: dict[str, str] = Field(description='{"zh-CN": "…", "en": "…"}')
    description: dict[str, str] = Field(default_factory=dict)
    requires_core: str = Field(default="", description="PEP 440 range, e.g. '>=0.1,<1'")
    settings_schema: dict[str, Any] = Field(
        default_factory=lambda: {"type": "object", "properties": {}, "additionalProperties": False}
    )
    depends_on: tuple[str, ...] = ()
    enabled_by_default: bool = True
    operator_settings: tuple[str, ...] = Field(
        default=(),
        description="top-level settings that operators may change; switching the plugin on or off "
        "and every other setting are for the shop owner",
    )

    @field_validator("title")
    @classmethod
    def _title_in_both_languages(cls, value: dict[str, str]) -> dict[str, str]:
        missing = {"zh-CN", "en"} - value.keys()
        if missing:
            raise ValueError(f"title needs {', '.join(sorted(missing))}")
        return value

    @field_validator("requires_core")
    @classmethod
    def _valid_range(cls, value: str) -> str:
        try:
            SpecifierSet(value)
        except InvalidSpecifier as exc:
            raise ValueError(f"not a version range: {value!r}") from exc
        return value

    @field_validator("settings_schema")
    @classmethod
    def _valid_schema(cls, value: dict[str, Any]) -> dict[str, Any]:
        jsonschema.Draft202012Validator.check_schema(value)
        for key, spec in value.get("properties", {}).items():
            unit = spec.get("x-unit") if isinstance(spec, dict) else None
            if isinstance(unit, str) and unit not in CONVERTED_UNITS:
                raise ValueError(f"setting {key}: x-unit is one of {', '.join(CONVERTED_UNITS)} or a {{zh-CN, en}} suffix")
            for hint in ("x-title", "x-description"):
                text = spec.get(hint) if isinstance(spec, dict) else None
                if text is not None and (not isinstance(text, dict) or {"zh-CN", "en"} - text.keys()):
                    raise ValueError(f"setting {key}: {hint} needs zh-CN and en")
        return value

    @field_validator("depends_on")
    @classmethod
    def _valid_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            if not re.match(PLUGIN_NAME_PATTERN, name):
                raise ValueError(f"not a plugin name: {name!r}")
        return value

    @model_validator(mode="after")
    def _operator_settings_exist(self) -> PluginManifest:
        unknown = set(self.operator_settings) - set(self.settings_schema.get("properties", {}))
        if unknown:
            raise ValueError(f"operator_settings names settings the schema lacks: {', '.join(sorted(unknown))}")
        return self

    def core_accepts(self, core_version: str) -> bool:
        return SpecifierSet(self.requires_core).contains(core_version, prereleases=True)

    def settings_defaults(self) -> dict[str, Any]:
        properties = self.settings_schema.get("properties", {})
        return {key: spec["default"] for key, spec in properties.items() if "default" in spec}
