"""Demo data for ``kaidian demo``: one agency, one shop, one owner. Idempotent."""

from __future__ import annotations

from dataclasses import dataclass

from core.accounts.models import StaffAccount, StaffRole
from core.accounts.services import create_staff, grant_role
from core.plugin_host import PluginHost
from core.shops.models import Shop
from core.shops.services import create_agency, create_shop

DEMO_EMAIL = "owner@demo.kaidian.dev"
DEMO_PASSWORD = "kaidian-demo"
DEMO_SHOP_SLUG = "demo"


@dataclass(frozen=True)
class DemoSeed:
    email: str
    password: str
    shop_id: int
    shop_name: str
    created: bool


async def seed_demo(host: PluginHost | None = None) -> DemoSeed:
    shop = await Shop.get_or_none(slug=DEMO_SHOP_SLUG)
    if shop is not None:
        return DemoSeed(DEMO_EMAIL, DEMO_PASSWORD, shop.id, shop.name, created=False)
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
    await seed_demo_catalog(shop.id)
    return DemoSeed(DEMO_EMAIL, DEMO_PASSWORD, shop.id, shop.name, created=True)


# (category, title, subtitle, tags, specs, price in fen per SKU, stock per SKU)
DEMO_PRODUCTS = [
    ("数码", "华为手机 Mate 演示款", "旗舰影像 超长续航", ["热卖", "新品"], [("颜色", ["黑", "白"]), ("存储", ["256G", "512G"])], 599900, 20),
    ("数码", "小米蓝牙耳机", "主动降噪", ["新品"], [("颜色", ["白", "蓝"])], 19900, 50),
    ("服饰", "纯棉T恤", "夏季透气", ["包邮", "新品"], [("颜色", ["红", "蓝"]), ("尺码", ["S", "M", "L"])], 7900, 30),
    ("生鲜", "云南高山苹果 5斤装", "脆甜多汁", ["产地直发"], [], 3990, 100),
]


async def seed_demo_catalog(shop_id: int) -> None:
    """A few categories and on-sale products with SKU matrices, so the demo has something to sell."""
    from core.catalog import categories, products
    from core.catalog.schemas import ProductCreate

    category_ids: dict[str, int] = {}
    for position, (category, title, subtitle, tags, specs, price_fen, stock) in enumerate(DEMO_PRODUCTS):
        if category not in category_ids:
            created = await categories.create(shop_id, category, None, len(category_ids), "")
            category_ids[category] = created.id
        combos: list[list[str]] = [[]]
        for _, values in specs:
            combos = [combo + [value] for combo in combos for value in values]
        await products.create_product(
            shop_id,
            ProductCreate(
                title=title,
                subtitle=subtitle,
                category_id=category_ids[category],
                status="on_sale",
                tags=tags,
                sort=position,
                specs=[{"name": name, "values": values} for name, values in specs],
                skus=[
                    {"spec_values": combo, "price_fen": price_fen + 1000 * index, "list_price_fen": price_fen + 1000 * index + 2000, "stock": stock}
                    for index, combo in enumerate(combos)
                ],
            ),
        )
