"""Figures written in the text against the tables' total rows, decided figure by figure.

Conservative by design (no false discrepancies). A figure is a candidate for a total row's column
when its header words (or its unit, when only one column has it) say so, when it does not follow
其中 (unless the column is itself a part: 其中：通组硬化路, or a member of the 合计 column), when its
clause names no member row, and when it does not equal another row's cell of that column. The
sentence is then compared with the row when either
  (a) two or more of its figures map to the row and one of them agrees (the sentence restates it), or
  (b) its figures map by header words, and one of them agrees; or, when none agrees, the sentence
      is about the table's year (its own year, else its outline heading's) and either the paragraph
      points to the annex (见附件) or the figure is stated for the whole (全市/全县/全年/共/合计/
      累计/总投资… earlier in its sentence).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from extract import rx as regex

from extract.reconcile.figures import Term, cell_term, make_check, sum_message, text_term
from extract.reconcile.intervals import Result, check_sum, check_summed
from extract.reconcile.table_targets import (ColumnChoice, TotalTarget, clause_bigrams, column_for,
                                             measure_of, restates_another_row, score_in, total_targets)
from extract.reconcile.transposed_targets import indicator_labels, member_labels, transposed_targets
from extract.reconcile.text_checks import (OF_WHICH, SentenceFigures, clause_of,
                                           sentences_with_figures)
from extract.normalize.numbers import FigureMatch, find_figures
from extract.normalize.units import PER_UNIT
from extract.tables import ParsedCell, TableModel
from schemas import BlockKind, Check, CheckStatus, Document

CUMULATIVE = regex.compile(r"累计|总量|保有量|总数")
ALREADY_DONE = regex.compile(r"已(?:经)?(?:[^，,。；;已]{0,16}?)(?:发放|下达|拨付|预拨|下拨|提前下达|预下达|完成|建成|投入|兑付"
                          r"|安排|支出)|累计已")  # 已于2026年1月按60%提前下达: when and how it went
ALREADY_DONE_COLUMN = regex.compile(r"累计|已|完成|现有|存量")
# 截至2025年底，全镇共有养殖户412户: a stock counted at a date, not what a plan's table sets out.
STOCK_AS_OF = regex.compile(r"^\s*(?:截至|截止)")
STOCK_WORDS = regex.compile(r"共有|现有|拥有|存栏|保有")
SIZE_BRACKET = regex.compile(r"\s*(?:及|或)?(?:以上|以下|以内|以外)的")
NEW_ONLY = regex.compile(r"\s*(?:新建|新增|新开工|新改建)")
ANNEX_REF = regex.compile(r"见附件|见附表|见下表|见表\s*\d|详见附")
# A figure stated for the whole (the jurisdiction, the year, a total): what a total row restates.
WHOLE_SCOPE = regex.compile(r"全(?:省|市|州|盟|县|区|旗|镇|乡|年)|共|合计|总计|累计|总投资|投资总额|总额|总规模")
YEAR = regex.compile(r"((?:19|20)\d\d)\s*年")
SENTENCE_START = regex.compile(r"[。！？!?\n]")
OUTLINE_HEADING = regex.compile(r"^\s*[一二三四五六七八九十]+、")
CAPTION_BLOCKS = 3
BODY_TEXT = regex.compile(r"[。，,；;！？]")
CAPTION_MAX_CHARS = 60
FUZZY_LABEL = 0.6


@dataclass
class Mapped:
    """One text figure compared with one column of a total row."""

    fig: FigureMatch
    choice: ColumnChoice
    stated: Term
    terms: list[Term]
    result: Result
    done_before: bool = False  # its clause says it was already done (已发放, 已累计下达…) or held (截至…共有)

    @property
    def agrees(self) -> bool:
        return self.result.status in (CheckStatus.ok, CheckStatus.rounding)


@dataclass
class Candidate:
    """A sentence figure that may restate a total: it has a measure and its clause names no member
    row. Worked out once per sentence, then asked by every target."""

    sent: SentenceFigures
    fig: FigureMatch
    clause: str
    lead: str
    after_of_which: bool  # written after 其中 in its sentence

    @cached_property
    def stated(self) -> Term:
        return text_term(self.fig, "stated", self.clause, self.sent.start)


def text_vs_table(document: Document, models: list[tuple[int, TableModel]]) -> list[Check]:
    targets = total_targets(models) + transposed_targets(models)
    label_totals = _label_totals(models)
    if not targets and not label_totals:
        return []
    indicators = indicator_labels(models)
    part_labels = {r.label for _, m in models for r in m.rows
                   if r.role in ("item", "subtotal") and len(r.label) >= 2 and r.label not in indicators}
    part_labels |= member_labels(models)
    sentences = sentences_with_figures(document)
    years = YearContext(document, models)
    checks: list[Check] = []
    for sent in sentences:
        cands = _candidates(sent, part_labels) if targets else []
        if cands:  # without candidates no target maps a figure, and nothing is decided
            row = [_map_sentence(cands, t) for t in targets]
            checks.extend(_decide(sent, targets, row, years))
        checks.extend(_sentence_vs_label_totals(sent, label_totals))
    return checks


def _candidates(sent: SentenceFigures, part_labels: set[str]) -> list[Candidate]:
    """The figures of the sentence any target may map (what does not depend on the target)."""
    cut = OF_WHICH.search(sent.text)
    out = []
    for fig in sent.figures:
        if measure_of(fig) is None:
            continue
        clause = clause_of(sent.text, fig.start, fig.end)
        if names_a_row(clause, part_labels):
            continue
        lead = _lead(sent, fig, clause)
        if PER_UNIT.search(lead):
            continue  # 每人每年1.8万元: a standard per unit, never a table's total
        if SIZE_BRACKET.match(sent.text, fig.end):
            continue  # 座位数3000个以上的体育场馆: a size that picks things out, never a total
        after = bool(cut and fig.start > cut.start())
        out.append(Candidate(sent, fig, clause, lead, after))
    return out


def _map_sentence(cands: list[Candidate], target: TotalTarget) -> list[Mapped]:
    """Every candidate figure of the sentence with its column; one figure per column."""
    by_column: dict[int, list[Mapped]] = {}
    for cand in cands:
        choice = column_for(cand.fig, cand.clause, target, cand.lead)
        if choice is None:
            continue
        if cand.after_of_which and not (choice.by_header and choice.column.is_part):
            continue
        if restates_another_row(cand.stated.q, choice.column):
            continue
        if CUMULATIVE.search(cand.clause) and NEW_ONLY.match(choice.column.words):
            continue  # 累计建成9500个 is a stock; a 新建 column adds what is built now
        by_column.setdefault(id(choice.column), []).append(_compare(cand, choice))
    out = []
    for candidates in by_column.values():
        agreeing = [m for m in candidates if m.agrees]
        if not agreeing and _restated_by_another(cands, candidates):
            continue
        if len(candidates) == 1 or len(agreeing) == 1:
            chosen = agreeing[0] if agreeing else candidates[0]
            if not _already_done(chosen):
                out.append(chosen)
    return out


def _already_done(m: Mapped) -> bool:
    """全省已累计发放5.86亿元: what was done before, not what the table plans or allocates. It still
    counts among a column's candidates (two figures for one column leave it undecided)."""
    return m.done_before and not ALREADY_DONE_COLUMN.search(m.choice.column.words)


def _restated_by_another(cands: list[Candidate], mapped: list[Mapped]) -> bool:
    """共下达2106.5万元，其中A资金1620万元、B资金486.5万元 beside a table of A totalling 1620: another
    figure of the sentence is the one the table restates, so the total is not compared with it."""
    column, used = mapped[0].choice.column, {id(m.fig) for m in mapped}
    for cand in cands:
        if id(cand.fig) in used or measure_of(cand.fig) != measure_of(mapped[0].fig):
            continue
        if check_summed(cand.stated.q, column.summed).status in (CheckStatus.ok, CheckStatus.rounding):
            return True
    return False


def _lead(sent: SentenceFigures, fig: FigureMatch, clause: str) -> str:
    """The words of the clause from the previous figure (or the clause start) up to this one."""
    left = max((f.end for f in sent.figures if f.end <= fig.start), default=0)
    start = max(left, sent.text.rfind(clause, 0, fig.end))
    return sent.text[start:fig.end]


def names_a_row(clause: str, labels: set[str]) -> bool:
    """The clause names a member row, as written or reordered (改扩建校舍 ↔ 校舍改扩建)."""
    if any(label in clause for label in labels):
        return True
    grams = clause_bigrams(clause)
    return any(len(label) >= 3 and score_in(label, grams) >= FUZZY_LABEL for label in labels)


def _compare(cand: Candidate, choice: ColumnChoice) -> Mapped:
    stated, column = cand.stated, choice.column
    return Mapped(cand.fig, choice, stated, column.terms, check_summed(stated.q, column.summed),
                  bool(ALREADY_DONE.search(cand.clause))
                  or bool(STOCK_AS_OF.match(cand.sent.text) and STOCK_WORDS.search(cand.clause)))


def _evidence(sent: SentenceFigures, target: TotalTarget, mapped: list[Mapped], years: "YearContext") -> list[Mapped]:
    """The figures to compare with the target, or [] when the sentence may be about something else."""
    if len(mapped) >= 2 and any(m.agrees for m in mapped):
        return mapped
    by_header = [m for m in mapped if m.choice.by_header]
    if any(m.agrees for m in by_header):
        return by_header
    if years.conflict(sent, target):
        return []  # the sentence speaks of another year than the table
    if by_header and ANNEX_REF.search(sent.block.text):
        return by_header
    if STOCK_AS_OF.match(sent.block.text):
        return []  # 截至2025年底，…。2025年，省级财政共安排…: a paragraph reporting the state of things
    return [m for m in by_header if _stated_for_whole(_sentence_head(sent, m.fig), m.fig)]


def _stated_for_whole(head: str, fig: FigureMatch) -> bool:
    """A scope word (全县, 共, 合计…) governs the figure: no other figure stands between them
    (全年共实施学校23所…；为8所学校… and 共有小学286所，义务教育阶段在校生30.51万人: neither the 8
    nor the 30.51 is stated for the whole)."""
    scopes = list(WHOLE_SCOPE.finditer(head))
    return bool(scopes) and not find_figures(head[scopes[-1].end():])


def _sentence_head(sent: SentenceFigures, fig: FigureMatch) -> str:
    """The text of the full sentence (；does not end it) before the figure."""
    text, pos = sent.block.text, sent.start - sent.block.start + fig.start
    left = max((m.end() for m in SENTENCE_START.finditer(text, 0, pos)), default=0)
    return text[left:pos]


class YearContext:
    """Years a table is about (from its caption) and years a sentence speaks of (its own, else
    those of the outline heading it stands under: 一、2023年工作完成情况)."""

    def __init__(self, document: Document, models: list[tuple[int, TableModel]]):
        self.blocks = document.blocks
        self.position = {b.seq: k for k, b in enumerate(self.blocks)}
        self.heading_years: list[set[str]] | None = None  # by block position, worked out once
        self.said: dict[int, set[str]] = {}  # by id of the sentence: asked once per target
        self.table_years = {i: self._caption_years(m.block) for i, m in models}

    def _caption_years(self, block) -> set[str]:
        pos = self.position[block.seq]
        years: set[str] = set()
        for b in reversed(self.blocks[max(0, pos - CAPTION_BLOCKS):pos]):
            text = b.text.strip()
            if (b.table is not None or len(text) > CAPTION_MAX_CHARS or BODY_TEXT.search(text)
                    or OUTLINE_HEADING.match(text)):
                break  # captions are short titles, not sentences or outline headings
            years |= set(YEAR.findall(b.text))
        return years

    def sentence_years(self, sent: SentenceFigures) -> set[str]:
        said = self.said.get(id(sent))
        if said is None:
            said = self.said[id(sent)] = set(YEAR.findall(sent.text)) or self._heading_years(sent.block.seq)
        return said

    def _heading_years(self, seq: int) -> set[str]:
        """Years of the last outline heading before the block (one pass over the blocks)."""
        if self.heading_years is None:
            self.heading_years, current = [], set()
            for b in self.blocks:
                self.heading_years.append(current)
                if b.kind == BlockKind.heading and OUTLINE_HEADING.match(b.text):
                    current = set(YEAR.findall(b.text))
        return self.heading_years[self.position[seq]]

    def conflict(self, sent: SentenceFigures, target: TotalTarget) -> bool:
        table = self.table_years.get(target.table_index, set())
        if not table:
            return False
        said = self.sentence_years(sent)
        return bool(said and not table & said)


def _decide(sent: SentenceFigures, targets: list[TotalTarget], row: list[list[Mapped]],
            years: YearContext) -> list[Check]:
    scored = []
    for target, mapped in zip(targets, row):
        chosen = _evidence(sent, target, mapped, years) if mapped else []
        if chosen:
            scored.append((sum(m.agrees for m in chosen), target, chosen))
    if not scored:
        return []
    scored.sort(key=lambda s: -s[0])
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return []  # two rows fit equally well: do not guess
    _, target, chosen = scored[0]
    return [_text_table_check(target, m) for m in chosen]


def _text_table_check(target: TotalTarget, m: Mapped) -> Check:
    stated, terms, result = m.stated, m.terms, m.result
    labels = " + ".join(t.figure.label for t in terms)
    what = f"table {terms[0].figure.table_index + 1} {labels} gives" if len(terms) == 1 else f"{labels} sum to"
    subject = f"text {stated.figure.raw} vs {target.name}"
    message = sum_message(f"text '{stated.figure.label}'", stated, result, f"table: {what}")
    return make_check("text_vs_table", result, stated, terms, subject=subject, message=message,
                      table_index=target.table_index)


@dataclass
class LabelTotal:
    """A row whose label carries a total (开工改造 25516 户), with the words a clause must name."""

    table_index: int
    label: str
    total: ParsedCell
    words: str


def _label_totals(models: list[tuple[int, TableModel]]) -> list[LabelTotal]:
    """Rows with a total in their label, once per notice (not once per sentence)."""
    out = []
    for index, model in models:
        for row in model.rows:
            lt = row.label_total
            if lt is None:
                continue
            words = regex.sub(r"[\d\s.,，]+", "", row.label.replace(lt.raw, "")).strip()
            words = words[: -len(lt.unit.normalized)] if lt.unit and words.endswith(lt.unit.normalized) else words
            if len(words) >= 2:
                out.append(LabelTotal(index, row.label, lt, words))
    return out


def _sentence_vs_label_totals(sent: SentenceFigures, label_totals: list[LabelTotal]) -> list[Check]:
    """A text figure whose clause names a row whose label carries a total (开工改造 25516 户)."""
    out = []
    for item in label_totals:
        lt = item.total
        for f in sent.figures:
            clause = clause_of(sent.text, f.start, f.end)
            if item.words in clause and measure_of(f) == (lt.unit.base, lt.unit.is_count):
                stated = text_term(f, "stated", clause, sent.start)
                terms = [cell_term(lt, "term", item.label, item.table_index)]
                result = check_sum(stated.q, [t.q for t in terms])
                msg = sum_message(f"text '{clause}'", stated, result, f"table row '{item.label}' gives")
                out.append(make_check("text_vs_table", result, stated, terms, table_index=item.table_index,
                                      subject=f"text {f.raw} vs {item.label}", message=msg))
    return out
