"""The `kaidian` command line against throw-away databases."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from core.cli import cli
from core.testing.database import base_database_url, derive_test_database_url, drop_test_database
from tests.demo_server import DEMO_OWNER, call, free_port, running_demo

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None, input: str | None = None):
    return runner.invoke(cli, list(args), env=env, input=input)


@pytest.fixture
def fresh_database():
    """A database URL whose database does not exist yet (on the server KAIDIAN_DATABASE_URL names)."""
    from core.app import create_app
    from core.settings import Settings

    url = derive_test_database_url(base_database_url())
    yield url
    config = create_app(Settings(database_url=url, run_jobs=False)).state.db_config
    try:
        drop_test_database(config, url)
    except Exception:  # the test may have failed before creating it
        pass


async def _make_shop(config: dict) -> int:
    from core.db import close_db, init_db
    from core.shops.services import create_agency, create_shop

    await init_db(config)
    try:
        agency = await create_agency("CLI agency")
        return (await create_shop(agency_id=agency.id, name="CLI shop", slug="cli-shop")).id
    finally:
        await close_db()


async def _password_ok(config: dict, email: str, password: str) -> bool:
    from core.accounts.services import authenticate_staff
    from core.db import close_db, init_db

    await init_db(config)
    try:
        return (await authenticate_staff(email, password)).email == email
    finally:
        await close_db()


def test_invalid_settings_exit_2_with_one_clean_paragraph():
    result = invoke("db", "upgrade", env={"KAIDIAN_SECRET_KEY": "short", "KAIDIAN_DATABASE_URL": "oracle://x"})
    assert result.exit_code == 2
    assert "KAIDIAN_SECRET_KEY" in result.output and "KAIDIAN_DATABASE_URL" in result.output
    assert "Traceback" not in result.output
    for command in (["plugin", "list"], ["serve"], ["createstaff", "--email", "a@b.cc", "--shop-id", "1"]):
        assert invoke(*command, env={"KAIDIAN_REDIS_URL": "http://nope"}).exit_code == 2


REAL_SECRETS = {
    "KAIDIAN_SECRET_KEY": "a-real-secret-for-this-test-only-0123456789",
    "KAIDIAN_DATA_ENCRYPTION_KEYS": "k1:" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode(),
}


@pytest.mark.parametrize("command", ["serve", "worker"])
def test_serve_and_worker_refuse_development_secrets_and_the_sandbox(command, monkeypatch):
    monkeypatch.setenv("KAIDIAN_REDIS_URL", "redis://127.0.0.1:6379/3")  # the worker needs one; nothing connects
    defaults = invoke(command, env={"KAIDIAN_SECRET_KEY": None, "KAIDIAN_DATA_ENCRYPTION_KEYS": None, "KAIDIAN_WECHAT_PROVIDER": None})
    assert defaults.exit_code == 2 and "Traceback" not in defaults.output
    assert f"kaidian {command} refuses to start" in defaults.output
    assert "KAIDIAN_SECRET_KEY is the public development value" in defaults.output
    assert "secrets.token_urlsafe(48)" in defaults.output and "os.urandom(32)" in defaults.output
    assert "KAIDIAN_DATA_ENCRYPTION_KEYS contains the public development key" in defaults.output
    assert "KAIDIAN_WECHAT_PROVIDER" not in defaults.output  # real WeChat is the default
    # A development key kept for rotation is refused too: it decrypts everything it encrypted.
    from core.settings import INSECURE_DEV_DATA_KEY

    rotated = REAL_SECRETS | {"KAIDIAN_DATA_ENCRYPTION_KEYS": f"{REAL_SECRETS['KAIDIAN_DATA_ENCRYPTION_KEYS']},{INSECURE_DEV_DATA_KEY}"}
    assert "KAIDIAN_DATA_ENCRYPTION_KEYS" in invoke(command, env=rotated).output
    sandbox = invoke(command, env=REAL_SECRETS | {"KAIDIAN_WECHAT_PROVIDER": "sandbox", "KAIDIAN_DEVELOPMENT_MODE": None})
    assert sandbox.exit_code == 2
    assert "KAIDIAN_WECHAT_PROVIDER=sandbox lets any customer mark orders paid without paying" in sandbox.output
    assert "KAIDIAN_DEVELOPMENT_MODE=true" in sandbox.output and "KAIDIAN_SECRET_KEY" not in sandbox.output


def test_serve_starts_with_the_sandbox_only_in_named_development_mode(tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("KAIDIAN_")} | REAL_SECRETS | {
        "KAIDIAN_DATABASE_URL": f"sqlite://{tmp_path}/dev.sqlite3",
        "KAIDIAN_WECHAT_PROVIDER": "sandbox",
        "KAIDIAN_DEVELOPMENT_MODE": "true",
        "KAIDIAN_RUN_JOBS": "false",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "core.cli", "serve", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        health = None
        deadline = time.monotonic() + 60
        while health is None and time.monotonic() < deadline and process.poll() is None:
            try:
                health = call(f"http://127.0.0.1:{port}/healthz", timeout=1)
            except OSError:
                time.sleep(0.2)
        # A customer search by phone: the access log keeps the request, not the number.
        try:
            call(f"http://127.0.0.1:{port}/api/admin/customers?phone=13812345678&limit=5")
        except urllib.error.HTTPError as refused:
            assert refused.code == 401
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert health and health["status"] == "ok", output
    assert "never let real customers use this server" in output
    assert "GET /api/admin/customers?phone=138****5678&limit=5 HTTP/1.1" in output, output
    assert "13812345678" not in output


def test_upgrade_creates_the_database_then_createstaff_grants_roles(fresh_database):
    from core.app import create_app
    from core.settings import Settings

    env = {"KAIDIAN_DATABASE_URL": fresh_database}
    first = invoke("db", "upgrade", env=env)
    assert first.exit_code == 0, first.output
    assert "up to date" in first.output
    assert invoke("db", "upgrade", env=env).exit_code == 0  # idempotent

    config = create_app(Settings(database_url=fresh_database, run_jobs=False)).state.db_config
    shop_id = asyncio.run(_make_shop(config))
    created = invoke(
        "createstaff", "--email", "Op@Example.com", "--password", "password-123",
        "--shop-id", str(shop_id), "--role", "operator", env=env,
    )
    assert created.exit_code == 0, created.output
    assert "created as operator" in created.output
    assert asyncio.run(_password_ok(config, "op@example.com", "password-123"))

    again = invoke("createstaff", "--email", "op@example.com", "--shop-id", str(shop_id), "--role", "owner", env=env)
    assert again.exit_code == 0 and "already existed; now owner" in again.output

    prompted = invoke(
        "createstaff", "--email", "cs@example.com", "--shop-id", str(shop_id), "--role", "customer_service",
        env=env, input="password-456\npassword-456\n",
    )
    assert prompted.exit_code == 0, prompted.output
    assert asyncio.run(_password_ok(config, "cs@example.com", "password-456"))

    short = invoke("createstaff", "--email", "x@example.com", "--password", "short", "--shop-id", str(shop_id), env=env)
    assert short.exit_code == 1 and "at least 8 characters" in short.output
    missing = invoke("createstaff", "--email", "x@example.com", "--password", "password-123", "--shop-id", "999999", env=env)
    assert missing.exit_code == 1 and "no shop with id 999999" in missing.output
    bad_role = invoke("createstaff", "--email", "x@example.com", "--shop-id", str(shop_id), "--role", "boss", env=env)
    assert bad_role.exit_code == 2 and "customer_service" in bad_role.output


async def _shops_named(config: dict, name: str) -> list[tuple[int, int, str]]:
    from core.db import close_db, init_db
    from core.shops.models import Shop

    await init_db(config)
    try:
        return [(shop.id, shop.agency_id, shop.slug) for shop in await Shop.filter(name=name)]
    finally:
        await close_db()


def test_createshop_makes_agency_shop_and_owner_on_an_empty_database(fresh_database):
    from core.app import create_app
    from core.settings import Settings

    env = {"KAIDIAN_DATABASE_URL": fresh_database}
    assert invoke("db", "upgrade", env=env).exit_code == 0
    config = create_app(Settings(database_url=fresh_database, run_jobs=False)).state.db_config
    short = invoke("createshop", "--name", "Tea House", "--owner-email", "boss@example.com", "--password", "short", env=env)
    assert short.exit_code == 2 and "password" in short.output
    assert asyncio.run(_shops_named(config, "Tea House")) == []  # nothing half-made
    made = invoke("createshop", "--name", "Tea House", "--owner-email", "Boss@Example.com", "--password", "password-123", env=env)
    assert made.exit_code == 0, made.output
    assert "slug tea-house" in made.output and "boss@example.com logs in at" in made.output
    [(shop_id, agency_id, slug)] = asyncio.run(_shops_named(config, "Tea House"))
    assert asyncio.run(_password_ok(config, "boss@example.com", "password-123"))
    taken = invoke("createshop", "--name", "茶馆", "--owner-email", "boss@example.com", "--password", "password-123", env=env)
    assert taken.exit_code == 1 and "createstaff" in taken.output
    # The owner can add staff to the new shop with createstaff.
    staff = invoke("createstaff", "--email", "op@example.com", "--shop-id", str(shop_id), "--role", "operator", "--password", "password-456", env=env)
    assert staff.exit_code == 0, staff.output
    chinese = invoke("createshop", "--name", "茶馆", "--owner-email", "cha@example.com", "--password", "password-123", env=env)
    assert chinese.exit_code == 0 and re.search(r"slug shop-[0-9a-f]{8}", chinese.output), chinese.output


def test_plugin_list_json_and_table():
    result = invoke("plugin", "list", "--json")
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert rows["core"]["status"] == "loaded"
    assert rows["core"]["distribution"] == "kaidian"
    assert "kaidian_register_routes" in rows["core"]["hooks"]
    table = invoke("plugin", "list")
    assert table.exit_code == 0 and "core" in table.output and "loaded" in table.output


def test_plugin_new_scaffolds_and_refuses_bad_names(tmp_path):
    target = tmp_path / "kaidian-gift-cards"
    result = invoke("plugin", "new", "gift_cards", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert (target / "pyproject.toml").read_text().count('gift_cards = "kaidian_gift_cards.hooks"') == 1
    assert (target / "kaidian_gift_cards" / "migrations" / "0001_initial.py").exists()
    for bad in ("Gift-Cards", "core"):
        refused = invoke("plugin", "new", bad, "--out", str(tmp_path / bad))
        assert refused.exit_code == 2 and "Traceback" not in refused.output
        assert not (tmp_path / bad).exists()
    again = invoke("plugin", "new", "gift_cards", "--out", str(target))
    assert again.exit_code == 2 and "not an empty directory" in again.output


def test_demo_migrates_seeds_and_serves(tmp_path):
    with running_demo(tmp_path) as demo:
        assert demo.health == {"status": "ok", "version": demo.health and demo.health["version"]}, "demo did not start"
        request = urllib.request.Request(
            f"{demo.base_url}/api/admin/auth/login",
            data=json.dumps(DEMO_OWNER).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 201
            shop_id = json.loads(response.read())["shop_id"]
        # the demo shop has something to sell, browsable and searchable by pinyin initials
        titles = json.dumps(call(f"{demo.base_url}/api/shop/{shop_id}/products"), ensure_ascii=False)
        assert "纯棉T恤" in titles and "华为手机" in titles
        suggested = call(f"{demo.base_url}/api/shop/{shop_id}/search/suggest?q=sj")
        assert "手机" in json.dumps(suggested, ensure_ascii=False)
        # the demo is a development server: sandbox logins work there
        assert call(f"{demo.base_url}/api/shop/auth/login", {"shop_id": shop_id, "code": "sandbox:demo-user"})["access_token"]
        owner = json.loads(urllib.request.urlopen(request, timeout=10).read())["access_token"]
        _the_demo_works_offline(demo.base_url, shop_id, owner)
        _a_new_customer_can_buy_with_a_coupon_and_points(demo.base_url, shop_id)
    assert "owner@demo.kaidian.dev / kaidian-demo" in demo.output
    assert "ready in" in demo.output and f"{demo.base_url}/schema" in demo.output
    assert f"admin         {demo.base_url}/admin" in demo.output
    assert (Path(tmp_path) / "var" / "kaidian.sqlite3").exists()


def _fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


def _the_demo_works_offline(base_url: str, shop_id: int, owner: str) -> None:
    """Every picture of the demo shop (products, banners, nav icons, category icons) is served
    by the demo itself, and its home page is a valid configuration with banners and icons."""
    from PIL import Image

    page = call(f"{base_url}/api/shop/{shop_id}/page-config")["config"]
    assert call(f"{base_url}/api/admin/builder/validate", {"config": page}, token=owner)["valid"] is True
    home = {block["type"]: block["props"] for block in page["pages"][0]["components"]}
    pictures = [slide["image"] for slide in home["banner"]["slides"]] + [item["icon"] for item in home["nav_grid"]["items"]]
    products = call(f"{base_url}/api/shop/{shop_id}/products")
    pictures += [item["image"] for item in products["items"]]
    pictures += [row["icon"] for row in call(f"{base_url}/api/shop/{shop_id}/categories")]
    assert len(pictures) >= 2 + 4 + 6 + 3 and "example.com" not in json.dumps(page) + json.dumps(products)
    sizes = set()
    for url in pictures:
        assert url.startswith(f"{base_url}/media/"), url
        status, content_type, body = _fetch(url)
        assert status == 200 and content_type.startswith("image/"), url
        sizes.add(Image.open(io.BytesIO(body)).size)
    assert len({url for url in pictures}) >= 12 and len(sizes) >= 3  # distinct pictures: products, banners, icons


def _a_new_customer_can_buy_with_a_coupon_and_points(base_url: str, shop_id: int) -> None:
    """home → product (a SKU of several) → checkout with the new-customer coupon → sandbox pay."""
    token = call(f"{base_url}/api/shop/auth/login", {"shop_id": shop_id, "code": "sandbox:journey-user"})["access_token"]
    gift = call(f"{base_url}/api/shop/coupons/welcome/claim", {}, token=token)
    assert [coupon["name"] for coupon in gift] == ["新人专享券"]
    assert any(t["name"] == "满100减20" for t in call(f"{base_url}/api/shop/coupons/claimable", token=token))
    tee = next(item for item in call(f"{base_url}/api/shop/{shop_id}/products")["items"] if item["title"] == "纯棉T恤")
    detail = call(f"{base_url}/api/shop/{shop_id}/products/{tee['id']}")
    assert len(detail["skus"]) == 6 and all(sku["stock_status"] == "in_stock" for sku in detail["skus"])
    body = {"lines": [{"sku_id": detail["skus"][1]["id"], "quantity": 2}]}
    preview = call(f"{base_url}/api/shop/checkout/preview", body, token=token)
    assert [c["chosen"] for c in preview["sections"]["coupons"]["usable"]] == [True]
    assert preview["sections"]["points"]["fen_per_point"] >= 1 and preview["total_fen"] < preview["subtotal_fen"]
    request = urllib.request.Request(
        f"{base_url}/api/shop/orders", data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}", "Idempotency-Key": "journey-1"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        order = json.loads(response.read())
    assert order["total_fen"] == preview["total_fen"]
    paid = call(f"{base_url}/api/shop/orders/{order['id']}/sandbox-pay", {}, token=token)
    assert paid["status"] == "paid"
    assert call(f"{base_url}/api/shop/points/balance", token=token)["balance"] > 0  # points earned
