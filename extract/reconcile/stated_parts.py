"""A stated total and the parts the text lists for it, with the shares written beside the parts.

A whole is a figure stated as a total (共/共计/合计/总计/累计/总投资…, or a figure followed by
其中). Its parts are, in order of trust:
  - the 'label + figure' clauses after it in the same sentence (；does not end the list), after
    其中/分别为/具体为/包括, or, without such a marker, funding sources (资金/补助/配套…); the list
    stops at a figure of another unit or at a new total, and a share written after a part (，占60%)
    belongs to that part;
  - the enumerated paragraphs after a '如下：' (（一）…（二）…), one money figure each;
  - a breakdown by consecutive years in a later sentence of the same or the next few paragraphs
    (2024年改造老旧小区70个，2025年…60个，2026年…50个) whose subject words are the whole's and
    whose last year is the one the whole names (到2026年底).
After 其中 the parts may be only some of them, so falling short is not a discrepancy then.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extract import rx as regex

from extract.normalize.numbers import FigureMatch, find_figures
from extract.reconcile.figures import Term, text_quantity, text_term
from extract.reconcile.intervals import check_sum
from extract.reconcile.share_checks import descriptive_share_check
from extract.reconcile.table_targets import header_score
from extract.reconcile.text_checks import (CLAUSE_END_BACK, ENUM_MARKER, clause_of, last_mark_end, measure,
                                          parts_check)
from schemas import Block, Check, CheckStatus, Document

WHOLE_HEAD = regex.compile(r"总投资|投资总额|估算投资|概算投资|总额|总计|合计|共计|总共|总规模|总金额|累计|"
                           r"(?<!公)共(?![享同建治性识赢产青])(?=[^，,；;。]{0,12}$)")
# Every total word above, and 其中, holds one of these: a sentence with none states no whole, and
# its figures need not be found (most sentences).
WHOLE_HINT = regex.compile(r"总|共|合计|累计|估算投资|概算投资|其中")
OF_WHICH_NEXT = regex.compile(r"[，,]\s*其中")
PART_END = regex.compile(r"[，,；;、。！？!?\n]")
PART_END_BACK = regex.compile(r"(?r)[，,；;、。！？!?\n]")  # the same, searched backwards
SEPARATORS = {"、": 1, "，": 2, ",": 2, "；": 3, ";": 3}
SENTENCE = regex.compile(r"[^。！？!?\n]+[。！？!?]?")
MARKER = regex.compile(r"其中|分别为|分别是|具体为|具体是|包括|含")
SHARE_AFTER = regex.compile(r"^[，,]?\s*(?:占|约占)(?:[^，,；;。\d]{0,12}的)?\s*$")
NAMED_SHARE = regex.compile(r"(?P<a>[^，,。；;\d]{2,16}?)占(?P<b>[^，,。；;\d]{2,16}?)的?(?P<pct>\d+(?:\.\d+)?)\s*[%％]")
SOURCE_WORDS = regex.compile(r"资金|补助|补贴|配套|自筹|出资|筹措|债券|贷款|融资|申请|拨付|预算|财政|中央|省级|市级|县级|"
                             r"社会|企业|居民|单位|奖补|专项")
# Who pays what is left of a funding plan (县级财政安排, 企业自筹, 地方配套): a list of three or more
# sources after 其中 ending on one of them reads as the whole plan, so it must add up to its whole
# (two sources, 中央补助600万元、地方配套300万元 of 1000万元, may still leave a payer unnamed).
REMAINDER = regex.compile(r"自筹|配套|(?:县|区|乡|镇)级?(?:财政|本级)|本级财政|(?:县|区)级(?:资金|投入)")
# Two kinds that together are the whole of what is counted.
PARTITIONS = (("城区", "乡镇"), ("城区", "农村"), ("城镇", "农村"), ("城市", "农村"), ("市区", "县域"),
              ("公办", "民办"), ("男性", "女性"), ("中央", "地方"), ("国有", "非国有"), ("新建", "改扩建"))
YEAR_SPAN = regex.compile(r"((?:19|20)\d\d)\s*(?:年)?\s*[—–\-~～至到]\s*((?:19|20)\d\d)\s*年")
KIND_JOIN = regex.compile(r"和|及|与|以及|、")
REST_AFTER = regex.compile(r"其余|剩余|其他|不足部分|缺口|差额")
LIST_ITEM = regex.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+是|\d+[.．、](?!\d))")
FOLLOWS = regex.compile(r"(?:如下|以下)[:：]\s*$|[:：]\s*$")
YEAR = regex.compile(r"(20\d\d)\s*年")
YEAR_HEAD = regex.compile(r"^\s*(?:其中|分别为)?[:：]?\s*(20\d\d)\s*年")
LABEL_TRIM = regex.compile(r"^(?:其中|分别为|分别是|具体为|具体是|包括|含|拟申请|申请|以及|和|及)[:：]?")
LOOKAHEAD_PARAGRAPHS = 4
NEXT_OPENS_PARTS = regex.compile(r"\s*其中\s*[，,：:]?")


@dataclass
class Part:
    fig: FigureMatch
    label: str
    offset: int                     # where the text the figure was found in starts
    share: FigureMatch | None = None  # 占60% written after it


@dataclass
class Whole:
    fig: FigureMatch
    sentence: str
    offset: int
    parts: list[Part] = field(default_factory=list)
    partial: bool = False


def stated_parts(document: Document) -> list[Check]:
    """parts_vs_whole checks for stated totals, and share_descriptive checks for their shares."""
    checks: list[Check] = []
    paragraphs = document.paragraphs()
    for i, block in enumerate(paragraphs):
        sentences = list(SENTENCE.finditer(block.text))
        for k, m in enumerate(sentences):
            text, offset = m.group(), block.start + m.start()
            found = [(fig, text) for fig in wholes_in(text)]
            if k + 1 < len(sentences) and sentences[k + 1].start() == m.end() \
                    and (fig := _whole_before_next(text, sentences[k + 1].group())):
                found.append((fig, text + sentences[k + 1].group()))
            for fig, span in found:
                whole = _with_parts(Whole(fig, span, offset), paragraphs, i, m.end())
                if whole is not None:
                    checks.extend(_checks_for(whole, block, m.end()))
    return checks


def _whole_before_next(text: str, following: str) -> FigureMatch | None:
    """`…安排资金2460万元。其中，A 1250万元，…`: the figure closing a sentence whose next sentence
    opens on 其中 is the whole of the parts listed there."""
    if not NEXT_OPENS_PARTS.match(following):
        return None
    figs = [f for f in find_figures(text) if measure(f) is not None]
    if not figs or text[figs[-1].end:].strip(" 。") or figs[-1] in wholes_in(text):
        return None
    return figs[-1]


def wholes_in(text: str) -> list[FigureMatch]:
    """Figures stated as a total: a total word before them in their clause, or 其中 right after;
    never a rate (按…%) and never the whole of a 分别为 list (checked by _enumerated_parts)."""
    out: list[FigureMatch] = []
    if not WHOLE_HINT.search(text):
        return out
    # where the last 分别为 starts: a figure before it is the whole of that list (one scan, where
    # searching the rest of the text from every figure was quadratic in a long list)
    last_enum = max((m.start() for m in ENUM_MARKER.finditer(text)), default=-1)
    for f in find_figures(text):
        if measure(f) is None:
            continue
        left = last_mark_end(PART_END_BACK, text, f.start)
        head = text[left:f.start]
        clause = clause_of(text, f.start, f.end)
        if "%" in head + clause or "按" in head + clause or last_enum >= f.end:
            continue
        if WHOLE_HEAD.search(head) or OF_WHICH_NEXT.match(text, f.end):
            out.append(f)
    return out


def _with_parts(whole: Whole, paragraphs: list[Block], i: int, sent_end: int) -> Whole | None:
    whole.parts = parts_after(whole.sentence, whole.fig, whole.offset)
    between = whole.sentence[whole.fig.end: whole.parts[0].fig.start] if whole.parts else ""
    marker = MARKER.search(between)
    whole.partial = bool(marker and marker.group() in ("其中", "包括", "含"))
    if whole.partial and len(whole.parts) >= 2:
        _complete_list(whole)
    if whole.partial and _names_every_part(whole):
        whole.partial = False
    if len(whole.parts) >= 2 and (marker or _all_sources(whole)):
        return whole
    block = paragraphs[i]
    if whole.fig.unit.is_money and FOLLOWS.search(block.text):
        whole.parts, whole.partial = _money_in_list(paragraphs[i + 1:]), False
        if len(whole.parts) >= 2 and _all_sources(whole):
            return whole
    whole.parts, whole.partial = _yearly_parts(whole, paragraphs, i, sent_end), False
    return whole if len(whole.parts) >= 2 else None


def _complete_list(whole: Whole) -> None:
    """其中A 3.1亿元、B 2.4亿元，C 2.6亿元，D 0.5亿元 = 8.6亿元: the list after 其中 goes on past a
    stronger separator. When those further clauses make the parts add up to the whole exactly, the
    list was complete, and the check says so instead of 'only some parts listed'."""
    longer = parts_after(whole.sentence, whole.fig, whole.offset, by_separator=False)
    if len(longer) <= len(whole.parts):
        return
    summed = check_sum(text_quantity(whole.fig), [text_quantity(p.fig) for p in longer])
    if summed.status == CheckStatus.ok:
        whole.parts, whole.partial = longer, False


def _names_every_part(whole: Whole) -> bool:
    """A list after 其中 that leaves nothing out, so it must add up to its whole: two kinds that split
    it (城区9个、乡镇14个), the years of the span it names, the kinds it names itself, or a funding plan
    ending on who pays the rest."""
    return _partition(whole.parts) or _each_year_of_its_span(whole) or _kinds_named(whole) \
        or _whole_funding_plan(whole)


def _whole_funding_plan(whole: Whole) -> bool:
    """…其中中央6000万元、专项债券8400万元、县级财政安排8200万元: three or more sources ending on the
    local budget, with no rest named after them."""
    return len(whole.parts) >= 3 and _all_sources(whole) and bool(REMAINDER.search(whole.parts[-1].label)) \
        and not REST_AFTER.search(whole.sentence, whole.parts[-1].fig.end)


def _partition(parts: list[Part]) -> bool:
    """True when the parts' labels are the two sides of a split that leaves nothing out (城区 / 乡镇,
    城镇 / 农村, 公办 / 民办), with the same words after them (城区农贸市场, 乡镇农贸市场)."""
    if len(parts) != 2:
        return False
    a, b = (p.label for p in parts)
    for x, y in PARTITIONS:
        for first, second in ((x, y), (y, x)):
            if a.startswith(first) and b.startswith(second) and a[len(first):] in ("", b[len(second):]) \
                    or a.endswith(first) and b.endswith(second) and a[:-len(first)] == b[:-len(second)]:
                return True
    return False


def _each_year_of_its_span(whole: Whole) -> bool:
    """2026—2028年安排1.2亿元，其中2026年…、2027年…、2028年…: the parts are the years of the span
    the whole's sentence names, each once, so together they are all of it."""
    span = YEAR_SPAN.search(whole.sentence, 0, whole.fig.start)
    labels = [YEAR_HEAD.match(p.label) for p in whole.parts]
    if span is None or not all(labels):
        return False
    years = [int(m.group(1)) for m in labels]
    return years == list(range(int(span.group(1)), int(span.group(2)) + 1))


def _kinds_named(whole: Whole) -> bool:
    """完成油茶扩种和低产林改造31万亩，其中新造油茶林12万亩、低产林改造18万亩: the whole names its kinds
    (A和B), and the parts after 其中 are as many, each sharing a word with a different one of them."""
    head = whole.sentence[last_mark_end(PART_END_BACK, whole.sentence, whole.fig.start):whole.fig.start]
    kinds = [k for k in KIND_JOIN.split(head) if k]
    if not 2 <= len(kinds) <= 4 or len(kinds) != len(whole.parts):
        return False
    free = list(range(len(kinds)))
    for part in whole.parts:
        hit = next((i for i in free if _shared_pair(part.label, kinds[i])), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def _shared_pair(a: str, b: str) -> bool:
    return any(a[i:i + 2] in b for i in range(len(a) - 1))


def _all_sources(whole: Whole) -> bool:
    return whole.fig.unit.is_money and all(SOURCE_WORDS.search(p.label) for p in whole.parts)


def parts_after(text: str, whole: FigureMatch, offset: int, by_separator: bool = True) -> list[Part]:
    """'label + figure' clauses after the whole in its unit, each in its own clause, until a
    figure of another unit, a new total, or a stronger separator than the list's own (A、B；C:
    the list is A、B); a share right after a part (，占60%) is kept on it."""
    parts: list[Part] = []
    prev, sep = whole.end, None
    figs = find_figures(text)
    for i, f in enumerate(figs):
        if f.start < whole.end:
            continue
        if f.unit.base == "%":
            if parts and parts[-1].share is None and SHARE_AFTER.match(text[prev:f.start]):
                parts[-1].share = f
                continue
            if _rate_of_next(text, figs, i, whole):
                continue  # 其中市级财政按60%承担2916万元: the rate the part is worked out by
            break
        if measure(f) != measure(whole):
            break
        left = last_mark_end(PART_END_BACK, text, f.start)
        if left < prev:
            return []  # two figures in one clause: not a list
        if parts:
            strength = _separator(text[parts[-1].fig.end:left])
            if by_separator and sep is not None and strength > sep:
                break
            if strength >= SEPARATORS["；"] and f.value_base > whole.value_base:
                break  # …其中A区410台；安装监测装置3000台: more than the whole, after a ；, is no part of it
            sep = strength
        clause_left = last_mark_end(CLAUSE_END_BACK, text, f.start)
        head = text[max(clause_left, prev):f.start].strip(" 、，,；;")
        if WHOLE_HEAD.search(text[left:f.start]):
            break
        label = LABEL_TRIM.sub("", head).strip()
        if len(label) < 2:
            break
        parts.append(Part(f, label[-24:], offset))
        prev = f.end
    return parts


def _rate_of_next(text: str, figs: list[FigureMatch], i: int, whole: FigureMatch) -> bool:
    """A rate written before the next figure of its clause, in the whole's measure (按60%承担2916万元)."""
    nxt = figs[i + 1] if i + 1 < len(figs) else None
    return (nxt is not None and measure(nxt) == measure(whole) and text[figs[i].start - 1:figs[i].start] == "按"
            and not PART_END.search(text, figs[i].end, nxt.start))


def _separator(between: str) -> int:
    """How strongly two parts are separated: 、 (1) < ，(2) < ；(3)."""
    return max((SEPARATORS.get(ch, 0) for ch in between), default=0)


def _money_in_list(following: list[Block]) -> list[Part]:
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
            out.append(Part(figs[0], label, block.start))
    return out


def _yearly_parts(whole: Whole, paragraphs: list[Block], i: int, sent_end: int) -> list[Part]:
    """A later sentence listing the whole's subject by consecutive years ending in its year."""
    end_years = {int(y) for y in YEAR.findall(whole.sentence)}
    if not end_years:
        return []
    clause = clause_of(whole.sentence, whole.fig.start, whole.fig.end)
    for k, block in enumerate(paragraphs[i:i + 1 + LOOKAHEAD_PARAGRAPHS]):
        start = sent_end if k == 0 else 0
        for m in SENTENCE.finditer(block.text, start):
            parts = _by_year(m.group(), whole.fig, block.start + m.start())
            if len(parts) < 2:
                continue
            years = [int(YEAR_HEAD.match(p.label).group(1)) for p in parts]
            consecutive = years == list(range(years[0], years[0] + len(years)))
            if consecutive and years[-1] in end_years and header_score(_subject(parts[0].label), clause) >= 0.5:
                return parts
    return []


def _by_year(text: str, whole: FigureMatch, offset: int) -> list[Part]:
    """Figures in the whole's unit, each in a clause that starts with a year."""
    out: list[Part] = []
    if not YEAR.search(text):
        return out  # no clause of it can start with a year
    for f in find_figures(text):
        if measure(f) != measure(whole):
            continue
        left = last_mark_end(PART_END_BACK, text, f.start)
        label = text[left:f.start].strip()
        if not YEAR_HEAD.match(label) or (out and left < out[-1].fig.end):
            return []
        out.append(Part(f, label, offset))
    return out


def _subject(label: str) -> str:
    return YEAR_HEAD.sub("", label)


# ---------------------------------------------------------------- checks

def _checks_for(whole: Whole, block: Block, sent_end: int) -> list[Check]:
    w = text_term(whole.fig, "stated", clause_of(whole.sentence, whole.fig.start, whole.fig.end),
                  whole.offset)
    terms = [text_term(p.fig, "term", p.label, p.offset) for p in whole.parts]
    out = [parts_check(w, terms, partial=whole.partial)]
    for part, term in zip(whole.parts, terms):
        if part.share is not None:
            out.append(descriptive_share_check(term, w, part.share, f"{part.label} {part.fig.raw} 占{part.share.raw}",
                                               part.offset))
    out.extend(_named_shares(whole, w, terms, block, sent_end))
    return out


def _named_shares(whole: Whole, w: Term, terms: list[Term], block: Block, sent_end: int) -> list[Check]:
    """'中央资金占计划总投资的50%' after the list: a part named by its label, the whole by its words."""
    out = []
    following = block.text[sent_end:]
    base = block.start + sent_end
    whole_clause = clause_of(whole.sentence, whole.fig.start, whole.fig.end)
    sentence = SENTENCE.match(following.lstrip())
    if sentence is None:
        return out
    pad = len(following) - len(following.lstrip())
    for m in NAMED_SHARE.finditer(sentence.group()):
        a, b = m.group("a").strip("，, "), m.group("b")
        named = [t for t in terms if a and (a in t.figure.label or t.figure.label.endswith(a))]
        if len(named) != 1 or header_score(b, whole_clause) < 0.5:
            continue
        pct = next((f for f in find_figures(sentence.group()) if f.start == m.start("pct")), None)
        if pct is None:
            continue
        out.append(descriptive_share_check(named[0], w, pct, m.group(), base + pad))
    return out
