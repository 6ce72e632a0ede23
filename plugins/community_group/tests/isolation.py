"""How each route of the community group plugin is covered for tenant isolation; merged into
``tests/test_isolation.py``, which fails for any route of the app listed nowhere."""

ADMIN = "plugins/community_group/tests/test_isolation.py::test_admin_routes_are_shop_scoped"
CUSTOMER = "plugins/community_group/tests/test_isolation.py::test_customer_and_leader_routes_are_shop_scoped"

ISOLATION_MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/api/admin/community_group/leaders"): ADMIN,
    ("GET", "/api/admin/community_group/leaders/{leader_id:int}"): ADMIN,
    ("POST", "/api/admin/community_group/leaders/{leader_id:int}/approve"): ADMIN,
    ("POST", "/api/admin/community_group/leaders/{leader_id:int}/reject"): ADMIN,
    ("PUT", "/api/admin/community_group/leaders/{leader_id:int}/commission"): ADMIN,
    ("GET", "/api/admin/community_group/product-rates"): ADMIN,
    ("PUT", "/api/admin/community_group/product-rates/{product_id:int}"): ADMIN,
    ("POST", "/api/admin/community_group/batches"): ADMIN,
    ("GET", "/api/admin/community_group/batches"): ADMIN,
    ("GET", "/api/admin/community_group/batches/{batch_id:int}/picking-list"): ADMIN,
    ("POST", "/api/admin/community_group/settlements"): ADMIN,
    ("GET", "/api/admin/community_group/settlements"): ADMIN,
    ("GET", "/api/admin/community_group/settlements/{settlement_id:int}/statements"): ADMIN,
    ("POST", "/api/shop/community_group/leader-application"): CUSTOMER,
    ("GET", "/api/shop/community_group/leader-application"): CUSTOMER,
    ("GET", "/api/shop/community_group/pickup-points"): CUSTOMER,
    ("GET", "/api/shop/community_group/orders/{order_id:int}/pickup"): CUSTOMER,
    ("GET", "/api/shop/community_group/leader/orders"): CUSTOMER,
    ("GET", "/api/shop/community_group/leader/batches"): CUSTOMER,
    ("POST", "/api/shop/community_group/leader/verify"): CUSTOMER,
    ("GET", "/api/shop/community_group/leader/commission"): CUSTOMER,
}
