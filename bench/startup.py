"""Start-up time of `kaidian demo` against a bare Litestar app served the same way (uvicorn).

Each figure is the time from launching the process to the first ``GET /healthz`` answering 200,
interpreter start-up included. ``kaidian_demo_startup_s`` starts in an empty folder (creates the
SQLite database, migrates, seeds the demo shop); ``kaidian_demo_restart_s`` starts again on the
data left behind. Figures are medians of ``--runs`` runs.

    .venv/bin/python bench/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_APP = """
import uvicorn
from litestar import Litestar, get

@get("/healthz")
async def healthz() -> dict:
    return {"status": "ok"}

uvicorn.run(Litestar([healthz]), host="127.0.0.1", port=int(__import__("sys").argv[1]), log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def time_to_healthy(command: list[str], port: int, cwd: Path, timeout: float = 120) -> float:
    env = {key: value for key, value in os.environ.items() if not key.startswith("KAIDIAN_")}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.perf_counter() - started < timeout:
            if healthy(port):
                return time.perf_counter() - started
            if process.poll() is not None:
                raise RuntimeError(f"{command} exited early:\n{process.stderr.read().decode()[-2000:]}")
            time.sleep(0.01)
        raise TimeoutError(f"{command} did not answer /healthz within {timeout}s")
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def kaidian_command(port: int) -> list[str]:
    script = Path(sys.executable).with_name("kaidian")
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "core.cli"]
    return [*launcher, "demo", "--port", str(port)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    cold, warm, bare = [], [], []
    for _ in range(args.runs):
        folder = Path(tempfile.mkdtemp(prefix="kaidian-bench-"))
        try:
            port = free_port()
            cold.append(time_to_healthy(kaidian_command(port), port, folder))
            port = free_port()
            warm.append(time_to_healthy(kaidian_command(port), port, folder))
            port = free_port()
            bare.append(time_to_healthy([sys.executable, "-c", BARE_APP, str(port)], port, folder))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    demo_s, restart_s, bare_s = (statistics.median(values) for values in (cold, warm, bare))
    print(f"runs: {args.runs}")
    print(f"kaidian_demo_startup_s: {demo_s:.3f}")
    print(f"kaidian_demo_restart_s: {restart_s:.3f}")
    print(f"bare_litestar_startup_s: {bare_s:.3f}")
    print(f"ratio: {demo_s / bare_s:.2f}")
    print(f"restart_ratio: {restart_s / bare_s:.2f}")


if __name__ == "__main__":
    main()
