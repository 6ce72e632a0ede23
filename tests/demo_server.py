"""Run ``python -m core.cli demo`` as a real process for end-to-end tests, and talk JSON to it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEMO_OWNER = {"email": "owner@demo.kaidian.dev", "password": "kaidian-demo"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class DemoServer:
    base_url: str
    process: subprocess.Popen[str]
    health: Any = None
    # Everything the process printed; filled in once it has stopped.
    output: str = ""


@contextmanager
def running_demo(folder: Path, *, port: int | None = None, env: dict[str, str] | None = None, timeout: float = 120) -> Iterator[DemoServer]:
    """Start the demo in ``folder`` (its own var/ database), wait for /healthz, stop it afterwards.

    The caller's KAIDIAN_* variables are dropped so the demo runs as a new user would run it;
    ``env`` adds the ones a test needs. A cold start migrates and seeds (pictures included):
    bench/startup.py measured 53–62 s for it on the shared machine under load, so allow more.
    """
    port = port or free_port()
    process_env = {key: value for key, value in os.environ.items() if not key.startswith("KAIDIAN_")} | (env or {})
    process = subprocess.Popen(
        [sys.executable, "-m", "core.cli", "demo", "--port", str(port)],
        cwd=folder, env=process_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    server = DemoServer(f"http://127.0.0.1:{port}", process)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            try:
                server.health = call(f"{server.base_url}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            server.output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            server.output, _ = process.communicate()


def call(url: str, body: Any = None, *, token: str | None = None, timeout: float = 10) -> Any:
    """GET (or POST ``body`` as JSON) and return the decoded JSON answer."""
    headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {token}"} if token else {})
    data = None if body is None else json.dumps(body).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=timeout) as response:
        return json.loads(response.read())


def poll_until(read: Callable[[], Any], timeout: float = 60.0) -> Any:
    """``read()`` once a second until it answers something truthy (returned), or fail."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = read()
        if found:
            return found
        time.sleep(1)
    raise AssertionError("timed out")
