"""A stated count of things (共5项任务, 26个老旧小区) against the items the text lists for it.

Linked only when the link is plain:
- adjacent: the count's clause runs straight into a colon or 分别为/具体为 and the items follow
  (names 'A、B、C', numbered items inline, or the numbered paragraphs after the block);
- distant: a numbered list elsewhere introduced by the same noun and 包括/涉及/如下/分别为
  ('涉及的小区包括：1.… 26.…'), when the count is the only count of that noun not already matched
  with its own names, and the lists of that noun are one, or one that holds all the others'
  names (category lists 基础类/完善类 are parts of one set). A distant list may name only some of
  the things counted, so falling short is `unverifiable`; naming more than counted contradicts it.
A numbered list that skips or repeats a number is `unverifiable` (an item may be missing, or the
numbering slipped).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal

from extract import rx as regex

from extract.normalize.numbers import FigureMatch, find_figures
from extract.reconcile.figures import Term, make_check, text_term
from extract.reconcile.intervals import Result, check_sum, quantity
from extract.reconcile.item_lists import (ItemList, contains_all, following_blocks, inline_numbered,
                                          names_list)
from schemas import Block, Check, CheckStatus, Document, Figure

ITEM_UNITS = {"个", "项", "处", "所", "家", "座", "条", "名"}
NOUN = regex.compile(r"\p{Han}{1,8}?(?=改造|建设|实施|提升|整治|工程|工作|及|和|与|等|的|[^\p{Han}]|$)")
INTRO = r"(?:如下|包括|包含|分别为|分别是|具体为|具体是|依次为|为|即)"
# The count's clause runs into the list: '5项任务：' / '3个项目，分别为' / '26个小区如下：'.
INTO_LIST = regex.compile(rf"\p{{Han}}{{0,6}}?(?:[，,]\s*)?(?:具体|主要)?{INTRO}?\s*[:：]\s*"
                          rf"|\p{{Han}}{{0,6}}?[，,]?\s*(?:分别为|分别是|具体为|具体是|依次为)\s*")
LIST_LEAD = regex.compile(r"包括|包含|涉及|如下|分别为|分别是|具体为|名单")
# Words that make an 'item' a statement: what follows the colon is not a list of names.
VERBISH = regex.compile(r"实施|开展|改造|建设|完成|推进|涉及|安排|新建|计划|共计|合计|以及|等|其中|已|正在|"
                        r"在建|均|将|并|按|由|对|向|从|\d")
SENTENCE_END = regex.compile(r"[。！？!?；;\n]")
LEAD_CLAUSE = regex.compile(r"[^。；;，,！？!?\n]*$")


@dataclass
class Count:
    fig: FigureMatch      # offsets in block.text
    block: Block
    noun: str
    after: int            # block.text offset right after the noun

    @property
    def head(self) -> str:
        return self.noun[-2:]


def counts_in(block: Block) -> list[Count]:
    """Counts of things (个, 项, 处 …) written as equalities, with the noun that follows."""
    out = []
    for f in find_figures(block.text):
        if f.unit.normalized not in ITEM_UNITS or f.approximate or f.qualifier:
            continue
        m = NOUN.match(block.text, f.end)
        noun = m.group() if m else ""
        out.append(Count(f, block, noun, f.end + len(noun)))
    return out


def count_link_checks(document: Document, taken: set[tuple[int, int]]) -> list[Check]:
    """Checks of counts against their lists; `taken`: spans of counts already checked."""
    counts = [c for b in document.paragraphs() for c in counts_in(b)
              if _span(c) not in taken]
    checks, linked = [], set()
    for count in counts:
        found = _adjacent_list(document, count)
        if found is not None:
            checks.append(_check(count, found, partial=False))
            linked.add(found.start)
    checks.extend(_distant_checks(document, counts, linked, {_span(c.figures[0]) for c in checks}))
    return checks


def _span(x) -> tuple[int, int]:
    if isinstance(x, Count):
        return (x.block.start + x.fig.start, x.block.start + x.fig.end)
    return (x.start, x.end)


def _adjacent_list(document: Document, count: Count) -> ItemList | None:
    text = count.block.text
    m = INTO_LIST.match(text, count.after)
    if m is None or len(count.noun) < 2:
        return None
    rest = text[m.end():]
    if not rest.strip():
        return following_blocks(document, count.block)
    numbered = inline_numbered(count.block, m.end())
    if numbered is not None and numbered.start == count.block.start + m.end() + len(rest) - len(rest.lstrip()):
        return numbered
    stop = SENTENCE_END.search(text, m.end())
    names = names_list(count.block, m.end(), stop.start() if stop else len(text))
    if names is None or any(VERBISH.search(i.name) or not 2 <= len(i.name) <= 15 for i in names.items):
        return None
    return names


def _distant_checks(document: Document, counts: list[Count], linked: set,
                    done: set) -> list[Check]:
    lists: list[ItemList] | None = None  # found when a count first needs them (most notices: never)
    mentions = _mention_counts(counts)
    out = []
    for count in counts:
        if _span(count) in done or len(count.noun) < 2:
            continue
        if mentions[count.head] != 1:
            continue  # another count of the same things: which one the list is for is not plain
        if lists is None:
            lists = [lst for b in document.paragraphs()
                     if (lst := inline_numbered(b)) and lst.start not in linked]
        chosen = _the_list([lst for lst in lists if _introduces(lst.lead, count.head)])
        if chosen is not None:
            out.append(_check(count, chosen, partial=True))
    return out


def _mention_counts(counts: list[Count]) -> Counter[str]:
    """How many counts are of each two-character head: the noun after a count, or, for a count
    with no noun, the two characters just before it (小区200个). Tallied once: asking every count
    of a notice about every other is quadratic in a long list of figures."""
    tally: Counter[str] = Counter(c.head for c in counts if c.noun)
    tally.update(c.block.text[max(0, c.fig.start - 2):c.fig.start] for c in counts if not c.noun)
    return tally


def _introduces(lead: str, head: str) -> bool:
    """'…等。涉及的小区包括：' introduces 小区 items: the last clause names them and a list word."""
    clause = LEAD_CLAUSE.search(lead.rstrip("：: "))
    tail = clause.group() if clause else ""
    return head in tail and bool(LIST_LEAD.search(tail))


def _the_list(lists: list[ItemList]) -> ItemList | None:
    """The one list of these things, or the one holding every other's names; else None."""
    if not lists:
        return None
    largest = max(lists, key=lambda lst: len(lst.items))
    if all(lst is largest or contains_all(largest, lst) for lst in lists):
        if sum(len(lst.items) == len(largest.items) for lst in lists) == 1:
            return largest
    return None


def _check(count: Count, items: ItemList, partial: bool) -> Check:
    stated = text_term(count.fig, "stated", f"{count.fig.raw}{count.noun}", count.block.start)
    terms = [Term(quantity(Decimal(1), exact=True), None,
                  Figure(role="term", label=i.name, raw=i.quote, value=Decimal(1), exact=True,
                         quote=i.quote, start=i.start, end=i.end)) for i in items.items]
    result = check_sum(stated.q, [t.q for t in terms])
    result = _qualified(result, items, partial)
    kind = "numbered items" if items.numbered else "names"
    message = (f"'{count.fig.raw}{count.noun}': stated {count.fig.value}, {len(items.items)} {kind} listed"
               f" after '{items.lead.strip()[-20:]}' ({result.status.value})")
    return make_check("item_count", result, stated, terms, subject=f"{count.fig.raw}{count.noun}",
                      message=message, hint=result.note)


def _qualified(result: Result, items: ItemList, partial: bool) -> Result:
    if not items.consecutive():
        return replace(result, status=CheckStatus.unverifiable,
                       note="the list's numbers skip or repeat: an item may be missing, or the numbering slipped")
    if partial and result.status == CheckStatus.discrepancy and result.difference < 0:
        return replace(result, status=CheckStatus.unverifiable,
                       note="the list stands apart from the count and may name only some of them")
    return result


__all__ = ["count_link_checks", "counts_in", "Count"]
