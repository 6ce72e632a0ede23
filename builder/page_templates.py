"""Page templates: ready-made pages (首页, 活动页, 新品页, 会员页…) a merchant starts a page from.

Core, themes and plugins contribute them through ``kaidian_register_page_templates``; each is
checked at start-up against the registered components (every block's type exists and its props
validate), so a template never opens an invalid page in the editor.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

import jsonschema

from builder.registry import ComponentRegistry
from builder.schema_parts import t

TEMPLATE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
ROUTE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_BLOCKS = 50


@dataclass(frozen=True)
class PageTemplate:
    name: str
    title: dict[str, str]
    page: dict[str, Any]
    plugin: str
    description: dict[str, str] | None = None
    order: int = 100

    def block_types(self) -> set[str]:
        return {block["type"] for block in self.page["components"]}


def check_page_template(template: PageTemplate, components: ComponentRegistry) -> None:
    """Raise ``ValueError`` naming what is wrong with ``template``."""
    where = f"page template {template.name!r} from plugin {template.plugin!r}"
    if not TEMPLATE_NAME.match(template.name or ""):
        raise ValueError(f"{where}: the name must be lower-case letters, digits and _ (at most 40)")
    if not isinstance(template.title, dict) or {"zh-CN", "en"} - template.title.keys():
        raise ValueError(f"{where} needs a zh-CN and an en title")
    page = template.page
    if not isinstance(page, dict) or not ROUTE.match(str(page.get("route", ""))) or not isinstance(page.get("title"), str):
        raise ValueError(f"{where}: page needs a route ([a-z][a-z0-9_]*) and a title")
    blocks = page.get("components")
    if not isinstance(blocks, list) or len(blocks) > MAX_BLOCKS:
        raise ValueError(f"{where}: components must be a list of at most {MAX_BLOCKS} blocks")
    for index, block in enumerate(blocks):
        component = components.get(block.get("type", "")) if isinstance(block, dict) else None
        if component is None or component.placement != "page":
            raise ValueError(f"{where}: block {index} has no registered page component {block!r}")
        props = component.with_defaults(block.get("props") or {})
        error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(component.props_schema).iter_errors(props))
        if error is not None:
            raise ValueError(f"{where}: block {index} ({component.name}) props are invalid: {error.message}")


def page_from_template(template: PageTemplate, components: ComponentRegistry) -> dict[str, Any]:
    """The template's page with every block's props completed from its component's defaults."""
    page = copy.deepcopy(template.page)
    for block in page["components"]:
        component = components.get(block["type"])
        block["props"] = component.with_defaults(block.get("props") or {})
        block["version"] = component.schema_version
    return page


def core_page_templates() -> list[dict[str, Any]]:
    """Core's templates, registered like any plugin's (``kaidian_register_page_templates``)."""
    return [
        {
            "name": "home", "order": 10,
            "title": t("首页", "Home"),
            "description": t("搜索、公告、导航和热卖商品", "Search, a notice, navigation and best sellers"),
            "page": {"route": "home", "title": "首页", "components": [
                {"type": "search_bar", "props": {"placeholder": "搜索商品"}},
                {"type": "notice_bar", "props": {"text": "欢迎光临，新客下单立享优惠"}},
                {"type": "nav_grid", "props": {"columns": 4, "items": [
                    {"text": "新品"}, {"text": "热卖"}, {"text": "分类"}, {"text": "我的"},
                ]}},
                {"type": "title", "props": {"text": "热卖推荐", "subtitle": "大家都在买"}},
                {"type": "product_grid", "props": {"source": "tag", "tag": "热卖", "limit": 6, "layout": "grid2"}},
            ]},
        },
        {
            "name": "promotion", "order": 20,
            "title": t("活动页", "Promotion"),
            "description": t("活动标题、公告和活动商品", "A headline, a notice and the promoted products"),
            "page": {"route": "promotion", "title": "限时活动", "components": [
                {"type": "title", "props": {"text": "限时特惠", "subtitle": "活动商品数量有限，售完即止", "align": "center"}},
                {"type": "notice_bar", "props": {"text": "活动期间全场包邮"}},
                {"type": "product_grid", "props": {"source": "tag", "tag": "热卖", "limit": 10, "layout": "list"}},
            ]},
        },
        {
            "name": "new_arrivals", "order": 30,
            "title": t("新品页", "New arrivals"),
            "description": t("新品标题和打了“新品”标签的商品", "A headline and the products tagged 新品"),
            "page": {"route": "new_arrivals", "title": "新品上市", "components": [
                {"type": "title", "props": {"text": "新品上市", "subtitle": "每周上新"}},
                {"type": "product_grid", "props": {"source": "tag", "tag": "新品", "limit": 12, "layout": "grid2"}},
            ]},
        },
        {
            "name": "me", "order": 90,
            "title": t("个人中心", "My account"),
            "description": t("头像、订单入口和菜单", "Avatar, orders and a menu"),
            "page": {"route": "me", "title": "我的", "components": [{"type": "user_center", "props": {}}]},
        },
    ]
