"""The Taro target gets the same system pages as uni-app (checkout, pay result, orders, order,
after-sales, addresses, account, search) on the customer runtime, with the slot components the
plugins registered, and a product page with the SKU picker. Checked in Chromium by tests/e2e."""

from __future__ import annotations

import json

from builder.generate import render_project
from builder.samples import demo_config
from builder.system_pages import SYSTEM_PAGES


def _app_config(files):
    return json.loads(files["src/app.config.js"].removeprefix("export default defineAppConfig(").removesuffix(")\n"))


def test_taro_has_every_system_page_uniapp_has(registries):
    uniapp = render_project(demo_config(), "uniapp", registries)
    taro = render_project(demo_config(), "taro", registries)
    added = {page.name for page in registries.app_pages.all()}  # plugins' pages: every target has them
    on_uniapp = ({page.system for page in uniapp.plan.pages if page.system} - added) or {p.name for p in SYSTEM_PAGES if p.available("uniapp")}
    on_taro = {p.name for p in SYSTEM_PAGES if p.available("taro")}
    assert on_uniapp <= on_taro
    roots = {package["root"]: package["pages"] for package in _app_config(taro.files)["subPackages"]}
    assert {"pages/checkout/index", "pages/pay_result/index", "pages/orders/index", "pages/order/index", "pages/refund/index"} <= set(roots["kd_trade"])
    assert {"pages/addresses/index", "pages/address_edit/index", "pages/login/index"} <= set(roots["kd_account"])
    assert "pages/search/index" in roots["kd_discover"]
    assert not any(page.startswith("kd_") for page in _app_config(taro.files)["pages"])
    for name in ("checkout", "order", "orders", "pay_result", "refund", "addresses", "address_edit", "login", "search"):
        page = next(path for path in taro.files if path.endswith(f"/pages/{name}/index.jsx") and path.startswith("src/kd_"))
        source = taro.files[page]
        assert "@/runtime/index.js" in source and "Taro.request" not in source, name
        assert "[[" not in source and "[%" not in source, name


def test_taro_pages_render_the_registered_slot_components(registries):
    files = render_project(demo_config(), "taro", registries).files
    checkout = files["src/kd_trade/pages/checkout/index.jsx"]
    for name in ("pickup_checkout", "coupon_checkout", "points_checkout"):
        component = "KdSlot" + "".join(part.capitalize() for part in name.split("_"))
        tag = "kd-slot-" + name.replace("_", "-")
        assert f"<{component} context={{sectionContext('" in checkout and f"@/kd_trade/components/{tag}/index.jsx" in checkout
    assert checkout.index("KdSlotPickupCheckout context") < checkout.index("KdSlotCouponCheckout context")
    detail = files["src/pkg_shop/components/kd-product-detail/index.jsx"]
    assert "<KdSlotGroupBuyStart context={slotContext}" in detail and "<KdSlotCouponClaim context={slotContext}" in detail
    assert "matchSku" in detail and "addToCart" in detail and "encodeLines" in detail
    # Core's templates never name a plugin: the slot tags come from the registry only.
    assert "coupon" not in files["src/kd_trade/pages/order/index.jsx"].lower()
