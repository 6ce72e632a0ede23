"""The AR preview API around the checks: replacing a product's model, the library's media
reused and protected, customers' reads (on-sale products only, the shop's latest by default,
the batch data source), removal, and shop isolation on every route."""

from __future__ import annotations

import io
import zipfile

from core.catalog.models import Media, Product
from core.testing import assert_other_shop_gets_404, make_shop

from plugins.ar_preview import sample
from plugins.ar_preview.tests.conftest import on_sale_product
from plugins.ar_preview.tests.test_validation import MODELS, form


def fields(**values: object) -> dict:
    """A multipart body of plain fields (the admin always posts multipart, files or not)."""
    return {"files": {name: (None, str(value)) for name, value in values.items()}}


def usdz() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("cube.usdc", b"PXR-USDC" + b"\0" * 64)
    return out.getvalue()


async def test_a_model_is_replaced_and_library_media_are_reused(client, shop):
    product_id = await on_sale_product(shop.shop_id)
    with_usdz = form(product_id, sample.cube_glb())
    with_usdz["files"]["usdz"] = ("cube.usdz", usdz(), "model/vnd.usdz+zip")
    first = (await client.post(MODELS, headers=shop.owner, **with_usdz)).json()
    assert first["ios_src"].endswith(".usdz") and first["usdz_bytes"] == len(usdz())
    served = await client.get("/" + first["ios_src"].split("://", 1)[1].split("/", 1)[1])
    assert served.status_code == 200 and served.headers["content-type"] == "model/vnd.usdz+zip"
    # The same product again, this time from what is already in the media library.
    again = await client.post(
        MODELS, headers=shop.owner, **fields(product_id=product_id, model_media_id=first["model_media_id"], poster_media_id=first["poster_media_id"]),
    )
    assert again.status_code == 201, again.text
    second = again.json()
    assert second["id"] == first["id"] and second["ios_src"] is None
    assert (await client.get("/" + first["ios_src"].split("://", 1)[1].split("/", 1)[1])).status_code == 404
    assert await Media.filter(shop_id=shop.shop_id).count() == 2
    # The library refuses to delete a medium an AR model shows.
    refused = await client.delete(f"/api/admin/catalog/media/{first['model_media_id']}", headers=shop.owner)
    assert refused.status_code == 409
    both = await client.post(MODELS, headers=shop.owner, **fields(product_id=product_id, model_media_id=first["poster_media_id"], poster_media_id=first["poster_media_id"]))
    assert both.status_code == 422 and both.json()["field"] == "model_media_id"
    listed = (await client.get(MODELS, headers=shop.owner)).json()
    assert [item["id"] for item in listed] == [first["id"]]
    assert (await client.delete(f"{MODELS}/{first['id']}", headers=shop.owner)).status_code == 204
    assert (await client.get(MODELS, headers=shop.owner)).json() == []
    assert await Media.filter(shop_id=shop.shop_id).count() == 2  # the media stay in the library


async def test_customers_read_on_sale_products_and_the_batch_source(client, shop):
    older = await on_sale_product(shop.shop_id, "旧款")
    newer = await on_sale_product(shop.shop_id, "新款")
    for product_id in (older, newer):
        assert (await client.post(MODELS, headers=shop.owner, **form(product_id, sample.cube_glb()))).status_code == 201
    public = f"/api/shop/{shop.shop_id}/ar-preview/model"
    latest = (await client.get(public)).json()
    assert latest["product_id"] == newer and latest["title"] == "新款" and latest["format"] == "glb"
    assert latest["src"].endswith(".glb") and latest["poster"] and latest["ios_src"] is None
    assert (await client.get(public, params={"product_id": older})).json()["product_id"] == older
    await Product.filter(id=older).update(status="off_sale")
    missing = await client.get(public, params={"product_id": older})
    assert missing.status_code == 200 and missing.json() is None  # off sale: no model for customers
    answer = await client.post("/api/shop/batch", json={"shop_id": shop.shop_id, "requests": [
        {"id": "a", "source": "ar_preview.model", "params": {"product_id": newer}},
        {"id": "b", "source": "ar_preview.model", "params": {"product_id": "x"}},
    ]})
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert results["a"]["ok"] and results["a"]["data"]["product_id"] == newer
    assert not results["b"]["ok"] and results["b"]["error"]["field"] == "product_id"


async def test_other_shops_see_nothing(client, shop):
    product_id = await on_sale_product(shop.shop_id)
    made = (await client.post(MODELS, headers=shop.owner, **form(product_id, sample.cube_glb()))).json()
    other = await make_shop(client, name="别家")
    await assert_other_shop_gets_404(client, [("GET", f"{MODELS}/{made['id']}", None), ("DELETE", f"{MODELS}/{made['id']}", None)], other.owner)
    assert (await client.get(MODELS, headers=other.owner)).json() == []
    foreign = await client.post(MODELS, headers=other.owner, **form(product_id, sample.cube_glb()))
    assert foreign.status_code == 404 and foreign.json()["field"] == "product_id"
    borrowed = await client.post(MODELS, headers=other.owner, **fields(
        product_id=await on_sale_product(other.shop_id), model_media_id=made["model_media_id"], poster_media_id=made["poster_media_id"],
    ))
    assert borrowed.status_code == 422 and borrowed.json()["field"] == "model_media_id"
    foreign_read = await client.get(f"/api/shop/{other.shop_id}/ar-preview/model", params={"product_id": product_id})
    assert foreign_read.status_code == 200 and foreign_read.json() is None
    assert (await client.post(MODELS, headers=shop.customer, **form(product_id, sample.cube_glb()))).status_code in (401, 403)
