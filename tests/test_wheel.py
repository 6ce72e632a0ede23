"""A wheel built from the project, installed into a fresh virtual environment, serves the shop and
the merchant admin (`make wheel`: the admin is built into ``core/admin_ui/static`` first)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "core" / "admin_ui" / "static"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@pytest.fixture
def tmp_path():
    # Not pytest's tmp_path: other pytest runs on the machine prune old base folders, and this
    # test runs for minutes.
    with tempfile.TemporaryDirectory(prefix="kaidian-wheel-") as folder:
        yield Path(folder)


@pytest.mark.slow
def test_the_wheel_serves_the_admin_from_a_fresh_venv(tmp_path):
    if not (STATIC / "index.html").is_file():
        pytest.fail("the admin is not built: run `make admin` (make test does) before building the wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    # The project is copied first: building in place would leave build/ and *.egg-info behind.
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns(".git", ".venv", "node_modules", "var", "__pycache__", "build", "*.egg-info", "tests", "docs")
    shutil.copytree(ROOT, source, ignore=ignore, symlinks=False)
    subprocess.run([*pip, "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"), str(source)], check=True, timeout=600)
    wheel = next((tmp_path / "dist").glob("kaidian-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "core/admin_ui/static/index.html" in names
    assert any(name.startswith("core/admin_ui/static/assets/") for name in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # Dependencies come from the machine's package index (and pip's cache), never from our venv.
    subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", str(wheel)], check=True, timeout=900)

    port = free_port()
    work = tmp_path / "work"  # the demo keeps its SQLite database under ./var/
    work.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("KAIDIAN_") and key != "PYTHONPATH"}
    server = subprocess.Popen(
        [str(venv / "bin" / "kaidian"), "demo", "--port", str(port)],
        cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, server.stdout.read()
            assert time.monotonic() < deadline, "the demo did not start"
            try:
                if fetch(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        status, content_type, index = fetch(f"{base}/admin")
        assert (status, content_type.split(";")[0]) == (200, "text/html")
        assert index == (STATIC / "index.html").read_bytes()
        asset = re.search(rb'src="(/admin/assets/[^"]+\.js)"', index).group(1).decode()
        status, content_type, body = fetch(base + asset)
        assert status == 200 and "javascript" in content_type
        assert body == (STATIC / asset.removeprefix("/admin/")).read_bytes()
    finally:
        server.terminate()
        server.wait(timeout=30)
