"""Rules for a shop's stored page configurations: drafts, publishing, history and rollback.

History is append-only (see ``builder.models``): saving a draft, publishing and rolling back
each add a version. Every stored configuration has passed validation against the components
and themes registered when it was stored; publishing validates again, because a plugin whose
component the draft uses may have been removed since.
"""

from __future__ import annotations

import copy

import functools
from typing import Any

import anyio
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from builder.config import bounds_errors, give_new_blocks_ids, link_references, record_references, upgrade_config, validate_config
from builder.models import PageConfigVersion, VersionStatus
from builder.samples import demo_shop_config, starter_config
from core.errors import Conflict, InvalidInput, NotFound
from core.shops.models import Shop, ShopStatus

# Two editors saving at the same moment race for the next number; the loser retries.
_NUMBER_ATTEMPTS = 3


def invalid_config(errors: list[dict[str, Any]]) -> InvalidInput:
    """The 422 problem for a configuration that does not validate: ``errors`` lists every
    ``{path, message}``, ``field`` is the first path."""
    return InvalidInput(
        field=errors[0]["path"],
        errors=errors,
        reason={"zh-CN": "页面配置不合法", "en": "The page configuration is invalid"},
    )


async def checked_config_off_loop(config: dict[str, Any], registries: Any, *, shop_id: int) -> dict[str, Any]:
    """``checked_config`` in a worker thread: validating a large configuration takes long
    enough to stall every other request if it ran on the event loop."""
    return await anyio.to_thread.run_sync(functools.partial(checked_config, config, registries, shop_id=shop_id))


def checked_config(config: dict[str, Any], registries: Any, *, shop_id: int) -> dict[str, Any]:
    """The configuration upgraded to the current component versions, bound to ``shop_id``
    (a shop's mini-program always talks to that shop), with an id on every block (analytics
    follows blocks by it), and validated — or ``invalid_config``."""
    upgraded = upgrade_config(config, registries.components)
    if not bounds_errors(upgraded):  # (out of bounds, upgrade_config returns the caller's object)
        give_new_blocks_ids(upgraded)
    app = upgraded.get("app")
    if isinstance(app, dict):
        api = app.get("api")
        app["api"] = {**(api if isinstance(api, dict) else {}), "shop_id": shop_id}
    errors = validate_config(upgraded, registries.components, list(registries.themes), media_url_prefix=registries.media_url_prefix)
    if errors:
        raise invalid_config(errors)
    return upgraded


async def reference_problems(config: dict[str, Any], registries: Any, *, shop_id: int) -> list[dict[str, Any]]:
    """A ``{path, message}`` problem for each id in ``config`` that names no record of this shop
    (another shop's product, a deleted category…): the page would show nothing there, or
    another shop's goods."""
    kinds = registries.reference_kinds
    links = link_references(config, registries.components)
    linked = set(links)
    missing = await kinds.missing(shop_id, [ref for ref in record_references(config, registries.components) if ref not in linked])
    problems = [(path, kinds.missing_message(kind, record_id)) for path, kind, record_id in missing]
    problems += await kinds.link_problems(shop_id, links)
    return [{"path": path, "message": message} for path, message in sorted(problems, key=lambda problem: problem[0])]


async def _refuse_foreign_references(config: dict[str, Any], registries: Any, *, shop_id: int) -> None:
    problems = await reference_problems(config, registries, shop_id=shop_id)
    if problems:
        raise invalid_config(problems)


def _editable(config: dict[str, Any]) -> bool:
    """Whether the editor can open ``config``: an app object and pages of blocks, each block a
    type and props. Anything less is refused even as a draft."""
    pages = config.get("pages")
    return (
        isinstance(config.get("app"), dict)
        and isinstance(pages, list)
        and bool(pages)
        and all(
            isinstance(page, dict)
            and isinstance(page.get("components"), list)
            and all(isinstance(block, dict) and isinstance(block.get("type"), str) and isinstance(block.get("props", {}), dict) for block in page["components"])
            for page in pages
        )
    )


def draft_config(config: dict[str, Any], registries: Any, *, shop_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A draft as stored: upgraded and bound to ``shop_id`` like a checked configuration, and
    its validation problems, which do not stop a draft from being saved (only publishing needs
    a valid one) — unless it is out of bounds or not something the editor can open (422)."""
    try:
        return checked_config(config, registries, shop_id=shop_id), []
    except InvalidInput as invalid:
        if bounds_errors(config) or not _editable(config):
            raise
        upgraded = upgrade_config(config, registries.components)
        give_new_blocks_ids(upgraded)
        upgraded["app"] = {**upgraded["app"], "api": {**(upgraded["app"].get("api") if isinstance(upgraded["app"].get("api"), dict) else {}), "shop_id": shop_id}}
        return upgraded, invalid.errors or []


def for_build(config: dict[str, Any], base_url: str) -> dict[str, Any]:
    """A stored configuration ready to generate: the API base URL defaults to this server's."""
    ready = dict(config)  # copies only what changes: a hostile config may nest too deep for deepcopy
    app = ready.get("app")
    if isinstance(app, dict):
        app = ready["app"] = dict(app)
        api = app.get("api", {})
        if isinstance(api, dict):
            app["api"] = {**api, "base_url": api.get("base_url", base_url.rstrip("/"))}
    return ready


async def _append(shop_id: int, **values: Any) -> PageConfigVersion:
    for attempt in range(_NUMBER_ATTEMPTS):
        last = await PageConfigVersion.filter(shop_id=shop_id).order_by("-number").first()
        number = (last.number if last else 0) + 1
        try:
            async with in_transaction():
                return await PageConfigVersion.create(shop_id=shop_id, number=number, **values)
        except IntegrityError:
            if attempt == _NUMBER_ATTEMPTS - 1:
                raise Conflict(
                    reason={"zh-CN": "页面配置正在被同时修改，请重试", "en": "The configuration is being changed concurrently; retry"}
                ) from None
    raise AssertionError("unreachable")


async def seed_starter(shop_id: int, base_url: str) -> None:
    """Give a shop without any configuration the starter one, published as version 1."""
    if await PageConfigVersion.exists(shop_id=shop_id):
        return
    shop = await Shop.get_or_none(id=shop_id)
    if shop is None:
        raise NotFound(field="shop_id")
    try:
        async with in_transaction():
            await PageConfigVersion.create(
                shop_id=shop_id,
                number=1,
                status=VersionStatus.PUBLISHED,
                config=starter_config(shop.name, shop_id, base_url),
                note="starter",
            )
    except IntegrityError:
        pass  # another request seeded it first


async def copy_from_template(shop_id: int, template_shop_id: int) -> list[str] | None:
    """Give a new shop the template's pages and theme: its published configuration as version 1
    and, when the template has unpublished edits, its draft as version 2 — bound to the new shop
    and named after it. Records the pages name (products, categories, media) stay the template's
    ids: the catalog is not copied, so the editor lists them as references to re-pick."""
    template = await Shop.get(id=template_shop_id)
    draft = await PageConfigVersion.filter(shop_id=template_shop_id).order_by("-number").first()
    if draft is None:
        return None
    shop = await Shop.get(id=shop_id)
    published = await PageConfigVersion.filter(shop_id=template_shop_id, status=VersionStatus.PUBLISHED).order_by("-number").first()
    note = f"template:{template.slug}"[:200]
    number = 0
    for version in (published, draft if draft.status == VersionStatus.DRAFT else None):
        if version is None:
            continue
        number += 1
        await PageConfigVersion.create(
            shop_id=shop_id, number=number, status=version.status, config=_rebound(version.config, shop_id, shop.name), note=note
        )
    return ["page_config", "theme"]


def _rebound(config: dict[str, Any], shop_id: int, shop_name: str) -> dict[str, Any]:
    copied = copy.deepcopy(config)
    app = copied.get("app")
    if isinstance(app, dict):
        api = app.get("api")
        app["api"] = {**(api if isinstance(api, dict) else {}), "shop_id": shop_id}
        app["name"] = shop_name[:30] or app.get("name", "")
    return copied


async def seed_demo_config(shop_id: int, base_url: str, images: dict[str, str]) -> None:
    """Publish the demo shop's pages (``demo_shop_config``) as its first version."""
    from core.catalog.models import Category

    shop = await Shop.get_or_none(id=shop_id)
    if shop is None or await PageConfigVersion.exists(shop_id=shop_id):
        return
    categories = dict(await Category.filter(shop_id=shop_id, parent_id=None).values_list("name", "id"))
    config = demo_shop_config(shop.name, shop_id, base_url or "http://127.0.0.1:8000", images, categories)
    try:
        await PageConfigVersion.create(shop_id=shop_id, number=1, status=VersionStatus.PUBLISHED, config=config, note="demo")
    except IntegrityError:
        pass  # seeded by a request in the meantime


async def current_versions(shop_id: int, base_url: str) -> tuple[PageConfigVersion, PageConfigVersion | None]:
    """The shop's draft (its newest version) and its newest published version, seeding the
    starter configuration for a shop that has none yet."""
    await seed_starter(shop_id, base_url)
    draft = await PageConfigVersion.filter(shop_id=shop_id).order_by("-number").first()
    assert draft is not None
    if draft.status == VersionStatus.PUBLISHED:
        return draft, draft
    published = await PageConfigVersion.filter(shop_id=shop_id, status=VersionStatus.PUBLISHED).order_by("-number").first()
    return draft, published


async def published_version(shop_id: int, base_url: str) -> PageConfigVersion:
    """What customers of the shop see; 404 for an unknown or suspended shop."""
    if not await Shop.exists(id=shop_id, status=ShopStatus.ACTIVE):
        raise NotFound(field="shop_id")
    _, published = await current_versions(shop_id, base_url)
    if published is None:
        raise NotFound()
    return published


async def get_version(shop_id: int, number: int) -> PageConfigVersion:
    version = await PageConfigVersion.get_or_none(shop_id=shop_id, number=number)
    if version is None:
        raise NotFound()
    return version


async def list_versions(shop_id: int, base_url: str, *, limit: int = 50, offset: int = 0) -> list[PageConfigVersion]:
    await seed_starter(shop_id, base_url)
    return await PageConfigVersion.filter(shop_id=shop_id).order_by("-number").offset(offset).limit(limit)


async def save_draft(
    shop_id: int,
    config: dict[str, Any],
    registries: Any,
    *,
    staff_id: int | None,
    base_url: str,
    note: str = "",
    base_number: int | None = None,
) -> PageConfigVersion:
    """Store a configuration as the new draft, valid or not (``draft_config``); the version's
    ``problems`` lists what must be fixed before it can be published.

    ``base_number`` is the version the editor started from; when someone saved after it,
    the save is refused (409) instead of silently overwriting their work.
    """
    checked, problems = await anyio.to_thread.run_sync(functools.partial(draft_config, config, registries, shop_id=shop_id))
    await seed_starter(shop_id, base_url)  # history always starts with the starter version
    if base_number is not None:
        latest = await PageConfigVersion.filter(shop_id=shop_id).order_by("-number").first()
        if latest is not None and latest.number != base_number:
            raise Conflict(
                field="base_version",
                reason={
                    "zh-CN": f"配置已被他人更新为第 {latest.number} 版，请刷新后再保存",
                    "en": f"Version {latest.number} was saved since; reload before saving",
                },
            )
    problems = problems + await reference_problems(checked, registries, shop_id=shop_id)
    version = await _append(shop_id, status=VersionStatus.DRAFT, config=checked, note=note, created_by_staff_id=staff_id)
    version.problems = problems  # not stored: validation is redone whenever it matters
    return version


async def publish(
    shop_id: int, registries: Any, base_url: str, *, staff_id: int | None, number: int | None = None
) -> PageConfigVersion:
    """Publish the current draft (or, when ``number`` is given, check it is the current draft).

    Publishing what is already published returns that version unchanged.
    """
    draft, _ = await current_versions(shop_id, base_url)
    if number is not None and number != draft.number:
        raise Conflict(
            field="version",
            reason={
                "zh-CN": f"第 {number} 版不是当前草稿（当前为第 {draft.number} 版）",
                "en": f"Version {number} is not the current draft (that is version {draft.number})",
            },
        )
    if draft.status == VersionStatus.PUBLISHED:
        return draft
    checked = await checked_config_off_loop(draft.config, registries, shop_id=shop_id)
    await _refuse_foreign_references(checked, registries, shop_id=shop_id)
    return await _append(
        shop_id, status=VersionStatus.PUBLISHED, config=checked, based_on=draft.number, created_by_staff_id=staff_id
    )


async def rollback(
    shop_id: int, number: int, registries: Any, *, staff_id: int | None, publish_now: bool = False
) -> PageConfigVersion:
    """Restore version ``number`` as a new draft (or a new published version)."""
    source = await get_version(shop_id, number)
    checked = await checked_config_off_loop(source.config, registries, shop_id=shop_id)
    if publish_now:  # a product deleted since that version was stored is caught here
        await _refuse_foreign_references(checked, registries, shop_id=shop_id)
    status = VersionStatus.PUBLISHED if publish_now else VersionStatus.DRAFT
    return await _append(
        shop_id, status=status, config=checked, based_on=number, note=f"rollback to {number}", created_by_staff_id=staff_id
    )
