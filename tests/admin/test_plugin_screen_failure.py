"""A plugin screen whose bundle cannot load shows an error in its place; the rest of the admin
keeps working. (Its own module: one live kaidian per module, as Tortoise has one global context.)"""

from __future__ import annotations

import pytest

from core.hookspecs import hookimpl
from tests.admin.test_admin_browser import _login, browser, serve_seeded_shop  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def admin_with_a_broken_screen(tmp_path_factory):
    """A live kaidian whose `broken_screens` plugin ships a bundle that cannot load (it imports a
    module the admin does not lend)."""
    from tests.admin.test_plugin_screens import screen_plugin

    folder = tmp_path_factory.mktemp("broken")
    bundle = folder / "dist"
    bundle.mkdir()
    (bundle / "index.js").write_text('import { chunk } from "lodash";\nexport const Broken = { render: () => chunk };\n')
    plugin = screen_plugin("broken_screens", ("/broken", "Broken", bundle))

    def kaidian_register_admin_menu(register):
        register("broken", {"zh-CN": "坏掉的页面", "en": "Broken"}, "/broken", order=99)

    type(plugin).kaidian_register_admin_menu = staticmethod(hookimpl(kaidian_register_admin_menu))
    with serve_seeded_shop(folder, [plugin]) as (base, seed):
        yield base, seed


def test_a_screen_that_fails_to_load_says_so_and_the_admin_keeps_working(admin_with_a_broken_screen, browser):  # noqa: F811
    base, seed = admin_with_a_broken_screen
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.add_init_script("localStorage.setItem('kaidian.locale', 'zh-CN')")
    _login(page, base, seed)
    page.click("[data-menu=broken]")
    failed = page.locator("[data-test=plugin-screen-failed]")
    failed.wait_for()
    assert "插件页面加载失败" in failed.inner_text() and "broken_screens" in failed.inner_text()
    page.click("[data-menu=orders]")  # the rest of the admin is unaffected
    page.locator(".page-title").first.wait_for()
    page.close()
