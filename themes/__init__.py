"""Themes: named token sets (colours, radii, font sizes, spacing) validated by one schema.

Core registers the three built-ins through ``kaidian_register_themes``; plugins add theirs the
same way. A shop picks a theme and may override single tokens; the generators emit the result
as CSS custom properties (both targets) and SCSS variables (Taro, which ships sass).
"""

from __future__ import annotations

import copy
from typing import Any

import jsonschema

_COLOR = {"type": "string", "pattern": r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$"}
_LENGTH = {"type": "integer", "minimum": 0, "maximum": 200}  # rpx

COLOR_TOKENS = ("primary", "on_primary", "accent", "background", "surface", "text", "text_secondary", "border", "price")
RADIUS_TOKENS = ("sm", "md", "lg")
FONT_TOKENS = ("xs", "sm", "md", "lg", "xl")
SPACING_TOKENS = ("xs", "sm", "md", "lg")

GROUPS: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "color": (COLOR_TOKENS, _COLOR),
    "radius": (RADIUS_TOKENS, _LENGTH),
    "font_size": (FONT_TOKENS, _LENGTH),
    "spacing": (SPACING_TOKENS, _LENGTH),
}


def _group_schema(names: tuple[str, ...], value: dict[str, Any], *, complete: bool) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: value for name in names},
        "required": list(names) if complete else [],
        "additionalProperties": False,
    }


def _tokens_schema(*, complete: bool) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {group: _group_schema(names, value, complete=complete) for group, (names, value) in GROUPS.items()},
        "required": list(GROUPS) if complete else [],
        "additionalProperties": False,
    }


# A registered theme defines every token; a shop's overrides may name any subset.
THEME_TOKENS_SCHEMA = _tokens_schema(complete=True)
THEME_OVERRIDES_SCHEMA = _tokens_schema(complete=False)


def validate_tokens(tokens: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``tokens`` is a complete token set."""
    jsonschema.Draft202012Validator(THEME_TOKENS_SCHEMA).validate(tokens)


def token_errors(tokens: Any) -> list[str]:
    """Every problem of a theme's token set as ``"color.primary: …"`` lines; [] when complete."""
    validator = jsonschema.Draft202012Validator(THEME_TOKENS_SCHEMA)
    problems = []
    for error in sorted(validator.iter_errors(tokens), key=lambda error: list(map(str, error.absolute_path))):
        where = ".".join(str(part) for part in error.absolute_path) or "tokens"
        problems.append(f"{where}: {error.message}")
    return problems


def apply_overrides(tokens: dict[str, Any], overrides: dict[str, Any] | None) -> dict[str, Any]:
    merged = copy.deepcopy(tokens)
    for group, values in (overrides or {}).items():
        merged.setdefault(group, {}).update(values)
    validate_tokens(merged)
    return merged


def css_variables(tokens: dict[str, Any]) -> list[tuple[str, str]]:
    """``(--kd-color-primary, #ff5000)`` pairs in a fixed order; lengths in rpx."""
    pairs = []
    for group, (names, _) in GROUPS.items():
        for name in names:
            value = tokens[group][name]
            css_value = value if group == "color" else f"{value}rpx"
            pairs.append((f"--kd-{group.replace('_', '-')}-{name.replace('_', '-')}", css_value))
    return pairs


def _theme(primary: str, on_primary: str, accent: str, background: str, surface: str, text: str, text_secondary: str, border: str, price: str, radius: tuple[int, int, int]) -> dict[str, Any]:
    colors = (primary, on_primary, accent, background, surface, text, text_secondary, border, price)
    return {
        "color": dict(zip(COLOR_TOKENS, colors)),
        "radius": dict(zip(RADIUS_TOKENS, radius)),
        "font_size": dict(zip(FONT_TOKENS, (20, 24, 28, 32, 40))),
        "spacing": dict(zip(SPACING_TOKENS, (8, 16, 24, 32))),
    }


def builtin_themes() -> list[tuple[str, dict[str, Any], dict[str, str]]]:
    """``(name, tokens, title)`` for core's ``kaidian_register_themes``."""
    return [
        ("default", _theme("#ff5000", "#ffffff", "#ffb400", "#f5f5f5", "#ffffff", "#222222", "#888888", "#eeeeee", "#ff3b30", (8, 16, 24)), {"zh-CN": "默认", "en": "Default"}),
        ("fresh_grocery", _theme("#2bb24c", "#ffffff", "#ff9f1a", "#f3faf4", "#ffffff", "#1f2d1f", "#6b7b6b", "#dfeee1", "#e8480c", (12, 20, 32)), {"zh-CN": "生鲜果蔬", "en": "Fresh grocery"}),
        ("premium_dark", _theme("#c9a45c", "#1a1a1a", "#e6cf9a", "#111111", "#1c1c1e", "#f2f2f2", "#a0a0a0", "#2c2c2e", "#e6cf9a", (4, 8, 12)), {"zh-CN": "高级黑金", "en": "Premium dark"}),
    ]
