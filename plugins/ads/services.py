"""The rules of ad campaigns: what a campaign may say (hot zones inside their image, a schedule
that ends after it starts, links, pages, tiers and tags that exist in the shop), saved whole or
not at all."""

from __future__ import annotations

from typing import Any

from tortoise.transactions import in_transaction

from core.errors import InvalidInput, NotFound
from plugins.ads.models import AdCampaign, AdCreative, AdSlot

def _invalid(field: str, zh: str, en: str) -> InvalidInput:
    return InvalidInput(field=field, reason={"zh-CN": zh, "en": en})


async def shop_links_context(shop_id: int, base_url: str) -> tuple[set[str], list[str]]:
    """The routes of the shop's pages, in its draft and its published configuration, and the
    hosts its draft allows outside links to (the app setting ``link_domains``)."""
    from builder.versions import current_versions

    routes: set[str] = set()
    draft, published = await current_versions(shop_id, base_url)
    for version in (draft, published):
        for page in (version.config.get("pages") or []) if version is not None else []:
            if isinstance(page, dict) and isinstance(page.get("route"), str):
                routes.add(page["route"])
    app = draft.config.get("app") if isinstance(draft.config.get("app"), dict) else {}
    domains = app.get("link_domains") if isinstance(app.get("link_domains"), list) else []
    return routes, [domain for domain in domains if isinstance(domain, str)]


def _links(data: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for index, creative in enumerate(data["creatives"]):
        if creative["link"]:
            found.append((f"creatives[{index}].link", creative["link"]))
        for zone_index, zone in enumerate(creative["hot_zones"]):
            found.append((f"creatives[{index}].hot_zones[{zone_index}].link", zone["link"]))
    return found


def check_shape(data: dict[str, Any]) -> None:
    """What a campaign must say, apart from what the database knows (422 naming the field)."""
    if data["ends_at"] <= data["starts_at"]:
        raise _invalid("ends_at", "结束时间须晚于开始时间", "the schedule must end after it starts")
    for index, day in enumerate(data["days_of_week"]):
        if not 1 <= day <= 7:
            raise _invalid(f"days_of_week[{index}]", "星期须为 1（周一）到 7（周日）", "days are 1 (Monday) to 7 (Sunday)")
    if data["hours"]:
        if len(data["hours"]) != 2 or not 0 <= data["hours"][0] < data["hours"][1] <= 24:
            raise _invalid("hours", "时段须为 [开始小时, 结束小时)，0–24 且开始早于结束", "hours are [from, to) within 0–24, from before to")
    if data["slot"] in (AdSlot.SPLASH, AdSlot.BANNER, AdSlot.HOTZONE) and data["pages"]:
        raise _invalid("pages", "开屏、横幅和热区广告不按页面投放（横幅和热区放在页面里）", "splash, banner and hot-zone ads are not targeted by page")
    for index, creative in enumerate(data["creatives"]):
        field = f"creatives[{index}]"
        if data["slot"] == AdSlot.HOTZONE:
            if not creative["hot_zones"]:
                raise _invalid(f"{field}.hot_zones", "热区图至少需要一个热区", "a hot-zone image needs at least one zone")
        elif creative["hot_zones"]:
            raise _invalid(f"{field}.hot_zones", "只有热区图广告可以画热区", "only hot-zone ads have zones")
        if creative["kind"] == "video" and data["slot"] in (AdSlot.HOTZONE, AdSlot.FLOATING):
            raise _invalid(f"{field}.kind", "热区图和悬浮按钮只能用图片", "hot-zone and floating ads are images")
        for zone_index, zone in enumerate(creative["hot_zones"]):
            if zone["x"] + zone["width"] > creative["width"] or zone["y"] + zone["height"] > creative["height"]:
                raise _invalid(
                    f"{field}.hot_zones[{zone_index}]",
                    f"热区超出图片范围（图片 {creative['width']}×{creative['height']}）",
                    f"the zone lies outside the image ({creative['width']}×{creative['height']})",
                )


async def check_references(shop_id: int, data: dict[str, Any], reference_kinds: Any, base_url: str) -> None:
    """Every link and targeted page leads somewhere of this shop: a page of its configuration, a
    record of a linkable reference kind (product, category, a plugin's coupon…), or an https
    address on its allow-list (``link_domains``)."""
    from builder.config import link_reference, outside_link_error
    from builder.schema_parts import link_url_allowed

    routes, domains = await shop_links_context(shop_id, base_url)
    for index, route in enumerate(data["pages"]):
        if route not in routes:
            raise _invalid(f"pages[{index}]", f"页面 {route} 不存在", f"there is no page {route}")
    refs = []
    for field, link in _links(data):
        kind, _, value = link.partition(":")
        if kind == "page":
            if value not in routes:
                raise _invalid(field, f"链接的页面 {value} 不存在", f"the linked page {value} does not exist")
        elif kind == "url":
            if not link_url_allowed(link, domains):
                raise InvalidInput(field=field, reason=outside_link_error(field, link)["message"])
        elif reference := link_reference(link):
            refs.append((field, *reference))
    problems = await reference_kinds.link_problems(shop_id, refs)
    if problems:
        field, message = problems[0]
        raise InvalidInput(field=field, reason=message)


SEGMENT_FIELDS = {"tiers": "tier", "tags": "tag"}  # campaign field → segment kind


async def customer_segments(host: Any, shop_id: int, customer_id: int | None) -> list[dict[str, Any]]:
    """Tier and tag segments (``kaidian_collect_customer_segments``) of a customer, or with
    ``customer_id=None`` every one the shop has; whichever plugins keep them, deduplicated."""
    gathered = await host.collect("kaidian_collect_customer_segments", shop_id=shop_id, customer_id=customer_id)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for _plugin, item in gathered:
        if isinstance(item, dict) and item.get("kind") in SEGMENT_FIELDS.values() and isinstance(item.get("key"), str):
            found.setdefault((item["kind"], item["key"]), {"kind": item["kind"], "key": item["key"], "title": dict(item.get("title") or {})})
    return list(found.values())


async def check_segments(host: Any, shop_id: int, data: dict[str, Any]) -> None:
    """Every targeted tier and tag is one the shop has (else 422 naming ``tiers[i]``/``tags[i]``)."""
    if not any(data.get(field) for field in SEGMENT_FIELDS):
        return
    known = {(item["kind"], item["key"]) for item in await customer_segments(host, shop_id, None)}
    for field, kind in SEGMENT_FIELDS.items():
        what = {"tier": ("会员等级", "membership tier"), "tag": ("顾客标签", "customer tag")}[kind]
        for index, key in enumerate(data.get(field) or []):
            if (kind, key) not in known:
                raise _invalid(f"{field}[{index}]", f"本店没有{what[0]} {key}", f"the shop has no {what[1]} {key!r}")
        if len(set(data[field])) != len(data[field]):
            raise _invalid(field, f"{what[0]}重复", f"a {what[1]} is listed twice")


def _creative_rows(shop_id: int, campaign_id: int, data: dict[str, Any]) -> list[AdCreative]:
    return [
        AdCreative(shop_id=shop_id, campaign_id=campaign_id, position=position, **creative)
        for position, creative in enumerate(data["creatives"])
    ]


async def save_campaign(
    shop_id: int, data: dict[str, Any], host: Any, reference_kinds: Any, base_url: str, campaign_id: int | None = None
) -> AdCampaign:
    """Create (or replace) a campaign with its creatives after every check passed; one
    transaction, so a refused campaign leaves nothing behind."""
    check_shape(data)
    await check_references(shop_id, data, reference_kinds, base_url)
    await check_segments(host, shop_id, data)
    fields = {name: value for name, value in data.items() if name != "creatives"}
    async with in_transaction():
        if campaign_id is None:
            campaign = await AdCampaign.create(shop_id=shop_id, **fields)
        else:
            campaign = await get_campaign(shop_id, campaign_id)
            await campaign.update_from_dict(fields).save()
            await AdCreative.filter(campaign_id=campaign.id).delete()
        await AdCreative.bulk_create(_creative_rows(shop_id, campaign.id, data))
    return campaign


async def get_campaign(shop_id: int, campaign_id: int) -> AdCampaign:
    campaign = await AdCampaign.get_or_none(id=campaign_id, shop_id=shop_id)
    if campaign is None:
        raise NotFound(field="campaign_id")
    return campaign


async def delete_campaign(shop_id: int, campaign_id: int) -> None:
    await (await get_campaign(shop_id, campaign_id)).delete()


async def campaign_reads(shop_id: int, campaign_id: int | None = None) -> list[dict[str, Any]]:
    """Campaigns (newest first) with their creatives, as the read schema expects."""
    query = AdCampaign.filter(shop_id=shop_id)
    if campaign_id is not None:
        query = query.filter(id=campaign_id)
    campaigns = await query.order_by("-id")
    creatives: dict[int, list[AdCreative]] = {}
    for creative in await AdCreative.filter(campaign_id__in=[c.id for c in campaigns]).order_by("position"):
        creatives.setdefault(creative.campaign_id, []).append(creative)  # type: ignore[attr-defined]
    return [{**{f: getattr(c, f) for f in c._meta.db_fields if f != "shop_id"}, "creatives": creatives.get(c.id, [])} for c in campaigns]
