"""How each route of the membership plugin is covered for tenant isolation; merged into
``tests/test_isolation.py``, which fails for any route of the app listed nowhere."""

TIERS_TEST = "plugins/membership/tests/test_tiers.py::test_admin_routes_are_shop_scoped"
MEMBERS_TEST = "plugins/membership/tests/test_growth.py::test_customer_and_member_routes_are_shop_scoped"

ISOLATION_MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/api/admin/membership/tiers"): TIERS_TEST,
    ("POST", "/api/admin/membership/tiers"): "creates in the token's shop; " + TIERS_TEST,
    ("GET", "/api/admin/membership/tiers/{tier_id:int}"): TIERS_TEST,
    ("PATCH", "/api/admin/membership/tiers/{tier_id:int}"): TIERS_TEST,
    ("DELETE", "/api/admin/membership/tiers/{tier_id:int}"): TIERS_TEST,
    ("GET", "/api/admin/membership/members/{customer_id:int}"): MEMBERS_TEST,
    ("GET", "/api/shop/membership/me"): MEMBERS_TEST,
    ("GET", "/api/shop/membership/tiers"): MEMBERS_TEST,
    ("GET", "/api/shop/membership/growth"): MEMBERS_TEST,
    ("POST", "/api/shop/membership/upgrades/seen"): MEMBERS_TEST,
}
