"""jsonschema errors as short messages in zh-CN and en, keyed by the failing keyword."""

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


def translate(error: ValidationError) -> dict[str, str]:
    keyword = error.validator
    value = error.validator_value
    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        return {"zh-CN": f"缺少必填项 {missing}", "en": f"{missing} is required"}
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
        return {"zh-CN": f"不能小于 {value}", "en": f"Must be at least {value}"}
    if keyword in ("maximum", "exclusiveMaximum"):
        return {"zh-CN": f"不能大于 {value}", "en": f"Must be at most {value}"}
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
