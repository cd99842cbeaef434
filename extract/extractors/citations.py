"""Documents a notice cites: 发文字号 (国办发〔2020〕23号), decree numbers (国务院令第588号) and
《titles》, linked when they stand together.

Why link them: `《指导意见》（国办发〔2020〕23号）` is one cited document, and a query for the number
should find its title. The notice's own number, its own title and its attachments are not citations.
"""
from __future__ import annotations

from typing import Iterator

from extract import rx as regex

from extract.extractors.base import Context, register
from extract.extractors.metadata import DOC_NUMBER
from schemas import Citation, Fact

TITLE = regex.compile(r"《(?P<title>[^《》]{2,200})》")
LINKED = regex.compile(rf"{TITLE.pattern}\s*[（(]\s*(?P<number>{DOC_NUMBER.pattern})\s*[）)]")
# Verbs that may stand right before a number's issuer abbreviation without being part of it.
LEAD_VERBS = regex.compile(r"^(?:依据|根据|按照|参照|执行|落实|贯彻|印发|详见|见|即|和|及|与|或)")
# A decree (令) has a number but no bracketed year: 国务院令第588号, 澐政令第86号, 省人民政府令第12号. Taken
# only in brackets (after its title or alone), where the run of issuer characters is bounded.
DECREE = r"\p{Han}{1,16}?令\s*第\s*\d+\s*号"
LINKED_DECREE = regex.compile(rf"{TITLE.pattern}\s*[（(]\s*(?P<number>{DECREE})\s*[）)]")
LONE_DECREE = regex.compile(rf"[（(]\s*(?P<number>{DECREE})\s*[）)]")
ATTACHMENT = regex.compile(r"附\s*件\s*\d*\s*[：:]\s*(?:\d+[.．、]\s*)?$")
DRAFT_NOTE = regex.compile(r"[（(](?:征求意见稿|试行|草案|送审稿|代拟稿|修订稿)[）)]$")
# DOC_NUMBER opens with a lazy run of issuer characters, so its plain finditer extends that run from
# every character of every stretch of prose: quadratic in the length of each. Every number holds
# the bracketed year and 号 after its issuer (the rest of DOC_NUMBER, checked below); finding those
# first bounds where a number can start. Issuers hold only Han characters and bracketed Han, so a
# number ending at a year starts within the run of such characters (then blanks) just before it.
_NUMBER_TAIL = r"\s*[〔［\[【(（]\s*(?P<year>(?:19|20)\d{2})\s*[〕］\]】)）]\s*第?\s*(?P<num>\d+)\s*号"
_YEAR_AND_NUMBER = regex.compile(_NUMBER_TAIL[len(r"\s*"):])
_ISSUER_RUN = regex.compile(r"(?r)[\p{Han}（()）]*\s*")  # matched backwards from a year's bracket
if not DOC_NUMBER.pattern.endswith(")" + _NUMBER_TAIL):
    raise ImportError("citations: metadata.DOC_NUMBER changed; update _NUMBER_TAIL to its new tail")


@register("citations")
def extract_citations(ctx: Context) -> list[Fact]:
    """Linked 《title》（number） pairs first, then lone numbers and lone titles outside them."""
    own = _own_titles(ctx)
    facts: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for m in [*LINKED.finditer(ctx.text), *LINKED_DECREE.finditer(ctx.text)]:
        if not _is_own_title(ctx, m.start(), m["title"], own):
            facts.append(_citation(ctx, m.start(), m.end(), m["number"], m["title"]))
        taken.append((m.start(), m.end()))
    for m in LONE_DECREE.finditer(ctx.text):
        if not _inside(m.start(), m.end(), taken):
            facts.append(_citation(ctx, m.start("number"), m.end("number"), m["number"], None))
            taken.append((m.start(), m.end()))
    for m in doc_numbers(ctx.text):
        start = _number_start(m)
        if _inside(start, m.end(), taken) or _is_own_number(ctx, start, m.group()):
            continue
        facts.append(_citation(ctx, start, m.end(), ctx.text[start:m.end()], None))
    for m in TITLE.finditer(ctx.text):
        if _inside(m.start(), m.end(), taken) or _is_own_title(ctx, m.start(), m["title"], own):
            continue
        facts.append(_citation(ctx, m.start(), m.end(), None, m["title"]))
    facts.sort(key=lambda f: f.start)
    return facts


def doc_numbers(text: str) -> Iterator[regex.Match]:
    """The matches of DOC_NUMBER.finditer(text), searched only in the issuer run before each year.

    No number starts before that run (its characters cannot cross the run's edge) nor inside the
    year's bracket, and none reaches past the year, so each search stops at the year's end."""
    pos = 0
    while tail := _YEAR_AND_NUMBER.search(text, pos):
        m = DOC_NUMBER.search(text, _ISSUER_RUN.match(text, pos, tail.start()).start(), tail.end())
        if m is None:
            pos = tail.start() + 1
            continue
        yield m
        pos = m.end()


def normalize_number(raw: str) -> str:
    """`建办城〔2023〕26 号` → `建办城〔2023〕26号`: spaces from PDF text dropped."""
    return regex.sub(r"\s+", "", raw)


def _citation(ctx: Context, start: int, end: int, number: str | None, title: str | None) -> Citation:
    return Citation(
        **ctx.ground(start, end),
        doc_number=normalize_number(number) if number else None,
        title=regex.sub(r"\s*\n\s*", "", title) if title else None,
    )


def _number_start(m: regex.Match) -> int:
    """Drop a verb that the greedy issuer run swallowed (`依据国办发〔…〕` → `国办发〔…〕`)."""
    lead = LEAD_VERBS.match(m["org"])
    return m.start() + (lead.end() if lead and lead.end() < len(m["org"]) else 0)


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _key(title: str) -> str:
    """A title compared without spaces, line breaks or a trailing draft note."""
    return DRAFT_NOTE.sub("", regex.sub(r"\s+", "", title))


def _own_titles(ctx: Context) -> set[str]:
    """The notice's title and the 《…》 it names (关于印发《X》的通知 attaches X)."""
    title = ctx.meta.title or ""
    keys = {_key(title)} if title else set()
    keys |= {_key(t) for t in TITLE.findall(regex.sub(r"\s+", "", title))}
    return keys


def _is_own_title(ctx: Context, start: int, title: str, own: set[str]) -> bool:
    g = ctx.meta.title_grounding
    if g and g.start <= start < g.end:
        return True
    before = ctx.text[max(0, start - 12):start]
    return _key(title) in own or bool(ATTACHMENT.search(before))


def _is_own_number(ctx: Context, start: int, raw: str) -> bool:
    g = ctx.meta.doc_number_grounding
    if g and g.start <= start < g.end:
        return True
    return bool(ctx.meta.doc_number) and normalize_number(raw).endswith(ctx.meta.doc_number or "")
