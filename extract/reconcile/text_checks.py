"""Checks of figures written in the text: against tables, and parts against their stated whole.

Conservative by design (no false discrepancies): a text figure is compared with a table only
when the sentence carries at least two figures that map to distinct columns of the same total
row and at least one of them agrees (that is the evidence the sentence talks about that row), or
when the sentence names a row's label. Parts are compared with a whole only when the text
enumerates them (分别为 …；…；…) or lists sources of a stated total (总投资 X，A，B / 如下：（一）…).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from extract import rx as regex

from extract.extractors.base import split_sentences
from extract.normalize.numbers import FigureMatch, find_figures
from extract.reconcile.figures import Term, cell_term, make_check, sum_message, text_term
from extract.reconcile.intervals import check_sum
from extract.tables import ParsedCell, TableModel
from schemas import Block, BlockKind, Check, CheckStatus, Document

CLAUSE_END = regex.compile(r"[，,；;。！？!?\n]")
ENUM_MARKER = regex.compile(r"(?:分别为|分别是|具体为|具体是|依次为)[:：]?")
SENTENCE_END = regex.compile(r"[。！？!?]")
TOTAL_WORDS = regex.compile(r"总投资|投资总额|估算投资|概算投资|总额|总计|合计|共计|总共|总规模|总金额")
LIST_ITEM = regex.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+是|\d+[.．、](?!\d))")
OF_WHICH = regex.compile(r"其中")
SOURCE_WORDS = regex.compile(r"资金|补助|补贴|配套|自筹|出资|筹措|债券|贷款|融资|申请|拨付|预算|财政|中央|省级|市级|县级|"
                             r"社会|企业|居民|单位|奖补|专项")
FOLLOWS = regex.compile(r"(?:如下|以下)[:：]\s*$|[:：]\s*$")


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


def clause_of(text: str, start: int, end: int) -> str:
    """The comma-delimited clause around text[start:end]."""
    left = max((m.end() for m in CLAUSE_END.finditer(text, 0, start)), default=0)
    m = CLAUSE_END.search(text, end)
    return text[left:m.start() if m else len(text)].strip()


def _measure(fig: FigureMatch) -> tuple[str, bool] | None:
    if fig.unit.base == "%":
        return None
    return (fig.unit.base, fig.unit.is_count)


# ---------------------------------------------------------------- text vs tables

@dataclass
class TotalTarget:
    """A total row (or the sum of several tables' total rows) a sentence may restate."""

    name: str
    table_index: int | None
    cells: dict[tuple[str, bool], list[tuple[ParsedCell, int, str]]]  # measure -> (cell, table, label)


def total_targets(models: list[tuple[int, TableModel]]) -> list[TotalTarget]:
    """One target per table with a single grand-total row, plus one per group of same-shaped tables."""
    singles = []
    for index, model in models:
        grands = model.rows_with("grand_total")
        if len(grands) != 1:
            continue
        cells: dict = {}
        for col in model.numeric_columns():
            cell = model.number(grands[0].index, col.index)
            if cell is None or col.info is None:
                continue
            cells.setdefault((col.info.base, col.info.is_count), []).append(
                (cell, index, f"{grands[0].label} {col.header_path or col.leaf}"))
        cells = {k: v for k, v in cells.items() if len(v) == 1}  # ambiguous measures dropped
        if cells:
            singles.append((model, TotalTarget(f"table {index + 1} {grands[0].label}", index, cells)))
    return [t for _, t in singles] + _group_targets(singles)


def _group_targets(singles: list[tuple[TableModel, TotalTarget]]) -> list[TotalTarget]:
    """Tables with the same leaf headers (yearly tables): their totals summed per measure."""
    groups: dict[tuple, list[TotalTarget]] = {}
    for model, target in singles:
        shape = tuple(c.leaf for c in model.columns)
        groups.setdefault(shape, []).append(target)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        keys = set.intersection(*(set(t.cells) for t in members))
        cells = {k: [t.cells[k][0] for t in members] for k in keys}
        names = ", ".join(str(t.table_index + 1) for t in members)
        out.append(TotalTarget(f"tables {names} together", None, cells))
    return out


def text_vs_table(document: Document, models: list[tuple[int, TableModel]]) -> list[Check]:
    targets = total_targets(models)
    part_labels = {r.label for _, m in models for r in m.rows
                   if r.role in ("item", "subtotal") and len(r.label) >= 2}
    checks: list[Check] = []
    for sent in sentences_with_figures(document):
        headline = SentenceFigures(sent.start, sent.text, _headline(sent, part_labels), sent.block)
        checks.extend(_sentence_vs_targets(headline, targets))
        checks.extend(_sentence_vs_label_totals(sent, models))
    return checks


def _headline(sent: SentenceFigures, part_labels: set[str]) -> list[FigureMatch]:
    """Figures that may restate a total: not after 其中, not in a clause naming a member row."""
    cut = OF_WHICH.search(sent.text)
    out = []
    for f in sent.figures:
        if cut and f.start > cut.start():
            continue
        clause = clause_of(sent.text, f.start, f.end)
        if any(label in clause for label in part_labels):
            continue
        out.append(f)
    return out


def _by_measure(sent: SentenceFigures) -> dict[tuple[str, bool], list[FigureMatch]]:
    seen: dict = {}
    for f in sent.figures:
        key = _measure(f)
        if key is not None:
            seen.setdefault(key, []).append(f)
    return seen


def _compare(sent: SentenceFigures, fig: FigureMatch, cells: list[tuple[ParsedCell, int, str]]):
    stated = text_term(fig, "stated", clause_of(sent.text, fig.start, fig.end), sent.start)
    terms = [cell_term(c, "term", label, idx) for c, idx, label in cells]
    return stated, terms, check_sum(stated.q, [t.q for t in terms])


def _agrees(result) -> bool:
    return result.status in (CheckStatus.ok, CheckStatus.rounding)


def _pick(sent: SentenceFigures, figs: list[FigureMatch], cells, anchors: list[FigureMatch]):
    """The comparison for one measure: its only figure; among several, the one that agrees, or
    else the one standing in the same clause as a figure that agrees (186个…、297.49万平方米)."""
    results = [_compare(sent, f, cells) for f in figs]
    if len(results) == 1:
        return results[0]
    agreeing = [r for r in results if _agrees(r[2])]
    if len(agreeing) == 1:
        return agreeing[0]
    clauses = {clause_of(sent.text, a.start, a.end) for a in anchors}
    near = [r for f, r in zip(figs, results) if clause_of(sent.text, f.start, f.end) in clauses]
    return near[0] if len(near) == 1 and not agreeing else None


def _target_results(sent: SentenceFigures, figs: dict, target: TotalTarget) -> list:
    keys = [k for k in figs if k in target.cells]
    anchors = []
    for k in keys:  # anchors: figures that agree with the target
        anchors += [f for f in figs[k] if _agrees(_compare(sent, f, target.cells[k])[2])]
    picked = [_pick(sent, figs[k], target.cells[k], anchors) for k in keys]
    return [r for r in picked if r is not None]


def _sentence_vs_targets(sent: SentenceFigures, targets: list[TotalTarget]) -> list[Check]:
    figs = _by_measure(sent)
    scored = []
    for target in targets:
        results = _target_results(sent, figs, target)
        agree = sum(_agrees(r[2]) for r in results)
        if len(results) >= 2 and agree:
            scored.append((agree, target, results))
    if not scored:
        return []
    scored.sort(key=lambda s: -s[0])
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return []  # two rows fit equally well: do not guess
    _, target, results = scored[0]
    return [_text_table_check(sent, target, *r) for r in results]


def _text_table_check(sent, target: TotalTarget, stated: Term, terms: list[Term], result) -> Check:
    labels = " + ".join(t.figure.label for t in terms)
    what = f"{target.name} gives" if len(terms) == 1 else f"{labels} sum to"
    subject = f"text {stated.figure.raw} vs {target.name}"
    message = sum_message(f"text '{stated.figure.label}'", stated, result, f"table: {what}")
    return make_check("text_vs_table", result, stated, terms, subject=subject, message=message,
                      table_index=target.table_index)


def _sentence_vs_label_totals(sent: SentenceFigures, models) -> list[Check]:
    """A text figure whose clause names a row whose label carries a total (开工改造 25516 户)."""
    out = []
    for index, model in models:
        for row in model.rows:
            lt = row.label_total
            if lt is None:
                continue
            words = regex.sub(r"[\d\s.,，]+", "", row.label.replace(lt.raw, "")).strip()
            words = words[: -len(lt.unit.normalized)] if lt.unit and words.endswith(lt.unit.normalized) else words
            if len(words) < 2:
                continue
            for f in sent.figures:
                clause = clause_of(sent.text, f.start, f.end)
                if words in clause and _measure(f) == (lt.unit.base, lt.unit.is_count):
                    stated, terms, result = _compare(sent, f, [(lt, index, row.label)])
                    msg = sum_message(f"text '{clause}'", stated, result, f"table row '{row.label}' gives")
                    out.append(make_check("text_vs_table", result, stated, terms, table_index=index,
                                          subject=f"text {f.raw} vs {row.label}", message=msg))
    return out


# ---------------------------------------------------------------- parts vs whole

def parts_vs_whole(document: Document) -> list[Check]:
    checks: list[Check] = []
    for block in document.paragraphs():
        checks.extend(_enumerated_parts(block))
    checks.extend(_total_and_sources(document))
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
        for key in {k for k in map(_measure, wholes) if k}:
            same = [w for w in wholes if _measure(w) == key]
            parts = [[f for f in find_figures(c) if _measure(f) == key] for _, c in clauses]
            if len(same) != 1 or any(len(p) != 1 for p in parts):
                continue
            whole = text_term(same[0], "stated", clause_of(whole_text, same[0].start, same[0].end),
                              block.start + sent_start)
            terms = [text_term(p[0], "term", _part_label(c), block.start + m.end() + off)
                     for p, (off, c) in zip(parts, clauses)]
            out.append(_parts_check(whole, terms))
    return out


def _sentence_start(text: str, pos: int) -> int:
    return max((x.end() for x in SENTENCE_END.finditer(text, 0, pos)), default=0)


def _part_label(clause: str) -> str:
    """The name a part starts with: '西关北街片区涉及…' -> '西关北街片区'."""
    head = regex.split(r"涉及|包括|共有|有|[，,：:（(]", clause.strip(), maxsplit=1)[0].strip()
    return head[:20]


def _parts_check(whole: Term, terms: list[Term], partial: bool = False) -> Check:
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


def _total_and_sources(document: Document) -> list[Check]:
    """A money total (总投资/估算投资 X) and the sources listed after it, in the sentence or in
    the enumerated paragraphs that follow a '如下：'."""
    out = []
    paragraphs = document.paragraphs()
    for i, block in enumerate(paragraphs):
        for sent in split_sentences(block):
            for whole in money_totals(sent.text):
                parts = _money_after(sent.text, whole, sent.start)
                if len(parts) < 2 and FOLLOWS.search(block.text):
                    parts = _money_in_list(paragraphs[i + 1:])
                if len(parts) < 2 or not all(SOURCE_WORDS.search(lbl) for _, lbl, _ in parts):
                    continue  # not a list of funding sources (e.g. amounts by year)
                w = text_term(whole, "stated", clause_of(sent.text, whole.start, whole.end), sent.start)
                terms = [text_term(f, "term", lbl, off) for f, lbl, off in parts]
                partial = bool(OF_WHICH.search(sent.text, whole.end))
                out.append(_parts_check(w, terms, partial=partial))
    return out


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


def _money_after(text: str, whole: FigureMatch, offset: int) -> list[tuple[FigureMatch, str, int]]:
    """Money figures after the total in the same sentence, one per clause."""
    figs = [f for f in find_figures(text) if f.unit.is_money and f.start > whole.end]
    clauses = [clause_of(text, f.start, f.end) for f in figs]
    if len(set(clauses)) != len(clauses):
        return []
    return [(f, _source_label(c, f.raw), offset) for f, c in zip(figs, clauses)]


def _source_label(clause: str, raw: str) -> str:
    head = clause.split(raw)[0] if raw in clause else clause
    return regex.sub(r"^(?:拟申请|申请|其中|包括|含)", "", head).strip()[-24:] or clause[:24]


def _money_in_list(following: list[Block]) -> list[tuple[FigureMatch, str, int]]:
    """One money figure per enumerated paragraph ((一)…, 1.…, 一是…) until the list ends."""
    out = []
    for block in following:
        if not LIST_ITEM.match(block.text):
            break
        figs = [f for f in find_figures(block.text) if f.unit.is_money]
        if len(figs) > 1:
            return []
        if figs:
            label = regex.split(r"[。.：:，,]", LIST_ITEM.sub("", block.text), maxsplit=1)[0][:24]
            out.append((figs[0], label, block.start))
    return out
