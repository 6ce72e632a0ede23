"""The ads read for ``POST /api/shop/batch``: ``ads.serve``, the ad of one slot for this device,
decided with its caps while the page's other data loads (no extra request)."""

from __future__ import annotations

import re
from typing import Any

from core import clock
from core.errors import InvalidInput
from core.storefront.sources import customer_of

TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,128}$")
ROUTE = re.compile(r"^([a-z][a-z0-9_]{0,39})?$")  # a page route of the configuration, e.g. "home"


def _bad(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason={"zh-CN": zh, "en": en})


async def serve(shop_id: int, params: dict[str, Any], request: Any) -> dict[str, Any]:
    from core.shop_plugins.services import plugin_settings
    from plugins.ads import serving, services
    from plugins.ads.models import AdSlot

    try:
        slot = AdSlot(params.get("slot"))
    except ValueError:
        raise _bad("params.slot", "未知广告位", f"slot is one of {[s.value for s in AdSlot]}") from None
    campaign_id = params.get("campaign_id")
    if campaign_id is not None and (not isinstance(campaign_id, int) or isinstance(campaign_id, bool) or campaign_id < 1):
        raise _bad("params.campaign_id", "广告活动编号无效", "not a campaign id")
    route = params.get("page") or ""
    if not isinstance(route, str) or not ROUTE.match(route):
        raise _bad("params.page", "页面路径无效", "not a page route")
    settings = await plugin_settings(request.app.state.host, shop_id, "ads")
    timezone = request.app.state.settings.business_timezone  # days, hours and per-day caps
    if request.scope.get("path", "").startswith("/api/admin/"):
        # The page editor's canvas (a staff route, read as a guest): what would show, uncounted.
        viewer = serving.Viewer(device="", customer_id=None, session="", route=route)
        ad = await serving.serve(shop_id, slot, viewer, clock.now(), timezone, campaign_id, count=False)
        return {"ad": ad and {**ad, "label": settings["ad_label"]}}
    device = request.headers.get("x-device-token") or ""
    if not TOKEN.match(device):
        raise _bad("X-Device-Token", "需要 8–128 位设备标识", "an 8–128 character device token is required")
    session = params.get("session")
    if not isinstance(session, str) or not TOKEN.match(session):
        raise _bad("params.session", "需要访问标识", "the visit's id (8–128 letters, digits, - or _) is required")
    viewer = serving.Viewer(device=device, customer_id=customer_of(request), session=session, route=route)

    async def segments_of(shop: int, customer_id: int) -> list[dict[str, Any]]:
        return await services.customer_segments(request.app.state.host, shop, customer_id)

    ad = await serving.serve(shop_id, slot, viewer, clock.now(), timezone, campaign_id, segments_of=segments_of)
    return {"ad": ad and {**ad, "label": settings["ad_label"]}}
