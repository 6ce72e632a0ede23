"""How each route of the group-buy plugin is covered for tenant isolation; merged into
``tests/test_isolation.py``, which fails for any route of the app listed nowhere."""

ROUTES = "plugins/group_buy/tests/test_routes.py"

ISOLATION_MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/api/admin/group-buy/activities"): f"{ROUTES}::test_admin_routes_are_shop_scoped",
    ("POST", "/api/admin/group-buy/activities"): f"{ROUTES}::test_admin_routes_are_shop_scoped (another shop's product is refused)",
    ("GET", "/api/admin/group-buy/activities/{activity_id:int}"): f"{ROUTES}::test_admin_routes_are_shop_scoped",
    ("PATCH", "/api/admin/group-buy/activities/{activity_id:int}"): f"{ROUTES}::test_admin_routes_are_shop_scoped",
    ("DELETE", "/api/admin/group-buy/activities/{activity_id:int}"): f"{ROUTES}::test_admin_routes_are_shop_scoped",
    ("GET", "/api/admin/group-buy/activities/{activity_id:int}/groups"): f"{ROUTES}::test_admin_routes_are_shop_scoped",
    ("GET", "/api/admin/group-buy/groups/{group_id:int}"): f"{ROUTES}::test_admin_routes_are_shop_scoped",
    ("GET", "/api/shop/{shop_id:int}/group-buy/activities"): f"public, the path's shop only ({ROUTES}::test_guests_see_running_group_buys_and_a_shared_group)",
    ("GET", "/api/shop/{shop_id:int}/group-buy/activities/{activity_id:int}"): f"public, the path's shop only ({ROUTES}::test_guests_see_running_group_buys_and_a_shared_group)",
    ("GET", "/api/shop/{shop_id:int}/group-buy/groups/{group_id:int}"): f"public, the path's shop only ({ROUTES}::test_guests_see_running_group_buys_and_a_shared_group)",
    ("GET", "/api/shop/group-buy/activities"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("GET", "/api/shop/group-buy/activities/{activity_id:int}"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("POST", "/api/shop/group-buy/activities/{activity_id:int}/open"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("POST", "/api/shop/group-buy/groups/{group_id:int}/join"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("GET", "/api/shop/group-buy/mine"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("GET", "/api/shop/group-buy/groups/{group_id:int}"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
    ("GET", "/api/shop/group-buy/groups/{group_id:int}/events"): f"{ROUTES}::test_customer_routes_are_shop_scoped",
}
