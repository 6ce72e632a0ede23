"""The statistics against published values (R's t.test on the sleep data, chi-square and t
tables, prop.test without continuity correction) and by simulation."""

from __future__ import annotations

import math

import pytest

from plugins.experiments.stats import (
    chi_square_sf,
    compare_proportions,
    sample_ratio_check,
    student_t_ppf,
    verdict,
    welch,
)

# R's built-in sleep data: extra hours of sleep under two drugs.
SLEEP_DRUG_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_DRUG_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def test_welch_matches_r_t_test_on_sleep_data() -> None:
    # R: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776, p-value = 0.07939,
    # 95 percent CI -3.3654832 0.2054832 (group 1 minus group 2).
    result = welch(control=SLEEP_DRUG_2, variant=SLEEP_DRUG_1)
    assert result.statistic == pytest.approx(-1.8608, abs=1e-4)
    assert result.p_value == pytest.approx(0.07939, abs=1e-5)
    assert result.low == pytest.approx(-3.3654832, abs=1e-5)
    assert result.high == pytest.approx(0.2054832, abs=1e-5)


def test_two_proportion_z_test_matches_prop_test() -> None:
    # R: prop.test(c(250, 200), c(1000, 1000), correct = FALSE) -> X-squared = 7.1685,
    # p-value = 0.00742; z is its square root.
    result = compare_proportions(200, 1000, 250, 1000)
    assert result.statistic == pytest.approx(math.sqrt(7.1685), abs=1e-3)
    assert result.p_value == pytest.approx(0.00742, abs=1e-5)
    assert result.difference == pytest.approx(0.05)
    assert result.uplift == pytest.approx(0.25)
    # Unpooled interval: 0.05 ± 1.959964 * sqrt(.2*.8/1000 + .25*.75/1000) = 0.05 ± 0.036536
    assert result.low == pytest.approx(0.05 - 0.036536, abs=1e-5)
    assert result.chance_to_beat is not None and result.chance_to_beat > 0.99


@pytest.mark.parametrize(
    ("statistic", "df", "p_value"),
    [(3.841, 1, 0.05), (10.828, 1, 0.001), (6.0, 2, math.exp(-3)), (18.307, 10, 0.05), (29.588, 10, 0.001)],
)
def test_chi_square_matches_tables(statistic: float, df: int, p_value: float) -> None:
    assert chi_square_sf(statistic, df) == pytest.approx(p_value, rel=2e-3)


@pytest.mark.parametrize(("df", "quantile"), [(1, 12.706), (10, 2.228), (30, 2.042), (1000, 1.962)])
def test_t_quantiles_match_tables(df: int, quantile: float) -> None:
    assert student_t_ppf(0.975, df) == pytest.approx(quantile, abs=1e-3)


def test_sample_ratio_mismatch_is_flagged_below_one_in_a_thousand() -> None:
    skewed = sample_ratio_check([10_000, 10_500], [50, 50])  # chi2 = 12.195, p = 0.00048
    assert skewed.statistic == pytest.approx(12.195, abs=1e-3)
    assert skewed.mismatch
    assert not sample_ratio_check([10_000, 10_100], [50, 50]).mismatch
    assert not sample_ratio_check([2_000, 8_000], [20, 80]).mismatch


def test_no_winner_before_the_minimum_sample() -> None:
    result = compare_proportions(20, 100, 40, 100)
    srm = sample_ratio_check([100, 100], [1, 1])
    assert result.p_value < 0.01
    assert verdict(result, [100, 100], minimum_sample=1000, srm=srm) == "collecting"
    assert verdict(result, [100, 100], minimum_sample=100, srm=srm) == "variant_wins"


def _simulate_winners(rate_a: float, rate_b: float, visitors: int, runs: int, seed: int) -> float:
    numpy = pytest.importorskip("numpy")
    generator = numpy.random.default_rng(seed)
    wins = 0
    for _ in range(runs):
        conversions_a = int(generator.binomial(visitors, rate_a))
        conversions_b = int(generator.binomial(visitors, rate_b))
        result = compare_proportions(conversions_a, visitors, conversions_b, visitors)
        srm = sample_ratio_check([visitors, visitors], [1, 1])
        if verdict(result, [visitors, visitors], minimum_sample=visitors, srm=srm).endswith("_wins"):
            wins += 1
    return wins / runs


def test_simulation_finds_a_true_ten_percent_uplift() -> None:
    # 10 % -> 11 % conversion, 20k visitors per arm: power is about 0.90 by formula.
    assert _simulate_winners(0.10, 0.11, 20_000, runs=200, seed=18) >= 0.8


def test_simulation_keeps_false_winners_at_five_percent() -> None:
    assert _simulate_winners(0.10, 0.10, 20_000, runs=200, seed=19) <= 0.05 + 0.03
