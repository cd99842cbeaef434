"""Listed items against the number stated, and numbered lists that skip or repeat a number.

'东海园区、福平苑、税务小区3个老旧小区': three names, and the text says 3 个 — a count, so exact.
A list ending in 等 is open-ended and is not checked; neither is a count introduced by 共/合计
(that counts something else: '三个片区共84栋楼').

A numbered list that skips a number (1. 2. 3. 4. 6. …) contradicts no stated figure, so it is
not a discrepancy: it is reported as `unverifiable` with the gap named, because a reader cannot
tell whether an item was dropped or the numbering slipped. Complete lists are `ok`.
"""
from __future__ import annotations

from decimal import Decimal

from extract import rx as regex

from extract.reconcile.intervals import check_sum, quantity
from extract.reconcile.count_links import count_link_checks
from extract.reconcile.figures import Term, make_check
from schemas import Block, Check, CheckStatus, Document, Figure

# A list starts where a run of name characters starts (or where the last match ended: \G): a start
# inside a run would fail the same way, only after rescanning the run (quadratic on long prose).
# Possessive runs: giving back a character cannot help, the next one could not be 、 or a digit.
NAME_LIST = regex.compile(
    r"(?:(?<![^，,。；;：:、\d\s])|\G)"
    r"(?P<list>[^，,。；;：:、\d\s]{2,}+(?:、[^，,。；;：:、\d\s]{2,}+)+)\s*(?P<num>\d+)\s*(?P<cls>个|家|所|项|座|处|条|名)"
)
COUNTED = regex.compile(r"\d\s*(?:个|家|所|项|座|处|条|名)")
OPEN_END = regex.compile(r"(?:等|等等|共|共计|合计|总计|计|约|近|达|涉及|包括|含|其中)$")
LEAD_IN = regex.compile(r"^.*(?:涉及|包括|包含|含有|共有|分别是|分别为|有|为|是)")
# Words that make a 'name' a phrase: the number after it may count something else.
VERBISH = regex.compile(r"实施|开展|改造|建设|完成|推进|涉及|安排|新建|计划|共计|合计|以及|等")
NUMBERED = regex.compile(r"(?:(?<=^)|(?<=[：:、；;，,\s]))(?P<n>\d{1,3})[.．、](?=[^\d\s])")


def item_count_checks(document: Document) -> list[Check]:
    """Names before a count, numbered lists' own numbering, then counts against the lists that
    follow them or that name the same things elsewhere (count_links)."""
    checks: list[Check] = []
    for block in document.paragraphs():
        checks.extend(_name_list_counts(block))
        check = _numbered_list(block)
        if check:
            checks.append(check)
    taken = {(c.figures[0].start, c.figures[0].end) for c in checks if c.figures[0].role == "stated"}
    return checks + count_link_checks(document, taken)


def _name_list_counts(block: Block) -> list[Check]:
    out: list[Check] = []
    if "、" not in block.text or not COUNTED.search(block.text):
        return out  # NAME_LIST needs both: cheap tests first
    for m in NAME_LIST.finditer(block.text):
        names = m.group("list").split("、")
        if OPEN_END.search(names[-1]):
            continue
        lead = LEAD_IN.match(names[0])
        if lead is None:
            continue  # no '涉及/包括 …' before the list: the count may not be of these names
        first_offset = lead.end()
        names[0] = names[0][first_offset:]
        if len(names[0]) < 2 or any(VERBISH.search(n) or len(n) > 15 for n in names):
            continue
        num = int(m.group("num"))
        if num >= 10 and num > 3 * len(names):
            continue  # 共有中小学校、幼儿园612所: the count is of what each kind holds, not of the names
        out.append(_count_check(block, m, names, first_offset))
    return out


def _count_check(block: Block, m: regex.Match, names: list[str], first_offset: int) -> Check:
    num = Decimal(m.group("num"))
    quote = block.text[m.start("num"):m.end("cls")]  # number and classifier, as find_figures quotes it
    start = block.start + m.start("num")
    stated_fig = Figure(role="stated", label=quote, raw=quote, value=num, exact=True, quote=quote,
                        start=start, end=start + len(quote))
    stated = Term(quantity(num, exact=True), None, stated_fig)
    terms, pos = [], block.start + m.start("list") + first_offset
    for name in names:
        fig = Figure(role="term", label=name, raw=name, value=Decimal(1), exact=True, quote=name,
                     start=pos, end=pos + len(name))
        terms.append(Term(quantity(Decimal(1), exact=True), None, fig))
        pos += len(name) + 1
    result = check_sum(stated.q, [t.q for t in terms])
    status = "ok" if result.status == CheckStatus.ok else result.status.value
    message = (f"'{'、'.join(names)}{m.group('num')}{m.group('cls')}': stated {m.group('num')}, "
               f"{len(names)} names listed ({status})")
    return make_check("item_count", result, stated, terms, subject=stated_fig.label, message=message,
                      hint=None if result.status == CheckStatus.ok else
                      "the number of names listed differs from the count stated")


def _numbered_list(block: Block) -> Check | None:
    """An inline numbered list (1.A、2.B、…): numbers must run 1, 2, 3 … without gaps or repeats."""
    marks = list(NUMBERED.finditer(block.text))
    numbers = [int(m.group("n")) for m in marks]
    if len(numbers) < 3 or numbers[0] != 1:
        return None
    expected = list(range(1, len(numbers) + 1))
    if numbers == expected:
        status, note = CheckStatus.ok, f"numbered 1 to {len(numbers)} without gaps"
    else:
        status, note = CheckStatus.unverifiable, _gap_note(numbers)
    figs = [Figure(role="term", label=f"item {m.group('n')}", raw=m.group("n"), value=Decimal(m.group("n")),
                   exact=True, quote=m.group("n"), start=block.start + m.start("n"),
                   end=block.start + m.end("n")) for m in marks]
    head = block.text[: marks[0].start()].strip()[-30:]
    message = f"numbered list after '{head}': {len(numbers)} items, {note}"
    last = Decimal(numbers[-1])
    return Check(kind="item_count", status=status, subject=f"numbered list ({len(numbers)} items)",
                 stated=last, computed=Decimal(len(numbers)), difference=Decimal(len(numbers)) - last,
                 tolerance=Decimal(0), unit="项", message=message,
                 hint=None if status == CheckStatus.ok else
                 "list numbering is not consecutive: an item may have been dropped, or the numbering slipped",
                 figures=figs)


def _gap_note(numbers: list[int]) -> str:
    seen = set(numbers)
    missing = [n for n in range(1, max(numbers) + 1) if n not in seen]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    parts = []
    if missing:
        parts.append("skips " + ", ".join(map(str, missing)))
    if repeated:
        parts.append("repeats " + ", ".join(map(str, repeated)))
    if not parts:
        parts.append("numbers out of order")
    return "; ".join(parts) + f" (last number {numbers[-1]})"


__all__ = ["item_count_checks"]
