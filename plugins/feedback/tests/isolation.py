"""How each route of the feedback plugin is covered for tenant isolation; merged into
``tests/test_isolation.py``, which fails for any route of the app listed nowhere."""

ISOLATION_MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/api/shop/feedback/prompt"): "plugins/feedback/tests/test_answers.py::test_tenants_are_isolated",
    ("GET", "/api/shop/feedback/orders/{order_id:int}"): "plugins/feedback/tests/test_answers.py::test_tenants_are_isolated",
    ("POST", "/api/shop/feedback/answers"): "plugins/feedback/tests/test_answers.py::test_tenants_are_isolated",
    ("GET", "/api/admin/feedback/summary"): "plugins/feedback/tests/test_answers.py::test_tenants_are_isolated",
    ("GET", "/api/admin/feedback/answers"): "plugins/feedback/tests/test_answers.py::test_tenants_are_isolated",
}
