"""Score the reconciliation checks against the discrepancies a truth file expects.

Why: the held-out notices (tests/fixtures/heldout) plant exactly one wrong figure in two notices
and keep every other figure consistent. A check is right when it flags the planted figure with the
planted stated/computed pair, and wrong when it flags a consistent figure (a false discrepancy),
which is the costlier error: a reader stops trusting the report.

A truth file may carry `expected_discrepancies`: a list of {kind, stated, computed, quote,
context?, table_index?, row?, col?}. A discrepancy check matches an expected one when one of its
figures stands on the expected quote or cell; it then agrees when {stated, computed} have the same
ratio as the expected pair (so 1562 vs 1552 万元 equals 15620000 vs 15520000 元).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from schemas import Check, CheckStatus


@dataclass
class CheckScore:
    """Planted discrepancies found or missed, and discrepancies on consistent figures."""

    expected: int = 0
    found: int = 0
    missed: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    false_checks: list[tuple[str, Check]] = field(default_factory=list)
    found_checks: list[tuple[str, Check]] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)

    def add(self, other: "CheckScore") -> None:
        self.expected += other.expected
        self.found += other.found
        self.missed += other.missed
        self.wrong_values += other.wrong_values
        self.false += other.false
        self.false_checks += other.false_checks
        self.found_checks += other.found_checks
        for k, v in other.statuses.items():
            self.statuses[k] = self.statuses.get(k, 0) + v


def expected_spans(exp: dict, doc, loc) -> list[tuple[int, int]]:
    """Where an expected discrepancy stands: its table cell and/or its text quote."""
    spans: list[tuple[int, int]] = []
    if "table_index" in exp:
        tables = doc.tables()
        if exp["table_index"] < len(tables):
            cell = tables[exp["table_index"]].table.cell_at(exp["row"], exp["col"])
            if cell is not None:
                spans.append((cell.start, cell.end))
    if exp.get("quote"):
        try:
            spans.append(loc.locate(exp["quote"], exp.get("context")))
        except ValueError:
            pass
    return spans


def _touches(check: Check, spans: list[tuple[int, int]]) -> bool:
    return any(min(e, f.end) > max(s, f.start) for f in check.figures for s, e in spans)


def _ratio(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return a / b if a is not None and b else None


def values_agree(check: Check, exp: dict) -> bool:
    """Same stated/computed pair up to a unit scale, in either orientation. A computed rate the
    check reports to more decimals than the truth wrote (64.062 for 64.1) agrees when rounded to them."""
    want = _ratio(Decimal(exp["stated"]), Decimal(exp["computed"]))
    got = _ratio(check.stated, check.computed)
    if got is not None and want is not None and (got == want or got * want == 1):
        return True
    computed = Decimal(exp["computed"])
    if check.stated == Decimal(exp["stated"]) and check.computed is not None and computed.as_tuple().exponent < 0:
        return check.computed.quantize(computed) == computed
    return False


def _describe(n: str, c: Check) -> str:
    where = f" table {c.table_index}" if c.table_index is not None else ""
    quotes = ", ".join(f"{f.role}:{f.quote}@{f.row},{f.col}" if f.row is not None else f"{f.role}:{f.quote}"
                       for f in c.figures[:6])
    return f"{n}: {c.kind}{where} stated {c.stated} computed {c.computed} [{quotes}] {c.message[:140]}"


def score_checks(n: str, truth: dict, notice, loc) -> CheckScore:
    """Compare the notice's discrepancy checks with the truth's expected_discrepancies."""
    out = CheckScore()
    for c in notice.checks:
        out.statuses[c.status.value] = out.statuses.get(c.status.value, 0) + 1
    flagged = [c for c in notice.checks if c.status == CheckStatus.discrepancy]
    used: set[int] = set()
    for exp in truth.get("expected_discrepancies", []):
        out.expected += 1
        spans = expected_spans(exp, notice.document, loc)
        hits = [i for i, c in enumerate(flagged) if _touches(c, spans)]
        good = [i for i in hits if values_agree(flagged[i], exp)]
        used.update(hits)
        label = f"{n}: {exp['kind']} stated {exp['stated']} computed {exp['computed']} «{exp.get('quote')}»"
        if good:
            out.found += 1
            out.found_checks.append((n, flagged[good[0]]))
        elif hits:
            out.wrong_values.append(f"{label} flagged with other values: "
                                    + "; ".join(_describe(n, flagged[i]) for i in hits))
        else:
            out.missed.append(label)
    out.false_checks += [(n, c) for i, c in enumerate(flagged) if i not in used]
    out.false += [_describe(n, c) for _, c in out.false_checks]
    return out


def print_check_report(s: CheckScore) -> None:
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(s.statuses.items()))
    print(f"checks: {statuses}")
    print(f"discrepancies: expected {s.expected}, found {s.found}, flagged with wrong values "
          f"{len(s.wrong_values)}, missed {len(s.missed)}, false {len(s.false)}")
    for m in s.missed:
        print(f"  missed discrepancy  {m}")
    for w in s.wrong_values:
        print(f"  wrong values        {w}")
    for f in s.false:
        print(f"  FALSE discrepancy   {f}")
