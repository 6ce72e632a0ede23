"""Base classes for request/response schemas."""

from __future__ import annotations

import functools
import types
import typing
from datetime import date, datetime
from typing import Any

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    FutureDate,
    FutureDatetime,
    NaiveDatetime,
    PastDate,
    PastDatetime,
    ValidationInfo,
    field_validator,
)


# Ids are positive and 32-bit on MySQL/PostgreSQL (Tortoise's IntField primary keys): a larger
# id names nothing, and handing it to the driver would fail with a server error instead of a 4xx.
LARGEST_ID = 2**31 - 1


LARGEST_BIG_INT = 2**63 - 1


def is_id_field(name: str) -> bool:
    return name == "id" or name.endswith(("_id", "_ids"))


def int_limit(name: str) -> int:
    """The largest magnitude an integer named ``name`` may have: money (``*_fen``) is stored in
    64-bit columns, everything else (ids, counts, sort keys) in 32-bit ones."""
    return LARGEST_BIG_INT if name.endswith(("_fen", "_fens")) else LARGEST_ID


# Text never holds the NUL character (PostgreSQL cannot store it: a 500 there): bodies refuse it
# with 422 naming the field, and the document's string patterns say so.
NO_NUL = r"^[^\u0000]*$"
NON_BLANK_NO_NUL = r"^[^\u0000]*[^\u0000\s][^\u0000]*$"


def _state_trimming(schema: dict[str, Any]) -> None:
    """Strings are trimmed before their length is checked, so a required text of blanks only is
    refused: the schema says so with a pattern asking for one non-blank character."""
    for prop in schema.get("properties", {}).values():
        for branch in [prop, *prop.get("anyOf", [])]:
            if branch.get("type") == "string" and branch.get("minLength", 0) >= 1 and not {"pattern", "format", "enum"} & branch.keys():
                branch["pattern"] = NON_BLANK_NO_NUL


class WriteModel(BaseModel):
    """Request bodies: unknown fields are refused (422 naming the field), strings trimmed, and a
    JSON value of the wrong type is refused rather than coerced (``true`` is not the number 1,
    ``0`` is not a date) — the OpenAPI schema promises exactly that."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, json_schema_extra=lambda schema, _: _state_trimming(schema))

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_coerced_json_types(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        if field and not _holds_models(field.annotation) and _holds_nul(value):  # a model checks its own
            raise ValueError("text must not contain the NUL character (\\u0000)")
        expected = _scalar_type(field.annotation) if field else None
        if expected is None or value is None:
            return value
        values = value if isinstance(value, list) and expected[1] else [value]
        for item in values:
            if expected[0] in (int, float) and isinstance(item, bool):
                raise ValueError("expected a number, not true/false")
            if expected[0] in (int, float) and isinstance(item, str):  # pydantic would read "2" as 2
                raise ValueError("expected a number, not text")
            if expected[0] is bool and not isinstance(item, bool):
                raise ValueError("expected true or false")
            if expected[0] is int and isinstance(item, (int, float)):
                limit = int_limit(info.field_name or "")
                if item > limit:
                    raise ValueError(f"Input should be less than or equal to {limit}")
                if item < -limit - 1:
                    raise ValueError(f"Input should be greater than or equal to {-limit - 1}")
            if expected[0] in (date, datetime) and isinstance(item, (int, float)):
                raise ValueError("expected a date as text (YYYY-MM-DD or ISO 8601)")
        return value


def _holds_nul(value: Any) -> bool:
    # A walk with its own stack: a body nested hundreds deep (the editor's props) must reach the
    # depth check that names it, not end the request in a RecursionError (500).
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
    return False


@functools.cache
def _holds_models(annotation: Any) -> bool:
    """Whether values of ``annotation`` contain pydantic models (``list[Item] | None``...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    arguments = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        arguments = arguments[:1]
    elif typing.get_origin(annotation) is typing.Literal:
        return False
    return any(_holds_models(argument) for argument in arguments)


@functools.cache
def _scalar_type(annotation: Any) -> tuple[type, bool] | None:
    """``(int, False)`` for ``int | None``, ``(int, True)`` for ``list[int]``; None for the rest."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _scalar_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        found = [_scalar_type(arg) for arg in typing.get_args(annotation) if arg is not type(None)]
        return found[0] if len(found) == 1 else None
    if origin is list:
        inner = _scalar_type(typing.get_args(annotation)[0]) if typing.get_args(annotation) else None
        return (inner[0], True) if inner and not inner[1] else None
    if annotation in (bool, int, float, date, datetime):
        return (annotation, False)
    if annotation in (AwareDatetime, NaiveDatetime, FutureDatetime, PastDatetime):
        return (datetime, False)  # pydantic's datetime kinds are classes of their own, not datetime's
    if annotation in (FutureDate, PastDate):
        return (date, False)
    return None


def settable(model: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """An update body's ``changes`` (``model_dump(exclude_unset=True)``) without the nulls that
    ``model`` (a Tortoise model class) cannot store: the document admits null for every optional
    field, and null means "unchanged" for a column that always holds a value (as leaving the field
    out does); it clears only a column that may be empty. Names that are not columns pass as given."""
    columns = model._meta.fields_map
    return {name: value for name, value in changes.items() if value is not None or name not in columns or columns[name].null}


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def closed_body_schema_plugin():
    """Litestar's pydantic OpenAPI schema plugin, documenting what ``WriteModel`` enforces too:
    no unknown fields (``additionalProperties: false``) and every constraint, so clients and
    contract tests see the real rule.

    It stands in for Litestar's own ``PydanticSchemaPlugin`` (an app given any instance of that
    class leaves the default one out), so it documents every pydantic model and type, open ones
    (answers, ``ReadModel``) included: a narrower plugin leaves them all documented as ``{}``."""
    from litestar.plugins.pydantic import PydanticSchemaPlugin

    class ClosedBodySchemaPlugin(PydanticSchemaPlugin):
        def to_openapi_schema(self, field_definition, schema_creator):  # type: ignore[no-untyped-def]
            schema = super().to_openapi_schema(field_definition, schema_creator)
            annotation = field_definition.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation.model_config.get("extra") == "forbid":
                schema.additional_properties = False
                copy_constraints(annotation, schema)
            return schema

    return ClosedBodySchemaPlugin()


# Constraints Litestar leaves out of the OpenAPI schema when they sit on ``Field(pattern=...)``,
# on list items (``list[Annotated[int, Field(ge=1)]]``) or on an optional field's value.
_CONSTRAINTS = ("pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength")


def copy_constraints(model: type[BaseModel], schema: Any) -> None:
    """Take each property's constraints from pydantic's own JSON Schema of the model, so the
    document states every rule ``WriteModel`` enforces (ids' 32-bit ceiling included)."""
    from litestar.openapi.spec import Schema

    properties = model.model_json_schema(mode="validation").get("properties", {})
    for name, source in properties.items():
        target = (schema.properties or {}).get(name)
        if not isinstance(target, Schema):
            continue
        _copy_array_bounds(source, target)
        for source_part, target_part in _value_parts(source, target):
            if source_part.get("type") == "integer":
                limit = int_limit(name)
                source_part = {"minimum": -limit - 1, **source_part, "maximum": min(source_part.get("maximum", limit), limit)}
            if source_part.get("type") == "string" and not {"pattern", "format", "enum", "const"} & source_part.keys():
                source_part = {**source_part, "pattern": NO_NUL}
            for key in _CONSTRAINTS:
                attribute = {"minLength": "min_length", "maxLength": "max_length", "exclusiveMinimum": "exclusive_minimum", "exclusiveMaximum": "exclusive_maximum"}.get(key, key)
                if key in source_part and getattr(target_part, attribute, None) is None:
                    setattr(target_part, attribute, source_part[key])


def _copy_array_bounds(source: dict[str, Any], target: Any) -> None:
    from litestar.openapi.spec import Schema

    variants = [source, *[part for part in source.get("anyOf", []) if part.get("type") == "array"]]
    targets = [target, *[part for part in (target.one_of or target.any_of or []) if isinstance(part, Schema)]]
    for source_part in variants:
        if source_part.get("type") != "array":
            continue
        for target_part in targets:
            if target_part.type == "array" or getattr(target_part.type, "value", None) == "array":
                for key, attribute in (("minItems", "min_items"), ("maxItems", "max_items")):
                    if key in source_part and getattr(target_part, attribute, None) is None:
                        setattr(target_part, attribute, source_part[key])


def _value_parts(source: dict[str, Any], target: Any) -> list[tuple[dict[str, Any], Any]]:
    """Pairs of (pydantic schema, Litestar schema) for the value itself: through arrays' items
    and through the non-null variant of an optional value."""
    from litestar.openapi.spec import Schema

    if source.get("type") in ("string", "integer", "number"):
        return [(source, target)]
    if source.get("type") == "array" and isinstance(source.get("items"), dict) and isinstance(target.items, Schema):
        return _value_parts(source["items"], target.items)
    variants = [part for part in source.get("anyOf", []) if part.get("type") != "null"]
    targets = [part for part in (target.one_of or target.any_of or []) if isinstance(part, Schema) and part.type != "null"]
    if len(variants) == 1 and len(targets) == 1:
        return _value_parts(variants[0], targets[0])
    if len(variants) == 1 and not targets:
        return _value_parts(variants[0], target)
    return []
