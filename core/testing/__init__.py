"""Test helpers for kaidian and its plugins (also installed as the ``kaidian`` pytest plugin).

A plugin's test can be three lines::

    async def test_my_route(kaidian_client_for, shop):
        async with kaidian_client_for(plugins=[my_plugin]) as client: ...
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from core.accounts.models import StaffRole
from core.accounts.services import create_staff, grant_role
from core.shops.services import create_agency, create_shop
from core.testing.races import RaceOutcome, fresh_key, race_same_customer  # noqa: F401  (for plugin tests)

TEST_PASSWORD = "test-password-123"


@dataclass
class ShopHandle:
    """A shop made for a test, with its owner's and one customer's auth headers."""

    shop_id: int
    agency_id: int
    owner_email: str
    owner: dict[str, str]
    customer: dict[str, str]
    customer_id: int
    extra: dict[str, Any] = field(default_factory=dict)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def staff_login(client: Any, email: str, password: str = TEST_PASSWORD, shop_id: int | None = None) -> dict[str, str]:
    body: dict[str, Any] = {"email": email, "password": password}
    if shop_id is not None:
        body["shop_id"] = shop_id
    response = await client.post("/api/admin/auth/login", json=body)
    assert response.status_code == 201, response.text
    return bearer(response.json()["access_token"])


async def customer_login(client: Any, shop_id: int, user: str = "alice") -> tuple[dict[str, str], int]:
    response = await client.post("/api/shop/auth/login", json={"shop_id": shop_id, "code": f"sandbox:{user}"})
    assert response.status_code == 201, response.text
    data = response.json()
    return bearer(data["access_token"]), data["customer_id"]


async def make_shop(client: Any, *, name: str = "测试店", is_agency_admin: bool = True) -> ShopHandle:
    """Create agency + shop + owner through the services, then log in over HTTP."""
    agency = await create_agency(unique("agency"))
    shop = await create_shop(agency_id=agency.id, name=name, slug=unique("shop"), host=client.app.state.host)
    email = f"{unique('owner')}@example.com"
    staff = await create_staff(
        agency_id=agency.id, email=email, password=TEST_PASSWORD, display_name="店主", is_agency_admin=is_agency_admin
    )
    await grant_role(staff.id, shop.id, StaffRole.OWNER)
    owner = await staff_login(client, email)
    customer, customer_id = await customer_login(client, shop.id, unique("customer"))
    return ShopHandle(shop.id, agency.id, email, owner, customer, customer_id)


async def add_staff(client: Any, shop: ShopHandle, role: StaffRole) -> dict[str, str]:
    """A staff member of ``shop`` with ``role``; returns their auth headers."""
    email = f"{unique(str(role))}@example.com"
    staff = await create_staff(agency_id=shop.agency_id, email=email, password=TEST_PASSWORD, display_name=str(role))
    await grant_role(staff.id, shop.shop_id, role)
    return await staff_login(client, email)


async def assert_other_shop_gets_404(
    client: Any,
    requests: list[tuple[str, str, dict[str, Any] | None]],
    foreign_headers: dict[str, str],
) -> None:
    """Each ``(method, path, json)`` addressing shop A's record, sent with shop B's token,
    must answer 404 — neither revealing nor changing anything."""
    for method, path, body in requests:
        response = await client.request(method, path, json=body, headers=foreign_headers)
        assert response.status_code == 404, f"{method} {path} with another shop's token: {response.status_code} {response.text}"


async def make_sku(shop_id: int, *, stock: int = 10, price_fen: int = 1000, title: str = "测试商品") -> Any:
    """An on-sale product with one SKU (to put in a cart or a checkout), written through the ORM."""
    from core.catalog.models import Product, ProductStatus, Sku

    product = await Product.create(
        shop_id=shop_id, title=title, status=ProductStatus.ON_SALE, specs=[{"name": "颜色", "values": ["红"]}],
        min_price_fen=price_fen, max_price_fen=price_fen,
    )
    return await Sku.create(
        shop_id=shop_id, product=product, spec_key="红", spec_values=["红"], price_fen=price_fen, stock=stock, code=uuid.uuid4().hex[:12]
    )


async def make_category(shop_id: int, name: str = "测试分类") -> Any:
    """A root category of the shop, written through the ORM."""
    from core.catalog.models import Category

    return await Category.create(shop_id=shop_id, name=name)


async def seed_demo_shop(client: Any, *, seed: int | None = None, history_days: int | None = None) -> tuple[Any, dict[str, str]]:
    """The demo shop of ``kaidian demo`` with its month of history (customers, orders,
    refunds…, ``core.demo_history``) in the client's app; returns the seed's result and the
    demo owner's auth headers. For tests that need a shop with data; use the
    ``kaidian_demo_client`` fixture, whose database is the demo shops' own."""
    from core.analytics.store import app_store
    from core.catalog.media_storage import media_storage
    from core.demo import DEMO_PASSWORD, seed_demo
    from core.demo_history import DEFAULT_DAYS, DEFAULT_SEED

    app = client.app
    result = await seed_demo(
        app.state.host,
        media_storage(app),
        app.state.settings.public_base_url,
        (app_store(app), app.state.settings.business_timezone),
        app.state.settings,
        history_days=DEFAULT_DAYS if history_days is None else history_days,
        seed=DEFAULT_SEED if seed is None else seed,
    )
    return result, await staff_login(client, result.email, DEMO_PASSWORD, shop_id=result.shop_id)
