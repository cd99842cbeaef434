"""Shares against their base: a rate the notice applies, and a descriptive percentage.

Only when the base is clearly stated. A rate (按照投资总额80%计算，共计6636万元) names its base
with a total word (投资总额, 总投资 …); the base is then the nearest earlier money figure stated as a
total. A descriptive share is checked only in the explicit form 'A …占… T 的 P%' with A and T in
the same unit. Coverage rates whose denominators are not written (覆盖率为32%) are not checked.
"""
from __future__ import annotations

from decimal import Decimal

from extract import rx as regex

from extract.extractors.base import split_sentences
from extract.normalize.numbers import FigureMatch, find_figures
from extract.reconcile.figures import Term, fmt, in_unit, make_check, text_term
from extract.reconcile.intervals import check_descriptive_share, check_rate
from extract.reconcile.text_checks import clause_of, money_totals
from schemas import Check, Document, Figure

RATE = regex.compile(r"按(?:照)?(?P<base>[^，,。；;%]{0,16}?)(?P<pct>\d+(?:\.\d+)?)\s*[%％](?:的比例)?"
                     r"(?:计算|计|测算|核定|安排|补助|配套|给予)")
BASE_WORDS = regex.compile(r"总额|总投资|投资总额|总数|总计|总量|总金额|总造价")
SHARE_OF = regex.compile(r"占")
# 整改完成率为 / 办结率是: a rate stated (not a goal: 达到… is one) right before its percentage
RATE_NAMED = regex.compile(r"(?P<name>\p{Han}{2,6})率(?:为|是)\s*$")
CLAUSE_MARKS = regex.compile(r"[，,]")
WHOLE_WORD = regex.compile(r"共|总计|合计|累计|总数")
LOOKBACK_BLOCKS = 6


def share_checks(document: Document) -> list[Check]:
    checks: list[Check] = []
    paragraphs = document.paragraphs()
    for i, block in enumerate(paragraphs):
        for sent in split_sentences(block):
            # both forms hinge on one word (按 a rate, 占 a share): most sentences have neither
            if "按" in sent.text:
                for m in RATE.finditer(sent.text):
                    check = _rate_check(paragraphs, i, sent, m)
                    if check:
                        checks.append(check)
            if "占" in sent.text:
                checks.extend(_descriptive_checks(sent))
            if "率为" in sent.text or "率是" in sent.text:
                checks.extend(_completion_checks(block, sent))
    return checks


def _rate_check(paragraphs, i: int, sent, m: regex.Match) -> Check | None:
    """按…P%计算 … A: A must equal P% of the base total (rate exact, A rounded)."""
    if not BASE_WORDS.search(m.group("base")):
        return None
    after = [f for f in find_figures(sent.text) if f.start >= m.end() and f.unit.is_money]
    base = _latest_total(paragraphs, i, sent.start + m.start())
    if not after or base is None:
        return None
    part_fig = after[0]
    whole_fig, whole_offset, whole_text = base
    if part_fig.unit.base != whole_fig.unit.base:
        return None
    part = text_term(part_fig, "stated", clause_of(sent.text, part_fig.start, part_fig.end), sent.start)
    whole = text_term(whole_fig, "base", clause_of(whole_text, whole_fig.start, whole_fig.end), whole_offset)
    pct = Decimal(m.group("pct"))
    rate_fig = Figure(role="rate", label="rate", raw=m.group("pct") + "%", value=pct,
                      decimals=_decimals(m.group("pct")), exact=True, quote=m.group("pct"),
                      start=sent.start + m.start("pct"), end=sent.start + m.end("pct"))
    result = check_rate(part.q, pct, whole.q)
    unit = part.unit.normalized
    computed = fmt(in_unit(result.computed, part.unit))
    message = (f"'{part.figure.label}': stated {part_fig.raw}, {fmt(pct)}% of {whole_fig.raw} is "
               f"{computed} {unit} (difference {fmt(in_unit(result.difference, part.unit))}, "
               f"tolerance {fmt(in_unit(result.tolerance, part.unit))}; {result.status.value})")
    return make_check("share_rate", result, part, [whole], subject=part.figure.label, message=message,
                      extra_figures=[rate_fig])


def _latest_total(paragraphs, i: int, before: int) -> tuple[FigureMatch, int, str] | None:
    """The nearest money figure stated as a total before `before`, within a few paragraphs."""
    for block in reversed(paragraphs[max(0, i - LOOKBACK_BLOCKS): i + 1]):
        for sent in reversed(list(split_sentences(block))):
            if sent.start >= before:
                continue
            totals = [f for f in money_totals(sent.text) if sent.start + f.end <= before]
            if totals:
                return totals[-1], sent.start, sent.text
    return None


def _descriptive_checks(sent) -> list[Check]:
    """'A … 占 … T 的 P%': a rounded percentage against its two stated figures."""
    out = []
    figs = find_figures(sent.text)
    for a, t, p in zip(figs, figs[1:], figs[2:]):
        if p.unit.base != "%" or a.unit.base == "%" or a.unit.base != t.unit.base:
            continue
        between = sent.text[a.end:t.start]
        if not SHARE_OF.search(between) or "的" not in sent.text[t.end:p.start + 1]:
            continue
        part = text_term(a, "stated", clause_of(sent.text, a.start, a.end), sent.start)
        whole = text_term(t, "base", clause_of(sent.text, t.start, t.end), sent.start)
        out.append(descriptive_share_check(part, whole, p, clause_of(sent.text, p.start, p.end), sent.start))
    return out


def _completion_checks(block, sent) -> list[Check]:
    """'共发现问题64个…已完成整改41个，整改完成率为64.1%': a rate stated for a count just before it,
    whose whole is a count of the same unit stated as a total earlier in the paragraph. Only when
    the rate's name shares a word with the part's clause (整改…整改完成率): the rate is of that part."""
    out = []
    figs = find_figures(sent.text)
    at = sent.start - block.start
    for k, pct in enumerate(figs):
        if pct.unit.base != "%" or k == 0 or pct.approximate:
            continue
        named = RATE_NAMED.search(sent.text, 0, pct.start)
        part = figs[k - 1]
        if not named or not part.unit.is_count or part.approximate \
                or len(CLAUSE_MARKS.findall(sent.text, part.end, pct.start)) != 1:
            continue
        part_clause = clause_of(sent.text, part.start, part.end)
        if not _shares_word(part_clause, named["name"]):
            continue
        whole = _stated_whole(block.text, at + part.start, part)
        if whole is None or whole.value_base < part.value_base:
            continue
        part_term = text_term(part, "term", part_clause, sent.start)
        whole_term = text_term(whole, "base", clause_of(block.text, whole.start, whole.end), block.start)
        out.append(descriptive_share_check(part_term, whole_term, pct, clause_of(sent.text, pct.start, pct.end),
                                           sent.start))
    return out


def _stated_whole(text: str, before: int, part: FigureMatch) -> FigureMatch | None:
    """The last count of the part's unit stated as a total (共发现问题64个) before `before`."""
    found = None
    for f in find_figures(text[:before]):
        if f.unit.normalized == part.unit.normalized and not f.approximate \
                and WHOLE_WORD.search(text[max(0, f.start - 12):f.start].split("，")[-1]):
            found = f
    return found


def _shares_word(clause: str, name: str) -> bool:
    """Whether the part's clause holds what the rate measures: a two-character word of the rate's
    name ending right before 率 at the latest (整改完成率: 完成 or 整改), so that 年报报送率 is not read
    for 查处违法违规社会组织4家 (社会组织 is shared; 报送 is not)."""
    core = name[-4:]
    return any(core[i:i + 2] in clause for i in range(len(core) - 1))


def descriptive_share_check(part: Term, whole: Term, pct: FigureMatch, label: str, offset: int) -> Check:
    """A written, rounded percentage (占60%) against the part and the whole it is a share of.

    pct is found in a text starting at `offset` in Document.text; part and whole are terms
    already placed. The percentage is the stated figure: it is the one rounded for display.
    """
    share = text_term(pct, "stated", label, offset)
    result = check_descriptive_share(part.q, whole.q, pct.value, pct.number.decimals)
    message = (f"'{share.figure.label}': stated {pct.raw}, {part.figure.raw} / {whole.figure.raw} = "
               f"{fmt(result.computed)}% ({result.status.value})")
    part_fig = part.figure.model_copy(update={"role": "term"})
    whole_fig = whole.figure.model_copy(update={"role": "base"})
    return make_check("share_descriptive", result, share, [Term(part.q, part.unit, part_fig),
                      Term(whole.q, whole.unit, whole_fig)], subject=share.figure.label, message=message)


def _decimals(raw: str) -> int:
    return len(raw.split(".")[1]) if "." in raw else 0
