"""The checkout preview: the checkout's own pricing, answered instead of written.

``preview`` runs ``quote_order`` — the very function checkout prices with — then checks stock
by reading it (no ``reserve_stock``) and gathers the plugins' sections
(``kaidian_collect_checkout_preview``). No stock is taken, no coupon or points held, no row
written: a page may call it on every change of the checkout form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.errors import Conflict, ServiceUnavailable
from core.i18n import pick
from core.plugin_host import PluginError, PluginHost
from core.pricing.pipeline import PriceBreakdown
from core.trade.orders import LineRequest, Quote, line_field, quote_order

HOOK = "kaidian_collect_checkout_preview"


@dataclass
class Preview:
    quote: Quote
    sections: dict[str, Any]


def offered_adjustments(breakdown: PriceBreakdown) -> list[dict[str, Any]]:
    """Every adjustment of a breakdown as the preview hook sees it: applied first, in order."""
    applied = [
        {
            "source": item.adjustment.source,
            "kind": item.adjustment.kind,
            "key": item.adjustment.key,
            "amount_fen": item.applied_fen,
            "reason": dict(item.adjustment.reason),
            "applied": True,
        }
        for item in breakdown.applied
    ]
    skipped = [
        {
            "source": item.adjustment.source,
            "kind": item.adjustment.kind,
            "key": item.adjustment.key,
            "amount_fen": item.adjustment.amount_fen,
            "reason": dict(item.reason),
            "applied": False,
        }
        for item in breakdown.skipped
    ]
    return applied + skipped


async def check_stock(shop_id: int, lines: list[LineRequest], quantities: dict[int, int]) -> None:
    """Refuse, as ``reserve_stock`` would, a line asking for more than is in stock — by reading."""
    from core.catalog.models import Sku

    stock = dict(await Sku.filter(shop_id=shop_id, id__in=list(quantities)).values_list("id", "stock"))
    for sku_id in sorted(quantities):
        if stock.get(sku_id, 0) < quantities[sku_id]:
            variant = "sold_out" if stock.get(sku_id, 0) <= 0 else None
            raise line_field(lines, Conflict("out_of_stock", field="sku_id", sku_id=sku_id, variant=variant))


async def preview(
    host: PluginHost, shop_id: int, customer_id: int, lines: list[LineRequest], *, locale: str, **choices: Any
) -> Preview:
    """Price a checkout body without placing it; ``choices`` are ``quote_order``'s keywords."""
    quote = await quote_order(host, shop_id, customer_id, lines, **choices)
    await check_stock(shop_id, lines, quote.quantities)
    try:
        sections = await host.collect_by_plugin(
            HOOK, shop_id=shop_id, context=quote.context, adjustments=offered_adjustments(quote.breakdown), locale=locale
        )
    except PluginError as exc:
        raise ServiceUnavailable("pricing_unavailable", plugin=exc.plugin) from exc
    return Preview(quote, sections)


def adjustment_label(adjustment: dict[str, Any], locale: str) -> str:
    return pick(adjustment["reason"], locale) if adjustment["reason"] else adjustment["kind"]
