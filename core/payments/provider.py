"""The interface every payment provider implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True)
class PaymentRequest:
    shop_id: int
    order_no: str
    amount_fen: int
    description: str
    payer_openid: str | None = None


@dataclass(frozen=True)
class PaymentNotification:
    """A verified, decrypted provider notification."""

    order_no: str
    transaction_id: str
    amount_fen: int
    succeeded: bool
    raw: dict[str, Any]


@runtime_checkable
class PaymentProvider(Protocol):
    name: str

    async def create_payment(self, request: PaymentRequest) -> dict[str, Any]:
        """Start a payment; return what the client needs to pay (e.g. wx.requestPayment args)."""
        ...

    async def parse_notification(
        self, headers: dict[str, str], body: bytes
    ) -> PaymentNotification:
        """Verify and decode a notification; raise on forgery, staleness or malformed input."""
        ...
