"""The official toolchains, installed once into a cache folder and reused by every project.

``ensure_toolchain(target)`` installs ``builder/toolchains/<target>.package.json`` (the pins
verified on our machines) with npm into ``<root>/<target>`` and a shared npm cache; a stamp
(hash of the package.json) makes later calls free. ``build(project, target, platform)`` links
that ``node_modules`` into a generated project, runs the official CLI and checks the output
itself: every page of the app config must exist in the build (uni-app exits 0 without it).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from builder.targets import TOOLCHAINS

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

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.missing_pages

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


def ensure_toolchain(target: str, root: Path | None = None) -> Path:
    """The folder holding ``node_modules`` for ``target``, installing it if needed."""
    root = root or toolchain_root()
    source = TOOLCHAINS / f"{target}.package.json"
    pins = source.read_bytes()
    stamp = hashlib.sha256(pins).hexdigest()
    folder = root / target
    stamp_file = folder / "node_modules" / STAMP
    if stamp_file.is_file() and stamp_file.read_text().strip() == stamp:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_bytes(pins)
    completed = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund"], cwd=folder, env=_npm_env(root), capture_output=True, text=True
    )
    if completed.returncode != 0:
        raise ToolchainError(f"npm install for {target} failed:\n{completed.stdout[-4000:]}\n{completed.stderr[-4000:]}")
    stamp_file.write_text(stamp + "\n")
    return folder


def link_toolchain(project_dir: Path, target: str, root: Path | None = None) -> None:
    modules = ensure_toolchain(target, root) / "node_modules"
    link = Path(project_dir) / "node_modules"
    if link.is_symlink() and link.resolve() == modules.resolve():
        return
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.is_dir():
        shutil.rmtree(link)
    link.symlink_to(modules, target_is_directory=True)


def build(project_dir: str | Path, target: str, platform: str, page_paths: list[str], *, root: Path | None = None) -> BuildResult:
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
        result.missing_pages = missing_pages(result.output_dir, platform, page_paths)
        if platform in ("mp-weixin", "weapp"):
            result.package_bytes = package_sizes(result.output_dir, page_paths)
    return result


def missing_pages(output_dir: Path, platform: str, page_paths: list[str]) -> list[str]:
    if platform in ("mp-weixin", "weapp"):
        return [path for path in page_paths if not all((output_dir / f"{path}{ext}").is_file() for ext in (".js", ".json", ".wxml"))]
    return [] if (output_dir / "index.html").is_file() else ["index.html"]


def package_sizes(output_dir: Path, page_paths: list[str]) -> dict[str, int]:
    """Bytes per package: ``""`` is the main package, other keys are subpackage roots."""
    roots = sorted({path.split("/pages/")[0] for path in page_paths if not path.startswith("pages/")})
    sizes = {"": 0, **{root: 0 for root in roots}}
    for file in output_dir.rglob("*"):
        if not file.is_file():
            continue
        first = file.relative_to(output_dir).parts[0]
        sizes[first if first in sizes else ""] += file.stat().st_size
    return sizes
