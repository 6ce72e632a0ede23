"""Reusable pieces of component props schemas, so every component spells a link or an image alike.

Each helper returns a JSON Schema fragment with a bilingual ``x-title`` and an ``x-widget``
hint for the admin editor. Patterns keep merchant values inside safe character sets where the
value ends up in a URL or an identifier (``link``, ``image_url``).
"""

from __future__ import annotations

import re
from typing import Any

# Where a tap may lead: one of the shop's pages (``page:<route>``), a record of a linkable
# reference kind (``product:12``, ``category:3``, a plugin's ``coupon:5``: see
# ``kaidian_register_reference_kinds``), an https address on the shop's allow-list
# (``url:https://…``, the app's ``link_domains``), or nowhere. Which kinds exist and which hosts
# are allowed is checked against the shop when the configuration or campaign is saved.
LINK_URL = r"url:https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?"
LINK_PATTERN = rf"^(page:[a-z][a-z0-9_]{{0,39}}|[a-z][a-z0-9_]{{0,39}}:[1-9][0-9]{{0,11}}|{LINK_URL})?$"
LINK_MAX_LENGTH = 500
# A host the shop allows outside links to: lower-case, at least one dot, no port.
LINK_DOMAIN_PATTERN = r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$"
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
    return {"type": "string", "pattern": LINK_PATTERN, "maxLength": LINK_MAX_LENGTH, "default": "", "x-title": t(zh, en), "x-widget": "page-link"}


def link_url_host(link: str) -> str | None:
    """The host of an outside link (``url:https://host/…``), lower-cased; None for other links."""
    if not link.startswith("url:https://"):
        return None
    rest = link[len("url:https://") :]
    return re.split(r"[:/?#]", rest, maxsplit=1)[0].lower()


def link_url_allowed(link: str, domains: list[str]) -> bool:
    """Whether an outside link goes to a host on the shop's allow-list (exactly: a listed
    ``example.com`` does not allow ``shop.example.com``)."""
    host = link_url_host(link)
    return host is not None and host in {domain.lower() for domain in domains}


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
