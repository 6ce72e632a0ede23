"""The hostile corpus (#27, #30) the shared end-to-end build carries: script, img and svg
payloads, ``</title>``, ``{{ }}``, ``${}``, uni-app's ``#ifdef``/``#endif`` markers in all three
comment forms, entities and string replacement patterns — in the app name, the tab-bar labels,
and pages (``hostile_*``) holding every registered component, core's and each plugin's, with
every free-text prop and every page title taken from it."""

from __future__ import annotations

import itertools
from typing import Any

# Longest first: each field takes the next payload that fits its maxLength.
CORPUS = [
    "</title><svg onload=__pwned=1>",
    "<img src=x onerror=__pwned=1>",
    "<script>__pwned=1</script>",
    "/* #ifdef MP-WEIXIN */隐藏",
    "${__pwned=1}{{__pwned=1}}",
    "<b id=pwn>{{7*7}}</b>",
    "<!-- #ifndef H5 -->藏",
    "<svg/onload=alert(1)>",
    "<%= __pwned=1 %>$'$&",
    "&amp;lt;&#60;实体",
    "// #ifdef APP-PLUS",
    "<!-- #endif -->",
    "/* #endif */",
    "// #endif",
    "<b>粗</b>",
    "{{x}}",
    "${x}",
    "#endif",
    "$`",
]
SHORT_FALLBACK = "<"
IMAGE = "https://img.example.com/kaidian/hostile.jpg"
APP_NAME = "</title><svg onload=__pwned=1>"  # 30 characters, the longest an app name may be
# (label, which demo tab gets it): an HTML payload and a pre-processor marker, 8 characters each
TAB_LABELS = {2: "<b>粗</b>", 3: "我的#endif"}
ROUTE_PREFIX = "hostile_"


def _pick(payloads, max_length: int) -> str:
    if max_length >= 1000:  # rich text and other long fields carry the whole corpus
        return "\n".join(CORPUS)
    for _ in range(len(CORPUS)):
        candidate = next(payloads)
        if len(candidate) <= max_length:
            return candidate
    return SHORT_FALLBACK


def _fill(schema: dict[str, Any], value: Any, payloads) -> Any:
    """``value`` with every free-text string (no enum, no pattern) replaced by a payload."""
    kind = schema.get("type")
    if kind == "string":
        if "enum" in schema or "pattern" in schema:
            return value if value is not None else (IMAGE if "https" in schema.get("pattern", "") else "")
        return _pick(payloads, schema.get("maxLength", 30))
    if kind == "object":
        current = {key: child["default"] for key, child in schema.get("properties", {}).items() if "default" in child}
        current.update(value or {})
        for key, child in schema.get("properties", {}).items():
            if key in current or key in schema.get("required", []) or child.get("type") in ("string", "array", "integer"):
                current[key] = _fill(child, current.get(key), payloads)
        return current
    if kind == "array" and isinstance(schema.get("items"), dict) and schema["items"].get("type") in ("object", "string"):
        items = list(value or [])
        wanted = max(schema.get("minItems", 0), min(2, schema.get("maxItems", 2)))
        if schema["items"].get("type") == "string" and "enum" in schema["items"]:
            return value
        while len(items) < wanted:
            items.append(None)
        return [_fill(schema["items"], item, payloads) for item in items[:max(wanted, 1)]]
    if value is None and kind in ("integer", "number"):
        return schema.get("default", schema.get("minimum", 1))
    return value


def hostile_pages(registries: Any) -> list[dict[str, Any]]:
    """Every page component on a ``hostile_*`` page (four a page, grouped by plugin), every
    free-text prop and title from the corpus; the last page is in a subpackage."""
    payloads = itertools.cycle(CORPUS)
    titles = itertools.cycle(CORPUS)
    by_plugin: dict[str, list] = {}
    for component in registries.components.page_components():
        by_plugin.setdefault(component.plugin or "core", []).append(component)
    pages = []
    for plugin, found in sorted(by_plugin.items()):
        for start in range(0, len(found), 4):
            blocks = [{"type": c.name, "props": _fill(c.props_schema, c.with_defaults({}), payloads)} for c in found[start : start + 4]]
            pages.append({"route": f"{ROUTE_PREFIX}{plugin}_{start // 4}", "title": _pick(titles, 30), "components": blocks})
    pages[-1]["subpackage"] = "hostile"
    return pages


def make_hostile(config: dict[str, Any], registries: Any) -> dict[str, Any]:
    """``config`` with the corpus in its app name, two tab labels and the ``hostile_*`` pages."""
    app = dict(config["app"]) | {"name": APP_NAME}
    tab_bar = dict(app["tab_bar"])
    tab_bar["items"] = [dict(item) | ({"text": TAB_LABELS[index]} if index in TAB_LABELS else {}) for index, item in enumerate(tab_bar["items"])]
    app["tab_bar"] = tab_bar
    return {**config, "app": app, "pages": config["pages"] + hostile_pages(registries)}
