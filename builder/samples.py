"""Sample configurations: the demo shop's and a large one using every core component.

Used by tests, the benchmark and as a starting point in the editor.
"""

from __future__ import annotations

import copy
from typing import Any

from core.plugin_host import SYSTEM_PLUGINS

IMAGE = "https://img.example.com/kaidian/{name}.jpg"


def _image(name: str) -> str:
    return IMAGE.format(name=name)


def _shop_tabs() -> dict[str, Any]:
    """The usual four tabs: home, categories, cart and the user centre."""
    return {
        "items": [
            {"page": "home", "text": "首页"},
            {"page": "category", "text": "分类"},
            {"page": "cart", "text": "购物车"},
            {"page": "me", "text": "我的"},
        ]
    }


def demo_config(
    base_url: str = "http://127.0.0.1:8000",
    shop_id: int = 1,
    theme: str = "fresh_grocery",
    *,
    category_ids: tuple[int, int, int] = (1, 2, 3),
    product_id: int = 1,
) -> dict[str, Any]:
    """A small grocery shop: home, category, cart, me (tab bar) and a product page. Its links
    and product grid name three categories (fruit, vegetables, meat) and one product of the
    shop: publishing needs them to be the shop's own."""
    fruit, vegetables, meat = category_ids
    return {
        "schema_version": 1,
        "app": {
            "name": "开店鲜果铺",
            "theme": theme,
            "default_locale": "zh-CN",
            "api": {"base_url": base_url, "shop_id": shop_id},
            "tab_bar": _shop_tabs(),
        },
        "pages": [
            {
                "route": "home",
                "title": "开店鲜果铺",
                "components": [
                    {"type": "search_bar", "props": {"placeholder": "搜索水果、蔬菜", "hot_words": ["草莓", "车厘子"]}},
                    {"type": "banner", "props": {"slides": [{"image": _image("banner-1"), "link": f"category:{fruit}"}, {"image": _image("banner-2"), "link": f"product:{product_id}"}]}},
                    {"type": "notice_bar", "props": {"text": "满 99 元包邮，今日下单明日达"}},
                    {
                        "type": "nav_grid",
                        "props": {
                            "items": [
                                {"text": "水果", "icon": _image("nav-fruit"), "link": f"category:{fruit}"},
                                {"text": "蔬菜", "icon": _image("nav-veg"), "link": f"category:{vegetables}"},
                                {"text": "肉禽", "icon": _image("nav-meat"), "link": f"category:{meat}"},
                                {"text": "购物车", "icon": _image("nav-cart"), "link": "page:cart"},
                            ]
                        },
                    },
                    {"type": "title", "props": {"text": "今日推荐", "more_text": "更多", "more_link": "page:category"}},
                    {"type": "product_grid", "props": {"source": "category", "category_id": fruit, "limit": 6, "layout": "grid2"}},
                ],
            },
            {"route": "category", "title": "分类", "components": [{"type": "category_page", "props": {}}]},
            {"route": "cart", "title": "购物车", "components": [{"type": "cart", "props": {}}]},
            {"route": "me", "title": "我的", "components": [{"type": "user_center", "props": {"menu": [{"text": "收货地址"}, {"text": "联系客服"}]}}]},
            {"route": "product", "title": "商品详情", "subpackage": "shop", "components": [{"type": "product_detail", "props": {}}]},
        ],
    }


def every_component_blocks(tag: str = "", key: str = "x") -> list[dict[str, Any]]:
    """One block of every core page component except the whole-page ones."""
    return [
        {"type": "search_bar", "props": {"placeholder": f"搜索{tag}"}},
        {"type": "banner", "props": {"slides": [{"image": _image(f"b{key}-1"), "alt": f"横幅{tag}"}, {"image": _image(f"b{key}-2")}]}},
        {"type": "notice_bar", "props": {"text": f"公告{tag}", "scrollable": False}},
        {"type": "nav_grid", "props": {"items": [{"text": f"入口{i}", "link": "page:home"} for i in range(5)], "columns": 5}},
        {"type": "title", "props": {"text": f"标题{tag}", "subtitle": "副标题", "align": "center"}},
        {"type": "product_grid", "props": {"source": "tag", "tag": "new", "layout": "grid3", "limit": 9}},
        {"type": "product_grid", "props": {"source": "manual", "product_ids": [1, 2, 3], "layout": "scroll"}},
        {"type": "product_grid", "props": {"source": "category", "category_id": 2, "layout": "list"}},
        {"type": "image", "props": {"image": _image(f"hz{key}"), "hot_zones": [{"x": 0, "y": 0, "width": 50, "height": 100, "link": "category:1"}]}},
        {"type": "video", "props": {"src": "https://video.example.com/intro.mp4", "poster": _image("poster")}},
        {"type": "rich_text", "props": {"html": f"<h2>说明{tag}</h2><p>新鲜<strong>直达</strong></p><ul><li>一</li><li>二</li></ul>"}},
        {"type": "spacer", "props": {"height_rpx": 30}},
        {"type": "divider", "props": {"style": "dashed"}},
    ]


def plugin_component_blocks(registries: Any) -> list[dict[str, Any]]:
    """One block, with its default props, of every page component a plugin (not a system part:
    core or the builder, which brings core's components) registered."""
    return [
        {"type": component.name, "props": component.defaults()}
        for component in registries.components.page_components()
        if component.plugin not in SYSTEM_PLUGINS
    ]


def every_registered_component_blocks(registries: Any) -> list[dict[str, Any]]:
    """At least one block of every registered page component, core's and every plugin's: the
    sample blocks of ``every_component_blocks`` where core has them, default props otherwise."""
    blocks = every_component_blocks("全部组件", "all")
    covered = {block["type"] for block in blocks}
    blocks += [
        {"type": component.name, "props": component.defaults()}
        for component in registries.components.page_components()
        if component.name not in covered
    ]
    return blocks


def large_config(page_count: int = 32, base_url: str = "http://127.0.0.1:8000", shop_id: int = 1) -> dict[str, Any]:
    """``page_count`` pages (≥ 5) using every core component, half of them in subpackages."""
    config = demo_config(base_url, shop_id, theme="default")
    config["app"]["name"] = "开店大型示例"
    config["pages"][0]["components"].extend(every_component_blocks("首页", "home"))
    for index in range(page_count - len(config["pages"])):
        config["pages"].append(
            {
                "route": f"topic_{index}",
                "title": f"专题 {index}",
                "subpackage": f"topics_{index % 4}" if index % 2 else None,
                "components": every_component_blocks(str(index), str(index)),
            }
        )
        if config["pages"][-1]["subpackage"] is None:
            del config["pages"][-1]["subpackage"]
    return config


def oversized_config(subpackage: str | None = None, blocks: int = 1900, text_length: int = 1000) -> dict[str, Any]:
    """A valid configuration under 2 MB of JSON whose generated mini-program is over WeChat's
    2 MB package limit: ``blocks`` rich texts of ``text_length`` characters on pages of 59
    blocks (``long_0``, ``long_1``…), in the main package or in ``subpackage``."""
    config = demo_config()
    block = {"type": "rich_text", "props": {"html": f"<p>{'kaidian ' * (text_length // 8)}</p>"}}
    for index in range(0, blocks, 59):
        page: dict[str, Any] = {"route": f"long_{index // 59}", "title": "长文", "components": [copy.deepcopy(block) for _ in range(min(59, blocks - index))]}
        if subpackage:
            page["subpackage"] = subpackage
        config["pages"].append(page)
    return config


def demo_shop_config(shop_name: str, shop_id: int, base_url: str, images: dict[str, str], categories: dict[str, int]) -> dict[str, Any]:
    """The ``kaidian demo`` shop's pages: the starter's, with the demo's own pictures (seeded
    into its media library, so nothing is loaded from the internet) on the home page — two
    banners, nav icons to its categories and the cart — and its recommended products."""
    config = starter_config(shop_name, shop_id, base_url)
    slides = [{"image": images[name], "link": link} for name, link in (("banner-1", "page:category"), ("banner-2", "page:cart")) if name in images]
    nav = [
        {"text": name, "icon": url, "link": f"category:{categories[name]}" if name in categories else "page:cart"}
        for key, url in images.items()
        if key.startswith("nav:") and ((name := key.removeprefix("nav:")) in categories or name == "购物车")
    ]
    home = [
        {"type": "search_bar", "props": {"placeholder": "搜索商品", "hot_words": ["苹果", "耳机"]}},
        *([{"type": "banner", "props": {"slides": slides}}] if slides else []),
        {"type": "notice_bar", "props": {"text": "满 99 元包邮，今日下单明日达"}},
        *([{"type": "nav_grid", "props": {"items": nav, "columns": min(max(len(nav), 3), 5)}}] if nav else []),
        {"type": "title", "props": {"text": "为你推荐", "more_text": "更多", "more_link": "page:category"}},
        {"type": "product_grid", "props": {"source": "tag", "tag": "推荐", "limit": 10, "layout": "grid2"}},
    ]
    config["pages"][0]["components"] = home
    return config


def starter_config(shop_name: str, shop_id: int, base_url: str) -> dict[str, Any]:
    """What a new shop starts with: a home page (search, notice, latest products), a category
    page, cart and user centre on a tab bar, and a product page. Valid with core's components."""
    return {
        "schema_version": 1,
        "app": {
            "name": shop_name[:30] or "开店",
            "theme": "default",
            "default_locale": "zh-CN",
            "api": {"base_url": base_url, "shop_id": shop_id},
            "tab_bar": _shop_tabs(),
        },
        "pages": [
            {
                "route": "home",
                "title": shop_name[:30] or "首页",
                "components": [
                    {"type": "search_bar", "props": {"placeholder": "搜索商品"}},
                    {"type": "notice_bar", "props": {"text": "欢迎光临"}},
                    {"type": "title", "props": {"text": "新品推荐"}},
                    {"type": "product_grid", "props": {"source": "tag", "tag": "新品", "limit": 6, "layout": "grid2"}},
                ],
            },
            {"route": "category", "title": "分类", "components": [{"type": "category_page", "props": {}}]},
            {"route": "cart", "title": "购物车", "components": [{"type": "cart", "props": {}}]},
            {"route": "me", "title": "我的", "components": [{"type": "user_center", "props": {}}]},
            {"route": "product", "title": "商品详情", "subpackage": "shop", "components": [{"type": "product_detail", "props": {}}]},
        ],
    }
