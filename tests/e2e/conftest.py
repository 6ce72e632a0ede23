"""Shared end-to-end fixtures (slow): one live ``kaidian demo``, the generated app built ONCE per
target for H5 with the official CLI, each build served on its own 127.0.0.1 origin, and headless
Chromium pages that record console and page errors.

The configuration is the demo shop's own (read from the running demo, pointed at it) plus one
page, ``blocks``, holding every registered page component, core's and every installed plugin's,
and the hostile corpus of tests/e2e/hostile.py (app name, two tab labels, ``hostile_*`` pages).
The uni-app project is built as the admin's H5 preview builds it (storage kept in memory when
the page has none), so the same build also runs as the preview serves it.
A target is built the first time a test asks for it, so a run that only needs uni-app never
waits for Taro.

    def test_something(h5_app, open_h5):
        origin, plan = h5_app("taro")
        with open_h5("taro", "pages/blocks/index") as h5:
            h5.page.wait_for_selector(".kd-block")
            assert h5.errors == []
"""

from __future__ import annotations

import functools
import json
import http.server
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from builder import h5_preview
from builder.generate import generate
from builder.samples import every_registered_component_blocks
from builder.toolchain import build
from tests.builder.h5_browser import CHROMIUM, CHROMIUM_ARGS
from tests.demo_server import DEMO_OWNER, call, running_demo
from tests.e2e.hostile import make_hostile

TARGETS = ("uniapp", "taro")
H5_OUTPUT = {"uniapp": "dist/build/h5", "taro": "dist/h5"}
BLOCKS_ROUTE = "blocks"
# A page whose one block runs an A/B experiment on the demo (issue 18): both variants are
# compiled into the shared builds, and each device sees the one it is assigned.
AB_ROUTE = "ab_test"
AB_BLOCK = "e2e-ab-notice"
AB_TEXTS = {"control": "对照：满 99 元包邮", "b": "实验：今日下单立减 10 元"}
# A page whose block order runs a page experiment: the control is the page (甲 乙 丙), b shows
# 丙 then 甲 and leaves 乙 out; both orders are compiled into the shared builds.
AB_PAGE_ROUTE = "ab_page"
AB_PAGE_BLOCKS = {"e2e-page-1": "甲：新品上架", "e2e-page-2": "乙：限时折扣", "e2e-page-3": "丙：会员专享"}
AB_PAGE_ORDERS = {"control": ["e2e-page-1", "e2e-page-2", "e2e-page-3"], "b": ["e2e-page-3", "e2e-page-1"]}
VIEWPORT = {"width": 390, "height": 844}
# The smallest valid PNG (1×1, transparent): what every image from the internet is answered with,
# since CI has no internet and a broken image would be a console error that is not ours.
PLACEHOLDER_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
# Merchant text that tries to break out of data into code: it must show literally on both targets.
HOSTILE = [
    "{{ constructor.constructor('window.__pwned=1')() }}",
    "</script><script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=1>",
    "${window.__pwned=1}",
    "\"'`quotes`'\"",
    "line\u2028sep\u2029end",
    "../../etc/passwd",
]
HOSTILE_RICH_TEXT = (
    "<p>富文本<script>window.__pwned=1</script><img src=x onerror=window.__pwned=1></p>"
    "<p>实体&amp;lt;&amp;#60;&amp;nbsp;</p>"
)
# What the entities of HOSTILE_RICH_TEXT show as, on both targets (#27 §6)
RICH_TEXT_ENTITIES_SHOWN = "实体&lt;&#60;&nbsp;"
_LOCAL = re.compile(r"^(https?://(127\.0\.0\.1|localhost)(:\d+)?/|data:|blob:|about:)")


# Modules that compare the shared demo's pages with committed pictures run before any module
# that adds offers, pickup points or searches to that demo.
RUN_FIRST = ("test_screenshots.py",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.slow)
            if not CHROMIUM.exists():
                item.add_marker(pytest.mark.skip(reason="needs the Debian chromium package"))
    e2e = [index for index, item in enumerate(items) if "tests/e2e/" in str(item.fspath).replace("\\", "/")]
    if e2e:
        ordered = sorted((items[index] for index in e2e), key=lambda item: item.fspath.basename not in RUN_FIRST)
        for index, item in zip(e2e, ordered):
            items[index] = item


class H5App(NamedTuple):
    """One target's served H5 build: ``origin`` (open ``origin + "/index.html"``) and its plan."""

    origin: str
    plan: Any


@dataclass
class LiveDemo:
    base_url: str
    shop_id: int
    owner_token: str
    config: dict[str, Any]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextmanager
def _serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` (which may not exist yet: it is looked up per request)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def e2e_registries():
    from core.app import create_app

    return create_app().state.registries


@pytest.fixture(scope="session")
def e2e_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def h5_origins(e2e_folder) -> Iterator[dict[str, str]]:
    """One origin per target (separate storage, like two real deployments), started before the
    demo so the demo can allow them through CORS."""
    with _serve(h5_output(e2e_folder, "uniapp")) as uniapp, _serve(h5_output(e2e_folder, "taro")) as taro:
        yield {"uniapp": uniapp, "taro": taro}


@pytest.fixture(scope="session")
def live_demo(e2e_folder, h5_origins) -> Iterator[LiveDemo]:
    """A running ``kaidian demo`` (its own SQLite under the session's folder) whose CORS allows
    both H5 origins; the owner's token and the shop's draft page configuration."""
    folder = e2e_folder / "demo"
    folder.mkdir()
    # Generous: on a loaded CI machine migrating and seeding can take more than a minute.
    env = {"KAIDIAN_CORS_ALLOW_ORIGINS": ",".join(h5_origins.values()), "KAIDIAN_H5_PREVIEW_DIR": str(preview_folder(e2e_folder))}
    with running_demo(folder, env=env, timeout=240) as demo:
        if not (demo.health and demo.health.get("status") == "ok"):
            pytest.fail(f"the demo did not answer /healthz within 240 s (exit code {demo.process.poll()})")
        login = call(f"{demo.base_url}/api/admin/auth/login", DEMO_OWNER)
        state = call(f"{demo.base_url}/api/admin/builder/config", token=login["access_token"])
        yield LiveDemo(demo.base_url, login["shop_id"], login["access_token"], state["draft"]["config"])


def e2e_config(demo: LiveDemo, registries: Any) -> dict[str, Any]:
    """The demo shop's configuration pointed at the live demo, plus the ``blocks`` page: every
    registered component, then notice bars and rich text carrying hostile merchant text; and
    the hostile corpus (``make_hostile``)."""
    config = dict(demo.config)
    config["app"] = dict(config["app"]) | {"api": dict(config["app"].get("api", {})) | {"base_url": demo.base_url, "shop_id": demo.shop_id}}
    pages = [page for page in config["pages"] if page["route"] != BLOCKS_ROUTE]
    blocks = every_registered_component_blocks(registries)
    blocks += [{"type": "notice_bar", "props": {"text": text, "scrollable": False}} for text in HOSTILE]
    blocks.append({"type": "rich_text", "props": {"html": HOSTILE_RICH_TEXT}})
    pages.append({"route": BLOCKS_ROUTE, "title": "全部组件", "components": blocks})
    config["pages"] = pages
    hostile = make_hostile(config, registries)
    ab_page = {"route": AB_ROUTE, "title": "实验页", "components": [{"id": AB_BLOCK, "type": "notice_bar", "props": {"text": AB_TEXTS["control"], "scrollable": False}}]}
    return hostile | {"pages": [*hostile["pages"], ab_page, {"route": AB_PAGE_ROUTE, "title": "页面实验", "components": ab_page_blocks()}]}


def ab_page_blocks() -> list[dict[str, Any]]:
    return [{"id": block, "type": "notice_bar", "props": {"text": text, "scrollable": False}} for block, text in AB_PAGE_BLOCKS.items()]


def ab_experiment_body() -> dict[str, Any]:
    """The block experiment the shared builds carry (a notice bar's copy, 50/50, block CTR)."""
    return {
        "name": "e2e 公告文案",
        "kind": "block",
        "page_route": AB_ROUTE,
        "block_id": AB_BLOCK,
        "component": "notice_bar",
        "goal": "block_ctr",
        "variants": [{"key": key, "weight": 50, "props": {"text": text, "scrollable": False}} for key, text in AB_TEXTS.items()],
        "minimum_sample": 100,
    }


def ab_page_experiment_body() -> dict[str, Any]:
    """The page experiment the shared builds carry (the block order, 50/50, order conversion)."""
    blocks = {block["id"]: block for block in ab_page_blocks()}
    return {
        "name": "e2e 页面顺序",
        "kind": "page",
        "page_route": AB_PAGE_ROUTE,
        "goal": "order_conversion",
        "variants": [{"key": key, "weight": 50, "components": [blocks[one] for one in order]} for key, order in AB_PAGE_ORDERS.items()],
        "minimum_sample": 100,
    }


@dataclass
class _Builds:
    demo: LiveDemo
    registries: Any
    folder: Path
    origins: dict[str, str]
    built: dict[str, H5App] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    ab_experiment: dict[str, Any] | None = None
    ab_page_experiment: dict[str, Any] | None = None

    def _started(self, body: dict[str, Any]) -> dict[str, Any]:
        created = call(f"{self.demo.base_url}/api/admin/experiments", body, token=self.demo.owner_token)
        return call(f"{self.demo.base_url}/api/admin/experiments/{created['id']}/start", {}, token=self.demo.owner_token)

    def variants(self) -> list[dict[str, Any]]:
        """Starts the A/B experiments on the demo (once: a block's and a page's), then asks the
        demo which variants generation compiles in, as the admin's export does."""
        if self.ab_experiment is None:
            self.ab_experiment = self._started(ab_experiment_body())
            self.ab_page_experiment = self._started(ab_page_experiment_body())
        return call(f"{self.demo.base_url}/api/admin/builder/variants", token=self.demo.owner_token)

    def get(self, target: str) -> H5App:
        if target not in self.built:
            project_dir = self.folder / target
            project = generate(e2e_config(self.demo, self.registries), target, project_dir, self.registries, self.variants())
            if target == "uniapp":  # as the admin's H5 preview builds it (a no-op where storage works)
                (project_dir / "index.html").write_text(h5_preview.with_memory_storage(project.files)["index.html"], encoding="utf-8")
            result = build(project_dir, target, "h5", [page.path for page in project.plan.pages])
            if not result.ok:
                pytest.fail(f"{target} H5 build failed ({result.returncode}, missing {result.missing_pages}):\n{result.log[-4000:]}")
            self.seconds[target] = result.seconds
            print(f"\n{target} H5 built once for the session in {result.seconds:.1f}s")
            self.built[target] = H5App(self.origins[target], project.plan)
        return self.built[target]


@pytest.fixture(scope="session")
def h5_builds(live_demo, e2e_registries, e2e_folder, h5_origins) -> _Builds:
    return _Builds(live_demo, e2e_registries, e2e_folder, h5_origins)


def preview_folder(folder: Path) -> Path:
    """The live demo's ``KAIDIAN_H5_PREVIEW_DIR``: builds put there are served as H5 previews."""
    return folder / "h5-previews"


def h5_output(folder: Path, target: str) -> Path:
    """Where ``target``'s H5 build is, under the session's e2e folder."""
    return folder / target / H5_OUTPUT[target]


@pytest.fixture(scope="session")
def h5_app(h5_builds) -> Callable[[str], H5App]:
    """``h5_app("uniapp" | "taro")`` -> ``(origin, plan)``, building that target on first use."""
    return h5_builds.get


@dataclass
class H5Page:
    """A Playwright page on one H5 build, with what went wrong while it was open."""

    page: Any
    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    api_requests: list[str] = field(default_factory=list)
    # Offline pages: the API requests the helper aborted (their console lines are not errors).
    blocked_api: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return self.console_errors + self.page_errors

    def stored(self, key: str) -> Any:
        """A value the app stored with uni.setStorageSync / Taro.setStorageSync (H5: localStorage)."""
        raw = self.page.evaluate(f"() => window.localStorage.getItem({json.dumps(key)})")
        try:
            value = json.loads(raw)
        except (TypeError, ValueError):
            return raw
        return value.get("data") if isinstance(value, dict) and "data" in value else value

    def goto(self, path: str = "") -> None:
        """Open a page path (``pages/cart/index``) through the hash router; "" is the home page."""
        self.page.goto(f"{self.origin}/index.html" + (f"#/{path}" if path else ""))

    def blocks(self) -> list[dict[str, Any]]:
        """Every block guard on the page: id, type, size and whether it shows its error state."""
        return self.page.evaluate(
            """() => Array.from(document.querySelectorAll('.kd-block')).map((node) => {
                const box = node.getBoundingClientRect()
                return { id: node.dataset.blockId, type: node.dataset.blockType, width: box.width, height: box.height,
                         failed: !!node.querySelector('.kd-block__failed'), text: node.innerText.slice(0, 80) }
            })"""
        )


# Module scope, not session: Playwright's sync API keeps an event loop running on this thread
# while it is open, and every async test after the e2e modules would fail to start its own.
@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def open_h5(chromium, h5_app, live_demo) -> Callable[..., Any]:
    """``with open_h5(target, path="", offline=False, locale="zh-CN") as h5:`` a fresh 390×844
    browser context on that target's build. ``offline`` aborts every request to the demo's API
    (the app must still render). Requests to the internet (sample image hosts, the toolchains'
    CDN assets) are answered with a 1×1 PNG, as CI has no internet, or with 404 when
    ``broken_images`` (the app shows its placeholders). ``before_load(page)`` runs before the
    page is opened (to refuse the app's login, say)."""

    @contextmanager
    def open_page(
        target: str, path: str = "", *, offline: bool = False, locale: str = "zh-CN", broken_images: bool = False, before_load: Callable[[Any], None] | None = None
    ) -> Iterator[H5Page]:
        origin, _ = h5_app(target)
        context = chromium.new_context(viewport=VIEWPORT, locale=locale, device_scale_factor=2, is_mobile=True, has_touch=True)
        try:
            page = context.new_page()
            h5 = H5Page(page, origin)

            def on_console(message: Any) -> None:
                if message.type != "error":
                    return
                where = message.location.get("url", "")
                # The browser's own log line for a request this helper aborted is the test's doing.
                if offline and message.text.startswith("Failed to load resource") and where.startswith(live_demo.base_url):
                    h5.blocked_api.append(where)
                else:
                    h5.console_errors.append(f"{message.text} @ {where}")

            page.on("console", on_console)
            page.on("pageerror", lambda error: h5.page_errors.append(f"{error}\n{(error.stack or '')[:800]}"))
            page.on("request", lambda request: request.url.startswith(live_demo.base_url) and h5.api_requests.append(f"{request.method} {request.url}"))
            internet = {"status": 404, "body": b""} if broken_images else {"status": 200, "content_type": "image/png", "body": PLACEHOLDER_PNG}
            context.route(lambda url: not _LOCAL.match(url), lambda route: route.fulfill(**internet))
            if offline:
                context.route(f"{live_demo.base_url}/**", lambda route: route.abort("connectionrefused"))
            if before_load:
                before_load(page)
            h5.goto(path)
            yield h5
        finally:
            context.close()

    return open_page
