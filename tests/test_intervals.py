"""The rounding rule: hand-worked examples (STORE-AND-CHECKS B3) and property tests."""
from __future__ import annotations

import random
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal as D

from hypothesis import given, settings, strategies as st

from extract.reconcile.intervals import (
    check_descriptive_share, check_rate, check_sum, half_width, quantity,
)
from schemas import CheckStatus

WAN = D(10000)


def q(raw: str, *, exact: bool = False, scale: D = D(1), qualifier: str | None = None):
    value = D(raw)
    decimals = max(0, -value.as_tuple().exponent)
    return quantity(value, decimals, scale=scale, exact=exact, qualifier=qualifier)


def test_half_width_is_exact():
    assert half_width(0) == D("0.5")
    assert half_width(2) == D("0.005")
    assert half_width(-1) == D("5")


def test_rate_80_percent_of_8294_52_is_rounding():
    r = check_rate(q("6636"), D(80), q("8294.52"))
    assert r.status == CheckStatus.rounding
    assert r.computed == D("6635.616")
    assert r.difference == D("-0.384")
    assert r.tolerance == D("0.504")


def test_rate_counterfactual_6600_is_discrepancy():
    r = check_rate(q("6600"), D(80), q("8294.52"))
    assert r.status == CheckStatus.discrepancy
    assert r.difference == D("35.616")


def test_buildings_84_vs_81_is_discrepancy_with_zero_tolerance():
    r = check_sum(q("84", exact=True), [q("35", exact=True), q("29", exact=True), q("17", exact=True)])
    assert r.status == CheckStatus.discrepancy
    assert (r.computed, r.difference, r.tolerance) == (D(81), D(-3), D(0))


def test_buildings_still_discrepancy_if_treated_as_rounded():
    r = check_sum(q("84"), [q("35"), q("29"), q("17")])
    assert r.status == CheckStatus.discrepancy
    assert r.tolerance == D("2.0")


def test_calc11_spec_example():
    r = check_sum(q("57.6"), [q("12.1"), q("45.4")])
    assert r.status == CheckStatus.rounding
    assert r.difference == D("-0.1") and r.tolerance == D("0.15")
    assert check_sum(q("57.7"), [q("12.1"), q("45.4")]).status == CheckStatus.discrepancy


def test_area_in_wan_m2_against_parts_in_m2_is_exact():
    r = check_sum(q("24.7891", scale=WAN), [q("64180"), q("101452"), q("82259")])
    assert r.status == CheckStatus.ok
    assert r.computed == D(247891) and r.difference == 0
    assert r.tolerance == D("2.0")  # 0.00005万 = 0.5 m², plus 3 × 0.5 m²


def test_funding_components():
    assert check_sum(q("17808.68"), [q("9381.269"), q("8427.411")]).status == CheckStatus.ok
    r = check_sum(q("8294.52"), [q("6636"), q("1658.52")])
    assert r.status == CheckStatus.ok and r.tolerance == D("0.510")


def test_mixed_decimals():
    assert check_sum(q("10.3"), [q("2.25"), q("8")]).status == CheckStatus.rounding
    assert check_sum(q("10.4"), [q("2.25"), q("8.00")]).status == CheckStatus.discrepancy


def test_counts_off_by_one_are_discrepancies():
    r = check_sum(q("33150", exact=True), [q("22531", exact=True), q("10618", exact=True)])
    assert r.status == CheckStatus.discrepancy and r.difference == -1


def test_approximate_total_is_not_held_to_equality():
    r = check_sum(q("3000", exact=True, qualifier="余"), [q("1600", exact=True), q("1500", exact=True)])
    assert r.status == CheckStatus.unverifiable
    r = check_sum(q("3000", exact=True, qualifier="余"), [q("1000", exact=True), q("1500", exact=True)])
    assert r.status == CheckStatus.discrepancy  # "more than 3000" but the parts give 2500
    r = check_sum(q("3000", exact=True, qualifier="约"), [q("1000", exact=True), q("1500", exact=True)])
    assert r.status == CheckStatus.unverifiable


def test_descriptive_share():
    r = check_descriptive_share(q("47", exact=True), q("149", exact=True), D(32), 0)
    assert r.status == CheckStatus.rounding and r.computed == D("31.54")
    r = check_descriptive_share(q("47", exact=True), q("149", exact=True), D(35), 0)
    assert r.status == CheckStatus.discrepancy
    r = check_descriptive_share(q("1", exact=True), q("4", exact=True), D(25), 0)
    assert r.status == CheckStatus.ok


# ---------------------------------------------------------------- properties

MODES = st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN])


def _round(value: D, decimals: int, mode) -> D:
    return value.quantize(D(1).scaleb(-decimals), rounding=mode)


@st.composite
def rounded_sums(draw):
    """True values (4 decimals) that add up exactly; each term and the total rounded independently."""
    n = draw(st.integers(1, 12))
    trues = [D(draw(st.integers(0, 10**9))).scaleb(-4) for _ in range(n)]
    mode = draw(MODES)
    terms = []
    for t in trues:
        d = draw(st.integers(0, 4))
        terms.append(quantity(_round(t, d, mode), d))
    d_total = draw(st.integers(0, 4))
    total = quantity(_round(sum(trues), d_total, mode), d_total)
    return total, terms


@settings(max_examples=2000, deadline=None)
@given(rounded_sums())
def test_soundness_rounded_consistent_data_is_never_flagged(case):
    total, terms = case
    assert check_sum(total, terms).status != CheckStatus.discrepancy


@st.composite
def exact_sums(draw):
    n = draw(st.integers(1, 10))
    decimals = [draw(st.integers(0, 3)) for _ in range(n)]
    terms = [quantity(D(draw(st.integers(0, 10**7))).scaleb(-d), d) for d in decimals]
    d_total = max(decimals)
    total = quantity(sum(t.value for t in terms), d_total)
    return total, terms


@settings(max_examples=1000, deadline=None)
@given(exact_sums(), st.integers(0, 10), st.integers(1, 10**6), st.booleans())
def test_sensitivity_perturbation_beyond_tolerance_is_flagged(case, which, extra, negative):
    total, terms = case
    tol = check_sum(total, terms).tolerance
    error = tol + D(extra).scaleb(-6)
    if negative:
        error = -error
    idx = which % (len(terms) + 1)
    if idx == len(terms):
        total = type(total)(total.value + error, total.half)
    else:
        terms = list(terms)
        terms[idx] = type(terms[idx])(terms[idx].value + error, terms[idx].half)
    assert check_sum(total, terms).status == CheckStatus.discrepancy


@settings(max_examples=500, deadline=None)
@given(exact_sums(), st.randoms(use_true_random=False), st.integers(-8, 8))
def test_invariance_under_permutation_and_scaling(case, rnd: random.Random, k):
    total, terms = case
    base = check_sum(total, terms)
    shuffled = list(terms)
    rnd.shuffle(shuffled)
    assert check_sum(total, shuffled) == base
    scale = D(1).scaleb(k)
    scaled = [quantity(t.value, 0, scale=scale) for t in terms]
    scaled = [type(s)(s.value, t.half * scale) for s, t in zip(scaled, terms)]
    r = check_sum(type(total)(total.value * scale, total.half * scale), scaled)
    assert r.status == base.status
    assert r.difference == base.difference * scale and r.tolerance == base.tolerance * scale


def test_scaling_wan_yuan_via_decimals():
    """6636万元 ± 0.5万 equals 66360000元 written with d = -4."""
    a = quantity(D("6636"), 0, scale=WAN)
    b = quantity(D("66360000"), -4)
    assert (a.value, a.half) == (b.value, b.half)
