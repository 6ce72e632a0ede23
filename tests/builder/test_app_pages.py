"""Whole pages plugins add to the generated app through kaidian_register_app_pages: a subpackage
of their own, a go() name, a user-centre entry; a bad or clashing page stops start-up by name.
The coupons plugin's 领券中心 / 我的优惠券 are walked in Chromium by tests/e2e/test_journey.py."""

from __future__ import annotations

import json

import pytest

from builder.app_pages import AppPage, app_page_templates
from builder.generate import render_project
from builder.samples import demo_config
from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.registries import RegistrationError


def _routes(files):
    return json.loads(files["src/routes.js"].removeprefix("export default ").strip())


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_coupons_adds_its_pages_with_user_centre_links(target, registries):
    project = render_project(demo_config(), target, registries)
    files = project.files
    ext = ".vue" if target == "uniapp" else ".jsx"
    routes = _routes(files)
    assert routes["system"]["coupon_center"] == "/kd_coupons/pages/coupon_center/index"
    assert routes["system"]["my_coupons"] == "/kd_coupons/pages/my_coupons/index"
    assert routes["entries"] == [
        {"name": "coupon_center", "title": {"zh-CN": "领券中心", "en": "Coupon centre"}},
        {"name": "my_coupons", "title": {"zh-CN": "我的优惠券", "en": "My coupons"}},
    ]
    for name in ("coupon_center", "my_coupons"):
        source = files[f"src/kd_coupons/pages/{name}/index{ext}"]
        assert "@/runtime/index.js" in source and "[[" not in source and "[%" not in source
        assert "uni.request" not in source and "Taro.request" not in source
        assert ".kd-ticket" in (source if target == "uniapp" else files[f"src/kd_coupons/pages/{name}/index.css"])
    assert "kd_coupons" in project.plan.subpackages
    # Core's user centre names no plugin: it lists whatever pages have an entry.
    user_center = next(content for path, content in files.items() if "kd-user-center" in path and path.endswith(ext))
    assert "pageEntries()" in user_center and "coupon" not in user_center


def _plugin(*pages: AppPage, name: str = "gift_cards"):
    class GiftCards:
        manifest = PluginManifest(name=name, version="1.0", title={"zh-CN": "礼品卡", "en": "Gift cards"})

        @hookimpl
        def kaidian_register_app_pages(self, register):
            for page in pages:
                register(page)

    return GiftCards()


def _templates(tmp_path):
    folder = tmp_path / "templates"
    for target, ext in (("uniapp", "vue"), ("taro", "jsx")):
        (folder / target).mkdir(parents=True)
    (folder / "uniapp" / "gift_cards.page.vue.j2").write_text("<template><view class=\"kd-gift\">[[ page.title ]]</view></template>\n<style>[[ page_style ]]</style>\n", encoding="utf-8")
    (folder / "taro" / "gift_cards.page.jsx.j2").write_text("import './index.css'\nexport default function GiftCards() { return null }\n", encoding="utf-8")
    (folder / "common").mkdir()
    (folder / "common" / "gift_cards.page.css.j2").write_text(".kd-gift { padding: 20[[ unit ]]; }\n", encoding="utf-8")
    return app_page_templates(folder, "gift_cards")


def test_a_third_party_page_is_generated_in_its_own_subpackage(tmp_path):
    from core.app import create_app

    templates = _templates(tmp_path)
    page = AppPage(name="gift_cards", title={"zh-CN": "礼品卡", "en": "Gift cards"}, templates=templates, entry={"zh-CN": "我的礼品卡", "en": "Gift cards"}, order=1)
    registries = create_app(plugins=[_plugin(page)]).state.registries
    uniapp = render_project(demo_config(), "uniapp", registries).files
    assert ".kd-gift { padding: 20rpx; }" in uniapp["src/kd_gift_cards/pages/gift_cards/index.vue"]
    pages = json.loads(uniapp["src/pages.json"])
    package = next(item for item in pages["subPackages"] if item["root"] == "kd_gift_cards")
    assert package["pages"][0]["path"] == "pages/gift_cards/index" and package["pages"][0]["style"]["navigationBarTitleText"] == "礼品卡"
    assert _routes(uniapp)["entries"][0] == {"name": "gift_cards", "title": {"zh-CN": "我的礼品卡", "en": "Gift cards"}}
    taro = render_project(demo_config(), "taro", registries).files
    assert taro["src/kd_gift_cards/pages/gift_cards/index.css"] == ".kd-gift { padding: 20px; }\n"
    assert "src/kd_gift_cards/pages/gift_cards/index.config.js" in taro


def test_a_bad_or_clashing_page_stops_start_up_naming_the_plugin(tmp_path):
    from core.app import create_app

    templates = _templates(tmp_path)
    title = {"zh-CN": "礼品卡", "en": "Gift cards"}
    with pytest.raises(RegistrationError, match="app page 'checkout' from plugin 'gift_cards' has the name of a system page"):
        create_app(plugins=[_plugin(AppPage(name="checkout", title=title, templates=templates))])
    with pytest.raises(RegistrationError, match="'coupon_center' from plugin 'gift_cards' clashes with the one from plugin 'coupons'"):
        create_app(plugins=[_plugin(AppPage(name="coupon_center", title=title, templates=templates))])
    with pytest.raises(RegistrationError, match="needs a uniapp and a taro template"):
        create_app(plugins=[_plugin(AppPage(name="gift", title=title, templates={"uniapp": templates["uniapp"]}))])
    with pytest.raises(RegistrationError, match="title needs zh-CN and en"):
        create_app(plugins=[_plugin(AppPage(name="gift", title={"zh-CN": "礼品卡"}, templates=templates))])
