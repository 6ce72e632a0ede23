"""The ledger: one locked account row per customer, append-only entries, balances derived from
them, holds taken by unpaid orders, and expiry.

Every write for a customer runs inside ``locked(shop_id, customer_id)``: the account row is
locked first (``SELECT … FOR UPDATE``; SQLite serialises transactions anyway), so a balance
read and the entry written from it cannot interleave with another write of the same customer —
concurrent redemptions cannot overspend, and a duplicate earning is seen before it is written
(the ``(customer, unique_key)`` constraint is the backstop). The account row caches the
balance (the sum of the entries) and the held points, moved in the same transaction as each
entry or hold; the lock's ``FOR UPDATE`` read returns the latest committed row even under
MariaDB's repeatable read.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from core.shop_plugins.models import ShopPlugin
from plugins.points.manifest import manifest
from plugins.points.models import EntryKind, EntrySource, PointsAccount, PointsEntry

SHARE_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud and typed by people
SHARE_CODE_LENGTH = 8
EXPIRING_SOON = timedelta(days=30)


async def shop_settings(shop_id: int) -> dict[str, Any]:
    """The plugin's effective settings for a shop (hooks get no host, so read the row here)."""
    row = await ShopPlugin.get_or_none(shop_id=shop_id, plugin=manifest.name)
    return {**manifest.settings_defaults(), **(row.settings if row else {})}


def new_share_code() -> str:
    return "".join(secrets.choice(SHARE_CODE_ALPHABET) for _ in range(SHARE_CODE_LENGTH))


async def ensure_account(shop_id: int, customer_id: int) -> PointsAccount:
    """The customer's account row, created on first use (a lost creation race is harmless)."""
    for _ in range(5):
        account = await PointsAccount.get_or_none(shop_id=shop_id, customer_id=customer_id)
        if account is not None:
            return account
        try:
            async with in_transaction():  # a savepoint inside a caller's transaction
                return await PointsAccount.create(shop_id=shop_id, customer_id=customer_id, share_code=new_share_code())
        except IntegrityError:
            continue  # the other creator won, or (rarely) the code was taken: look again
    raise RuntimeError(f"could not create a points account for customer {customer_id}")


@asynccontextmanager
async def locked(shop_id: int, customer_id: int) -> AsyncIterator[PointsAccount]:
    """A transaction (nested in the caller's, if any) holding the customer's account row,
    read fresh under its lock."""
    account = await ensure_account(shop_id, customer_id)
    async with in_transaction():
        current = await PointsAccount.filter(id=account.id).select_for_update().first()
        assert current is not None
        yield current


async def sum_points(query: Any) -> int:
    rows = await query.annotate(total=Sum("points")).values_list("total", flat=True)
    return int(rows[0] or 0) if rows else 0


async def derived_balance(shop_id: int, customer_id: int) -> int:
    """The balance as the ledger defines it: the sum of every entry. ``PointsAccount.balance``
    caches it (tests compare the two)."""
    return await sum_points(PointsEntry.filter(shop_id=shop_id, customer_id=customer_id))


@dataclass(frozen=True)
class Balance:
    balance: int  # negative only after a refund reversal took back points already spent
    held: int  # taken by unpaid orders

    @property
    def available(self) -> int:
        return max(self.balance - self.held, 0)


async def balance_of(shop_id: int, customer_id: int) -> Balance:
    rows = await PointsAccount.filter(shop_id=shop_id, customer_id=customer_id).values_list("balance", "held")
    return Balance(*rows[0]) if rows else Balance(0, 0)


async def last_entry_id(shop_id: int, customer_id: int) -> int:
    rows = await PointsEntry.filter(shop_id=shop_id, customer_id=customer_id).order_by("-id").limit(1).values_list("id", flat=True)
    return int(rows[0]) if rows else 0


def expiry_of(settings: dict[str, Any], now: datetime) -> datetime | None:
    months = settings["expire_after_months"]
    return now + relativedelta(months=months) if months else None


async def has_entry(shop_id: int, customer_id: int, unique_key: str) -> bool:
    return await PointsEntry.filter(shop_id=shop_id, customer_id=customer_id, unique_key=unique_key).exists()


async def write(
    shop_id: int,
    customer_id: int,
    kind: EntryKind,
    source: EntrySource,
    points: int,
    unique_key: str,
    *,
    order_id: int | None = None,
    expires_at: datetime | None = None,
    reason: str = "",
    actor: str = "system",
) -> PointsEntry | None:
    """Append an entry (call under ``locked``). None when ``unique_key`` is already recorded
    or there is nothing to write."""
    if points == 0 or await has_entry(shop_id, customer_id, unique_key):
        return None
    try:
        async with in_transaction():  # a savepoint: a duplicate must not abort the caller
            entry = await PointsEntry.create(
                shop_id=shop_id,
                customer_id=customer_id,
                kind=kind,
                source=source,
                points=points,
                unique_key=unique_key,
                order_id=order_id,
                expires_at=expires_at if points > 0 else None,
                reason=reason[:200],
                actor=actor[:64],
            )
    except IntegrityError:
        return None
    await PointsAccount.filter(shop_id=shop_id, customer_id=customer_id).update(balance=F("balance") + points)
    return entry


async def earn(
    shop_id: int, customer_id: int, source: EntrySource, points: int, unique_key: str, now: datetime, *, order_id: int | None = None, reason: str = ""
) -> PointsEntry | None:
    """Record an earning once per ``unique_key``; it expires per the shop's setting."""
    if points <= 0:
        return None
    settings = await shop_settings(shop_id)
    async with locked(shop_id, customer_id):
        return await write(
            shop_id, customer_id, EntryKind.EARN, source, points, unique_key,
            order_id=order_id, expires_at=expiry_of(settings, now), reason=reason,
        )


# -- expiry ---------------------------------------------------------------------------------
#
# Debits (spend, expire, reversals, negative adjustments) use the earliest-expiring points
# first. So by time T the points that must have expired are everything earned with
# ``expires_at <= T`` less every debit so far (earlier expire entries included).


@dataclass(frozen=True)
class Expiry:
    due_now: int
    due_soon: int  # within EXPIRING_SOON, including due_now


async def expiry(shop_id: int, customer_id: int, now: datetime) -> Expiry:
    entries = PointsEntry.filter(shop_id=shop_id, customer_id=customer_id)
    debits = -await sum_points(entries.filter(points__lt=0))
    due_now = await sum_points(entries.filter(points__gt=0, expires_at__lte=now))
    due_soon = await sum_points(entries.filter(points__gt=0, expires_at__lte=now + EXPIRING_SOON))
    return Expiry(max(due_now - debits, 0), max(due_soon - debits, 0))


async def expire_customer(shop_id: int, customer_id: int, now: datetime) -> int:
    """Write the expire entry the customer is due (under the lock); returns the points expired."""
    async with locked(shop_id, customer_id) as account:
        due = min((await expiry(shop_id, customer_id, now)).due_now, account.balance)
        if due <= 0:
            return 0
        marker = await last_entry_id(shop_id, customer_id)
        await write(
            shop_id, customer_id, EntryKind.EXPIRE, EntrySource.EXPIRY, -due, f"expire:{marker}",
            reason="积分过期 / points expired",
        )
        return due


async def expire_due(now: datetime) -> int:
    """Expire every customer's due points (the ``expire`` job); returns how many customers."""
    credits = await (
        PointsEntry.filter(points__gt=0, expires_at__lte=now)
        .annotate(total=Sum("points")).group_by("shop_id", "customer_id").values_list("shop_id", "customer_id", "total")
    )
    if not credits:
        return 0
    customers = {customer_id for _, customer_id, _ in credits}
    debits = dict(
        await PointsEntry.filter(points__lt=0, customer_id__in=customers)
        .annotate(total=Sum("points")).group_by("customer_id").values_list("customer_id", "total")
    )
    expired = 0
    for shop_id, customer_id, total in credits:
        if int(total or 0) + int(debits.get(customer_id) or 0) > 0 and await expire_customer(shop_id, customer_id, now):
            expired += 1
    return expired
