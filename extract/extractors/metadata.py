"""Notice metadata: title, 发文字号, issuer, signature date and the year planned for.

Why its own step: every other extractor leans on it (a deadline "年底前" needs the notice's year,
citations must not cite the notice itself), so the pipeline runs `extract_meta` first.
The notice's parts are found by their layout conventions (GB/T 9704): 版头 `…文件`, a 发文字号
line, the title ending in 通知/方案/公告…, a signature block of issuers above a date line, and
the 版记 line `… 年月日印发`.
"""
from __future__ import annotations

from datetime import date

from extract import rx as regex

from extract.extractors.departments import find_departments
from schemas import Block, BlockKind, Document, Grounding, NoticeMeta

TITLE_END = regex.compile(
    r"(?:通知|通报|公告|公示|通告|方案|意见|办法|规定|决定|报告|计划|规划|批复|函|要点|细则|说明|纪要"
    r"|请示|决议|条例|措施|指南|标准|清单|安排|导则|意见建议的公告)$"
)
DOC_NUMBER = regex.compile(
    r"(?P<org>(?:[\p{Han}]|[（(][\p{Han}]{1,3}[）)])+?)\s*[〔［\[【(（]\s*(?P<year>(?:19|20)\d{2})\s*[〕］\]】)）]"
    r"\s*第?\s*(?P<num>\d+)\s*号"
)
HAN_DIGITS = "〇零一二三四五六七八九"
NUM = r"(?:\d{1,4}|[〇零一二三四五六七八九十]{1,4})"
DATE = regex.compile(rf"(?P<y>(?:\d|[〇零一二三四五六七八九]){{4}})\s*年\s*(?P<m>{NUM})\s*月\s*(?P<d>{NUM})\s*日")
LABEL_LINE = regex.compile(r"^(?:附件\s*\d*|附\s*件|\(?（?此件[^）)]*[）)]?|签发人.*|[（(]征求意见稿[）)]|"
                           r"(?:特急|加急|平急|急件|机密|秘密|绝密).*)$")
MARKER = regex.compile(r"^\[[a-z]+:[^\]]*\]")
YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
YEAR_RANGE = regex.compile(r"(?:19|20)\d{2}\s*年?\s*[—–\-~～至到]\s*(?:19|20)?\d{2}\s*年")
PRINTED_LINE = regex.compile(rf"^(.+?)\s*{DATE.pattern}\s*印发$")
BLANKS = regex.compile(r"\s+")
LINE_BREAK = regex.compile(r"\s*\n\s*")
NOT_TITLE = regex.compile(r"[。；;]|[：:]$")  # prose or a lead-in, not a title line
NOT_TITLE_CONTINUATION = regex.compile(r"[。；;：:]")
HEAD_BLOCKS = 12


def extract_meta(doc: Document) -> NoticeMeta:
    """Read the notice's own title, number, issuer and date from its layout."""
    blocks = [b for b in doc.blocks if b.kind != BlockKind.table]
    title = _find_title(doc, blocks)
    number = _find_doc_number(doc, blocks)
    when = _find_issue_date(doc, blocks)
    title_text = _join_lines(title.quote) if title else None
    issued = parse_date(when.quote) if when else None
    return NoticeMeta(
        title=title_text,
        doc_number=BLANKS.sub("", number.quote) if number else None,
        issuer=_find_issuer(doc, blocks, title),
        issue_date=issued,
        plan_year=plan_year(title_text, issued.year if issued else None),
        title_grounding=title,
        doc_number_grounding=number,
        issue_date_grounding=when,
    )


def parse_date(raw: str) -> date | None:
    """`2024年4月28日`, `2024 年 4 月 28 日` or `二〇二四年四月二十八日` as a date."""
    m = DATE.search(raw)
    if not m:
        return None
    try:
        return date(_to_int(m["y"]), _to_int(m["m"]), _to_int(m["d"]))
    except ValueError:
        return None


def _to_int(s: str) -> int:
    """Arabic digits, digit-by-digit Han years (二〇二四) or Han numbers up to 99 (二十八)."""
    if s.isdigit() and s.isascii():
        return int(s)
    if "十" not in s:
        return int("".join(str(max(HAN_DIGITS.index(c) - 1, 0)) for c in s))
    tens, _, ones = s.partition("十")
    return (HAN_DIGITS.index(tens) - 1 if tens else 1) * 10 + (HAN_DIGITS.index(ones) - 1 if ones else 0)


def plan_year(title: str | None, issue_year: int | None = None) -> int | None:
    """The single year a title names (`2024 年度…`), None for ranges or several years. A title naming
    no year (关于印发…实施方案的通知) plans for the year it is issued in."""
    if not title or YEAR_RANGE.search(title):
        return None
    years = {int(y) for y in YEAR.findall(title)}
    if not years:
        return issue_year
    return years.pop() if len(years) == 1 else None


def _join_lines(quote: str) -> str:
    return LINE_BREAK.sub("", quote).strip()


def _content(block: Block) -> tuple[int, str]:
    """Block text without a leading extractor marker such as `[bookmark: _GoBack]`."""
    m = MARKER.match(block.text) if block.text.startswith("[") else None
    skip = m.end() if m else 0
    return block.start + skip, block.text[skip:]


def _is_preamble(text: str) -> bool:
    """版头, 发文字号, 附件 labels and similar lines that come before a title."""
    t = text.strip()
    return bool(t.endswith("文件") or DOC_NUMBER.fullmatch(t) or LABEL_LINE.match(t)
                or _only_departments(t))


def _only_departments(text: str) -> bool:
    t = BLANKS.sub("", text)
    deps = find_departments(t)
    covered = sum(e - s for s, e, _ in deps)
    return bool(deps) and covered + t.count("、") + t.count("，") == len(t)


def _find_title(doc: Document, blocks: list[Block]) -> Grounding | None:
    """The first heading-like lines, joined until they end like a title with brackets closed."""
    for i, block in enumerate(blocks[:HEAD_BLOCKS]):
        start, text = _content(block)
        if not text.strip() or _is_preamble(text):
            continue
        if NOT_TITLE.search(text) or len(text) > 80:
            return None
        end = start + len(text.rstrip())
        for nxt in blocks[i + 1:i + 4]:
            if _title_complete(doc.text[start:end]):
                break
            if NOT_TITLE_CONTINUATION.search(nxt.text) or len(nxt.text) > 60:
                break
            end = nxt.end
        if not _title_complete(doc.text[start:end]):
            end = start + len(text.rstrip())
        return Grounding(quote=doc.text[start:end], start=start, end=end, block_seq=block.seq)
    return None


def _title_complete(quote: str) -> bool:
    joined = _join_lines(quote)
    balanced = joined.count("《") == joined.count("》") and joined.count("（") == joined.count("）")
    return balanced and bool(TITLE_END.search(joined))


def _find_doc_number(doc: Document, blocks: list[Block]) -> Grounding | None:
    """A 发文字号 standing on its own line near the top (optionally beside 签发人)."""
    for block in blocks[:HEAD_BLOCKS]:
        start, text = _content(block)
        m = DOC_NUMBER.match(text.strip())
        rest = text.strip()[m.end():].strip() if m else ""
        if m and (not rest or rest.startswith("签发人")):
            offset = start + text.index(m.group())
            return Grounding(quote=m.group(), start=offset, end=offset + len(m.group()),
                             block_seq=block.seq)
    return None


def _find_issue_date(doc: Document, blocks: list[Block]) -> Grounding | None:
    """The signature date: a date line (maybe after the issuer), else the 版记 `…印发` date."""
    printed = None
    for block in blocks:
        start, text = _content(block)
        m = DATE.search(text) if "日" in text else None  # a date ends with 日: most blocks skip the search
        if not m:
            continue
        before, after = text[:m.start()].strip(), text[m.end():].strip()
        if before and not _only_departments(before):
            continue
        g = Grounding(quote=m.group(), start=start + m.start(), end=start + m.end(), block_seq=block.seq)
        if not after:
            return g
        if after == "印发" and printed is None:
            printed = g
    return printed


def _find_issuer(doc: Document, blocks: list[Block], title: Grounding | None) -> str | None:
    """版头 `…文件`, else the signature block above the date line, else the `…印发` line."""
    for block in blocks[:HEAD_BLOCKS]:
        t = block.text.strip()
        if t.endswith("文件") and _only_departments(t[:-2]):
            return t[:-2].strip()
    return _signature_issuers(blocks) or _printed_by(blocks) or _title_issuer(blocks, title)


def _signature_issuers(blocks: list[Block]) -> str | None:
    """Department-only lines directly above a date-only line, joined with 、."""
    for i, block in enumerate(blocks):
        line = block.text.strip()
        m = DATE.fullmatch(line) if line.endswith("日") else None
        names: list[str] = []
        j = i - 1
        while m and j >= 0 and _only_departments(blocks[j].text) and len(names) < 6:
            names.insert(0, blocks[j].text.strip())
            j -= 1
        if names:
            return "、".join(names)
    return None


def _printed_by(blocks: list[Block]) -> str | None:
    """`乌海市人民政府办公室   2021年12月31日印发` → the office that printed the notice."""
    for block in reversed(blocks):
        line = block.text.strip()
        if not line.endswith("印发"):  # the pattern's fixed tail: most lines are passed over here
            continue
        m = PRINTED_LINE.match(line)
        if m and _only_departments(m.group(1)):
            return m.group(1).strip()
    return None


def _title_issuer(blocks: list[Block], title: Grounding | None) -> str | None:
    """`X关于…的通知` or an organization line just above the title."""
    if title is None:
        return None
    m = regex.match(r"^(.+?)\s*关于", _join_lines(title.quote))
    if m and _only_departments(m.group(1)):
        return m.group(1)
    above = [b for b in blocks if b.end <= title.start][-1:]
    if above and _only_departments(above[0].text):
        return above[0].text.strip()
    return None
