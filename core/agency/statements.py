"""Monthly statements of a shop's commission, read from the ledger alone.

A month is a calendar month in the business time zone (``KAIDIAN_BUSINESS_TIMEZONE``). An entry
belongs to the month it was booked in: GMV is what the customers of the orders charged that month
paid, refunds what the refunds reversed that month returned, commission the entries' sum, and
net = GMV − refunds − commission (what the shop keeps). Money is integer fen in both formats.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from core.agency.models import CommissionEntry, EntryKind
from core.errors import InvalidInput

# years 1900-2999: a calendar month with a next one, in any zone
MONTH_PATTERN = r"^((?:19|2\d)\d{2})-(0[1-9]|1[0-2])$"
MONTH = re.compile(MONTH_PATTERN)
COLUMNS = ("booked_at", "order_no", "kind", "rate_bp", "gmv_fen", "refunds_fen", "commission_fen", "net_fen")
HEADERS_ZH = ("入账时间", "订单号", "类型", "费率(基点)", "成交额(分)", "退款(分)", "抽成(分)", "净额(分)")
KIND_ZH = {EntryKind.CHARGE: "抽成", EntryKind.REVERSAL: "退款冲回"}


@dataclass(frozen=True)
class StatementLine:
    booked_at: datetime
    order_no: str
    kind: EntryKind
    rate_bp: int
    gmv_fen: int
    refunds_fen: int
    commission_fen: int

    @property
    def net_fen(self) -> int:
        return self.gmv_fen - self.refunds_fen - self.commission_fen


@dataclass(frozen=True)
class Statement:
    shop_id: int
    month: str
    timezone: str
    lines: list[StatementLine]

    @property
    def gmv_fen(self) -> int:
        return sum(line.gmv_fen for line in self.lines)

    @property
    def refunds_fen(self) -> int:
        return sum(line.refunds_fen for line in self.lines)

    @property
    def commission_fen(self) -> int:
        return sum(line.commission_fen for line in self.lines)

    @property
    def net_fen(self) -> int:
        return self.gmv_fen - self.refunds_fen - self.commission_fen


def month_bounds(month: str, timezone: str) -> tuple[datetime, datetime]:
    """The UTC instants where a local calendar month (``YYYY-MM``) starts and ends."""
    match = MONTH.match(month or "")
    if not match:
        raise InvalidInput(field="month", reason={"zh-CN": "月份格式为 YYYY-MM", "en": "a month as YYYY-MM"})
    year, number = int(match[1]), int(match[2])
    zone = ZoneInfo(timezone)
    start = datetime.combine(date(year, number, 1), time.min, tzinfo=zone)
    end = datetime.combine(date(year + number // 12, number % 12 + 1, 1), time.min, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


async def monthly_statement(shop_id: int, month: str, timezone: str) -> Statement:
    start, end = month_bounds(month, timezone)
    entries = await CommissionEntry.filter(shop_id=shop_id, booked_at__gte=start, booked_at__lt=end).order_by("booked_at", "id")
    zone = ZoneInfo(timezone)
    return Statement(
        shop_id,
        month,
        timezone,
        [
            StatementLine(
                entry.booked_at.astimezone(zone),
                entry.order_no,
                entry.kind,
                entry.rate_bp,
                entry.gmv_fen,
                entry.refunded_fen,
                entry.amount_fen,
            )
            for entry in entries
        ],
    )


def _rows(statement: Statement) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [
        (
            line.booked_at.strftime("%Y-%m-%d %H:%M:%S"),
            line.order_no,
            KIND_ZH[line.kind],
            line.rate_bp,
            line.gmv_fen,
            line.refunds_fen,
            line.commission_fen,
            line.net_fen,
        )
        for line in statement.lines
    ]
    rows.append(("合计 total", "", "", "", statement.gmv_fen, statement.refunds_fen, statement.commission_fen, statement.net_fen))
    return rows


def statement_csv(statement: Statement) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese headers right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS_ZH)
    writer.writerow(COLUMNS)
    writer.writerows(_rows(statement))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def statement_xlsx(statement: Statement) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = statement.month
    sheet.append(HEADERS_ZH)
    sheet.append(COLUMNS)
    for row in _rows(statement):
        sheet.append(list(row))
    for column in "ABCDEFGH":
        sheet.column_dimensions[column].width = 20
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
