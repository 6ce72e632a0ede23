"""H5 preview: build the uni-app H5 of a shop's draft (or published) configuration with the
official toolchain, in the background, and keep the result to serve under a per-shop URL.

Only when the uni-app toolchain is already installed (``kaidian build --check`` installs it):
a request never starts an npm install. One build runs at a time in this process (a build takes
minutes of one core); a shop has at most one build under way, across processes too (a lock
file). The state of a shop's preview is a small JSON file next to its builds, so every worker
answers the same.

Layout under the preview root (``KAIDIAN_H5_PREVIEW_DIR``, default ``var/h5-preview``)::

    <shop_id>/state.json        {"status", "token", "source", "version", "started_at", ...}
    <shop_id>/building.lock     while a build is under way
    <shop_id>/<token>/...       the built H5 (index.html, assets/), served at
                                /h5-preview/<shop_id>/<token>/
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from builder import toolchain

DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "var" / "h5-preview"
# A preview runs the shop's code (merchant text included) on the admin's server: every response
# makes it an opaque origin (the CSP sandbox, without allow-same-origin), so its script can
# neither read the admin's storage nor call the admin API with the admin's credentials, however
# the preview is opened (the editor's iframe is sandboxed too). Its assets are then cross-origin
# module loads, hence the CORS header; the files are public behind the random token anyway.
PREVIEW_HEADERS = {
    "Content-Security-Policy": "sandbox allow-scripts allow-forms allow-popups; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; object-src 'none'",
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# The sandboxed document has no Web Storage (access throws); uni-app's runtime reads it at start,
# so the preview keeps its storage in memory for the life of the page.
MEMORY_STORAGE = """<script>
(function () {
  function memoryStorage() {
    var items = new Map()
    return {
      getItem: function (key) { return items.has(String(key)) ? items.get(String(key)) : null },
      setItem: function (key, value) { items.set(String(key), String(value)) },
      removeItem: function (key) { items.delete(String(key)) },
      clear: function () { items.clear() },
      key: function (index) { return Array.from(items.keys())[index] ?? null },
      get length() { return items.size }
    }
  }
  for (var name of ['localStorage', 'sessionStorage']) {
    try { window[name].length } catch (error) {
      Object.defineProperty(window, name, { value: memoryStorage(), configurable: true })
    }
  }
})()
</script>
"""
TARGET, PLATFORM = "uniapp", "h5"
# A lock older than this belongs to a process that died mid-build.
STALE_LOCK_SECONDS = 30 * 60
LOG_TAIL = 3000

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="h5-preview")
_tasks: set[asyncio.Task[None]] = set()


class PreviewUnavailable(Exception):
    """The toolchain is not installed: no preview can be built here."""


class PreviewBusy(Exception):
    """A build for this shop is already under way."""


def preview_root() -> Path:
    return Path(os.environ.get("KAIDIAN_H5_PREVIEW_DIR") or DEFAULT_ROOT)


def toolchain_installed(root: Path | None = None) -> bool:
    """Whether ``ensure_toolchain("uniapp")`` would return at once (its stamp matches the pins)."""
    return toolchain.toolchain_installed(TARGET, root)


def _shop_dir(shop_id: int) -> Path:
    return preview_root() / str(int(shop_id))


def read_state(shop_id: int) -> dict[str, Any]:
    try:
        return json.loads((_shop_dir(shop_id) / "state.json").read_text())
    except (FileNotFoundError, ValueError):
        return {"status": "none"}


def _write_state(shop_id: int, state: dict[str, Any]) -> None:
    folder = _shop_dir(shop_id)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".state-{secrets.token_hex(4)}.json"
    temporary.write_text(json.dumps(state, ensure_ascii=False))
    temporary.replace(folder / "state.json")


def _take_lock(shop_id: int) -> Path:
    folder = _shop_dir(shop_id)
    folder.mkdir(parents=True, exist_ok=True)
    lock = folder / "building.lock"
    try:
        if time.time() - lock.stat().st_mtime > STALE_LOCK_SECONDS:
            lock.unlink(missing_ok=True)
    except FileNotFoundError:
        pass
    try:
        os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError as exc:
        raise PreviewBusy from exc
    return lock


def _now() -> str:
    return datetime.now(UTC).isoformat()


def with_memory_storage(files: dict[str, Any]) -> dict[str, Any]:
    """The project with ``MEMORY_STORAGE`` first in its ``index.html`` head."""
    html = files["index.html"]
    head = html.index("<head>") + len("<head>")
    return {**files, "index.html": html[:head] + "\n" + MEMORY_STORAGE + html[head:]}


def _build(shop_id: int, files: dict[str, str | bytes], page_paths: list[str], state: dict[str, Any], lock: Path) -> None:
    """Runs in the build thread: write the project, run the official CLI, keep the output."""
    folder = _shop_dir(shop_id)
    try:
        with tempfile.TemporaryDirectory(prefix="h5-", dir=folder) as work:
            project = Path(work)
            for path, content in files.items():
                target = project / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
            result = toolchain.build(project, TARGET, PLATFORM, page_paths)
            if result.ok:
                shutil.copytree(result.output_dir, folder / state["token"])
                state.update(status="ready", seconds=round(result.seconds, 1))
            elif result.returncode == 0:  # the CLI exited 0 but pages are not in the bundle
                state.update(status="failed", error=f"the H5 build lacks pages of the app config: {result.missing_pages}")
            else:
                state.update(status="failed", error=result.log[-LOG_TAIL:] or f"exit {result.returncode}")
    except Exception as exc:  # noqa: BLE001 — any failure is the build's outcome, shown to staff
        state.update(status="failed", error=str(exc)[-LOG_TAIL:])
    finally:
        state["finished_at"] = _now()
        previous = read_state(shop_id).get("previous_token")
        _write_state(shop_id, state)
        # keep the new build and the one before it (someone may still be looking at it)
        for child in folder.iterdir():
            if child.is_dir() and not child.name.startswith("h5-") and child.name not in (state["token"], previous, state.get("previous_token")):
                shutil.rmtree(child, ignore_errors=True)
        lock.unlink(missing_ok=True)


def start(shop_id: int, files: dict[str, str | bytes], page_paths: list[str], *, source: str, version: int) -> dict[str, Any]:
    """Queue a build of the generated ``files``; returns the new state (``building``)."""
    if not toolchain_installed():
        raise PreviewUnavailable
    lock = _take_lock(shop_id)
    current = read_state(shop_id)
    state = {
        "status": "building",
        "token": secrets.token_urlsafe(12),
        "previous_token": current.get("token") if current.get("status") == "ready" else current.get("previous_token"),
        "source": source,
        "version": version,
        "started_at": _now(),
    }
    _write_state(shop_id, state)
    loop = asyncio.get_running_loop()
    task = loop.create_task(_run(loop, shop_id, with_memory_storage(files), page_paths, state, lock))
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)
    return state


async def _run(loop: asyncio.AbstractEventLoop, shop_id: int, files: dict[str, str | bytes], page_paths: list[str], state: dict[str, Any], lock: Path) -> None:
    await loop.run_in_executor(_executor, _build, shop_id, files, page_paths, dict(state), lock)


def preview_file(shop_id: int, token: str, path: str) -> Path | None:
    """The file of a ready preview, or None (unknown shop, token or path; never outside it)."""
    if not token or "/" in token or token.startswith((".", "h5-")):
        return None
    base = (_shop_dir(shop_id) / token).resolve()
    if not base.is_dir() or base.parent != _shop_dir(shop_id).resolve():
        return None
    candidate = (base / (path or "index.html")).resolve()
    if not candidate.is_relative_to(base) or not candidate.is_file():
        return None
    return candidate
