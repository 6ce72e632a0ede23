"""Deterministic assignment of a device to a variant.

A device's bucket is a hash of (experiment key, device id), so the same device gets the same
variant on every visit without storing anything, and a different experiment key reshuffles
devices independently. Login carries the device's assignment to the customer because the
device id, not the customer id, is hashed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

BUCKETS = 10_000
HOLDOUT = "holdout"


def bucket_of(experiment_key: str, device_id: str) -> int:
    """The device's bucket in [0, BUCKETS) for this experiment."""
    digest = hashlib.sha256(f"{experiment_key}:{device_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS


def assign(
    experiment_key: str,
    device_id: str,
    variants: Sequence[tuple[str, int]],
    holdout_percent: int = 0,
) -> str:
    """The variant key for a device. ``variants`` are (key, weight) pairs; weights need not add
    to 100. The holdout, when set, takes the first ``holdout_percent`` of buckets (those devices
    see the control and are not counted in the comparison) and the rest split by weight."""
    if not variants:
        raise ValueError("variants: at least one variant is needed")
    if not 0 <= holdout_percent < 100:
        raise ValueError("holdout_percent: must be in [0, 100)")
    total = sum(weight for _, weight in variants)
    if total <= 0 or any(weight < 0 for _, weight in variants):
        raise ValueError("variants: weights must be non-negative with a positive sum")
    bucket = bucket_of(experiment_key, device_id)
    holdout_buckets = BUCKETS * holdout_percent // 100
    if bucket < holdout_buckets:
        return HOLDOUT
    # Position inside the non-holdout range, scaled to the weight total.
    position = (bucket - holdout_buckets) * total / (BUCKETS - holdout_buckets)
    running = 0
    for key, weight in variants:
        running += weight
        if position < running:
            return key
    return variants[-1][0]
