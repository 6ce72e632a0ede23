"""Bulk product import from CSV/XLSX: products grouped by title, row-level report, valid
products kept, nothing half-imported."""

from __future__ import annotations

import io

from openpyxl import Workbook

from core.catalog.models import Product, Sku

IMPORT = "/api/admin/catalog/products/import"
HEADER = "商品名称,分类,状态,标签,规格,价格(元),划线价(元),库存,SKU编码\n"


async def send(client, headers, content: bytes, name: str = "products.csv"):
    return await client.post(IMPORT, files={"file": (name, content, "application/octet-stream")}, headers=headers)


async def test_csv_import_keeps_valid_products_and_reports_bad_rows(kaidian_client, shop):
    client, headers = kaidian_client, shop.owner
    clothes = (await client.post("/api/admin/catalog/categories", json={"name": "服装"}, headers=headers)).json()
    await client.post("/api/admin/catalog/categories", json={"name": "上衣", "parent_id": clothes["id"]}, headers=headers)
    sheet = HEADER + (
        "纯棉T恤,服装/上衣,在售,新品;热卖,颜色:白;尺码:M,59.90,79.00,100,TS-W-M\n"      # row 2
        "纯棉T恤,服装/上衣,在售,新品;热卖,颜色:白;尺码:L,59.90,79.00,80,TS-W-L\n"       # row 3
        "保温杯,,草稿,,,39,,5,CUP-1\n"                                                     # row 4
        "运动鞋,不存在的分类,在售,,,299,,1,\n"                                              # row 5: unknown category
        "帆布包,,在售,,,abc,,1,\n"                                                         # row 6: bad price
        "卫衣,,在售,,颜色:红,99,,1,HD-R\n"                                                 # row 7
        "卫衣,,在售,,颜色:蓝,99,,1,HD-R\n"                                                 # row 8: duplicate code
        ",,,,,1,,1,\n"                                                                     # row 9: no title
        "围巾,,在售,,,19.999,,1,\n"                                                        # row 10: three decimals
        "手套,,在售,,,29,19,1,\n"                                                          # row 11: list < sale price
    )
    response = await send(client, {**headers, "Accept-Language": "en"}, sheet.encode("utf-8-sig"))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["created"] == 2
    assert [(item["row"], item["title"]) for item in report["products"]] == [(2, "纯棉T恤"), (4, "保温杯")]
    assert [(item["row"], item["column"]) for item in report["errors"]] == [
        (5, "分类"), (6, "价格"), (8, "code"), (9, "商品名称"), (10, "价格"), (11, "list_price_fen"),
    ]
    assert "unknown category" in report["errors"][0]["message"]
    tee = await Product.get(shop_id=shop.shop_id, title="纯棉T恤")
    assert tee.status == "on_sale" and tee.tags == ["新品", "热卖"] and tee.min_price_fen == 5990
    skus = {tuple(sku.spec_values): sku for sku in await Sku.filter(product_id=tee.id)}
    assert set(skus) == {("白", "M"), ("白", "L")} and skus[("白", "L")].stock == 80 and skus[("白", "M")].list_price_fen == 7900
    assert not await Product.exists(shop_id=shop.shop_id, title="卫衣")  # not half-imported
    cup = await Product.get(shop_id=shop.shop_id, title="保温杯")
    assert cup.status == "draft" and cup.specs == [] and await Sku.filter(product_id=cup.id).count() == 1


async def test_xlsx_and_gbk_csv_import_and_bad_files(kaidian_client, shop):
    client, headers = kaidian_client, shop.owner
    book = Workbook()
    book.active.append(["商品名称", "规格", "价格(分)", "库存"])
    for colour in ("红", "蓝"):
        book.active.append(["手机壳", f"颜色：{colour}", 1500, 3])
    book.active.append(["不完整", "颜色:红;尺码:S", 100, 1])
    book.active.append(["不完整", "颜色:蓝;尺码:M", 100, 1])
    out = io.BytesIO()
    book.save(out)
    report = (await send(client, headers, out.getvalue(), "products.xlsx")).json()
    assert report["created"] == 1 and report["products"][0]["title"] == "手机壳"
    assert [(item["row"], item["column"]) for item in report["errors"]] == [(4, "规格")]
    assert "规格组合不完整" in report["errors"][0]["message"]

    gbk = ("商品名称,价格\n" + "茶叶,88.00\n").encode("gbk")
    assert (await send(client, headers, gbk)).json()["created"] == 1
    assert (await Product.get(shop_id=shop.shop_id, title="茶叶")).min_price_fen == 8800

    for content, words in ((b"", "empty"), ("名称,价格\n茶,1\n".encode(), "title"), (b"PK\x03\x04broken", "XLSX"),
                           (HEADER.encode(), "no data")):
        response = await send(client, {**headers, "Accept-Language": "en"}, content)
        assert response.status_code == 422 and response.json()["field"] == "file", response.text
        assert words in response.json()["message"]
    template = await client.get("/api/admin/catalog/products/import-template", headers=headers)
    assert template.status_code == 200 and template.content.decode("utf-8-sig").startswith("商品名称,")
    assert (await send(client, headers, template.content)).json()["created"] == 0  # its category does not exist here


async def test_import_goes_to_the_callers_shop_only(kaidian_client, two_shops):
    shop_a, shop_b = two_shops
    await send(kaidian_client, shop_a.owner, (HEADER + "茶杯,,在售,,,10,,1,CODE-1\n").encode())
    # The same SKU code is free in another shop, and shop B sees none of shop A's products.
    report = (await send(kaidian_client, shop_b.owner, (HEADER + "茶杯,,在售,,,10,,1,CODE-1\n").encode())).json()
    assert report["created"] == 1
    assert await Product.filter(shop_id=shop_b.shop_id).count() == 1
    listed = (await kaidian_client.get("/api/admin/catalog/products", headers=shop_b.owner)).json()["items"]
    assert [item["id"] for item in listed] == [report["products"][0]["product_id"]]
    staff_denied = await kaidian_client.post(IMPORT, files={"file": ("a.csv", b"x", "text/csv")})
    assert staff_denied.status_code == 401
