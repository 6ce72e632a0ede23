"""Arrows point down (STYLE.md §10): plugins → builder → core. Core never imports the builder or
a plugin; the builder registers itself through the ``kaidian.plugins`` entry point."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UPPER_LAYERS = ("builder", "plugins")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside functions (relative ones resolved)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
    return found


def test_no_core_module_imports_the_builder_or_a_plugin():
    offenders = {
        str(path.relative_to(ROOT)): sorted(module for module in imported_modules(path) if module.split(".")[0] in UPPER_LAYERS)
        for path in sorted((ROOT / "core").rglob("*.py"))
    }
    assert {path: modules for path, modules in offenders.items() if modules} == {}


def test_the_checker_sees_imports_inside_functions():
    sample = ROOT / "core" / "builtin.py"
    assert "core.hookspecs" in imported_modules(sample)
    assert "core.trade.timers" in imported_modules(sample)  # imported inside a hook


def test_core_serves_without_the_builder_installed(tmp_path):
    # The builder and the plugins cannot be imported at all: core's own app still starts.
    script = """
import sys
for name in ("builder", "plugins"):
    sys.modules[name] = None  # any import of them raises ImportError
import pkgutil, importlib, core
for module in pkgutil.walk_packages(core.__path__, "core."):
    if ".scaffold.templates" not in module.name:
        importlib.import_module(module.name)
import core.builtin
from core.app import create_app
from core.settings import Settings
app = create_app(Settings(database_url="sqlite:///" + sys.argv[1]), plugins=[core.builtin], entry_points=False)
assert sorted(app.state.host.plugins) == ["core"], app.state.host.plugins
assert not hasattr(app.state.registries, "components")
print("ok", len(app.routes))
"""
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "core.sqlite3")], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ")
