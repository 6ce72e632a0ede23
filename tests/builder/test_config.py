"""Page configuration: assembled schema, migration on load, errors as {path, message zh/en}."""

from __future__ import annotations

import copy

import jsonschema
import pytest

from builder.config import config_schema, upgrade_config, validate_config
from builder.samples import demo_config, large_config


def _errors(config, registries):
    return validate_config(upgrade_config(config, registries.components), registries.components, list(registries.themes))


def test_samples_are_valid(registries):
    assert _errors(demo_config(), registries) == []
    assert _errors(large_config(40), registries) == []


def test_assembled_schema_is_draft_2020_12_and_names_every_component(registries):
    schema = config_schema(registries.components, list(registries.themes))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {f"props_{c.name}" for c in registries.components.all()} == set(schema["$defs"])
    assert schema["properties"]["app"]["properties"]["theme"]["enum"] == ["default", "fresh_grocery", "premium_dark"]


def test_prop_errors_carry_json_paths_and_both_languages(registries, demo):
    home = demo["pages"][0]["components"]
    home[1]["props"]["slides"][0]["image"] = "javascript:alert(1)"
    home[2]["props"]["text"] = 42
    home[5]["props"]["limit"] = 500
    home.append({"type": "teleporter", "props": {}})
    errors = _errors(demo, registries)
    by_path = {error["path"]: error["message"] for error in errors}
    assert by_path["$.pages[0].components[1].props.slides[0].image"] == {"zh-CN": "格式不正确", "en": "Has the wrong format"}
    assert by_path["$.pages[0].components[2].props.text"] == {"zh-CN": "应为文本", "en": "Must be text"}
    assert by_path["$.pages[0].components[5].props.limit"] == {"zh-CN": "不能大于 50", "en": "Must be at most 50"}
    unknown = by_path["$.pages[0].components[6].type"]["en"]
    assert unknown.startswith("'teleporter' is not allowed; must be one of:")
    assert all(component.name in unknown for component in registries.components.page_components()), unknown
    assert len(errors) == 4


def test_images_are_https_or_from_this_machines_own_media_store(registries, demo):
    from builder.samples import demo_shop_config

    slides = demo["pages"][0]["components"][1]["props"]["slides"]
    for url, valid in [
        ("http://127.0.0.1:8000/media/1/0123456789abcdef0123456789abcdef.png", True),
        ("http://localhost:8123/media/1/a.png", True),
        ("http://img.example.com/a.png", False),
        ("http://127.0.0.1.evil.example.com/a.png", False),
        ("data:image/png;base64,AAAA", False),
    ]:
        slides[0]["image"] = url
        assert (_errors(demo, registries) == []) is valid, url
    # The demo shop's pages, with pictures from its own media store, are valid as they are.
    local = "http://127.0.0.1:8000/media/1/{}.png"
    images = {"banner-1": local.format("b1"), "banner-2": local.format("b2"), "nav:数码": local.format("n1"), "nav:购物车": local.format("n2")}
    config = demo_shop_config("开店演示店", 1, "http://127.0.0.1:8000", images, {"数码": 3})
    assert _errors(config, registries) == []
    home = {block["type"]: block["props"] for block in config["pages"][0]["components"]}
    assert [item["link"] for item in home["nav_grid"]["items"]] == ["category:3", "page:cart"]
    assert [slide["image"] for slide in home["banner"]["slides"]] == [images["banner-1"], images["banner-2"]]


def test_conditional_requirements_of_product_source(registries, demo):
    demo["pages"][0]["components"][5]["props"] = {"source": "category"}
    errors = _errors(demo, registries)
    assert errors == [{"path": "$.pages[0].components[5].props", "message": {"zh-CN": "请填写分类", "en": "Category is required"}}]


def test_unknown_and_missing_fields(registries, demo):
    del demo["pages"][1]["title"]
    demo["pages"][0]["components"][4]["props"]["colour"] = "red"
    errors = {error["path"]: error["message"]["en"] for error in _errors(demo, registries)}
    assert errors["$.pages[1]"] == "Page title is required"
    assert errors["$.pages[0].components[4].props"] == "Unknown fields: colour"


def test_routes_and_identifiers_must_be_safe(registries, demo):
    demo["pages"][1]["route"] = "../../etc"
    demo["pages"][4]["subpackage"] = "a b"
    paths = {error["path"] for error in _errors(demo, registries)}
    assert {"$.pages[1].route", "$.pages[4].subpackage"} <= paths


def test_rules_beyond_the_schema(registries, demo):
    broken = copy.deepcopy(demo)
    broken["pages"][2]["route"] = "home"  # duplicate
    broken["app"]["tab_bar"]["items"][3]["page"] = "product"  # tab page in a subpackage
    broken["pages"][0]["components"][4]["props"]["more_link"] = "page:nowhere"
    messages = {error["path"]: error["message"]["en"] for error in _errors(broken, registries)}
    assert messages["$.pages[2].route"] == "Route home is used twice"
    assert messages["$.app.tab_bar.items[3].page"] == "Tab bar pages cannot be in a subpackage"
    assert messages["$.app.tab_bar.items[2].page"] == "The tab bar names a missing page cart"
    assert messages["$.pages[0].components[4].props.more_link"] == "The link points at a missing page nowhere"

    home_in_subpackage = copy.deepcopy(demo)
    home_in_subpackage["pages"][0]["subpackage"] = "x"
    assert "$.pages[0].subpackage" in {error["path"] for error in _errors(home_in_subpackage, registries)}


def test_upgrade_fills_defaults_and_migrates_old_versions(registries, demo):
    demo["pages"][0]["components"][5] = {"type": "product_grid", "version": 1, "props": {"columns": 3, "count": 4, "source": "tag", "tag": "hot"}}
    upgraded = upgrade_config(demo, registries.components)
    block = upgraded["pages"][0]["components"][5]
    assert block["version"] == 2
    assert block["props"]["layout"] == "grid3" and block["props"]["limit"] == 4 and block["props"]["show_price"] is True
    assert demo["pages"][0]["components"][5]["version"] == 1  # the input is not changed
    assert _errors(demo, registries) == []


def _nested(levels: int) -> dict:
    value: dict = {}
    for _ in range(levels):
        value = {"a": value}
    return value


def test_out_of_bounds_configurations_get_one_clear_error(registries, demo):
    """#27 §4: depth, component count and size are refused before any recursive work."""
    deep = copy.deepcopy(demo)
    deep["pages"][0]["components"][0]["props"]["placeholder"] = _nested(600)
    errors = _errors(deep, registries)
    assert len(errors) == 1 and errors[0]["path"].startswith("$.pages[0].components[0].props.placeholder.a")
    assert errors[0]["message"]["en"] == "Nested deeper than 16 levels"

    crowded = copy.deepcopy(demo)
    crowded["pages"] = [{"route": f"p{index}", "title": "页", "components": [{"type": "spacer", "props": {}}] * 60} for index in range(40)]
    assert _errors(crowded, registries) == [{"path": "$.pages", "message": {"zh-CN": "组件共 2400 个，最多 2000 个", "en": "2400 components in all; at most 2000"}}]

    huge = copy.deepcopy(demo)
    huge["pages"][0]["components"][0]["props"]["placeholder"] = "字" * 2_100_000
    assert _errors(huge, registries)[0]["message"]["en"].startswith("The configuration is too large")


def test_errors_sort_by_index_as_numbers(registries, demo):
    demo["pages"] = [{"route": f"p{index}", "title": "", "components": []} for index in range(12)]
    paths = [error["path"] for error in _errors(demo, registries)]
    assert paths.index("$.pages[2].title") < paths.index("$.pages[10].title"), paths


def test_every_link_valued_prop_is_checked_against_the_pages(registries, demo):
    """#27 §5: links are found by their schema (``schema_parts.link``), whatever the prop is
    called, in core's and plugins' components alike."""
    home = demo["pages"][0]["components"]
    home.append({"type": "bargain_list", "props": {"progress_page": "page:nowhere"}})
    home.append({"type": "leader_entry_card", "props": {"apply_link": "page:gone"}})
    home.append({"type": "group_buy_list", "version": 2, "props": {"join_page": "page:cart"}})
    home.append({"type": "group_buy_list", "version": 2, "props": {"join_page": "pages/cart/index"}})
    errors = {error["path"]: error["message"]["en"] for error in _errors(demo, registries)}
    assert errors == {"$.pages[0].components[9].props.join_page": "Has the wrong format"}, errors
    del home[9]
    errors = {error["path"]: error["message"]["en"] for error in _errors(demo, registries)}
    assert errors == {
        "$.pages[0].components[6].props.progress_page": "The link points at a missing page nowhere",
        "$.pages[0].components[7].props.apply_link": "The link points at a missing page gone",
    }


def test_group_buy_join_page_paths_migrate_to_links(registries):
    definition = registries.components.get("group_buy_list")
    assert definition.upgrade_props({"join_page": "pkg_shop/pages/join/index"}, 1)["join_page"] == "page:join"
    assert definition.upgrade_props({"join_page": "pages/group-buy/join"}, 1)["join_page"] == ""
    assert definition.upgrade_props({"join_page": "page:join"}, 1)["join_page"] == "page:join"
    assert definition.with_defaults({})["join_page"] == ""


def test_page_components_must_use_the_one_link_format():
    from builder.registry import ComponentDefinition

    bad = ComponentDefinition(
        name="odd_link", title={"zh-CN": "链接", "en": "Link"}, category="basic",
        props_schema={"type": "object", "properties": {"to": {"type": "string", "x-widget": "page-link"}}},
    )
    with pytest.raises(ValueError, match="must use builder.schema_parts.link"):
        bad.validate_definition()


def test_a_wrong_props_type_is_reported_once(registries, demo):
    demo["pages"][0]["components"][0]["props"] = "x"
    assert _errors(demo, registries) == [
        {"path": "$.pages[0].components[0].props", "message": {"zh-CN": "应为对象", "en": "Must be an object"}}
    ]


def test_a_required_prop_left_out_is_reported_missing_despite_its_default(registries, demo):
    """#27 §6: ``title.text`` is required and its default is ""; leaving it out is a problem."""
    title = next(index for index, block in enumerate(demo["pages"][0]["components"]) if block["type"] == "title")
    del demo["pages"][0]["components"][title]["props"]["text"]
    assert _errors(demo, registries) == [
        {"path": f"$.pages[0].components[{title}].props", "message": {"zh-CN": "请填写标题", "en": "Title is required"}}
    ]
    # the editor still starts a new block with every default, the required ones included
    assert registries.components.get("title").defaults()["text"] == ""


def test_images_from_the_shops_media_store_are_accepted_even_over_plain_http(registries, demo):
    """#29: the demo's media store may serve http on a LAN address; its own URLs are the shop's
    images, while http from anywhere else stays refused."""
    store = "http://192.168.1.20:8000/media"
    banner = next(block for block in demo["pages"][0]["components"] if block["type"] == "banner")
    banner["props"]["slides"][0]["image"] = f"{store}/1/2f/photo.webp"
    upgraded = upgrade_config(demo, registries.components)
    assert validate_config(upgraded, registries.components, list(registries.themes), media_url_prefix=store) == []
    refused = validate_config(upgraded, registries.components, list(registries.themes))
    assert [error["message"]["zh-CN"] for error in refused] == ["格式不正确"]
    banner["props"]["slides"][0]["image"] = "http://192.168.1.20:8000/elsewhere/photo.webp"
    upgraded = upgrade_config(demo, registries.components)
    assert len(validate_config(upgraded, registries.components, list(registries.themes), media_url_prefix=store)) == 1
