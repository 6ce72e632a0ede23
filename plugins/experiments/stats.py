"""Statistics for experiment results, with no dependency beyond the standard library.

Method (fixed horizon, as GrowthBook's frequentist engine; see research/wave2.md):
- proportion goals (block CTR, add-to-cart rate, order conversion): two-proportion z-test with
  the pooled standard error for the p-value and the unpooled one for the 95 % interval of the
  difference; Bayesian chance to beat control from Beta(1+c, 1+n-c) posteriors (normal
  approximation of the difference, accurate at experiment sizes);
- GMV per visitor (fen): Welch's t-test on per-visitor sums, Welch–Satterthwaite degrees of
  freedom;
- sample-ratio mismatch: chi-square goodness of fit of the visitors against the planned split,
  flagged below p = 0.001;
- peeking guard: no winner is called until every arm has reached the minimum sample and the SRM
  check passes; before that the result reads "collecting".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

STANDARD_NORMAL = NormalDist()
SRM_THRESHOLD = 0.001
ALPHA = 0.05


@dataclass(frozen=True)
class Comparison:
    """A variant against the control: difference (variant − control), its 95 % interval,
    the relative uplift, the statistic, the two-sided p-value and the chance to beat control."""

    difference: float
    low: float
    high: float
    uplift: float | None
    statistic: float
    p_value: float
    chance_to_beat: float | None = None


def _two_sided(z: float) -> float:
    return 2 * (1 - STANDARD_NORMAL.cdf(abs(z)))


def compare_proportions(
    control_conversions: int, control_visitors: int, variant_conversions: int, variant_visitors: int
) -> Comparison:
    """Two-proportion z-test of variant against control."""
    if control_visitors <= 0 or variant_visitors <= 0:
        raise ValueError("visitors: every arm needs at least one visitor")
    rate_a = control_conversions / control_visitors
    rate_b = variant_conversions / variant_visitors
    difference = rate_b - rate_a
    pooled = (control_conversions + variant_conversions) / (control_visitors + variant_visitors)
    pooled_se = math.sqrt(pooled * (1 - pooled) * (1 / control_visitors + 1 / variant_visitors))
    z = difference / pooled_se if pooled_se > 0 else 0.0
    se = math.sqrt(rate_a * (1 - rate_a) / control_visitors + rate_b * (1 - rate_b) / variant_visitors)
    margin = STANDARD_NORMAL.inv_cdf(1 - ALPHA / 2) * se
    return Comparison(
        difference=difference,
        low=difference - margin,
        high=difference + margin,
        uplift=difference / rate_a if rate_a > 0 else None,
        statistic=z,
        p_value=_two_sided(z) if pooled_se > 0 else 1.0,
        chance_to_beat=chance_to_beat_control(
            control_conversions, control_visitors, variant_conversions, variant_visitors
        ),
    )


def chance_to_beat_control(
    control_conversions: int, control_visitors: int, variant_conversions: int, variant_visitors: int
) -> float:
    """P(variant rate > control rate) under uniform priors, Beta posteriors."""

    def beta_moments(conversions: int, visitors: int) -> tuple[float, float]:
        a, b = 1 + conversions, 1 + visitors - conversions
        return a / (a + b), a * b / ((a + b) ** 2 * (a + b + 1))

    mean_a, var_a = beta_moments(control_conversions, control_visitors)
    mean_b, var_b = beta_moments(variant_conversions, variant_visitors)
    return STANDARD_NORMAL.cdf((mean_b - mean_a) / math.sqrt(var_a + var_b))


def _mean_variance(values: Sequence[float]) -> tuple[float, float]:
    n = len(values)
    mean = sum(values) / n
    return mean, sum((v - mean) ** 2 for v in values) / (n - 1)


def welch(control: Sequence[float], variant: Sequence[float]) -> Comparison:
    """Welch's t-test of variant mean against control mean (e.g. GMV per visitor in fen)."""
    if len(control) < 2 or len(variant) < 2:
        raise ValueError("visitors: Welch's test needs at least two visitors per arm")
    return welch_from_moments(*_mean_variance(control), len(control), *_mean_variance(variant), len(variant))


def welch_from_moments(
    mean_a: float, var_a: float, n_a: int, mean_b: float, var_b: float, n_b: int
) -> Comparison:
    """Welch's test from per-arm mean, sample variance and count (what SQL aggregates give)."""
    share_a, share_b = var_a / n_a, var_b / n_b
    se = math.sqrt(share_a + share_b)
    difference = mean_b - mean_a
    if se == 0:
        return Comparison(difference, difference, difference, None, 0.0, 1.0)
    t = difference / se
    df = (share_a + share_b) ** 2 / (share_a**2 / (n_a - 1) + share_b**2 / (n_b - 1))
    margin = student_t_ppf(1 - ALPHA / 2, df) * se
    return Comparison(
        difference=difference,
        low=difference - margin,
        high=difference + margin,
        uplift=difference / mean_a if mean_a else None,
        statistic=t,
        p_value=2 * student_t_sf(abs(t), df),
    )


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b) by its continued fraction (modified Lentz)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    if x > (a + 1) / (a + b + 2):
        return 1 - _incomplete_beta(b, a, 1 - x)
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    tiny = 1e-300
    c, d = 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1) < 1e-14:
            break
    return math.exp(log_front) * result / a


def student_t_sf(t: float, df: float) -> float:
    """P(T > t) for Student's t with ``df`` degrees of freedom, t ≥ 0."""
    return 0.5 * _incomplete_beta(df / 2, 0.5, df / (df + t * t))


def student_t_ppf(probability: float, df: float) -> float:
    """The t quantile, by bisection on the survival function (monotone, so it converges)."""
    low, high = 0.0, 1000.0
    target = 1 - probability
    for _ in range(200):
        middle = (low + high) / 2
        if student_t_sf(middle, df) > target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def chi_square_sf(statistic: float, df: int) -> float:
    """P(X > statistic) for chi-square with ``df`` degrees of freedom (regularised upper gamma)."""
    if statistic <= 0:
        return 1.0
    a, x = df / 2, statistic / 2
    if x < a + 1:  # series for the lower gamma
        term = total = 1 / a
        n = a
        while abs(term) > abs(total) * 1e-15:
            n += 1
            term *= x / n
            total += term
        return max(0.0, 1 - total * math.exp(-x + a * math.log(x) - math.lgamma(a)))
    tiny = 1e-300  # continued fraction for the upper gamma
    b = x + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 300):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = 1 / (d if abs(d) > tiny else tiny)
        c = b + an / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return math.exp(-x + a * math.log(x) - math.lgamma(a)) * h


@dataclass(frozen=True)
class SampleRatio:
    statistic: float
    p_value: float
    mismatch: bool


def sample_ratio_check(visitors: Sequence[int], weights: Sequence[float]) -> SampleRatio:
    """Chi-square goodness of fit of the visitors per arm against the planned weights."""
    total = sum(visitors)
    weight_total = sum(weights)
    if total == 0 or len(visitors) < 2:
        return SampleRatio(0.0, 1.0, False)
    statistic = 0.0
    for observed, weight in zip(visitors, weights, strict=True):
        expected = total * weight / weight_total
        statistic += (observed - expected) ** 2 / expected
    p_value = chi_square_sf(statistic, len(visitors) - 1)
    return SampleRatio(statistic, p_value, p_value < SRM_THRESHOLD)


def verdict(comparison: Comparison, visitors: Sequence[int], minimum_sample: int, srm: SampleRatio) -> str:
    """``collecting`` until every arm has the minimum sample, ``sample_ratio_mismatch`` when the
    split is off (results are not to be trusted), else ``variant_wins`` / ``control_wins`` when
    the difference is significant at 5 %, or ``no_difference``."""
    if min(visitors) < minimum_sample:
        return "collecting"
    if srm.mismatch:
        return "sample_ratio_mismatch"
    if comparison.p_value >= ALPHA:
        return "no_difference"
    return "variant_wins" if comparison.difference > 0 else "control_wins"
