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

from schemas import Check, CheckStatus

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


def collapse_shared_failures(checks: list[Check]) -> list[Check]:
    failing = [c for c in checks if c.status == CheckStatus.discrepancy]
    passing_keys = set().union(*(_keys(c) for c in checks
                                 if c.status in (CheckStatus.ok, CheckStatus.rounding)))
    replaced: dict[int, Check] = {}
    for group in _components(failing):
        if len(group) < 2:
            continue
        suspects = set.intersection(*(_keys(c) for c in group)) - passing_keys
        if not suspects:
            continue
        primary = _primary(group, suspects)
        names = _suspect_names(primary, suspects)
        note = (f"one figure explains {len(group)} failing checks: {names}; "
                "the other checks that use it are not reported again")
        replaced[id(primary)] = primary.model_copy(update={"hint": f"{note}. {primary.hint or ''}".strip()})
        for other in group:
            if other is not primary:
                replaced[id(other)] = _secondary(other, primary)
    return [replaced.get(id(c), c) for c in checks]


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
