"""The README's production steps, run literally against MariaDB and PostgreSQL (issue 26 §6).

The ``export`` lines of the README's production block run in bash (so its key-making one-liners
are tested too), with the database, Redis and public URL pointed at this machine; then every
``kaidian`` line runs as a process: ``db upgrade`` creates the database, ``createshop`` the
first agency, shop and owner, ``serve`` (two workers) answers — and the owner logs in.
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit

import pytest

from core.testing.database import derive_test_database_url, drop_test_database
from tests.demo_server import call, free_port

ROOT = Path(__file__).resolve().parent.parent
SERVERS = {
    "mariadb": os.environ.get("KAIDIAN_TEST_MYSQL_URL", "mysql://root:@127.0.0.1:3306/test"),
    "postgres": os.environ.get("KAIDIAN_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"),
}
# Pointed at this machine by the test, or placeholders a reader replaces (a real AppID would
# send logins to WeChat).
OVERRIDDEN = ("KAIDIAN_DATABASE_URL", "KAIDIAN_REDIS_URL", "KAIDIAN_PUBLIC_BASE_URL", "KAIDIAN_WECHAT_APP_")
OWNER_PASSWORD = "first-owner-password-1"


def production_block() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("Production uses MySQL/MariaDB or PostgreSQL", 1)[1]
    return re.search(r"```bash\n(.+?)\n```", section, re.S).group(1).splitlines()


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=1):
            return True
    except OSError:
        return False


def readme_environment(database_url: str, base_url: str) -> dict[str, str]:
    exports = [line for line in production_block() if line.startswith("export ") and not any(name in line for name in OVERRIDDEN)]
    assert any("KAIDIAN_SECRET_KEY" in line for line in exports) and any("KAIDIAN_DATA_ENCRYPTION_KEYS" in line for line in exports)
    script = "\n".join([*exports, "env -0"])
    dumped = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout
    env = dict(item.split("=", 1) for item in dumped.split("\0") if "=" in item)
    env = {key: value for key, value in env.items() if not key.startswith("KAIDIAN_") or any(key in line for line in exports)}
    return env | {
        "KAIDIAN_DATABASE_URL": database_url,
        "KAIDIAN_REDIS_URL": os.environ.get("KAIDIAN_REDIS_URL") or "redis://127.0.0.1:6379/3",
        "KAIDIAN_REDIS_KEY_PREFIX": f"kdprod:{uuid.uuid4().hex[:8]}:",
        "KAIDIAN_PUBLIC_BASE_URL": base_url,
        "PYTHONPATH": str(ROOT),
    }


def kaidian_commands(port: int) -> list[list[str]]:
    """The README's ``kaidian`` lines, with this test's port and the owner's password given."""
    commands = []
    for line in production_block():
        if not line.startswith("kaidian "):
            continue
        args = shlex.split(line, comments=True)[1:]
        if args[0] == "createshop":
            args += ["--password", OWNER_PASSWORD]  # the README's form asks for it
        if args[0] == "serve":
            args = ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
        commands.append([sys.executable, "-m", "core.cli", *args])
    assert [command[3] for command in commands] == ["db", "createshop", "serve"]
    return commands


@pytest.mark.slow  # ~1-3 min per server: migrating every table and starting two workers
@pytest.mark.parametrize("server", sorted(SERVERS))
def test_the_readme_production_steps_make_a_shop_whose_owner_logs_in(server, tmp_path):
    if not reachable(SERVERS[server]):
        pytest.skip(f"no {server} server at {SERVERS[server]}")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    database_url = derive_test_database_url(SERVERS[server])
    env = readme_environment(database_url, base_url)
    *setup, serve = kaidian_commands(port)
    owner_email = next(arg for command in setup for arg, prev in zip(command[1:], command) if prev == "--owner-email")
    try:
        for command in setup:
            done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, f"{command[3:]}: {done.stdout}{done.stderr}"
        assert "created in agency" in done.stdout and owner_email in done.stdout

        # The same command again refuses the taken owner e-mail, and changes nothing.
        again = subprocess.run(setup[-1], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert again.returncode == 1 and "already exists" in again.stderr

        process = subprocess.Popen(serve, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            login, deadline = None, time.monotonic() + 90
            while login is None and time.monotonic() < deadline and process.poll() is None:
                try:
                    login = call(f"{base_url}/api/admin/auth/login", {"email": owner_email, "password": OWNER_PASSWORD})
                except (OSError, HTTPError):
                    time.sleep(0.3)
            assert login and login["access_token"], "the owner could not log in"
            shop = call(f"{base_url}/api/admin/shop", token=login["access_token"])
            assert shop["name"] == "我的小店"
            # Production: no sandbox logins for customers, a clear answer instead.
            try:
                call(f"{base_url}/api/shop/auth/login", {"shop_id": login["shop_id"], "code": "sandbox:mallory"})
                raise AssertionError("a sandbox login was accepted in production")
            except HTTPError as refused:
                assert refused.code == 503 and b"login_unavailable" in refused.read()
        finally:
            process.terminate()
            output = process.communicate(timeout=30)[0]
        assert "warning" not in output.lower(), output
    finally:
        from core.app import create_app
        from core.settings import Settings

        config = create_app(Settings(database_url=database_url, run_jobs=False)).state.db_config
        try:
            drop_test_database(config, database_url)
        except Exception:  # the steps may have failed before creating it
            pass
