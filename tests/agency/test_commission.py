"""The agency's commission ledger: charged once a refund window passed, reversed by refunds in
proportion, immutable, settled once however many runs race (run on SQLite, MariaDB, PostgreSQL)."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from core.agency import commission
from core.agency.models import CommissionEntry, EntryKind
from core.agency.statements import monthly_statement, statement_csv, statement_xlsx
from tests.agency.helpers import completed_order, succeeded_refund

WINDOW = 7
# 2026-03-31 20:00 UTC is 2026-04-01 04:00 in Shanghai: booked in April's statement.
COMPLETED = datetime(2026, 3, 24, 20, 0, tzinfo=UTC)
SETTLED = COMPLETED + timedelta(days=WINDOW)


async def entries_of(order_id: int) -> list[CommissionEntry]:
    return await CommissionEntry.filter(order_id=order_id).order_by("id")


async def test_charge_waits_for_the_window_then_refunds_reverse_in_proportion(kaidian_client, shop):
    await commission.set_rate(shop.shop_id, 500, staff_id=1)  # 5 %
    order = await completed_order(shop.shop_id, shop.customer_id, 10_001, COMPLETED)
    early = await succeeded_refund(order, 1_000, COMPLETED + timedelta(days=1))

    # one second before the window closes: nothing to book
    assert await commission.settle_due(WINDOW, now=SETTLED - timedelta(seconds=1)) == {"charges": 0, "reversals": 0}
    assert await entries_of(order.id) == []

    result = await commission.settle_due(WINDOW, now=SETTLED)
    assert result == {"charges": 1, "reversals": 0}  # the early refund is reversed with the charge
    charge, early_reversal = await entries_of(order.id)
    assert (charge.kind, charge.rate_bp, charge.gmv_fen, charge.amount_fen) == (EntryKind.CHARGE, 500, 10_001, 500)  # 500.05 → 500
    assert (early_reversal.kind, early_reversal.refund_id, early_reversal.refunded_fen, early_reversal.amount_fen) == (
        EntryKind.REVERSAL, early.id, 1_000, -50,
    )

    # a later refund reverses its share; rate changes after the charge do not touch it
    await commission.set_rate(shop.shop_id, 800, staff_id=1)
    late = await succeeded_refund(order, 3_333, SETTLED + timedelta(days=2))
    assert await commission.reverse_refund(late.id, now=SETTLED + timedelta(days=2)) is not None
    assert await commission.reverse_refund(late.id) is None  # once
    assert await commission.settle_due(WINDOW, now=SETTLED + timedelta(days=3)) == {"charges": 0, "reversals": 0}
    entries = await entries_of(order.id)
    # the order's entries add up to 5 % of what the customer kept paid: 5 668 fen → 283.4 → 283
    assert sum(entry.amount_fen for entry in entries) == commission.commission_of(10_001 - 1_000 - 3_333, 500) == 283
    assert entries[-1].amount_fen == -167

    # a full refund of the rest brings the order's commission to exactly zero, never below
    rest = await succeeded_refund(order, 10_001 - 1_000 - 3_333, SETTLED + timedelta(days=4))
    await commission.reverse_refund(rest.id)
    assert sum(entry.amount_fen for entry in await entries_of(order.id)) == 0


async def test_ledger_entries_are_immutable(kaidian_client, shop):
    order = await completed_order(shop.shop_id, shop.customer_id, 2_000, COMPLETED)
    await commission.set_rate(shop.shop_id, 300, staff_id=1)
    await commission.settle_due(WINDOW, now=SETTLED)
    (charge,) = await entries_of(order.id)
    charge.amount_fen = 0
    with pytest.raises(PermissionError):
        await charge.save()
    with pytest.raises(PermissionError):
        await charge.delete()
    assert (await CommissionEntry.get(id=charge.id)).amount_fen == 60


async def test_racing_settlement_runs_settle_once(kaidian_client, shop):
    """Five settlement runs at once over the same due orders and refunds: each order is
    charged once and each refund reversed once, on whichever database the suite runs on."""
    await commission.set_rate(shop.shop_id, 250, staff_id=1)
    orders = [await completed_order(shop.shop_id, shop.customer_id, 4_000 + n, COMPLETED) for n in range(6)]
    for order in orders[:3]:
        await succeeded_refund(order, 1_000, COMPLETED + timedelta(days=1))
    results = await asyncio.gather(*(commission.settle_due(WINDOW, now=SETTLED) for _ in range(5)))
    assert sum(result["charges"] for result in results) == 6
    entries = await CommissionEntry.filter(shop_id=shop.shop_id)
    assert sorted((e.order_id, e.kind) for e in entries) == sorted(
        [(o.id, EntryKind.CHARGE) for o in orders] + [(o.id, EntryKind.REVERSAL) for o in orders[:3]]
    )
    # later refunds of charged orders, reversed by racing runs and the refund hook's own call
    late = [await succeeded_refund(order, 500, SETTLED + timedelta(days=1)) for order in orders[3:]]
    await asyncio.gather(
        *(commission.settle_due(WINDOW) for _ in range(3)), *(commission.reverse_refund(refund.id) for refund in late)
    )
    assert await CommissionEntry.filter(shop_id=shop.shop_id, kind=EntryKind.REVERSAL).count() == 6
    for order in orders:
        refunded = 1_000 if order in orders[:3] else 500
        total = sum(e.amount_fen for e in await entries_of(order.id))
        assert total == commission.commission_of(order.paid_fen - refunded, 250)


async def test_monthly_statement_csv_and_xlsx(kaidian_client, shop):
    await commission.set_rate(shop.shop_id, 600, staff_id=1)
    order = await completed_order(shop.shop_id, shop.customer_id, 20_000, COMPLETED)
    await commission.settle_due(WINDOW, now=SETTLED)  # 2026-03-31 20:00 UTC = April 1st in Shanghai
    refund = await succeeded_refund(order, 5_000, datetime(2026, 4, 10, tzinfo=UTC))
    await commission.reverse_refund(refund.id, now=datetime(2026, 4, 10, tzinfo=UTC))

    march = await monthly_statement(shop.shop_id, "2026-03", "Asia/Shanghai")
    assert march.lines == []
    april = await monthly_statement(shop.shop_id, "2026-04", "Asia/Shanghai")
    assert (april.gmv_fen, april.refunds_fen, april.commission_fen, april.net_fen) == (20_000, 5_000, 900, 14_100)
    # in UTC months the charge falls in March
    assert (await monthly_statement(shop.shop_id, "2026-03", "UTC")).commission_fen == 1_200

    rows = list(csv.reader(io.StringIO(statement_csv(april).decode("utf-8-sig"))))
    assert rows[1] == ["booked_at", "order_no", "kind", "rate_bp", "gmv_fen", "refunds_fen", "commission_fen", "net_fen"]
    assert rows[2][0] == "2026-04-01 04:00:00" and rows[2][2] == "抽成" and rows[2][6] == "1200"
    assert rows[-1][4:] == ["20000", "5000", "900", "14100"]

    sheet = load_workbook(io.BytesIO(statement_xlsx(april))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "入账时间" and values[-1][4:] == [20_000, 5_000, 900, 14_100]


@pytest.mark.parametrize("rate", [-1, 10_001, 2.5, "300", True, None])
async def test_rate_outside_basis_points_is_422_naming_the_field(kaidian_client, shop, rate):
    from core.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        await commission.set_rate(shop.shop_id, rate, staff_id=1)
    assert refused.value.field == "rate_bp"
    assert await commission.rate_of(shop.shop_id) == 0
