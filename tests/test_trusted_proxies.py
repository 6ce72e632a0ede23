"""``kaidian serve`` believes X-Forwarded-For only from KAIDIAN_TRUSTED_PROXIES: the access log
(like every rate limit) shows the customer's address behind a trusted proxy, and the peer's own
address when the header comes from anyone else."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from core.settings import SettingsError, load_settings
from tests.demo_server import call, free_port
from tests.test_cli import REAL_SECRETS

CUSTOMER_IP = "203.0.113.7"


def serve_and_log(tmp_path, trusted: str | None) -> str:
    """Start ``kaidian serve``, send one request carrying X-Forwarded-For, return the log."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("KAIDIAN_")} | REAL_SECRETS | {
        "KAIDIAN_DATABASE_URL": f"sqlite://{tmp_path}/proxy.sqlite3",
        "KAIDIAN_RUN_JOBS": "false",
    }
    env.pop("FORWARDED_ALLOW_IPS", None)
    if trusted is not None:
        env["KAIDIAN_TRUSTED_PROXIES"] = trusted
    process = subprocess.Popen(
        [sys.executable, "-m", "core.cli", "serve", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                call(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/readyz?probe=proxy", headers={"X-Forwarded-For": CUSTOMER_IP})
        try:
            urllib.request.urlopen(request, timeout=10).read()
        except OSError:
            pass  # not ready is an answer too: only the logged address matters
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    return next(line for line in output.splitlines() if "/readyz?probe=proxy" in line)


def test_the_forwarded_address_counts_only_from_a_trusted_proxy(tmp_path):
    assert f"{CUSTOMER_IP}:" in serve_and_log(tmp_path, None)  # the default trusts the local proxy
    logged = serve_and_log(tmp_path, "10.0.0.0/8")  # our peer (127.0.0.1) is not a trusted proxy
    assert "127.0.0.1:" in logged and CUSTOMER_IP not in logged


@pytest.mark.parametrize("value", ["10.0.0.0/33", "proxy.internal", "127.0.0.1,*,nope"])
def test_a_bad_trusted_proxy_names_the_setting(value, monkeypatch):
    monkeypatch.setenv("KAIDIAN_TRUSTED_PROXIES", value)
    with pytest.raises(SettingsError, match="KAIDIAN_TRUSTED_PROXIES"):
        load_settings()


def test_trusted_proxies_take_addresses_networks_or_any(monkeypatch):
    monkeypatch.setenv("KAIDIAN_TRUSTED_PROXIES", " 10.0.0.0/8, 192.168.1.5 ,::1")
    assert load_settings().trusted_proxies == ["10.0.0.0/8", "192.168.1.5", "::1"]
    monkeypatch.setenv("KAIDIAN_TRUSTED_PROXIES", "")
    assert load_settings().trusted_proxies == []
