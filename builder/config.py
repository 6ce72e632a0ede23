"""The page configuration: its JSON Schema (assembled from the registered components) and checks.

A configuration is ``{"schema_version": 1, "app": {...}, "pages": [...]}``. Each page holds
``components``: ``{"id": <optional block id>, "type": <component name>, "version": <its schema
version>, "props": {...}}``.
Validation returns a list of ``{"path": "$.pages[0].components[1].props.title",
"message": {"zh-CN": ..., "en": ...}}``; an empty list means the configuration is good.
"""

from __future__ import annotations

import copy
import hashlib
import re
import secrets
from collections.abc import Callable
from typing import Any

import jsonschema

from core.schema_messages import translate
from builder.schema_parts import LINK_DOMAIN_PATTERN, link_url_allowed, link_url_host, t
from builder.registry import ComponentRegistry
from themes import THEME_OVERRIDES_SCHEMA

CONFIG_SCHEMA_VERSION = 1
IDENTIFIER = r"^[a-z][a-z0-9_]{0,39}$"
# A block's own id (README "Analytics"): kept while the block is moved or
# edited, so analytics counts stay with the block. Blocks without one are "<route>.<index>".
BLOCK_ID = r"^[A-Za-z0-9_-]{1,32}$"
MAX_PAGES = 200
MAX_COMPONENTS_PER_PAGE = 60
# Bounds checked before anything recursive (deepcopy, JSON Schema) touches a configuration, so
# hostile input costs a bounded, small amount of work: a real one is under ~8 levels deep.
MAX_DEPTH = 16
MAX_COMPONENTS = 2000
MAX_CONFIG_CHARS = 2_000_000

ConfigError = dict[str, Any]


def config_schema(components: ComponentRegistry, themes: list[str]) -> dict[str, Any]:
    """The whole configuration's schema; each component's props are checked by its own schema."""
    page_components = components.page_components()
    defs: dict[str, Any] = {f"props_{c.name}": _without_meta(c.props_schema) for c in components.all()}
    component_rules = [
        {
            "if": {"properties": {"type": {"const": c.name}}, "required": ["type"]},
            "then": {"properties": {"props": {"$ref": f"#/$defs/props_{c.name}"}, "version": {"maximum": c.schema_version}}},
        }
        for c in page_components
    ]
    tab_bar = components.get("tab_bar")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kaidian.dev/schemas/page-config.json",
        "title": "kaidian page configuration",
        "type": "object",
        "required": ["schema_version", "app", "pages"],
        "additionalProperties": False,
        "properties": {
            "schema_version": {"const": CONFIG_SCHEMA_VERSION},
            "app": {
                "type": "object",
                "required": ["name", "theme"],
                "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 30, "x-title": t("小程序名称", "App name")},
                    "theme": {"enum": sorted(themes), "x-title": t("主题", "Theme")},
                    "theme_overrides": _without_meta(THEME_OVERRIDES_SCHEMA),
                    "tab_bar": {"$ref": "#/$defs/props_tab_bar"} if tab_bar else {"type": "object"},
                    "default_locale": {"enum": ["zh-CN", "en"], "default": "zh-CN"},
                    # Languages the shop offers besides its default: the app follows the device's
                    # language only among these, so a zh-CN shop never mixes in English buttons.
                    "locales": {"type": "array", "items": {"enum": ["zh-CN", "en"]}, "uniqueItems": True, "maxItems": 2, "x-title": t("可用语言", "Languages")},
                    # Hosts the app's outside links (``url:https://…``) may go to; any other is
                    # refused when saved and again by the app at run time.
                    "link_domains": {
                        "type": "array",
                        "items": {"type": "string", "pattern": LINK_DOMAIN_PATTERN, "maxLength": 253},
                        "uniqueItems": True,
                        "maxItems": 20,
                        "default": [],
                        "x-title": t("外链域名白名单", "Allowed link domains"),
                    },
                    "api": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "base_url": {"type": "string", "pattern": r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$", "maxLength": 200},
                            "shop_id": {"type": "integer", "minimum": 1},
                            "image_webp_param": {"type": "string", "pattern": r"^[A-Za-z0-9_.=/,-]{0,60}$"},
                        },
                    },
                },
            },
            "pages": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_PAGES,
                "items": {
                    "type": "object",
                    "required": ["route", "title", "components"],
                    "additionalProperties": False,
                    "properties": {
                        "route": {"type": "string", "pattern": IDENTIFIER, "x-title": t("页面路径", "Route")},
                        "title": {"type": "string", "minLength": 1, "maxLength": 30, "x-title": t("页面标题", "Page title")},
                        "subpackage": {"type": "string", "pattern": IDENTIFIER},
                        "background": {"type": "string", "pattern": r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"},
                        "pull_to_refresh": {"type": "boolean"},
                        "components": {
                            "type": "array",
                            "x-title": t("页面组件", "Blocks"),
                            "maxItems": MAX_COMPONENTS_PER_PAGE,
                            "items": {
                                "type": "object",
                                "required": ["type", "props"],
                                "additionalProperties": False,
                                "properties": {
                                    "id": {"type": "string", "pattern": BLOCK_ID},
                                    "type": {"enum": [c.name for c in page_components], "x-title": t("组件类型", "Block type")},
                                    "version": {"type": "integer", "minimum": 1},
                                    "props": {"type": "object"},
                                },
                                "allOf": component_rules,
                            },
                        },
                    },
                },
            },
        },
        "$defs": defs,
    }


def _without_meta(schema: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in schema.items() if key != "$schema"}


def bounds_errors(config: Any) -> list[ConfigError]:
    """The configuration's size problems (nesting, components, characters), found without
    recursion and stopping at the first bound exceeded; [] when it is within bounds."""
    stack: list[tuple[Any, str, int]] = [(config, "$", 0)]
    chars = 0
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            return [_error(path, f"嵌套超过 {MAX_DEPTH} 层", f"Nested deeper than {MAX_DEPTH} levels")]
        if isinstance(value, dict):
            chars += 2 + sum(len(str(key)) for key in value)
            stack.extend((item, f"{path}.{key}", depth + 1) for key, item in value.items())
        elif isinstance(value, list):
            chars += 2 + len(value)
            stack.extend((item, f"{path}[{index}]", depth + 1) for index, item in enumerate(value))
        else:
            chars += len(value) if isinstance(value, str) else 8
        if chars > MAX_CONFIG_CHARS:
            return [_error("$", f"配置过大（超过 {MAX_CONFIG_CHARS} 个字符）", f"The configuration is too large (over {MAX_CONFIG_CHARS} characters)")]
    pages = config.get("pages") if isinstance(config, dict) else None
    if isinstance(pages, list):
        count = sum(len(page["components"]) for page in pages if isinstance(page, dict) and isinstance(page.get("components"), list))
        if count > MAX_COMPONENTS:
            return [_error("$.pages", f"组件共 {count} 个，最多 {MAX_COMPONENTS} 个", f"{count} components in all; at most {MAX_COMPONENTS}")]
    return []


def upgrade_config(config: dict[str, Any], components: ComponentRegistry) -> dict[str, Any]:
    """A copy with every component's props migrated to its current version and defaults filled.

    Unknown component types and malformed entries are left alone for ``validate_config`` to
    report with their paths; so is a configuration out of bounds (``bounds_errors``).
    """
    if bounds_errors(config):
        return config
    upgraded = copy.deepcopy(config)
    for page in upgraded.get("pages", []) if isinstance(upgraded.get("pages"), list) else []:
        if not isinstance(page, dict) or not isinstance(page.get("components"), list):
            continue
        for block in page["components"]:
            if not isinstance(block, dict) or not isinstance(block.get("props"), dict):
                continue
            definition = components.get(block.get("type"))
            version = block.get("version", 1)
            if definition is None or not isinstance(version, int) or version > definition.schema_version:
                continue
            # a required prop left out is reported missing, not quietly given its default
            block["props"] = definition.with_defaults(definition.upgrade_props(block["props"], version), fill_required=False)
            block["version"] = definition.schema_version
    app = upgraded.get("app")
    tab_bar = components.get("tab_bar")
    if isinstance(app, dict) and isinstance(app.get("tab_bar"), dict) and tab_bar is not None:
        app["tab_bar"] = tab_bar.with_defaults(app["tab_bar"])
    return upgraded


def validate_config(config: Any, components: ComponentRegistry, themes: list[str], *, media_url_prefix: str = "") -> list[ConfigError]:
    """Every problem of an (upgraded) configuration, sorted by path; [] when it is good.

    ``media_url_prefix`` is the shop's media store: an image or video field may hold any of its
    URLs, even plain http (the demo's store on a LAN address), besides the https the schema allows."""
    too_large = bounds_errors(config)
    if too_large:
        return too_large
    schema = config_schema(components, themes)
    validator = jsonschema.Draft202012Validator(schema)
    errors: list[ConfigError] = []
    seen: set[tuple[str, str]] = set()
    for error in validator.iter_errors(config):
        if error.validator in ("allOf", "if", "then"):
            continue  # the branch's own errors are reported with their paths
        if error.validator == "pattern" and _own_media(error, media_url_prefix):
            continue
        message = translate(error, schema)
        if (error.json_path, message["en"]) in seen:
            continue  # e.g. ``props: "x"`` fails both the item's and the component's "object"
        seen.add((error.json_path, message["en"]))
        errors.append({"path": error.json_path, "message": message})
    if not errors:
        errors.extend(_semantic_errors(config, components))
    return sorted(errors, key=lambda item: _path_order(item["path"]))


_MEDIA_PATH = re.compile(r"^/[A-Za-z0-9._~%!$&'()*+,;=:@/?-]+$")


def _own_media(error: jsonschema.ValidationError, prefix: str) -> bool:
    value = error.instance
    if not prefix or error.schema.get("x-widget") not in ("image", "video") or not isinstance(value, str):
        return False
    return value.startswith(prefix + "/") and bool(_MEDIA_PATH.match(value[len(prefix):]))


def _path_order(path: str) -> list[Any]:
    """Sort key reading indexes as numbers: ``pages[2]`` before ``pages[10]``."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path)]


def _error(path: str, zh: str, en: str) -> ConfigError:
    return {"path": path, "message": {"zh-CN": zh, "en": en}}


def _semantic_errors(config: dict[str, Any], components: ComponentRegistry) -> list[ConfigError]:
    """Rules a schema cannot state: unique routes, links and tabs pointing at real pages."""
    errors: list[ConfigError] = []
    pages = config["pages"]
    routes: dict[str, int] = {}
    for index, page in enumerate(pages):
        if page["route"] in routes:
            errors.append(_error(f"$.pages[{index}].route", f"页面路径 {page['route']} 重复", f"Route {page['route']} is used twice"))
        routes.setdefault(page["route"], index)
    home = pages[0]
    if home.get("subpackage"):
        errors.append(_error("$.pages[0].subpackage", "首页必须在主包中", "The home page must be in the main package"))
    subpackage_names = {page.get("subpackage") for page in pages if page.get("subpackage")}
    for name in sorted(subpackage_names & {"pages", "components", "api", "utils", "locale", "styles", "static"}):
        errors.append(_error("$.pages", f"分包名 {name} 与项目目录冲突", f"Subpackage name {name} clashes with a project folder"))

    tab_bar = config["app"].get("tab_bar")
    if tab_bar:
        seen: set[str] = set()
        for index, item in enumerate(tab_bar["items"]):
            path = f"$.app.tab_bar.items[{index}].page"
            page_index = routes.get(item["page"])
            if page_index is None:
                errors.append(_error(path, f"底部导航指向不存在的页面 {item['page']}", f"The tab bar names a missing page {item['page']}"))
            elif pages[page_index].get("subpackage"):
                errors.append(_error(path, "底部导航页面不能放在分包中", "Tab bar pages cannot be in a subpackage"))
            if item["page"] in seen:
                errors.append(_error(path, "底部导航页面重复", "The tab bar lists this page twice"))
            seen.add(item["page"])

    link_domains = config["app"].get("link_domains") or []
    block_ids: set[str] = set()
    for page_index, page in enumerate(pages):
        for block_index, block in enumerate(page["components"]):
            if "id" in block:
                if block["id"] in block_ids:
                    errors.append(_error(f"$.pages[{page_index}].components[{block_index}].id", f"组件 ID {block['id']} 重复", f"Block id {block['id']} is used twice"))
                block_ids.add(block["id"])
            definition = components.get(block["type"])
            prefix = f"$.pages[{page_index}].components[{block_index}].props"
            for path, target in _links(block["props"], definition.props_schema, prefix):
                kind, _, value = target.partition(":")
                if kind == "page" and value not in routes:
                    errors.append(_error(path, f"链接指向不存在的页面 {value}", f"The link points at a missing page {value}"))
                elif kind == "url" and not link_url_allowed(target, link_domains):
                    errors.append(outside_link_error(path, target))
    return errors


def outside_link_error(path: str, link: str) -> ConfigError:
    """The problem of an outside link whose host is not on the shop's allow-list."""
    host = link_url_host(link)
    return _error(path, f"外链域名 {host} 不在白名单（应用设置 link_domains）中", f"The link's domain {host} is not on the allow-list (app setting link_domains)")


def block_id(block: dict[str, Any], route: str, index: int) -> str:
    """The id analytics events carry for a block: its own, else ``<route>.<index>``."""
    return block.get("id") or f"{route}.{index}"


def with_block_ids(config: dict[str, Any]) -> dict[str, Any]:
    """A copy where every block has an id: blocks without one get an id made from their page
    route and position, so the same block in a shop's draft and published versions gets the
    same id. Ids already present are kept; a made id never repeats one of them."""
    done = copy.deepcopy(config)
    blocks = [
        (str(page.get("route")), index, block)
        for page in done.get("pages", [])
        if isinstance(page, dict) and isinstance(page.get("components"), list)
        for index, block in enumerate(page["components"])
        if isinstance(block, dict)
    ]
    taken = {block["id"] for _, _, block in blocks if isinstance(block.get("id"), str)}
    for route, index, block in blocks:
        if isinstance(block.get("id"), str):
            continue
        seed = f"{route}.{index}"
        while (made := "b" + hashlib.sha1(seed.encode()).hexdigest()[:9]) in taken:
            seed += "+"
        block["id"] = made
        taken.add(made)
    return done


def give_new_blocks_ids(config: dict[str, Any]) -> None:
    """Give every block without an id a fresh random one, in place (on saving a configuration).

    Analytics counts a block by its id, so the id must follow the block: it is stored with the
    block, kept by the editor through moves and edits, and copied into every later version; a
    position-based id would pass to whichever block next stands there. Random ids, not ids made
    from the position, so a block inserted where a deleted one stood never inherits its history.
    Unique within the configuration (``validate_config`` refuses duplicates)."""
    blocks = [
        block
        for page in (config.get("pages") if isinstance(config.get("pages"), list) else [])
        if isinstance(page, dict) and isinstance(page.get("components"), list)
        for block in page["components"]
        if isinstance(block, dict)
    ]
    taken = {block["id"] for block in blocks if isinstance(block.get("id"), str)}
    for block in blocks:
        if "id" in block:
            continue  # a malformed id is the validator's to report, not ours to replace
        while (made := "b" + secrets.token_hex(6)) in taken:
            pass
        block["id"] = made
        taken.add(made)


def _walk_props(value: Any, schema: dict[str, Any], path: str, pick: Callable[[Any, dict[str, Any], str], list[Any] | None]) -> list[Any]:
    """What ``pick(value, schema, path)`` finds in ``value`` and, where it returns None, in the
    values nested in it, following the props schema (``properties``, ``items``)."""
    picked = pick(value, schema, path)
    if picked is not None:
        return picked
    found: list[Any] = []
    if isinstance(value, dict):
        for key, item in value.items():
            child = schema.get("properties", {}).get(key)
            if isinstance(child, dict):
                found.extend(_walk_props(item, child, f"{path}.{key}", pick))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            found.extend(_walk_props(item, schema["items"], f"{path}[{index}]", pick))
    return found


def _pick_link(value: Any, schema: dict[str, Any], path: str) -> list[tuple[str, str]] | None:
    if schema.get("x-widget") == "page-link" and isinstance(value, str):
        return [(path, value)] if value else []
    return None


def _links(value: Any, schema: dict[str, Any], path: str) -> list[tuple[str, str]]:
    """The link values in ``value``: strings whose schema is a link (``schema_parts.link``,
    widget ``page-link``), wherever a component's props schema puts them."""
    return _walk_props(value, schema, path, _pick_link)


# Editor widgets that pick a record, and the reference kind they imply (``x-reference`` names
# one explicitly; see ``kaidian_register_reference_kinds``).
WIDGET_REFERENCES = {"product": "product", "products": "product", "category": "category"}
_LINK_REFERENCE = re.compile(r"^([a-z][a-z0-9_]{0,39}):([1-9][0-9]{0,11})$")


def record_references(config: dict[str, Any], components: ComponentRegistry) -> list[tuple[str, str, int]]:
    """Every ``(path, kind, id)`` by which the blocks of ``config`` name a stored record: props
    whose schema says ``x-reference`` (or a record-picking widget), and links ``<kind>:<id>``
    other than ``page:``. Blocks of unknown components are skipped (validation reports them)."""
    found: list[tuple[str, str, int]] = []
    for prefix, props, definition in _blocks(config, components):
        found.extend(_walk_props(props, definition.props_schema, prefix, _pick_record_ids))
    return found + link_references(config, components)


def link_references(config: dict[str, Any], components: ComponentRegistry) -> list[tuple[str, str, int]]:
    """Every ``(path, kind, id)`` of a link ``<kind>:<id>`` (not ``page:``) in ``config``'s
    blocks: the kind must be a linkable reference kind, the id one of its records."""
    found: list[tuple[str, str, int]] = []
    for prefix, props, definition in _blocks(config, components):
        for path, target in _links(props, definition.props_schema, prefix):
            reference = link_reference(target)
            if reference:
                found.append((path, *reference))
    return found


def link_reference(link: str) -> tuple[str, int] | None:
    """``(kind, id)`` of a link to a record (``coupon:5``); None for pages, outside links, ''."""
    match = _LINK_REFERENCE.match(link)
    if match and match.group(1) != "page":
        return match.group(1), int(match.group(2))
    return None


def _blocks(config: dict[str, Any], components: ComponentRegistry) -> list[tuple[str, dict[str, Any], Any]]:
    """``(props path, props, definition)`` of each block of a known component."""
    found = []
    for page_index, page in enumerate(config.get("pages") or []):
        if not isinstance(page, dict):
            continue
        for block_index, block in enumerate(page.get("components") or []):
            definition = components.get(block.get("type")) if isinstance(block, dict) else None
            if definition is None:
                continue
            props = block.get("props") if isinstance(block.get("props"), dict) else {}
            found.append((f"$.pages[{page_index}].components[{block_index}].props", props, definition))
    return found


def _pick_record_ids(value: Any, schema: dict[str, Any], path: str) -> list[tuple[str, str, int]] | None:
    kind = schema.get("x-reference") or WIDGET_REFERENCES.get(schema.get("x-widget", ""))
    if not isinstance(kind, str):
        return None
    values = [(path, value)] if not isinstance(value, list) else [(f"{path}[{index}]", item) for index, item in enumerate(value)]
    return [(where, kind, item) for where, item in values if isinstance(item, int) and not isinstance(item, bool)]