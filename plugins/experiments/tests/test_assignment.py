"""Assignment is deterministic, follows the split and reshuffles per experiment."""

from __future__ import annotations

from collections import Counter

import pytest

from plugins.experiments.assignment import HOLDOUT, assign
from plugins.experiments.stats import sample_ratio_check


def test_same_device_gets_the_same_variant_every_time() -> None:
    variants = [("control", 50), ("b", 50)]
    first = [assign("exp-1", f"device-{i}", variants) for i in range(200)]
    again = [assign("exp-1", f"device-{i}", variants) for i in range(200)]
    assert first == again
    assert set(first) == {"control", "b"}


def test_split_follows_the_weights_without_sample_ratio_mismatch() -> None:
    variants = [("control", 20), ("b", 30), ("c", 50)]
    counts = Counter(assign("exp-split", f"d{i}", variants) for i in range(30_000))
    check = sample_ratio_check([counts["control"], counts["b"], counts["c"]], [20, 30, 50])
    assert not check.mismatch, counts


def test_holdout_takes_its_share_first() -> None:
    counts = Counter(assign("exp-h", f"d{i}", [("control", 1), ("b", 1)], holdout_percent=10) for i in range(20_000))
    assert counts[HOLDOUT] / 20_000 == pytest.approx(0.10, abs=0.01)


def test_experiments_shuffle_devices_independently() -> None:
    variants = [("control", 1), ("b", 1)]
    same = sum(assign("exp-x", f"d{i}", variants) == assign("exp-y", f"d{i}", variants) for i in range(4_000))
    assert same / 4_000 == pytest.approx(0.5, abs=0.04)


def test_bad_split_is_refused_with_the_field_named() -> None:
    with pytest.raises(ValueError, match="variants"):
        assign("e", "d", [("control", 0)])
    with pytest.raises(ValueError, match="holdout_percent"):
        assign("e", "d", [("control", 1)], holdout_percent=100)
