"""The plugin system end to end: a temporary plugin shows every hook family working."""

from __future__ import annotations

import importlib
import logging
from datetime import UTC, datetime
from typing import Any

import pluggy
import pytest

import tests.sample_plugin as sample
from core.app import create_app
from core.errors import ServiceUnavailable
from core.hookspecs import hookimpl
from core.manifest import PluginManifest
from core.pricing.pipeline import apply_adjustments, price
from core.pricing.types import PriceAdjustment, PricingContext, PricingLine
from core.registries import RegistrationError
from core.testing import make_shop


def plugin(name: str, **hooks: Any) -> Any:
    """A throw-away plugin object with a manifest and the given hook implementations."""
    attrs: dict[str, Any] = {
        "manifest": PluginManifest(
            name=name,
            version=hooks.pop("version", "0.1.0"),
            title={"zh-CN": name, "en": name},
            requires_core=hooks.pop("requires_core", ""),
            depends_on=tuple(hooks.pop("depends_on", ())),
        )
    }
    for hook_name, function in hooks.items():
        attrs[hook_name] = staticmethod(hookimpl(function))
    return type(name, (), attrs)()


async def test_register_hooks_contribute_everything(kaidian_client_for):
    async with kaidian_client_for(plugins=[sample]) as client:
        registries = client.app.state.registries
        assert registries.components.get("sample_card").plugin == "sample"
        assert registries.themes["sample-red"].tokens["color"]["primary"] == "#e4393c"
        assert registries.jobs["sample.tick"].every_seconds == 1
        paths = client.app.openapi_schema.to_schema()["paths"]
        assert "/api/admin/sample/notes" in paths
        listed = {row["name"]: row for row in (await client.get("/api/plugins")).json()}
        assert listed["sample"]["status"] == "loaded"
        assert "kaidian_collect_price_adjustments" in listed["sample"]["hooks"]


async def test_plugin_models_routes_and_per_shop_switch(kaidian_client_for):
    async with kaidian_client_for(plugins=[sample]) as client:
        a = await make_shop(client)
        b = await make_shop(client)
        created = await client.post("/api/admin/sample/notes", json={"text": "备货"}, headers=a.owner)
        assert created.status_code == 201
        assert [n["text"] for n in (await client.get("/api/admin/sample/notes", headers=a.owner)).json()] == ["备货"]
        assert (await client.get("/api/admin/sample/notes", headers=b.owner)).json() == []
        # Owner of A disables the plugin for A only: its routes vanish for A, stay for B.
        off = await client.put("/api/admin/plugins/sample", json={"enabled": False}, headers=a.owner)
        assert off.status_code == 200 and off.json()["enabled"] is False
        gone = await client.get("/api/admin/sample/notes", headers=a.owner)
        assert gone.status_code == 404 and gone.json()["code"] == "plugin_disabled"
        assert (await client.get("/api/admin/sample/notes", headers=b.owner)).status_code == 200
        menu_a = {entry["key"] for entry in (await client.get("/api/admin/menu", headers=a.owner)).json()}
        menu_b = {entry["key"] for entry in (await client.get("/api/admin/menu", headers=b.owner)).json()}
        assert "sample" not in menu_a and "sample" in menu_b
        # Disabled plugins contribute no price adjustments for that shop.
        assert (await client.get("/api/admin/sample/quote", headers=b.owner)).json() == {"total_fen": 2400}
        ctx = PricingContext(a.shop_id, None, (PricingLine(1, 1, 1000),), datetime.now(UTC))
        assert (await price(client.app.state.host, ctx)).total_fen == 1000


async def test_plugin_settings_are_validated_with_json_paths(kaidian_client_for):
    async with kaidian_client_for(plugins=[sample]) as client:
        shop = await make_shop(client)
        bad = await client.put(
            "/api/admin/plugins/sample",
            json={"settings": {"discount_fen": -5, "labels": ["ok", "too long"], "nope": 1}},
            headers={**shop.owner, "Accept-Language": "en"},
        )
        assert bad.status_code == 422
        body = bad.json()
        assert body["code"] == "plugin_settings_invalid"
        fields = {error["field"] for error in body["errors"]}
        assert {"$.discount_fen", "$.labels[1]", "$"} <= fields
        # named by its title, in the caller's language; never jsonschema's English or the key
        messages = {error["field"]: error["message"] for error in body["errors"]}
        assert messages["$.discount_fen"] == "Discount: Must be at least 0 yuan"
        chinese = await client.put("/api/admin/plugins/sample", json={"settings": {"discount_fen": -5}}, headers=shop.owner)
        assert chinese.json()["message"] == "插件设置不合法：立减金额：不能小于 0元"
        good = await client.put("/api/admin/plugins/sample", json={"settings": {"discount_fen": 300}}, headers=shop.owner)
        assert good.json()["settings"] == {"discount_fen": 300}
        listed = (await client.get("/api/admin/plugins", headers=shop.owner)).json()
        assert [p["settings"] for p in listed if p["name"] == "sample"] == [{"discount_fen": 300}]
        unknown = await client.put("/api/admin/plugins/nope", json={"enabled": True}, headers=shop.owner)
        assert unknown.status_code == 404


async def test_plugins_are_switched_and_configured_by_the_owner_operators_only_what_a_plugin_allows(kaidian_client_for):
    from core.accounts.models import StaffRole
    from core.testing import add_staff

    async with kaidian_client_for(plugins=[sample]) as client:
        shop = await make_shop(client)
        operator = {**await add_staff(client, shop, StaffRole.OPERATOR), "Accept-Language": "en"}
        listed = {row["name"]: row for row in (await client.get("/api/admin/plugins", headers=operator)).json()}
        assert listed["sample"]["operator_settings"] == ["labels"] and listed["wechat_pay"]["operator_settings"] == []

        # Switching any plugin off — WeChat Pay included — is the owner's.
        for name in ("sample", "wechat_pay"):
            refused = await client.put(f"/api/admin/plugins/{name}", json={"enabled": False}, headers=operator)
            assert refused.status_code == 403, refused.text
            assert refused.json() == {"code": "plugin_owner_only", "field": "enabled", "message": "Only the shop owner may switch plugins on or off"}
        # A setting the plugin does not open to operators is refused, naming it; the row is untouched.
        money = await client.put("/api/admin/plugins/sample", json={"settings": {"discount_fen": 1, "labels": ["a"]}}, headers=operator)
        assert money.status_code == 403 and money.json()["field"] == "settings.discount_fen"
        assert "discount_fen" in money.json()["message"] and "labels" not in money.json()["message"]
        assert [row["settings"] for row in (await client.get("/api/admin/plugins", headers=operator)).json() if row["name"] == "sample"] == [{"discount_fen": 100}]
        # What the plugin allows goes through, also when the rest is sent back unchanged (as the admin does).
        labels = await client.put("/api/admin/plugins/sample", json={"settings": {"discount_fen": 100, "labels": ["新品"]}, "enabled": True}, headers=operator)
        assert labels.status_code == 200 and labels.json()["settings"] == {"discount_fen": 100, "labels": ["新品"]}

        # The owner does all of it.
        owner_settings = await client.put("/api/admin/plugins/sample", json={"settings": {"discount_fen": 5}}, headers=shop.owner)
        assert owner_settings.status_code == 200 and owner_settings.json()["settings"] == {"discount_fen": 5}
        off = await client.put("/api/admin/plugins/wechat_pay", json={"enabled": False}, headers=shop.owner)
        assert off.status_code == 200 and off.json()["enabled"] is False
        # Switched off by the owner, an operator cannot switch it back on either.
        assert (await client.put("/api/admin/plugins/wechat_pay", json={"enabled": True}, headers=operator)).status_code == 403


def test_operator_settings_must_name_settings_of_the_schema():
    with pytest.raises(ValueError, match="operator_settings names settings the schema lacks: nope"):
        PluginManifest(name="bad_ops", version="1", title={"zh-CN": "x", "en": "x"}, operator_settings=("nope",))


@pytest.mark.parametrize("plugin", ["bargain", "community_group", "coupons", "membership", "points"])
def test_every_bundled_setting_has_a_title_help_and_unit_in_both_languages(plugin):
    """A merchant reads 自提费用 (元), never ``pickup_fee_fen``: each setting carries what the form shows."""
    manifest = importlib.import_module(f"plugins.{plugin}.manifest").manifest
    for key, spec in manifest.settings_schema["properties"].items():
        assert {"zh-CN", "en"} <= spec["x-title"].keys() and {"zh-CN", "en"} <= spec["x-description"].keys(), key
        if key.endswith("_fen"):
            assert spec["x-unit"] == "fen", key
        elif key.endswith("_bp"):
            assert spec["x-unit"] == "bp", key
        elif spec["type"] == "integer":
            assert {"zh-CN", "en"} <= spec["x-unit"].keys(), key


def test_a_settings_unit_is_converted_or_a_bilingual_suffix():
    for unit in ("cents", {"zh-CN": "天"}):
        with pytest.raises(ValueError, match="x-unit|zh-CN and en"):
            PluginManifest(name="probe", version="1", title={"zh-CN": "探针", "en": "Probe"}, settings_schema={
                "type": "object", "properties": {"fee": {"type": "integer", "x-unit": unit, "x-title": unit if isinstance(unit, dict) else {"zh-CN": "费", "en": "Fee"}}}})


async def test_failing_notifier_is_logged_and_does_not_break_the_request(kaidian_client_for, caplog):
    received: list[int] = []

    def explode(shop_id: int) -> None:
        raise RuntimeError("boom")

    async def record(shop_id: int) -> None:
        received.append(shop_id)

    broken = plugin("broken_notifier", kaidian_on_shop_created=explode)
    listener = plugin("zz_listener", kaidian_on_shop_created=record)
    async with kaidian_client_for(plugins=[broken, listener]) as client:
        shop = await make_shop(client)
        with caplog.at_level(logging.ERROR, logger="kaidian.plugins"):
            response = await client.post("/api/admin/shops", json={"name": "新店", "slug": f"s-{shop.shop_id}-x"}, headers=shop.owner)
        assert response.status_code == 201
        assert received[-1] == response.json()["id"]  # the plugin after the broken one still ran
        assert any("broken_notifier" in record.getMessage() and "kaidian_on_shop_created" in record.getMessage() for record in caplog.records)


async def test_failing_pricing_plugin_fails_cleanly(kaidian_client_for):
    def bad_prices(context: PricingContext) -> list[PriceAdjustment]:
        raise ZeroDivisionError("bug in plugin")

    async with kaidian_client_for(plugins=[sample, plugin("bad_pricing", kaidian_collect_price_adjustments=bad_prices)]) as client:
        shop = await make_shop(client)
        response = await client.get("/api/admin/sample/quote", headers={**shop.owner, "Accept-Language": "en"})
        assert response.status_code == 503
        assert response.json()["code"] == "pricing_unavailable"
        ctx = PricingContext(shop.shop_id, None, (PricingLine(1, 1, 1000),), datetime.now(UTC))
        with pytest.raises(ServiceUnavailable):
            await price(client.app.state.host, ctx)


async def test_incompatible_and_dependency_missing_plugins_are_refused(kaidian_client_for):
    future = plugin("needs_future", version="3.0.0", requires_core=">=99.0")
    orphan = plugin("orphan", depends_on=["not_installed"])
    chained = plugin("chained", depends_on=["orphan"])
    async with kaidian_client_for(plugins=[future, orphan, chained]) as client:
        assert (await client.get("/healthz")).status_code == 200
        rows = {row["name"]: row for row in (await client.get("/api/plugins")).json()}
        assert rows["needs_future"]["status"] == "refused"
        assert ">=99.0" in rows["needs_future"]["reason"] and "0.1.0" in rows["needs_future"]["reason"]
        assert "3.0.0" in rows["needs_future"]["reason"]
        assert "not_installed" in rows["orphan"]["reason"]
        assert rows["chained"]["status"] == "refused" and "orphan" in rows["chained"]["reason"]


def test_misspelled_hook_fails_at_start_up(kaidian_settings):
    class Typo:
        manifest = PluginManifest(name="typo", version="1", title={"zh-CN": "t", "en": "t"})

        @hookimpl
        def kaidian_on_shop_creatd(self, shop_id: int) -> None: ...

    with pytest.raises(pluggy.PluginValidationError):
        create_app(kaidian_settings, plugins=[Typo()])


def test_duplicate_component_is_refused_naming_both_plugins(kaidian_settings):
    def register_same(register: Any) -> None:
        sample.kaidian_register_page_components(register)

    copycat = plugin("copycat", kaidian_register_page_components=register_same)
    with pytest.raises(RegistrationError, match="copycat.*sample|sample.*copycat"):
        create_app(kaidian_settings, plugins=[sample, copycat])


async def test_payment_provider_resolution_stops_at_first_answer(kaidian_client_for):
    async with kaidian_client_for(plugins=[sample]) as client:
        shop = await make_shop(client)
        host = client.app.state.host
        provider = await host.resolve("kaidian_resolve_payment_provider", shop_id=shop.shop_id, method="sample_pay")
        assert provider.name == "sample_pay"
        assert await host.resolve("kaidian_resolve_payment_provider", shop_id=shop.shop_id, method="other") is None


def test_price_is_independent_of_plugin_order():
    ctx = PricingContext(1, None, (PricingLine(1, 3, 333), PricingLine(2, 1, 1001)), datetime.now(UTC))
    offers = [
        PriceAdjustment(-500, "coupon", {"zh-CN": "满减", "en": "coupon"}, "shop", 10, source="coupons", key="c1"),
        PriceAdjustment(-300, "coupon", {"zh-CN": "小券", "en": "small"}, "shop", 10, source="coupons", key="c2"),
        PriceAdjustment(-77, "points", {"zh-CN": "积分", "en": "points"}, None, 50, source="points", key="p"),
        PriceAdjustment(-5000, "tier", {"zh-CN": "会员", "en": "tier"}, None, 90, (2,), source="tiers", key="t"),
    ]
    first = apply_adjustments(ctx, offers)
    second = apply_adjustments(ctx, list(reversed(offers)))
    assert [line.adjustments_fen for line in first.lines] == [line.adjustments_fen for line in second.lines]
    assert first.total_fen == second.total_fen
    assert [s.adjustment.key for s in first.skipped] == ["c2"]
    assert "满减" in first.skipped[0].reason["zh-CN"]
    # line 2 can never go below zero, and every line allocation sums to what was applied
    assert all(line.total_fen >= 0 for line in first.lines)
    assert sum(a.applied_fen for a in first.applied) == first.total_fen - first.subtotal_fen


def test_trace_hooks_logs_plugin_and_duration(kaidian_settings, caplog):
    settings = kaidian_settings.model_copy(update={"trace_hooks": True})
    with caplog.at_level(logging.INFO, logger="kaidian.plugins"):
        create_app(settings, plugins=[sample])
    traced = [r.getMessage() for r in caplog.records if r.getMessage().startswith("hook ")]
    assert any("kaidian_register_routes plugin=sample" in line and line.endswith("ms") for line in traced)


async def test_scheduled_jobs_run_in_process(kaidian_client_for, kaidian_settings):
    """A registered job runs while the app runs: in the in-process runner without Redis, as a
    job-queue cron job with Redis (whose ticks start on whole seconds, so allow a few)."""
    import asyncio

    sample.events.clear()
    settings = kaidian_settings.model_copy(update={"run_jobs": True})
    async with kaidian_client_for(plugins=[sample], settings=settings) as client:
        for _ in range(100):
            if ("tick", {"job": "sample.tick"}) in sample.events:
                break
            await asyncio.sleep(0.1)
        if not settings.redis_url:
            assert client.app.state.job_runner.runs["sample.tick"] >= 1
    assert ("tick", {"job": "sample.tick"}) in sample.events
