"""npm packages plugins add to the generated apps, through ``kaidian_register_app_dependencies``
(the AR preview plugin's ``@google/model-viewer`` for its H5 viewer, say).

A plugin ships a folder with a ``package.json`` (its ``dependencies``, exact versions) and the
``package-lock.json`` npm made for it. Generated projects then

* declare them: ``package.json`` lists them beside the toolchain's, and ``package-lock.json``
  holds their locked entries, so an agency's ``npm ci`` installs exactly what we build with;
* carry each plugin's pair under ``npm/<plugin>/``, from which ``builder.toolchain.build``
  installs them once (``npm ci``, cached by the lock's hash) and lays them beside the installed
  toolchain's packages in the project's ``node_modules``.

The official CLIs bundle what a page imports (no CDN, CI has no internet); a component loads a
heavy package only where it is used, with a dynamic ``import()``.
Core and the builder never name a plugin: a project has whatever packages were registered.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TARGETS = ("uniapp", "taro")
FOLDER_IN_PROJECT = "npm"
_EXACT_VERSION = re.compile(r"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$")


class DependencyConflict(ValueError):
    pass


@dataclass(frozen=True)
class AppDependencies:
    """``folder`` holds ``package.json`` (``dependencies`` with exact versions) and its
    ``package-lock.json`` (lockfileVersion 3); ``targets`` the generated apps that get them."""

    folder: Path
    targets: tuple[str, ...] = TARGETS
    plugin: str = ""

    def package(self) -> dict[str, Any]:
        return json.loads((Path(self.folder) / "package.json").read_text(encoding="utf-8"))

    def lock(self) -> dict[str, Any]:
        return json.loads((Path(self.folder) / "package-lock.json").read_text(encoding="utf-8"))

    def dependencies(self) -> dict[str, str]:
        return dict(self.package().get("dependencies") or {})

    def validate(self) -> None:
        folder = Path(self.folder)
        for name in ("package.json", "package-lock.json"):
            if not (folder / name).is_file():
                raise ValueError(f"app dependencies of plugin {self.plugin!r}: {folder / name} does not exist")
        if not self.targets or set(self.targets) - set(TARGETS):
            raise ValueError(f"app dependencies of plugin {self.plugin!r}: targets must be among {TARGETS}")
        dependencies = self.dependencies()
        if not dependencies:
            raise ValueError(f"app dependencies of plugin {self.plugin!r}: {folder / 'package.json'} lists no dependencies")
        loose = [f"{name}@{version}" for name, version in dependencies.items() if not _EXACT_VERSION.match(str(version))]
        if loose:
            raise ValueError(f"app dependencies of plugin {self.plugin!r}: pin exact versions, not {', '.join(loose)}")
        lock = self.lock()
        locked = (lock.get("packages") or {}).get("", {}).get("dependencies") or {}
        if lock.get("lockfileVersion") != 3 or locked != dependencies:
            raise ValueError(
                f"app dependencies of plugin {self.plugin!r}: package-lock.json is not npm's lockfileVersion 3 "
                "lock of that package.json (run npm install --package-lock-only in the folder)"
            )


@dataclass
class AppDependencyRegistry:
    items: list[AppDependencies] = field(default_factory=list)

    def add(self, dependencies: AppDependencies, plugin: str) -> None:
        dependencies = AppDependencies(Path(dependencies.folder), tuple(dependencies.targets), plugin)
        dependencies.validate()
        if any(item.plugin == plugin for item in self.items):
            raise DependencyConflict(f"plugin {plugin!r} registered app dependencies twice: list them all in one package.json")
        self.items.append(dependencies)
        self.items.sort(key=lambda item: item.plugin)

    def for_target(self, target: str) -> list[AppDependencies]:
        return [item for item in self.items if target in item.targets]

    def __len__(self) -> int:
        return len(self.items)


def merged_package(package: dict[str, Any], added: list[AppDependencies]) -> dict[str, Any]:
    """The generated project's package.json: the toolchain's, plus every plugin's dependencies."""
    merged = dict(package)
    dependencies = dict(merged.get("dependencies") or {})
    for item in added:
        for name, version in item.dependencies().items():
            if name in dependencies and dependencies[name] != version:
                raise DependencyConflict(f"plugin {item.plugin!r} needs {name}@{version}, but the app already has {name}@{dependencies[name]}")
            dependencies[name] = version
    merged["dependencies"] = dict(sorted(dependencies.items()))
    return merged


def merged_lock(lock: dict[str, Any], added: list[AppDependencies]) -> dict[str, Any]:
    """The toolchain's lock with every plugin lock's packages added (lockfileVersion 3 keys
    packages by their install path, so a package both hold must be the same version)."""
    merged = json.loads(json.dumps(lock))
    packages = merged["packages"]
    root = packages[""]
    root["dependencies"] = dict(sorted({**(root.get("dependencies") or {}), **{k: v for item in added for k, v in item.dependencies().items()}}.items()))
    for item in added:
        for path, entry in (item.lock().get("packages") or {}).items():
            if not path:
                continue
            existing = packages.get(path)
            if existing is not None and existing.get("version") != entry.get("version"):
                raise DependencyConflict(
                    f"plugin {item.plugin!r} locks {path} at {entry.get('version')}, but the app has {existing.get('version')}"
                )
            packages[path] = entry
    merged["packages"] = {"": root, **dict(sorted((path, entry) for path, entry in packages.items() if path))}
    return merged


def project_files(added: list[AppDependencies]) -> dict[str, str]:
    """Each plugin's package.json and lock under ``npm/<plugin>/``, for ``toolchain.build``."""
    files = {}
    for item in added:
        for name in ("package.json", "package-lock.json"):
            files[f"{FOLDER_IN_PROJECT}/{item.plugin}/{name}"] = (Path(item.folder) / name).read_text(encoding="utf-8")
    return files
