"""Figures of the text by sentence, and parts listed in the text against their stated whole.

Conservative by design (no false discrepancies). Parts are compared with a whole only when the text
enumerates them (分别为 …；…；…) or lists sources of a stated total (总投资 X，A，B / 如下：（一）…).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from extract import rx as regex

from extract.extractors.base import split_sentences
from extract.normalize.numbers import FigureMatch, find_figures
from extract.reconcile.figures import Term, make_check, sum_message, text_term
from extract.reconcile.intervals import check_sum
from schemas import Block, BlockKind, Check, CheckStatus, Document

CLAUSE_END = regex.compile(r"[，,；;。！？!?\n]")
CLAUSE_END_BACK = regex.compile(r"(?r)[，,；;。！？!?\n]")
ENUM_MARKER = regex.compile(r"(?:分别为|分别是|具体为|具体是|依次为)[:：]?")
SENTENCE_END = regex.compile(r"[。！？!?]")
TOTAL_WORDS = regex.compile(r"总投资|投资总额|估算投资|概算投资|总额|总计|合计|共计|总共|总规模|总金额")
OF_WHICH = regex.compile(r"其中")


@dataclass
class SentenceFigures:
    start: int
    text: str
    figures: list[FigureMatch]
    block: Block


def sentences_with_figures(document: Document) -> list[SentenceFigures]:
    out = []
    for block in document.blocks:
        if block.kind == BlockKind.table:
            continue
        for s in split_sentences(block):
            out.append(SentenceFigures(s.start, s.text, find_figures(s.text), block))
    return out


def last_mark_end(back: regex.Pattern, text: str, pos: int) -> int:
    """Where the text after the last mark before pos starts (0 when there is none). `back` is a
    reversed pattern ((?r)…): the nearest mark in one step, where a forward scan from the start
    for each figure was quadratic in a long list."""
    m = back.search(text, 0, pos)
    return m.end() if m else 0


def clause_of(text: str, start: int, end: int) -> str:
    """The comma-delimited clause around text[start:end]."""
    left = last_mark_end(CLAUSE_END_BACK, text, start)
    m = CLAUSE_END.search(text, end)
    return text[left:m.start() if m else len(text)].strip()


def measure(fig: FigureMatch) -> tuple[str, bool] | None:
    if fig.unit.base == "%":
        return None
    return (fig.unit.base, fig.unit.is_count)


# ---------------------------------------------------------------- parts vs whole

def parts_vs_whole(document: Document) -> list[Check]:
    checks: list[Check] = []
    for block in document.paragraphs():
        checks.extend(_enumerated_parts(block))
    return checks


def _enumerated_parts(block: Block) -> list[Check]:
    """'… 共84栋楼 … 分别为：A … 35栋；B … 29栋；C … 17栋' : whole before the marker, parts after."""
    out = []
    text = block.text
    for m in ENUM_MARKER.finditer(text):
        sent_start = _sentence_start(text, m.start())
        if not text[sent_start:m.start()].strip():  # '…共84栋楼。分别为：' - the whole is the sentence before
            sent_start = _sentence_start(text, max(0, sent_start - 1))
        end_m = SENTENCE_END.search(text, m.end())
        whole_text = text[sent_start:m.start()]
        parts_text = text[m.end(): end_m.start() if end_m else len(text)]
        clauses = [(c.start(), c.group()) for c in regex.finditer(r"[^；;]+", parts_text)]
        if len(clauses) < 2:
            continue
        wholes = find_figures(whole_text)
        for key in dict.fromkeys(k for k in map(measure, wholes) if k):  # in text order: stable ids
            same = [w for w in wholes if measure(w) == key]
            parts = [[f for f in find_figures(c) if measure(f) == key] for _, c in clauses]
            if len(same) != 1 or any(len(p) != 1 for p in parts):
                continue
            whole = text_term(same[0], "stated", clause_of(whole_text, same[0].start, same[0].end),
                              block.start + sent_start)
            terms = [text_term(p[0], "term", _part_label(c), block.start + m.end() + off)
                     for p, (off, c) in zip(parts, clauses)]
            out.append(parts_check(whole, terms))
    return out


def _sentence_start(text: str, pos: int) -> int:
    return max((x.end() for x in SENTENCE_END.finditer(text, 0, pos)), default=0)


def _part_label(clause: str) -> str:
    """The name a part starts with: '西关北街片区涉及…' -> '西关北街片区'."""
    head = regex.split(r"涉及|包括|共有|有|[，,：:（(]", clause.strip(), maxsplit=1)[0].strip()
    return head[:20]


def parts_check(whole: Term, terms: list[Term], partial: bool = False) -> Check:
    """Parts against their whole; after 其中 the parts may be only some of them, so falling
    short is not a discrepancy then (exceeding the whole still is)."""
    result = check_sum(whole.q, [t.q for t in terms])
    if partial and result.status == CheckStatus.discrepancy and result.difference < 0:
        result = replace(result, status=CheckStatus.unverifiable,
                         note="the parts follow 其中 and may list only some of them")
    listed = " + ".join(f"{t.figure.label} {t.figure.raw}" for t in terms)
    message = sum_message(f"'{whole.figure.label}'", whole, result, f"parts listed {listed} =")
    return make_check("parts_vs_whole", result, whole, terms, subject=whole.figure.label,
                      message=message)


def money_totals(text: str) -> list[FigureMatch]:
    """Money figures stated as a total: a total word earlier in their clause, no rate in it."""
    out = []
    for f in find_figures(text):
        if not f.unit.is_money:
            continue
        left = max((m.end() for m in CLAUSE_END.finditer(text, 0, f.start)), default=0)
        head = text[left:f.start]
        clause = clause_of(text, f.start, f.end)
        if TOTAL_WORDS.search(head) and "%" not in head + clause and "按" not in head + clause:
            out.append(f)
    return out
