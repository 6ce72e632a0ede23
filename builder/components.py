"""Core's basic page components, registered through core's ``kaidian_register_page_components``.

Templates live in ``miniprogram_templates/<target>/components/<name>.*.j2``; a component's
props reach the generated code as JSON data, so these templates are fixed code.
"""

from __future__ import annotations

from typing import Any

from builder.icons import ICON_LABELS, ICONS
from builder.registry import ComponentDefinition
from builder.richtext import html_to_nodes
from builder.schema_parts import (
    boolean,
    choice,
    color,
    image_url,
    integer,
    items,
    link,
    props,
    t,
    text,
)

PRODUCT_SOURCES = {"category": ("按分类", "By category"), "tag": ("按标签", "By tag"), "manual": ("手动选择", "Hand-picked")}
PRODUCT_LAYOUTS = {
    "grid2": ("两列", "Two columns"),
    "grid3": ("三列", "Three columns"),
    "list": ("列表", "List"),
    "scroll": ("横向滑动", "Horizontal scroll"),
}
DETAIL_BLOCKS = {
    "gallery": ("商品图集", "Gallery"),
    "price": ("价格", "Price"),
    "title": ("标题", "Title"),
    "specs": ("规格", "Specifications"),
    "description": ("详情", "Description"),
}


UNSTYLED = {"spacer", "divider"}


def _templates(name: str) -> dict[str, str]:
    templates = {
        "uniapp": f"uniapp/components/{name}.vue.j2",
        "taro": f"taro/components/{name}.jsx.j2",
        "preview": f"preview/{name}.html",
    }
    if name not in UNSTYLED:
        templates["style"] = f"common/styles/{name}.css.j2"
    return templates


def _product_params(values: dict[str, Any]) -> dict[str, Any]:
    source = values.get("source", "category")
    params: dict[str, Any] = {"by": source, "limit": values.get("limit", 6)}
    if source == "category":
        params["category_id"] = values.get("category_id")
    elif source == "tag":
        params["tag"] = values.get("tag", "")
    else:
        params["ids"] = list(values.get("product_ids", []))
    return params


def _migrate_product_grid(old_version: int, values: dict[str, Any]) -> dict[str, Any]:
    # Version 1 had ``columns: 2|3`` and ``count``; version 2 has ``layout`` and ``limit``.
    if old_version == 1:
        values = dict(values)
        columns = values.pop("columns", 2)
        values.setdefault("layout", "grid3" if columns == 3 else "grid2")
        if "count" in values:
            values["limit"] = values.pop("count")
    return values


def _component(name: str, zh: str, en: str, category: str, icon: str, schema: dict[str, Any], **extra: Any) -> ComponentDefinition:
    return ComponentDefinition(
        name=name, title=t(zh, en), category=category, icon=icon, props_schema=schema, templates=_templates(name), **extra
    )


def core_components() -> list[ComponentDefinition]:
    link_item = {"text": text("文字", "Text", max_length=20), "icon": image_url("图标", "Icon"), "link": link()}
    return [
        _component(
            "search_bar", "搜索框", "Search bar", "basic", "search",
            props({
                "placeholder": text("占位文字", "Placeholder", "搜索商品", max_length=30),
                "shape": choice("形状", "Shape", "round", {"round": ("圆角", "Round"), "square": ("方形", "Square")}, "radio"),
                "hot_words": {"type": "array", "maxItems": 10, "default": [], "items": {"type": "string", "minLength": 1, "maxLength": 20}, "x-title": t("热搜词", "Hot words"), "x-widget": "list"},
            }),
        ),
        _component(
            "banner", "轮播图", "Banner", "media", "picture",
            props({
                "slides": items({"image": image_url(required=True), "link": link(), "alt": text("替代文字", "Alt text", max_length=60)}, ["image"], min_items=1, max_items=10, zh="轮播图片", en="Slides"),
                "autoplay": boolean("自动播放", "Autoplay", True),
                "interval_ms": integer("切换间隔（毫秒）", "Interval (ms)", 4000, 1000, 10000),
                "height_rpx": integer("高度（rpx）", "Height (rpx)", 300, 100, 800),
                "indicator": boolean("显示指示点", "Show dots", True),
            }, ("slides",)),
        ),
        _component(
            "notice_bar", "公告栏", "Notice bar", "basic", "bell",
            props({
                "text": text("公告内容", "Text", "", max_length=200, widget="textarea"),
                "link": link(),
                "scrollable": boolean("滚动播放", "Scroll", True),
            }, ("text",)),
        ),
        _component(
            "nav_grid", "图标导航", "Icon navigation", "basic", "menu",
            props({
                "items": items(link_item, ["text"], min_items=1, max_items=20, zh="导航项", en="Items"),
                "columns": integer("每行个数", "Columns", 4, 3, 5),
            }, ("items",)),
        ),
        _component(
            "product_grid", "商品列表", "Product grid", "product", "goods",
            props({
                "title": text("标题", "Title", max_length=30),
                "source": choice("商品来源", "Source", "category", PRODUCT_SOURCES, "radio"),
                "category_id": {"type": "integer", "minimum": 1, "x-title": t("分类", "Category"), "x-widget": "category"},
                "tag": text("标签", "Tag", max_length=30),
                "product_ids": {"type": "array", "maxItems": 50, "default": [], "items": {"type": "integer", "minimum": 1}, "x-title": t("商品", "Products"), "x-widget": "products"},
                "limit": integer("数量", "Limit", 6, 1, 50),
                "layout": choice("布局", "Layout", "grid2", PRODUCT_LAYOUTS),
                "show_price": boolean("显示价格", "Show price", True),
                "show_buy_button": boolean("显示购买按钮", "Show buy button", True),
            }) | {"allOf": [
                {"if": {"properties": {"source": {"const": "category"}}}, "then": {"required": ["category_id"]}},
                {"if": {"properties": {"source": {"const": "tag"}}, "required": ["source"]}, "then": {"properties": {"tag": {"minLength": 1}}}},
                {"if": {"properties": {"source": {"const": "manual"}}, "required": ["source"]}, "then": {"properties": {"product_ids": {"minItems": 1}}}},
            ]},
            schema_version=2, migrate=_migrate_product_grid, data_source="products", data_params=_product_params,
        ),
        _component(
            "image", "图片热区", "Image / hot zones", "media", "picture-filled",
            props({
                "image": image_url(required=True),
                "alt": text("替代文字", "Alt text", max_length=60),
                "link": link(),
                "hot_zones": items(
                    {
                        "x": integer("左（%）", "Left (%)", 0, 0, 100),
                        "y": integer("上（%）", "Top (%)", 0, 0, 100),
                        "width": integer("宽（%）", "Width (%)", 50, 1, 100),
                        "height": integer("高（%）", "Height (%)", 50, 1, 100),
                        "link": link(),
                    },
                    ["x", "y", "width", "height", "link"], min_items=0, max_items=20, zh="热区", en="Hot zones", default=[],
                ) | {"x-widget": "hotzone"},
            }, ("image",)),
        ),
        _component(
            "video", "视频", "Video", "media", "video-camera",
            props({
                "src": image_url("视频地址", "Video URL", required=True) | {"x-widget": "video"},
                "poster": image_url("封面", "Poster"),
                "autoplay": boolean("自动播放", "Autoplay", False),
                "muted": boolean("静音", "Muted", True),
            }, ("src",)),
        ),
        _component(
            "rich_text", "富文本", "Rich text", "basic", "document",
            props({"html": text("内容", "Content", "", max_length=20000, widget="richtext")}, ("html",)),
            prepare=lambda values: {"nodes": html_to_nodes(values.get("html", ""))},
        ),
        _component(
            "title", "标题", "Title", "basic", "text",
            props({
                "text": text("标题", "Title", "", max_length=40),
                "subtitle": text("副标题", "Subtitle", max_length=60),
                "align": choice("对齐", "Align", "left", {"left": ("居左", "Left"), "center": ("居中", "Centre")}, "radio"),
                "more_text": text("更多文字", "'More' text", max_length=10),
                "more_link": link("更多链接", "'More' link"),
            }, ("text",)),
        ),
        _component(
            "spacer", "空白", "Spacer", "layout", "minus",
            props({"height_rpx": integer("高度（rpx）", "Height (rpx)", 20, 0, 400), "background": color("背景色", "Background", "#00000000")}),
        ),
        _component(
            "divider", "分割线", "Divider", "layout", "minus",
            props({
                "style": choice("线型", "Style", "solid", {"solid": ("实线", "Solid"), "dashed": ("虚线", "Dashed")}, "radio"),
                "color": color("颜色", "Colour", "#e5e5e5"),
                "margin_rpx": integer("上下边距（rpx）", "Margin (rpx)", 20, 0, 100),
            }),
        ),
        _component(
            "category_page", "分类页", "Category page", "page", "grid",
            props({
                "layout": choice("布局", "Layout", "sidebar", {"sidebar": ("左侧导航", "Sidebar"), "tabs": ("顶部标签", "Tabs")}, "radio"),
                "show_products": boolean("显示商品", "Show products", True),
            }),
            data_source="categories", data_params=lambda values: {"with_products": values.get("show_products", True)},
            tab_icon="category",
        ),
        _component(
            "product_detail", "商品详情", "Product detail", "page", "goods-filled",
            props({
                "blocks": {
                    "type": "array", "uniqueItems": True, "minItems": 1,
                    "items": {"enum": list(DETAIL_BLOCKS)}, "default": list(DETAIL_BLOCKS),
                    "x-title": t("展示模块", "Blocks"), "x-widget": "list",
                    "x-enum-labels": {value: t(*label) for value, label in DETAIL_BLOCKS.items()},
                },
                "show_buy_bar": boolean("显示底部购买栏", "Show buy bar", True),
            }),
            # "$query.id": the runtime fills it from the page's query string (?id=…).
            data_source="product", data_params=lambda values: {"id": "$query.id"},
        ),
        _component(
            "cart", "购物车", "Cart", "page", "shopping-cart",
            # The cart comes from the customer runtime's cart store (customer or guest cart), not
            # from the page's batch read, so it stays in step with the tab badge and add-to-cart.
            props({"empty_text": text("空购物车提示", "Empty cart text", "购物车还是空的", max_length=40)}),
            tab_icon="cart",
        ),
        _component(
            "user_center", "个人中心", "User centre", "page", "user",
            props({
                "header_background": color("头部背景", "Header background", "#ff5000"),
                "show_orders": boolean("显示订单入口", "Show orders", True),
                "menu": items(link_item, ["text"], min_items=0, max_items=20, zh="菜单", en="Menu", default=[]),
            }),
            data_source="me",
            tab_icon="user",
        ),
        ComponentDefinition(
            name="tab_bar", title=t("底部导航", "Tab bar"), category="app", icon="menu", placement="app",
            props_schema=props({
                "color": color("文字颜色", "Text colour", "#7a7e83"),
                "selected_color": color("选中颜色", "Selected colour", "#ff5000"),
                "background": color("背景色", "Background", "#ffffff"),
                "items": items(
                    {"page": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$", "x-title": t("页面", "Page"), "x-widget": "page-link"},
                     "text": text("文字", "Text", max_length=8),
                     # none picked: the page's own (its components' tab_icon), else the house
                     "icon": {"enum": list(ICONS), "x-title": t("图标", "Icon"), "x-widget": "select",
                              "x-enum-labels": {name: t(*label) for name, label in ICON_LABELS.items()}}},
                    ["page", "text"], min_items=2, max_items=5, zh="标签", en="Tabs",
                ),
            }, ("items",)),
            # Rendered natively from pages.json / app.config.js, so no per-target template.
            templates={},
        ),
    ]
