"""Themes: the built-ins validate, shop overrides apply, tokens become CSS variables."""

from __future__ import annotations

import jsonschema
import pytest

from themes import apply_overrides, css_variables, validate_tokens


def test_three_builtin_themes_are_registered_and_complete(registries):
    assert set(registries.themes) >= {"default", "fresh_grocery", "premium_dark"}
    for theme in registries.themes.values():
        validate_tokens(theme.tokens)
        assert theme.title["zh-CN"] and theme.title["en"]


def test_overrides_change_single_tokens_and_are_validated(registries):
    base = registries.themes["default"].tokens
    merged = apply_overrides(base, {"color": {"primary": "#123456"}, "radius": {"md": 0}})
    assert merged["color"]["primary"] == "#123456" and merged["radius"]["md"] == 0
    assert merged["color"]["price"] == base["color"]["price"]
    assert base["color"]["primary"] == "#ff5000"  # the registered theme is untouched
    with pytest.raises(jsonschema.ValidationError):
        apply_overrides(base, {"color": {"primary": "red; background: url(x)"}})
    with pytest.raises(jsonschema.ValidationError):
        apply_overrides(base, {"color": {"glow": "#ffffff"}})


def test_css_variables_use_rpx_for_lengths(registries):
    pairs = dict(css_variables(registries.themes["premium_dark"].tokens))
    assert pairs["--kd-color-primary"] == "#c9a45c"
    assert pairs["--kd-radius-sm"] == "4rpx"
    assert pairs["--kd-font-size-xl"] == "40rpx"
    assert len(pairs) == 9 + 3 + 5 + 4


def _theme_plugin(name: str, theme_name: str, tokens: object) -> object:
    from core.hookspecs import hookimpl
    from core.manifest import PluginManifest

    def register_themes(register):
        register(theme_name, tokens, title={"zh-CN": "坏主题", "en": "Bad theme"})

    attrs = {
        "manifest": PluginManifest(name=name, version="0.1.0", title={"zh-CN": name, "en": name}),
        "kaidian_register_themes": staticmethod(hookimpl(register_themes)),
    }
    return type(name, (), attrs)()


@pytest.mark.parametrize(
    ("theme_name", "mutate", "message"),
    [
        ("broken", lambda tokens: tokens["color"].update(primary="red"), r"color\.primary: 'red' does not match"),
        ("broken", lambda tokens: tokens.pop("radius"), "'radius' is a required property"),
        ("broken", lambda tokens: tokens["spacing"].update(huge=4), "spacing: Additional properties"),
        ("Bad Name", lambda tokens: None, "theme name 'Bad Name'"),
    ],
    ids=["bad-colour", "missing-group", "unknown-token", "bad-name"],
)
def test_a_plugin_with_a_bad_theme_fails_at_start_naming_the_plugin(registries, theme_name, mutate, message):
    import copy

    from core.app import create_app
    from core.registries import RegistrationError

    tokens = copy.deepcopy(registries.themes["default"].tokens)
    mutate(tokens)
    with pytest.raises(RegistrationError, match="'shabby_themes'") as refused:
        create_app(plugins=[_theme_plugin("shabby_themes", theme_name, tokens)])
    assert refused.match(message)
