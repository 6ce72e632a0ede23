"""/admin serves the built admin app, falls back to index.html, and explains itself when unbuilt."""

from __future__ import annotations

import pytest

import core.admin_ui as admin_ui


@pytest.fixture
def client(tmp_path):
    """Static serving needs no database rows: a bare app over ASGI is enough."""
    from litestar.testing import TestClient

    from core.app import create_app
    from core.settings import Settings

    app = create_app(Settings(database_url=f"sqlite://{tmp_path}/admin.sqlite3", run_jobs=False))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def built(tmp_path, monkeypatch):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><div id=app></div>", encoding="utf-8")
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log(1)", encoding="utf-8")
    monkeypatch.setattr(admin_ui, "STATIC_DIR", tmp_path)
    return tmp_path


def test_serves_index_assets_and_falls_back(client, built):
    index = client.get("/admin")
    assert index.status_code == 200 and "id=app" in index.text
    assert index.headers["cache-control"] == "no-cache"
    asset = client.get("/admin/assets/index-abc123.js")
    assert asset.status_code == 200 and asset.headers["content-type"].startswith("text/javascript")
    assert "immutable" in asset.headers["cache-control"]
    assert (client.get("/admin/some/deep/link")).text == index.text
    assert (client.get("/admin/assets/missing.js")).status_code == 404


def test_never_serves_files_outside_the_build(client, built):
    (built.parent / "secret.txt").write_text("nope", encoding="utf-8")
    for path in ("/admin/../secret.txt", "/admin/%2e%2e/secret.txt", "/admin/assets/..%2f..%2fsecret.txt"):
        response = client.get(path)
        assert "nope" not in response.text


def test_unbuilt_admin_says_how_to_build_it(client, tmp_path, monkeypatch):
    monkeypatch.setattr(admin_ui, "STATIC_DIR", tmp_path / "missing")
    response = client.get("/admin/")
    assert response.status_code == 503
    assert "make admin" in response.text and response.headers["content-type"].startswith("text/html")
    assert "make wheel" in response.text  # an installed wheel built without the admin says how
