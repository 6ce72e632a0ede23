"""Page configurations whose links and product grids name the test shop's own catalogue:
publishing checks every id names a record of the shop (``builder.versions.reference_problems``)."""

from __future__ import annotations

from typing import Any

from builder.samples import demo_config
from core.testing import make_category, make_sku


async def demo_config_of(shop_id: int, *, posted_shop_id: int | None = None, **options: Any) -> dict[str, Any]:
    """``demo_config`` with three new categories and a new product of ``shop_id`` in it
    (``posted_shop_id`` is the shop id written in the configuration, default the same)."""
    categories = [await make_category(shop_id, name) for name in ("水果", "蔬菜", "肉禽")]
    sku = await make_sku(shop_id)
    return demo_config(
        shop_id=shop_id if posted_shop_id is None else posted_shop_id,
        category_ids=(categories[0].id, categories[1].id, categories[2].id),
        product_id=sku.product_id,
        **options,
    )
