"""The component registry: core's basics, editor hints, versions and clashes."""

from __future__ import annotations

import pytest

from builder.registry import ComponentConflict, ComponentDefinition, ComponentRegistry
from builder.render import TEMPLATES_ROOT
from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.registries import RegistrationError

CORE_BASICS = {
    "search_bar", "banner", "notice_bar", "nav_grid", "product_grid", "image", "video", "rich_text",
    "title", "spacer", "divider", "category_page", "product_detail", "cart", "user_center", "tab_bar",
}


def _definition(name: str = "coupon_block", **extra) -> ComponentDefinition:
    values = {
        "name": name,
        "title": {"zh-CN": "优惠券", "en": "Coupons"},
        "category": "marketing",
        "props_schema": {"type": "object", "properties": {"limit": {"type": "integer", "default": 3}}},
    }
    values.update(extra)
    return ComponentDefinition(**values)


def test_core_registers_every_basic_component_with_templates_for_both_targets(registries):
    names = {component.name for component in registries.components.all()}
    assert CORE_BASICS <= names
    for component in registries.components.page_components():
        assert component.plugin == "builder" or component.name not in CORE_BASICS
        for target in ("uniapp", "taro"):
            assert (TEMPLATES_ROOT / component.templates[target]).is_file(), (component.name, target)
    assert registries.components.get("tab_bar").placement == "app"


def test_catalogue_entries_carry_editor_hints_and_defaults(registries):
    entry = registries.components.get("product_grid").catalogue_entry()
    source = entry["props_schema"]["properties"]["source"]
    assert source["x-widget"] == "radio"
    assert source["x-enum-labels"]["manual"] == {"zh-CN": "手动选择", "en": "Hand-picked"}
    assert entry["props_schema"]["properties"]["category_id"]["x-widget"] == "category"
    assert entry["defaults"]["layout"] == "grid2" and entry["data_source"] == "products"
    assert entry["schema_version"] == 2


def test_product_grid_props_from_version_1_are_migrated(registries):
    grid = registries.components.get("product_grid")
    upgraded = grid.upgrade_props({"columns": 3, "count": 9, "source": "tag", "tag": "new"}, 1)
    assert upgraded == {"layout": "grid3", "limit": 9, "source": "tag", "tag": "new"}
    with pytest.raises(ValueError, match="newer"):
        grid.upgrade_props({}, 3)


def test_data_request_derives_batch_parameters_from_props(registries):
    grid = registries.components.get("product_grid")
    assert grid.data_request({"source": "manual", "product_ids": [5, 2], "limit": 2}) == {
        "source": "products",
        "params": {"by": "manual", "ids": [5, 2], "limit": 2},
    }
    assert registries.components.get("title").data_request({"text": "x"}) is None


def test_duplicate_names_are_refused_naming_both_plugins():
    registry = ComponentRegistry()
    registry.add(_definition(), "coupons")
    with pytest.raises(ComponentConflict, match="'group_buy'.*'coupons'"):
        registry.add(_definition(), "group_buy")


def test_duplicate_of_a_core_component_stops_app_start_up():
    from core.app import create_app

    class BannerThief:
        manifest = PluginManifest(name="banner_thief", version="1.0", title={"zh-CN": "抢", "en": "Thief"})

        @hookimpl
        def kaidian_register_page_components(self, register):
            register(_definition("banner"))

    with pytest.raises(RegistrationError, match="banner_thief.*builder"):
        create_app(plugins=[BannerThief()])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"name": "Bad-Name"}, "lower-case"),
        ({"title": {"zh-CN": "只有中文"}}, "en title"),
        ({"schema_version": 2}, "migrate"),
        ({"templates": {"flutter": "x.j2"}}, "unknown targets"),
        ({"props_schema": {"type": "object", "properties": {"c": {"type": "string", "x-widget": "telepathy"}}}}, "telepathy"),
        ({"data_params": lambda props: {}}, "data_source"),
    ],
)
def test_invalid_definitions_are_refused(extra, message):
    with pytest.raises(ValueError, match=message):
        ComponentRegistry().add(_definition(**extra), "someone")


def test_record_references_follow_x_reference_and_links():
    from builder.config import record_references
    from builder.schema_parts import link

    registry = ComponentRegistry()
    schema = {
        "type": "object",
        "properties": {
            "design_id": {"type": "integer", "x-reference": "gift_card"},
            "cards": {"type": "array", "items": {"type": "object", "properties": {"link": link("链接", "Link"), "design_ids": {"type": "array", "x-reference": "gift_card", "items": {"type": "integer"}}}}},
            "limit": {"type": "integer"},
        },
    }
    registry.add(_definition("gift_cards", props_schema=schema), "gift_cards")
    config = {"pages": [{"route": "home", "components": [
        {"type": "gift_cards", "props": {"design_id": 4, "limit": 9, "cards": [{"link": "category:7", "design_ids": [5, True]}, {"link": "page:home"}]}},
        {"type": "unknown_block", "props": {"design_id": 1}},
    ]}]}
    assert record_references(config, registry) == [
        ("$.pages[0].components[0].props.design_id", "gift_card", 4),
        ("$.pages[0].components[0].props.cards[0].design_ids[0]", "gift_card", 5),
        ("$.pages[0].components[0].props.cards[0].link", "category", 7),
    ]


def test_a_reference_kind_needs_a_shop_model_and_a_free_name():
    from core.catalog.models import Product
    from core.shops.models import Agency
    from core.shops.references import ReferenceKinds

    kinds = ReferenceKinds()
    kinds.add("product", Product, None, "core")
    with pytest.raises(ValueError, match="clashes with plugin 'core'"):
        kinds.add("product", Product, None, "other")
    with pytest.raises(ValueError, match="shop_id field"):
        kinds.add("agency", Agency, None, "other")
    with pytest.raises(ValueError, match="lower-case"):
        kinds.add("Gift Card", Product, None, "other")
    with pytest.raises(ValueError, match="needs a title"):
        kinds.add("gift_card", Product, None, "other", {"zh-CN": "礼品卡"})
    kinds.add("gift_card", Product, None, "other", {"zh-CN": "礼品卡", "en": "Gift card"})
    assert (kinds.title("gift_card", "zh-CN"), kinds.title("gift_card", "en"), kinds.title("gone", "en")) == ("礼品卡", "Gift card", "gone")
