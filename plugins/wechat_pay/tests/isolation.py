"""How each route of the wechat_pay plugin is covered for tenant isolation; merged into
``tests/test_isolation.py``, which fails for any route of the app listed nowhere. The routes
address the token's own shop (no id in the path): another shop's token reaches only its own
account, which the test checks is absent (404) and unchanged."""

COVERED_BY = "plugins/wechat_pay/tests/test_account.py::test_routes_only_reach_the_token_shop"

ISOLATION_MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/api/admin/wechat-pay/account"): COVERED_BY,
    ("PUT", "/api/admin/wechat-pay/account"): COVERED_BY,
    ("DELETE", "/api/admin/wechat-pay/account"): COVERED_BY,
    ("POST", "/api/admin/wechat-pay/account/check"): COVERED_BY,
    ("GET", "/api/admin/wechat-pay/account/setup"): COVERED_BY,
}
