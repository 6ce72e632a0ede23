"""Admin screens ship with their plugin (kaidian_register_admin_screens): listed per shop, served
from the installed package, built against the admin's import map; core's admin holds none."""

from __future__ import annotations

import filecmp
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from core.app import create_app
from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.plugin_host import SYSTEM_PLUGINS
from core.registries import RegistrationError
from core.settings import Settings
from core.testing import make_shop

REPOSITORY = Path(__file__).resolve().parents[2]
ADMIN = REPOSITORY / "admin"
SCAFFOLD_SCREENS = REPOSITORY / "core" / "scaffold" / "templates" / "plugin" / "__package__" / "admin"
BUNDLED_SCREENS = {
    "coupons": ("/coupons", "CouponTemplates"),
    "group_buy": ("/group-buy", "GroupBuyActivities"),
    "bargain": ("/bargain", "BargainActivities"),
    "membership": ("/membership", "MembershipTiers"),
    "community_group": ("/community-group", "CommunityGroup"),
    "experiments": ("/experiments", "ExperimentsScreen"),
    "ar_preview": ("/ar-preview", "ArModels"),
}


def _registering_plugin(name: str, hook: str, registrations: tuple[tuple[str, str, Any], ...]) -> Any:
    """A throw-away plugin whose ``hook`` makes the given registrations."""

    def register_all(register):
        for registration in registrations:
            register(*registration)

    register_all.__name__ = hook
    attrs = {
        "manifest": PluginManifest(name=name, version="0.1.0", title={"zh-CN": name, "en": name}),
        hook: staticmethod(hookimpl(register_all)),
    }
    return type(name, (), attrs)()


def screen_plugin(name: str, *screens: tuple[str, str, Any]) -> Any:
    """A throw-away plugin registering the given (path, component, bundle) screens."""
    return _registering_plugin(name, "kaidian_register_admin_screens", screens)


@pytest.fixture
def bundle(tmp_path) -> Path:
    folder = tmp_path / "dist"
    folder.mkdir()
    (folder / "index.js").write_text('export const GiftCards = { template: "<div>礼品卡</div>" };\n')
    (folder / "style.css").write_text(".gift { color: red }\n")
    return folder


async def test_a_shop_gets_the_screens_of_the_plugins_it_enabled(kaidian_client_for, bundle):
    plugin = screen_plugin("gift_cards", ("/gift-cards", "GiftCards", bundle))
    async with kaidian_client_for(plugins=[plugin]) as client:
        a, b = await make_shop(client), await make_shop(client)
        assert (await client.put("/api/admin/plugins/gift_cards", json={"enabled": False}, headers=b.owner)).status_code == 200
        screens = {screen["path"]: screen for screen in (await client.get("/api/admin/screens", headers=a.owner)).json()}
        gift = screens["/gift-cards"]
        assert (gift["component"], gift["plugin"]) == ("GiftCards", "gift_cards")
        assert re.fullmatch(r"/admin/plugin-screens/gift_cards/[0-9a-f]{16}/index\.js", gift["module"])
        assert gift["styles"] == [gift["module"].replace("index.js", "style.css")]
        assert "/gift-cards" not in {screen["path"] for screen in (await client.get("/api/admin/screens", headers=b.owner)).json()}
        assert (await client.get("/api/admin/screens")).status_code == 401

        module = await client.get(gift["module"])  # public like the admin's own assets
        assert module.status_code == 200 and module.text.startswith("export const GiftCards")
        assert module.headers["content-type"].startswith("text/javascript")
        assert "immutable" in module.headers["cache-control"]
        assert (await client.get(gift["styles"][0])).headers["content-type"].startswith("text/css")
        stale = gift["module"].replace(gift["module"].split("/")[-2], "0" * 16)
        assert (await client.get(stale)).status_code == 404
        base = gift["module"].rsplit("/", 1)[0]
        for outside in ("../../../../pyproject.toml", "%2e%2e/%2e%2e/secret", "missing.js"):
            assert (await client.get(f"{base}/{outside}")).status_code == 404, outside
        assert (await client.get("/admin/plugin-screens/nobody/0000000000000000/index.js")).status_code == 404


async def test_the_digest_follows_the_bundle(kaidian_client_for, bundle):
    plugin = screen_plugin("gift_cards", ("/gift-cards", "GiftCards", bundle))
    first = create_app(Settings(database_url="sqlite://:memory:"), plugins=[plugin]).state.registries.admin_bundles["gift_cards"]
    (bundle / "index.js").write_text('export const GiftCards = { template: "<div>礼品卡 2</div>" };\n')
    second = create_app(Settings(database_url="sqlite://:memory:"), plugins=[plugin]).state.registries.admin_bundles["gift_cards"]
    assert first.digest != second.digest


@pytest.mark.parametrize(
    ("screens", "message"),
    [
        ([("gift-cards", "GiftCards", "BUNDLE")], "must look like /gift-cards"),
        ([("/gift-cards", "gift cards", "BUNDLE")], "must name an export"),
        ([("/gift-cards", "GiftCards", "EMPTY")], "has no index.js"),
        ([("/coupons", "GiftCards", "BUNDLE")], "clashes with plugin 'coupons'"),
        ([("/gift-cards", "GiftCards", "BUNDLE"), ("/gift-cards/more", "More", "OTHER")], "one bundle"),
    ],
)
def test_unusable_screens_stop_start_up_naming_the_plugin(bundle, tmp_path, screens, message):
    other = tmp_path / "other"
    shutil.copytree(bundle, other)
    (tmp_path / "empty").mkdir()
    folders = {"BUNDLE": bundle, "OTHER": other, "EMPTY": tmp_path / "empty"}
    plugin = screen_plugin("gift_cards", *[(path, component, folders[folder]) for path, component, folder in screens])
    with pytest.raises(RegistrationError, match=message) as error:
        create_app(Settings(database_url="sqlite://:memory:"), plugins=[plugin])
    assert "gift_cards" in str(error.value)


def test_bundled_plugins_ship_their_screens_and_core_holds_none():
    registries = create_app(Settings(database_url="sqlite://:memory:")).state.registries
    shipped = {screen.plugin: (screen.path, screen.component) for screen in registries.admin_screens}
    assert {name: shipped.get(name) for name in BUNDLED_SCREENS} == BUNDLED_SCREENS
    menu_paths = {entry.path for entry in registries.admin_menu}
    for screen in registries.admin_screens:
        bundle = registries.admin_bundles[screen.plugin]
        assert bundle.directory.is_relative_to(REPOSITORY / "plugins" / screen.plugin)
        assert re.search(rf"\b{screen.component}\b", (bundle.directory / "index.js").read_text())
        assert screen.path in menu_paths, f"{screen.plugin}: no menu entry links to {screen.path}"
    # core's admin talks to no plugin's API: its screens live in the plugin (the system parts,
    # core and the builder with its page editor, are the admin's own)
    admin_sources = "\n".join(path.read_text() for path in (ADMIN / "src").rglob("*") if path.suffix in (".vue", ".js"))
    for plugin in {entry.plugin for entry in registries.admin_menu} - SYSTEM_PLUGINS:
        for segment in {plugin, plugin.replace("_", "-")}:
            assert f"/api/admin/{segment}/" not in admin_sources, plugin


def _import_map() -> dict[str, str]:
    html = (ADMIN / "index.html").read_text()
    return json.loads(re.search(r'<script type="importmap">(.*?)</script>', html, re.S).group(1))["imports"]


def _externals(config: Path) -> set[str]:
    listed = re.search(r"SHARED_MODULES = \[(.*?)\]", config.read_text(), re.S).group(1)
    return set(re.findall(r'"([^"]+)"', listed))


def test_plugin_builds_leave_out_exactly_what_the_admin_lends():
    lent = _import_map()
    assert set(lent) == _externals(ADMIN / "build-plugin-screens.mjs") == _externals(SCAFFOLD_SCREENS / "vite.config.js")
    vite_config = (ADMIN / "vite.config.js").read_text()
    for url in lent.values():  # each is a shared entry of the admin's build
        name = re.fullmatch(r"/admin/shared/([a-z-]+)\.js", url).group(1)
        assert f'"{name}"' in vite_config and (ADMIN / "src" / "plugin-runtime" / f"{name}.js").is_file()


@pytest.mark.slow
def test_committed_plugin_bundles_are_built_from_their_sources(tmp_path):
    """Every committed dist/ is exactly what `npm run build:plugins` makes of its sources."""
    if shutil.which("node") is None or not (ADMIN / "node_modules" / "vite").is_dir():
        pytest.fail("needs Node.js and admin/node_modules (make admin installs them)")
    built = subprocess.run(
        ["node", "build-plugin-screens.mjs", "--out", str(tmp_path)], cwd=ADMIN, capture_output=True, text=True, timeout=600
    )
    assert built.returncode == 0, built.stdout + built.stderr
    folders = sorted(path.parent for path in tmp_path.rglob("dist/index.js"))
    assert len(folders) >= len(BUNDLED_SCREENS) + 1  # the scaffold's template too
    for fresh in folders:
        committed = REPOSITORY / fresh.relative_to(tmp_path)
        comparison = filecmp.dircmp(fresh, committed)
        stale = comparison.left_only + comparison.right_only + filecmp.cmpfiles(fresh, committed, comparison.common_files, shallow=False)[1]
        assert not stale, f"{committed} is out of date ({stale}): run `npm run build:plugins` in admin/ and commit"


def extension_plugin(name: str, *extensions: tuple[str, str, Any]) -> Any:
    """A throw-away plugin registering the given (point, component, bundle) editor extensions."""
    return _registering_plugin(name, "kaidian_register_admin_extensions", extensions)


async def test_a_shop_gets_the_editor_extensions_of_the_plugins_it_enabled(kaidian_client_for, bundle):
    plugin = extension_plugin("gift_cards", ("editor.block-actions", "GiftAction", bundle), ("editor.page-actions", "GiftPage", bundle))
    async with kaidian_client_for(plugins=[plugin]) as client:
        a, b = await make_shop(client), await make_shop(client)
        assert (await client.put("/api/admin/plugins/gift_cards", json={"enabled": False}, headers=b.owner)).status_code == 200
        mine = [item for item in (await client.get("/api/admin/extensions", headers=a.owner)).json() if item["plugin"] == "gift_cards"]
        assert [(item["point"], item["component"]) for item in mine] == [("editor.block-actions", "GiftAction"), ("editor.page-actions", "GiftPage")]
        assert re.fullmatch(r"/admin/plugin-screens/gift_cards/[0-9a-f]{16}/index\.js", mine[0]["module"])
        assert (await client.get(mine[0]["module"])).status_code == 200  # served like the plugin's screens
        assert not [item for item in (await client.get("/api/admin/extensions", headers=b.owner)).json() if item["plugin"] == "gift_cards"]
        assert (await client.get("/api/admin/extensions")).status_code == 401


@pytest.mark.parametrize(
    ("extension", "message"),
    [
        (("editor.sidebar", "GiftAction", "BUNDLE"), "no such point"),
        (("editor.block-actions", "gift action", "BUNDLE"), "must name an export"),
        (("editor.block-actions", "GiftAction", "EMPTY"), "has no index.js"),
    ],
)
def test_unusable_extensions_stop_start_up_naming_the_plugin(bundle, tmp_path, extension, message):
    (tmp_path / "empty").mkdir()
    point, component, folder = extension
    plugin = extension_plugin("gift_cards", (point, component, {"BUNDLE": bundle, "EMPTY": tmp_path / "empty"}[folder]))
    with pytest.raises(RegistrationError, match=message) as error:
        create_app(Settings(database_url="sqlite://:memory:"), plugins=[plugin])
    assert "gift_cards" in str(error.value)
