"""The ads plugin's hook implementations (re-exported by the package for pluggy)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.hookspecs import hookimpl

# Built from admin/src by `npm run build:plugins` in the repository's admin/ (committed).
ADMIN_BUNDLE = Path(__file__).parent / "admin" / "dist"
TEMPLATES = Path(__file__).resolve().parent / "templates"
AD_EVENT = {
    "type": "object",
    "properties": {
        "serve_id": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        "campaign_id": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        "creative_id": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
        "slot": {"type": "string", "enum": ["splash", "popup", "floating", "banner", "hotzone"]},
    },
    "required": ["serve_id", "campaign_id", "creative_id", "slot"],
}


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("plugins.ads.models")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from plugins.ads.routes import AdAdminController

    register(AdAdminController)


@hookimpl
def kaidian_register_data_sources(register: Callable[..., None]) -> None:
    from plugins.ads.sources import serve

    register("ads.serve", serve)


@hookimpl
def kaidian_register_page_components(register: Callable[..., None]) -> None:
    from plugins.ads.components import ad_components

    for component in ad_components():
        register(component)


@hookimpl
def kaidian_register_page_slots(register: Callable[..., None]) -> None:
    from builder.slots import SlotComponent, slot_templates

    # Splash, popup and floating button over every page (the generic app.prompts slot).
    templates = slot_templates(TEMPLATES, "ads_overlay") | {
        "style": str(TEMPLATES / "common" / "ads_overlay.css.j2"),
        "script": str(TEMPLATES / "common" / "ads_overlay.js.j2"),
    }
    register(SlotComponent(name="ads_overlay", slot="app.prompts", templates=templates))


@hookimpl
def kaidian_register_event_types(register: Callable[..., None]) -> None:
    register("ads.impression", AD_EVENT, {"zh-CN": "广告曝光", "en": "Ad impression"})
    register("ads.click", AD_EVENT, {"zh-CN": "广告点击", "en": "Ad click"})


@hookimpl
def kaidian_register_reference_kinds(register: Callable[..., None]) -> None:
    from plugins.ads.models import AdCampaign

    register("ad_campaign", AdCampaign, title={"zh-CN": "广告活动", "en": "ad campaign"})


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    register("ads", {"zh-CN": "广告", "en": "Ads"}, "/ads", icon="picture", roles=("owner", "operator"), order=45)


@hookimpl
def kaidian_register_admin_screens(register: Callable[..., None]) -> None:
    register("/ads", "AdCampaigns", ADMIN_BUNDLE)
