"""How each route of the points plugin is covered for tenant isolation; merged into
``tests/test_isolation.py``, which fails for any route of the app listed nowhere."""

ROUTES = "plugins/points/tests/test_routes.py"

ISOLATION_MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/api/shop/points/balance"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("GET", "/api/shop/points/ledger"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("GET", "/api/shop/points/sign-in"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("POST", "/api/shop/points/sign-in"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("GET", "/api/shop/points/share"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("POST", "/api/shop/points/redeem-preview"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("GET", "/api/shop/points/mall"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("GET", "/api/admin/points/customers/{customer_id:int}"): f"{ROUTES}::test_admin_routes_are_shop_scoped",
    ("POST", "/api/admin/points/customers/{customer_id:int}/adjustments"): f"{ROUTES}::test_admin_routes_are_shop_scoped",
}
