"""Shared pieces of the checks: figures as intervals, Figure rows, Check rows and hints.

Why one place: table checks and text checks must turn figures into intervals the same way (table
cells with the column precision d_eff, text figures with their own decimals, counts exact,
units converted exactly), and must report in the same shape and wording.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from extract import rx as regex

from extract.normalize.numbers import FigureMatch
from extract.normalize.units import UnitInfo
from extract.reconcile.intervals import Quantity, Result, quantity
from extract.tables import ParsedCell
from schemas import Check, CheckStatus, Figure

NUMBER_ONLY = regex.compile(r"^[\d.,，．]+$")
# Qualifiers that bound a figure (not approximate in the 约 sense, but not an equality either).
BOUNDS = ("不低于", "不少于", "不超过", "不高于", "不足", "超过", "高于", "低于", "多于", "少于",
          "以上", "以下", "以内")


@dataclass(frozen=True)
class Term:
    """A figure taking part in a check: its interval, its unit, and how to report it."""

    q: Quantity
    unit: UnitInfo | None
    figure: Figure

    @property
    def key(self) -> tuple[int, int]:
        return (self.figure.start, self.figure.end)


def fmt(value: Decimal | None) -> str:
    """A Decimal as plain text, without exponent or spurious trailing zeros."""
    if value is None:
        return "?"
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    text = format(value.normalize(), "f")
    return text


def cell_term(cell: ParsedCell, role: str, label: str, table_index: int) -> Term:
    """A table cell as a term: precision d_eff (the column's), exact when the column counts things.
    Callers keep the terms they ask for again (table_checks per table, text_vs_table per column):
    they may be shared between checks, so never modify one."""
    q = cell_quantity(cell)
    fig = Figure(role=role, label=label, raw=cell.raw, value=cell.value, decimals=cell.decimals,
                 exact=cell.exact, quote=cell.raw, start=cell.start, end=cell.end,
                 table_index=table_index, row=cell.row, col=cell.col)
    return Term(q, cell.unit, fig)


def cell_quantity(cell: ParsedCell) -> Quantity:
    """A table cell's interval: precision d_eff, exact when the column counts things in its own unit."""
    return quantity(cell.value, cell.d_eff, scale=cell.scale, exact=cell.exact and cell.scale == 1)


def text_quantity(fig: FigureMatch) -> Quantity:
    """A text figure's interval (its own decimals; a bounding or approximate qualifier kept)."""
    qual = fig.qualifier if (fig.approximate or fig.qualifier in BOUNDS) else None
    # A count is exact only in its own unit: 50.93万人 is rounded to the hundred.
    return quantity(fig.value, fig.number.decimals, scale=fig.unit.scale,
                    exact=fig.unit.is_count and fig.unit.scale == 1, qualifier=qual)


def text_term(fig: FigureMatch, role: str, label: str, offset: int = 0) -> Term:
    """A figure found in running text (offset: where the scanned text starts in Document.text)."""
    q = text_quantity(fig)
    figure = Figure(role=role, label=label, raw=fig.raw, value=fig.value, decimals=fig.number.decimals,
                    exact=fig.unit.is_count, quote=fig.raw, start=offset + fig.start,
                    end=offset + fig.end)
    return Term(q, fig.unit, figure)


def same_base(a: UnitInfo | None, b: UnitInfo | None) -> bool:
    """Comparable units: same base unit (户 and 户（套）, 万元 and 元); unknown matches unknown."""
    if a is None or b is None:
        return a is None and b is None
    return a.base == b.base


def in_unit(value: Decimal, unit: UnitInfo | None) -> Decimal:
    """A base-unit value expressed in the stated figure's unit (exact: powers of ten)."""
    if unit is None or unit.scale == 1:
        return value
    return (value / unit.scale).normalize() if value else Decimal(0)


def unit_name(unit: UnitInfo | None) -> str:
    return unit.normalized if unit else ""


DEFAULT_HINTS = {
    "text_vs_table": "the text and the table give different figures",
    "share_rate": "the amount is not the stated share of its base",
    "item_count": "the number of items listed differs from the count stated",
}


def hint_for(result: Result, stated: Term, terms: Sequence[Term], kind: str = "") -> str | None:
    """Cheap, high-value explanations of a discrepancy (in the order an auditor would try them)."""
    if result.status != CheckStatus.discrepancy:
        return None
    diff, total = result.difference, result.stated
    if total and diff == total:
        return "the members add to twice the total: rows of different levels were summed together"
    same = [t for t in terms if t.q.value == abs(diff)]
    if same:
        which = "listed twice" if diff > 0 else "missing"
        return f"the difference equals {same[0].figure.label or same[0].figure.raw}: a part may be {which}"
    for k in (1, 2, 3, 4, 8):
        if total and (diff == total * (Decimal(10) ** k - 1) or -diff == total * (1 - Decimal(10) ** -k)):
            return "the difference is a power-of-ten multiple of the total: a unit mix-up (万 vs 元)?"
    if kind in DEFAULT_HINTS:
        return DEFAULT_HINTS[kind]
    if diff == diff.to_integral_value() and abs(diff) % 9 == 0 and abs(diff) >= 9:
        return "the difference is a multiple of 9: two digits may be transposed"
    return "the parts listed do not add up to the stated figure"


def make_check(
    kind: str, result: Result, stated: Term, terms: Sequence[Term], *, subject: str, message: str,
    table_index: int | None = None, extra_figures: Sequence[Figure] = (), hint: str | None = None,
) -> Check:
    """A Check row in the stated figure's unit, with every figure involved."""
    unit = stated.unit
    if hint is None:
        hint = result.note or hint_for(result, stated, terms, kind)
    return Check(
        kind=kind, status=result.status, subject=subject,
        stated=stated.figure.value, computed=in_unit(result.computed, unit),
        difference=in_unit(result.difference, unit), tolerance=in_unit(result.tolerance, unit),
        unit=unit_name(unit), message=message, hint=hint, table_index=table_index,
        figures=[stated.figure, *[t.figure for t in terms], *extra_figures],
    )


STATUS_WORDS = {
    CheckStatus.ok: "ok",
    CheckStatus.rounding: "within rounding",
    CheckStatus.discrepancy: "DISCREPANCY",
    CheckStatus.unverifiable: "not checkable",
}


def sum_message(subject: str, stated: Term, result: Result, what: str) -> str:
    """'全区 楼栋数: stated 915 栋, members sum to 915 (ok)'."""
    unit = unit_name(stated.unit)
    computed = fmt(in_unit(result.computed, stated.unit))
    raw = stated.figure.raw
    shown = raw if not NUMBER_ONLY.match(raw) else f"{raw} {unit}".rstrip()
    text = f"{subject}: stated {shown}" + f", {what} {computed} {unit}".rstrip()
    if result.status != CheckStatus.ok:
        diff = fmt(in_unit(result.difference, stated.unit))
        tol = fmt(in_unit(result.tolerance, stated.unit))
        text += f" (difference {diff}, tolerance {tol}; {STATUS_WORDS[result.status]})"
    else:
        text += " (ok)"
    return text
