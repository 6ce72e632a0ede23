"""Toolchain installs are reproducible: each pinned package.json has a lock file that matches it,
installs use ``npm ci``, and every generated project carries the same lock."""

from __future__ import annotations

import json
import subprocess

import pytest

from builder import app_dependencies, toolchain
from builder.generate import render_project
from builder.targets import TOOLCHAINS, toolchain_lock_path, toolchain_package

from .conftest import small_config

TARGETS = ["uniapp", "taro"]
DEPENDENCY_KINDS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")


def _lock(target):
    return json.loads(toolchain_lock_path(target).read_text(encoding="utf-8"))


@pytest.mark.parametrize("target", TARGETS)
def test_lock_file_roots_equal_the_pinned_package_json(target):
    package, lock = toolchain_package(target), _lock(target)
    assert lock["lockfileVersion"] >= 2
    root = lock["packages"][""]
    for kind in DEPENDENCY_KINDS:
        assert root.get(kind, {}) == package.get(kind, {}), f"{target}: {kind} of the lock and package.json differ"
    # Every direct dependency is locked, with an integrity hash; exact pins to exactly that version.
    for kind in ("dependencies", "devDependencies"):
        for name, version in package.get(kind, {}).items():
            entry = lock["packages"][f"node_modules/{name}"]
            assert entry["integrity"].startswith("sha512-"), name
            if version[:1].isdigit():
                assert entry["version"] == version, name


@pytest.mark.parametrize("target", TARGETS)
def test_generated_project_carries_the_lock(target, registries):
    files = render_project(small_config(), target, registries).files
    package, lock = json.loads(files["package.json"]), json.loads(files["package-lock.json"])
    assert lock["name"] == lock["packages"][""]["name"] == package["name"]
    # The toolchain's lock, every entry unchanged, plus the packages installed plugins add to the apps.
    toolchain_packages = {k: v for k, v in _lock(target)["packages"].items() if k}
    assert {k: lock["packages"].get(k) for k in toolchain_packages} == toolchain_packages
    expected = app_dependencies.merged_lock(_lock(target), list(registries.app_dependencies.items))
    assert {k: v for k, v in lock["packages"].items() if k} == {k: v for k, v in expected["packages"].items() if k}
    for kind in DEPENDENCY_KINDS:
        assert lock["packages"][""].get(kind, {}) == package.get(kind, {})


def test_stamp_changes_with_the_lock(tmp_path, monkeypatch):
    before = toolchain.toolchain_stamp("uniapp")
    copy = tmp_path / "toolchains"
    copy.mkdir()
    for path in TOOLCHAINS.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    lock = json.loads((copy / "uniapp.package-lock.json").read_text())
    lock["packages"]["node_modules/vue"]["version"] = "0.0.0"
    (copy / "uniapp.package-lock.json").write_text(json.dumps(lock))
    monkeypatch.setattr(toolchain, "TOOLCHAINS", copy)
    monkeypatch.setattr("builder.targets.TOOLCHAINS", copy)
    assert toolchain.toolchain_stamp("uniapp") != before


def test_failed_install_is_retried_with_a_clean_cache_then_names_the_package(tmp_path, monkeypatch):
    calls = []

    def failing_npm_ci(folder, env):
        calls.append(env["npm_config_cache"])
        assert (folder / "package-lock.json").read_bytes() == toolchain_lock_path("uniapp").read_bytes()
        return subprocess.CompletedProcess(
            ["npm", "ci"], 1, "", "npm error code ETARGET\nnpm error notarget No matching version found for @babel/parser@^7.29.17.\n"
        )

    monkeypatch.setattr(toolchain, "_npm_ci", failing_npm_ci)
    with pytest.raises(toolchain.ToolchainError) as failure:
        toolchain.ensure_toolchain("uniapp", tmp_path)
    assert len(calls) == 2 and calls[0] != calls[1], "the retry must use a fresh, empty npm cache"
    message = str(failure.value)
    assert "@babel/parser@^7.29.17" in message and "package-lock.json" in message
    assert not toolchain.toolchain_installed("uniapp", tmp_path)
