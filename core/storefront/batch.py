"""Answering a batch of reads: each one resolved through the data-source registry and answered
or failed on its own, so one broken component never blanks a whole page."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from pydantic import BaseModel, Field

from core.auth import AuthUser
from core.errors import InvalidInput, KaidianError, NotFound
from core.i18n import negotiate_locale
from core.registries import DataSource
from core.schemas import ReadModel, WriteModel
from core.shops.models import Shop, ShopStatus
from core.storefront import MAX_BATCH_REQUESTS

logger = logging.getLogger("kaidian.storefront")

_ERRORS = {
    "unknown_source": ("没有这个数据源", "There is no such data source"),
    "plugin_disabled": ("插件未启用", "This plugin is not enabled for the shop"),
    "internal_error": ("服务器内部错误", "Internal server error"),
}


class BatchItem(WriteModel):
    id: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.:-]+$")
    source: str = Field(min_length=1, max_length=60)
    params: dict[str, Any] = Field(default_factory=dict)


class BatchBody(WriteModel):
    shop_id: int = Field(ge=1)
    requests: list[BatchItem] = Field(json_schema_extra={"maxItems": MAX_BATCH_REQUESTS})


class BatchError(BaseModel):
    code: str
    message: str
    field: str | None = None


class BatchAnswer(BaseModel):
    ok: bool
    data: Any = None
    error: BatchError | None = None


class BatchResults(ReadModel):
    results: dict[str, BatchAnswer]


def check_batch(body: BatchBody) -> None:
    if len(body.requests) > MAX_BATCH_REQUESTS:
        raise InvalidInput(
            field="requests",
            reason={
                "zh-CN": f"一次最多 {MAX_BATCH_REQUESTS} 个请求",
                "en": f"At most {MAX_BATCH_REQUESTS} requests per batch",
            },
        )
    seen: set[str] = set()
    for index, item in enumerate(body.requests):
        if item.id in seen:
            raise InvalidInput(
                field=f"requests[{index}].id",
                reason={"zh-CN": f"请求编号 {item.id} 重复", "en": f"Request id {item.id} is used twice"},
            )
        seen.add(item.id)


def _failure(code: str, locale: str, field: str | None = None) -> BatchAnswer:
    zh, en = _ERRORS[code]
    return BatchAnswer(ok=False, error=BatchError(code=code, message=en if locale == "en" else zh, field=field))


async def read_source(
    sources: dict[str, DataSource],
    enabled_plugins: frozenset[str],
    name: str,
    shop_id: int,
    params: dict[str, Any],
    request: Any,
    locale: str,
    field: str | None = None,
) -> BatchAnswer:
    """One read answered on its own: the data, or why there is none (unknown source, plugin
    disabled for the shop, the source's own error). The batch endpoint and the page editor's
    canvas both read through here, so the editor shows what customers get."""
    source = sources.get(name)
    if source is None:
        return _failure("unknown_source", locale, field)
    if source.plugin not in enabled_plugins:
        return _failure("plugin_disabled", locale, field)
    try:
        data = await source.handler(shop_id, dict(params), request)
    except KaidianError as error:
        return BatchAnswer(ok=False, error=BatchError(code=error.code, message=error.message(locale), field=error.field))
    except Exception:
        logger.exception("data source %r of plugin %r failed", source.name, source.plugin)
        return _failure("internal_error", locale)
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json")
    return BatchAnswer(ok=True, data=data)


async def run_batch(
    body: BatchBody,
    request: Any,
    sources: dict[str, DataSource],
    enabled_plugins: frozenset[str],
    customer: AuthUser | None,
) -> BatchResults:
    """Answer every read of ``body`` concurrently; ``customer`` is the caller when it is a
    customer of ``body.shop_id`` (handlers see it as ``request.user``)."""
    check_batch(body)
    if not await Shop.exists(id=body.shop_id, status=ShopStatus.ACTIVE):
        raise NotFound(field="shop_id")
    locale = negotiate_locale(request.headers.get("accept-language"))
    if customer is not None and (customer.kind != "customer" or customer.shop_id != body.shop_id):
        customer = None
    request.scope["user"] = customer

    async def answer(index: int, item: BatchItem) -> BatchAnswer:
        return await read_source(
            sources, enabled_plugins, item.source, body.shop_id, item.params, request, locale, f"requests[{index}].source"
        )

    answers = await asyncio.gather(*(answer(index, item) for index, item in enumerate(body.requests)))
    return BatchResults(results={item.id: result for item, result in zip(body.requests, answers)})
