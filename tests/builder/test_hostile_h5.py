"""Issues #27 and #30, end to end (slow): merchant text stays inert text in both H5 builds.

One configuration carries a hostile corpus (script, img and svg payloads, ``</title>``,
``{{ }}``, ``${}``, uni-app's ``#ifdef``/``#endif`` markers in all three comment forms, string
replacement patterns) in the app name, every page title, the tab-bar labels and every free-text
prop of every registered component, core's and each plugin's. It is built once per target with
the official CLI (uni-app H5, Taro H5); every page is opened in Chromium, which must run no
payload, show no dialog and hold no injected element, while the titles and labels show as the
merchant typed them and no page vanished. The uni-app build is opened a second time the way
the admin's H5 preview serves it (sandboxed, opaque origin, in-memory storage).
"""

from __future__ import annotations

import copy
import functools
import http.server
import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from builder import h5_preview
from builder.config import validate_config
from builder.generate import generate
from builder.toolchain import build
from tests.builder.h5_browser import CHROMIUM, chromium_page, serving

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CHROMIUM.exists(), reason="needs the Debian chromium package")]

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


def _payloads():
    return itertools.cycle(CORPUS)


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


def hostile_config(registries) -> dict[str, Any]:
    """Every page component on a page of its own (one per plugin and a few for core)."""
    payloads = _payloads()
    components = registries.components
    by_plugin: dict[str, list] = {}
    for component in components.page_components():
        by_plugin.setdefault(component.plugin or "core", []).append(component)
    pages = []
    titles = itertools.cycle(CORPUS)
    for plugin, found in sorted(by_plugin.items()):
        for start in range(0, len(found), 4):
            blocks = []
            for component in found[start : start + 4]:
                props = _fill(component.props_schema, component.with_defaults({}), payloads)
                blocks.append({"type": component.name, "props": props})
            title = _pick(titles, 30)
            pages.append({"route": f"{plugin}_{start // 4}", "title": title, "components": blocks})
    pages[-1]["subpackage"] = "extra"
    if pages[-1] is pages[0]:
        raise AssertionError("need at least two pages")
    tab_bar = {"items": [{"page": pages[0]["route"], "text": "<b>粗</b>"}, {"page": pages[1]["route"], "text": "#endif"}]}
    config = {
        "schema_version": 1,
        "app": {
            "name": "</title><svg onload=__pwned=1>",
            "theme": "default",
            "api": {"base_url": "http://127.0.0.1:9", "shop_id": 1},
            "tab_bar": tab_bar,
        },
        "pages": pages,
    }
    errors = validate_config(config, components, list(registries.themes))
    # links the corpus cannot reach (patterned) keep their defaults; anything else is a bug here
    assert errors == [], errors[:5]
    return config


# Elements or attributes merchant text would create if it were parsed as HTML.
INJECTED = """() => {
  const found = []
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) found.push(element.tagName + '[' + attribute.name + ']')
    }
    if (element.id === 'pwn') found.push(element.tagName + '#pwn')
  }
  for (const script of document.scripts) if (script.textContent.includes('__pwned')) found.push('script')
  return found
}"""


@contextmanager
def serving_as_preview(folder: Path) -> Iterator[str]:
    """``folder`` served the way kaidian serves an admin's H5 preview (``PREVIEW_HEADERS``)."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            for name, value in h5_preview.PREVIEW_HEADERS.items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _built(tmp_path_factory, registries, target: str) -> tuple[Path, dict[str, Any], Any]:
    config = hostile_config(registries)
    project_dir = tmp_path_factory.mktemp(target)
    project = generate(copy.deepcopy(config), target, project_dir, registries)
    if target == "uniapp":  # built as the admin's H5 preview builds it, so it also runs sandboxed
        (project_dir / "index.html").write_text(h5_preview.with_memory_storage(project.files)["index.html"], encoding="utf-8")
    result = build(project_dir, target, "h5", [page.path for page in project.plan.pages])
    assert result.ok, result.log[-3000:]
    return result.output_dir, config, project


@pytest.fixture(scope="module")
def uniapp_h5(tmp_path_factory, registries):
    return _built(tmp_path_factory, registries, "uniapp")


@pytest.fixture(scope="module")
def taro_h5(tmp_path_factory, registries):
    return _built(tmp_path_factory, registries, "taro")


def _visit_every_page(output_dir: Path, config: dict[str, Any], project, title_text: str, tab_label: str, *, server=serving) -> None:
    dialogs: list[str] = []
    shown_titles: dict[str, tuple[str, str]] = {}
    tab_labels: list[str] = []
    with server(output_dir) as origin, chromium_page() as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for planned in [item for item in project.plan.pages if not item.system]:
            page.goto(f"{origin}/index.html#/{planned.path}")
            page.wait_for_selector(".kd-page", state="attached", timeout=30000)
            page.wait_for_timeout(300)  # image errors and title updates settle
            assert page.evaluate("typeof window.__pwned") == "undefined", f"a payload ran on {planned.path}"
            if server is serving_as_preview:
                assert page.evaluate("window.origin") == "null"
            injected = page.evaluate(INJECTED)
            assert injected == [], f"{planned.path}: {injected}"
            shown_titles[planned.route] = (page.title(), page.locator(title_text).first.inner_text() if title_text else "")
            if not tab_labels and page.locator(tab_label).count():
                tab_labels = [text.strip() for text in page.locator(tab_label).all_inner_texts()]
        body = page.locator("body").inner_text()
    assert dialogs == []
    for route_page in config["pages"]:
        browser_title, bar_title = shown_titles[route_page["route"]]
        assert browser_title == route_page["title"], (route_page["route"], browser_title)
        if title_text:
            assert bar_title.strip() == route_page["title"], (route_page["route"], bar_title)
    assert tab_labels == [item["text"] for item in config["app"]["tab_bar"]["items"]]
    assert "&lt;" not in body and "&#" not in body.replace("&#60;", ""), body[:500]


def test_uniapp_h5_shows_hostile_text_as_text(uniapp_h5):
    output_dir, config, project = uniapp_h5
    html = (output_dir / "index.html").read_text(encoding="utf-8")
    assert "<svg" not in html and "&lt;/title&gt;&lt;svg onload=__pwned=1&gt;" in html
    _visit_every_page(output_dir, config, project, ".uni-page-head__title", ".uni-tabbar__label")
    # the same build as the admin's H5 preview serves it: a sandboxed, opaque origin
    _visit_every_page(output_dir, config, project, ".uni-page-head__title", ".uni-tabbar__label", server=serving_as_preview)


def test_taro_h5_shows_hostile_text_as_text(taro_h5):
    output_dir, config, project = taro_h5
    html = (output_dir / "index.html").read_text(encoding="utf-8")
    assert "<svg" not in html
    # Taro H5 hides its navigation bar (the title shows in the browser tab) but still fills it
    _visit_every_page(output_dir, config, project, "", ".weui-tabbar__label")
