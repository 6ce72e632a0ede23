"""The demo shop's past: about a month of customers, carts, orders, payments, parcels, refunds
and alerts, written through the real services so every screen and chart has a history.

The history is a timeline of steps. Core plans its own (customers join, shop, pay, get their
parcels, ask for refunds); each plugin plans its part through ``kaidian_on_demo_history`` (the
coupons plugin hands out coupons, group buy opens groups…). Then the steps run in time order,
each with the clock pinned at its moment (``core.clock``), so the services stamp that moment
themselves — order numbers, ``paid_at``, ``created_at``, deadlines — and the timers that fall
due in between (unpaid orders cancelled, receipts confirmed, groups expired) fire at theirs.

Everything is drawn from random generators seeded with ``seed`` and the planner's name, so the
same seed gives the same figures whichever plugins are installed beside.
"""

from __future__ import annotations

import heapq
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from core import clock
from core.errors import KaidianError
from core.plugin_host import PluginHost

logger = logging.getLogger("kaidian.demo")

DEFAULT_SEED = 22
DEFAULT_DAYS = 30
CORE = "core"
CARRIERS = [("顺丰速运", "SF"), ("中通快递", "ZTO"), ("圆通速递", "YT"), ("京东物流", "JD")]
CITIES = [("上海市", "上海市", "浦东新区"), ("北京市", "北京市", "朝阳区"), ("广东省", "深圳市", "南山区"), ("浙江省", "杭州市", "西湖区"), ("四川省", "成都市", "武侯区")]
NICKNAMES = "小王 阿杰 Lily 陈姐 老李 小雨 Kevin 豆豆 晓峰 May 阿珍 大鹏 琳琳 Tony 小马 欣欣 阿强 Coco 静静 老周".split()
REFUND_REASONS = ["不想要了", "拍错了/多拍了", "质量问题", "收到商品破损", "与描述不符"]
# Of the products seeded by ``core.demo`` (in its order), how often each is bought: fresh fruit
# most, the phone seldom.
PRODUCT_WEIGHTS = [1, 4, 6, 10, 8, 5]
# A SKU is never sold below this, so the demo's own walkthrough can still buy anything.
KEEP_IN_STOCK = 3
# Nobody buys two phones: several units only of things cheaper than this.
SEVERAL_UNDER_FEN = 50_000
# Staff review refund requests within a few days; the last days' requests still wait for them.
REVIEW_BACKLOG = timedelta(days=2)
# Hours before the end when a customer complains about a received parcel (left for review).
LATE_COMPLAINTS_HOURS = (5, 19, 41)
# Hours before the end when the staff count the shelf of the scarcest SKU and find this many
# units (at most): the dashboard opens with a low-stock alert whatever the month's sales were.
STOCKTAKE_HOURS, STOCKTAKE_FOUND = 8, 4

Step = Callable[[], Awaitable[Any]]


@dataclass(frozen=True)
class DemoCustomer:
    id: int
    nickname: str
    joined_at: datetime
    device_id: str  # the analytics device of their phone
    address_id: int  # their default delivery address


@dataclass(frozen=True)
class DemoPurchase:
    """An order placed in the history (what the analytics visits lead up to)."""

    order_id: int
    customer: DemoCustomer
    placed_at: datetime
    product_ids: list[int]


@dataclass(order=True)
class _Planned:
    moment: datetime
    owner: str
    sequence: int
    step: Step = field(compare=False)


@dataclass
class DemoHistoryReport:
    seconds: float
    steps: int
    customers: int
    skipped: list[str] = field(default_factory=list)  # "<owner> at <moment>: <why>"
    purchases: list[DemoPurchase] = field(default_factory=list)


class DemoHistory:
    """The demo shop's past being written. Plugins plan steps with ``at``; inside a step the
    clock reads its moment, and the helpers below act as a customer or the staff would."""

    def __init__(self, host: PluginHost, settings: Any, shop_id: int, *, seed: int, start: datetime, end: datetime) -> None:
        self.host = host
        self.settings = settings
        self.shop_id = shop_id
        self.seed = seed
        self.start = start
        self.end = end
        self.customers: list[DemoCustomer] = []
        self.product_ids: list[int] = []
        self.staff_actor = "system"
        self.purchases: list[DemoPurchase] = []
        self._planned: list[_Planned] = []
        self._skipped: list[str] = []
        self.steps_run = 0
        self._sequence = 0

    def rng(self, owner: str) -> random.Random:
        """A generator of its own for each planner: its draws do not depend on the others'."""
        return random.Random(f"{self.seed}:{owner}")

    def at(self, moment: datetime, step: Step, *, owner: str) -> None:
        """Plan ``step`` at ``moment`` (dropped if outside the history). A step that
        the services refuse (sold out, a coupon gone…) is skipped and reported, not fatal."""
        if self.start <= moment <= self.end:
            heapq.heappush(self._planned, _Planned(moment, owner, self._sequence, step))
            self._sequence += 1

    def customers_joined_by(self, moment: datetime) -> list[DemoCustomer]:
        return [customer for customer in self.customers if customer.joined_at <= moment]

    # -- acting as a customer or the staff (call these inside a step) --------------------

    async def place_order(self, customer: DemoCustomer, lines: list[tuple[int, int]], **checkout: Any) -> Any:
        """Check out ``(sku_id, quantity)`` lines as ``customer`` to their address (``checkout``:
        the keywords of ``core.trade.orders.place_order``, e.g. ``inputs={"group_buy": …}``)."""
        from core.catalog.models import Sku
        from core.trade.orders import LineRequest, place_order

        checkout.setdefault("shipping", {"address_id": customer.address_id})
        order = await place_order(self.host, self.shop_id, customer.id, [LineRequest(sku, quantity) for sku, quantity in lines], **checkout)
        product_ids = await Sku.filter(id__in=[sku for sku, _ in lines]).values_list("product_id", flat=True)
        self.purchases.append(DemoPurchase(order.id, customer, clock.now(), sorted(set(product_ids))))
        return order

    async def pay(self, order: Any) -> str:
        """Pay ``order`` in the sandbox: the payment is applied as a verified notification is."""
        from core.payments.provider import PaymentNotification
        from core.trade.models import Order
        from core.trade.payments import apply_notification, provider_for, start_payment

        order = await Order.get(id=order.id)
        await start_payment(self.host, self.settings, order, "wechat_jsapi", None)
        provider = await provider_for(self.host, self.settings, self.shop_id, "wechat_jsapi")
        transaction = f"demo{order.id:08d}{clock.now():%Y%m%d%H%M%S}"
        notification = PaymentNotification(order.order_no, transaction, order.total_fen, True, {"demo": True})
        return await apply_notification(self.host, self.shop_id, provider, notification)

    async def ship(self, order_id: int, rng: random.Random) -> None:
        from core.trade.fulfilment import ship

        carrier, prefix = rng.choice(CARRIERS)
        tracking_no = f"{prefix}{rng.randrange(10**11, 10**12)}"
        await ship(self.host, self.shop_id, order_id, [], carrier=carrier, tracking_no=tracking_no, actor=self.staff_actor)

    # -- running ---------------------------------------------------------------------------

    async def run(self) -> None:
        while self._planned:
            item = heapq.heappop(self._planned)
            self.steps_run += 1
            await self.fire_timers_until(item.moment)
            with clock.pinned(item.moment):
                try:
                    await item.step()
                except KaidianError as error:
                    self._skipped.append(f"{item.owner} at {item.moment:%m-%d %H:%M}: {error.code} {error.field or ''}".strip())
        await self.fire_timers_until(self.end)

    async def fire_timers_until(self, moment: datetime) -> None:
        """Fire the shop's timers due by ``moment``, each at its own time, as the worker would."""
        from core.trade.models import Timer, TimerStatus
        from core.trade.timers import fire_timer

        while True:
            due = await Timer.filter(shop_id=self.shop_id, status=TimerStatus.PENDING, run_at__lte=moment).order_by("run_at", "id").first()
            if due is None:
                return
            with clock.pinned(due.run_at):
                if not await fire_timer(self.host, self.settings, due.id, now=due.run_at):
                    # Not fired: a failed handler's timer was moved a minute on and is retried
                    # as the worker would; one that could not be claimed is settled, so this
                    # loop moves on.
                    await Timer.filter(id=due.id, status=TimerStatus.PENDING, run_at=due.run_at).update(status=TimerStatus.DONE)


async def write_demo_history(
    host: PluginHost,
    settings: Any,
    shop_id: int,
    *,
    staff_id: int | None = None,
    seed: int = DEFAULT_SEED,
    days: int = DEFAULT_DAYS,
    end: datetime | None = None,
) -> DemoHistoryReport:
    """Write ``days`` of the demo shop's past, ending at ``end`` (now), with ``staff_id`` as the
    staff who ship and review; see the module doc. The shop must have been created (with its
    catalogue) at or before the start."""
    began = time.perf_counter()
    end = end or clock.now()
    history = DemoHistory(host, settings, shop_id, seed=seed, start=end - timedelta(days=days), end=end)
    history.product_ids = await demo_product_ids(shop_id)
    if staff_id is not None:
        history.staff_actor = f"staff:{staff_id}"
    await join_customers(history)
    plan_core_activity(history)
    await host.notify("kaidian_on_demo_history", history=history)
    await history.run()
    report = DemoHistoryReport(
        time.perf_counter() - began, history.steps_run, len(history.customers), list(history._skipped), list(history.purchases)
    )
    for line in report.skipped:
        logger.info("demo history step skipped: %s", line)
    return report


async def demo_product_ids(shop_id: int) -> list[int]:
    from core.catalog.models import Product

    return list(await Product.filter(shop_id=shop_id).order_by("sort", "id").values_list("id", flat=True))


# -- core's part ----------------------------------------------------------------------------


async def join_customers(history: DemoHistory, count: int = 40) -> None:
    """Customers log in for the first time (a third in the first days, the rest spread over
    the month), through the sandbox login, and plugins hear of each (welcome gifts…)."""
    from core.accounts.customers import add_address, login_customer
    from core.accounts.models import Customer
    from core.accounts.wechat import SandboxCode2Session
    from core.security.crypto import cipher_for

    cipher = cipher_for(history.settings)

    rng = history.rng("core:customers")
    span = (history.end - history.start).total_seconds()
    moments = sorted(
        history.start + timedelta(seconds=rng.uniform(0, span * 0.1) if number < count // 3 else rng.uniform(0, span * 0.95))
        for number in range(count)
    )
    for number, moment in enumerate(moments):
        nickname = f"{NICKNAMES[number % len(NICKNAMES)]}{'' if number < len(NICKNAMES) else number // len(NICKNAMES) + 1}"
        with clock.pinned(moment):
            customer, created = await login_customer(history.shop_id, f"sandbox:demo-customer-{number:03d}", SandboxCode2Session())
            await Customer.filter(id=customer.id).update(nickname=nickname)
            if created:
                await history.host.notify("kaidian_on_customer_registered", shop_id=history.shop_id, customer_id=customer.id, share_code=None)
            province, city, district = rng.choice(CITIES)
            address = await add_address(
                history.shop_id,
                customer.id,
                {
                    "recipient": nickname, "phone": f"13{rng.randrange(10**8, 10**9)}", "province": province, "city": city,
                    "district": district, "detail": f"幸福路{rng.randint(1, 300)}号{rng.randint(1, 30)}栋{rng.randint(101, 2402)}室",
                },
                cipher,
            )
        history.customers.append(DemoCustomer(customer.id, nickname, moment, f"demo-customer-{number:03d}-device", address.id))


def plan_core_activity(history: DemoHistory) -> None:
    """Each customer shops now and then after joining: most orders are paid, shipped and
    received; some are left unpaid (the timer cancels them), cancelled, refunded or argued
    over; the last days' orders still wait for their parcels; a few carts are left full."""
    rng = history.rng(CORE)
    for customer in history.customers:
        moment = customer.joined_at + timedelta(minutes=rng.uniform(2, 60))
        # Some customers come back often, most now and then.
        mean_gap_days = rng.choice([4, 6, 9, 12, 16])
        while moment < history.end:
            plan_order(history, customer, moment, random.Random(rng.random()))
            moment += timedelta(days=rng.expovariate(1 / mean_gap_days), hours=rng.uniform(-3, 3))
            moment = daytime(moment, rng)
        if rng.random() < 0.25:
            history.at(history.end - timedelta(hours=rng.uniform(1, 60)), leave_cart(history, customer, random.Random(rng.random())), owner=CORE)
    for hours in LATE_COMPLAINTS_HOURS:
        moment = history.end - timedelta(hours=hours, minutes=rng.uniform(0, 50))
        history.at(moment, late_complaint(history, random.Random(rng.random())), owner=CORE)
    history.at(history.end - timedelta(hours=STOCKTAKE_HOURS), stocktake(history), owner=CORE)


def stocktake(history: DemoHistory) -> Step:
    """The staff count the SKU with the fewest units and correct its stock down, as the
    product screen does (which raises the low-stock alert if it crossed its threshold)."""

    async def step() -> None:
        from core.catalog.models import Sku
        from core.catalog.products import patch_skus
        from core.catalog.schemas import SkuPatch

        scarcest = await Sku.filter(shop_id=history.shop_id, product_id__in=history.product_ids).order_by("stock", "id").first()
        if scarcest is not None and scarcest.stock > STOCKTAKE_FOUND:
            await patch_skus(history.shop_id, scarcest.product_id, [SkuPatch(id=scarcest.id, stock=STOCKTAKE_FOUND, expected_stock=scarcest.stock)])

    return step


def daytime(moment: datetime, rng: random.Random) -> datetime:
    """Move a moment into the shop's busy hours (08:00–23:00 China time, 00:00–15:00 UTC)."""
    if moment.hour >= 15:
        moment = moment.replace(hour=rng.randrange(0, 15))
    return moment


def plan_order(history: DemoHistory, customer: DemoCustomer, moment: datetime, rng: random.Random) -> None:
    async def checkout() -> None:
        lines = await pick_lines(history.shop_id, history.product_ids, rng)
        if not lines:
            return
        order = await history.place_order(customer, lines)
        fate = rng.random()
        if fate < 0.08:
            return  # never paid: the unpaid timer cancels it
        if fate < 0.12:
            history.at(clock.now() + timedelta(minutes=rng.uniform(1, 10)), cancel(history, order.id, customer), owner=CORE)
            return
        history.at(clock.now() + timedelta(seconds=rng.uniform(20, 300)), paid(history, order, customer, rng), owner=CORE)

    history.at(moment, checkout, owner=CORE)


def cancel(history: DemoHistory, order_id: int, customer: DemoCustomer) -> Step:
    async def step() -> None:
        from core.trade.orders import cancel_order

        await cancel_order(history.host, history.shop_id, order_id, actor=f"customer:{customer.id}", reason="不想买了", customer_id=customer.id)

    return step


def paid(history: DemoHistory, order: Any, customer: DemoCustomer, rng: random.Random) -> Step:
    async def step() -> None:
        await history.pay(order)
        now = clock.now()
        fate = rng.random()
        if fate < 0.05:  # changed their mind before the parcel left: the rules refund at once
            history.at(now + timedelta(minutes=rng.uniform(10, 240)), ask_refund(history, order.id, customer, rng), owner=CORE)
            return
        shipped_at = now + timedelta(hours=rng.uniform(3, 30))
        history.at(shipped_at, ship(history, order.id, customer, rng), owner=CORE)

    return step


def ship(history: DemoHistory, order_id: int, customer: DemoCustomer, rng: random.Random) -> Step:
    async def step() -> None:
        await history.ship(order_id, rng)
        now = clock.now()
        fate = rng.random()
        if fate < 0.6:  # most confirm receipt themselves; the others' timer does it after 10 days
            history.at(now + timedelta(days=rng.uniform(1.5, 5)), confirm(history, order_id, customer), owner=CORE)
        elif fate < 0.72:  # a complaint after delivery: staff review it
            history.at(now + timedelta(days=rng.uniform(2, 6)), ask_refund(history, order_id, customer, rng), owner=CORE)

    return step


def confirm(history: DemoHistory, order_id: int, customer: DemoCustomer) -> Step:
    async def step() -> None:
        from core.trade.fulfilment import advance
        from core.trade.models import OrderStatus

        await advance(history.host, history.shop_id, order_id, OrderStatus.COMPLETED, actor=f"customer:{customer.id}", reason="确认收货", customer_id=customer.id)

    return step


def ask_refund(history: DemoHistory, order_id: int, customer: DemoCustomer, rng: random.Random) -> Step:
    """The customer asks for their whole order back. Unshipped, the shop's rules refund it at
    once; shipped, it waits for staff, who look at it within a few days — so the last
    requests are still waiting for review."""

    async def step() -> None:
        from core.trade.fulfilment import LinePick
        from core.trade.models import OrderLine, RefundStatus
        from core.trade.refund_requests import request_refund

        lines = await OrderLine.filter(order_id=order_id).values_list("id", "quantity")
        picks = [LinePick(line_id, quantity) for line_id, quantity in lines]
        reason = rng.choice(REFUND_REASONS)
        record = await request_refund(history.host, history.settings, history.shop_id, customer.id, order_id, picks, reason=reason)
        if record.status == RefundStatus.REQUESTED and clock.now() < history.end - REVIEW_BACKLOG:
            history.at(clock.now() + timedelta(days=rng.uniform(0.5, 2)), review(history, record.id, rng), owner=CORE)

    return step


def late_complaint(history: DemoHistory, rng: random.Random) -> Step:
    """A customer asks for the money back for a parcel they received; nobody has looked yet."""

    async def step() -> None:
        from core.trade.models import Order, OrderStatus, Refund

        received = (
            await Order.filter(shop_id=history.shop_id, status__in=(OrderStatus.SHIPPED, OrderStatus.COMPLETED), refunded_fen=0)
            .order_by("id")
            .values_list("id", "customer_id")
        )
        asked = set(await Refund.filter(shop_id=history.shop_id).values_list("order_id", flat=True))
        candidates = [(order_id, customer_id) for order_id, customer_id in received if order_id not in asked]
        customers = {customer.id: customer for customer in history.customers}
        if candidates:
            order_id, customer_id = rng.choice(candidates)
            await ask_refund(history, order_id, customers[customer_id], rng)()

    return step


def review(history: DemoHistory, refund_id: int, rng: random.Random) -> Step:
    async def step() -> None:
        from core.trade import refund_requests

        if rng.random() < 0.7:
            await refund_requests.approve(
                history.host, history.settings, history.shop_id, refund_id, actor=history.staff_actor, require_return=False, note="同意退款"
            )
        else:
            await refund_requests.reject(history.shop_id, refund_id, actor=history.staff_actor, reason="商品已签收且无质量问题")

    return step


def leave_cart(history: DemoHistory, customer: DemoCustomer, rng: random.Random) -> Step:
    async def step() -> None:
        from core.trade.cart import customer_cart, set_quantity

        for sku_id, quantity in await pick_lines(history.shop_id, history.product_ids, rng):
            await set_quantity(customer_cart(history.shop_id, customer.id), sku_id, quantity)

    return step


async def pick_lines(shop_id: int, product_ids: list[int], rng: random.Random) -> list[tuple[int, int]]:
    """One to three lines of products the demo sells, by popularity, from SKUs with room to
    sell (never below ``KEEP_IN_STOCK``)."""
    from core.catalog.models import Sku

    weights = [PRODUCT_WEIGHTS[index] if index < len(PRODUCT_WEIGHTS) else 1 for index in range(len(product_ids))]
    chosen = {rng.choices(product_ids, weights)[0] for _ in range(rng.choice([1, 1, 1, 2, 2, 3]))}
    lines = []
    for product_id in sorted(chosen):
        skus = await Sku.filter(shop_id=shop_id, product_id=product_id).order_by("id").values_list("id", "stock", "price_fen")
        sku_id, stock, price_fen = rng.choice(skus)
        quantity = rng.choice([1, 1, 1, 2, 2, 3]) if price_fen < SEVERAL_UNDER_FEN else 1
        if stock - quantity >= KEEP_IN_STOCK:
            lines.append((sku_id, quantity))
    return lines
