"""A small but complete plugin used by the plugin-system tests: one of each hook family."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from litestar import Request, get, post
from litestar.params import JSONBody
from pydantic import BaseModel

from builder.registry import ComponentDefinition
from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.pricing.types import PriceAdjustment, PricingContext, PricingLine

manifest = PluginManifest(
    name="sample",
    version="1.2.0",
    title={"zh-CN": "示例插件", "en": "Sample plugin"},
    requires_core=">=0.1,<1",
    settings_schema={
        "type": "object",
        "properties": {
            "discount_fen": {"type": "integer", "minimum": 0, "default": 100, "x-title": {"zh-CN": "立减金额", "en": "Discount"}, "x-unit": "fen"},
            "labels": {"type": "array", "items": {"type": "string", "maxLength": 4}},
        },
        "additionalProperties": False,
    },
    operator_settings=("labels",),
)

events: list[tuple[str, dict[str, Any]]] = []


class NoteRead(BaseModel):
    id: int
    text: str


@get("/api/admin/sample/notes", operation_id="sampleListNotes", tags=["plugin: sample"])
async def list_notes(request: Request[Any, Any, Any]) -> list[NoteRead]:
    """Notes of the caller's shop."""
    from tests.sample_plugin.models import Note

    rows = await Note.filter(shop_id=request.user.shop_id).order_by("id")
    return [NoteRead(id=row.id, text=row.text) for row in rows]


@post("/api/admin/sample/notes", operation_id="sampleAddNote", tags=["plugin: sample"])
async def add_note(request: Request[Any, Any, Any], data: JSONBody[dict[str, str]]) -> NoteRead:
    """Add a note to the caller's shop."""
    from tests.sample_plugin.models import Note

    row = await Note.create(shop_id=request.user.shop_id, text=data["text"])
    return NoteRead(id=row.id, text=row.text)


@get("/api/admin/sample/quote", operation_id="sampleQuote", tags=["plugin: sample"])
async def quote(request: Request[Any, Any, Any]) -> dict[str, int]:
    """Price a fixed two-line cart for the caller's shop."""
    from core.pricing.pipeline import price

    context = PricingContext(
        shop_id=request.user.shop_id,
        customer_id=None,
        lines=(PricingLine(1, 2, 1000), PricingLine(2, 1, 500)),
        now=datetime.now(UTC),
    )
    breakdown = await price(request.app.state.host, context)
    return {"total_fen": breakdown.total_fen}


async def tick(ctx: Any) -> None:
    events.append(("tick", {"job": ctx.job.name}))


class FakeProvider:
    name = "sample_pay"

    async def create_payment(self, request: Any) -> dict[str, Any]:
        return {"pay": request.amount_fen}

    async def parse_notification(self, headers: dict[str, str], body: bytes) -> Any:
        raise ValueError("not used")


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("tests.sample_plugin.models")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    register(list_notes)
    register(add_note)
    register(quote)


@hookimpl
def kaidian_register_page_components(register: Callable[..., None]) -> None:
    register(
        ComponentDefinition(
            name="sample_card",
            title={"zh-CN": "示例卡片", "en": "Sample card"},
            category="marketing",
            props_schema={"type": "object", "properties": {"text": {"type": "string", "default": "你好"}}},
        )
    )


@hookimpl
def kaidian_register_themes(register: Callable[..., None]) -> None:
    from themes import builtin_themes

    default_tokens = next(tokens for name, tokens, _ in builtin_themes() if name == "default")
    tokens = {group: dict(values) for group, values in default_tokens.items()}
    tokens["color"]["primary"] = "#e4393c"  # a theme defines every token; this one changes one
    register("sample-red", tokens, title={"zh-CN": "示例红", "en": "Sample red"})


@hookimpl
def kaidian_register_jobs(register: Callable[..., None]) -> None:
    register("tick", tick, 1)


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    register("sample", {"zh-CN": "示例", "en": "Sample"}, "/sample", roles=("owner",))


@hookimpl
def kaidian_collect_price_adjustments(context: PricingContext) -> list[PriceAdjustment]:
    return [
        PriceAdjustment(
            amount_fen=-100,
            kind="discount",
            reason={"zh-CN": "示例立减1元", "en": "Sample ¥1 off"},
            stacking_group="shop",
            key="one-yuan",
        )
    ]


@hookimpl
def kaidian_resolve_payment_provider(shop_id: int, method: str) -> Any:
    return FakeProvider() if method == "sample_pay" else None


@hookimpl
def kaidian_on_shop_created(shop_id: int) -> None:
    events.append(("shop_created", {"shop_id": shop_id}))
