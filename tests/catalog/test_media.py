"""Product media: uploads checked by decoding, WebP derivatives, videos, 3D models, the
library, attaching to products, the customer detail, and shop isolation."""

from __future__ import annotations

import io
import json
import struct
from urllib.parse import urlsplit

from PIL import Image

from core.testing import assert_other_shop_gets_404
from tests.catalog.test_api import PHONE

MEDIA = "/api/admin/catalog/media"


def png(width: int = 1200, height: int = 800, color: str = "red", mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), color).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 640, height: int = 480) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "blue").save(out, "JPEG")
    return out.getvalue()


def glb(version: int = 2, asset_version: str = "2.0", declared_extra: int = 0) -> bytes:
    chunk = json.dumps({"asset": {"version": asset_version}, "scenes": [{}]}).encode()
    chunk += b" " * (-len(chunk) % 4)
    total = 12 + 8 + len(chunk)
    return struct.pack("<4sII", b"glTF", version, total + declared_extra) + struct.pack("<II", len(chunk), 0x4E4F534A) + chunk


MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


async def upload(client, headers, content: bytes, name: str = "a.png", **form):
    files = {"file": (name, content, "application/octet-stream")}
    if "poster" in form:
        files["poster"] = ("poster.png", form.pop("poster"), "image/png")
    return await client.post(MEDIA, files=files, data=form, headers=headers)


async def fetch(client, url: str):
    return await client.get(urlsplit(url).path)


async def test_image_upload_makes_webp_derivatives_served_by_the_app(kaidian_client, shop):
    client = kaidian_client
    response = await upload(client, shop.owner, png(2400, 1600), "商品主图.png")
    assert response.status_code == 201, response.text
    item = response.json()
    assert (item["kind"], item["format"], item["width"], item["height"]) == ("image", "png", 2400, 1600)
    assert item["filename"] == "商品主图.png"
    original = await fetch(client, item["url"])
    assert original.status_code == 200 and original.headers["content-type"] == "image/png"
    for url, side in ((item["webp_url"], 1600), (item["thumbnail_url"], 400)):
        served = await fetch(client, url)
        assert served.status_code == 200 and served.headers["content-type"] == "image/webp"
        assert "immutable" in served.headers["cache-control"]
        decoded = Image.open(io.BytesIO(served.content))
        assert decoded.format == "WEBP" and max(decoded.size) == side
    second = (await upload(client, shop.owner, jpeg(), "b.jpg")).json()
    page = (await client.get(MEDIA, params={"kind": "image", "limit": 1}, headers=shop.owner)).json()
    assert [row["id"] for row in page["items"]] == [second["id"]] and page["next_cursor"]
    rest = (await client.get(MEDIA, params={"kind": "image", "cursor": page["next_cursor"]}, headers=shop.owner)).json()
    assert [row["id"] for row in rest["items"]] == [item["id"]] and rest["next_cursor"] is None
    assert (await client.get(MEDIA, params={"kind": "model"}, headers=shop.owner)).json()["items"] == []
    assert (await client.get(f"/media/{urlsplit(item['url']).path.split('/media/')[1]}x")).status_code == 404


async def test_files_that_are_not_what_they_claim_are_refused_naming_the_field(kaidian_client, shop):
    client = kaidian_client
    bomb = png(9000, 9000, color=1, mode="1")  # 81 megapixels in a few kilobytes
    assert len(bomb) < 200_000
    whole = jpeg()
    truncated = whole[: len(whole) // 2]
    en = {**shop.owner, "Accept-Language": "en"}
    cases = [
        (await upload(client, en, b"hello, not an image", "a.png"), "file", "image"),
        (await upload(client, en, bomb, "bomb.png"), "file", "pixels"),
        (await upload(client, en, truncated, "broken.jpg"), "file", "damaged"),
        (await upload(client, en, b"GIF89a" + b"\x00" * 10, "a.gif"), "file", "image"),
        (await upload(client, en, png(), kind="video"), "file", "video"),
        (await upload(client, en, png(), poster=png()), "poster", "video"),
        (await upload(client, en, MP4, "a.mp4", poster=b"not a poster"), "poster", "image"),
        (await upload(client, en, b"", "empty.png"), "file", "empty"),
        (await upload(client, en, glb(version=1), "m.glb"), "file", "version 2"),
        (await upload(client, en, glb(declared_extra=8), "m.glb"), "file", "declares"),
        (await upload(client, en, glb(asset_version="1.0"), "m.glb"), "file", "2.0"),
        (await upload(client, en, json.dumps({"asset": {"version": "2.0"}, "buffers": [{"uri": "scene.bin"}]}).encode(), "m.gltf"),
         "file", "external"),
        (await client.post(MEDIA, data={"url": "http://cdn.example.com/v.mp4"}, files={"kind": (None, "video")}, headers=en), "url", "https"),
        (await client.post(MEDIA, files={"kind": (None, "image")}, headers=en), "file", "file"),
        (await upload(client, en, png(), kind="sound"), "kind", "kind"),
    ]
    for response, field, words in cases:
        assert response.status_code == 422, response.text
        problem = response.json()
        assert problem["field"] == field and words in problem["message"], problem
    chinese = await upload(client, shop.owner, bomb, "bomb.png")
    assert chinese.json()["message"] == "图片像素过多（最多 40 百万像素）"
    assert (await client.get(MEDIA, headers=shop.owner)).json()["items"] == []


async def test_video_with_poster_video_by_url_and_3d_models(kaidian_client, shop):
    client = kaidian_client
    video = await upload(client, shop.owner, MP4, "intro.mp4", poster=png(800, 600))
    assert video.status_code == 201, video.text
    body = video.json()
    assert (body["kind"], body["format"], body["content_type"]) == ("video", "mp4", "video/mp4")
    assert (await fetch(client, body["poster_url"])).headers["content-type"] == "image/png"
    assert (await fetch(client, body["poster_thumbnail_url"])).headers["content-type"] == "image/webp"
    linked = await client.post(MEDIA, data={"url": "https://cdn.example.com/v.mp4"}, files={"kind": (None, "video")}, headers=shop.owner)
    assert linked.status_code == 201, linked.text
    assert (linked.json()["kind"], linked.json()["url"]) == ("video", "https://cdn.example.com/v.mp4")
    model = await upload(client, shop.owner, glb(), "chair.glb")
    assert model.status_code == 201, model.text
    assert (model.json()["kind"], model.json()["format"]) == ("model", "glb")
    served = await fetch(client, model.json()["url"])
    assert served.headers["content-type"] == "model/gltf-binary" and served.content == glb()
    embedded = json.dumps({"asset": {"version": "2.0"}, "buffers": [{"uri": "data:application/octet-stream;base64,AAAA", "byteLength": 3}]})
    gltf = await upload(client, shop.owner, embedded.encode(), "chair.gltf")
    assert gltf.status_code == 201 and gltf.json()["format"] == "gltf"


async def test_attach_orders_the_gallery_and_the_customer_detail_shows_derivatives(kaidian_client, shop):
    client, headers = kaidian_client, shop.owner
    first = (await upload(client, headers, png())).json()
    main = (await upload(client, headers, jpeg(), "main.jpg")).json()
    video = (await upload(client, headers, MP4, "v.mp4", poster=png(300, 300))).json()
    model = (await upload(client, headers, glb(), "m.glb")).json()
    product = (await client.post("/api/admin/catalog/products", json=PHONE, headers=headers)).json()
    attach_url = f"/api/admin/catalog/products/{product['id']}/media"
    url = f"/api/shop/{shop.shop_id}/products/{product['id']}"
    assert (await client.get(url)).json()["media"] == []  # cached before the attach

    wrong = [
        ({"images": [first["id"], first["id"]]}, "images[1]"),
        ({"images": [999_999]}, "images[0]"),
        ({"images": [first["id"]], "video_id": model["id"]}, "video_id"),
        ({"model_id": first["id"]}, "model_id"),
        ({"main_image_id": video["id"]}, "main_image_id"),
    ]
    for body, field in wrong:
        response = await client.put(attach_url, json=body, headers=headers)
        assert response.status_code == 422 and response.json()["field"] == field, response.text

    attached = await client.put(attach_url, json={"images": [first["id"], main["id"]], "main_image_id": main["id"],
                                                  "video_id": video["id"], "model_id": model["id"]}, headers=headers)
    assert attached.status_code == 200, attached.text
    assert [item["media_id"] for item in attached.json()["media"]] == [main["id"], first["id"], video["id"], model["id"]]

    detail = (await client.get(url)).json()
    kinds = [item["kind"] for item in detail["media"]]
    assert kinds == ["image", "image", "video", "model"]
    hero = detail["media"][0]
    assert (hero["url"], hero["webp"], hero["thumbnail"], hero["width"]) == (main["url"], main["webp_url"], main["thumbnail_url"], 640)
    assert detail["media"][2]["poster"] == video["poster_url"] and detail["media"][3]["format"] == "glb"
    cards = (await client.get(f"/api/shop/{shop.shop_id}/products")).json()["items"]
    assert cards[0]["image"] == main["url"]

    in_use = await client.delete(f"{MEDIA}/{main['id']}", headers=headers)
    assert in_use.status_code == 409 and in_use.json()["field"] == "media_id"
    await client.put(attach_url, json={"images": [first["id"]]}, headers=headers)
    assert [item["media_id"] for item in (await client.get(url)).json()["media"]] == [first["id"]]
    gone = await client.delete(f"{MEDIA}/{main['id']}", headers=headers)
    assert gone.status_code == 204, gone.text
    for leftover in (main["url"], main["webp_url"], main["thumbnail_url"]):
        assert (await fetch(client, leftover)).status_code == 404


async def test_media_are_isolated_per_shop(kaidian_client, two_shops):
    client = kaidian_client
    shop_a, shop_b = two_shops
    image = (await upload(client, shop_a.owner, png())).json()
    product_a = (await client.post("/api/admin/catalog/products", json=PHONE, headers=shop_a.owner)).json()
    product_b = (await client.post("/api/admin/catalog/products", json={**PHONE, "skus": []}, headers=shop_b.owner)).json()
    await assert_other_shop_gets_404(client, [
        ("GET", f"{MEDIA}/{image['id']}", None),
        ("DELETE", f"{MEDIA}/{image['id']}", None),
        ("PUT", f"/api/admin/catalog/products/{product_a['id']}/media", {"images": []}),
    ], shop_b.owner)
    assert (await client.get(MEDIA, headers=shop_b.owner)).json()["items"] == []
    borrowed = await client.put(f"/api/admin/catalog/products/{product_b['id']}/media", json={"images": [image["id"]]}, headers=shop_b.owner)
    assert borrowed.status_code == 422 and borrowed.json()["field"] == "images[0]"
    assert (await client.get(f"{MEDIA}/{image['id']}", headers=shop_a.owner)).status_code == 200
    assert f"/media/{shop_a.shop_id}/" in image["url"]
