"""Reusable pieces of component props schemas, so every component spells a link or an image alike.

Each helper returns a JSON Schema fragment with a bilingual ``x-title`` and an ``x-widget``
hint for the admin editor. Patterns keep merchant values inside safe character sets where the
value ends up in a URL or an identifier (``link``, ``image_url``).
"""

from __future__ import annotations

from typing import Any

# Where a tap may lead: one of the shop's pages, a product, a category, or nowhere.
LINK_PATTERN = r"^(page:[a-z][a-z0-9_]{0,39}|product:[1-9][0-9]{0,11}|category:[1-9][0-9]{0,11})?$"
# Only https images and videos; no javascript:, data: or protocol-relative tricks. Plain http
# only from this machine (127.0.0.1, localhost): a development server's own media store, such
# as `kaidian demo`'s, so the demo and a local editor work offline.
HTTPS_URL_PATTERN = (
    r"^(https://[A-Za-z0-9.-]+|http://(127\.0\.0\.1|localhost))(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*)?$"
)
COLOR_PATTERN = r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$"


def t(zh: str, en: str) -> dict[str, str]:
    return {"zh-CN": zh, "en": en}


def text(zh: str, en: str, default: str = "", *, max_length: int = 100, widget: str = "text") -> dict[str, Any]:
    return {"type": "string", "maxLength": max_length, "default": default, "x-title": t(zh, en), "x-widget": widget}


def link(zh: str = "跳转链接", en: str = "Link") -> dict[str, Any]:
    return {"type": "string", "pattern": LINK_PATTERN, "default": "", "x-title": t(zh, en), "x-widget": "page-link"}


def image_url(zh: str = "图片", en: str = "Image", *, required: bool = False) -> dict[str, Any]:
    pattern = HTTPS_URL_PATTERN if required else f"(^$)|({HTTPS_URL_PATTERN})"
    schema: dict[str, Any] = {"type": "string", "maxLength": 1000, "pattern": pattern, "x-title": t(zh, en), "x-widget": "image"}
    if not required:
        schema["default"] = ""
    return schema


def boolean(zh: str, en: str, default: bool) -> dict[str, Any]:
    return {"type": "boolean", "default": default, "x-title": t(zh, en), "x-widget": "switch"}


def integer(zh: str, en: str, default: int, minimum: int, maximum: int) -> dict[str, Any]:
    return {
        "type": "integer",
        "default": default,
        "minimum": minimum,
        "maximum": maximum,
        "x-title": t(zh, en),
        "x-widget": "number",
    }


def choice(zh: str, en: str, default: str, labels: dict[str, tuple[str, str]], widget: str = "select") -> dict[str, Any]:
    return {
        "type": "string",
        "enum": list(labels),
        "default": default,
        "x-title": t(zh, en),
        "x-widget": widget,
        "x-enum-labels": {value: t(*label) for value, label in labels.items()},
    }


def color(zh: str, en: str, default: str) -> dict[str, Any]:
    return {"type": "string", "pattern": COLOR_PATTERN, "default": default, "x-title": t(zh, en), "x-widget": "color"}


def items(item_props: dict[str, Any], required: list[str], *, min_items: int, max_items: int, zh: str, en: str, default: list[Any] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "array",
        "minItems": min_items,
        "maxItems": max_items,
        "items": {"type": "object", "properties": item_props, "required": required, "additionalProperties": False},
        "x-title": t(zh, en),
        "x-widget": "list",
    }
    if default is not None:
        schema["default"] = default
    return schema


def props(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }
