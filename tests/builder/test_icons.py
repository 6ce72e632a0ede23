"""The storefront's icon set: tab bar PNGs both targets name in their app config, SVG icons in
the theme's colours instead of emoji, and a tab's default icon from its page's components."""

from __future__ import annotations

import base64
import io
import json
import re
from dataclasses import replace

import pytest
from PIL import Image

from builder.generate import ConfigInvalid, render_project
from builder.icons import ICONS, TAB_ICON_PIXELS, png, svg, svg_body
from builder.render import TEMPLATES_ROOT
from builder.samples import demo_config

APP_CONFIG = {"uniapp": "src/pages.json", "taro": "src/app.config.js"}


def _tab_list(target: str, files: dict[str, str]) -> list[dict]:
    text = files[APP_CONFIG[target]]
    if target == "taro":
        text = text.removeprefix("export default defineAppConfig(").removesuffix(")\n")
    return json.loads(text)["tabBar"]["list"]


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_every_tab_names_a_generated_png_in_its_colours(target, registries):
    project = render_project(demo_config(), target, registries)
    tabs = _tab_list(target, project.files)
    # The demo's tabs lead to home, category, cart and me pages: each gets its page's icon.
    assert [tab["iconPath"].rsplit("/", 1)[1] for tab in tabs] == ["home.png", "category.png", "cart.png", "user.png"]
    tab_bar = project.plan.tab_bar
    for tab in tabs:
        for key, colour in (("iconPath", tab_bar["color"]), ("selectedIconPath", tab_bar["selected_color"])):
            data = project.assets[f"src/{tab[key]}"]
            assert len(data) < 40 * 1024  # WeChat refuses bigger tab icons
            image = Image.open(io.BytesIO(data)).convert("RGBA")
            assert image.size == (TAB_ICON_PIXELS, TAB_ICON_PIXELS)
            drawn = [pixel for _, pixel in image.getcolors(TAB_ICON_PIXELS**2) if pixel[3] == 255]
            assert drawn and {pixel[:3] for pixel in drawn} == {tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))}


def test_the_merchants_icon_wins_and_unknown_icons_are_refused(registries):
    config = demo_config()
    config["app"]["tab_bar"]["items"][3]["icon"] = "order"
    tabs = _tab_list("uniapp", render_project(config, "uniapp", registries).files)
    assert tabs[3]["iconPath"] == "static/tabbar/order.png"
    config["app"]["tab_bar"]["items"][3]["icon"] = "rocket"
    with pytest.raises(ConfigInvalid) as refused:
        render_project(config, "uniapp", registries)
    assert refused.value.errors[0]["path"].startswith("$.app.tab_bar")


def test_a_component_suggests_only_icons_of_the_set(registries):
    with pytest.raises(ValueError, match="tab_icon"):
        replace(registries.components.get("cart"), tab_icon="rocket").validate_definition()


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_no_emoji_in_the_generated_app(target, registries):
    files = render_project(demo_config(), target, registries).files
    emoji = re.compile("[\U0001F300-\U0001FAFF]")  # pictographs: drawn only by emoji fonts
    assert [path for path, content in files.items() if emoji.search(content)] == []
    assert "export function icon(name, tone = 'text')" in files["src/utils/icons.js"]


def test_svg_and_png_draw_the_same_icon():
    for name in ICONS:
        document = svg(name, "#2bb24c")
        assert document.startswith("<svg") and 'stroke="#2bb24c"' in document
        base64.b64encode(document.encode("ascii"))  # ASCII: the app's own base64 handles it
        image = Image.open(io.BytesIO(png(name, "#2bb24c", 24))).convert("RGBA")
        assert any(pixel[3] for _, pixel in image.getcolors(24 * 24)), name
    assert png("cart", "#ff5000") == png("cart", "#ff5000")


def _settings(config, registries) -> dict:
    text = render_project(config, "uniapp", registries).files["src/api/settings.js"]
    return json.loads(text.removeprefix("export default "))


def test_device_language_is_followed_only_among_the_shops_languages(registries):
    assert _settings(demo_config(), registries)["locales"] == ["zh-CN"]
    config = demo_config()
    config["app"]["locales"] = ["en"]
    assert _settings(config, registries)["locales"] == ["zh-CN", "en"]


@pytest.mark.parametrize(("component", "name"), [("search_bar", "search"), ("notice_bar", "notice")])
def test_editor_previews_draw_the_apps_icons(component, name, registries):
    """The editor's canvas is plain HTML: it inlines the same icon the app draws."""
    preview = (TEMPLATES_ROOT / registries.components.get(component).templates["preview"]).read_text(encoding="utf-8")
    assert svg_body(name) in preview
