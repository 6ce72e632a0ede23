"""How each route of the bargain plugin is covered for tenant isolation; merged into
``tests/test_isolation.py``, which fails for any route of the app listed nowhere."""

SCOPED = "plugins/bargain/tests/test_routes.py::test_every_route_is_shop_scoped"

ISOLATION_MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/api/admin/bargain/activities"): SCOPED,
    ("POST", "/api/admin/bargain/activities"): "creates in the token's shop; a SKU of another shop is 422 (test_bad_activities_are_refused_naming_the_field)",
    ("GET", "/api/admin/bargain/activities/{activity_id:int}"): SCOPED,
    ("PATCH", "/api/admin/bargain/activities/{activity_id:int}"): SCOPED,
    ("DELETE", "/api/admin/bargain/activities/{activity_id:int}"): SCOPED,
    ("GET", "/api/admin/bargain/bargains"): SCOPED,
    ("GET", "/api/admin/bargain/bargains/{bargain_id:int}"): SCOPED,
    ("GET", "/api/admin/bargain/bargains/{bargain_id:int}/audit"): SCOPED,
    ("GET", "/api/shop/{shop_id:int}/bargain/activities"): "public, the path's shop only (plugins/bargain/tests/test_routes.py::test_guests_see_open_bargains_and_starting_one_needs_a_customer)",
    ("GET", "/api/shop/bargain/activities"): SCOPED,
    ("GET", "/api/shop/bargain/activities/{activity_id:int}"): SCOPED,
    ("POST", "/api/shop/bargain/activities/{activity_id:int}/start"): SCOPED,
    ("GET", "/api/shop/bargain/bargains/mine"): SCOPED,
    ("GET", "/api/shop/bargain/bargains/{bargain_id:int}"): SCOPED,
    ("POST", "/api/shop/bargain/bargains/{bargain_id:int}/cut"): SCOPED,
}
