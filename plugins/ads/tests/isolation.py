"""How each route of the ads plugin is covered for tenant isolation; merged into
``tests/test_isolation.py``, which fails for any route of the app listed nowhere."""

SCOPED = "plugins/ads/tests/test_routes.py::test_other_shops_see_nothing"

ISOLATION_MATRIX: dict[tuple[str, str], str] = {
    ("GET", "/api/admin/ads/campaigns"): SCOPED,
    ("POST", "/api/admin/ads/campaigns"): "creates in the token's shop",
    ("GET", "/api/admin/ads/campaigns/segments"): "reads the token's shop's segments",
    ("GET", "/api/admin/ads/campaigns/{campaign_id:int}"): SCOPED,
    ("PUT", "/api/admin/ads/campaigns/{campaign_id:int}"): SCOPED,
    ("DELETE", "/api/admin/ads/campaigns/{campaign_id:int}"): SCOPED,
    ("GET", "/api/admin/ads/campaigns/{campaign_id:int}/stats"): SCOPED,
}
