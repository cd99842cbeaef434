"""Implicit years: which calendar year a yearless deadline (年底前, 9月30日前) falls in.

Why a module of its own: the year must come from the notice, never from the clock, and the notice
states it in many places (a year in the same sentence, block or section, the plan year, the issue
date, the doc number, the title, the signing line). Each is tried nearest first; a year shifted
from each plan year (前一年12月底前) stays relative instead of taking one calendar year.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from extract import memo
from extract import rx as regex

from extract.extractors.base import Context, Sentence
from extract.normalize.dates import TimeExpr, counts_from_each_year, find_time_expressions, parse_date, resolve_year
from schemas import Block, BlockKind

# Years that are no plan year, also shared with the deadline judgement: a building-age criterion
# (2000年底前建成的, 建成年代不晚于…) and an issue line (…印发).
# 2000年底前建成的小区 / 2005年以前建成、配套不全的: an age criterion (的 or a list of criteria after the
# verb); 年底前建成处理设施 is a deadline.
CRITERION_AFTER = regex.compile(r"^\s*的?\s*(?:建成|建造|修建|兴建)(?:[^，,。；;：:]{0,12}?的|\s*[、，,或])")
CRITERION_BEFORE = regex.compile(r"(?:建成|建造)(?:年限|年代|时间|日期)?(?:不得|不|应)?(?:晚于|早于|在|于)?\s*$")
ISSUED_AFTER = regex.compile(r"^\s*(?:印发|发布|签发|公布|发文|施行|起施行|生效)")
_SECTION_HEADING = regex.compile(r"^\s*[一二三四五六七八九十]+、")
THIS_YEAR = regex.compile(r"本年度|本年|今年|当年")
PAST_DONE = regex.compile(r"已经?(?:完成|建成|开展|实施|下达|拨付)|(?<![为除终])了(?![解结])")
_ITEM_LABEL = regex.compile(r"^\s*(?:(?P<paren>[（(][一二三四五六七八九十]{1,3}[）)])|(?P<num>\d{1,2}[.．、](?!\d))"
                            r"|(?P<shi>[一二三四五六七八九十]是))")
_TITLE_WORDS = regex.compile(r"关于|通知|方案|公告|意见|办法|计划|决定|通告")
_YEAR_TOKEN = regex.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_DATE_AFTER_YEAR = regex.compile(r"\s*年\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日")
_DOC_NUMBER_YEAR = regex.compile(r"[〔［\[(（]\s*((?:19|20)[0-9]{2})\s*[〕］\])）]\s*[0-9]+\s*号")


@dataclass(frozen=True)
class YearHint:
    """A year and where it was read (context, plan_year, notice_date, doc_number, title): the source
    is stored with each deadline so a reader can tell a written year from an inferred one."""
    year: int
    source: str


def resolve_implicit_year(ctx: Context, sent: Sentence, expr: TimeExpr,
                          notice_year: YearHint | None) -> TimeExpr | None:
    """Give a yearless expression its year; years relative to each plan year stay relative."""
    if not expr.needs_year or expr.kind in ("relative", "recurring"):
        return expr
    got = _resolve(ctx, sent, expr, notice_year)
    if got is not None and got.year_source == "context" and notice_year is not None \
            and _before_issue(ctx, got) and not _reports_the_past(sent.text):
        # 对2025年排查发现的撂荒地…于4月30日前完成 in a notice of February 2026, 次年2月20日前 after a
        # section about 2025 in a notice of March 2026: a past year written nearby names what the work
        # is about; what the notice asks is due after it is issued
        alt = resolve_year(expr, notice_year.year, notice_year.source)
        return alt if alt is not None and not _before_issue(ctx, alt) else got
    return got


def _before_issue(ctx: Context, expr: TimeExpr) -> bool:
    """True when the expression ends before the notice was issued."""
    issued, due = ctx.meta.issue_date, expr.due_date or expr.start_date
    return issued is not None and due is not None and due < issued


def _reports_the_past(text: str) -> bool:
    """A sentence telling what was done (…已完成, …完成了) dates past work: its years stand."""
    return bool(PAST_DONE.search(text))


def _resolve(ctx: Context, sent: Sentence, expr: TimeExpr, notice_year: YearHint | None) -> TimeExpr | None:
    hint = _explicit_year_near(sent.text, expr.start)
    shifted = expr.year_offset not in (None, 0)
    if shifted and hint is not None and notice_year is not None and _near_year_is_a_date(sent.text, expr.start):
        # …于2026年1月15日前报送清算报告，…于次年第一季度完成清算: 次年 follows the year the notice is
        # about, not the year of another deadline's date
        return resolve_year(expr, notice_year.year, notice_year.source)
    if shifted and hint is None and counts_from_each_year(sent.text[:expr.start]):
        return _as_relative(expr)
    if hint is not None and (inside := _inside_enclosing_range(sent.text, expr)) is not None:
        return inside
    if (inside := _inside_block_range(sent, expr)) is not None:
        return inside  # （二）集中整治阶段（2025年11月至2026年7月）。…于年底前完成: the stage's year end
    if hint is not None and (ordered := _before_a_later_date(sent.text, expr, hint)) is not None:
        return ordered
    if hint is None and notice_year is not None and THIS_YEAR.search(sent.text):
        hint = notice_year  # 于年底前完成本年度考核: the notice's own year, whatever the section names
    # the paragraph's year written before the sentence; one written only after it, when the notice
    # states no year of its own (a later step's year: …于上半年完成方案。…到2027年底各培育1个…)
    upto = sent.start - sent.block.start if notice_year is not None else len(sent.block.text)
    if hint is None and (block_hint := _block_year(sent.block, upto)) is not None:
        # the paragraph's one year, with the same order rule across its sentences
        at = sent.start - sent.block.start
        in_block = replace(expr, start=at + expr.start, end=at + expr.end)
        ordered = _before_a_later_date(sent.block.text, in_block, block_hint)
        if ordered is not None:
            return replace(ordered, start=expr.start, end=expr.end)
        hint = block_hint
    hint = hint or _section_year(ctx, sent.block, notice_year) or notice_year
    if hint is None:
        return _as_relative(expr) if shifted else expr
    return resolve_year(expr, hint.year, hint.source)


def _inside_enclosing_range(text: str, expr: TimeExpr, only_one: bool = False) -> TimeExpr | None:
    """After a range across a year end (供暖期为2025年11月1日至2026年3月31日，其中严寒期为12月15日至
    2月15日), a yearless part lies inside it: the year that puts it there, else None."""
    before = [e for e in find_time_expressions(text) if e.end <= expr.start and e.kind == "range"
              and e.first and e.last and e.first.year and e.last.year and e.first.year < e.last.year]
    if not before or before[-1].start_date is None or before[-1].due_date is None:
        return None
    span = before[-1]
    fitting = []
    for year in range(span.last.year, span.first.year - 1, -1):
        got = resolve_year(expr, year, "context")
        if got is None:
            continue
        lo, hi = got.start_date or got.due_date, got.due_date or got.start_date
        if lo and hi and span.start_date <= lo and hi <= span.due_date:
            fitting.append(got)
    if only_one and len(fitting) != 1:
        return None  # a stage of 2026年4月至2027年9月 holds 5月31日 twice: the period does not decide
    return fitting[0] if fitting else None


def _inside_block_range(sent: Sentence, expr: TimeExpr) -> TimeExpr | None:
    """`_inside_enclosing_range` over the paragraph: a stage heading's period across a year end,
    written in an earlier sentence of the same paragraph, when only one year puts the date inside it."""
    at = sent.start - sent.block.start
    if at == 0 or len(_YEAR_TOKEN.findall(sent.block.text, 0, at)) < 2:
        return None  # a period across a year end writes two years before the sentence
    in_block = replace(expr, start=at + expr.start, end=at + expr.end)
    inside = _inside_enclosing_range(sent.block.text, in_block, only_one=True)
    return replace(inside, start=expr.start, end=expr.end) if inside is not None else None


def _as_relative(expr: TimeExpr) -> TimeExpr:
    """前一年12月底前 said of each plan year: no calendar date, relative to the plan year."""
    return replace(expr, kind="relative", precision="relative", anchor="计划年度", due_date=None,
                   start_date=None, year_source=None)


@memo.by_value(256)
def _explicit_years(text: str) -> tuple[tuple[int, int], ...]:
    """(offset, year) of years written in text, leaving out criteria and cited titles. Memoized
    per notice: every yearless deadline of a section reads the same sentences and blocks."""
    out = []
    for e in find_time_expressions(text):
        pt = e.last if e.last and e.last.year else e.first
        if e.year_source == "text" and pt and pt.year and not _not_plan_year(text, e):
            if e.first and e.first.year and e.first.year != pt.year:
                out.append((e.start, e.first.year))  # 2026—2027年 names both years: a paragraph's year stays open
            out.append((e.start, pt.year))
    return tuple(out)


def _not_plan_year(text: str, e: TimeExpr) -> bool:
    """A building-age criterion or an issue date names a year nothing is due in."""
    before, after = text[:e.start], text[e.end:]
    return bool(CRITERION_AFTER.match(after) or CRITERION_BEFORE.search(before)
                or ISSUED_AFTER.match(after))


def _before_a_later_date(text: str, expr: TimeExpr, hint: YearHint) -> TimeExpr | None:
    """于第三季度开展中期督查，于2027年1月31日前完成年度考核: steps listed in order, so a yearless one
    written before the sentence's only dated one does not fall after it (the year before, then).
    None when the sentence dates something before the expression, or the order already holds."""
    dated = [e for e in find_time_expressions(text) if e.year_source == "text" and e.due_date
             and not (e.precision == "year" and e.kind == "on")]  # 完成2026年资金清算: a year naming what
    if not dated or dated[0].start < expr.start:
        return None
    got = resolve_year(expr, hint.year, hint.source)
    if got is None or got.due_date is None or got.due_date <= dated[0].due_date:
        return None
    earlier = resolve_year(expr, hint.year - 1, hint.source)
    return earlier if earlier is not None and earlier.due_date and earlier.due_date <= dated[0].due_date else None


def _explicit_year_near(text: str, pos: int) -> YearHint | None:
    """The sentence's own year wins: the last one before pos, else the first one after it."""
    years = _explicit_years(text)
    before = [y for off, y in years if off < pos]
    if before:
        return YearHint(before[-1], "context")
    return YearHint(years[0][1], "context") if years else None


def _near_year_is_a_date(text: str, pos: int) -> bool:
    """Whether the year `_explicit_year_near` takes is part of a full date (2026年1月15日)."""
    years = _explicit_years(text)
    before = [off for off, _ in years if off < pos]
    off = before[-1] if before else years[0][0]
    return bool(_DATE_AFTER_YEAR.match(text, off + 4))


def _block_year(block: Block, upto: int) -> YearHint | None:
    """The one year written in the paragraph before `upto`; two or more leave it open (a period
    spanning years)."""
    years = {y for off, y in _explicit_years(block.text) if off < upto}
    return YearHint(years.pop(), "context") if len(years) == 1 else None


def _section_year(ctx: Context, block: Block, notice_year: YearHint | None) -> YearHint | None:
    """The one year written in the blocks of the same section before this one, if only one. An
    outline item (（六）…) does not take a year from the items before it at its level when that year
    is not the notice's own (（五）…于2027年1月20日前报送…, in a notice of 2026): they are its siblings,
    whose steps may run into the next year; the section's heading and opening text are its context."""
    years: set[int] = set()
    item = _ITEM_LABEL.match(block.text)
    for b in reversed(ctx.document.blocks[: block.seq]):
        if b.kind == BlockKind.table:
            continue
        found = {y for _, y in _explicit_years(b.text)}
        if item and (sibling := _ITEM_LABEL.match(b.text)) and _label_kind(sibling) == _label_kind(item) \
                and notice_year is not None:
            found &= {notice_year.year}
        years |= found
        if _SECTION_HEADING.match(b.text):
            break
    return YearHint(years.pop(), "context") if len(years) == 1 else None


def _label_kind(m: regex.Match) -> str:
    """Which level of outline a label opens: （一）, 1. or 一是."""
    return next(k for k, v in m.groupdict().items() if v)


def notice_year_of(ctx: Context) -> YearHint | None:
    """The notice's year: plan year, issue date, doc number (ctx.meta), else read from its first blocks."""
    meta = ctx.meta
    if meta.plan_year and meta.issue_date and meta.plan_year < meta.issue_date.year:
        # 关于2025年度…问题整改的通知, issued in 2026: the year it is about is past; what it asks is due
        # from its issue on
        return YearHint(meta.issue_date.year, "notice_date")
    inferred = meta.issue_date is not None and meta.plan_year == meta.issue_date.year \
        and str(meta.plan_year) not in (meta.title or "")
    if meta.plan_year and not inferred:  # a plan year taken from the issue date is the issue date's
        return YearHint(meta.plan_year, "plan_year")
    if meta.issue_date:
        return YearHint(meta.issue_date.year, "notice_date")
    if meta.doc_number and (m := _DOC_NUMBER_YEAR.search(meta.doc_number)):
        return YearHint(int(m.group(1)), "doc_number")
    return _year_from_blocks(ctx.document.blocks)


def _year_from_blocks(blocks: list[Block]) -> YearHint | None:
    """Fallback: a single year in the title, else a date-only line (signing date), else a doc number."""
    head = [b for b in blocks[:8] if b.kind != BlockKind.table]
    for b in head:
        if _TITLE_WORDS.search(b.text) and len(b.text) <= 80:
            years = set(_YEAR_TOKEN.findall(b.text))
            if len(years) == 1:
                return YearHint(int(years.pop()), "title")
            break
    for b in blocks:
        if b.kind != BlockKind.table and len(b.text) <= 40 and (d := _signing_date(b.text)):
            return YearHint(d.year, "notice_date")
    for b in head:
        if len(b.text) <= 30 and (m := _DOC_NUMBER_YEAR.search(b.text)):
            return YearHint(int(m.group(1)), "doc_number")
    return None


def _signing_date(line: str) -> date | None:
    """The date of a line that ends with one full date (a signature or 印发 line)."""
    exprs = find_time_expressions(line)
    if len(exprs) == 1 and exprs[0].precision == "day":
        if line.strip().endswith((exprs[0].raw, exprs[0].raw + "印发")):
            return parse_date(exprs[0].raw)
    return None
