"""The customer runtime: one copy per generated project, and the only code that talks HTTP,
pays or touches the session token; every component (core's or a plugin's) goes through it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.generate import render_project
from builder.render import TEMPLATES_ROOT
from builder.samples import demo_config
from builder.targets import RUNTIME_FILES

RAW_CALLS = {
    "request": (re.compile(r"\b(uni|Taro)\.request\("), "src/runtime/transport.js"),
    "payment": (re.compile(r"\b(uni|Taro)\.requestPayment\("), "src/runtime/pay.js"),
    "token": (re.compile(r"kaidian_token\b"), "src/runtime/session.js"),
}


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_runtime_is_generated_and_owns_http_payment_and_session(target, registries):
    files = render_project(demo_config(), target, registries).files
    for name in RUNTIME_FILES:
        assert f"src/{name}" in files
    for what, (pattern, owner) in RAW_CALLS.items():
        users = sorted(path for path, content in files.items() if pattern.search(content))
        assert users == [owner], (what, users)
    # Each target's runtime calls its own platform API only.
    other = "Taro." if target == "uniapp" else "uni."
    assert not any(other in files[f"src/{name}"] for name in RUNTIME_FILES)


def test_no_component_template_hand_rolls_requests_or_payment(registries):
    """Every registered component's templates (core's and every plugin's) use the runtime."""
    offenders = []
    for component in registries.components.all():
        for key, template in component.templates.items():
            path = Path(template) if Path(template).is_absolute() else TEMPLATES_ROOT / template
            text = path.read_text(encoding="utf-8")
            for what, (pattern, _owner) in RAW_CALLS.items():
                if pattern.search(text):
                    offenders.append(f"{component.plugin}:{component.name} ({key}) {what}")
    assert offenders == []


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_every_page_reports_its_views_and_every_block_its_exposures_and_clicks(target, registries):
    """Analytics goes through the runtime: each page (the merchant's and every system page)
    calls usePageView with its own route; the block guard watches its block with the platform's
    intersection observer; the app flushes the queue when it hides."""
    project = render_project(demo_config(), target, registries)
    files, ext = project.files, ".jsx" if target == "taro" else ".vue"
    pages = [path for path in files if path.endswith(f"/index{ext}") and "/pages/" in path]
    assert len(pages) > 10
    for path in pages:
        route = path[len("src/"):-len(ext)]
        merchant = f"src/{route.rsplit('/', 1)[0]}/page.js" in files
        if merchant:
            assert "usePageView(page.path, { share: true })" in files[path], path
            assert f'"path": "{route}"' in files[f"src/{route.rsplit('/', 1)[0]}/page.js"]
        else:
            assert f'usePageView("{route}")' in files[path], path
    guard = next(content for path, content in files.items() if "kd-block" in path and path.endswith(ext))
    observer = "Taro.createIntersectionObserver(" if target == "taro" else "uni.createIntersectionObserver("
    assert observer in guard and "blockExposed(" in guard and "blockClicked(" in guard
    app = files["src/app.js" if target == "taro" else "src/App.vue"]
    assert "appHidden()" in app
    analytics = files["src/runtime/analytics.js"]
    assert "/events'" in analytics and "SESSION_MS = 30 * 60 * 1000" in analytics and "BATCH = 50" in analytics


# Fields the bundled plugins read from their part of the checkout body.
PLUGIN_CHECKOUT_FIELDS = ("coupon_ids", "points_to_redeem", "bargain_id", "pickup_point_id", "group_buy")


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_the_checkout_page_names_no_plugin_field(target, registries):
    """The page builds its body with the runtime's checkoutBody/mergePart; each checkout section
    contributes its own plugin's part (plugins.<plugin>), so the page knows none of them (nor a
    plugin's shipping method)."""
    files = render_project(demo_config(), target, registries).files
    page = next(content for path, content in files.items() if path.endswith(("/pages/checkout/index.vue", "/pages/checkout/index.jsx")))
    assert "checkoutBody(" in page and "mergePart(" in page
    assert [field for field in PLUGIN_CHECKOUT_FIELDS if field in page] == []
    assert "'pickup'" not in page  # a section choosing its shipping method says whether it needs an address
    for plugin in ("coupons", "points", "community_group"):
        assert f"contribute('{plugin}'" in page


def test_checkout_body_helpers_merge_parts_and_drop_empty_values(tmp_path, registries):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    files = render_project(demo_config(), "uniapp", registries).files
    (tmp_path / "checkout.mjs").write_text(files["src/runtime/checkout.js"], encoding="utf-8")
    script = """
import assert from 'node:assert/strict'
import { checkoutBody, mergePart } from './checkout.mjs'
let parts = mergePart({}, 'coupons', { coupon_ids: [] })
parts = mergePart(parts, 'points', { points_to_redeem: 500 })
assert.deepEqual(parts, { coupons: { coupon_ids: [] }, points: { points_to_redeem: 500 } })
const before = parts
parts = mergePart(parts, 'points', { points_to_redeem: null })
assert.deepEqual(parts, { coupons: { coupon_ids: [] } })
assert.deepEqual(before.points, { points_to_redeem: 500 })  // a new object: the old one is kept as it was
parts = mergePart(parts, 'community_group', { pickup_point_id: 4, note: '' })
assert.deepEqual(parts.community_group, { pickup_point_id: 4 })
const lines = [{ sku_id: 1, quantity: 2 }]
assert.deepEqual(checkoutBody({ lines, note: '', shipping_method: '', address_id: null }, {}), { lines })
assert.deepEqual(
  checkoutBody({ lines, note: 'hi', shipping_method: 'pickup' }, parts),
  { lines, note: 'hi', shipping_method: 'pickup', plugins: parts }
)
console.log('ok')
"""
    (tmp_path / "check.mjs").write_text(script, encoding="utf-8")
    completed = subprocess.run([node, "check.mjs"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0 and completed.stdout.strip() == "ok", completed.stdout + completed.stderr


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_the_checkout_page_asks_the_sections_subscribe_templates_on_the_tap(target, registries):
    """Subscribe-message consent is generic: the page asks for whatever template ids the preview's
    sections name, on the tap that places the order, and reports the answer with the order."""
    files = render_project(demo_config(), target, registries).files
    page = next(content for path, content in files.items() if path.endswith(("/pages/checkout/index.vue", "/pages/checkout/index.jsx")))
    submit = page[page.index("function submit()"):]
    asked = submit.index("askSubscribe(subscribeTemplateIds(")
    assert asked < submit.index("await "), "asked before the first await: WeChat shows its dialog only from a tap"
    assert asked < submit.index(".place(") < submit.index("reportSubscribe(await consent, order.id)") < submit.index("payOrder(")
    assert "feedback" not in page


SUBSCRIBE_CHECK = """
import assert from 'node:assert/strict'
import { askSubscribe, reportSubscribe, subscribeTemplateIds, SUBSCRIBE_LIMIT } from './subscribe.mjs'
import { posted } from './request.mjs'
const asked = []
let answer = (options) => options.success({ a: 'accept', b: 'reject', errMsg: 'requestSubscribeMessage:ok' })
globalThis.API.requestSubscribeMessage = (options) => { asked.push(options.tmplIds); answer(options) }
if (globalThis.KD_H5) {
  assert.deepEqual(await askSubscribe(['a']), {})
  assert.deepEqual(asked, [], 'H5 never asks')
} else {
  assert.deepEqual(await askSubscribe([]), {})
  assert.deepEqual(asked, [], 'no ids, no dialog')
  assert.deepEqual(await askSubscribe(['a', 'a', 'b', '', null, 'c', 'd']), { a: 'accept', b: 'reject' })
  assert.deepEqual(asked, [['a', 'b', 'c']], 'each id once, three at most')
  assert.equal(SUBSCRIBE_LIMIT, 3)
  answer = (options) => options.fail({ errMsg: 'requestSubscribeMessage:fail cancel' })
  assert.deepEqual(await askSubscribe(['a']), {})
  answer = () => { throw new Error('no such API here') }
  assert.deepEqual(await askSubscribe(['a']), {})
}
await reportSubscribe({}, 5)
assert.deepEqual(posted, [], 'nothing granted or refused: nothing to report')
await reportSubscribe({ a: 'accept' }, 5)
await reportSubscribe({ a: 'reject' })
assert.deepEqual(posted, [
  ['/api/shop/subscriptions', { results: { a: 'accept' }, order_id: 5 }, { silent: true }],
  ['/api/shop/subscriptions', { results: { a: 'reject' }, order_id: null }, { silent: true }],
])
globalThis.FAIL_POST = true
assert.equal(await reportSubscribe({ a: 'accept' }, 6), undefined, 'a failed report resolves')
assert.deepEqual(subscribeTemplateIds({ coupons: { usable: [] }, feedback: { subscribe_template_ids: ['a'] }, other: { subscribe_template_ids: ['a', 'b'] }, none: null }), ['a', 'b'])
assert.deepEqual(subscribeTemplateIds(undefined), [])
console.log('ok')
"""


@pytest.mark.parametrize("target", ["uniapp", "taro"])
@pytest.mark.parametrize("h5", [False, True])
def test_ask_subscribe_never_rejects_and_reports_in_the_background(tmp_path, registries, target, h5):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    source = render_project(demo_config(), target, registries).files["src/runtime/subscribe.js"]
    source = source.replace("import Taro from '@tarojs/taro'", "const Taro = globalThis.API")
    source = source.replace("'./platform.js'", "'./platform.mjs'").replace("'./request.js'", "'./request.mjs'")
    if target == "uniapp":
        source = "const uni = globalThis.API\n" + source
    (tmp_path / "subscribe.mjs").write_text(source, encoding="utf-8")
    (tmp_path / "platform.mjs").write_text("export const IS_H5 = !!globalThis.KD_H5\n", encoding="utf-8")
    (tmp_path / "request.mjs").write_text(
        "export const posted = []\n"
        "export function post(path, data, options) {\n"
        "  if (globalThis.FAIL_POST) return Promise.reject(new Error('offline'))\n"
        "  posted.push([path, data, options]); return Promise.resolve(null)\n}\n",
        encoding="utf-8",
    )
    prelude = f"globalThis.API = {{}}\nglobalThis.KD_H5 = {'true' if h5 else 'false'}\n"
    (tmp_path / "prelude.mjs").write_text(prelude, encoding="utf-8")
    (tmp_path / "check.mjs").write_text("import './prelude.mjs'\n" + SUBSCRIBE_CHECK, encoding="utf-8")
    completed = subprocess.run([node, "check.mjs"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0 and completed.stdout.strip() == "ok", completed.stdout + completed.stderr


LINK_CHECK = """
import assert from 'node:assert/strict'
import routes from './routes.mjs'
import { linkUrl, openLink, outsideUrl } from './link.mjs'
const calls = []
for (const name of ['navigateTo', 'switchTab', 'setClipboardData']) globalThis.API[name] = (options) => { calls.push([name, options.url || options.data]); options.success && options.success() }
// a plugin's linkable record opens its app page with ?id=
assert.equal(linkUrl('coupon:5'), routes.system.coupon_center + '?id=5')
assert.equal(linkUrl('coupon:x'), '')
assert.equal(linkUrl('gift_card:5'), '', 'a kind the app does not know leads nowhere')
openLink('coupon:5')
assert.deepEqual(calls.splice(0), [['navigateTo', routes.system.coupon_center + '?id=5']])
// outside links: https to a listed host only (exactly that host)
assert.equal(outsideUrl('url:https://m.example.com/sale?a=1'), 'https://m.example.com/sale?a=1')
assert.equal(outsideUrl('url:https://M.Example.com'), 'https://M.Example.com')
for (const bad of ['url:http://m.example.com/', 'url:https://evil.example.net/', 'url:https://m.example.com.evil.net/', 'url:https://shop.m.example.com/', 'url:javascript:alert(1)', 'page:home', '']) {
  assert.equal(outsideUrl(bad), '', bad)
}
openLink('url:https://evil.example.net/')
assert.deepEqual(calls.splice(0), [], 'a refused address opens nothing')
assert.deepEqual(globalThis.TOASTS.splice(0), ['link_refused'])
openLink('url:https://m.example.com/sale')
if (globalThis.KD_H5) {
  assert.equal(globalThis.window.location.href, 'https://m.example.com/sale')
  assert.deepEqual(calls, [])
  assert.deepEqual(globalThis.TOASTS, [])
} else {
  assert.deepEqual(calls, [['setClipboardData', 'https://m.example.com/sale']], 'a mini-program copies the address')
  assert.deepEqual(globalThis.TOASTS, ['link_copied'])
}
console.log('ok')
"""


@pytest.mark.parametrize("target", ["uniapp", "taro"])
@pytest.mark.parametrize("h5", [False, True])
def test_open_link_opens_a_coupon_and_only_allowed_outside_addresses(tmp_path, registries, target, h5):
    """``coupon:<id>`` opens the coupons plugin's page with ``?id=``; ``url:https://…`` goes there
    on H5, is copied with a toast in a mini-program, and is refused off the allow-list."""
    config = demo_config()
    config["app"]["link_domains"] = ["m.example.com"]
    files = render_project(config, target, registries).files
    source = files["src/utils/link.js"].replace("import Taro from '@tarojs/taro'", "const Taro = globalThis.API")
    source = source.replace("'@/routes.js'", "'./routes.mjs'").replace("'@/locale/index.js'", "'./locale.mjs'").replace("'@/runtime/platform.js'", "'./platform.mjs'")
    if target == "uniapp":
        source = "const uni = globalThis.API\n" + source
    prelude = f"globalThis.API = {{}}\nglobalThis.TOASTS = []\nglobalThis.KD_H5 = {'true' if h5 else 'false'}\nglobalThis.window = {{ location: {{ href: '' }} }}\n"
    _run_node(tmp_path, {
        "link.mjs": source,
        "routes.mjs": files["src/routes.js"],
        "locale.mjs": "export const t = (key) => key\nexport const localized = (value) => value\n",
        "platform.mjs": "export const IS_H5 = !!globalThis.KD_H5\nexport function toast(message) { globalThis.TOASTS.push(message) }\n",
        "prelude.mjs": prelude,
    }, "import './prelude.mjs'\n" + LINK_CHECK)


BATCH_CHECK = """
import assert from 'node:assert/strict'
import { batch } from './client.mjs'
import { posted } from './request.mjs'
// A page's blocks and an overlay asking in the same tick: one request, each caller its own ids.
const [page, overlay] = await Promise.all([
  batch([{ id: 'b0', source: 'products.list', params: { limit: 4 } }, { id: 'b1', source: 'coupons.claimable', params: {} }]),
  batch([{ id: 'b0', source: 'ads.serve', params: { slot: 'popup' } }, { id: 'again', source: 'products.list', params: { limit: 4 } }], { force: true }),
])
assert.equal(posted.length, 1, 'one request')
assert.deepEqual(posted[0].requests.map((item) => item.source), ['products.list', 'coupons.claimable', 'ads.serve'], 'the same read once')
assert.deepEqual(page.b0.data, { source: 'products.list' })
assert.deepEqual(page.b1.data, { source: 'coupons.claimable' })
assert.deepEqual(overlay.b0.data, { source: 'ads.serve' })
assert.deepEqual(overlay.again.data, { source: 'products.list' })
// A later call reads the cache, unless forced.
await batch([{ id: 'x', source: 'products.list', params: { limit: 4 } }])
assert.equal(posted.length, 1)
await batch([{ id: 'x', source: 'products.list', params: { limit: 4 } }], { force: true })
assert.equal(posted.length, 2)
// More reads than the server takes at once: split, still answered.
const many = await batch(Array.from({ length: 5 }, (_, index) => ({ id: 'm' + index, source: 'n', params: { index } })))
assert.deepEqual(posted.slice(2).map((body) => body.requests.length), [3, 2])
assert.equal(Object.keys(many).length, 5)
// A failed request answers every waiting read with a network error.
globalThis.FAIL = true
const failed = await batch([{ id: 'f', source: 'fails', params: {} }])
assert.deepEqual(failed.f, { ok: false, error: { code: 'network' } })
console.log('ok')
"""


def test_reads_asked_in_the_same_tick_share_one_batch_request(tmp_path, registries):
    """The ads overlay's reads go with the page's: the client queues reads to the end of the
    tick and sends them in one ``POST /api/shop/batch``, each caller keeping its own ids."""
    source = render_project(demo_config(), "uniapp", registries).files["src/api/client.js"]
    source = source.replace("'@/api/settings.js'", "'./settings.mjs'").replace("'@/runtime/request.js'", "'./request.mjs'").replace("'@/runtime/analytics.js'", "'./analytics.mjs'")
    _run_node(tmp_path, {
        "client.mjs": source,
        "settings.mjs": "export default { shopId: 1, cacheSeconds: 30, batchLimit: 3 }\n",
        "analytics.mjs": "export function rememberAssignments() {}\nexport function visitId() { return 'v' }\n",
        "request.mjs": (
            "export const posted = []\n"
            "export async function request(method, path, options) {\n"
            "  if (globalThis.FAIL) throw new Error('offline')\n"
            "  posted.push(options.data)\n"
            "  return { results: Object.fromEntries(options.data.requests.map((item) => [item.id, { ok: true, data: { source: item.source } }])) }\n}\n"
        ),
    }, BATCH_CHECK)

def _run_node(folder: Path, modules: dict[str, str], script: str) -> None:
    """Write ``modules`` (name -> source) and ``script`` into ``folder`` and run the script with
    node: it must print ``ok``."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    for name, source in modules.items():
        (folder / name).write_text(source, encoding="utf-8")
    (folder / "check.mjs").write_text(script, encoding="utf-8")
    completed = subprocess.run([node, "check.mjs"], cwd=folder, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0 and completed.stdout.strip() == "ok", completed.stdout + completed.stderr
