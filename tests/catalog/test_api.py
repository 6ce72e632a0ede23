"""Admin and customer catalog API: matrix editing, validation, cache invalidation, search, isolation."""

from __future__ import annotations

import pytest

from core.testing import assert_other_shop_gets_404

PHONE = {
    "title": "华为手机",
    "status": "on_sale",
    "tags": ["新品"],
    "specs": [{"name": "颜色", "values": ["红", "蓝"]}, {"name": "尺码", "values": ["S", "M"]}],
    "skus": [{"spec_values": ["红", "S"], "price_fen": 1000, "list_price_fen": 1200, "stock": 50, "code": "P-RS"}],
}


async def test_matrix_linked_editing_over_http(kaidian_client, shop):
    client = kaidian_client
    created = await client.post("/api/admin/catalog/products", json=PHONE, headers=shop.owner)
    assert created.status_code == 201, created.text
    product = created.json()
    assert len(product["skus"]) == 4
    red_s = product["skus"][0]
    assert red_s["spec_values"] == ["红", "S"] and red_s["code"] == "P-RS" and red_s["stock"] == 50
    renamed = await client.put(
        f"/api/admin/catalog/products/{product['id']}/specs",
        json={"specs": [{"name": "颜色", "values": ["深红", "蓝", "绿"]}, {"name": "尺码", "values": ["S", "M"]}],
              "renames": {"颜色": {"红": "深红"}}},
        headers=shop.owner,
    )
    assert renamed.status_code == 200, renamed.text
    skus = renamed.json()["skus"]
    assert len(skus) == 6
    kept = next(sku for sku in skus if sku["spec_values"] == ["深红", "S"])
    assert (kept["id"], kept["price_fen"], kept["stock"], kept["code"]) == (red_s["id"], 1000, 50, "P-RS")
    bulk = await client.post(f"/api/admin/catalog/products/{product['id']}/skus/bulk",
                             json={"match": {"尺码": "M"}, "price_fen": 1500, "stock": 7}, headers=shop.owner)
    assert bulk.status_code == 201, bulk.text
    assert {sku["price_fen"] for sku in bulk.json()["skus"] if sku["spec_values"][1] == "M"} == {1500}


async def test_null_sku_values_leave_non_empty_columns_unchanged(kaidian_client, shop):
    # A null image/price/stock on a kept SKU was written as-is to a column that cannot hold it
    # (a 500, found by the contract test on PUT .../specs); null still clears a list price or code.
    created = (await kaidian_client.post("/api/admin/catalog/products", json=PHONE, headers=shop.owner)).json()
    red_s = created["skus"][0]
    nulls = {"price_fen": None, "stock": None, "image": None, "list_price_fen": None, "code": None}
    replaced = await kaidian_client.put(
        f"/api/admin/catalog/products/{created['id']}/specs",
        json={"specs": PHONE["specs"], "skus": [{"spec_values": ["红", "S"], **nulls}]},
        headers=shop.owner,
    )
    assert replaced.status_code == 200, replaced.text
    kept = next(sku for sku in replaced.json()["skus"] if sku["id"] == red_s["id"])
    assert (kept["price_fen"], kept["stock"], kept["image"], kept["list_price_fen"], kept["code"]) == (1000, 50, red_s["image"], None, None)
    patched = await kaidian_client.patch(
        f"/api/admin/catalog/products/{created['id']}/skus", json=[{"id": red_s["id"], "price_fen": None, "stock": 3}], headers=shop.owner
    )
    assert patched.status_code == 200, patched.text
    assert next(sku for sku in patched.json()["skus"] if sku["id"] == red_s["id"])["price_fen"] == 1000


async def test_bad_input_names_the_field(kaidian_client, shop):
    client = kaidian_client
    cases = [
        ({**PHONE, "skus": [{"spec_values": ["红", "S"], "price_fen": 1000, "list_price_fen": 900}]}, "skus[0].list_price_fen"),
        ({**PHONE, "category_id": 999999}, "category_id"),
        ({**PHONE, "specs": [{"name": "颜色", "values": ["红", "红"]}], "skus": []}, "specs[0].values"),
        ({**PHONE, "skus": [{"spec_values": ["红", "S"], "price_fen": -1}]}, None),
    ]
    for body, field in cases:
        response = await client.post("/api/admin/catalog/products", json=body, headers=shop.owner)
        assert response.status_code == 422, response.text
        if field:
            assert response.json()["field"] == field
    first = await client.post("/api/admin/catalog/products", json=PHONE, headers=shop.owner)
    assert first.status_code == 201
    again = await client.post("/api/admin/catalog/products", json=PHONE, headers=shop.owner)
    assert again.status_code == 422 and again.json()["field"] == "skus[0].code"


async def test_category_tree_moves_and_cycles(kaidian_client, shop):
    client, headers = kaidian_client, shop.owner
    a = (await client.post("/api/admin/catalog/categories", json={"name": "数码"}, headers=headers)).json()
    b = (await client.post("/api/admin/catalog/categories", json={"name": "手机", "parent_id": a["id"]}, headers=headers)).json()
    c = (await client.post("/api/admin/catalog/categories", json={"name": "配件", "parent_id": b["id"]}, headers=headers)).json()
    too_deep = await client.post("/api/admin/catalog/categories", json={"name": "x", "parent_id": c["id"]}, headers=headers)
    assert too_deep.status_code == 422 and too_deep.json()["field"] == "parent_id"
    cycle = await client.patch(f"/api/admin/catalog/categories/{a['id']}", json={"parent_id": c["id"]}, headers=headers)
    assert cycle.status_code == 422 and cycle.json()["field"] == "parent_id"
    moved = await client.patch(f"/api/admin/catalog/categories/{b['id']}", json={"parent_id": None}, headers=headers)
    assert moved.status_code == 200 and moved.json()["depth"] == 1
    tree = (await client.get("/api/admin/catalog/categories", headers=headers)).json()
    assert {node["name"]: [child["depth"] for child in node["children"]] for node in tree} == {"数码": [], "手机": [2]}


async def test_customer_reads_are_cached_and_fresh_after_edit(kaidian_client, shop):
    client = kaidian_client
    category = (await client.post("/api/admin/catalog/categories", json={"name": "手机"}, headers=shop.owner)).json()
    product = (await client.post("/api/admin/catalog/products", json={**PHONE, "category_id": category["id"]}, headers=shop.owner)).json()
    url = f"/api/shop/{shop.shop_id}/products/{product['id']}"
    first = await client.get(url)
    assert first.status_code == 200, first.text
    assert first.json()["skus"][0]["stock_status"] == "in_stock" and "stock" not in first.json()["skus"][0]
    await client.get(url)
    stats = (await client.get("/api/admin/catalog/cache-stats", headers=shop.owner)).json()
    assert stats["hits"] >= 1
    await client.patch(f"/api/admin/catalog/products/{product['id']}", json={"title": "荣耀手机"}, headers=shop.owner)
    assert (await client.get(url)).json()["title"] == "荣耀手机"
    listing = await client.get(f"/api/shop/{shop.shop_id}/products", params={"category_id": category["id"], "sort": "price_asc"})
    assert [item["id"] for item in listing.json()["items"]] == [product["id"]]


@pytest.mark.parametrize("backend_name", ["builtin", "postgres"])
async def test_search_by_initials_pinyin_and_typo(kaidian_client, shop, backend_name):
    from tests.catalog.test_search import backend_for

    client = kaidian_client
    client.app.state.catalog_search = backend_for(backend_name, client)
    for title in ("华为手机", "手表", "耳机"):
        await client.post("/api/admin/catalog/products", json={**PHONE, "title": title, "skus": []}, headers=shop.owner)
    async def suggest(q):
        response = await client.get(f"/api/shop/{shop.shop_id}/search/suggest", params={"q": q})
        assert response.status_code == 200, response.text
        return [item["text"] for item in response.json()["items"]]
    assert "华为手机" in await suggest("hwsj")
    assert await suggest("shoub") == ["手表"]
    assert "华为手机" in await suggest("huawie")  # one typo
    results = await client.get(f"/api/shop/{shop.shop_id}/search", params={"q": "sj"})
    assert [item["title"] for item in results.json()["items"]] == ["华为手机"]
    hot = await client.get(f"/api/shop/{shop.shop_id}/search/hot")
    assert hot.json()["items"] == ["sj"]


async def test_shop_isolation(kaidian_client, two_shops):
    client = kaidian_client
    shop_a, shop_b = two_shops
    product = (await client.post("/api/admin/catalog/products", json=PHONE, headers=shop_a.owner)).json()
    category = (await client.post("/api/admin/catalog/categories", json={"name": "c"}, headers=shop_a.owner)).json()
    pid, sku_id = product["id"], product["skus"][0]["id"]
    await assert_other_shop_gets_404(client, [
        ("GET", f"/api/admin/catalog/products/{pid}", None),
        ("PATCH", f"/api/admin/catalog/products/{pid}", {"title": "x"}),
        ("DELETE", f"/api/admin/catalog/products/{pid}", None),
        ("PUT", f"/api/admin/catalog/products/{pid}/specs", {"specs": []}),
        ("PATCH", f"/api/admin/catalog/products/{pid}/skus", [{"id": sku_id, "stock": 1}]),
        ("POST", f"/api/admin/catalog/products/{pid}/skus/bulk", {"stock": 1}),
        ("PATCH", f"/api/admin/catalog/categories/{category['id']}", {"name": "x"}),
        ("DELETE", f"/api/admin/catalog/categories/{category['id']}", None),
    ], shop_b.owner)
    listed = (await client.get("/api/admin/catalog/products", headers=shop_b.owner)).json()
    assert listed["items"] == []
    assert (await client.get(f"/api/shop/{shop_b.shop_id}/products/{pid}")).status_code == 404
    assert (await client.get(f"/api/shop/{shop_b.shop_id}/products")).json()["items"] == []


async def test_editing_skus_never_hands_back_units_sold_since_the_form_was_read(kaidian_client, shop):
    # The admin form reads stock 50; three units sell while it is open. Saving a price change
    # used to write the whole row back (stock 50 again: three units sold twice).
    from core.catalog.inventory import reserve_stock

    client, base = kaidian_client, "/api/admin/catalog/products"
    created = (await client.post(base, json=PHONE, headers=shop.owner)).json()
    red_s = created["skus"][0]
    await reserve_stock(shop.shop_id, {red_s["id"]: 3})

    def stock_of(answer):
        return next(sku for sku in answer.json()["skus"] if sku["id"] == red_s["id"])["stock"]

    price_only = await client.put(
        f"{base}/{created['id']}/specs",
        json={"specs": PHONE["specs"], "skus": [{"spec_values": ["红", "S"], "price_fen": 1100}]},
        headers=shop.owner,
    )
    assert price_only.status_code == 200, price_only.text
    assert stock_of(price_only) == 47
    patched = await client.patch(f"{base}/{created['id']}/skus", json=[{"id": red_s["id"], "code": "P-RS2"}], headers=shop.owner)
    assert patched.status_code == 200 and stock_of(patched) == 47

    # A stock the merchant set from the stale figure is refused, naming the field; nothing of the
    # save is kept (the price in the same body neither).
    stale = await client.put(
        f"{base}/{created['id']}/specs",
        json={"specs": PHONE["specs"], "skus": [{"spec_values": ["红", "S"], "price_fen": 1150, "stock": 60, "expected_stock": 50}]},
        headers=shop.owner,
    )
    assert stale.status_code == 409, stale.text
    assert stale.json()["code"] == "stock_changed" and stale.json()["field"] == "skus[0].stock"
    assert "47" in stale.json()["message"]
    stale_patch = await client.patch(
        f"{base}/{created['id']}/skus", json=[{"id": red_s["id"], "stock": 60, "expected_stock": 50}], headers=shop.owner
    )
    assert stale_patch.status_code == 409 and stale_patch.json()["field"] == "skus[0].stock"
    unchanged = (await client.get(f"{base}/{created['id']}", headers=shop.owner)).json()
    assert next(sku for sku in unchanged["skus"] if sku["id"] == red_s["id"])["price_fen"] == 1100
    assert stock_of(await client.get(f"{base}/{created['id']}", headers=shop.owner)) == 47

    # From the current figure it is set; without expected_stock (imports, scripts) it is set as given.
    fresh = await client.patch(
        f"{base}/{created['id']}/skus", json=[{"id": red_s["id"], "stock": 60, "expected_stock": 47}], headers=shop.owner
    )
    assert fresh.status_code == 200 and stock_of(fresh) == 60
    plain = await client.put(
        f"{base}/{created['id']}/specs",
        json={"specs": PHONE["specs"], "skus": [{"spec_values": ["红", "S"], "stock": 5}]},
        headers=shop.owner,
    )
    assert plain.status_code == 200 and stock_of(plain) == 5
