"""Slots of the generated system pages, filled by plugins through ``kaidian_register_page_slots``.

A slot component is a small component with a template per target that a system page (or the
product detail / user centre page component) renders at a fixed place, handing it the page's
state as one ``context`` prop. It talks to the server through the customer runtime only. Core
and the builder never name a plugin: a page renders whatever registered for its slots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from builder import layout
from builder.render import TEMPLATES_ROOT

SLOT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

# Every slot: where it is, and what its components receive as ``context`` (and may send back).
SLOTS: dict[str, str] = {
    "product_detail.actions": "Beside 加入购物车 / 立即购买. context: {product, sku (chosen SKU or null), quantity}.",
    "product_detail.info": "Under the price and title. context: {product, sku}.",
    "checkout.sections": (
        "Between the lines and the price breakdown. context: {input (the checkout body), part (your "
        "plugin's part of it, plugins.<plugin>), preview (the last POST /api/shop/checkout/preview answer "
        "or null), section (preview.sections[<plugin>])}; emit change(patch) to merge a patch into your "
        "part (the runtime's mergePart; null drops a key, e.g. {coupon_ids: [3]}), and "
        "shipping({method, address}) to choose a shipping method you serve (address: false when it needs "
        "no delivery address; null: back to express)."
    ),
    "order_detail.sections": "Under the order's lines. context: {order}.",
    "user_center.entries": "Entries under 我的订单 in the user centre. context: {}.",
    "app.prompts": (
        "App-level prompts over every page of the page configuration (home, tab pages…), rendered after "
        "the blocks: a component decides by itself whether to show (e.g. asks the server) and stays "
        "empty otherwise; keep it to one prompt per app launch. context: {route (the page's path)}."
    ),
}


class SlotConflict(ValueError):
    pass


@dataclass(frozen=True)
class SlotComponent:
    """``name`` is unique among slot components; ``slot`` one of ``SLOTS``; ``templates`` maps
    ``uniapp``/``taro`` (and an optional shared ``style``) to Jinja2 template paths, absolute or
    relative to ``miniprogram_templates``; an optional ``script`` is a JavaScript module both
    targets' templates import as ``./shared.js`` (logic written once, ``[[ target ]]`` says which
    target it is rendered for); lower ``order`` renders first."""

    name: str
    slot: str
    templates: dict[str, str] = field(default_factory=dict)
    order: int = 100
    plugin: str = ""

    @property
    def tag(self) -> str:
        return layout.component_tag("slot_" + self.name)

    def validate(self) -> None:
        if not SLOT_NAME.match(self.name or ""):
            raise ValueError(f"slot component name {self.name!r} must be lower-case letters, digits and _ (at most 40)")
        if self.slot not in SLOTS:
            raise ValueError(f"slot component {self.name!r}: unknown slot {self.slot!r}; use one of {sorted(SLOTS)}")
        if {"uniapp", "taro"} - self.templates.keys() or set(self.templates) - {"uniapp", "taro", "style", "script"}:
            raise ValueError(f"slot component {self.name!r} needs a uniapp and a taro template (and optionally style and script)")
        for key, template in self.templates.items():
            path = Path(template) if Path(template).is_absolute() else TEMPLATES_ROOT / template
            if not path.is_file():
                raise ValueError(f"slot component {self.name!r}: {key} template {template} does not exist")


class SlotRegistry:
    def __init__(self) -> None:
        self._components: dict[str, SlotComponent] = {}

    def add(self, component: SlotComponent, plugin: str) -> None:
        component = replace(component, plugin=plugin)
        component.validate()
        existing = self._components.get(component.name)
        if existing is not None:
            raise SlotConflict(
                f"slot component {component.name!r} from plugin {plugin!r} clashes with the one from plugin {existing.plugin!r}"
            )
        self._components[component.name] = component

    def by_slot(self) -> dict[str, list[SlotComponent]]:
        """Every slot with its components in render order (``order``, then name): never the
        order plugins happened to load in."""
        grouped: dict[str, list[SlotComponent]] = {slot: [] for slot in SLOTS}
        for component in sorted(self._components.values(), key=lambda item: (item.order, item.name)):
            grouped[component.slot].append(component)
        return grouped

    def all(self) -> list[SlotComponent]:
        return sorted(self._components.values(), key=lambda item: item.name)

    def __len__(self) -> int:
        return len(self._components)


def slot_files(target: str, component: SlotComponent, env) -> dict[str, str]:
    """The generated source of one slot component for ``target``, at the path
    ``builder.layout`` gives the component ``slot_<name>`` (tag ``kd-slot-<name>``)."""
    unit = "rpx" if target == "uniapp" else "px"
    key = "slot_" + component.name
    files = {layout.component_source(target, key): env.get_template(component.templates[target]).render(component=component, unit=unit)}
    if target == "taro" and "style" in component.templates:
        files[layout.component_style(key)] = env.get_template(component.templates["style"]).render(unit=unit)
    if "script" in component.templates:
        files[f"{layout.component_folder(key)}/shared.js"] = env.get_template(component.templates["script"]).render(target=target)
    return files


def template_paths(slots: dict[str, list[SlotComponent]], target: str) -> set[str]:
    return {
        path
        for components in slots.values()
        for component in components
        for key, path in component.templates.items()
        if key in (target, "style", "script") and Path(path).is_absolute()
    }


def slot_templates(folder: Path, name: str) -> dict[str, str]:
    """A slot component's templates laid out the usual way under ``folder``:
    ``uniapp/<name>.vue.j2`` and ``taro/<name>.jsx.j2`` (styles come from the system pages' classes)."""
    return {"uniapp": str(folder / "uniapp" / f"{name}.vue.j2"), "taro": str(folder / "taro" / f"{name}.jsx.j2")}
