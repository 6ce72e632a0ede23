"""The admin's H5 preview: refused without the toolchain, one build per shop at a time, served
under a per-shop random URL that another shop's token never reveals; and (slow) a real build
of a shop's draft with the official uni-app CLI, served by kaidian itself."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from builder import h5_preview, toolchain
from core.testing import add_staff

BASE = "/api/admin/builder/h5-preview"


@pytest.fixture
def preview_dir(tmp_path, monkeypatch):
    folder = tmp_path / "previews"
    monkeypatch.setenv("KAIDIAN_H5_PREVIEW_DIR", str(folder))
    return folder


def _fake_installed_toolchain(root):
    """A toolchain folder whose stamp matches the pins (what ``ensure_toolchain`` leaves)."""
    stamp = toolchain.toolchain_stamp("uniapp")
    modules = root / "uniapp" / "node_modules"
    modules.mkdir(parents=True)
    (modules / toolchain.STAMP).write_text(stamp + "\n")


async def test_refused_without_the_toolchain(kaidian_client, shop, preview_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("KAIDIAN_TOOLCHAIN_DIR", str(tmp_path / "no-toolchain"))
    state = await kaidian_client.get(BASE, headers=shop.owner)
    assert state.status_code == 200 and state.json()["status"] == "none" and state.json()["toolchain_installed"] is False
    refused = await kaidian_client.post(BASE, json={}, headers=shop.owner)
    assert refused.status_code == 409 and refused.json()["field"] == "toolchain", refused.text
    assert not preview_dir.exists() or not any(preview_dir.iterdir())


async def test_one_build_per_shop_and_only_managers_start_one(kaidian_client, shop, preview_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("KAIDIAN_TOOLCHAIN_DIR", str(tmp_path / "toolchains"))
    _fake_installed_toolchain(tmp_path / "toolchains")
    # a build of this shop is under way (its lock is held)
    (preview_dir / str(shop.shop_id)).mkdir(parents=True)
    (preview_dir / str(shop.shop_id) / "building.lock").touch()
    busy = await kaidian_client.post(BASE, json={"source": "draft"}, headers=shop.owner)
    assert busy.status_code == 409 and busy.json()["field"] == "source", busy.text
    # nothing published yet
    published = await kaidian_client.post(BASE, json={"source": "published"}, headers=shop.owner)
    assert published.status_code == 409 and published.json()["field"] == "source"
    bad = await kaidian_client.post(BASE, json={"source": "elsewhere"}, headers=shop.owner)
    assert bad.status_code == 422 and "source" in bad.text
    service = await add_staff(kaidian_client, shop, "customer_service")
    assert (await kaidian_client.post(BASE, json={}, headers=service)).status_code == 403
    assert (await kaidian_client.get(BASE, headers=service)).status_code == 200
    assert (await kaidian_client.get(BASE, headers=shop.customer)).status_code == 403


async def test_another_shop_sees_no_preview_of_this_one(kaidian_client, two_shops, preview_dir):
    a, b = two_shops
    # shop A has a finished build
    h5_preview._write_state(a.shop_id, {"status": "ready", "token": "tokenA1", "source": "draft", "version": 1,
                                        "started_at": "2026-01-01T00:00:00+00:00", "finished_at": "2026-01-01T00:03:00+00:00"})
    (preview_dir / str(a.shop_id) / "tokenA1" / "assets").mkdir(parents=True)
    (preview_dir / str(a.shop_id) / "tokenA1" / "index.html").write_text("<html>A</html>")
    (preview_dir / str(a.shop_id) / "tokenA1" / "assets" / "app.js").write_text("console.log('A')")
    (preview_dir / str(a.shop_id) / "state.json").touch()

    own = (await kaidian_client.get(BASE, headers=a.owner)).json()
    assert own["status"] == "ready" and own["url"] == f"/h5-preview/{a.shop_id}/tokenA1/index.html"
    other = (await kaidian_client.get(BASE, headers=b.owner)).json()
    assert other["status"] == "none" and other["url"] is None

    served = await kaidian_client.get(own["url"])
    assert served.status_code == 200 and served.text == "<html>A</html>" and served.headers["content-type"].startswith("text/html")
    script = await kaidian_client.get(f"/h5-preview/{a.shop_id}/tokenA1/assets/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    for path in (
        f"/h5-preview/{b.shop_id}/tokenA1/index.html",  # A's token under B's id
        f"/h5-preview/{a.shop_id}/wrong/index.html",
        f"/h5-preview/{a.shop_id}/tokenA1/missing.js",
        f"/h5-preview/{a.shop_id}/tokenA1/..%2F..%2Fstate.json",
        f"/h5-preview/{a.shop_id}/..%2F{a.shop_id}/state.json",
    ):
        assert (await kaidian_client.get(path)).status_code == 404, path


async def test_share_link_and_qr_of_the_ready_build(kaidian_client, two_shops, preview_dir):
    a, b = two_shops
    assert (await kaidian_client.get(f"{BASE}/share", headers=a.owner)).status_code == 404  # nothing built yet
    h5_preview._write_state(a.shop_id, {"status": "ready", "token": "tokenQR", "source": "draft", "version": 1,
                                        "started_at": "2026-01-01T00:00:00+00:00", "finished_at": "2026-01-01T00:03:00+00:00"})
    share = await kaidian_client.get(f"{BASE}/share", headers=a.owner)
    assert share.status_code == 200, share.text
    body = share.json()
    assert body["url"].startswith("http") and body["url"].endswith(f"/h5-preview/{a.shop_id}/tokenQR/index.html")
    assert body["qr_svg"].startswith("<svg") and "<path" in body["qr_svg"]
    # another shop gets no link to it
    assert (await kaidian_client.get(f"{BASE}/share", headers=b.owner)).status_code == 404


@pytest.mark.slow
async def test_a_real_build_of_the_draft_is_served(kaidian_client, shop, preview_dir):
    if not h5_preview.toolchain_installed():
        pytest.skip("the uni-app toolchain is not installed (kaidian build --check installs it)")
    started = await kaidian_client.post(BASE, json={"source": "draft"}, headers=shop.owner)
    assert started.status_code == 202 and started.json()["status"] == "building", started.text
    again = await kaidian_client.post(BASE, json={}, headers=shop.owner)
    assert again.status_code == 409
    deadline = time.monotonic() + 900
    while (state := (await kaidian_client.get(BASE, headers=shop.owner)).json())["status"] == "building":
        assert time.monotonic() < deadline, "the H5 build did not finish"
        await asyncio.sleep(2)
    assert state["status"] == "ready", state.get("error")
    page = await kaidian_client.get(state["url"])
    assert page.status_code == 200 and "<div id=\"app\">" in page.text.replace("'", '"')
    assert state["seconds"] > 0


async def test_previews_are_served_as_a_sandboxed_origin(kaidian_client, shop, preview_dir):
    h5_preview._write_state(shop.shop_id, {"status": "ready", "token": "tok", "source": "draft", "version": 1})
    (preview_dir / str(shop.shop_id) / "tok").mkdir(parents=True)
    (preview_dir / str(shop.shop_id) / "tok" / "index.html").write_text("<html></html>")
    served = await kaidian_client.get(f"/h5-preview/{shop.shop_id}/tok/index.html")
    policy = served.headers["content-security-policy"]
    assert policy.startswith("sandbox allow-scripts") and "allow-same-origin" not in policy
    assert served.headers["x-content-type-options"] == "nosniff"
    # the preview build keeps its storage in memory: a sandboxed document has none
    files = h5_preview.with_memory_storage({"index.html": "<html><head><title>x</title></head></html>"})
    assert files["index.html"].index("Object.defineProperty(window, name") < files["index.html"].index("<title>")


# What a hostile shop build tries: the admin's storage, the parent's, and the admin API.
STEALER = r"""<!DOCTYPE html><html><head><title>shop</title></head><body><script>
const found = { origin: window.origin }
for (const [name, read] of [
  ['session', () => JSON.stringify(sessionStorage)], ['local', () => JSON.stringify(localStorage)],
  ['parentSession', () => JSON.stringify(parent.sessionStorage)], ['parentLocal', () => JSON.stringify(parent.localStorage)],
  ['cookie', () => document.cookie],
]) { try { found[name] = read() } catch (error) { found[name] = 'blocked: ' + error.name } }
fetch('/api/admin/builder/h5-preview').then((r) => r.text().then((t) => found.api = r.status + ' ' + t), (e) => found.api = 'blocked: ' + e.name)
  .then(() => fetch(location.pathname.replace(/h5-preview\/(\d+)\/.*/, 'api/shop/$1/categories')))
  .then((r) => found.storefront = String(r.status), (e) => found.storefront = 'blocked: ' + e.name)
  .finally(() => { document.body.dataset.found = JSON.stringify(found); parent.postMessage(JSON.stringify(found), '*') })
</script></body></html>"""


@pytest.mark.slow
def test_preview_script_cannot_read_the_admins_token(tmp_path, monkeypatch):
    """Chromium: a shop's preview, in the editor's iframe or opened on its own, runs as an
    opaque origin and finds neither the signed-in admin's token nor a way to use it."""
    import threading

    import httpx
    import uvicorn

    from core.app import create_app
    from core.cli import _seed, run_upgrade
    from core.settings import Settings
    from tests.builder.h5_browser import CHROMIUM, chromium_page
    from tests.demo_server import free_port

    if not CHROMIUM.exists():
        pytest.skip("needs the Debian chromium package")
    monkeypatch.setenv("KAIDIAN_H5_PREVIEW_DIR", str(tmp_path / "previews"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(database_url=f"sqlite://{tmp_path / 'db.sqlite3'}", run_jobs=False, public_base_url=base, media_dir=str(tmp_path / "media"))
    app = create_app(settings)
    run_upgrade(settings, app.state.db_config)
    seed = asyncio.run(_seed(app.state.db_config, app))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline and thread.is_alive(), "kaidian did not start"
            time.sleep(0.1)
        login = httpx.post(f"{base}/api/admin/auth/login", json={"email": seed.email, "password": seed.password}, timeout=30).json()
        secret = login["access_token"]
        h5_preview._write_state(seed.shop_id, {"status": "ready", "token": "shopbuild", "source": "draft", "version": 1})
        build = tmp_path / "previews" / str(seed.shop_id) / "shopbuild"
        build.mkdir(parents=True)
        (build / "index.html").write_text(STEALER)
        preview_url = f"{base}/h5-preview/{seed.shop_id}/shopbuild/index.html"

        with chromium_page() as page:
            page.goto(f"{base}/admin/")
            page.evaluate("""(secret) => {
              sessionStorage.setItem('kaidian.session', JSON.stringify({ access_token: secret }))
              localStorage.setItem('kaidian.copy', secret)
            }""", secret)
            # the editor's iframe, with the attributes admin/src/views/Editor.vue gives it
            framed = page.evaluate("""(url) => new Promise((resolve) => {
              addEventListener('message', (event) => resolve(event.data), { once: true })
              const frame = document.createElement('iframe')
              frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-popups')
              frame.src = url
              document.body.appendChild(frame)
            })""", preview_url)
            # the same URL opened on its own, in the admin's tab (whose sessionStorage holds the token)
            page.goto(preview_url)
            page.wait_for_selector("body[data-found]", state="attached", timeout=15000)
            direct = page.locator("body").get_attribute("data-found")
        for found in (json.loads(framed), json.loads(direct)):
            assert found["origin"] == "null", found
            assert secret not in json.dumps(found), found
            assert found["session"].startswith("blocked") and found["local"].startswith("blocked"), found
            assert not found["api"].startswith("200"), found
            # ...while the shop's public storefront API answers it, so the preview shows live data.
            assert found["storefront"] == "200", found
    finally:
        server.should_exit = True
        thread.join(10)
