"""Admin HTTP routes of ads: campaigns (create, list, read, replace, delete) and their stats.
Controllers parse and authorise; services hold the rules."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, delete, get, post, put
from litestar.params import FromPath, JSONBody

from core.auth import AuthUser, managers, staff_only
from core.openapi import AUTHED, problems
from plugins.ads import services
from plugins.ads.schemas import CampaignRead, CampaignWrite, DailyStat, SegmentRead

AuthedRequest = Request[AuthUser, Any, Any]


def _base_url(request: AuthedRequest) -> str:
    return request.app.state.settings.public_base_url  # as the page editor seeds a new shop's pages


class AdAdminController(Controller):
    path = "/api/admin/ads/campaigns"
    tags = ["plugin: ads"]
    guards = [staff_only]

    @get("", operation_id="adsCampaignsList", responses=problems(*AUTHED))
    async def list_campaigns(self, request: AuthedRequest) -> list[CampaignRead]:
        """The shop's ad campaigns with their creatives, newest first."""
        return [CampaignRead.model_validate(c) for c in await services.campaign_reads(request.user.shop_id)]

    @post("", operation_id="adsCampaignsCreate", guards=[managers], responses=problems(*AUTHED))
    async def create_campaign(self, request: AuthedRequest, data: JSONBody[CampaignWrite]) -> CampaignRead:
        """Create a campaign with its creatives: hot zones inside their image, a schedule that
        ends after it starts, links, pages, tiers and tags that exist in the shop (else 422
        naming the field path, and nothing is saved)."""
        kinds = request.app.state.registries.reference_kinds
        campaign = await services.save_campaign(request.user.shop_id, data.model_dump(), request.app.state.host, kinds, _base_url(request))
        return CampaignRead.model_validate((await services.campaign_reads(request.user.shop_id, campaign.id))[0])

    @get("/segments", operation_id="adsCampaignsSegments", responses=problems(*AUTHED))
    async def segments(self, request: AuthedRequest) -> list[SegmentRead]:
        """The membership tiers and customer tags a campaign can target, from whichever enabled
        plugins keep them (``kaidian_collect_customer_segments``); empty when none does."""
        found = await services.customer_segments(request.app.state.host, request.user.shop_id, None)
        return [SegmentRead.model_validate(item) for item in found]

    @get("/{campaign_id:int}", operation_id="adsCampaignsGet", responses=problems(*AUTHED))
    async def get_campaign(self, request: AuthedRequest, campaign_id: FromPath[int]) -> CampaignRead:
        """One campaign of the shop."""
        await services.get_campaign(request.user.shop_id, campaign_id)
        return CampaignRead.model_validate((await services.campaign_reads(request.user.shop_id, campaign_id))[0])

    @put("/{campaign_id:int}", operation_id="adsCampaignsReplace", guards=[managers], responses=problems(*AUTHED))
    async def replace_campaign(self, request: AuthedRequest, campaign_id: FromPath[int], data: JSONBody[CampaignWrite]) -> CampaignRead:
        """Replace a campaign and its creatives (checked like a new one); its caps' counts stay."""
        kinds = request.app.state.registries.reference_kinds
        await services.save_campaign(request.user.shop_id, data.model_dump(), request.app.state.host, kinds, _base_url(request), campaign_id)
        return CampaignRead.model_validate((await services.campaign_reads(request.user.shop_id, campaign_id))[0])

    @delete("/{campaign_id:int}", operation_id="adsCampaignsDelete", guards=[managers], responses=problems(*AUTHED))
    async def delete_campaign(self, request: AuthedRequest, campaign_id: FromPath[int]) -> None:
        """Delete a campaign, its creatives, counters and serves."""
        await services.delete_campaign(request.user.shop_id, campaign_id)

    @get("/{campaign_id:int}/stats", operation_id="adsCampaignsStats", responses=problems(*AUTHED))
    async def stats(self, request: AuthedRequest, campaign_id: FromPath[int]) -> list[DailyStat]:
        """Per creative and day: served, viewable impressions (≥ 50 % visible for ≥ 1 s),
        clicks and CTR, each serve counted once."""
        from plugins.ads.stats import campaign_stats

        campaign = await services.get_campaign(request.user.shop_id, campaign_id)
        return [DailyStat.model_validate(row) for row in await campaign_stats(campaign)]
