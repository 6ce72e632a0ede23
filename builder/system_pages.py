"""The system pages every generated shop has, whatever its page configuration: checkout, pay
result, orders, order detail, after-sales, addresses, search, account.

They are fixed code on the customer runtime (miniprogram_templates/<target>/system/), live in
subpackages under the ``kd_`` prefix (merchant subpackages are ``pkg_…``, so they never meet) and
open through ``go(name, query)`` / ``routes.system``. Plugins add to them through
``kaidian_register_page_slots``; nothing here names a plugin.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.plan import SYSTEM_SUBPACKAGE_PREFIX, PagePlan
from builder.render import TEMPLATES_ROOT

EXTENSIONS = {"uniapp": ".vue", "taro": ".jsx"}


@dataclass(frozen=True)
class SystemPage:
    name: str
    title: dict[str, str]
    package: str

    def template(self, target: str) -> str:
        return f"{target}/system/{self.name}{EXTENSIONS[target]}.j2"

    def available(self, target: str) -> bool:
        return (TEMPLATES_ROOT / self.template(target)).is_file()

    def plan(self, target: str, locale: str) -> PagePlan:
        return fixed_page_plan(self.name, self.title, self.package, self.template(target), locale)


def fixed_page_plan(name: str, title: dict[str, str], package: str, template: str, locale: str) -> PagePlan:
    """The plan of a page that is fixed code (a system page, or a page a plugin added)."""
    return PagePlan(
        route=name,
        title=title.get(locale, title["zh-CN"]),
        subpackage=package,
        blocks=[],
        components=[],
        system=name,
        template=template,
    )


SYSTEM_PAGES: tuple[SystemPage, ...] = (
    SystemPage("checkout", {"zh-CN": "确认订单", "en": "Checkout"}, "trade"),
    SystemPage("pay_result", {"zh-CN": "支付结果", "en": "Payment"}, "trade"),
    SystemPage("orders", {"zh-CN": "我的订单", "en": "My orders"}, "trade"),
    SystemPage("order", {"zh-CN": "订单详情", "en": "Order"}, "trade"),
    SystemPage("refund", {"zh-CN": "申请售后", "en": "After-sales"}, "trade"),
    SystemPage("addresses", {"zh-CN": "收货地址", "en": "Addresses"}, "account"),
    SystemPage("address_edit", {"zh-CN": "编辑地址", "en": "Edit address"}, "account"),
    SystemPage("login", {"zh-CN": "我的账号", "en": "My account"}, "account"),
    SystemPage("search", {"zh-CN": "搜索", "en": "Search"}, "discover"),
)


def system_page_plans(target: str, locale: str) -> list[PagePlan]:
    """The system pages this target has templates for (Taro's arrive page by page)."""
    return [page.plan(target, locale) for page in SYSTEM_PAGES if page.available(target)]
