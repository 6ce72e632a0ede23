"""Core's own features, registered through the ``kaidian.plugins`` entry point like any plugin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core import __version__
from core.hookspecs import hookimpl
from core.manifest import PluginManifest

# Analytics show the shop's revenue and customers' behaviour: owners and operators, not
# customer service.
ANALYTICS_ROLES = ("owner", "operator")

manifest = PluginManifest(
    name="core",
    version=__version__,
    title={"zh-CN": "核心", "en": "Core"},
    description={"zh-CN": "店铺、账号、商品、交易", "en": "Shops, accounts, catalog, trade"},
    requires_core=f"=={__version__}",
)


@hookimpl
def kaidian_configure(host: Any, settings: Any) -> None:
    from core.analytics import server_events

    server_events.configure(settings)


@hookimpl
def kaidian_register_models(register: Callable[..., None]) -> None:
    register("core.shops.models", migrations="core.migrations")
    register("core.accounts.models", migrations="core.migrations")
    register("core.shop_plugins.models", migrations="core.migrations")
    register("core.catalog.models", migrations="core.catalog.migrations", app="catalog")
    register("core.trade.models", migrations="core.trade.migrations", app="trade")
    register("core.analytics.models", migrations="core.analytics.migrations", app="analytics")
    register("core.agency.models", migrations="core.agency.migrations", app="agency")


@hookimpl
def kaidian_register_routes(register: Callable[..., None]) -> None:
    from core.agency.controller import AgencyConsoleController, InvitationController
    from core.analytics.controllers import AnalyticsReportController, EventIngestController
    from core.accounts.admin_controller import ShopCustomersController, ShopStaffController, StaffAuthController
    from core.accounts.customer_controller import CustomerAccountController, CustomerAuthController
    from core.admin_ui import admin_app, admin_index
    from core.admin_ui.screens import plugin_screen_file
    from core.catalog.admin_controller import CatalogAdminController
    from core.catalog.customer_controller import ShopCatalogController
    from core.catalog.media_controller import MediaAdminController, MediaFileController
    from core.dashboard.controller import DashboardController
    from core.shop_plugins.controller import ShopPluginController
    from core.shops.controller import ShopController
    from core.storefront.controller import StorefrontBatchController
    from core.system.controller import SystemController
    from core.trade.controllers import (
        AdminOrderController,
        CheckoutPreviewController,
        CustomerOrderController,
        PaymentNotificationController,
        TradeSettingsController,
        WebhookController,
    )
    from core.trade.cart_controllers import CartController, GuestCartController
    from core.trade.subscription_controller import SubscriptionController
    from core.trade.refund_controllers import AdminRefundController, CustomerRefundController, CustomerUploadController, RefundRulesController

    for handler in (
        SystemController,
        StaffAuthController,
        ShopStaffController,
        ShopCustomersController,
        ShopController,
        ShopPluginController,
        CustomerAuthController,
        CustomerAccountController,
        StorefrontBatchController,
        CatalogAdminController,
        ShopCatalogController,
        MediaAdminController,
        MediaFileController,
        CartController,
        GuestCartController,
        CustomerOrderController,
        CheckoutPreviewController,
        SubscriptionController,
        AdminOrderController,
        PaymentNotificationController,
        TradeSettingsController,
        WebhookController,
        CustomerRefundController,
        CustomerUploadController,
        AdminRefundController,
        RefundRulesController,
        DashboardController,
        EventIngestController,
        AnalyticsReportController,
        AgencyConsoleController,
        InvitationController,
        admin_index,
        admin_app,
        plugin_screen_file,
    ):
        register(handler)


@hookimpl
def kaidian_register_jobs(register: Callable[..., None]) -> None:
    from core.agency.commission import settlement_job
    from core.analytics.jobs import purge_job, rollup_job
    from core.catalog.jobs import register_catalog_jobs
    from core.trade.timers import timers_job
    from core.trade.webhooks import webhooks_job

    register_catalog_jobs(register)
    register("trade_timers", timers_job, 5)
    register("trade_webhooks", webhooks_job, 5)
    register("analytics_rollup", rollup_job, 3600)
    register("analytics_purge", purge_job, 6 * 3600)
    register("agency_commission", settlement_job, 600)


@hookimpl
def kaidian_register_timer_handlers(register: Callable[..., None]) -> None:
    from core.trade.fulfilment import auto_confirm
    from core.trade.orders import auto_cancel
    from core.trade.refund_sending import RETRY_TIMER, retry_timer
    from core.trade.timers import AUTO_CANCEL, AUTO_CONFIRM

    register(AUTO_CANCEL, auto_cancel)
    register(AUTO_CONFIRM, auto_confirm)
    register(RETRY_TIMER, retry_timer)


@hookimpl
def kaidian_register_admin_menu(register: Callable[..., None]) -> None:
    register("products", {"zh-CN": "商品", "en": "Products"}, "/products", icon="goods", roles=("owner", "operator"), order=30)
    register("orders", {"zh-CN": "订单", "en": "Orders"}, "/orders", icon="list", order=40)
    register("refunds", {"zh-CN": "售后", "en": "After-sales"}, "/refunds", icon="refresh-left", order=42)
    register("categories", {"zh-CN": "分类", "en": "Categories"}, "/categories", icon="folder", roles=("owner", "operator"), order=35)
    register("dashboard", {"zh-CN": "概况", "en": "Dashboard"}, "/dashboard", icon="odometer", order=10)
    register("analytics", {"zh-CN": "数据分析", "en": "Analytics"}, "/analytics", icon="data-analysis", roles=ANALYTICS_ROLES, order=12)
    register("customers", {"zh-CN": "客户", "en": "Customers"}, "/customers", icon="user", order=60)
    register("plugins", {"zh-CN": "插件", "en": "Plugins"}, "/plugins", icon="grid", roles=("owner", "operator"), order=80)
    register("staff", {"zh-CN": "员工", "en": "Staff"}, "/staff", icon="avatar", roles=("owner",), order=90)
    register("webhooks", {"zh-CN": "消息推送", "en": "Webhooks"}, "/webhooks", icon="connection", roles=("owner", "operator"), order=95)


@hookimpl
def kaidian_register_event_types(register: Callable[..., None]) -> None:
    from core.analytics.event_types import register_core_event_types

    register_core_event_types(register)


@hookimpl
def kaidian_register_webhook_events(register: Callable[..., None]) -> None:
    from core.trade.schemas import WEBHOOK_EVENT_TITLES

    for name, title in WEBHOOK_EVENT_TITLES.items():
        register(name, title)


@hookimpl
def kaidian_register_data_sources(register: Callable[..., None]) -> None:
    from core.storefront.sources import register_core_sources

    register_core_sources(register)


@hookimpl
def kaidian_register_search_backends(register: Callable[..., None]) -> None:
    from core.catalog.search import BuiltinSearchBackend

    def postgres(settings: Any) -> Any:
        if settings.database_scheme not in ("postgres", "postgresql", "asyncpg"):
            raise ValueError("KAIDIAN_SEARCH_BACKEND=postgres needs a PostgreSQL KAIDIAN_DATABASE_URL")
        from core.catalog.search_pg import PostgresSearchBackend

        return PostgresSearchBackend()

    register("builtin", lambda settings: BuiltinSearchBackend())
    register("postgres", postgres)


@hookimpl
def kaidian_register_blind_indexes(register: Callable[..., None]) -> None:
    from core.accounts.customers import ADDRESS_PHONE, PHONE
    from core.accounts.models import Customer, CustomerAddress

    register(Customer, "phone_encrypted", "phone_index", PHONE)
    register(CustomerAddress, "phone_encrypted", "phone_index", ADDRESS_PHONE)


@hookimpl
def kaidian_register_reference_kinds(register: Callable[..., None]) -> None:
    from core.catalog.models import Category, Product

    # The generated app opens them on the pages holding product_detail and category_page.
    register("product", Product, title={"zh-CN": "商品", "en": "Product"}, link_page="product", label_field="title")
    register("category", Category, title={"zh-CN": "分类", "en": "Category"}, link_page="category", label_field="name")


@hookimpl
def kaidian_register_themes(register: Callable[..., None]) -> None:
    from themes import builtin_themes

    for name, tokens, title in builtin_themes():
        register(name, tokens, title=title)


@hookimpl
async def kaidian_on_inventory_low(shop_id: int, sku_id: int, stock: int, threshold: int) -> None:
    from core.catalog.inventory import alert_webhooks

    await alert_webhooks(shop_id, sku_id, stock, threshold)


@hookimpl
async def kaidian_on_order_placed(shop_id: int, order_id: int, customer_id: int, total_fen: int, attribution: dict[str, Any] | None) -> None:
    from core.analytics import server_events

    await server_events.on_order_placed(shop_id, order_id, customer_id, total_fen, attribution)


@hookimpl
async def kaidian_on_order_status_changed(shop_id: int, order_id: int, old_status: str, new_status: str, reason: str | None) -> None:
    from core.trade.webhooks import enqueue

    await enqueue(shop_id, "order.status_changed", {"order_id": order_id, "from": old_status, "to": new_status, "reason": reason})


@hookimpl
async def kaidian_on_payment_succeeded(shop_id: int, order_id: int, amount_fen: int, payment: dict[str, Any]) -> None:
    from core.trade.webhooks import enqueue

    from core.analytics import server_events

    await enqueue(shop_id, "order.paid", {"order_id": order_id, "amount_fen": amount_fen, **payment})
    await server_events.on_payment_succeeded(shop_id, order_id, amount_fen, payment)


@hookimpl
async def kaidian_on_refund_succeeded(shop_id: int, order_id: int, refund_id: int, amount_fen: int, lines: list[dict[str, Any]]) -> None:
    from core.trade.webhooks import enqueue

    from core.analytics import server_events

    await enqueue(shop_id, "order.refunded", {"order_id": order_id, "refund_id": refund_id, "amount_fen": amount_fen, "lines": lines})
    await server_events.on_refund_succeeded(shop_id, order_id, refund_id, amount_fen)
    # the agency's commission share, at once for an order already charged (the settlement job
    # books any this misses)
    from core.agency.commission import reverse_refund

    await reverse_refund(refund_id)


@hookimpl
async def kaidian_on_refund_stuck(shop_id: int, order_id: int, refund_id: int, amount_fen: int, attempts: int, error: str) -> None:
    from core.trade.webhooks import enqueue

    await enqueue(
        shop_id, "refund.stuck", {"order_id": order_id, "refund_id": refund_id, "amount_fen": amount_fen, "attempts": attempts, "error": error}
    )


@hookimpl
async def kaidian_collect_customer_segments(shop_id: int, customer_id: int | None) -> list[dict[str, Any]]:
    """The tags staff put on customers (admin 客户), as ``tag`` segments keyed by the tag."""
    from core.accounts import customers

    if customer_id is None:
        names = await customers.shop_tags(shop_id)
    else:
        names = (await customers.customer_tags(shop_id, [customer_id])).get(customer_id, [])
    return [{"kind": "tag", "key": name, "title": {"zh-CN": name, "en": name}} for name in names]
