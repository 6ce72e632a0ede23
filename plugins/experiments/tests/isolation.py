"""How each route of the experiments plugin is covered for tenant isolation; merged into
``tests/test_isolation.py``, which fails for any route of the app listed nowhere."""

SCOPED = "plugins/experiments/tests/test_routes.py::test_other_shops_see_nothing"

ISOLATION_MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/api/admin/experiments"): SCOPED,
    ("POST", "/api/admin/experiments"): "creates in the token's shop",
    ("GET", "/api/admin/experiments/{experiment_id:int}"): SCOPED,
    ("GET", "/api/admin/experiments/{experiment_id:int}/results"): SCOPED,
    ("POST", "/api/admin/experiments/{experiment_id:int}/start"): SCOPED,
    ("POST", "/api/admin/experiments/{experiment_id:int}/stop"): SCOPED,
    ("POST", "/api/admin/experiments/{experiment_id:int}/ship"): SCOPED,
}
