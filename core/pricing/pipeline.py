"""The pricing pipeline: base from core, adjustments from plugins, one documented order.

Order of application (docs/pricing.md):

1. Line subtotals = unit price × quantity.
2. Adjustments are gathered from every plugin enabled for the shop
   (``kaidian_collect_price_adjustments``) and tagged with their source plugin.
3. Within a stacking group only the best one survives (largest discount; ties by source, key).
   The others are reported as not applied, with the reason.
4. Survivors apply in ascending ``(priority, stacking_group, source, key)`` — never in plugin
   registration order. Each is allocated to its lines in proportion to what those lines still
   cost (largest-remainder, so the parts sum exactly). A discount is capped so no line goes
   below zero.
5. Shipping is added last, less the adjustments whose ``target`` is ``"shipping"`` (same
   stacking rules; a shipping discount is capped at the shipping fee).

Adjustments offered with ``applicable=False`` never apply: they are reported as skipped, with
their own ``reason``, after the stacking losers, in ``(source, key)`` order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.errors import ServiceUnavailable
from core.plugin_host import PluginError, PluginHost
from core.pricing.types import PriceAdjustment, PricingContext

HOOK = "kaidian_collect_price_adjustments"


@dataclass
class LineResult:
    sku_id: int
    quantity: int
    subtotal_fen: int
    adjustments_fen: dict[str, int] = field(default_factory=dict)

    @property
    def total_fen(self) -> int:
        return self.subtotal_fen + sum(self.adjustments_fen.values())


@dataclass(frozen=True)
class AppliedAdjustment:
    adjustment: PriceAdjustment
    applied_fen: int


@dataclass(frozen=True)
class SkippedAdjustment:
    adjustment: PriceAdjustment
    reason: dict[str, str]


@dataclass
class PriceBreakdown:
    subtotal_fen: int
    lines: list[LineResult]
    applied: list[AppliedAdjustment]
    skipped: list[SkippedAdjustment]
    shipping_fen: int
    shipping_adjustments_fen: int = 0

    @property
    def total_fen(self) -> int:
        return sum(line.total_fen for line in self.lines) + self.shipping_fen + self.shipping_adjustments_fen


def allocate(amount: int, weights: list[int]) -> list[int]:
    """Split ``amount`` (≥ 0) over ``weights`` proportionally; parts sum exactly to ``amount``.

    Largest-remainder method; ties go to the earlier weight.
    """
    total = sum(weights)
    if amount == 0 or total == 0:
        return [0] * len(weights)
    shares = [amount * weight // total for weight in weights]
    remainders = [amount * weight % total for weight in weights]
    leftover = amount - sum(shares)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:leftover]:
        shares[index] += 1
    return shares


def _adjustment_key(adjustment: PriceAdjustment) -> tuple[object, ...]:
    return (adjustment.priority, adjustment.stacking_group or "", adjustment.source, adjustment.key, adjustment.amount_fen)


def _resolve_stacking(
    adjustments: list[PriceAdjustment],
) -> tuple[list[PriceAdjustment], list[SkippedAdjustment]]:
    best: dict[str, PriceAdjustment] = {}
    kept: list[PriceAdjustment] = []
    skipped: list[SkippedAdjustment] = []
    for adjustment in sorted(adjustments, key=lambda a: (a.amount_fen, a.source, a.key)):
        group = adjustment.stacking_group
        if group is None:
            kept.append(adjustment)
        elif group not in best:
            best[group] = adjustment
            kept.append(adjustment)
        else:
            winner = best[group]
            skipped.append(
                SkippedAdjustment(
                    adjustment,
                    {
                        "zh-CN": f"不可与「{winner.reason.get('zh-CN', winner.key)}」同时使用",
                        "en": f"cannot be combined with “{winner.reason.get('en', winner.key)}”",
                    },
                )
            )
    return sorted(kept, key=_adjustment_key), skipped


def apply_adjustments(context: PricingContext, adjustments: list[PriceAdjustment]) -> PriceBreakdown:
    """Pure function: same context and adjustments → same breakdown, in any input order."""
    lines = [LineResult(line.sku_id, line.quantity, line.subtotal_fen) for line in context.lines]
    offered = [adjustment for adjustment in adjustments if not adjustment.applicable]
    kept, skipped = _resolve_stacking([adjustment for adjustment in adjustments if adjustment.applicable])
    skipped += [
        SkippedAdjustment(adjustment, adjustment.reason)
        for adjustment in sorted(offered, key=lambda a: (a.source, a.key, a.amount_fen))
    ]
    applied: list[AppliedAdjustment] = []
    shipping_fen = max(context.shipping_fen, 0)
    shipping_adjustments = 0
    for adjustment in kept:
        if adjustment.target == "shipping":
            amount = max(adjustment.amount_fen, -(shipping_fen + shipping_adjustments))
            shipping_adjustments += amount
            applied.append(AppliedAdjustment(adjustment, amount))
            continue
        targets = [
            index
            for index, line in enumerate(context.lines)
            if not adjustment.sku_ids or line.sku_id in adjustment.sku_ids
        ]
        remaining = [lines[index].total_fen for index in targets]
        if adjustment.amount_fen < 0:
            discount = min(-adjustment.amount_fen, sum(remaining))
            parts = [-part for part in allocate(discount, remaining)]
        else:
            parts = allocate(adjustment.amount_fen, [lines[i].subtotal_fen for i in targets])
        label = f"{adjustment.source}:{adjustment.key or adjustment.kind}"
        for index, part in zip(targets, parts):
            if part:
                lines[index].adjustments_fen[label] = lines[index].adjustments_fen.get(label, 0) + part
        applied.append(AppliedAdjustment(adjustment, sum(parts)))
    return PriceBreakdown(
        subtotal_fen=context.subtotal_fen,
        lines=lines,
        applied=applied,
        skipped=skipped,
        shipping_fen=shipping_fen,
        shipping_adjustments_fen=shipping_adjustments,
    )


async def price(host: PluginHost, context: PricingContext) -> PriceBreakdown:
    """Gather adjustments from the shop's enabled plugins and apply them.

    A failing plugin stops pricing with a 503 problem: never a price computed without it.
    """
    try:
        gathered = await host.collect(HOOK, shop_id=context.shop_id, context=context)
    except PluginError as exc:
        raise ServiceUnavailable("pricing_unavailable", plugin=exc.plugin) from exc
    adjustments = []
    for plugin, item in gathered:
        if not isinstance(item, PriceAdjustment):
            raise ServiceUnavailable("pricing_unavailable", plugin=plugin)
        adjustments.append(_with_source(item, plugin))
    return apply_adjustments(context, adjustments)


def _with_source(adjustment: PriceAdjustment, plugin: str) -> PriceAdjustment:
    from dataclasses import replace

    return replace(adjustment, source=plugin)
