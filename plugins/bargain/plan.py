"""The cut plan: how much each helper's cut takes off, drawn from a stored seed.

A bargain's plan is a pure function of ``(seed, total_fen, cuts)``, so anyone holding the seed
can recompute it and check every recorded cut (the admin audit route does). The random numbers
come from HMAC-SHA256 over the seed and a counter, never from ``random``: the same seed gives
the same plan on every Python version and machine.

Guarantees (``tests/test_plan.py`` checks them over many seeds):

* exactly ``cuts`` amounts, each at least 1 fen, summing exactly to ``total_fen`` — so the last
  required helper lands the price on the floor, never below it;
* the first cut is the largest — strictly larger than every other whenever the money allows
  (``total_fen > cuts``), so the first helper sees a big cut and the rest feel the pull.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

PLAN_VERSION = 1

# The first cut takes between these shares of the total (before the "largest" adjustment).
FIRST_SHARE_MIN = 0.30
FIRST_SHARE_SPAN = 0.25


def new_seed() -> str:
    return secrets.token_hex(16)


def _unit(seed: str, label: str) -> float:
    """A number in [0, 1) derived from the seed and a label."""
    digest = hmac.new(seed.encode(), label.encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def helpers_needed(seed: str, at_most: int, at_least: int | None) -> int:
    """How many helpers this bargain needs: ``at_most``, or drawn from ``[at_least, at_most]``."""
    if at_least is None or at_least >= at_most:
        return at_most
    return at_least + int(_unit(seed, "helpers") * (at_most - at_least + 1))


def _split(amount: int, weights: list[float]) -> list[int]:
    """Split ``amount`` over ``weights`` proportionally; parts sum exactly (largest remainder)."""
    total = sum(weights)
    raw = [amount * weight / total for weight in weights]
    parts = [int(value) for value in raw]
    leftover = amount - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(raw[i] - parts[i]), i))
    for index in order[:leftover]:
        parts[index] += 1
    return parts


def cut_plan(seed: str, total_fen: int, cuts: int) -> list[int]:
    """The amount of every cut, in order. ``total_fen`` is start price − floor price."""
    if cuts < 1:
        raise ValueError("a plan needs at least one cut")
    if total_fen < cuts:
        raise ValueError("every cut must take at least 1 fen")
    if cuts == 1:
        return [total_fen]
    share = FIRST_SHARE_MIN + FIRST_SHARE_SPAN * _unit(seed, "first")
    first = min(max(int(total_fen * share), 1), total_fen - (cuts - 1))
    others = cuts - 1
    # Every later cut gets 1 fen, then the rest is spread by random weights in [0.2, 1.2).
    weights = [0.2 + _unit(seed, f"cut:{index}") for index in range(others)]
    rest = [1 + part for part in _split(total_fen - first - others, weights)]
    # Make the first cut the largest: move money from any later cut that reaches it. Each pass
    # leaves that cut below the (only growing) first one, so this ends within `others` passes.
    while first <= max(rest) and total_fen > cuts:
        index = max(range(others), key=lambda i: (rest[i], -i))
        moved = min((rest[index] - first) // 2 + 1, rest[index] - 1)
        if moved <= 0:
            break
        rest[index] -= moved
        first += moved
    return [first, *rest]
