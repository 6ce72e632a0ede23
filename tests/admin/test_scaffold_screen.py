"""`kaidian plugin new` gives a working admin screen: installed with pip (no Node.js, no rebuild of
the admin), the running kaidian serves it and Chromium opens it; the scaffold's own Vite setup
builds exactly the dist/ it ships."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import core.admin_ui as admin_ui
from core.scaffold import scaffold_plugin
from tests.admin.test_admin_browser import CHROMIUM, CHROMIUM_ARGS
from tests.demo_server import DEMO_OWNER, call, running_demo

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[2]
PLUGIN = "screen_probe"


def test_a_pip_installed_plugin_brings_its_screen_to_the_running_admin(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("needs the Debian chromium package")
    if not (admin_ui.STATIC_DIR / "index.html").is_file():
        pytest.fail("the admin app is not built: run `make admin`")
    project, site, demo = tmp_path / "project", tmp_path / "site", tmp_path / "demo"
    demo.mkdir()
    scaffold_plugin(PLUGIN, project, title_zh="探针公告", title_en="Probe notes")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-input", "--target", str(site), str(project)],
        capture_output=True, text=True, timeout=600,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    assert (site / f"kaidian_{PLUGIN}" / "admin" / "dist" / "index.js").is_file()  # the build ships in the wheel
    # the installed distribution first, then the kaidian under test (this tree)
    python_path = os.pathsep.join([str(site), str(REPOSITORY)])

    from playwright.sync_api import sync_playwright

    with running_demo(demo, env={"PYTHONPATH": python_path}) as server:
        assert server.health is not None, server.process.poll()
        token = call(f"{server.base_url}/api/admin/auth/login", DEMO_OWNER)["access_token"]
        screens = call(f"{server.base_url}/api/admin/screens", token=token)
        assert any(screen["plugin"] == PLUGIN and screen["path"] == "/plugins/screen-probe" for screen in screens), screens

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.add_init_script("localStorage.setItem('kaidian.locale', 'zh-CN')")
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{server.base_url}/admin/")
            page.fill("input[name=email]", DEMO_OWNER["email"])
            page.fill("input[name=password]", DEMO_OWNER["password"])
            page.click("[data-test=login]")
            page.wait_for_url(re.compile(r"#/dashboard"))
            page.locator(f"[data-menu={PLUGIN}]", has_text="探针公告").click()
            page.locator(".page-title", has_text="店铺公告").wait_for()
            page.locator(f"[data-test=note-text] input, input[data-test=note-text]").first.fill("周六晚八点到货")
            page.click("[data-test=add-note]")
            page.locator("[data-test=notes] .el-table__row", has_text="周六晚八点到货").wait_for()
            loaded = page.evaluate("performance.getEntriesByType('resource').map(entry => entry.name)")
            browser.close()
        notes = call(f"{server.base_url}/api/admin/screen-probe/notes", token=token)
    assert [note["text"] for note in notes] == ["周六晚八点到货"]
    assert any(f"/admin/plugin-screens/{PLUGIN}/" in url for url in loaded)
    assert not errors, errors


def test_the_scaffold_builds_the_screen_it_ships(tmp_path):
    """An author's `npm run build` (the scaffold's package.json and vite.config.js) makes exactly
    the dist/ the scaffold ships, so editing src/ and rebuilding is all a plugin author does."""
    modules = REPOSITORY / "admin" / "node_modules"
    if shutil.which("npm") is None or not (modules / "vite").is_dir():
        pytest.fail("needs npm and admin/node_modules (make admin installs them)")
    project = tmp_path / "project"
    scaffold_plugin(PLUGIN, project)
    screens = project / f"kaidian_{PLUGIN}" / "admin"
    shipped = tmp_path / "shipped"
    shutil.copytree(screens / "dist", shipped)
    (screens / "node_modules").symlink_to(modules)  # the same versions package.json pins
    built = subprocess.run(["npm", "run", "build"], cwd=screens, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    comparison = filecmp.dircmp(screens / "dist", shipped)
    assert not comparison.left_only and not comparison.right_only
    assert not filecmp.cmpfiles(screens / "dist", shipped, comparison.common_files, shallow=False)[1]
