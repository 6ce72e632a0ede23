"""How the admin editor's phone canvas draws every component: one contract for core and plugins.

A component's ``templates["preview"]`` is an HTML file with Vue template syntax (not Jinja),
shipped beside its uni-app and Taro templates (``preview/<name>.html``). The admin compiles it
at run time with Vue's template compiler, because plugins are installed after the admin is
built and so cannot be compiled into its bundle. The template sees:

- ``config``: the block's props with defaults, after the component's ``prepare`` (so rich text
  arrives as the builder's sanitised node tree, exactly as the mini-program gets it);
- ``data``: what the component's ``data_source`` answers for those props, read through the
  same data sources as ``POST /api/shop/batch`` (as a guest: no customer), or null;
- ``problem``: why there is no data (the source's own message, "the plugin is disabled",
  "given by the page's link parameter id", …), or null; ``loading`` while it is being read;
- helpers ``yuan(fen)``, ``label({"zh-CN", "en"})``, ``t(zh, en)``, ``px(rpx)``, ``locale``;
- elements ``<kd-image :src :alt>`` (a placeholder when empty or broken), ``<kd-rich-text
  :nodes>`` (renders a sanitised node tree as elements and text) and ``<kd-note>`` (a grey
  line saying why something is missing).

Merchant text only ever reaches the page through ``{{ }}`` and attribute bindings, which Vue
escapes; a template that could write raw HTML (``v-html``, ``innerHTML``, ``srcdoc``, script or
style elements) is refused when the component registers. Its CSS is the component's ``style``
template rendered for the web (rpx halved into px: the canvas is 375 px wide for 750 rpx).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from builder.render import TEMPLATES_ROOT, make_environment

# Substrings (compared lower-case) a preview template may not contain: ways to write raw HTML or
# run script that would bypass Vue's escaping of merchant text.
FORBIDDEN = ("v-html", "innerhtml", "inner-html", "outerhtml", "srcdoc", "<script", "<style", "<iframe", "javascript:")
MAX_PREVIEW_CHARS = 20_000
_RPX = re.compile(r"(-?\d+(?:\.\d+)?)rpx")


def template_path(path: str) -> Path:
    candidate = Path(path)
    return candidate if candidate.is_absolute() else TEMPLATES_ROOT / candidate


def check_preview_template(name: str, path: str) -> None:
    """Raise ``ValueError`` unless ``path`` holds a usable, safe preview template."""
    file = template_path(path)
    if not file.is_file():
        raise ValueError(f"component {name!r}: preview template {str(file)!r} does not exist")
    text = file.read_text(encoding="utf-8")
    if not text.strip() or len(text) > MAX_PREVIEW_CHARS:
        raise ValueError(f"component {name!r}: preview template must be 1–{MAX_PREVIEW_CHARS} characters")
    lowered = text.lower()
    for word in FORBIDDEN:
        if word in lowered:
            raise ValueError(
                f"component {name!r}: preview template may not use {word!r}; merchant text is shown "
                "through {{ }} and bindings only (rich text through <kd-rich-text :nodes>)"
            )


def web_css(css: str) -> str:
    """Mini-program CSS for the 375 px canvas: 750 rpx is the phone's width."""
    return _RPX.sub(lambda match: f"{float(match.group(1)) / 2:g}px", css)


@functools.lru_cache(maxsize=256)
def _read(path: str, style: str | None, mtime: float) -> dict[str, str]:
    css = ""
    if style:
        env = make_environment({style} if Path(style).is_absolute() else set())
        css = web_css(env.get_template(style).render(unit="rpx"))
    return {"template": template_path(path).read_text(encoding="utf-8"), "style": css}


def preview_entry(component: Any) -> dict[str, str] | None:
    """``{"template", "style"}`` of a component's editor preview, or None when it has none."""
    path = component.templates.get("preview")
    if not path:
        return None
    return _read(path, component.templates.get("style"), template_path(path).stat().st_mtime)


# ---- live data for the canvas ---------------------------------------------------------------

_QUERY = "$query."
_PROBLEMS = {
    "unknown_component": ("没有这个组件（插件未安装？）", "No such component (is its plugin installed?)"),
    "invalid_props": ("设置有误：{reason}", "Settings are invalid: {reason}"),
    "query_param": ("顾客打开页面时由链接参数 {name} 决定", "Given by the page link's parameter {name} when a customer opens it"),
}


def _problem(code: str, locale: str, **values: str) -> str:
    zh, en = _PROBLEMS[code]
    return (en if locale == "en" else zh).format(**values)


def _query_param(params: Any) -> str | None:
    """The first ``$query.name`` placeholder in ``params`` (filled from the page link at run time)."""
    values = params.values() if isinstance(params, dict) else params if isinstance(params, list) else [params]
    for value in values:
        if isinstance(value, str) and value.startswith(_QUERY):
            return value[len(_QUERY):]
        if isinstance(value, dict | list):
            found = _query_param(value)
            if found:
                return found
    return None


async def preview_blocks(
    blocks: list[dict[str, Any]],
    registries: Any,
    enabled_plugins: frozenset[str],
    shop_id: int,
    request: Any,
    locale: str,
) -> dict[str, dict[str, Any]]:
    """Per block id: ``{config, data, problem}`` as the canvas draws it (see the module doc).

    Data sources are read as a guest would (``request.user`` is None while they run), so the
    canvas never shows a staff account's view as a customer's.
    """
    from core.storefront.batch import read_source

    results: dict[str, dict[str, Any]] = {}
    user = request.scope.get("user")
    request.scope["user"] = None
    try:
        for block in blocks:
            component = registries.components.get(block["type"])
            if component is None:
                results[block["id"]] = {"config": {}, "data": None, "problem": _problem("unknown_component", locale)}
                continue
            try:
                props = component.with_defaults(component.upgrade_props(block.get("props") or {}, block.get("version") or component.schema_version))
                config = component.runtime_props(props)
                wanted = component.data_request(props)
            except (ValueError, TypeError, KeyError) as error:
                results[block["id"]] = {"config": {}, "data": None, "problem": _problem("invalid_props", locale, reason=str(error)[:200])}
                continue
            data, problem = None, None
            if wanted is not None:
                placeholder = _query_param(wanted["params"])
                if placeholder:
                    problem = _problem("query_param", locale, name=placeholder)
                else:
                    answer = await read_source(
                        registries.data_sources, enabled_plugins, wanted["source"], shop_id, wanted["params"], request, locale
                    )
                    data = answer.data if answer.ok else None
                    problem = None if answer.ok else answer.error.message
            results[block["id"]] = {"config": config, "data": data, "problem": problem}
    finally:
        request.scope["user"] = user
    return results
