"""``POST /api/shop/batch``: several reads in one request, each answered or failed on its own,
resolved through ``kaidian_register_data_sources``."""

from __future__ import annotations

import math
from typing import Any

import pytest

from builder.plan import make_plan
from builder.samples import demo_config, large_config
from core.app import create_app
from core.errors import NotFound
from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.registries import RegistrationError
from core.storefront import MAX_BATCH_REQUESTS
from core.testing import make_shop

BATCH = "/api/shop/batch"


def plugin(name: str, **hooks: Any) -> Any:
    attrs: dict[str, Any] = {"manifest": PluginManifest(name=name, version="0.1.0", title={"zh-CN": name, "en": name})}
    for hook_name, function in hooks.items():
        attrs[hook_name] = staticmethod(hookimpl(function))
    return type(name, (), attrs)()


def page_requests(config: dict, registries: Any, route: str = "home", query: dict | None = None) -> list[dict]:
    """What the generated client sends for a page: its blocks' reads, ``$query.x`` filled."""
    page = next(page for page in make_plan(config, registries).pages if page.route == route)
    requests = []
    for block in page.blocks:
        if block["data"]:
            params = {
                key: (query or {}).get(value[7:]) if isinstance(value, str) and value.startswith("$query.") else value
                for key, value in block["data"]["params"].items()
            }
            requests.append({"id": block["id"], "source": block["data"]["source"], "params": params})
    return requests


@pytest.mark.parametrize("make_config", [demo_config, large_config], ids=["demo", "large"])
async def test_home_page_loads_its_data_in_at_most_two_requests(kaidian_client, shop, make_config):
    registries = kaidian_client.app.state.registries
    requests = page_requests(make_config(shop_id=shop.shop_id), registries)
    assert requests and math.ceil(len(requests) / MAX_BATCH_REQUESTS) <= 2
    for start in range(0, len(requests), MAX_BATCH_REQUESTS):  # as the client splits them
        chunk = requests[start : start + MAX_BATCH_REQUESTS]
        response = await kaidian_client.post(BATCH, json={"shop_id": shop.shop_id, "requests": chunk})
        assert response.status_code == 200, response.text
        results = response.json()["results"]
        assert set(results) == {item["id"] for item in chunk}
        assert all(answer["ok"] and isinstance(answer["data"]["items"], list) for answer in results.values())


async def test_catalog_reads_come_from_the_shops_catalog(kaidian_client, two_shops):
    from core.catalog.models import Category, Product, ProductStatus

    a, b = two_shops
    fruit = await Category.create(shop_id=a.shop_id, name="水果")
    berries = await Category.create(shop_id=a.shop_id, name="浆果", parent_id=fruit.id, depth=2)
    made = {}
    for title, category, tags in (("草莓", berries, ["new"]), ("苹果", fruit, []), ("下架梨", fruit, ["new"])):
        status = ProductStatus.OFF_SALE if title == "下架梨" else ProductStatus.ON_SALE
        made[title] = await Product.create(
            shop_id=a.shop_id, category=category, title=title, status=status, tags=tags, tag_text="".join(f"|{t}|" for t in tags),
            min_price_fen=990, max_price_fen=990, media=[{"kind": "image", "url": f"https://img.example.com/{title}.jpg"}],
        )
    other = await Product.create(shop_id=b.shop_id, title="别家的", status=ProductStatus.ON_SALE)
    strawberry, apple = made["草莓"].id, made["苹果"].id
    body = {
        "shop_id": a.shop_id,
        "requests": [
            {"id": "by_category", "source": "products", "params": {"by": "category", "category_id": fruit.id, "limit": 6}},
            {"id": "by_tag", "source": "products", "params": {"by": "tag", "tag": "new"}},
            {"id": "manual", "source": "products", "params": {"by": "manual", "ids": [apple, other.id, strawberry]}},
            {"id": "detail", "source": "product", "params": {"id": strawberry}},
            {"id": "foreign", "source": "product", "params": {"id": other.id}},
            {"id": "tree", "source": "categories", "params": {"with_products": True}},
        ],
    }
    results = (await kaidian_client.post(BATCH, json=body)).json()["results"]
    assert {item["title"] for item in results["by_category"]["data"]["items"]} == {"草莓", "苹果"}
    assert [item["title"] for item in results["by_tag"]["data"]["items"]] == ["草莓"]
    # hand-picked keep their order; another shop's product is never shown
    assert [item["id"] for item in results["manual"]["data"]["items"]] == [apple, strawberry]
    card = results["manual"]["data"]["items"][0]
    assert card["price_fen"] == 990 and card["image"] == "https://img.example.com/苹果.jpg"
    detail = results["detail"]["data"]
    assert detail["title"] == "草莓" and detail["price_fen"] == 990 and detail["images"] == ["https://img.example.com/草莓.jpg"]
    assert results["foreign"]["error"]["code"] == "not_found"
    tree = results["tree"]["data"]["items"]
    assert [node["name"] for node in tree] == ["水果"] and tree[0]["children"][0]["name"] == "浆果"
    assert {product["title"] for product in tree[0]["products"]} == {"草莓", "苹果"}


async def test_reads_that_need_a_customer(kaidian_client, two_shops):
    a, b = two_shops
    body = {
        "shop_id": a.shop_id,
        "requests": [{"id": "me", "source": "me", "params": {}}, {"id": "cart", "source": "cart", "params": {}}],
    }
    signed_in = (await kaidian_client.post(BATCH, json=body, headers=a.customer)).json()["results"]
    assert signed_in["me"]["ok"] and signed_in["me"]["data"]["id"] == a.customer_id
    assert signed_in["cart"] == {"ok": True, "data": {"items": [], "total_fen": 0}, "error": None}
    for headers in ({}, b.customer, a.owner, {"Authorization": "Bearer not-a-token"}):
        anonymous = await kaidian_client.post(BATCH, json=body, headers=headers)
        assert anonymous.status_code == 200
        results = anonymous.json()["results"]
        assert results["me"]["ok"] is False and results["me"]["error"]["code"] == "not_authenticated"
        assert results["cart"]["error"]["code"] == "not_authenticated"


async def test_each_read_fails_on_its_own(kaidian_client, shop):
    body = {
        "shop_id": shop.shop_id,
        "requests": [
            {"id": "a", "source": "products", "params": {"by": "tag", "tag": "new"}},
            {"id": "b", "source": "no_such_source", "params": {}},
            {"id": "c", "source": "products", "params": {"limit": 500}},
            {"id": "d", "source": "product", "params": {"id": 1}},
        ],
    }
    response = await kaidian_client.post(BATCH, json=body, headers={"Accept-Language": "en"})
    results = response.json()["results"]
    assert results["a"]["ok"] is True
    assert results["b"]["error"] == {"code": "unknown_source", "message": "There is no such data source", "field": "requests[1].source"}
    assert results["c"]["error"]["code"] == "validation_failed" and results["c"]["error"]["field"] == "params.limit"
    assert results["d"]["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("requests", "field"),
    [
        ([{"id": f"r{i}", "source": "products", "params": {}} for i in range(MAX_BATCH_REQUESTS + 1)], "requests"),
        ([{"id": "x", "source": "me"}, {"id": "x", "source": "cart"}], "requests[1].id"),
    ],
    ids=["too-many", "duplicate-id"],
)
async def test_malformed_batches_are_refused(kaidian_client, shop, requests, field):
    response = await kaidian_client.post(BATCH, json={"shop_id": shop.shop_id, "requests": requests})
    assert response.status_code == 422
    assert response.json()["field"] == field


async def test_unknown_shop_is_404(kaidian_client):
    response = await kaidian_client.post(BATCH, json={"shop_id": 999999, "requests": []})
    assert response.status_code == 404 and response.json()["field"] == "shop_id"


def _gift_plugin() -> Any:
    async def gift_cards(shop_id: int, params: dict, request: Any) -> dict:
        if params.get("boom"):
            raise RuntimeError("the plugin is broken")
        if params.get("missing"):
            raise NotFound(field="card")
        return {"shop_id": shop_id, "customer": request.user.account_id if request.user else None}

    def register_sources(register: Any) -> None:
        register("gift_cards", gift_cards)

    return plugin("gift", kaidian_register_data_sources=register_sources)


async def test_plugins_add_data_sources(kaidian_client_for):
    async with kaidian_client_for(plugins=[_gift_plugin()]) as client:
        a = await make_shop(client)
        b = await make_shop(client)
        body = {
            "shop_id": a.shop_id,
            "requests": [
                {"id": "ok", "source": "gift_cards", "params": {}},
                {"id": "missing", "source": "gift_cards", "params": {"missing": True}},
                {"id": "boom", "source": "gift_cards", "params": {"boom": True}},
                {"id": "products", "source": "products", "params": {}},
            ],
        }
        results = (await client.post(BATCH, json=body, headers=a.customer)).json()["results"]
        assert results["ok"]["data"] == {"shop_id": a.shop_id, "customer": a.customer_id}
        assert results["missing"]["error"]["code"] == "not_found" and results["missing"]["error"]["field"] == "card"
        assert results["boom"]["error"]["code"] == "internal_error"
        assert "broken" not in results["boom"]["error"]["message"]
        assert results["products"]["ok"] is True

        await client.put("/api/admin/plugins/gift", json={"enabled": False}, headers=b.owner)
        body["shop_id"] = b.shop_id
        results = (await client.post(BATCH, json=body)).json()["results"]
        assert results["ok"]["error"]["code"] == "plugin_disabled"
        assert results["products"]["ok"] is True


def test_data_source_registrations_are_checked(kaidian_settings):
    def same_name(register: Any) -> None:
        async def products(shop_id: int, params: dict, request: Any) -> dict:
            return {}

        register("products", products)

    def not_async(register: Any) -> None:
        register("sync_source", lambda shop_id, params, request: {})

    with pytest.raises(RegistrationError, match="'products'.*copycat.*core"):
        create_app(kaidian_settings, plugins=[plugin("copycat", kaidian_register_data_sources=same_name)])
    with pytest.raises(RegistrationError, match="async def"):
        create_app(kaidian_settings, plugins=[plugin("lazy", kaidian_register_data_sources=not_async)])
