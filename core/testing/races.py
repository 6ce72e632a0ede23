"""Racing one customer against themselves: the same request sent several times at once, each
with its own ``Idempotency-Key`` (two taps, two devices, a retrying client), as a "one per
customer" rule must withstand on every database.

Plugin tests use it as::

    outcome = await race_same_customer(lambda: client.post(url, json=body, headers=fresh_key(headers)))
    outcome.assert_winners(1)
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

DEFAULT_TAPS = 5


def fresh_key(headers: dict[str, str]) -> dict[str, str]:
    """The customer's headers with a new ``Idempotency-Key``: each tap is a distinct request."""
    return {**headers, "Idempotency-Key": uuid.uuid4().hex}


@dataclass(frozen=True)
class RaceOutcome:
    responses: list[Any]

    @property
    def winners(self) -> list[Any]:
        return [response for response in self.responses if 200 <= response.status_code < 300]

    @property
    def losers(self) -> list[Any]:
        return [response for response in self.responses if not 200 <= response.status_code < 300]

    def assert_winners(self, expected: int, *, refused: Iterable[int] = (409,)) -> None:
        """Exactly ``expected`` requests succeeded; every other was refused with one of the
        ``refused`` statuses and a problem body naming why (never a 500 or a deadlock)."""
        allowed = set(refused)
        summary = [(response.status_code, response.text[:160]) for response in self.responses]
        assert len(self.winners) == expected, f"{len(self.winners)} of {len(self.responses)} succeeded, expected {expected}: {summary}"
        for response in self.losers:
            assert response.status_code in allowed, f"a loser answered {response.status_code}: {summary}"
            assert response.json().get("message"), summary


async def race_same_customer(send: Callable[[], Awaitable[Any]], taps: int = DEFAULT_TAPS) -> RaceOutcome:
    """Start ``taps`` calls of ``send`` together and wait for all of them.

    ``send`` makes one request of the same customer (use ``fresh_key`` for its headers). The
    calls are started before any of them awaits, so their transactions overlap on a database
    with row locks (SQLite serialises them, where the rule must hold all the same).
    """
    responses = await asyncio.gather(*(send() for _ in range(taps)))
    return RaceOutcome(list(responses))
