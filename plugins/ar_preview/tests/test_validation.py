"""Model checks through the admin API: what a merchant uploads is refused with a 4xx naming the
form field and the reason when the viewers could not load it (truncated GLB, glTF 1.0, a
texture over 4096 px, a file over the shop's limit…), and nothing is written; a good model is
kept with its triangle count and largest texture."""

from __future__ import annotations

import json
import struct
from typing import Any

from core.catalog.models import Media

from plugins.ar_preview import sample
from plugins.ar_preview.models import ArModel
from plugins.ar_preview.tests.conftest import on_sale_product

MODELS = "/api/admin/ar-preview/models"


def form(product_id: int, model: bytes | None, poster: bytes | None = None, **extra: Any) -> dict[str, Any]:
    files = {}
    if model is not None:
        files["model"] = ("model.glb", model, "model/gltf-binary")
    files["poster"] = ("poster.png", sample.poster_png() if poster is None else poster, "image/png")
    return {"data": {"product_id": str(product_id), **extra}, "files": files}


async def refused(client, shop, product_id: int, model: bytes, status: int = 422, **extra: Any) -> dict[str, Any]:
    response = await client.post(MODELS, headers=shop.owner, **form(product_id, model, **extra))
    assert response.status_code == status, response.text
    assert await ArModel.filter(shop_id=shop.shop_id).count() == 0
    assert await Media.filter(shop_id=shop.shop_id).count() == 0, "a refused upload left a medium in the library"
    return response.json()


def gltf1_json() -> bytes:
    """A minimal glTF 1.0 document (objects keyed by name, asset.version 1.0)."""
    return json.dumps({"asset": {"version": "1.0"}, "meshes": {"cube": {"primitives": []}}, "scene": "default"}).encode()


def gltf1_binary() -> bytes:
    """glTF 1.0's KHR_binary_glTF container: magic glTF, version 1."""
    content = gltf1_json()
    return b"glTF" + struct.pack("<III", 1, 20 + len(content), len(content)) + struct.pack("<I", 0) + content


async def test_a_good_model_is_kept_with_its_figures(client, shop):
    product_id = await on_sale_product(shop.shop_id)
    response = await client.post(MODELS, headers=shop.owner, **form(product_id, sample.cube_glb()))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["product_id"] == product_id and body["product_title"] == "立体小方块"
    assert body["figures"] == {
        "format": "glb", "size_bytes": len(sample.cube_glb()), "triangles": 12, "texture_count": 1,
        "max_texture_width": 64, "max_texture_height": 64, "warnings": [],
    }
    assert body["model_url"].endswith(".glb") and body["poster_url"] and body["ios_src"] is None
    model = await client.get(body["model_url"].split("://", 1)[1].split("/", 1)[1].join(["/", ""]))
    assert model.status_code == 200 and model.content == sample.cube_glb()
    # Both files went to the shop's media library, where the product editor finds them too.
    kinds = sorted(await Media.filter(shop_id=shop.shop_id).values_list("kind", flat=True))
    assert kinds == ["image", "model"]


async def test_a_truncated_glb_is_refused_naming_the_field(client, shop):
    product_id = await on_sale_product(shop.shop_id)
    whole = sample.cube_glb()
    problem = await refused(client, shop, product_id, whole[: len(whole) - 700])
    assert problem["field"] == "model"
    assert "被截断" in problem["message"] and str(len(whole)) in problem["message"]
    english = await client.post(MODELS, headers={**shop.owner, "Accept-Language": "en"}, **form(product_id, whole[:10]))
    assert english.status_code == 422 and english.json()["field"] == "model"
    assert "header is incomplete" in english.json()["message"]


async def test_gltf_1_is_refused_as_json_and_as_binary(client, shop):
    product_id = await on_sale_product(shop.shop_id)
    for data in (gltf1_json(), gltf1_binary()):
        problem = await refused(client, shop, product_id, data)
        assert problem["field"] == "model"
        assert "glTF 2.0" in problem["message"] and ("1.0" in problem["message"]), problem


async def test_an_oversized_texture_is_refused_with_its_size(client, shop):
    product_id = await on_sale_product(shop.shop_id)
    problem = await refused(client, shop, product_id, sample.cube_glb(texture=sample.texture_png(8192, 16)))
    assert problem["field"] == "model"
    assert "8192×16" in problem["message"] and "4096" in problem["message"]


async def test_a_file_over_the_shops_limit_is_refused_and_the_limit_is_a_setting(client, shop):
    product_id = await on_sale_product(shop.shop_id)
    # 1.2 MB of incompressible texture: under the default 10 MB, over a 1 MB limit.
    noisy = sample.cube_glb(texture=sample.noise_png(640, 640))
    assert 1024 * 1024 < len(noisy) < 10 * 1024 * 1024
    settings = await client.put(
        "/api/admin/plugins/ar_preview", json={"settings": {"max_model_mb": 1}}, headers=shop.owner
    )
    assert settings.status_code == 200, settings.text
    problem = await refused(client, shop, product_id, noisy, status=413)
    assert problem["field"] == "model"
    assert "超过本店上限 1.0 MB" in problem["message"]
    limits = await client.get("/api/admin/ar-preview/limits", headers=shop.owner)
    assert limits.json() == {"max_model_bytes": 1024 * 1024, "max_texture_px": 4096, "formats": ["glb", "gltf"]}
    over = await client.put("/api/admin/plugins/ar_preview", json={"settings": {"max_model_mb": 21}}, headers=shop.owner)
    assert over.status_code == 422 and "max_model_mb" in over.json()["field"]


async def test_what_the_viewers_cannot_load_is_refused(client, shop):
    import pygltflib

    product_id = await on_sale_product(shop.shop_id)
    draco = pygltflib.GLTF2.load_from_bytes(sample.cube_glb())
    draco.extensionsRequired = ["KHR_draco_mesh_compression"]
    draco.extensionsUsed = ["KHR_draco_mesh_compression"]
    problem = await refused(client, shop, product_id, b"".join(draco.save_to_bytes()))
    assert problem["field"] == "model" and "KHR_draco_mesh_compression" in problem["message"]
    external = json.dumps({"asset": {"version": "2.0"}, "buffers": [{"uri": "cube.bin", "byteLength": 10}], "meshes": [{"primitives": []}]}).encode()
    assert "外部文件" in (await refused(client, shop, product_id, external))["message"]
    webp = pygltflib.GLTF2.load_from_bytes(sample.cube_glb(texture=sample.texture_png(32, 32, fmt="WEBP")))
    problem = await refused(client, shop, product_id, b"".join(webp.save_to_bytes()))
    assert "WEBP" in problem["message"]
    assert (await refused(client, shop, product_id, b"PK\x03\x04 not a model"))["field"] == "model"


async def test_the_poster_and_usdz_are_checked_too(client, shop):
    product_id = await on_sale_product(shop.shop_id)
    response = await client.post(MODELS, headers=shop.owner, **form(product_id, sample.cube_glb(), poster=b"not a picture"))
    assert response.status_code == 422 and response.json()["field"] == "poster"
    no_poster = form(product_id, sample.cube_glb())
    del no_poster["files"]["poster"]
    response = await client.post(MODELS, headers=shop.owner, **no_poster)
    assert response.status_code == 422 and response.json()["field"] == "poster"
    bad_usdz = form(product_id, sample.cube_glb())
    bad_usdz["files"]["usdz"] = ("cube.usdz", b"PK\x03\x04broken", "model/vnd.usdz+zip")
    response = await client.post(MODELS, headers=shop.owner, **bad_usdz)
    assert response.status_code == 422 and response.json()["field"] == "usdz"
    assert await Media.filter(shop_id=shop.shop_id).count() == 0
    missing = await client.post(MODELS, headers=shop.owner, **form(999999, sample.cube_glb()))
    assert missing.status_code == 404 and missing.json()["field"] == "product_id"
