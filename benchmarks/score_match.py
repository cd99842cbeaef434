"""Match one notice's predictions to its golden truth facts, kind by kind, and count the result.

A prediction matches a truth fact of the same kind when their spans overlap in the document text
and the key normalized fields agree (see `key_agrees`). Truth quotes are located whitespace-
insensitively (`Locator`), because PDF text carries extra spaces and line breaks. Targets,
deadlines and funding match one to one; responsibilities match many to many (duty granularity is
a convention: one clause or one sentence); citations are counted once per cited document.
Secondary fields (subject, department, source, role) are scored on matched pairs only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

# The Notice attribute that holds each kind of fact.
NOTICE_FIELD = {"target": "targets", "deadline": "deadlines", "funding": "funding",
                "responsibility": "responsibilities", "citation": "citations"}
META_FIELDS = ("title", "doc_number", "issuer", "issue_date", "plan_year")
# Units compared in their base unit, so 1.2万平方米 matches 12000平方米.
BASE_UNIT = {"万平方米": ("平方米", Decimal(10000)), "万元": ("元", Decimal(10000)),
             "亿元": ("元", Decimal(100000000)), "公里": ("米", Decimal(1000))}
BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "(": "（", ")": "）"})


class TruthError(ValueError):
    """A truth quote that cannot be placed in the document (the truth file needs a better context)."""


def squeeze(s: str | None) -> str:
    """Whitespace dropped: renditions differ in spaces and line breaks, never in characters."""
    return regex.sub(r"\s+", "", s or "")


# ---------------------------------------------------------------- locating truth in a document


class Locator:
    """Finds whitespace-insensitive quotes in Document.text (PDF adds spaces and line breaks)."""

    def __init__(self, text: str):
        self.idx = [i for i, ch in enumerate(text) if not ch.isspace()]
        self.s = "".join(text[i] for i in self.idx)

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        n = squeeze(needle)
        if not n:
            return []
        out, pos = [], self.s.find(n)
        while pos >= 0:
            out.append((self.idx[pos], self.idx[pos + len(n) - 1] + 1))
            pos = self.s.find(n, pos + 1)
        return out

    def locate(self, quote: str, context: str | None = None) -> tuple[int, int]:
        """The one span of `quote` (inside its unique `context` when given)."""
        ctx = squeeze(context or quote)
        hits = [m.start() for m in regex.finditer(regex.escape(ctx), self.s, overlapped=True)]
        if len(hits) != 1:
            raise TruthError(f"{len(hits)} occurrences of {context or quote!r}")
        inner = ctx.find(squeeze(quote))
        if inner < 0:
            raise TruthError(f"quote {quote!r} not inside its context {context!r}")
        a = hits[0] + inner
        return self.idx[a], self.idx[a + len(squeeze(quote)) - 1] + 1


def truth_spans(fact: dict, doc, loc: Locator) -> list[tuple[int, int]]:
    """Where a truth fact stands in this rendition's text."""
    if "table_index" in fact:
        tables = doc.tables()
        if fact["table_index"] >= len(tables):
            raise TruthError(f"no table {fact['table_index']}")
        cell = tables[fact["table_index"]].table.cell_at(fact["row"], fact["col"])
        if cell is None:
            raise TruthError(f"no cell ({fact['row']},{fact['col']}) in table {fact['table_index']}")
        return [(cell.start, cell.end)]
    if fact["kind"] == "citation":
        spans = loc.find_all(fact["quote"])
        if not spans:
            raise TruthError(f"citation {fact['quote']!r} not found")
        return spans
    return [loc.locate(fact["quote"], fact.get("context"))]


# ---------------------------------------------------------------- field agreement


def dept_agrees(pred: str | None, truth: str | None, accept: list[str] = ()) -> bool:
    """Department as written; a prefix such as 区 or 原州区 may be kept or dropped."""
    p = squeeze(pred)
    if not p or truth is None:
        return not p and truth is None
    for t in [truth, *accept]:
        t = squeeze(t)
        short, long_ = sorted((p, t), key=len)
        if p == t or (len(short) >= 2 and short in long_):
            return True
    return False


def _base(value: Decimal, unit: str) -> tuple[Decimal, str]:
    base_unit, factor = BASE_UNIT.get(unit, (unit, Decimal(1)))
    return value * factor, base_unit


def _norm_doc_number(s: str | None) -> str:
    return squeeze(s).translate(BRACKETS)


def _norm_title(s: str | None) -> str:
    return squeeze(s).strip("《》〈〉").translate(BRACKETS)


def key_agrees(kind: str, truth: dict, pred) -> bool:
    """The normalized fields that identify a fact."""
    if kind == "target":
        tv = _base(Decimal(truth["value"]), truth["unit"])
        return _base(Decimal(pred.value), pred.unit) == tv
    if kind == "deadline":
        due = pred.due_date.isoformat() if pred.due_date else None
        kinds = truth.get("kind_accept") or [truth["deadline_kind"]]
        return due == truth["due_date"] and pred.deadline_kind in kinds
    if kind == "funding":
        return Decimal(pred.amount_yuan) == Decimal(truth["amount_yuan"])
    if kind == "responsibility":
        return dept_agrees(pred.department, truth["department"], truth.get("department_accept", []))
    if truth.get("doc_number") and pred.doc_number:
        return _norm_doc_number(pred.doc_number) == _norm_doc_number(truth["doc_number"])
    titles = [truth.get("title"), *truth.get("title_accept", [])]
    return any(t and _norm_title(pred.title) == _norm_title(t) for t in titles)


def field_checks(kind: str, truth: dict, pred) -> dict[str, bool]:
    """Secondary fields scored on matched pairs only (absent from the truth = not scored)."""
    out: dict[str, bool] = {}
    if kind == "target":
        words = truth.get("subject_words")
        if words is None and truth.get("subject"):
            words = [truth["subject"]]
        if words:
            out["subject"] = all(squeeze(w) in squeeze(pred.subject) for w in words)
    elif kind == "deadline" and "department" in truth:
        out["department"] = dept_agrees(pred.department, truth["department"])
    elif kind == "funding" and "source" in truth:
        src, want = squeeze(pred.source), truth["source"]
        if want is None:
            out["source"] = not src
        else:
            cands = [squeeze(want), *map(squeeze, truth.get("source_accept", []))]
            out["source"] = bool(src) and any(c in src or src in c for c in cands)
    elif kind == "responsibility":
        out["role"] = pred.role in [truth["role"], *truth.get("role_accept", [])]
    return out


# ---------------------------------------------------------------- matching


@dataclass
class KindScore:
    predicted: int = 0
    truth: int = 0
    matched_truth: int = 0
    tp_pred: int = 0
    fields: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, total]
    misses: list[str] = field(default_factory=list)
    false_pos: list[str] = field(default_factory=list)
    must_missed: list[str] = field(default_factory=list)
    field_wrong: list[str] = field(default_factory=list)
    unlocatable: list[str] = field(default_factory=list)

    def add(self, other: "KindScore") -> None:
        for a in ("predicted", "truth", "matched_truth", "tp_pred"):
            setattr(self, a, getattr(self, a) + getattr(other, a))
        for k, (r, t) in other.fields.items():
            cur = self.fields.setdefault(k, [0, 0])
            cur[0] += r
            cur[1] += t
        self.misses += other.misses
        self.false_pos += other.false_pos
        self.must_missed += other.must_missed
        self.field_wrong += other.field_wrong

    @property
    def precision(self) -> float:
        return self.tp_pred / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_truth / self.truth if self.truth else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _overlaps(spans: list[tuple[int, int]], pred) -> int:
    return max((min(e, pred.end) - max(s, pred.start) for s, e in spans), default=0)


def _label(n: str, fact: dict) -> str:
    where = f"table {fact['table_index']} ({fact['row']},{fact['col']})" if "table_index" in fact else ""
    extra = fact.get("department") or fact.get("value") or fact.get("amount_yuan") or fact.get("due_date") or ""
    return f"{n}: {where or fact.get('quote')!r} [{extra}]"


def _pred_label(n: str, pred) -> str:
    bits = {"target": lambda p: f"{p.value} {p.unit} «{p.subject}»",
            "deadline": lambda p: f"{p.deadline_kind} {p.due_date}",
            "funding": lambda p: f"{p.amount_yuan} 元",
            "responsibility": lambda p: f"{p.department} {p.role}",
            "citation": lambda p: p.doc_number or p.title}
    where = f" cell ({pred.table_row},{pred.table_col})" if pred.table_row is not None else ""
    return f"{n}: {pred.quote[:60]!r}{where} -> {bits[pred.kind](pred)}"


def _candidates(kind, facts, spans, preds):
    """truth index -> predictions that overlap it and agree on its key fields."""
    return {i: [j for j, p in enumerate(preds)
                if _overlaps(spans[i], p) > 0 and key_agrees(kind, f, p)]
            for i, f in enumerate(facts)}


def _assign(kind: str, facts: list[dict], cands: dict) -> dict[int, list[int]]:
    """truth index -> matched prediction indexes (one to one except for responsibilities)."""
    if kind in ("responsibility", "citation"):
        return {i: c for i, c in cands.items() if c}
    used: set[int] = set()
    out: dict[int, list[int]] = {}
    order = sorted(cands, key=lambda i: (bool(facts[i].get("optional")), len(cands[i])))
    for i in order:
        free = [j for j in cands[i] if j not in used]
        if free:
            used.add(free[0])
            out[i] = [free[0]]
    return out


def _dedupe_citations(preds: list) -> list:
    """One prediction per cited document, since citations are scored once per document."""
    seen, out = set(), []
    for p in preds:
        key = _norm_doc_number(p.doc_number) or _norm_title(p.title)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def score_kind(kind: str, truth: dict, notice, n: str) -> KindScore:
    """Match one kind of one notice."""
    doc, loc = notice.document, Locator(notice.document.text)
    facts = [f for f in truth["facts"] if f["kind"] == kind]
    preds = list(getattr(notice, NOTICE_FIELD[kind]))
    if kind == "citation":
        preds = _dedupe_citations(preds)
    ks, spans = KindScore(), {}
    for i, f in enumerate(facts):
        try:
            spans[i] = truth_spans(f, doc, loc)
        except TruthError as exc:
            spans[i] = []
            ks.unlocatable.append(_label(n, f))
            ks.misses.append(f"{_label(n, f)} UNLOCATABLE: {exc}")
    assigned = _assign(kind, facts, _candidates(kind, facts, spans, preds))
    _count(kind, truth, facts, preds, assigned, ks, n, loc)
    return ks


def _count(kind, truth, facts, preds, assigned, ks: KindScore, n: str, loc: Locator) -> None:
    """Fill ks: predictions matching an optional fact or an ignored department count neither
    way; unmatched ones are false positives (marked when they stand on a known non-fact)."""
    tp = {j for i, js in assigned.items() if not facts[i].get("optional") for j in js}
    absorbed = {j for i, js in assigned.items() if facts[i].get("optional") for j in js} - tp
    ignored = {j for j, p in enumerate(preds) if kind == "responsibility" and j not in tp
               and squeeze(p.department) in map(squeeze, truth.get("ignore_departments", []))}
    ks.predicted = len(preds) - len(absorbed) - len(ignored)
    ks.tp_pred = len(tp)
    traps = [s for nf in truth.get("not_facts", []) if nf["kind"] == kind for s in _trap_spans(nf, loc)]
    for j, p in enumerate(preds):
        if j not in tp | absorbed | ignored:
            trap = " (known non-fact)" if _overlaps(traps, p) > 0 else ""
            ks.false_pos.append(_pred_label(n, p) + trap)
    for i, f in enumerate(facts):
        if f.get("optional"):
            continue
        ks.truth += 1
        if i in assigned:
            ks.matched_truth += 1
            _tally_fields(kind, f, [preds[j] for j in assigned[i]], ks, n)
        else:
            if _label(n, f) not in ks.unlocatable:
                ks.misses.append(_label(n, f))
            if f.get("must"):
                ks.must_missed.append(_label(n, f))


def _trap_spans(nf: dict, loc: Locator) -> list[tuple[int, int]]:
    """Where a known non-fact stands; every occurrence when its quote is not unique."""
    try:
        return [loc.locate(nf["quote"], nf.get("context"))]
    except TruthError:
        return loc.find_all(nf["quote"])


def _tally_fields(kind: str, fact: dict, preds: list, ks: KindScore, n: str) -> None:
    """Field accuracy for a matched truth: the best of its matched predictions."""
    checks = [field_checks(kind, fact, p) for p in preds]
    for name in checks[0]:
        ok = any(c[name] for c in checks)
        cur = ks.fields.setdefault(name, [0, 0])
        cur[0] += ok
        cur[1] += 1
        if not ok:
            got = getattr(preds[0], {"subject": "subject", "role": "role"}.get(name, name))
            ks.field_wrong.append(f"{_label(n, fact)} {name}: want {fact.get(name)!r} got {got!r}")


def meta_checks(truth: dict, meta) -> dict[str, bool]:
    """Metadata field by field; a truth value may have accepted alternatives (meta_accept)."""
    out = {}
    for name in META_FIELDS:
        got = getattr(meta, name)
        got = got.isoformat() if hasattr(got, "isoformat") else got
        wanted = [truth["meta"][name], *truth.get("meta_accept", {}).get(name, [])]
        norm = (lambda v: squeeze(v) if isinstance(v, str) else v)
        out[name] = norm(got) in [norm(w) for w in wanted]
    return out
