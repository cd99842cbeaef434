"""One wrong figure, one discrepancy: failing checks that share the wrong figure are merged.

A wrong district cell breaks its city subtotal and the grand total against all districts; a
wrong city cell breaks the city against its districts and the grand total against the cities;
a wrong total cell breaks every check that uses it, text checks included. Reasoning as an auditor
would: within a group of failing checks linked by shared figures, the figures that take part in
every failing check and in no passing check are the suspects. When there are suspects, one check
stays a discrepancy (the one where a suspect is the stated figure, else the most specific) and
names them; the others become `unverifiable` with a note pointing to it, so the count of checks
performed stays the same. Independent errors (no common suspect) are all reported.
"""
from __future__ import annotations

from decimal import Decimal

from extract.normalize.units import unit_info
from schemas import Check, CheckStatus

COARSE = ("share_descriptive",)  # a rounded percentage pins its figures only to ±½ point

KIND_ORDER = ["subtotal", "table_total", "parts_vs_whole", "text_vs_table", "share_rate",
              "share_descriptive", "item_count"]


def _keys(check: Check) -> set[tuple[int, int]]:
    return {(f.start, f.end) for f in check.figures}


def _components(failing: list[Check]) -> list[list[Check]]:
    groups: list[list[Check]] = []
    for check in failing:
        keys = _keys(check)
        linked = [g for g in groups if any(_keys(c) & keys for c in g)]
        merged = [check] + [c for g in linked for c in g]
        groups = [g for g in groups if g not in linked] + [merged]
    return groups


def _in_base(value: Decimal | None, unit: str | None) -> Decimal | None:
    info = unit_info(unit) if unit else None
    return None if value is None else abs(value) * (info.scale if info else 1)


def _cleared(checks: list[Check], group: list[Check]) -> set[tuple[int, int]]:
    """Figures a passing check vouches for. A check passing within rounding vouches only when its
    tolerance is finer than the group's smallest difference (a text 36亿元 written to ±0.5 says
    nothing about a table cell off by 0.1); a rounded percentage never does."""
    diffs = [_in_base(c.difference, c.unit) for c in group]
    smallest = min((d for d in diffs if d is not None), default=None)
    out: set[tuple[int, int]] = set()
    for c in checks:
        if c.status == CheckStatus.ok or (c.status == CheckStatus.rounding and c.kind not in COARSE and
                                          smallest is not None and _in_base(c.tolerance, c.unit) < smallest):
            out |= _keys(c)
    return out


def collapse_shared_failures(checks: list[Check]) -> list[Check]:
    failing = [c for c in checks if c.status == CheckStatus.discrepancy]
    replaced: dict[int, Check] = {}
    for component in _components(failing):
        cleared = _cleared(checks, component)
        for group, suspects in _explained_groups(component, cleared):
            primary = _primary(group, suspects)
            names = _suspect_names(primary, suspects)
            note = (f"one figure explains {len(group)} failing checks: {names}; "
                    "the other checks that use it are not reported again")
            replaced[id(primary)] = primary.model_copy(update={"hint": f"{note}. {primary.hint or ''}".strip()})
            for other in group:
                if other is not primary:
                    replaced[id(other)] = _secondary(other, primary)
    return [replaced.get(id(c), c) for c in checks]


def _explained_groups(component: list[Check], cleared: set) -> list[tuple[list[Check], set]]:
    """Failing checks explained by one figure each: the figure whose one correction fixes the most
    of them (a cell 10 too high in a subtotal and in the total), taken greedily, so two
    independent errors sharing a cell are still both reported."""
    out = []
    remaining = list(component)
    while len(remaining) >= 2:
        best: list[Check] = []
        for k in sorted(set().union(*(_keys(c) for c in remaining)) - cleared):
            group = _largest_consistent(k, [c for c in remaining if k in _keys(c)])
            if len(group) > len(best):
                best = group
        if len(best) < 2:
            break
        suspects = {k for k in set.intersection(*(_keys(c) for c in best)) - cleared
                    if _consistent(k, best)}
        out.append((best, suspects))
        remaining = [c for c in remaining if all(c is not b for b in best)]
    return out


def _largest_consistent(key: tuple[int, int], checks: list[Check]) -> list[Check]:
    """The largest set of the checks that one corrected value of the figure would all fix."""
    best: list[Check] = []
    for anchor in checks:
        group = [c for c in checks if _consistent(key, [anchor, c])]
        if len(group) > len(best) and _consistent(key, group):
            best = group
    return best


def _implied_change(check: Check, key: tuple[int, int]) -> Decimal | None:
    """How much the figure must change (base units) for this check to pass; None when not linear."""
    fig = next(f for f in check.figures if (f.start, f.end) == key)
    diff = _in_base(check.difference, check.unit)
    if diff is None or check.kind in COARSE or check.difference is None:
        return None
    signed = diff if check.difference >= 0 else -diff
    return signed if fig.role == "stated" else -signed if fig.role == "term" else None


def _consistent(key: tuple[int, int], group: list[Check]) -> bool:
    """One corrected value of the figure would fix every check of the group."""
    changes = [(_implied_change(c, key), _in_base(c.tolerance, c.unit) or 0) for c in group]
    known = [(d, t) for d, t in changes if d is not None]
    if len(known) < 2:
        return True
    slack = max(t for _, t in known) * 2
    return max(d for d, _ in known) - min(d for d, _ in known) <= slack


def _primary(group: list[Check], suspects: set[tuple[int, int]]) -> Check:
    def rank(c: Check):
        stated_suspect = any(f.role == "stated" and (f.start, f.end) in suspects for f in c.figures)
        kind = KIND_ORDER.index(c.kind) if c.kind in KIND_ORDER else len(KIND_ORDER)
        return (not stated_suspect, kind, len(c.figures))
    return min(group, key=rank)


def _suspect_names(check: Check, suspects: set[tuple[int, int]]) -> str:
    figs = [f for f in check.figures if (f.start, f.end) in suspects]
    if len(figs) == 1:
        f = figs[0]
        where = f" (table row {f.row}, column {f.col})" if f.row is not None else ""
        name = f.raw if f.label in ("", f.raw, f.quote) else f"{f.label} = {f.raw}"
        return f"{name}{where}"
    return "one of " + "、".join(f"{f.label or f.quote} {f.raw}" for f in figs)


def _secondary(check: Check, primary: Check) -> Check:
    note = (f"fails only because of the discrepancy reported for {primary.subject}; "
            "not reported twice")
    return check.model_copy(update={
        "status": CheckStatus.unverifiable,
        "hint": note,
        "message": check.message.replace("; DISCREPANCY)", "; explained elsewhere)") + f" — {note}",
    })
