"""How each route of the AR preview plugin is covered for tenant isolation; merged into
``tests/test_isolation.py``, which fails for any route of the app listed nowhere."""

SCOPED = "plugins/ar_preview/tests/test_routes.py::test_other_shops_see_nothing"

ISOLATION_MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/api/admin/ar-preview/limits"): "the token's shop's settings",
    ("GET", "/api/admin/ar-preview/models"): SCOPED,
    ("POST", "/api/admin/ar-preview/models"): SCOPED,
    ("GET", "/api/admin/ar-preview/models/{model_id:int}"): SCOPED,
    ("DELETE", "/api/admin/ar-preview/models/{model_id:int}"): SCOPED,
    ("GET", "/api/shop/{shop_id:int}/ar-preview/model"): SCOPED,
}
