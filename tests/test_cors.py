"""CORS: only the origins in KAIDIAN_CORS_ALLOW_ORIGINS (and the sandboxed H5 preview's opaque origin) may call the API from a browser."""

from __future__ import annotations

H5_ORIGIN = "http://127.0.0.1:5173"
PREFLIGHT = {"Origin": H5_ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-kaidian-shop"}


async def test_no_cors_headers_by_default(kaidian_client):
    response = await kaidian_client.get("/healthz", headers={"Origin": H5_ORIGIN})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


async def test_listed_origin_is_allowed_and_others_are_not(kaidian_client_for, kaidian_settings):
    settings = kaidian_settings.model_copy(update={"cors_allow_origins": [H5_ORIGIN]})
    async with kaidian_client_for(settings=settings) as client:
        preflight = await client.options("/api/shop/batch", headers=PREFLIGHT)
        assert preflight.status_code in (200, 204)
        assert preflight.headers["access-control-allow-origin"] == H5_ORIGIN
        assert "access-control-allow-credentials" not in preflight.headers
        allowed = await client.get("/healthz", headers={"Origin": H5_ORIGIN})
        assert allowed.headers["access-control-allow-origin"] == H5_ORIGIN
        other = await client.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_origins_are_read_comma_separated(monkeypatch):
    from core.settings import load_settings

    monkeypatch.setenv("KAIDIAN_CORS_ALLOW_ORIGINS", "https://h5.example.com, http://127.0.0.1:5173")
    assert load_settings().cors_allow_origins == ["https://h5.example.com", "http://127.0.0.1:5173"]


async def test_the_sandboxed_h5_preview_reads_the_storefront(kaidian_client, shop):
    """The admin's H5 preview runs as the opaque origin "null" and still shows live data."""
    response = await kaidian_client.get(f"/api/shop/{shop.shop_id}/categories", headers={"Origin": "null"})
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "null"
    assert "access-control-allow-credentials" not in response.headers
