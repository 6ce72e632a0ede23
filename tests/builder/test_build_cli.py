"""``kaidian build``: from a shop's published configuration or a JSON file to a project."""

from __future__ import annotations

import asyncio
import json
import re
import zipfile

import pytest
from typer.testing import CliRunner

from builder.samples import demo_config, oversized_config
from core.cli import cli

runner = CliRunner()


def build(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(cli, ["build", *args], env=env)


async def _shop_with_published_demo(database_url: str) -> int:
    from builder import versions
    from core.app import create_app
    from core.db import close_db, init_db
    from core.settings import Settings
    from core.shops.services import create_agency, create_shop
    from core.testing import unique
    from tests.builder.own_catalog import demo_config_of

    app = create_app(Settings(database_url=database_url, run_jobs=False))
    await init_db(app.state.db_config)
    try:
        agency = await create_agency("build agency")
        shop = await create_shop(agency_id=agency.id, name="构建测试店", slug=unique("build"))
        registries = app.state.registries
        config = await demo_config_of(shop.id)
        del config["app"]["api"]["base_url"]  # left to the server's public URL at build time
        await versions.save_draft(shop.id, config, registries, staff_id=None, base_url="http://shop.example.com")
        await versions.publish(shop.id, registries, "http://shop.example.com", staff_id=None)
        await versions.save_draft(shop.id, {**demo_config(), "app": {**demo_config()["app"], "name": "草稿店"}}, registries, staff_id=None, base_url="")
        return shop.id
    finally:
        await close_db()


@pytest.fixture
def db_env(kaidian_database_url):
    return {"KAIDIAN_DATABASE_URL": kaidian_database_url, "KAIDIAN_PUBLIC_BASE_URL": "https://api.shop.example.com"}


def test_builds_the_shops_published_configuration(tmp_path, kaidian_database_url, db_env):
    shop_id = asyncio.run(_shop_with_published_demo(kaidian_database_url))
    out = tmp_path / "uniapp"
    result = build("--shop-id", str(shop_id), "--target", "uniapp", "--out", str(out), env=db_env)
    assert result.exit_code == 0, result.output
    assert f"shop {shop_id}, published version 3" in result.output
    pages = json.loads((out / "src" / "pages.json").read_text())
    assert pages["pages"][0]["path"] == "pages/home/index"
    settings_js = (out / "src" / "api" / "settings.js").read_text()
    assert f'"shopId":{shop_id}' in settings_js and '"baseUrl":"https://api.shop.example.com"' in settings_js
    assert "开店鲜果铺" in (out / "src" / "manifest.json").read_text()

    draft_zip = tmp_path / "draft.zip"
    result = build("--shop", str(shop_id), "--draft", "--target", "taro", "--out", str(draft_zip), "--zip", env=db_env)
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(draft_zip)
    assert "草稿店" in archive.read("src/app.config.js").decode()

    result = build("--shop-id", "999999", "--target", "uniapp", "--out", str(tmp_path / "none"), env=db_env)
    assert result.exit_code == 1 and "no active shop with id 999999" in result.output


def test_invalid_configuration_file_lists_its_errors(tmp_path):
    config = demo_config()
    config["pages"][0]["components"][0]["props"]["placeholder"] = 5
    config["app"]["theme"] = "no_such_theme"
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    result = build("--config", str(path), "--target", "taro", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "$.pages[0].components[0].props.placeholder" in result.output and "$.app.theme" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()

    path.write_text("{not json", encoding="utf-8")
    result = build("--config", str(path), "--target", "taro", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "not valid JSON" in result.output

    for nested in ('{"a":' * 500 + "{}" + "}" * 500, "[" * 100_000 + "]" * 100_000):
        config = demo_config()
        path.write_text(json.dumps(config)[:-1] + ', "deep": ' + nested + "}", encoding="utf-8")
        result = build("--config", str(path), "--target", "taro", "--out", str(tmp_path / "out"))
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output[-500:]
        assert "Nested deeper than 16 levels" in result.output or "nested too deeply" in result.output, result.output[-500:]


def test_configuration_file_builds_and_refuses_foreign_folders(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps(demo_config()), encoding="utf-8")
    out = tmp_path / "taro"
    assert build("--config", str(path), "--target", "taro", "--out", str(out)).exit_code == 0
    assert (out / "src" / "app.config.js").is_file()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    result = build("--config", str(path), "--target", "taro", "--out", str(foreign))
    assert result.exit_code == 1 and "not generated by kaidian" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["--target", "uniapp", "--out", "x"],
        ["--shop-id", "1", "--config", "c.json", "--target", "uniapp", "--out", "x"],
        ["--shop-id", "1", "--target", "weapp", "--out", "x"],
        ["--shop-id", "1", "--target", "uniapp", "--out", "x", "--zip", "--check"],
    ],
    ids=["no-source", "two-sources", "bad-target", "zip-and-check"],
)
def test_usage_errors_exit_2(args):
    assert build(*args).exit_code == 2


@pytest.mark.slow
@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_check_runs_the_official_build_and_reports_sizes(tmp_path, target):
    config = demo_config()
    # uni-app's pre-processor once blanked these (#30): --check compares what the build shows
    config["pages"][1]["title"] = "/* #ifdef H5 */分类"
    config["pages"][2]["title"] = "<!-- #endif -->购物车"
    config["app"]["tab_bar"]["items"][0]["text"] = "// #if 首"
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    result = build("--config", str(path), "--target", target, "--out", str(tmp_path / "app"), "--check")
    assert result.exit_code == 0, result.output
    assert "official build passed" in result.output and "main package:" in result.output
    assert "subpackage pkg_shop:" in result.output
    # The system pages (checkout, orders, after-sales…) are built and sized as subpackages of their own.
    for package in ("kd_trade", "kd_account", "kd_discover"):
        assert f"subpackage {package}:" in result.output
    main_kb = float(re.search(r"main package: ([\d.]+) KB", result.output).group(1))
    assert main_kb <= 1024, f"main package {main_kb} KB"
    print(result.output)


def test_check_names_texts_a_build_changed_and_packages_over_wechat_limits(tmp_path):
    from builder.toolchain import changed_texts, package_limit_problems

    (tmp_path / "pages" / "home").mkdir(parents=True)
    (tmp_path / "pages" / "home" / "index.json").write_text(json.dumps({"navigationBarTitleText": ""}))
    (tmp_path / "app.json").write_text(json.dumps({"tabBar": {"list": [{"text": "首页"}, {"text": ""}]}}))
    texts = {"titles": {"pages/home/index": "/* #ifdef H5 */首页", "pages/gone/index": "不见"}, "tabs": ["首页", "// #ifdef"]}
    assert changed_texts(tmp_path, texts) == [
        "pages/home/index: title '/* #ifdef H5 */首页' shows as ''",
        "pages/gone/index: title '不见' shows as None",
        "tab bar labels ['首页', '// #ifdef'] show as ['首页', '']",
    ]
    assert package_limit_problems({"": 2_199_142, "pkg_shop": 40_000}) == ["the main package is 2147.6 KB; WeChat allows at most 2048 KB"]
    assert package_limit_problems({"": 2_000_000, "pkg_a": 2_100_000, **{f"pkg_{n}": 2_000_000 for n in range(9)}}) == [
        "subpackage pkg_a is 2050.8 KB; WeChat allows at most 2048 KB",
        "all packages together are 21582.0 KB; WeChat allows at most 20480 KB",
    ]
    assert package_limit_problems({"": 2_097_152, "pkg_shop": 10}) == []


@pytest.mark.slow
def test_check_refuses_a_build_over_wechats_package_limit(tmp_path, registries):
    """#30 §2 with the official uni-app CLI: a valid configuration whose main package is over
    2 MB fails --check naming the package and its measured size, which is at least what the
    admin's export estimated."""
    import re

    from builder.generate import render_project
    from builder.package_limits import minimum_package_bytes

    config = oversized_config()
    estimated = minimum_package_bytes(render_project(config, "uniapp", registries).plan)[""]
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    result = build("--config", str(path), "--target", "uniapp", "--out", str(tmp_path / "app"), "--check")
    assert result.exit_code == 1, result.output[-2000:]
    found = re.search(r"the main package is (\d+\.\d) KB; WeChat allows at most 2048 KB", result.output)
    assert found, result.output[-2000:]
    measured_kb = float(found.group(1))
    print(f"oversized main package: measured {measured_kb} KB, export's lower bound {estimated / 1024:.1f} KB")
    assert 2048 < estimated / 1024 <= measured_kb


def test_an_h5_build_lacks_a_page_its_router_does_not_register(tmp_path):
    """#30 §1: uni-app's pre-processor once dropped H5 pages and still exited 0."""
    from builder.toolchain import missing_pages

    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!DOCTYPE html>")
    (tmp_path / "assets" / "index.js").write_text(
        'window.__uniRoutes=[{path:"/",alias:"/pages/home/index",component:{}},{path:"/pkg_a/pages/b/index",component:{}}];'
        'const routes={gone:"/pages/gone/index"}'  # our own route table names every page: not proof
    )
    paths = ["pages/home/index", "pkg_a/pages/b/index", "pages/gone/index"]
    assert missing_pages(tmp_path, "h5", paths, "uniapp") == ["pages/gone/index"]
    (tmp_path / "assets" / "index.js").write_text('Object.assign({"path":"pages/home/index","load":x}),Object.assign({"path":"pkg_a/pages/b/index"})')
    assert missing_pages(tmp_path, "h5", paths, "taro") == ["pages/gone/index"]
    (tmp_path / "index.html").unlink()
    assert missing_pages(tmp_path, "h5", paths, "taro") == ["index.html"]
