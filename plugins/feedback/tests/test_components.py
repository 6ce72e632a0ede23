"""The app-level prompt (slot ``app.prompts``) and the form page render into both targets'
projects; the prompt sits on every page of the configuration, the form in its own subpackage."""

from __future__ import annotations

import pytest

import plugins.feedback as feedback_plugin
from builder.generate import render_project
from builder.samples import demo_config


@pytest.fixture(scope="module")
def registries():
    from core.app import create_app

    return create_app(plugins=[feedback_plugin]).state.registries


@pytest.mark.parametrize("target", ["uniapp", "taro"])
def test_the_prompt_is_on_every_configured_page_and_the_form_is_an_app_page(registries, target):
    config = demo_config()
    project = render_project(config, target, registries)
    files = project.files
    suffix = ".vue" if target == "uniapp" else ".jsx"
    routes = {page["route"] for page in config["pages"]}
    pages = ["src/" + page.path + suffix for page in project.plan.pages if page.route in routes]
    assert len(pages) == len(routes)
    tag = "kd-slot-feedback-prompt" if target == "uniapp" else "KdSlotFeedbackPrompt"
    for path in pages:
        assert tag in files[path], path
    prompt = next(content for path, content in files.items() if "kd-slot-feedback-prompt" in path and path.endswith(suffix))
    assert "/api/shop/feedback/prompt" in prompt and "launch.asked" in prompt
    form = next(content for path, content in files.items() if path.startswith("src/kd_feedback/pages/feedback_form/") and path.endswith(suffix))
    assert "/api/shop/feedback/answers" in form and "photo_ids" in form and "uploadPhoto" in form
    assert any("kd_feedback" in content and "feedback_form" in content for path, content in files.items() if path.endswith(("pages.json", "app.config.js")))
