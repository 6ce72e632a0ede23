"""System-page slots: plugins fill them through kaidian_register_page_slots, pages render what
registered (in a fixed order), and a bad or clashing slot component stops start-up by name."""

from __future__ import annotations

import json

import pytest

from builder.generate import render_project
from builder.samples import demo_config
from builder.slots import SLOTS, SlotComponent, slot_templates
from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.registries import RegistrationError

BUNDLED = {
    "group_buy_start": ("product_detail.actions", "group_buy"),
    "coupon_claim": ("product_detail.info", "coupons"),
    "coupon_checkout": ("checkout.sections", "coupons"),
    "points_checkout": ("checkout.sections", "points"),
    "pickup_checkout": ("checkout.sections", "community_group"),
}


def test_bundled_plugins_fill_the_slots_through_the_hook(registries):
    found = {item.name: (item.slot, item.plugin) for item in registries.slots.all()}
    assert BUNDLED.items() <= found.items()
    checkout = [item.name for item in registries.slots.by_slot()["checkout.sections"]]
    assert checkout.index("pickup_checkout") < checkout.index("coupon_checkout") < checkout.index("points_checkout")


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_generated_project_renders_every_slot_component_where_its_slot_is(target, registries):
    files = render_project(demo_config(), target, registries).files
    for name in BUNDLED:
        tag = "kd-slot-" + name.replace("_", "-")
        # in src/components/ or, used by one subpackage only, in that subpackage's components/
        stem = f"/components/{tag}/{tag}.vue" if target == "uniapp" else f"/components/{tag}/index.jsx"
        path = next((path for path in files if path.endswith(stem)), stem)
        assert path in files, path
        assert "[[" not in files[path] and "[%" not in files[path]
    if target == "uniapp":
        checkout = files["src/kd_trade/pages/checkout/index.vue"]
        for name in ("pickup_checkout", "coupon_checkout", "points_checkout"):
            tag = "kd-slot-" + name.replace("_", "-")
            assert f"<{tag} :context=\"sectionContext('" in checkout and f"@/kd_trade/components/{tag}/{tag}.vue" in checkout
        assert checkout.index("kd-slot-pickup-checkout") < checkout.index("kd-slot-coupon-checkout")
        detail = files["src/pkg_shop/components/kd-product-detail/kd-product-detail.vue"]
        assert "<kd-slot-group-buy-start" in detail and "<kd-slot-coupon-claim" in detail
        # Core's templates never name a plugin: the tags come from the registry only.
        assert "coupon" not in files["src/kd_trade/pages/order/index.vue"]
        pages = json.loads(files["src/pages.json"])
        roots = {package["root"] for package in pages["subPackages"]}
        assert {"kd_trade", "kd_account", "kd_discover"} <= roots


def _plugin(component: SlotComponent, name: str = "gift_cards"):
    class GiftCards:
        manifest = PluginManifest(name=name, version="1.0", title={"zh-CN": "礼品卡", "en": "Gift cards"})

        @hookimpl
        def kaidian_register_page_slots(self, register):
            register(component)

    return GiftCards()


def test_a_slot_component_for_an_unknown_slot_or_a_taken_name_stops_start_up(tmp_path):
    from core.app import create_app

    folder = tmp_path / "templates"
    for target, ext in (("uniapp", "vue"), ("taro", "jsx")):
        (folder / target).mkdir(parents=True)
        (folder / target / f"gift.{ext}.j2").write_text("<view />\n", encoding="utf-8")
    templates = slot_templates(folder, "gift")
    with pytest.raises(RegistrationError, match="unknown slot 'checkout.footer'"):
        create_app(plugins=[_plugin(SlotComponent(name="gift", slot="checkout.footer", templates=templates))])
    with pytest.raises(RegistrationError, match="'coupon_checkout' from plugin 'gift_cards' clashes with the one from plugin 'coupons'"):
        create_app(plugins=[_plugin(SlotComponent(name="coupon_checkout", slot="checkout.sections", templates=templates))])
    app = create_app(plugins=[_plugin(SlotComponent(name="gift", slot="checkout.sections", templates=templates, order=1))])
    first = app.state.registries.slots.by_slot()["checkout.sections"][0]
    assert (first.name, first.plugin) == ("gift", "gift_cards")
    assert set(app.state.registries.slots.by_slot()) == set(SLOTS)
