"""jsonschema errors as short messages in zh-CN and en, keyed by the failing keyword.

Shared by everything validated against a JSON Schema a merchant fills in: page configurations
(builder) and plugin settings (core)."""

from __future__ import annotations

from typing import Any

from jsonschema import ValidationError

_TYPES = {
    "string": ("文本", "text"),
    "integer": ("整数", "an integer"),
    "number": ("数字", "a number"),
    "boolean": ("开关值", "true or false"),
    "object": ("对象", "an object"),
    "array": ("列表", "a list"),
    "null": ("空值", "null"),
}


def _type_names(expected: Any) -> tuple[str, str]:
    names = expected if isinstance(expected, list) else [expected]
    zh = "或".join(_TYPES.get(name, (name, name))[0] for name in names)
    en = " or ".join(_TYPES.get(name, (name, name))[1] for name in names)
    return zh, en


def field_label(schema: Any, key: str) -> tuple[str, str]:
    """A field as the merchant knows it: its bilingual ``x-title`` (or plain ``title``), else the key."""
    title = schema.get("x-title") or schema.get("title") if isinstance(schema, dict) else None
    if isinstance(title, dict):
        return title.get("zh-CN") or title.get("en") or key, title.get("en") or title.get("zh-CN") or key
    if isinstance(title, str) and title:
        return title, title
    return key, key


# ``x-unit`` of a stored number and how a merchant reads it: money is kept in fen and shown in
# yuan, rates are kept in basis points and shown in percent (the admin's forms do the same).
UNITS: dict[str, tuple[int, str, str]] = {"fen": (100, "元", " yuan"), "bp": (100, "%", "%")}


def in_unit(value: Any, schema: dict[str, Any]) -> tuple[str, str]:
    """``value`` as the merchant reads it, in zh-CN and en: converted for ``fen``/``bp``, with a
    ``{zh-CN, en}`` unit (积分, 天…) written after it, else as it is."""
    declared = schema.get("x-unit") if isinstance(schema, dict) else None
    if isinstance(declared, dict) and isinstance(value, (int, float)):
        return f"{value} {declared.get('zh-CN', '')}".rstrip(), f"{value} {declared.get('en', '')}".rstrip()
    unit = UNITS.get(declared) if isinstance(declared, str) else None
    if unit is None or not isinstance(value, (int, float)):
        return str(value), str(value)
    scale, zh, en = unit
    shown = f"{value / scale:.2f}".rstrip("0").rstrip(".")
    return f"{shown}{zh}", f"{shown}{en}"


def _properties_in_scope(error: ValidationError, root: dict[str, Any] | None) -> dict[str, Any]:
    """The ``properties`` of the object a keyword applies to. A conditional ``then: {required: …}``
    names fields its enclosing schema declares, so the schema path is walked from the root (local
    ``$ref``s followed) and the nearest ``properties`` on the way wins."""
    if "properties" in error.schema or root is None:
        return error.schema.get("properties", {})
    found: dict[str, Any] = {}
    node: Any = root
    for part in list(error.schema_path)[:-1]:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
            target: Any = root
            for step in node["$ref"][2:].split("/"):
                target = target.get(step, {}) if isinstance(target, dict) else {}
            node = target
        if isinstance(node, dict) and isinstance(node.get("properties"), dict):
            found = node["properties"]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    return found


def translate(error: ValidationError, root: dict[str, Any] | None = None) -> dict[str, str]:
    """``root`` is the whole schema validated against, so a field is named by its label even
    when the failing keyword sits in a conditional branch."""
    keyword = error.validator
    value = error.validator_value
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        zh, en = field_label(_properties_in_scope(error, root).get(missing), missing)
        return {"zh-CN": f"请填写{zh}", "en": f"{en} is required"}
    if keyword == "type":
        zh, en = _type_names(value)
        return {"zh-CN": f"应为{zh}", "en": f"Must be {en}"}
    if keyword in ("enum", "const"):
        # every option (a component type list is long, and a name left out looks unsupported)
        # and the value given, clipped so a hostile value cannot flood the message
        options = value if keyword == "enum" else [value]
        listed = ", ".join(str(option) for option in options)
        given = repr(error.instance)
        given = given if len(given) <= 60 else given[:57] + "…"
        return {"zh-CN": f"{given} 不可用，取值应为以下之一：{listed}", "en": f"{given} is not allowed; must be one of: {listed}"}
    if keyword == "minLength":
        return {"zh-CN": "不能为空" if value == 1 else f"至少 {value} 个字符", "en": "Must not be empty" if value == 1 else f"At least {value} characters"}
    if keyword == "maxLength":
        return {"zh-CN": f"最多 {value} 个字符", "en": f"At most {value} characters"}
    if keyword in ("minimum", "exclusiveMinimum"):
        zh, en = in_unit(value, error.schema)
        return {"zh-CN": f"不能小于 {zh}", "en": f"Must be at least {en}"}
    if keyword in ("maximum", "exclusiveMaximum"):
        zh, en = in_unit(value, error.schema)
        return {"zh-CN": f"不能大于 {zh}", "en": f"Must be at most {en}"}
    if keyword == "minItems":
        return {"zh-CN": f"至少需要 {value} 项", "en": f"Needs at least {value} items"}
    if keyword == "maxItems":
        return {"zh-CN": f"最多 {value} 项", "en": f"At most {value} items"}
    if keyword == "uniqueItems":
        return {"zh-CN": "列表中有重复项", "en": "The list has duplicates"}
    if keyword == "pattern":
        return {"zh-CN": "格式不正确", "en": "Has the wrong format"}
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        extra = ", ".join(sorted(set(error.instance) - set(error.schema.get("properties", {})))) if isinstance(error.instance, dict) else ""
        return {"zh-CN": f"不允许的字段：{extra}", "en": f"Unknown fields: {extra}"}
    return {"zh-CN": "取值不合法", "en": error.message}
