"""From a validated configuration to a target-neutral plan: pages with paths and packages,
blocks with their runtime props and data requests, the used components and the theme."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from builder.config import block_id, upgrade_config, validate_config
from builder.icons import DEFAULT_TAB_ICON
from builder.registry import ComponentDefinition
from themes import apply_overrides, css_variables

SUBPACKAGE_PREFIX = "pkg_"
SYSTEM_SUBPACKAGE_PREFIX = "kd_"  # system pages' packages; merchants' are always pkg_…


class ConfigInvalid(ValueError):
    """The configuration does not validate; ``errors`` holds ``{path, message}`` items."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(f"{len(errors)} problem(s), first at {first['path']}: {first['message']['en']}")


@dataclass
class PagePlan:
    route: str
    title: str
    subpackage: str | None
    blocks: list[dict[str, Any]]
    components: list[str]
    background: str | None = None
    pull_to_refresh: bool = False
    is_tab: bool = False
    system: str = ""  # a system or app page's name (builder/system_pages.py, app_pages.py); "" for the merchant's pages
    template: str = ""  # a system or app page's template for the target being emitted
    # the batch reads that pick run-time block variants (kaidian_collect_block_variants)
    switches: list[dict[str, Any]] = field(default_factory=list)
    # the page's run-time block orders (kaidian_collect_page_variants): {"switch": id,
    # "variants": {key: [block index, ...]}}, None for a page rendered in its own order only
    order: dict[str, Any] | None = None

    @property
    def root(self) -> str:
        """The package root the page lives under ("" for the main package)."""
        if not self.subpackage:
            return ""
        return f"{SYSTEM_SUBPACKAGE_PREFIX if self.system else SUBPACKAGE_PREFIX}{self.subpackage}"

    @property
    def local_path(self) -> str:
        return f"pages/{self.route}/index"

    @property
    def path(self) -> str:
        return f"{self.root}/{self.local_path}" if self.root else self.local_path

    @property
    def block_variants(self) -> bool:
        """Whether a block of the page picks its props at run time (an A/B-tested block)."""
        return any("variants" in block for block in self.blocks)

    @property
    def has_data(self) -> bool:
        return bool(self.switches) or any(block["data"] for block in self.blocks)


@dataclass
class ProjectPlan:
    app_name: str
    default_locale: str
    locales: list[str]  # the default first, then the other languages the merchant enabled
    api: dict[str, Any]
    theme_name: str
    tokens: dict[str, Any]
    css_variables: list[tuple[str, str]]
    dark: bool
    tab_bar: dict[str, Any] | None
    pages: list[PagePlan]
    components: list[ComponentDefinition]
    special_routes: dict[str, str] = field(default_factory=dict)
    # slot name -> the slot components registered for it, in render order (builder/slots.py)
    slots: dict[str, list[Any]] = field(default_factory=dict)
    # whole pages plugins add (builder/app_pages.py), in listing order
    app_pages: list[Any] = field(default_factory=list)
    # npm packages plugins add (builder/app_dependencies.py), by plugin name
    dependencies: list[Any] = field(default_factory=list)
    # link kind -> the app page opening its records (``coupon`` -> ``coupon_center``), from the
    # linkable reference kinds whose page the app has (kaidian_register_reference_kinds)
    link_pages: dict[str, str] = field(default_factory=dict)
    # hosts the app's outside links (``url:https://…``) may go to: the app setting link_domains
    link_domains: list[str] = field(default_factory=list)

    @property
    def main_pages(self) -> list[PagePlan]:
        return [page for page in self.pages if not page.subpackage]

    @property
    def subpackages(self) -> dict[str, list[PagePlan]]:
        grouped: dict[str, list[PagePlan]] = {}
        for page in self.pages:
            if page.subpackage:
                grouped.setdefault(page.root, []).append(page)
        return dict(sorted(grouped.items()))


def _is_dark(hex_color: str) -> bool:
    value = hex_color.lstrip("#")
    if len(value) in (3, 4):
        value = "".join(char * 2 for char in value[:3])
    red, green, blue = (int(value[index : index + 2], 16) for index in (0, 2, 4))
    return (0.299 * red + 0.587 * green + 0.114 * blue) < 140


def _tab_icon(route: str, pages: list[PagePlan], components: Any) -> str:
    """The icon of a tab whose item names none: the first one its page's components suggest."""
    page = next(page for page in pages if page.route == route)
    suggested = (components.get(block["type"]).tab_icon for block in page.blocks)
    return next((icon for icon in suggested if icon), DEFAULT_TAB_ICON)


def _variants_by_block(variants: Any) -> dict[tuple[str, str], dict[str, Any]]:
    return {(str(item["page"]), str(item["block_id"])): item for item in variants or () if "block_id" in item}


def _variants_by_page(variants: Any) -> dict[str, dict[str, Any]]:
    return {str(item["page"]): item for item in variants or () if "block_id" not in item}


def _switch(switches: list[dict[str, Any]], source: str, route: str) -> str:
    """The id of the page's batch read of ``source`` (one per source), added when new."""
    known = next((item for item in switches if item["source"] == source), None)
    if known is None:
        switches.append(known := {"id": f"kd_switch_{len(switches)}", "source": source, "params": {"page": route}})
    return str(known["id"])


def _page_order(offer: dict[str, Any] | None, blocks: list[dict[str, Any]]) -> dict[str, list[int]] | None:
    """Each page variant as indices of the page's blocks; None when a variant names a block
    the page does not have, repeats one, or names none (the page is then not switched)."""
    if offer is None:
        return None
    index = {block["block_id"]: position for position, block in enumerate(blocks)}
    orders = {}
    for key, ids in sorted(offer["variants"].items()):
        if not ids or len(set(ids)) != len(ids) or any(one not in index for one in ids):
            return None
        orders[str(key)] = [index[one] for one in ids]
    return orders


def make_plan(config: dict[str, Any], registries: Any, variants: Any = ()) -> ProjectPlan:
    """Upgrade, validate (raising ``ConfigInvalid``) and plan a configuration. ``variants`` are
    the run-time variants plugins offer (``builder.variants.collect_variants``): a block
    variant's props are compiled in next to its block's, a page variant's block order next to
    the page's, and the page reads which one to show."""
    components = registries.components
    upgraded = upgrade_config(config, components)
    errors = validate_config(upgraded, components, list(registries.themes), media_url_prefix=registries.media_url_prefix)
    if errors:
        raise ConfigInvalid(errors)
    app = upgraded["app"]
    theme = registries.themes[app["theme"]]
    tokens = apply_overrides(theme.tokens, app.get("theme_overrides"))
    tab_bar = app.get("tab_bar")
    tab_routes = {item["page"] for item in tab_bar["items"]} if tab_bar else set()

    offered = _variants_by_block(variants)
    page_offers = _variants_by_page(variants)
    pages: list[PagePlan] = []
    used: set[str] = set()
    for page in upgraded["pages"]:
        blocks = []
        switches: list[dict[str, Any]] = []
        for index, block in enumerate(page["components"]):
            definition = components.get(block["type"])
            planned = {
                "id": f"b{index}",
                # what analytics events name the block by (builder/config.py block_id)
                "block_id": block_id(block, page["route"], index),
                "type": block["type"],
                "props": definition.runtime_props(block["props"]),
                "data": definition.data_request(block["props"]),
            }
            offer = offered.get((page["route"], planned["block_id"]))
            if offer is not None and offer.get("component") in (None, block["type"]):
                planned["variants"] = {
                    str(key): definition.runtime_props(definition.with_defaults(props))
                    for key, props in sorted(offer["variants"].items())
                }
                planned["switch"] = _switch(switches, offer["source"], page["route"])
            blocks.append(planned)
        order = None
        page_offer = page_offers.get(page["route"])
        orders = _page_order(page_offer, blocks)
        if page_offer is not None and orders is not None:
            order = {"switch": _switch(switches, page_offer["source"], page["route"]), "variants": orders}
        names = sorted({block["type"] for block in blocks})
        used.update(names)
        pages.append(
            PagePlan(
                route=page["route"],
                title=page["title"],
                subpackage=page.get("subpackage"),
                blocks=blocks,
                components=names,
                background=page.get("background"),
                pull_to_refresh=bool(page.get("pull_to_refresh", any(block["data"] for block in blocks))),
                is_tab=page["route"] in tab_routes,
                switches=switches,
                order=order,
            )
        )

    default_locale = app.get("default_locale", "zh-CN")
    if tab_bar:
        tab_bar = {**tab_bar, "items": [{**item, "icon": item.get("icon") or _tab_icon(item["page"], pages, components)} for item in tab_bar["items"]]}

    special: dict[str, str] = {}
    for kind, component in (("product", "product_detail"), ("category", "category_page"), ("cart", "cart")):
        for page in pages:
            if component in page.components:
                special[kind] = page.route
                break
    return ProjectPlan(
        app_name=app["name"],
        default_locale=default_locale,
        locales=[default_locale] + [locale for locale in app.get("locales", []) if locale != default_locale],
        api={
            "base_url": app.get("api", {}).get("base_url", ""),
            "shop_id": app.get("api", {}).get("shop_id", 0),
            "image_webp_param": app.get("api", {}).get("image_webp_param", ""),
        },
        theme_name=app["theme"],
        tokens=tokens,
        css_variables=css_variables(tokens),
        dark=_is_dark(tokens["color"]["surface"]),
        tab_bar=tab_bar,
        pages=pages,
        components=[components.get(name) for name in sorted(used)],
        special_routes=special,
        slots=registries.slots.by_slot() if getattr(registries, "slots", None) is not None else {},
        app_pages=registries.app_pages.all() if getattr(registries, "app_pages", None) is not None else [],
        dependencies=list(registries.app_dependencies.items) if getattr(registries, "app_dependencies", None) is not None else [],
        link_pages=_link_pages(registries),
        link_domains=list(app.get("link_domains") or []),
    )


def _link_pages(registries: Any) -> dict[str, str]:
    kinds = getattr(registries, "reference_kinds", None)
    app_pages = getattr(registries, "app_pages", None)
    if kinds is None or app_pages is None:
        return {}
    names = {page.name for page in app_pages.all()}
    return {kind: entry.link_page for kind, entry in sorted(kinds.linkable().items()) if entry.link_page in names}
