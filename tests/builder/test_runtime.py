"""The customer runtime: one copy per generated project, and the only code that talks HTTP,
pays or touches the session token; every component (core's or a plugin's) goes through it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.generate import render_project
from builder.render import TEMPLATES_ROOT
from builder.samples import demo_config
from builder.targets import RUNTIME_FILES

RAW_CALLS = {
    "request": (re.compile(r"\b(uni|Taro)\.request\("), "src/runtime/transport.js"),
    "payment": (re.compile(r"\b(uni|Taro)\.requestPayment\("), "src/runtime/pay.js"),
    "token": (re.compile(r"kaidian_token\b"), "src/runtime/session.js"),
}


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_runtime_is_generated_and_owns_http_payment_and_session(target, registries):
    files = render_project(demo_config(), target, registries).files
    for name in RUNTIME_FILES:
        assert f"src/{name}" in files
    for what, (pattern, owner) in RAW_CALLS.items():
        users = sorted(path for path, content in files.items() if pattern.search(content))
        assert users == [owner], (what, users)
    # Each target's runtime calls its own platform API only.
    other = "Taro." if target == "uniapp" else "uni."
    assert not any(other in files[f"src/{name}"] for name in RUNTIME_FILES)


def test_no_component_template_hand_rolls_requests_or_payment(registries):
    """Every registered component's templates (core's and every plugin's) use the runtime."""
    offenders = []
    for component in registries.components.all():
        for key, template in component.templates.items():
            path = Path(template) if Path(template).is_absolute() else TEMPLATES_ROOT / template
            text = path.read_text(encoding="utf-8")
            for what, (pattern, _owner) in RAW_CALLS.items():
                if pattern.search(text):
                    offenders.append(f"{component.plugin}:{component.name} ({key}) {what}")
    assert offenders == []
