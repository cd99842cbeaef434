"""The rounding rule (XBRL Calculations 1.1 style): each written figure stands for an interval.

A figure written with d decimals stands for [v - h, v + h], h = ½·10^-d (0 for counts of things,
which are exact). A sum is consistent when the stated total's interval meets the sum of the
terms' intervals, i.e. |Σ terms - total| ≤ h(total) + Σ h(term). Units are converted to a base
unit with exact Decimal arithmetic before comparing, which scales h with them.

Sign convention everywhere: difference = computed - stated.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Context, Decimal, localcontext
from typing import Sequence

from schemas import CheckStatus

ZERO = Decimal(0)
HUNDRED = Decimal(100)
# The precision unit conversions are done in: a Context object used directly, not entered with
# localcontext() for every figure (quantity() runs for each cell and text figure of a check).
WIDE = Context(prec=60)

# Which way an approximate qualifier bounds the true value.
LOWER_BOUND_QUALIFIERS = ("余", "多", "以上", "超过", "不低于", "不少于", "逾", "至少")
UPPER_BOUND_QUALIFIERS = ("不足", "以下", "不超过", "不到", "近", "以内", "至多")


@dataclass(frozen=True)
class Quantity:
    """A written figure in base units: its value and the half-width of its rounding interval."""

    value: Decimal
    half: Decimal = ZERO
    approximate: bool = False
    qualifier: str | None = None

    @property
    def lo(self) -> Decimal:
        return self.value - self.half

    @property
    def hi(self) -> Decimal:
        return self.value + self.half


def half_width(decimals: int) -> Decimal:
    """½·10^-d, exactly."""
    return Decimal(5).scaleb(-(decimals + 1))


def quantity(
    value: Decimal,
    decimals: int = 0,
    *,
    scale: Decimal = Decimal(1),
    exact: bool = False,
    approximate: bool = False,
    qualifier: str | None = None,
) -> Quantity:
    """A figure as written (value, decimals, unit scale) turned into a base-unit interval."""
    base = WIDE.multiply(value, scale)
    half = ZERO if exact else WIDE.multiply(Decimal(5).scaleb(-(decimals + 1), WIDE), scale)
    return Quantity(base, half, approximate or qualifier is not None, qualifier)


@dataclass(frozen=True)
class Result:
    """Outcome of one comparison: status plus the figures a reader needs to redo it."""

    status: CheckStatus
    stated: Decimal
    computed: Decimal
    difference: Decimal
    tolerance: Decimal
    note: str = ""
    extra: dict = field(default_factory=dict)


def status_for(difference: Decimal, tolerance: Decimal) -> CheckStatus:
    """ok when exact, rounding when within the intervals (touching counts), else discrepancy."""
    if difference == 0:
        return CheckStatus.ok
    if abs(difference) <= tolerance:
        return CheckStatus.rounding
    return CheckStatus.discrepancy


def _bound_direction(q: Quantity) -> str:
    """'lower' (true value ≥ written), 'upper' (≤) or 'both' (约, 左右: unknown side)."""
    qual = q.qualifier or ""
    if any(w in qual for w in LOWER_BOUND_QUALIFIERS):
        return "lower"
    if any(w in qual for w in UPPER_BOUND_QUALIFIERS):
        return "upper"
    return "both"


def _approximate_status(stated: Quantity, lo: Decimal, hi: Decimal) -> tuple[CheckStatus, str]:
    """An approximate stated figure is only held to its one-sided bound, never to equality."""
    direction = _bound_direction(stated)
    if direction == "lower" and hi < stated.lo:
        return CheckStatus.discrepancy, f"stated as at least {stated.value} ({stated.qualifier})"
    if direction == "upper" and lo > stated.hi:
        return CheckStatus.discrepancy, f"stated as at most {stated.value} ({stated.qualifier})"
    return CheckStatus.unverifiable, f"stated figure is approximate ({stated.qualifier or '约'})"


@dataclass(frozen=True)
class Summed:
    """Terms added up: all a comparison needs of them. Worked out once when several stated
    figures are compared with the same terms (each text figure against a table's total cell)."""

    computed: Decimal
    spread: Decimal
    approximate: bool


def add_up(terms: Sequence[Quantity], weights: Sequence[int] | None = None) -> Summed:
    """The (weighted) sum of the terms' values, the sum of their half-widths, any approximate."""
    weights = list(weights) if weights is not None else [1] * len(terms)
    computed = sum((w * t.value for w, t in zip(weights, terms)), ZERO)
    spread = sum((t.half for t in terms), ZERO)
    return Summed(computed, spread, any(t.approximate for t in terms))


def check_sum(
    total: Quantity, terms: Sequence[Quantity], weights: Sequence[int] | None = None
) -> Result:
    """Does the stated total's interval meet the (weighted) sum of the terms' intervals?"""
    return check_summed(total, add_up(terms, weights))


def check_summed(total: Quantity, summed: Summed) -> Result:
    """check_sum with the terms already added up."""
    computed, spread = summed.computed, summed.spread
    tolerance = total.half + spread
    difference = computed - total.value
    if summed.approximate:
        return Result(CheckStatus.unverifiable, total.value, computed, difference, tolerance,
                      "a term is approximate")
    if total.approximate:
        status, note = _approximate_status(total, computed - spread, computed + spread)
        return Result(status, total.value, computed, difference, tolerance, note)
    return Result(status_for(difference, tolerance), total.value, computed, difference, tolerance)


def meets(total: Quantity, term: Quantity) -> bool:
    """check_sum(total, [term]) is ok or within rounding, without building a Result: asked for
    every other cell of a column a text figure might restate (same arithmetic as check_sum)."""
    if total.approximate or term.approximate:
        return False
    difference = (ZERO + term.value) - total.value
    return difference == 0 or abs(difference) <= total.half + (ZERO + term.half)


def check_rate(part: Quantity, rate_pct: Decimal, whole: Quantity) -> Result:
    """A rate the notice applies (按…80%计算): the rate is exact, the result is rounded.

    Consistent iff p/100·I(whole) meets I(part); tolerance = h(part) + p/100·h(whole).
    """
    factor = rate_pct / HUNDRED
    computed = factor * whole.value
    tolerance = part.half + abs(factor) * whole.half
    difference = computed - part.value
    if whole.approximate or part.approximate:
        return Result(CheckStatus.unverifiable, part.value, computed, difference, tolerance,
                      "a figure is approximate")
    return Result(status_for(difference, tolerance), part.value, computed, difference, tolerance)


def check_descriptive_share(
    part: Quantity, whole: Quantity, pct: Decimal, pct_decimals: int
) -> Result:
    """A descriptive percentage (覆盖率为32%) is itself rounded to its written decimals.

    Consistent iff [part_lo/whole_hi, part_hi/whole_lo]·100 meets [p - h_p, p + h_p]. The
    computed percentage is reported to d_p + 2 decimals.
    """
    h_p = half_width(pct_decimals)
    with localcontext() as ctx:
        ctx.prec = 40
        implied = part.value / whole.value * HUNDRED
        lo = part.lo / whole.hi * HUNDRED if whole.hi else implied
        hi = part.hi / whole.lo * HUNDRED if whole.lo > 0 else implied
    computed = implied.quantize(Decimal(1).scaleb(-(pct_decimals + 2)))
    difference = computed - pct
    tolerance = h_p + max(implied - lo, hi - implied).quantize(Decimal(1).scaleb(-(pct_decimals + 2)))
    if whole.approximate or part.approximate:
        return Result(CheckStatus.unverifiable, pct, computed, difference, tolerance,
                      "a figure is approximate")
    meets = hi >= pct - h_p and lo <= pct + h_p
    if implied == pct:
        status = CheckStatus.ok
    else:
        status = CheckStatus.rounding if meets else CheckStatus.discrepancy
    return Result(status, pct, computed, difference, tolerance)
