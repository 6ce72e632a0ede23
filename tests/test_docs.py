"""docs/plugin_hooks.md documents exactly the hooks of core/hookspecs.py, with their signatures."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from core import hookspecs

DOCS = Path(__file__).resolve().parent.parent / "docs"
HEADING = re.compile(r"^### `(?P<name>kaidian_\w+)\((?P<params>[^)]*)\)`\s*$", re.MULTILINE)


def documented_hooks(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for match in HEADING.finditer(text):
        name = match["name"]
        assert name not in found, f"{name} is documented twice"
        found[name] = [param.strip() for param in match["params"].split(",") if param.strip()]
    return found


def specified_hooks() -> dict[str, list[str]]:
    return {
        name: list(inspect.signature(function).parameters)
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if name.startswith("kaidian_") and hasattr(function, f"{hookspecs.PROJECT_NAME}_spec")
    }


@pytest.fixture(scope="module")
def documented() -> dict[str, list[str]]:
    return documented_hooks((DOCS / "plugin_hooks.md").read_text(encoding="utf-8"))


def test_the_spec_module_has_hooks():
    assert len(specified_hooks()) >= 10


@pytest.mark.parametrize("hook", sorted(specified_hooks()))
def test_every_hook_is_documented_with_its_signature(hook, documented):
    assert hook in documented, f"docs/plugin_hooks.md has no section '### `{hook}(...)`'"
    assert documented[hook] == specified_hooks()[hook], (
        f"docs/plugin_hooks.md documents {hook}({', '.join(documented[hook])}) but the spec is "
        f"{hook}({', '.join(specified_hooks()[hook])})"
    )


def test_nothing_documented_that_is_not_specified(documented):
    extra = sorted(set(documented) - set(specified_hooks()))
    assert not extra, f"documented but not in core/hookspecs.py: {extra}"


def test_the_checker_notices_drift():
    text = "### `kaidian_register_routes(register, extra)`\n### `kaidian_made_up(x)`\n"
    documented = documented_hooks(text)
    assert documented["kaidian_register_routes"] != specified_hooks()["kaidian_register_routes"]
    assert "kaidian_made_up" not in specified_hooks()


def test_every_hook_section_has_an_example(documented):
    text = (DOCS / "plugin_hooks.md").read_text(encoding="utf-8")
    sections = HEADING.split(text)
    # split() yields [preamble, name, params, body, name, params, body, ...]
    bodies = dict(zip(sections[1::3], sections[3::3]))
    for name in documented:
        assert "```python" in bodies[name] and f"def {name}(" in bodies[name], f"{name} has no example"


def test_plugin_authoring_guide_points_at_real_commands():
    guide = (DOCS / "plugin_authoring.md").read_text(encoding="utf-8")
    for needle in ("kaidian plugin new", "kaidian.plugins", "requires_core", "kaidian_client_for", "plugin_hooks.md"):
        assert needle in guide


def test_readme_documents_every_setting():
    from core.settings import Settings

    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`(KAIDIAN_[A-Z_]+)`", readme))
    specified = {f"KAIDIAN_{name.upper()}" for name in Settings.model_fields}
    assert not specified - documented, f"README.md does not document {sorted(specified - documented)}"
    assert not documented - specified, f"README.md documents unknown settings {sorted(documented - specified)}"


def test_readme_production_section_lists_every_secret_and_refusal():
    from core.settings import INSECURE_DEV_DATA_KEY, INSECURE_DEV_SECRET, SECRET_SETTINGS, Settings, production_refusals

    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    secrets_section = readme.split("### Secrets in production", 1)[1].split("\n## ", 1)[0]
    table, refusals_text = secrets_section.split("refuse to start", 1)
    for name in SECRET_SETTINGS:
        assert f"| `KAIDIAN_{name.upper()}` |" in table, f"the README's secrets table misses KAIDIAN_{name.upper()}"
    # Every refusal serve/worker can give names its setting in the README's list.
    everything_wrong = Settings(secret_key=INSECURE_DEV_SECRET, data_encryption_keys=[INSECURE_DEV_DATA_KEY], wechat_provider="sandbox")
    refusals = production_refusals(everything_wrong)
    assert len(refusals) == 3
    for reason in refusals:
        setting = re.match(r"(KAIDIAN_[A-Z_]+)", reason).group(1)
        assert f"`{setting}" in refusals_text, f"the README does not say serve refuses {setting}"


def test_readme_quick_start_is_the_two_make_targets():
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    makefile = (DOCS.parent / "Makefile").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"```bash\n(.+?)\n```", quick_start)[:2] == ["make demo", "make test"]
    for target in ("demo", "test", "test-fast"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), f"Makefile has no {target} target"
