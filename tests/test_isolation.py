"""Tenant isolation: nothing of shop A is readable or writable with shop B's token.

``ISOLATION_MATRIX`` must name every route of the app: a new route without an entry fails
``test_every_route_is_in_the_isolation_matrix``, so nobody forgets to test it. Each plugin
under ``plugins/`` lists its own routes in ``plugins/<name>/tests/isolation.py`` (a dict named
``ISOLATION_MATRIX`` of the same shape), which this test merges in.
"""

from __future__ import annotations

import importlib
import pkgutil

import plugins
from core.testing import ShopHandle, assert_other_shop_gets_404

# (method, path template) -> how it is covered
ISOLATION_MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/"): "public",
    ("GET", "/healthz"): "public",
    ("GET", "/readyz"): "public",
    ("GET", "/admin"): "public: the admin app's static files, no shop data",
    ("GET", "/admin/{path:path}"): "public: the admin app's static files, no shop data",
    ("GET", "/admin/plugin-screens/{plugin:str}/{digest:str}/{path:path}"): "public: installed plugins' built screen files, no shop data",
    ("GET", "/api/plugins"): "public: installed plugins, no shop data",
    ("POST", "/api/admin/auth/login"): "login: own credentials only",
    ("POST", "/api/shop/auth/login"): "login: creates a customer of the named shop only",
    ("GET", "/api/admin/auth/me"): "token's own account",
    ("POST", "/api/admin/auth/password"): "token's own account",
    ("POST", "/api/admin/auth/logout-all"): "token's own account",
    ("POST", "/api/admin/auth/switch-shop"): "test_switching_into_a_foreign_shop_is_404",
    ("GET", "/api/admin/shop"): "test_lists_only_show_own_shop",
    ("PATCH", "/api/admin/shop"): "token's shop only",
    ("POST", "/api/admin/shops"): "creates in the token's agency only",
    ("POST", "/api/admin/shops/{shop_id:int}/agency-owner"): "the token's agency's shops only (tests/test_accounts.py::test_agency_admin_takes_back_a_shop_of_its_agency)",
    ("GET", "/api/admin/staff"): "test_lists_only_show_own_shop",
    ("POST", "/api/admin/staff"): "adds to the token's shop",
    ("PATCH", "/api/admin/staff/{membership_id:int}"): "test_foreign_records_are_404",
    ("DELETE", "/api/admin/staff/{membership_id:int}"): "test_foreign_records_are_404",
    ("GET", "/api/admin/customers"): "test_lists_only_show_own_shop",
    ("GET", "/api/admin/customers/{customer_id:int}"): "test_foreign_records_are_404",
    ("GET", "/api/admin/customers/tags"): "test_lists_only_show_own_shop",
    ("PUT", "/api/admin/customers/{customer_id:int}/tags"): "test_foreign_records_are_404",
    ("GET", "/api/admin/plugins"): "test_plugin_switch_is_per_shop",
    ("PUT", "/api/admin/plugins/{name:str}"): "test_plugin_switch_is_per_shop",
    ("GET", "/api/admin/menu"): "test_plugin_switch_is_per_shop",
    ("GET", "/api/admin/screens"): "the token's shop's enabled plugins (tests/admin/test_plugin_screens.py::test_a_shop_gets_the_screens_of_the_plugins_it_enabled)",
    ("GET", "/api/admin/extensions"): "the token's shop's enabled plugins (tests/admin/test_plugin_screens.py::test_a_shop_gets_the_editor_extensions_of_the_plugins_it_enabled)",
    ("GET", "/api/shop/me"): "token's own account",
    ("PATCH", "/api/shop/me"): "token's own account",
    ("GET", "/api/shop/addresses"): "test_lists_only_show_own_shop",
    ("POST", "/api/shop/addresses"): "adds to the token's customer",
    ("PATCH", "/api/shop/addresses/{address_id:int}"): "test_foreign_records_are_404",
    ("DELETE", "/api/shop/addresses/{address_id:int}"): "test_foreign_records_are_404",
    ("GET", "/api/admin/builder/components"): "stateless catalogue, no shop data",
    ("GET", "/api/admin/builder/themes"): "stateless catalogue, no shop data",
    ("GET", "/api/admin/builder/schema"): "stateless catalogue, no shop data",
    ("POST", "/api/admin/builder/validate"): "stateless: validates the posted config",
    ("POST", "/api/admin/builder/export"): "stateless: renders the posted config",
    ("GET", "/api/admin/builder/page-templates"): "registered page templates; filtered by the token's shop's plugins",
    ("POST", "/api/admin/builder/preview"): "tests/builder/test_preview.py::test_preview_reads_only_the_tokens_shop",
    ("GET", "/api/admin/builder/h5-preview"): "tests/builder/test_h5_preview.py::test_another_shop_sees_no_preview_of_this_one",
    ("GET", "/api/agency/shops"): "tests/agency/test_console.py::test_console_is_for_agency_staff_and_shows_only_their_shops",
    ("POST", "/api/agency/shops"): "creates in the token's agency; a template of another agency is 422 (tests/agency/test_console.py::test_template_of_another_agency_is_422_naming_the_field_and_nothing_written)",
    ("PUT", "/api/agency/shops/{shop_id:int}/commission"): "tests/agency/test_console.py::test_console_is_for_agency_staff_and_shows_only_their_shops",
    ("GET", "/api/agency/shops/{shop_id:int}/ledger"): "tests/agency/test_console.py::test_console_is_for_agency_staff_and_shows_only_their_shops",
    ("GET", "/api/agency/shops/{shop_id:int}/statements/{month:str}"): "tests/agency/test_console.py::test_console_is_for_agency_staff_and_shows_only_their_shops",
    ("GET", "/api/agency/shops/{shop_id:int}/statements/{month:str}/xlsx"): "tests/agency/test_console.py::test_console_is_for_agency_staff_and_shows_only_their_shops",
    ("POST", "/api/agency/shops/{shop_id:int}/invitations"): "tests/agency/test_console.py::test_console_is_for_agency_staff_and_shows_only_their_shops",
    ("GET", "/api/invitations/{token:str}"): "public: the one-time token names its own invitation only (tests/agency/test_console.py::test_expired_invitation_is_gone)",
    ("POST", "/api/invitations/{token:str}/accept"): "public: the one-time token joins its own shop only (tests/agency/test_console.py::test_shop_from_template_copies_configuration_never_customers_and_invites_its_owner)",
    ("GET", "/api/admin/builder/variants"): "the token's shop's running experiments (plugins/experiments/tests/test_generated_variants.py::test_another_shop_is_offered_none_of_this_shops_variants)",
    ("GET", "/api/admin/builder/h5-preview/share"): "the token's shop's build (tests/builder/test_h5_preview.py::test_share_link_and_qr_of_the_ready_build)",
    ("POST", "/api/admin/builder/h5-preview"): "builds the token's shop (tests/builder/test_h5_preview.py::test_another_shop_sees_no_preview_of_this_one)",
    ("GET", "/api/admin/builder/config"): "tests/builder/test_page_configs.py::test_another_shop_cannot_see_or_touch_the_configuration",
    ("PUT", "/api/admin/builder/config/draft"): "saves to the token's shop (test_another_shop_cannot_see_or_touch_the_configuration)",
    ("POST", "/api/admin/builder/config/publish"): "publishes the token's shop (test_another_shop_cannot_see_or_touch_the_configuration)",
    ("GET", "/api/admin/builder/config/versions"): "test_another_shop_cannot_see_or_touch_the_configuration",
    ("GET", "/api/admin/builder/config/versions/{number:int}"): "test_another_shop_cannot_see_or_touch_the_configuration",
    ("POST", "/api/admin/builder/config/versions/{number:int}/rollback"): "test_another_shop_cannot_see_or_touch_the_configuration",
    ("GET", "/api/admin/builder/config/export"): "exports the token's shop's configuration",
    ("GET", "/api/admin/builder/config/link-targets"): "lists the token's shop's records only: the other shop's coupon is not offered (tests/builder/test_page_configs.py::test_links_to_coupons_and_outside_addresses_are_checked_against_the_shop)",
    ("GET", "/api/shop/{shop_id:int}/page-config"): "public: the named shop's published configuration",
    ("POST", "/api/shop/batch"): "public reads of the named shop; another shop's token is anonymous (test_storefront_batch.py::test_reads_that_need_a_customer)",
    # catalog: covered by tests/catalog/test_api.py::test_shop_isolation
    ("GET", "/api/admin/catalog/categories"): "token's shop only (test_shop_isolation)",
    ("POST", "/api/admin/catalog/categories"): "adds to the token's shop",
    ("PATCH", "/api/admin/catalog/categories/{category_id:int}"): "tests/catalog test_shop_isolation",
    ("DELETE", "/api/admin/catalog/categories/{category_id:int}"): "tests/catalog test_shop_isolation",
    ("GET", "/api/admin/catalog/products"): "tests/catalog test_shop_isolation",
    ("POST", "/api/admin/catalog/products"): "adds to the token's shop",
    ("GET", "/api/admin/catalog/products/{product_id:int}"): "tests/catalog test_shop_isolation",
    ("PATCH", "/api/admin/catalog/products/{product_id:int}"): "tests/catalog test_shop_isolation",
    ("DELETE", "/api/admin/catalog/products/{product_id:int}"): "tests/catalog test_shop_isolation",
    ("PUT", "/api/admin/catalog/products/{product_id:int}/specs"): "tests/catalog test_shop_isolation",
    ("PATCH", "/api/admin/catalog/products/{product_id:int}/skus"): "tests/catalog test_shop_isolation",
    ("POST", "/api/admin/catalog/products/{product_id:int}/skus/bulk"): "tests/catalog test_shop_isolation",
    ("GET", "/api/admin/catalog/inventory-alerts"): "token's shop only",
    ("POST", "/api/admin/catalog/inventory-alerts/{alert_id:int}/read"): "filtered by the token's shop",
    ("GET", "/api/admin/catalog/settings"): "token's shop only",
    ("PUT", "/api/admin/catalog/settings"): "token's shop only",
    ("GET", "/api/admin/catalog/cache-stats"): "token's shop only",
    ("POST", "/api/admin/catalog/media"): "adds to the token's shop (tests/catalog/test_media.py)",
    ("POST", "/api/admin/catalog/products/import"): "adds to the token's shop (tests/catalog/test_import.py)",
    ("GET", "/api/admin/catalog/products/import-template"): "static CSV, no shop data",
    ("GET", "/api/admin/catalog/media"): "tests/catalog/test_media.py test_media_are_isolated_per_shop",
    ("GET", "/api/admin/catalog/media/{media_id:int}"): "tests/catalog/test_media.py test_media_are_isolated_per_shop",
    ("DELETE", "/api/admin/catalog/media/{media_id:int}"): "tests/catalog/test_media.py test_media_are_isolated_per_shop",
    ("PUT", "/api/admin/catalog/products/{product_id:int}/media"): "tests/catalog/test_media.py test_media_are_isolated_per_shop",
    ("GET", "/h5-preview/{shop_id:int}/{token:str}/{path:path}"): "public built H5 previews under a random per-build token; no listing",
    ("GET", "/media/{key:path}"): "public files (product images) under random, shop-prefixed keys; no listing",
    ("GET", "/api/admin/dashboard"): "tests/test_dashboard.py::test_figures_are_the_token_shops_only",
    ("GET", "/api/admin/analytics/overview"): "the token's shop only (tests/analytics/test_reports_api.py::test_reports_are_per_shop_and_for_owners_and_operators)",
    ("GET", "/api/admin/analytics/funnel"): "the token's shop only (tests/analytics/test_reports_api.py::test_reports_are_per_shop_and_for_owners_and_operators)",
    ("GET", "/api/admin/analytics/paths"): "the token's shop only (tests/analytics/test_reports_api.py::test_reports_are_per_shop_and_for_owners_and_operators)",
    ("GET", "/api/admin/analytics/blocks"): "the token's shop only (tests/analytics/test_reports_api.py::test_reports_are_per_shop_and_for_owners_and_operators)",
    ("GET", "/api/admin/analytics/retention"): "the token's shop only (tests/analytics/test_reports_api.py::test_reports_are_per_shop_and_for_owners_and_operators)",
    ("GET", "/api/admin/analytics/event-types"): "registered event types, no shop data",
    ("POST", "/api/shop/{shop_id:int}/events"): "public: writes to the path's shop only; a customer token of another shop is ignored (tests/analytics/test_ingest.py::test_customer_from_a_valid_token_and_server_time_for_a_wrong_clock)",
    ("GET", "/api/shop/{shop_id:int}/categories"): "public: the shop in the path",
    ("GET", "/api/shop/{shop_id:int}/products"): "public: the shop in the path (test_shop_isolation)",
    ("GET", "/api/shop/{shop_id:int}/products/{product_id:int}"): "public: another shop's product is 404 (test_shop_isolation)",
    ("GET", "/api/shop/{shop_id:int}/search"): "public: the shop in the path",
    ("GET", "/api/shop/{shop_id:int}/search/suggest"): "public: the shop in the path",
    ("GET", "/api/shop/{shop_id:int}/search/hot"): "public: the shop in the path",
    ("GET", "/api/shop/cart"): "tests/trade/test_cart.py::test_carts_are_per_customer_and_shop",
    ("PUT", "/api/shop/cart/items"): "tests/trade/test_cart.py::test_carts_are_per_customer_and_shop",
    ("DELETE", "/api/shop/cart/items/{item_id:int}"): "tests/trade/test_cart.py::test_carts_are_per_customer_and_shop",
    ("POST", "/api/shop/cart/merge"): "the token's own cart; the device's guest rows of the token's shop only (tests/trade/test_cart.py)",
    ("GET", "/api/shop/{shop_id:int}/guest-cart"): "public: rows of the path's shop and the device token only (tests/trade/test_cart.py::test_guest_cart_by_device_token)",
    ("PUT", "/api/shop/{shop_id:int}/guest-cart/items"): "public: tests/trade/test_cart.py::test_guest_cart_by_device_token",
    ("DELETE", "/api/shop/{shop_id:int}/guest-cart/items/{item_id:int}"): "public: tests/trade/test_cart.py::test_guest_cart_by_device_token",
    ("POST", "/api/shop/orders"): "creates in the token's shop for the token's customer",
    ("POST", "/api/shop/checkout/preview"): "tests/trade/test_checkout_preview.py::test_another_shops_customer_sees_nothing_of_this_shop",
    ("GET", "/api/shop/orders"): "tests/trade/test_orders.py::test_other_shops_tokens_get_404",
    ("GET", "/api/shop/orders/{order_id:int}"): "tests/trade/test_orders.py::test_other_shops_tokens_get_404",
    ("POST", "/api/shop/orders/{order_id:int}/cancel"): "tests/trade/test_orders.py::test_other_shops_tokens_get_404",
    ("POST", "/api/shop/orders/{order_id:int}/pay"): "tests/trade/test_orders.py::test_other_shops_tokens_get_404",
    ("POST", "/api/shop/orders/{order_id:int}/sandbox-pay"): "tests/trade/test_orders.py::test_other_shops_tokens_get_404",
    ("GET", "/api/admin/orders"): "tests/trade/test_orders.py::test_other_shops_tokens_get_404",
    ("GET", "/api/admin/orders/{order_id:int}"): "tests/trade/test_orders.py::test_other_shops_tokens_get_404",
    ("POST", "/api/admin/orders/{order_id:int}/cancel"): "tests/trade/test_orders.py::test_other_shops_tokens_get_404",
    ("GET", "/api/shop/orders/{order_id:int}/events"): "tests/trade/test_orders.py::test_other_shops_tokens_get_404",
    ("POST", "/api/shop/orders/{order_id:int}/confirm-receipt"): "tests/trade/test_fulfilment.py::test_foreign_fulfilment_is_404",
    ("POST", "/api/admin/orders/{order_id:int}/ship"): "tests/trade/test_fulfilment.py::test_foreign_fulfilment_is_404",
    ("POST", "/api/admin/orders/ship-batch"): "tests/trade/test_fulfilment.py::test_batch_shipping_reports_each_row (foreign order_no is a bad row)",
    ("POST", "/api/admin/orders/{order_id:int}/deliver"): "tests/trade/test_fulfilment.py::test_foreign_fulfilment_is_404",
    ("GET", "/api/admin/orders/{order_id:int}/delivery-address"): "tests/trade/test_fulfilment.py::test_staff_see_where_to_ship_as_the_customer_chose_it",
    ("POST", "/api/admin/orders/{order_id:int}/refunds"): "tests/trade/test_fulfilment.py::test_foreign_fulfilment_is_404",
    ("GET", "/api/admin/orders/{order_id:int}/refunds"): "tests/trade/test_fulfilment.py::test_foreign_fulfilment_is_404",
    ("POST", "/api/shop/orders/{order_id:int}/refunds"): "tests/trade/test_refund_requests.py::test_refund_routes_are_per_shop",
    ("POST", "/api/shop/subscriptions"): "plugins/feedback/tests/test_subscribe.py::test_bad_reports_name_the_field_and_count_nothing",
    ("POST", "/api/shop/uploads"): "tests/trade/test_customer_uploads.py::test_uploads_are_the_customers_own_in_their_shop",
    ("GET", "/api/shop/refunds"): "tests/trade/test_refund_requests.py::test_refund_routes_are_per_shop",
    ("GET", "/api/shop/refunds/{refund_id:int}"): "tests/trade/test_refund_requests.py::test_refund_routes_are_per_shop",
    ("POST", "/api/shop/refunds/{refund_id:int}/return"): "tests/trade/test_refund_requests.py::test_refund_routes_are_per_shop",
    ("POST", "/api/shop/refunds/{refund_id:int}/cancel"): "tests/trade/test_refund_requests.py::test_refund_routes_are_per_shop",
    ("GET", "/api/admin/refunds"): "tests/trade/test_refund_requests.py::test_refund_routes_are_per_shop",
    ("GET", "/api/admin/refunds/{refund_id:int}"): "tests/trade/test_refund_requests.py::test_refund_routes_are_per_shop",
    ("POST", "/api/admin/refunds/{refund_id:int}/approve"): "tests/trade/test_refund_requests.py::test_refund_routes_are_per_shop",
    ("POST", "/api/admin/refunds/{refund_id:int}/retry"): "tests/trade/test_refund_requests.py::test_refund_routes_are_per_shop",
    ("POST", "/api/admin/refunds/{refund_id:int}/reject"): "tests/trade/test_refund_requests.py::test_refund_routes_are_per_shop",
    ("POST", "/api/admin/refunds/{refund_id:int}/receive-return"): "tests/trade/test_refund_requests.py::test_refund_routes_are_per_shop",
    ("GET", "/api/admin/refund-rules"): "tests/trade/test_refund_requests.py::test_rules_are_per_shop_and_the_amount_limit_wins",
    ("PUT", "/api/admin/refund-rules"): "tests/trade/test_refund_requests.py::test_rules_are_per_shop_and_the_amount_limit_wins",
    ("GET", "/api/admin/trade/settings"): "tests/trade/test_payments.py::test_per_shop_unpaid_timeout",
    ("PUT", "/api/admin/trade/settings"): "tests/trade/test_payments.py::test_per_shop_unpaid_timeout",
    ("POST", "/api/pay/notify/refund/{shop_id:int}/{method:str}"): "public: signature-verified; refund looked up in the path's shop only (tests/trade/test_payments.py)",
    ("GET", "/api/admin/webhooks"): "tests/trade/test_webhooks.py::test_webhooks_are_per_shop",
    ("POST", "/api/admin/webhooks"): "tests/trade/test_webhooks.py::test_webhooks_are_per_shop",
    ("DELETE", "/api/admin/webhooks/{webhook_id:int}"): "tests/trade/test_webhooks.py::test_webhooks_are_per_shop",
    ("GET", "/api/admin/webhooks/{webhook_id:int}/deliveries"): "tests/trade/test_webhooks.py::test_webhooks_are_per_shop",
    ("POST", "/api/admin/webhooks/deliveries/{delivery_id:int}/redeliver"): "tests/trade/test_webhooks.py::test_webhooks_are_per_shop",
    ("POST", "/api/pay/notify/{shop_id:int}/{method:str}"): "public: signature-verified; order looked up in the path's shop only (tests/trade/test_payments.py)",
}


def app_routes(app) -> set[tuple[str, str]]:
    routes = set()
    for route in app.routes:
        for method in route.methods:
            if method in ("OPTIONS", "HEAD") or route.path.startswith("/schema"):
                continue
            routes.add((method, route.path))
    return routes


def plugin_isolation_matrices() -> dict[tuple[str, str], str]:
    """The ``ISOLATION_MATRIX`` of every bundled plugin's ``tests/isolation.py``."""
    merged: dict[tuple[str, str], str] = {}
    for module in pkgutil.iter_modules(plugins.__path__):
        try:
            own = importlib.import_module(f"plugins.{module.name}.tests.isolation")
        except ModuleNotFoundError as exc:
            if exc.name != f"plugins.{module.name}.tests.isolation" and exc.name != f"plugins.{module.name}.tests":
                raise
            continue
        merged.update(own.ISOLATION_MATRIX)
    return merged


def test_every_route_is_in_the_isolation_matrix(kaidian_settings):
    from core.app import create_app

    app = create_app(kaidian_settings)
    routes = app_routes(app)
    assert ("GET", "/api/admin/staff") in routes  # the walk itself works
    missing = sorted(routes - set(ISOLATION_MATRIX) - set(plugin_isolation_matrices()))
    assert not missing, f"add these routes to ISOLATION_MATRIX and test them: {missing}"


async def _seed(client, shop: ShopHandle) -> dict[str, int]:
    address = await client.post(
        "/api/shop/addresses",
        json={"recipient": "李四", "phone": "13700000000", "province": "浙江省", "city": "杭州市", "detail": "西湖路"},
        headers=shop.customer,
    )
    staff = (await client.get("/api/admin/staff", headers=shop.owner)).json()
    return {"address": address.json()["id"], "membership": staff[0]["id"]}


async def test_foreign_records_are_404(kaidian_client, two_shops):
    a, b = two_shops
    ids = await _seed(kaidian_client, a)
    await assert_other_shop_gets_404(
        kaidian_client,
        [
            ("PATCH", f"/api/admin/staff/{ids['membership']}", {"role": "operator"}),
            ("DELETE", f"/api/admin/staff/{ids['membership']}", None),
            ("GET", f"/api/admin/customers/{a.customer_id}", None),
            ("PUT", f"/api/admin/customers/{a.customer_id}/tags", {"tags": ["hijack"]}),
        ],
        b.owner,
    )
    await assert_other_shop_gets_404(
        kaidian_client,
        [
            ("PATCH", f"/api/shop/addresses/{ids['address']}", {"detail": "hijack"}),
            ("DELETE", f"/api/shop/addresses/{ids['address']}", None),
        ],
        b.customer,
    )
    # nothing changed for A
    staff = (await kaidian_client.get("/api/admin/staff", headers=a.owner)).json()
    assert [row["role"] for row in staff] == ["owner"]
    addresses = (await kaidian_client.get("/api/shop/addresses", headers=a.customer)).json()
    assert [row["detail"] for row in addresses] == ["西湖路"]
    assert (await kaidian_client.get(f"/api/admin/customers/{a.customer_id}", headers=a.owner)).json()["tags"] == []


async def test_lists_only_show_own_shop(kaidian_client, two_shops):
    a, b = two_shops
    await _seed(kaidian_client, a)
    assert (await kaidian_client.get("/api/admin/shop", headers=b.owner)).json()["id"] == b.shop_id
    customers = (await kaidian_client.get("/api/admin/customers", headers=b.owner)).json()
    assert {row["id"] for row in customers} == {b.customer_id}
    tagged = await kaidian_client.put(f"/api/admin/customers/{a.customer_id}/tags", json={"tags": ["A店老客"]}, headers=a.owner)
    assert tagged.status_code == 200, tagged.text
    assert (await kaidian_client.get("/api/admin/customers/tags", headers=b.owner)).json() == []
    staff = (await kaidian_client.get("/api/admin/staff", headers=b.owner)).json()
    assert a.owner_email not in {row["email"] for row in staff}
    assert (await kaidian_client.get("/api/shop/addresses", headers=b.customer)).json() == []


async def test_switching_into_a_foreign_shop_is_404(kaidian_client, two_shops):
    a, b = two_shops
    response = await kaidian_client.post("/api/admin/auth/switch-shop", json={"shop_id": a.shop_id}, headers=b.owner)
    assert response.status_code == 404


async def test_plugin_switch_is_per_shop(kaidian_client_for):
    import tests.sample_plugin as sample
    from core.testing import make_shop

    async with kaidian_client_for(plugins=[sample]) as client:
        a = await make_shop(client)
        b = await make_shop(client)
        await client.put("/api/admin/plugins/sample", json={"enabled": False, "settings": {"discount_fen": 1}}, headers=b.owner)
        state_a = [p for p in (await client.get("/api/admin/plugins", headers=a.owner)).json() if p["name"] == "sample"][0]
        assert state_a["enabled"] is True and state_a["settings"] == {"discount_fen": 100}


async def test_tokens_from_a_customer_cannot_reach_staff_routes_of_same_shop(kaidian_client, shop):
    assert (await kaidian_client.get(f"/api/admin/customers/{shop.customer_id}", headers=shop.customer)).status_code == 403
