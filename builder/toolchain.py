"""The official toolchains, installed once into a cache folder and reused by every project.

``ensure_toolchain(target)`` installs ``builder/toolchains/<target>.package.json`` and its
``<target>.package-lock.json`` (the exact tree verified on our machines) with ``npm ci`` into
``<root>/<target>`` and a shared npm cache; a stamp (hash of both files) makes later calls free.
Updating a toolchain means changing the package.json and its lock file together. ``build(project, target, platform)`` links
that ``node_modules`` into a generated project, runs the official CLI and checks the output
itself: every page of the app config must exist in the build (uni-app exits 0 without it).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.package_limits import limit_problems
from builder.targets import TOOLCHAINS, toolchain_lock_path

DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "var" / "toolchains"
STAMP = ".kaidian-stamp"
# (target, platform) -> (command, output folder inside the project)
BUILDS: dict[tuple[str, str], tuple[list[str], str]] = {
    ("uniapp", "mp-weixin"): (["npx", "uni", "build", "-p", "mp-weixin"], "dist/build/mp-weixin"),
    ("uniapp", "h5"): (["npx", "uni", "build"], "dist/build/h5"),
    ("taro", "weapp"): (["npx", "taro", "build", "--type", "weapp"], "dist/weapp"),
    ("taro", "h5"): (["npx", "taro", "build", "--type", "h5"], "dist/h5"),
}


class ToolchainError(RuntimeError):
    pass


@dataclass
class BuildResult:
    target: str
    platform: str
    returncode: int
    seconds: float
    output_dir: Path
    log: str
    missing_pages: list[str] = field(default_factory=list)
    package_bytes: dict[str, int] = field(default_factory=dict)
    # Texts the configuration gave but the mini-program build does not show (see changed_texts).
    changed_texts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.missing_pages and not self.changed_texts

    @property
    def main_package_bytes(self) -> int:
        return self.package_bytes.get("", 0)


def toolchain_root() -> Path:
    return Path(os.environ.get("KAIDIAN_TOOLCHAIN_DIR") or DEFAULT_ROOT)


def _npm_env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("npm_config_cache", str(root / "npm-cache"))
    env.update(npm_config_audit="false", npm_config_fund="false", npm_config_update_notifier="false", CI="1", NO_COLOR="1")
    return env


def toolchain_stamp(target: str) -> str:
    """What the stamp of an installed ``target`` holds: the hash of its pins and lock file."""
    digest = hashlib.sha256((TOOLCHAINS / f"{target}.package.json").read_bytes())
    digest.update(toolchain_lock_path(target).read_bytes())
    return digest.hexdigest()


def toolchain_installed(target: str, root: Path | None = None) -> bool:
    """Whether ``ensure_toolchain(target)`` would return at once."""
    stamp_file = (root or toolchain_root()) / target / "node_modules" / STAMP
    return stamp_file.is_file() and stamp_file.read_text().strip() == toolchain_stamp(target)


# npm's ways of naming the package it could not get.
_FAILED_PACKAGE = re.compile(
    r"No matching version found for (\S+?)\.?$|404\s+'?([^'\s]+@[^'\s]+)'? is not in this registry|"
    r"integrity checksum failed when using \S+ .*? for (\S+)|request to \S*/(@?[^\s/]+(?:%2f|/)?[^\s/]*) failed",
    re.MULTILINE,
)


def _npm_ci(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=folder, env=env, capture_output=True, text=True)


def _install_error(what: str, completed: subprocess.CompletedProcess[str]) -> ToolchainError:
    log = completed.stdout + completed.stderr
    match = _FAILED_PACKAGE.search(log)
    package = next((group for group in match.groups() if group), None) if match else None
    cause = f"npm could not get {package}" if package else "npm ci failed"
    return ToolchainError(
        f"installing {what} failed twice (the second time with an empty npm cache): {cause}.\n"
        "Check that the npm registry is reachable (npm config get registry) and try again; if the registry "
        "no longer serves a locked version, update the package.json and its package-lock.json together "
        "(npm install in an empty folder, then copy both back).\n"
        f"npm said:\n{log[-4000:]}"
    )


def ensure_toolchain(target: str, root: Path | None = None) -> Path:
    """The folder holding ``node_modules`` for ``target``, installing it with ``npm ci`` if needed.

    A file lock keeps two processes (test workers, the admin's preview, a CLI build) from
    installing into one folder at once. A failed install is retried once with an empty npm
    cache (a cache entry can be corrupt, or a registry answer stale) before it is reported.
    """
    root = root or toolchain_root()
    return _ensure_installed(
        root, root / target, f".{target}.install-lock", toolchain_stamp(target),
        (TOOLCHAINS / f"{target}.package.json").read_bytes(), toolchain_lock_path(target).read_bytes(), f"the {target} toolchain",
    )


def ensure_dependencies(folder: Path, root: Path | None = None) -> Path:
    """The folder holding ``node_modules`` for a plugin's app dependencies (a ``package.json``
    and ``package-lock.json`` pair a generated project carries under ``npm/<plugin>/``,
    see ``builder.app_dependencies``), installed once per lock under ``<root>/npm/``."""
    root = root or toolchain_root()
    package, lock = (folder / "package.json").read_bytes(), (folder / "package-lock.json").read_bytes()
    stamp = hashlib.sha256(package + b"\0" + lock).hexdigest()
    return _ensure_installed(root, root / "npm" / stamp[:16], f".npm-{stamp[:16]}.install-lock", stamp, package, lock, f"the app dependencies of {folder.name}")


def _ensure_installed(root: Path, folder: Path, lock_name: str, stamp: str, package: bytes, lock_file: bytes, what: str) -> Path:
    stamp_file = folder / "node_modules" / STAMP
    if stamp_file.is_file() and stamp_file.read_text().strip() == stamp:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with open(root / lock_name, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp_file.is_file() and stamp_file.read_text().strip() == stamp:
            return folder  # another process installed it while we waited
        (folder / "package.json").write_bytes(package)
        (folder / "package-lock.json").write_bytes(lock_file)
        env = _npm_env(root)
        completed = _npm_ci(folder, env)
        if completed.returncode != 0:
            with tempfile.TemporaryDirectory(prefix="npm-cache-", dir=root) as clean_cache:
                completed = _npm_ci(folder, {**env, "npm_config_cache": clean_cache})
        if completed.returncode != 0:
            raise _install_error(what, completed)
        stamp_file.write_text(stamp + "\n")
    return folder


COMPOSED = ".kaidian-composed"


def link_toolchain(project_dir: Path, target: str, root: Path | None = None) -> None:
    """Give the project the installed toolchain's ``node_modules``: a link to it, or, when the
    project carries plugins' app dependencies (``npm/<plugin>/``), a folder of links to the
    toolchain's packages and to each plugin's installed packages."""
    modules = ensure_toolchain(target, root) / "node_modules"
    project = Path(project_dir)
    extras = [ensure_dependencies(lock.parent, root) / "node_modules" for lock in sorted(project.glob("npm/*/package-lock.json"))]
    link = project / "node_modules"
    if not extras:
        if link.is_symlink() and link.resolve() == modules.resolve():
            return
        _remove(link)
        link.symlink_to(modules, target_is_directory=True)
        return
    signature = "\n".join(str(folder.resolve()) for folder in [modules, *extras]) + "\n"
    if not link.is_symlink() and (link / COMPOSED).is_file() and (link / COMPOSED).read_text() == signature:
        return
    _remove(link)
    link.mkdir()
    for source in [modules, *extras]:  # the toolchain's packages win a name both hold
        for entry in sorted(source.iterdir()):
            if entry.name == STAMP or entry.name.startswith(".") and entry.name != ".bin":
                continue
            place = link / entry.name
            if entry.name.startswith("@") and entry.is_dir():
                place.mkdir(exist_ok=True)
                for package in sorted(entry.iterdir()):
                    if not (place / package.name).exists():
                        (place / package.name).symlink_to(package, target_is_directory=True)
            elif not place.exists() and not place.is_symlink():
                place.symlink_to(entry, target_is_directory=entry.is_dir())
    (link / COMPOSED).write_text(signature)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)  # a composed folder holds links only: their targets are kept


def build(
    project_dir: str | Path,
    target: str,
    platform: str,
    page_paths: list[str],
    *,
    root: Path | None = None,
    texts: dict[str, Any] | None = None,
) -> BuildResult:
    """Run the official CLI on a generated project and check its output.

    ``page_paths`` are the app config's page paths (``pages/home/index``,
    ``pkg_shop/pages/product/index``).
    """
    project = Path(project_dir)
    command, output = BUILDS[(target, platform)]
    link_toolchain(project, target, root)
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=project, env=_npm_env(root or toolchain_root()), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    result = BuildResult(target, platform, completed.returncode, seconds, project / output, completed.stdout + completed.stderr)
    if completed.returncode == 0:
        result.missing_pages = missing_pages(result.output_dir, platform, page_paths, target)
        if platform in ("mp-weixin", "weapp"):
            result.package_bytes = package_sizes(result.output_dir, page_paths)
            if texts is not None:
                result.changed_texts = changed_texts(result.output_dir, texts)
    return result


def package_limit_problems(package_bytes: dict[str, int]) -> list[str]:
    """What WeChat would refuse of a measured build (``package_limits.limit_problems``), in English."""
    return [problem["en"] for problem in limit_problems(package_bytes)]


def expected_texts(plan: Any) -> dict[str, Any]:
    """The texts a mini-program build must show as given: page titles and tab-bar labels."""
    return {
        "titles": {page.path: page.title for page in plan.pages},
        "tabs": [item["text"] for item in plan.tab_bar["items"]] if plan.tab_bar else [],
    }


def changed_texts(output_dir: Path, texts: dict[str, Any]) -> list[str]:
    """Page titles and tab labels that a toolchain dropped or altered in a mini-program build
    (its pre-processor once blanked text holding ``#ifdef`` markers while exiting 0)."""
    problems = []
    for path, title in texts["titles"].items():
        try:
            shown = json.loads((output_dir / f"{path}.json").read_text(encoding="utf-8")).get("navigationBarTitleText")
        except (OSError, ValueError):
            shown = None
        if shown != title:
            problems.append(f"{path}: title {title!r} shows as {shown!r}")
    if texts["tabs"]:
        try:
            tab_bar = json.loads((output_dir / "app.json").read_text(encoding="utf-8")).get("tabBar") or {}
        except (OSError, ValueError):
            tab_bar = {}
        shown_tabs = [item.get("text") for item in tab_bar.get("list", [])]
        if shown_tabs != texts["tabs"]:
            problems.append(f"tab bar labels {texts['tabs']!r} show as {shown_tabs!r}")
    return problems


# How each H5 build registers a page with its router (uni-app's __uniRoutes, where the home
# page is path "/" with the alias, and Taro's routes).
H5_ROUTE = {"uniapp": '(?:path|alias):"/{path}",component', "taro": '"path":"{path}"'}


def missing_pages(output_dir: Path, platform: str, page_paths: list[str], target: str = "") -> list[str]:
    """The pages of the app config that the build lacks. An H5 build is one bundle: a page is
    there when its router registers it (uni-app's pre-processor once dropped H5 pages whose text
    held an ``#ifdef`` marker, and the build still exited 0)."""
    if platform in ("mp-weixin", "weapp"):
        return [path for path in page_paths if not all((output_dir / f"{path}{ext}").is_file() for ext in (".js", ".json", ".wxml"))]
    if not (output_dir / "index.html").is_file():
        return ["index.html"]
    if target not in H5_ROUTE:
        return []
    bundle = "".join(file.read_text(encoding="utf-8", errors="replace") for file in sorted(output_dir.rglob("*.js")))
    return [path for path in page_paths if not re.search(H5_ROUTE[target].format(path=re.escape(path)), bundle)]


def package_sizes(output_dir: Path, page_paths: list[str]) -> dict[str, int]:
    """Bytes per package: ``""`` is the main package, other keys are subpackage roots (those of
    the build's app.json, so the system pages' ``kd_`` packages count as their own)."""
    roots = {path.split("/pages/")[0] for path in page_paths if not path.startswith("pages/")}
    try:
        app = json.loads((output_dir / "app.json").read_text(encoding="utf-8"))
        roots |= {package["root"].strip("/") for package in app.get("subPackages") or app.get("subpackages") or []}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    sizes = {"": 0, **{root: 0 for root in sorted(roots)}}
    for file in output_dir.rglob("*"):
        if not file.is_file():
            continue
        first = file.relative_to(output_dir).parts[0]
        sizes[first if first in sizes else ""] += file.stat().st_size
    return sizes
