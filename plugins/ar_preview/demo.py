"""The demo shop's 3D model (``kaidian_on_demo_history``): on the day the shop opened, its
first product got the sample cube (``sample.cube_glb``) with a drawn poster, uploaded through
the same checks as a merchant's. So the demo's product page has a 3D entry and the 3D/AR
block shows a model, with nothing fetched from the internet."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

OWNER = "ar_preview"


def plan(history: Any) -> None:
    history.at(history.start + timedelta(minutes=5), seed(history), owner=OWNER)


def seed(history: Any) -> Any:
    async def step() -> None:
        from core.catalog.media_storage import LocalMediaStorage, media_base_url
        from core.catalog.models import Product, ProductStatus
        from plugins.ar_preview import sample, services

        product = await Product.filter(shop_id=history.shop_id, status=ProductStatus.ON_SALE).order_by("id").first()
        if product is None:
            return
        # The demo keeps media in local storage (kaidian demo builds no other store).
        storage = LocalMediaStorage(history.settings.media_dir, media_base_url(history.settings))
        await services.save(
            storage, history.shop_id, product.id,
            services.Upload(data=sample.cube_glb(), filename="demo-cube.glb"),
            services.Upload(data=sample.poster_png(), filename="demo-cube-poster.png"),
            None,
        )

    return step
