"""Value types shared by core pricing and the plugins that contribute adjustments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class PricingLine:
    sku_id: int
    quantity: int
    unit_price_fen: int
    product_id: int | None = None
    category_ids: tuple[int, ...] = ()

    @property
    def subtotal_fen(self) -> int:
        return self.unit_price_fen * self.quantity


@dataclass(frozen=True)
class PricingContext:
    """What a plugin may look at when offering adjustments. ``now`` is aware UTC.

    ``inputs``: each plugin's validated part of the checkout body (``plugins.<name>``, see
    ``kaidian_register_checkout_inputs``) by plugin name; read your own. ``extra``: core's own
    choices (``shipping_method``, ``shipping_address_id``).
    """

    shop_id: int
    customer_id: int | None
    lines: tuple[PricingLine, ...]
    now: datetime
    shipping_fen: int = 0
    extra: dict[str, object] = field(default_factory=dict)
    inputs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def subtotal_fen(self) -> int:
        return sum(line.subtotal_fen for line in self.lines)


@dataclass(frozen=True)
class PriceAdjustment:
    """A discount (negative ``amount_fen``) or surcharge (positive) offered by a plugin.

    ``stacking_group``: at most one adjustment per group applies (the largest discount);
    ``priority``: lower applies first. ``sku_ids`` limits an adjustment to some lines; empty
    means the whole order. ``source`` is set by core to the contributing plugin's name.
    ``target``: ``"goods"`` (the lines) or ``"shipping"`` (the shipping fee, never below zero).
    ``applicable=False`` offers an adjustment that does not apply to this cart; core reports it
    as skipped with ``reason`` as the explanation (e.g. "还差¥12可用") and never applies it.
    ``required_by``: the checkout field through which the customer explicitly asked for this
    adjustment (e.g. ``"plugins.coupons.coupon_ids[1]"``); if it does not apply, checkout refuses with 409
    naming that field and the reason instead of placing the order without it (the checkout
    preview reports it as skipped).
    """

    amount_fen: int
    kind: str
    reason: dict[str, str]
    stacking_group: str | None = None
    priority: int = 100
    sku_ids: tuple[int, ...] = ()
    key: str = ""
    source: str = ""
    target: str = "goods"
    applicable: bool = True
    required_by: str | None = None
