"""Plugins' parts of the checkout body (``kaidian_register_checkout_inputs``).

A checkout or checkout-preview body carries ``plugins``: plugin name → that plugin's part, an
object checked against the JSON Schema the plugin registered. Core knows no plugin's fields: it
validates each part, refuses a part for a plugin it does not know or that the shop switched
off, and hands the parts to the pricing context (``context.inputs``) and to
``kaidian_reserve_for_order`` (``inputs``).

Fields that used to sit at the top of the body (``coupon_ids``, ``points_to_redeem``…) are
still taken for one release: a plugin names them as ``deprecated_fields`` when it registers,
core moves them into its part, and the answer carries a ``Deprecation`` header (RFC 9745) with
a ``Link`` saying what to send instead.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError

from core.errors import InvalidInput

PLUGIN_NAME_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
# When the top-level plugin fields were deprecated (RFC 9745: "@" + seconds since the epoch).
DEPRECATED_SINCE = "@1796342400"  # 2026-12-04T00:00:00Z
DEPRECATION_LINK = "/schema"


@dataclass(frozen=True)
class CheckoutInput:
    """One plugin's part of the checkout body."""

    plugin: str
    schema: dict[str, Any]
    validator: Draft202012Validator
    # old top-level field → the key of the part it fills (None: its value is the whole part)
    deprecated_fields: dict[str, str | None] = field(default_factory=dict)


@dataclass
class ParsedInputs:
    """The validated parts by plugin name, and each deprecated field used → what replaces it."""

    parts: dict[str, dict[str, Any]]
    deprecated: dict[str, str]

    def deprecation_headers(self) -> dict[str, str]:
        """RFC 9745 ``Deprecation`` plus a ``Link`` whose title says what to send instead."""
        if not self.deprecated:
            return {}
        advice = "; ".join(f"{old} is deprecated, send {new}" for old, new in sorted(self.deprecated.items()))
        return {
            "Deprecation": DEPRECATED_SINCE,
            "Link": f'<{DEPRECATION_LINK}>; rel="deprecation"; type="text/html"; title="{advice}"',
        }


class CheckoutInputs:
    """The registered parts; ``parse`` turns a body's ``plugins`` (and old top-level fields)
    into validated parts or a 422 naming ``plugins.<name>.<field>``."""

    def __init__(self) -> None:
        self.by_plugin: dict[str, CheckoutInput] = {}
        self.deprecated_fields: dict[str, CheckoutInput] = {}

    def add(self, plugin: str, schema: Any, deprecated_fields: dict[str, str | None] | None = None) -> None:
        """Register ``plugin``'s part; ``ValueError`` naming the plugin when it is not valid."""
        if plugin in self.by_plugin:
            raise ValueError(f"plugin {plugin!r} registered its checkout input twice; register one schema")
        if not isinstance(schema, dict) or schema.get("type") != "object":
            raise ValueError(f"plugin {plugin!r}: a checkout input's schema is a JSON Schema of type 'object'")
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as error:
            raise ValueError(f"plugin {plugin!r}: invalid checkout input schema: {error.message}") from None
        entry = CheckoutInput(plugin, copy.deepcopy(schema), Draft202012Validator(schema), dict(deprecated_fields or {}))
        for name in entry.deprecated_fields:
            if name in self.deprecated_fields:
                other = self.deprecated_fields[name].plugin
                raise ValueError(f"plugin {plugin!r}: the deprecated checkout field {name!r} is already plugin {other!r}'s")
        self.by_plugin[plugin] = entry
        self.deprecated_fields.update({name: entry for name in entry.deprecated_fields})

    # -- the request ------------------------------------------------------------------------

    def parse(self, parts: dict[str, Any], top_level: dict[str, Any], enabled: frozenset[str]) -> ParsedInputs:
        """Validate a body's ``plugins`` object; ``top_level`` are the body's fields core does
        not declare (old plugin fields, or mistakes: 422 ``unknown_field``)."""
        parts = copy.deepcopy(parts)
        deprecated: dict[str, str] = {}
        origins: dict[tuple[str, str | None], str] = {}
        for name, value in top_level.items():
            entry = self.deprecated_fields.get(name)
            if entry is None:
                raise InvalidInput(
                    "unknown_field", field=name, reason={"zh-CN": "不允许的字段", "en": "this field is not allowed"}
                )
            if value is None:
                continue
            key = entry.deprecated_fields[name]
            new = f"plugins.{entry.plugin}" + (f".{key}" if key else "")
            part = parts.setdefault(entry.plugin, {})
            if key is None:
                if part not in ({}, value):
                    raise given_twice(name, new)
                parts[entry.plugin] = value
            else:
                if not isinstance(part, dict):
                    continue  # the part itself is refused below
                if key in part and part[key] != value:
                    raise given_twice(name, new)
                part[key] = value
            deprecated[name] = new
            origins[(entry.plugin, key)] = name
        for plugin, part in parts.items():
            entry = self.by_plugin.get(plugin)
            if entry is None:
                raise InvalidInput("unknown_plugin", field=f"plugins.{plugin}", plugin=plugin)
            if plugin not in enabled:
                raise InvalidInput("plugin_disabled", field=f"plugins.{plugin}", plugin=plugin)
            errors = sorted(entry.validator.iter_errors(part), key=lambda error: [str(step) for step in error.absolute_path])
            if errors:
                raise invalid_part(plugin, errors, origins)
        return ParsedInputs(parts, deprecated)

    # -- the OpenAPI document ---------------------------------------------------------------

    def openapi_schema(self) -> dict[str, Any]:
        """The ``plugins`` property: one property per registered part, nothing else."""
        return {
            "type": "object",
            "description": "Each plugin's part of the checkout, by plugin name (kaidian_register_checkout_inputs); "
            "a part of a plugin the shop switched off is refused with 422 plugin_disabled.",
            "properties": {plugin: copy.deepcopy(entry.schema) for plugin, entry in sorted(self.by_plugin.items())},
            "additionalProperties": False,
        }

    def deprecated_properties(self) -> dict[str, dict[str, Any]]:
        """The old top-level fields, each marked deprecated with its replacement."""
        properties = {}
        for name, entry in sorted(self.deprecated_fields.items()):
            key = entry.deprecated_fields[name]
            schema = entry.schema if key is None else entry.schema.get("properties", {}).get(key, {})
            properties[name] = {
                **copy.deepcopy(schema),
                "deprecated": True,
                "description": f"Deprecated: send plugins.{entry.plugin}" + (f".{key}" if key else "") + " instead.",
            }
        return properties


def given_twice(old: str, new: str) -> InvalidInput:
    return InvalidInput(
        field=old,
        reason={"zh-CN": f"{old} 与 {new} 重复，只需传 {new}", "en": f"{old} repeats {new} with another value; send {new} only"},
    )


def path_text(steps: list[Any]) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in steps)


def invalid_part(plugin: str, errors: list[ValidationError], origins: dict[tuple[str, str | None], str]) -> InvalidInput:
    """422 naming each bad value as ``plugins.<plugin>.<path>`` (or the deprecated field it
    came from) and why, in both languages."""
    items = []
    for error in errors:
        steps = list(error.absolute_path)
        code, reason, extra = reading(error)
        steps += extra
        key = steps[0] if steps and isinstance(steps[0], str) else None
        if (plugin, key) in origins:
            name = origins[(plugin, key)] + path_text(steps[1:])
        elif (plugin, None) in origins:
            name = origins[(plugin, None)] + path_text(steps)
        else:
            name = f"plugins.{plugin}" + path_text(steps)
        items.append({"field": name, "message": reason, "code": code})
    first = items[0]
    return InvalidInput(
        first.pop("code"), field=first["field"], reason=first["message"],
        errors=[{key: value for key, value in item.items() if key != "code"} for item in items],
    )


TYPE_NAMES = {
    "object": ("对象", "an object"), "array": ("列表", "a list"), "string": ("文本", "text"),
    "integer": ("整数", "a whole number"), "number": ("数字", "a number"), "boolean": ("true 或 false", "true or false"),
}


def reading(error: ValidationError) -> tuple[str, dict[str, str], list[Any]]:
    """(code, reason, extra path steps) for one JSON Schema error, worded for people."""
    keyword, limit = error.validator, error.validator_value
    if keyword == "required":
        missing = next((name for name in limit if isinstance(error.instance, dict) and name not in error.instance), "")
        return "missing_field", {"zh-CN": "必填", "en": "is required"}, [missing]
    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        unexpected = sorted(name for name in error.instance if name not in allowed)
        return "unknown_field", {"zh-CN": "不允许的字段", "en": "this field is not allowed"}, unexpected[:1]
    if keyword == "type":
        wanted = limit if isinstance(limit, str) else limit[0]
        zh, en = TYPE_NAMES.get(wanted, (wanted, wanted))
        return "validation_failed", {"zh-CN": f"应为{zh}", "en": f"must be {en}"}, []
    words = {
        "minimum": ("不能小于 {0}", "must be at least {0}"),
        "maximum": ("不能大于 {0}", "must be at most {0}"),
        "minLength": ("至少 {0} 个字符", "needs at least {0} characters"),
        "maxLength": ("最多 {0} 个字符", "allows at most {0} characters"),
        "minItems": ("至少 {0} 项", "needs at least {0} items"),
        "maxItems": ("最多 {0} 项", "allows at most {0} items"),
        "uniqueItems": ("不能有重复项", "must not repeat an item"),
        "pattern": ("格式不正确", "has the wrong format"),
        "enum": ("不是可选的值：{0}", "is not one of the allowed values: {0}"),
    }.get(str(keyword))
    if words:
        shown = ", ".join(map(str, limit)) if isinstance(limit, list) else limit
        return "validation_failed", {"zh-CN": words[0].format(shown), "en": words[1].format(shown)}, []
    return "validation_failed", {"zh-CN": "取值不合法", "en": error.message}, []


async def checkout_choices(host: Any, registered: CheckoutInputs, shop_id: int, data: Any) -> tuple[dict[str, Any], ParsedInputs]:
    """A checkout body (``CheckoutCreate``) as ``place_order``/``quote_order`` keywords, and
    what was parsed (for the deprecation headers). The order keeps the address by id: its text
    stays encrypted in the address book, not copied into orders."""
    parsed = registered.parse(data.plugins, dict(data.model_extra or {}), await host.enabled_for_shop(shop_id))
    shipping: dict[str, Any] = {"method": data.shipping_method}
    if data.address_id is not None:
        shipping["address_id"] = data.address_id
    return {"shipping": shipping, "inputs": parsed.parts}, parsed


def checkout_schema_plugin(registered: CheckoutInputs) -> Any:
    """An OpenAPI schema plugin for the checkout body: closed like every ``WriteModel``, with
    ``plugins`` listing each registered part and the deprecated top-level fields marked so."""
    from litestar.plugins.pydantic import PydanticSchemaPlugin

    from core.schemas import copy_constraints
    from core.trade.schemas import CheckoutCreate

    class CheckoutSchemaPlugin(PydanticSchemaPlugin):
        def is_plugin_supported_field(self, field_definition: Any) -> bool:
            return field_definition.annotation is CheckoutCreate

        def to_openapi_schema(self, field_definition: Any, schema_creator: Any) -> Any:
            schema = super().to_openapi_schema(field_definition, schema_creator)
            schema.additional_properties = False
            copy_constraints(CheckoutCreate, schema)
            # Raw JSON Schema dicts: the document is JSON Schema 2020-12 (OpenAPI 3.1), so a
            # plugin's schema goes in as it registered it.
            schema.properties = {
                **(schema.properties or {}), "plugins": registered.openapi_schema(), **registered.deprecated_properties()
            }
            return schema

    return CheckoutSchemaPlugin()
