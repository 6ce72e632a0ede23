"""How each route of the coupons plugin is covered for tenant isolation; merged into
``tests/test_isolation.py``, which fails for any route of the app listed nowhere."""

ISOLATION_MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/api/admin/coupons/templates"): "plugins/coupons/tests/test_routes.py::test_admin_routes_are_shop_scoped",
    ("POST", "/api/admin/coupons/templates"): "creates in the token's shop",
    ("GET", "/api/admin/coupons/templates/{template_id:int}"): "plugins/coupons/tests/test_routes.py::test_admin_routes_are_shop_scoped",
    ("PATCH", "/api/admin/coupons/templates/{template_id:int}"): "plugins/coupons/tests/test_routes.py::test_admin_routes_are_shop_scoped",
    ("POST", "/api/admin/coupons/templates/{template_id:int}/grant"): "plugins/coupons/tests/test_routes.py::test_admin_routes_are_shop_scoped",
    ("GET", "/api/admin/coupons/templates/{template_id:int}/coupons"): "plugins/coupons/tests/test_routes.py::test_admin_routes_are_shop_scoped",
    ("GET", "/api/shop/{shop_id:int}/coupons/claimable"): "public, the path's shop only (plugins/coupons/tests/test_routes.py::test_guests_see_the_claim_centre_and_are_asked_to_log_in_to_claim)",
    ("GET", "/api/shop/coupons/claimable"): "plugins/coupons/tests/test_routes.py::test_customer_routes_are_shop_scoped",
    ("POST", "/api/shop/coupons/templates/{template_id:int}/claim"): "plugins/coupons/tests/test_routes.py::test_customer_routes_are_shop_scoped",
    ("GET", "/api/shop/coupons/mine"): "plugins/coupons/tests/test_routes.py::test_customer_routes_are_shop_scoped",
    ("GET", "/api/shop/coupons/welcome"): "plugins/coupons/tests/test_routes.py::test_customer_routes_are_shop_scoped",
    ("POST", "/api/shop/coupons/welcome/claim"): "plugins/coupons/tests/test_routes.py::test_customer_routes_are_shop_scoped",
    ("POST", "/api/shop/coupons/preview"): "plugins/coupons/tests/test_routes.py::test_customer_routes_are_shop_scoped",
    ("POST", "/api/admin/coupons/templates/{template_id:int}/shares"): "plugins/coupons/tests/test_shares.py::test_share_routes_are_shop_scoped",
    ("GET", "/api/admin/coupons/templates/{template_id:int}/shares"): "plugins/coupons/tests/test_shares.py::test_share_routes_are_shop_scoped",
    ("POST", "/api/shop/coupons/templates/{template_id:int}/share"): "plugins/coupons/tests/test_shares.py::test_share_routes_are_shop_scoped",
    ("GET", "/api/shop/coupons/shares/{code:str}"): "plugins/coupons/tests/test_shares.py::test_share_routes_are_shop_scoped",
    ("POST", "/api/shop/coupons/shares/{code:str}/claim"): "plugins/coupons/tests/test_shares.py::test_share_routes_are_shop_scoped",
}
