"""Demo data for ``kaidian demo``: one agency, one shop, one owner, a catalogue with pictures
drawn on the spot (``core.demo_images``: no internet needed). Idempotent.

Once the shop is seeded, ``kaidian_on_demo_shop_created`` lets every enabled plugin add its
own sample data (the coupons plugin a new-customer gift and a claimable coupon; the builder the
demo's home page with the banners and nav icons seeded here). The shop is opened a month back
and then lives that month (``core.demo_history``), so it starts with customers and orders.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from core import clock
from core.accounts.models import StaffAccount, StaffRole
from core.accounts.services import create_staff, grant_role
from core.catalog.media_storage import MediaStorage
from core.demo_history import DEFAULT_DAYS, DEFAULT_SEED, DemoHistoryReport, write_demo_history
from core.plugin_host import PluginHost
from core.shops.models import Shop
from core.shops.services import create_agency, create_shop

DEMO_EMAIL = "owner@demo.kaidian.dev"
DEMO_PASSWORD = "kaidian-demo"
DEMO_SHOP_SLUG = "demo"


# The demo agency's commission on the demo shop: 5 %.
DEMO_COMMISSION_BP = 500


async def settle_demo_commission(window_days: int, start: datetime, end: datetime) -> None:
    """Run the commission settlement once a day over the demo's past, as the job would have:
    entries are booked on the days the orders' refund windows closed."""
    from core.agency.commission import settle_due

    day = start
    while day < end:
        day = min(day + timedelta(days=1), end)
        await settle_due(window_days, now=day)


@dataclass(frozen=True)
class DemoSeed:
    email: str
    password: str
    shop_id: int
    shop_name: str
    created: bool
    history: DemoHistoryReport | None = None


async def seed_demo(
    host: PluginHost | None = None,
    storage: MediaStorage | None = None,
    base_url: str = "",
    analytics: tuple[Any, str] | None = None,
    settings: Any = None,
    *,
    history_days: int = DEFAULT_DAYS,
    seed: int = DEFAULT_SEED,
) -> DemoSeed:
    """Seed the demo shop once; pictures go to ``storage`` (the app's media store) when given.

    With ``host`` and sandbox ``settings``, the shop opened ``history_days`` ago and has lived
    since (``core.demo_history``: customers, orders, parcels, refunds, and each plugin's part);
    ``analytics`` (an analytics store and the business time zone) gets the visits that led to
    those orders and the browsing around them.
    """
    shop = await Shop.get_or_none(slug=DEMO_SHOP_SLUG)
    if shop is not None:
        return DemoSeed(DEMO_EMAIL, DEMO_PASSWORD, shop.id, shop.name, created=False)
    now = clock.now()
    writes_history = host is not None and settings is not None and settings.sandbox_enabled and history_days > 0
    opened_at = now - timedelta(days=history_days) if writes_history else now
    with clock.pinned(opened_at):
        shop, staff, product_ids, images = await open_demo_shop(host, storage, base_url)
    history = None
    if writes_history:
        assert host is not None
        history = await write_demo_history(host, settings, shop.id, staff_id=staff.id, seed=seed, days=history_days, end=now)
        await settle_demo_commission(settings.commission_refund_window_days, opened_at, now)
    if analytics is not None:
        from core.analytics.demo import seed_demo_events

        await seed_demo_events(analytics[0], shop.id, product_ids, analytics[1], history.purchases if history else [], now=now)
    return DemoSeed(DEMO_EMAIL, DEMO_PASSWORD, shop.id, shop.name, created=True, history=history)


async def open_demo_shop(host: PluginHost | None, storage: MediaStorage | None, base_url: str) -> tuple[Shop, StaffAccount, list[int], dict[str, str]]:
    """The agency, the shop, its owner, catalogue and pictures; then plugins add their sample
    data (``kaidian_on_demo_shop_created``)."""
    agency = await create_agency("开店演示代理 Demo Agency")
    shop = await create_shop(agency_id=agency.id, name="开店演示店", slug=DEMO_SHOP_SLUG, host=host)
    staff = await StaffAccount.get_or_none(email=DEMO_EMAIL)
    if staff is None:
        staff = await create_staff(
            agency_id=agency.id,
            email=DEMO_EMAIL,
            password=DEMO_PASSWORD,
            display_name="演示店主",
            is_agency_admin=True,
        )
    await grant_role(staff.id, shop.id, StaffRole.OWNER)
    from core.agency.commission import set_rate

    await set_rate(shop.id, DEMO_COMMISSION_BP, staff.id)  # the agency console shows its commission
    product_ids = await seed_demo_catalog(shop.id)
    images: dict[str, str] = {}
    if storage is not None:
        images = await seed_demo_images(storage, shop.id, product_ids)
    if host is not None:
        await host.notify("kaidian_on_demo_shop_created", shop_id=shop.id, base_url=base_url, images=images)
    return shop, staff, product_ids, images


@dataclass(frozen=True)
class DemoProduct:
    category: str
    title: str
    subtitle: str
    tags: list[str]
    specs: list[tuple[str, list[str]]]
    price_fen: int  # of the first SKU; each next SKU costs ¥10 more
    stock: int  # per SKU
    label_en: str  # drawn on the picture when the machine has no CJK font
    colour: str
    shape: str


DEMO_PRODUCTS = [
    DemoProduct("数码", "华为手机 Mate 演示款", "旗舰影像 超长续航", ["热卖", "新品", "推荐"], [("颜色", ["黑", "白"]), ("存储", ["256G", "512G"])], 599900, 20, "Phone", "#2f3640", "rectangle"),
    DemoProduct("数码", "小米蓝牙耳机", "主动降噪", ["新品", "推荐"], [("颜色", ["白", "蓝"])], 19900, 50, "Earbuds", "#0097e6", "circle"),
    DemoProduct("服饰", "纯棉T恤", "夏季透气", ["包邮", "新品", "推荐"], [("颜色", ["红", "蓝"]), ("尺码", ["S", "M", "L"])], 7900, 30, "T-shirt", "#e84118", "diamond"),
    DemoProduct("生鲜", "云南高山苹果 5斤装", "脆甜多汁", ["产地直发", "推荐"], [], 3990, 100, "Apples", "#c23616", "circle"),
    DemoProduct("生鲜", "海南香蕉 3斤装", "自然熟 香甜软糯", ["推荐"], [("规格", ["3斤", "5斤"])], 2590, 80, "Bananas", "#fbc531", "triangle"),
    DemoProduct("服饰", "轻薄羽绒背心", "保暖不臃肿", ["热卖", "推荐"], [("颜色", ["黑", "米白"]), ("尺码", ["M", "L"])], 15900, 15, "Vest", "#8c7ae6", "rectangle"),
]

# Banners and nav icons of the demo's home page (``images`` keys of kaidian_on_demo_shop_created).
DEMO_BANNERS = [
    ("banner-1", "新鲜到家", "Fresh to your door", "满99元包邮 · 今日下单明日达", "Free shipping over ¥99", "#44bd32", "circle"),
    ("banner-2", "新人专享", "New here?", "领券立减10元", "¥10 off your first order", "#e1b12c", "diamond"),
]
DEMO_NAV = [("数码", "Digital", "#0097e6", "rectangle"), ("服饰", "Fashion", "#e84118", "diamond"), ("生鲜", "Fresh", "#44bd32", "circle"), ("购物车", "Cart", "#fbc531", "triangle")]


async def seed_demo_catalog(shop_id: int) -> list[int]:
    """Categories and on-sale products with SKU matrices and stock; returns the product ids
    in ``DEMO_PRODUCTS`` order."""
    from core.catalog import categories, products
    from core.catalog.schemas import ProductCreate

    category_ids: dict[str, int] = {}
    product_ids = []
    for position, item in enumerate(DEMO_PRODUCTS):
        if item.category not in category_ids:
            created = await categories.create(shop_id, item.category, None, len(category_ids), "")
            category_ids[item.category] = created.id
        combos: list[list[str]] = [[]]
        for _, values in item.specs:
            combos = [combo + [value] for combo in combos for value in values]
        product = await products.create_product(
            shop_id,
            ProductCreate(
                title=item.title,
                subtitle=item.subtitle,
                category_id=category_ids[item.category],
                status="on_sale",
                tags=item.tags,
                sort=position,
                specs=[{"name": name, "values": values} for name, values in item.specs],
                skus=[
                    {"spec_values": combo, "price_fen": item.price_fen + 1000 * index, "list_price_fen": item.price_fen + 1000 * index + 2000, "stock": item.stock}
                    for index, combo in enumerate(combos)
                ],
            ),
        )
        product_ids.append(product.id)
    return product_ids


async def seed_demo_images(storage: MediaStorage, shop_id: int, product_ids: list[int]) -> dict[str, str]:
    """Draw the pictures, put them in the shop's media library (checked and derived like any
    upload) and on the products; returns the URLs of the banners and nav icons by name."""
    from core import demo_images
    from core.catalog import media
    from core.catalog.cache import bump_version
    from core.catalog.models import Category
    from core.catalog.schemas import ProductMediaAttach

    async def upload(name: str, data: bytes) -> Any:
        return await media.upload(storage, shop_id, data=data, filename=f"{name}.png", kind="image")

    drawn = await asyncio.to_thread(
        lambda: (
            [demo_images.product_photo(p.title, p.label_en, p.colour, p.shape) for p in DEMO_PRODUCTS],
            [demo_images.banner(*item[1:]) for item in DEMO_BANNERS],
            [demo_images.nav_icon(*item) for item in DEMO_NAV],
        )
    )
    photos, banners, icons = drawn
    # Concurrently: checking and deriving each picture runs in a thread (Pillow frees the GIL).
    names = [f"product-{item.label_en.lower()}" for item in DEMO_PRODUCTS] + [item[0] for item in DEMO_BANNERS] + [f"nav-{item[0]}" for item in DEMO_NAV]
    uploaded = await asyncio.gather(*(upload(name, data) for name, data in zip(names, [*photos, *banners, *icons])))
    for product_id, row in zip(product_ids, uploaded):
        await media.attach(storage, shop_id, product_id, ProductMediaAttach(images=[row.id], main_image_id=row.id))
    images = {}
    for (name, *_), row in zip(DEMO_BANNERS, uploaded[len(photos):]):
        images[name] = media.media_read(storage, row).url
    for (text, *_), row in zip(DEMO_NAV, uploaded[len(photos) + len(banners):]):
        images[f"nav:{text}"] = media.media_read(storage, row).url
        await Category.filter(shop_id=shop_id, name=text).update(icon=images[f"nav:{text}"])
    await bump_version(shop_id)
    return images
