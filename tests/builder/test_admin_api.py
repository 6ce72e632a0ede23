"""Builder admin routes: catalogue, schema, validation and zip export for the token's shop."""

from __future__ import annotations

import io
import json
import re
import zipfile

from builder.samples import demo_config, oversized_config


async def test_catalogue_lists_components_themes_and_schema(kaidian_client, shop):
    components = await kaidian_client.get("/api/admin/builder/components", headers=shop.owner)
    assert components.status_code == 200, components.text
    by_name = {item["name"]: item for item in components.json()}
    assert by_name["banner"]["title"] == {"zh-CN": "轮播图", "en": "Banner"}
    assert by_name["product_grid"]["defaults"]["layout"] == "grid2"
    themes = await kaidian_client.get("/api/admin/builder/themes", headers=shop.owner)
    assert [theme["name"] for theme in themes.json()] == ["default", "fresh_grocery", "premium_dark"]
    schema = await kaidian_client.get("/api/admin/builder/schema", headers=shop.owner)
    assert "props_banner" in schema.json()["$defs"]


async def test_validate_reports_paths_and_messages(kaidian_client, shop):
    config = demo_config()
    config["pages"][0]["components"][2]["props"]["text"] = 5
    response = await kaidian_client.post("/api/admin/builder/validate", json={"config": config}, headers=shop.owner)
    assert response.status_code == 200
    assert response.json() == {
        "valid": False,
        "errors": [{"path": "$.pages[0].components[2].props.text", "message": {"zh-CN": "应为文本", "en": "Must be text"}}],
    }


async def test_export_returns_a_zip_of_the_project(kaidian_client, shop):
    response = await kaidian_client.post("/api/admin/builder/export?target=taro", json={"config": demo_config()}, headers=shop.owner)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "src/app.config.js" in archive.namelist()


async def test_export_of_an_invalid_config_is_a_422_problem(kaidian_client, shop):
    config = demo_config()
    config["pages"][0]["route"] = "Bad Route"
    response = await kaidian_client.post("/api/admin/builder/export", json={"config": config}, headers={**shop.owner, "Accept-Language": "en"})
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "$.pages[0].route"
    assert body["errors"][0] == {"path": "$.pages[0].route", "message": "Has the wrong format"}


async def test_customers_and_anonymous_callers_are_refused(kaidian_client, shop):
    assert (await kaidian_client.get("/api/admin/builder/components")).status_code == 401
    assert (await kaidian_client.get("/api/admin/builder/components", headers=shop.customer)).status_code == 403


async def test_deeply_nested_configurations_are_a_422_not_a_500(kaidian_client, shop):
    nested: dict = {}
    for _ in range(500):
        nested = {"a": nested}
    config = demo_config()
    config["pages"][0]["components"][0]["props"] = nested
    for path in ("/api/admin/builder/validate", "/api/admin/builder/export"):
        response = await kaidian_client.post(path, json={"config": config}, headers={**shop.owner, "Accept-Language": "en"})
        assert response.status_code in (200, 422), (path, response.status_code, response.text[:300])
        assert "Nested deeper than 16 levels" in response.text, response.text[:300]
    saved = await kaidian_client.put("/api/admin/builder/config/draft", json={"config": config}, headers=shop.owner)
    assert saved.status_code == 422 and saved.json()["field"].startswith("$.pages[0].components[0].props.a"), saved.text[:300]


async def test_export_over_wechats_package_limits_names_the_package_and_its_size(kaidian_client, shop):
    """#30 §2: the export refuses what WeChat would refuse, before anyone builds it."""
    for subpackage, which in ((None, "the main package"), ("reading", "subpackage pkg_reading")):
        config = oversized_config(subpackage)
        assert len(json.dumps(config)) < 2 * 1024 * 1024  # under the API's body limit
        response = await kaidian_client.post("/api/admin/builder/export", json={"config": config}, headers={**shop.owner, "Accept-Language": "en"})
        assert response.status_code == 422, response.text[:300]
        body = response.json()
        assert body["field"] == "$.pages"
        assert re.fullmatch(rf"{which} is at least 2\d{{3}}\.\d KB; WeChat allows at most 2048 KB", body["errors"][0]["message"]), body
        assert body["message"].startswith(which[0].upper() + which[1:]) and "subpackages" in body["message"], body["message"]
    chinese = await kaidian_client.post("/api/admin/builder/export", json={"config": oversized_config()}, headers=shop.owner)
    assert chinese.json()["errors"][0]["message"].startswith("主包至少为 2"), chinese.json()
    # just under the limit it exports
    fits = await kaidian_client.post("/api/admin/builder/export", json={"config": oversized_config(blocks=1500)}, headers=shop.owner)
    assert fits.status_code == 200, fits.text[:300]
