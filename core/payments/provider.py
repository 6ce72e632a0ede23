"""The interface every payment provider implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from core.errors import KaidianError


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


# How a problem names a provider that does not say who it is.
UNNAMED_PROVIDER = {"zh-CN": "支付服务商", "en": "The payment provider"}


class ProviderError(KaidianError):
    """The provider's API refused a call or answered something unusable: a 502 problem naming
    the provider. ``str(error)`` is the technical detail, for logs and ``send_error``."""

    status_code = 502
    code = "payment_provider_failed"

    def __init__(self, detail: str, *, provider: dict[str, str] | None = None) -> None:
        super().__init__(provider=provider or UNNAMED_PROVIDER)
        self.detail = detail

    def __str__(self) -> str:
        return self.detail


class ProviderUnavailable(ProviderError):
    """The provider could not be reached, timed out or answered a server error (5xx, 429):
    nothing was decided there, so the same call may simply be made again later. A 503 problem
    naming the provider and asking to retry, with ``Retry-After``."""

    status_code = 503
    code = "payment_provider_unavailable"
    retry_after_seconds = 30

    def __init__(self, detail: str, *, provider: dict[str, str] | None = None) -> None:
        super().__init__(detail, provider=provider)
        self.headers["Retry-After"] = str(self.retry_after_seconds)


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
