"""Builder benchmark: generation speed and the demo shop's mini-program main-package size.

Prints ``key: value`` headline lines:

* ``generate_50_pages_s`` — rendering a 50-page configuration (every component) for uni-app,
  best of 5 (target < 1 s);
* ``main_package_kb`` — the demo shop's mp-weixin main package after a real ``uni build``
  (target ≤ 1024; WeChat's limit is 2048), only when the uni-app toolchain is installed
  (``KAIDIAN_BENCH_BUILD=1`` installs it into the cache folder if missing).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

# This file is named like the package it measures; keep its folder off the import path.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from builder.generate import generate, render_project
from builder.samples import demo_config, large_config
from builder.toolchain import STAMP, build, toolchain_root
from core.app import create_app  # noqa: E402


def main() -> None:
    registries = create_app().state.registries
    config = large_config(50)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        render_project(config, "uniapp", registries)
        timings.append(time.perf_counter() - started)
    print(f"generate_50_pages_s: {min(timings):.3f}")

    installed = (toolchain_root() / "uniapp" / "node_modules" / STAMP).is_file()
    if not installed and os.environ.get("KAIDIAN_BENCH_BUILD") != "1":
        print("main_package_kb: skipped (uni-app toolchain not installed; set KAIDIAN_BENCH_BUILD=1)")
        return
    with tempfile.TemporaryDirectory(prefix="kaidian-bench-") as folder:
        project = generate(demo_config(), "uniapp", folder, registries)
        result = build(folder, "uniapp", "mp-weixin", [page.path for page in project.plan.pages])
        if not result.ok:
            raise SystemExit(f"build failed: {result.missing_pages}\n{result.log[-2000:]}")
        print(f"main_package_kb: {result.main_package_bytes / 1024:.0f}")
        print(f"mp_weixin_build_s: {result.seconds:.1f}")


if __name__ == "__main__":
    main()
