"""The API matches its OpenAPI contract: schemathesis (every check, fixed seed) against a live
``kaidian demo``, as a customer and as the shop's owner, reports no failure.

What this holds: no 500 on any input the spec admits or refuses; every status and body is
documented; 405 answers carry ``Allow``; public operations say they need no token; request
bodies refuse unknown fields as the spec says. Exclusions live in schemathesis.toml with reasons.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.demo_server import DEMO_OWNER, call, running_demo

pytestmark = pytest.mark.slow

CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with running_demo(tmp_path_factory.mktemp("contract"), timeout=240) as server:
        assert server.health, server.output
        yield server


def _schemathesis(demo, token: str, *extra: str) -> subprocess.CompletedProcess[str]:
    executable = Path(sys.executable).with_name("schemathesis")
    command = [str(executable) if executable.exists() else shutil.which("schemathesis") or "schemathesis"]
    command += ["--no-color", "--config-file", str(CONFIG), "run", f"{demo.base_url}/schema/openapi.json"]
    command += ["-H", f"Authorization: Bearer {token}", *extra]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def _report(completed: subprocess.CompletedProcess[str]) -> str:
    return (completed.stdout + completed.stderr)[-12000:]


def test_customer_sees_no_contract_failure(demo):
    token = call(f"{demo.base_url}/api/shop/auth/login", {"shop_id": 1, "code": "sandbox:contract-customer"})["access_token"]
    # The customer's own operations, plus every public one (anonymous or with a token).
    completed = _schemathesis(demo, token, "--include-path-regex", "^/api/shop/|^/healthz|^/readyz|^/api/plugins")
    assert completed.returncode == 0, _report(completed)
    assert "No issues found" in completed.stdout or " 0 failures" not in completed.stdout


def test_owner_sees_no_contract_failure(demo):
    token = call(f"{demo.base_url}/api/admin/auth/login", DEMO_OWNER)["access_token"]
    # the demo owner is also the demo agency's staff: the agency console too
    completed = _schemathesis(demo, token, "--include-path-regex", "^/api/admin/|^/api/agency/|^/api/invitations/")
    assert completed.returncode == 0, _report(completed)
