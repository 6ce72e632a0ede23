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


@dataclass(frozen=True)
class RefundNotification:
    """A verified, decrypted refund result."""

    refund_no: str
    order_no: str
    amount_fen: int
    succeeded: bool
    raw: dict[str, Any]


@dataclass(frozen=True)
class RefundRequest:
    shop_id: int
    order_no: str
    refund_no: str
    refund_fen: int
    total_fen: int
    reason: str


class NotificationRejected(Exception):
    """A notification failed verification; answered with ``{"code": "FAIL", "message": …}``.

    The provider retries a rejected notification later, so reject only what is wrong —
    a forged, stale or undecryptable message, or one that does not match the order.
    """

    def __init__(self, message: str, status_code: int = 400) -> None:
        self.message = message
        self.status_code = status_code
        super().__init__(message)


class ProviderError(Exception):
    """The provider's API answered with an error or could not be reached."""


@runtime_checkable
class PaymentProvider(Protocol):
    name: str

    async def create_payment(self, request: PaymentRequest) -> dict[str, Any]:
        """Start a payment; return what the client needs to pay (e.g. wx.requestPayment args)."""
        ...

    async def parse_notification(
        self, headers: dict[str, str], body: bytes
    ) -> PaymentNotification:
        """Verify and decode a notification; raise ``NotificationRejected`` on forgery,
        staleness or malformed input."""
        ...

    async def query_payment(self, order_no: str) -> PaymentNotification | None:
        """Ask the provider about an order (reconciliation); None if it knows no payment."""
        ...

    async def refund(self, request: RefundRequest) -> dict[str, Any]:
        """Ask the provider to refund part or all of a paid order. An answer with
        ``"status": "SUCCESS"`` completes the refund at once; otherwise a refund notification
        (``parse_refund_notification``) completes it later."""
        ...

    async def parse_refund_notification(self, headers: dict[str, str], body: bytes) -> RefundNotification:
        """Verify and decode a refund result notification (same rules as payments)."""
        ...
