"""The Jinja2 environment of the generators: fixed templates, autoescape on, merchant data only
ever passed in as values and written through context-aware filters.

Delimiters are ``[[ ]]`` / ``[% %]`` / ``[# #]`` so Vue's ``{{ }}`` and JSX braces pass through.
In ``.vue``/``.html`` output autoescape covers markup; in JS and JSON the ``js`` filter writes a
JSON literal with ``<``, ``>``, ``&``, quotes, U+2028 and U+2029 escaped, so a value can close
neither a string nor a ``<script>`` element.

``#`` is escaped too (``\u0023`` in JS/JSON, ``&#35;`` in HTML): uni-app's pre-processor reads
``// #ifdef``, ``/* #endif */`` and ``<!-- #ifndef -->`` as build directives anywhere in a
source file, string literals included, so merchant text must never spell one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

TEMPLATES_ROOT = Path(__file__).resolve().parent.parent / "miniprogram_templates"
_SAFE_IDENTIFIER = re.compile(r"^(--)?[A-Za-z_][A-Za-z0-9_-]{0,80}$")
_SAFE_CSS_VALUE = re.compile(r"^(#[0-9a-fA-F]{3,8}|[0-9]{1,4}(rpx|px|%)?)$")
_JS_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "#": "\\u0023",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def to_js(value: Any, indent: int | None = None) -> Markup:
    """A JSON literal safe inside JS source, JSON files and HTML ``<script>`` blocks."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent, separators=None if indent else (",", ":"))
    for raw, escaped in _JS_ESCAPES.items():
        text = text.replace(raw, escaped)
    return Markup(text)


def js_literal(value: Any, indent: int | None = None) -> str:
    """``to_js`` as a plain string, for building files in Python (Markup would escape the rest)."""
    return str(to_js(value, indent))


_HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "#": "&#35;", "$": "&#36;"}


def html_text(value: Any) -> str:
    """Text escaped for an HTML text or attribute context that a toolchain copies verbatim.

    For the fields a toolchain pastes into HTML itself (uni-app's ``manifest.h5.title`` goes
    into ``<title>`` through ``String.replace``, so ``$`` is escaped as well; Taro H5 sets page
    titles with ``innerHTML``). ``#`` is escaped for the pre-processor, as in ``to_js``.
    """
    return "".join(_HTML_ESCAPES.get(char, char) for char in str(value))


def html_filter(value: Any) -> Markup:
    return Markup(html_text(value))


def identifier(value: str) -> Markup:
    if not isinstance(value, str) or not _SAFE_IDENTIFIER.match(value):
        raise ValueError(f"unsafe identifier {value!r}")
    return Markup(value)


def css_value(value: Any) -> Markup:
    text = str(value)
    if not _SAFE_CSS_VALUE.match(text):
        raise ValueError(f"unsafe CSS value {text!r}")
    return Markup(text)


def pascal(name: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[-_]", name) if part)


class _Loader(jinja2.BaseLoader):
    """Templates under ``miniprogram_templates`` plus the absolute template paths that registered
    components declare (plugins ship their templates in their own packages)."""

    def __init__(self, extra: set[str]) -> None:
        self.files = jinja2.FileSystemLoader(str(TEMPLATES_ROOT))
        self.extra = extra

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        if template in self.extra:
            path = Path(template)
            source = path.read_text(encoding="utf-8")
            mtime = path.stat().st_mtime
            return source, str(path), lambda: path.stat().st_mtime == mtime
        return self.files.get_source(environment, template)


def make_environment(extra_templates: set[str] | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_Loader(extra_templates or set()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
    )
    env.filters.update(js=to_js, html=html_filter, ident=identifier, css=css_value, pascal=pascal)
    return env
