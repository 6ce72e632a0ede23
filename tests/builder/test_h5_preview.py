"""The admin's H5 preview: refused without the toolchain, one build per shop at a time, served
under a per-shop random URL that another shop's token never reveals; and (slow) a real build
of a shop's draft with the official uni-app CLI, served by kaidian itself."""

from __future__ import annotations

import asyncio
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
