"""`kaidian plugin new` produces a plugin that installs with pip and passes its own tests."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import pytest

from core.scaffold import ScaffoldError, check_name, scaffold_plugin

PLUGIN = "scaffold_probe"


def test_names_are_validated():
    for bad in ("Gifts", "1gift", "gift-cards", "g", "gift__cards", "gift_", "class", "core", "x" * 35):
        with pytest.raises(ScaffoldError):
            check_name(bad)
    with pytest.raises(ScaffoldError, match="already installed"):
        check_name("gift_cards", taken={"gift_cards"})
    names = check_name("gift_cards")
    assert (names.package, names.distribution, names.camel) == ("kaidian_gift_cards", "kaidian-gift-cards", "GiftCards")


def test_refuses_a_non_empty_directory(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(ScaffoldError, match="not an empty directory"):
        scaffold_plugin("gift_cards", tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_generated_migration_matches_the_model(tmp_path, monkeypatch):
    """The hand-written initial migration is exactly what `makemigrations` would produce."""
    import core.builtin
    from core.db import make_migrations, tortoise_config
    from core.plugin_host import PluginHost
    from core.settings import Settings

    scaffold_plugin(PLUGIN, tmp_path / "project")
    monkeypatch.syspath_prepend(str(tmp_path / "project"))
    import importlib

    hooks = importlib.import_module(f"kaidian_{PLUGIN}.hooks")
    try:
        host = PluginHost()
        host.load([core.builtin, hooks], entry_points=False)
        config = tortoise_config(Settings(database_url="sqlite://:memory:"), host)
        assert asyncio.run(make_migrations(config)) == []
    finally:
        for module in [name for name in sys.modules if name.startswith(f"kaidian_{PLUGIN}")]:
            del sys.modules[module]


@pytest.mark.slow
def test_scaffolded_plugin_installs_and_passes_its_tests(tmp_path):
    project = tmp_path / "project"
    site = tmp_path / "site"  # installed like any distribution, without touching the shared venv
    files = scaffold_plugin(PLUGIN, project, title_zh="探针", title_en="Probe")
    assert {"pyproject.toml", "README.md"} <= {path.name for path in files}

    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-input", "--target", str(site), str(project)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    try:
        # the installed plugin first, then whatever kaidian the caller runs (a worktree's, in development)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))}
        env.pop("PYTEST_ADDOPTS", None)
        # -P: no current directory on sys.path, so the tests import the installed copy.
        where = subprocess.run(
            [sys.executable, "-P", "-c", f"import kaidian_{PLUGIN}; print(kaidian_{PLUGIN}.__file__)"],
            cwd=project, env=env, capture_output=True, text=True, timeout=60,
        )
        assert where.stdout.startswith(str(site)), where.stdout + where.stderr
        listed = subprocess.run(
            [sys.executable, "-P", "-m", "core.cli", "plugin", "list", "--json"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
        )
        assert f'"name": "{PLUGIN}"' in listed.stdout, listed.stdout + listed.stderr
        tests = subprocess.run(
            [sys.executable, "-P", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
            cwd=project, env=env, capture_output=True, text=True, timeout=600,
        )
        assert tests.returncode == 0, tests.stdout[-6000:] + tests.stderr[-3000:]
        assert " passed" in tests.stdout and "failed" not in tests.stdout
    finally:
        # "Uninstall": the distribution lives only in this folder.
        shutil.rmtree(site, ignore_errors=True)
        assert not site.exists()
