"""Generators: complete, deterministic projects with only the used components, safe output."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from builder import layout
from builder.generate import ConfigInvalid, IncompleteProject, generate, render_project, zip_project
from builder.layout import PathCollision
from builder.app_pages import AppPageRegistry
from builder.registry import ComponentRegistry
from builder.slots import SlotRegistry
from builder.richtext import html_to_nodes
from builder.samples import demo_config, large_config
from builder.targets import EMITTERS, toolchain_package

from .conftest import small_config

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("KAIDIAN_UPDATE_SNAPSHOTS") == "1"


# The toolchain lock file (hundreds of KB) is checked against builder/toolchains by its own test.
UNSNAPSHOTTED = {"package-lock.json"}


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_small_config_matches_snapshot(target, registries):
    project = render_project(small_config(), target, registries)
    files = {relative: content for relative, content in project.files.items() if relative not in UNSNAPSHOTTED}
    folder = SNAPSHOTS / target
    if UPDATE:
        for relative, content in files.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    expected = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
    assert set(files) == expected
    for relative, content in files.items():
        assert (folder / relative).read_text(encoding="utf-8") == content, relative


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_output_is_deterministic(target, registries, tmp_path):
    first = render_project(large_config(40), target, registries)
    second = render_project(large_config(40), target, registries)
    assert first.files == second.files
    assert zip_project(first) == zip_project(second)
    generate(large_config(40), target, tmp_path / "a", registries)
    generate(large_config(40), target, tmp_path / "b", registries)
    files_a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    files_b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert files_a == files_b


def test_uniapp_project_shape(registries):
    project = render_project(demo_config(), "uniapp", registries)
    files = project.files
    for required in ("package.json", "index.html", "vite.config.js", "src/main.js", "src/App.vue", "src/manifest.json", "src/pages.json"):
        assert required in files
    package = json.loads(files["package.json"])
    assert package["dependencies"]["@dcloudio/uni-mp-weixin"] == "3.0.0-5010420260703001"
    assert package["devDependencies"] == toolchain_package("uniapp")["devDependencies"]
    pages = json.loads(files["src/pages.json"])
    assert [page["path"] for page in pages["pages"]] == ["pages/home/index", "pages/category/index", "pages/cart/index", "pages/me/index"]
    packages = {package["root"]: package["pages"] for package in pages["subPackages"]}
    assert packages["pkg_shop"] == [{"path": "pages/product/index", "style": packages["pkg_shop"][0]["style"]}]
    # Every shop gets the system pages (checkout, orders…) in kd_* subpackages, never in the main package.
    assert {page["path"] for page in packages["kd_trade"]} >= {"pages/checkout/index", "pages/order/index", "pages/orders/index", "pages/pay_result/index"}
    assert not any(page["path"].startswith("kd_") for page in pages["pages"])
    assert [item["pagePath"] for item in pages["tabBar"]["list"]][0] == "pages/home/index"
    assert "src/pkg_shop/pages/product/index.vue" in files
    manifest = json.loads(files["src/manifest.json"])
    assert manifest["h5"]["router"] == {"mode": "hash", "base": "./"}


def test_taro_project_shape(registries):
    files = render_project(demo_config(), "taro", registries).files
    for required in ("package.json", "babel.config.js", "config/index.js", "src/app.js", "src/app.config.js", "src/index.html"):
        assert required in files
    assert json.loads(files["package.json"])["dependencies"]["@tarojs/taro"] == "4.1.11"
    app_config = json.loads(files["src/app.config.js"].removeprefix("export default defineAppConfig(").removesuffix(")\n"))
    packages = {package["root"]: package["pages"] for package in app_config["subPackages"]}
    assert packages["pkg_shop"] == ["pages/product/index"]
    # The system pages live in kd_* subpackages on Taro too (tests/builder/test_taro_system_pages.py).
    assert {"kd_trade", "kd_account", "kd_discover"} <= set(packages)
    assert not any(page.startswith("kd_") for page in app_config["pages"])
    assert "src/pkg_shop/pages/product/index.jsx" in files and "src/pkg_shop/pages/product/index.config.js" in files
    assert "publicPath: './'" in files["config/index.js"] and "mode: 'hash'" in files["config/index.js"]


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_pages_import_only_the_components_they_use(target, registries):
    files = render_project(demo_config(), target, registries).files
    ext = EMITTERS[target].page_ext
    # Plugins' app.prompts slot components sit on every page, whatever its blocks.
    overlays = {slot.tag.removeprefix("kd-") for slot in registries.slots.by_slot()["app.prompts"]}
    home = files[f"src/pages/home/index{ext}"]
    imported = set(re.findall(r"components/kd-([a-z-]+)/", home)) - overlays
    # "block" is the shared per-block guard every page wraps its blocks in.
    assert imported == {"block", "search-bar", "banner", "notice-bar", "nav-grid", "title", "product-grid"}
    cart = files[f"src/pages/cart/index{ext}"]
    assert set(re.findall(r"components/kd-([a-z-]+)/", cart)) - overlays == {"block", "cart"}
    # Components no page uses are not generated at all.
    assert not any("kd-video" in path or "kd-rich-text" in path for path in files)


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_components_only_one_subpackage_uses_live_in_it(target, registries):
    """#30 §2: WeChat counts src/components/ towards the main package, so a component that only
    one subpackage's pages (or the components they use) need is placed in that subpackage."""
    files = render_project(demo_config(), target, registries).files
    ext = EMITTERS[target].page_ext
    folders = {"/".join(path.split("/")[:-1]) for path in files if "/components/kd-" in path}
    # product_detail is used by pkg_shop's product page only; the slots it renders follow it
    assert "src/pkg_shop/components/kd-product-detail" in folders
    assert "src/pkg_shop/components/kd-slot-group-buy-start" in folders
    assert "src/kd_trade/components/kd-slot-coupon-checkout" in folders
    # main pages' components, the shared ones and user_center's slot entries stay in the main package
    for name in ("kd-block", "kd-lazy-image", "kd-cart", "kd-user-center", "kd-product-grid"):
        assert f"src/components/{name}" in folders, name
    assert not any(folder.startswith("src/components/kd-product-detail") for folder in folders)
    product = files[f"src/pkg_shop/pages/product/index{ext}"]
    assert "@/pkg_shop/components/kd-product-detail/" in product and "@/components/kd-product-detail/" not in product
    # a component two packages use stays in the main package
    config = demo_config()
    config["pages"].append({"route": "more", "title": "更多", "subpackage": "more", "components": [{"type": "product_detail", "props": {}}]})
    shared = render_project(config, target, registries).files
    assert any(path.startswith("src/components/kd-product-detail/") for path in shared)
    assert not any("/components/kd-product-detail/" in path and not path.startswith("src/components/") for path in shared)


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_home_page_data_is_one_batch_request(target, registries):
    files = render_project(demo_config(), target, registries).files
    page_data = files["src/pages/home/page.js"]
    data = json.loads(page_data.split("export default ", 1)[1])
    requests = [block["data"] for block in data["blocks"] if block["data"]]
    assert requests == [{"source": "products", "params": {"by": "category", "category_id": 1, "limit": 6}}]
    client = files["src/api/client.js"]
    assert client.count("request('POST', '/api/shop/batch'") == 1
    assert "export async function loadBlocks" in client and "cacheSeconds" in client


def test_images_are_lazy_and_webp_with_fallback(registries):
    uni = render_project(small_config(), "uniapp", registries).files
    image = uni["src/components/kd-lazy-image/kd-lazy-image.vue"]
    assert ':lazy-load="true"' in image and "@error=\"fallback\"" in image and "webpUrl" in image
    taro = render_project(small_config(), "taro", registries).files
    assert "lazyLoad" in taro["src/components/kd-lazy-image/index.jsx"]
    assert '"webpParam":"format=webp"' in uni["src/api/settings.js"]


def test_locales_default_to_chinese_with_english_available(registries):
    files = render_project(small_config(), "uniapp", registries).files
    assert "加入购物车" in files["src/locale/zh-CN.js"] and "Add to cart" in files["src/locale/en.js"]
    assert '"defaultLocale":"zh-CN"' in files["src/api/settings.js"]


HOSTILE = [
    "{{ constructor.constructor('alert(1)')() }}",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "\"'`quotes`'\"",
    "line\u2028separator\u2029end",
    "../../etc/passwd",
    "[[ 7*7 ]] [% raw %]",
]


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_hostile_text_only_ever_appears_as_escaped_data(target, registries):
    config = demo_config()
    config["app"]["name"] = "</script><b>店"
    home = config["pages"][0]
    home["title"] = "<img src=x onerror=alert(1)>"
    home["components"] += [{"type": "notice_bar", "props": {"text": text}} for text in HOSTILE]
    home["components"].append({"type": "title", "props": {"text": "`${document.cookie}`", "subtitle": HOSTILE[2]}})
    files = render_project(config, target, registries).files
    data_files = ("page.js", "pages.json", "manifest.json", ".config.js")
    for path, content in files.items():
        for raw in ("</script><script>", "<img src=x", "<b>", "\u2028", "\u2029"):
            assert raw not in content, (path, raw)
        if not path.endswith(data_files):
            assert "alert" not in content and "document.cookie" not in content, path
    assert "&lt;/script&gt;&lt;b&gt;店" in files["index.html" if target == "uniapp" else "src/index.html"]
    page_data = files["src/pages/home/page.js"]
    data = json.loads(page_data.split("export default ", 1)[1])
    texts = [block["props"]["text"] for block in data["blocks"] if block["type"] == "notice_bar"][1:]
    assert texts == HOSTILE  # the values survive intact, as data
    # Page files hold code only: no merchant text at all.
    page_file = files[f"src/pages/home/index{EMITTERS[target].page_ext}"]
    assert "alert" not in page_file and "script>" not in page_file.replace("</script>", "").replace("<script setup>", "")


def test_rich_text_becomes_a_sanitised_node_tree(registries):
    config = small_config()
    config["pages"][2]["components"][0]["props"]["html"] = (
        '<p onclick="x()">Hi <b>there</b><script>alert(1)</script></p>'
        '<img src="javascript:alert(1)"><img src="https://img.example.com/a.png" onerror="x()">'
        "<a href='javascript:x'>link</a>"
    )
    files = render_project(config, "uniapp", registries).files
    data = json.loads(files["src/pkg_info/pages/about/page.js"].split("export default ", 1)[1])
    nodes = data["blocks"][0]["props"]["nodes"]
    assert nodes[0] == {
        "name": "p",
        "attrs": {"class": "kd-rt-p"},
        "children": [{"type": "text", "text": "Hi "}, {"name": "b", "attrs": {"class": "kd-rt-b"}, "children": [{"type": "text", "text": "there"}]}],
    }
    assert nodes[1]["attrs"]["src"] == "https://img.example.com/a.png" and "onerror" not in nodes[1]["attrs"]
    assert nodes[2] == {"type": "text", "text": "link"}
    assert "alert" not in json.dumps(nodes)


def test_rich_text_entities_mean_the_same_on_every_target():
    """#27 §6: uni-app H5 and WeChat decode entities in text nodes, Taro H5 does not; no text
    node holds one, so ``&amp;lt;`` shows as ``&lt;`` everywhere (as in the editor)."""
    nodes = html_to_nodes("<p>a &amp;lt; b &amp;#60; c&amp;nbsp;&amp;</p>&amp;amp;")
    texts = [node["text"] for node in nodes[0]["children"] + nodes[1:]]
    assert "".join(texts) == "a &lt; b &#60; c&nbsp;&&amp;"
    assert not any(re.search(r"&#?[0-9A-Za-z]+;", text) for text in texts), texts


def test_invalid_config_raises_with_the_error_list(registries):
    config = small_config()
    config["pages"][0]["route"] = "Home Page"
    with pytest.raises(ConfigInvalid) as caught:
        render_project(config, "uniapp", registries)
    assert caught.value.errors[0]["path"] == "$.pages[0].route"


def test_missing_page_file_is_caught_before_writing(registries, monkeypatch, tmp_path):
    emitter = EMITTERS["uniapp"]
    original = emitter.emit

    def drop_a_page(plan):
        files = original(plan)
        del files["src/pages/me/index.vue"]
        return files

    monkeypatch.setattr(emitter, "emit", drop_a_page)
    with pytest.raises(IncompleteProject, match="pages/me/index.vue"):
        generate(small_config(), "uniapp", tmp_path / "out", registries)
    assert not (tmp_path / "out").exists()


def test_regenerating_refreshes_our_folder_and_refuses_a_foreign_one(registries, tmp_path):
    out = tmp_path / "project"
    generate(demo_config(), "uniapp", out, registries)
    (out / "node_modules").mkdir()
    smaller = demo_config()
    smaller["pages"] = smaller["pages"][:1]
    del smaller["app"]["tab_bar"]
    smaller["pages"][0]["components"][4]["props"]["more_link"] = ""
    smaller["pages"][0]["components"][3]["props"]["items"][3]["link"] = ""
    generate(smaller, "uniapp", out, registries)
    assert not (out / "src/pages/cart/index.vue").exists() and (out / "node_modules").is_dir()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        generate(demo_config(), "uniapp", foreign, registries)


def test_zip_holds_every_file(registries):
    project = render_project(small_config(), "taro", registries)
    with zipfile.ZipFile(io.BytesIO(zip_project(project))) as archive:
        assert sorted(archive.namelist()) == sorted([*project.files, *project.assets])
        assert archive.read("src/assets/tabbar/home.png") == project.assets["src/assets/tabbar/home.png"]
        assert archive.read("src/app.config.js").decode() == project.files["src/app.config.js"]


def test_plugin_component_with_its_own_template(registries, tmp_path):
    template = tmp_path / "countdown.vue.j2"
    template.write_text("<template><view class=\"kd-countdown\">{{ config.label }}</view></template>\n<script setup>\ndefineProps({ config: Object })\n</script>\n")
    components = ComponentRegistry()
    for component in registries.components.all():
        components.add(component, component.plugin)
    countdown = replace(
        registries.components.get("spacer"),
        name="countdown",
        title={"zh-CN": "倒计时", "en": "Countdown"},
        props_schema={"type": "object", "properties": {"label": {"type": "string", "default": "还剩"}}},
        templates={"uniapp": str(template)},
    )
    components.add(countdown, "flash_sale")
    config = small_config()
    config["pages"][0]["components"].append({"type": "countdown", "props": {}})
    files = render_project(config, "uniapp", SimpleNamespace(components=components, themes=registries.themes, slots=SlotRegistry(), app_pages=AppPageRegistry(), media_url_prefix="")).files
    assert files["src/components/kd-countdown/kd-countdown.vue"] == template.read_text()
    assert "import KdCountdown from '@/components/kd-countdown/kd-countdown.vue'" in files["src/pages/home/index.vue"]


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_hot_zone_image_block_and_the_shared_lazy_image_are_two_files(target, registries):
    # Issue 21: the `image` block was written over the shared lazy image, so every banner and
    # product image rendered the hot-zone block without its config.
    config = demo_config()
    config["pages"][0]["components"].append({"type": "image", "props": {"image": "https://img.example.com/hz.jpg"}})
    files = render_project(config, target, registries).files
    block, lazy = layout.component_source(target, "image"), layout.component_source(target, "lazy_image")
    assert block != lazy
    assert "kd-hotzone" in files[block] and "webpUrl" in files[lazy] and "kd-hotzone" not in files[lazy]
    for name in ("banner", "nav_grid", "product_grid", "image"):
        assert layout.import_path(lazy) in files[layout.component_source(target, name)], name
    assert layout.import_path(block) in files[f"src/pages/home/index{EMITTERS[target].page_ext}"]


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_a_plugin_component_taking_a_shared_components_path_is_refused(target, registries, tmp_path):
    components = ComponentRegistry()
    for component in registries.components.all():
        components.add(component, component.plugin)
    components.add(replace(registries.components.get("spacer"), name="lazy_image"), "photo_wall")
    config = small_config()
    config["pages"][0]["components"].append({"type": "lazy_image", "props": {}})
    with pytest.raises(PathCollision) as raised:
        generate(config, target, tmp_path / "out", SimpleNamespace(components=components, themes=registries.themes, slots=SlotRegistry(), app_pages=AppPageRegistry(), media_url_prefix=""))
    message = str(raised.value)
    assert layout.component_source(target, "lazy_image") in message
    assert "shared runtime component 'lazy_image'" in message and "page component 'lazy_image' of plugin 'photo_wall'" in message
    assert not (tmp_path / "out").exists()  # refused before anything is written


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_every_block_is_rendered_inside_its_own_guard(target, registries):
    files = render_project(demo_config(), target, registries).files
    home = files[f"src/pages/home/index{EMITTERS[target].page_ext}"]
    blocks = demo_config()["pages"][0]["components"]
    opening = "<KdBlock blockId=" if target == "taro" else "<kd-block :block-id="
    assert home.count(opening) == len(blocks)
    for index, block in enumerate(blocks):
        # the analytics block id comes from page.js (README "Analytics")
        assert f"blocks[ {index} ].block_id" in home and f"type=\"{block['type']}\"" in home.replace("'", '"')
    guard = files[layout.component_source(target, "block")]
    assert ("getDerivedStateFromError" in guard) if target == "taro" else ("onErrorCaptured" in guard)
    assert "block_failed" in guard


def test_fifty_pages_generate_every_page(registries):
    # How fast is measured by bench/builder.py, not asserted here.
    project = render_project(large_config(50), "uniapp", registries)
    merchant = [page for page in project.plan.pages if not page.system]
    assert len(merchant) == 50
    # The system pages are part of the app too, so completeness and package sizes cover them.
    assert len(project.page_paths) == len(project.plan.pages) > 50
    assert "src/kd_trade/pages/refund/index.vue" in project.page_paths


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_merchant_text_reaches_no_toolchain_directive_or_html_field_raw(target, registries):
    """#27/#30: uni-app reads ``#ifdef`` markers anywhere in a source file and pastes
    ``manifest.h5.title`` into HTML; Taro H5 sets page titles with innerHTML."""
    config = small_config()
    config["app"]["name"] = "</title><svg onload=x>$'"
    config["pages"][0]["title"] = "<img src=x onerror=y>"
    config["pages"][1]["title"] = "/* #ifdef MP-WEIXIN */"
    config["pages"][0]["components"][0]["props"]["text"] = "// #endif <!-- #ifndef H5 -->"
    files = render_project(config, target, registries).files
    for path, content in files.items():
        assert not re.search(r"#\s*(ifdef|ifndef|endif)", content), path
        assert "<svg" not in content and "<img" not in content, path
    if target == "uniapp":
        manifest = json.loads(files["src/manifest.json"])
        assert manifest["h5"]["title"] == "&lt;/title&gt;&lt;svg onload=x&gt;&#36;&#39;"
        assert manifest["name"] == config["app"]["name"]
        assert "<title>&lt;/title&gt;&lt;svg onload=x&gt;&#36;&#39;</title>" in files["index.html"]
        assert json.loads(files["src/pages.json"])["pages"][1]["style"]["navigationBarTitleText"] == "/* #ifdef MP-WEIXIN */"
    else:
        page_config = files["src/pages/home/index.config.js"]
        assert "process.env.TARO_ENV === 'h5' ? \"\\u0026lt;img src=x onerror=y\\u0026gt;\" : \"\\u003cimg src=x onerror=y\\u003e\"" in page_config
