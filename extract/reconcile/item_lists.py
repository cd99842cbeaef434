"""Lists of items as the text writes them: names after a count, numbered items inline or as the
blocks that follow, and numbered lists introduced by '涉及的小区包括：'.

Why here and not in list_checks: these are the pieces a count is compared with; deciding which
count a list belongs to (count_links.py) is a separate question with its own guards.
"""
from __future__ import annotations

from dataclasses import dataclass

from extract import rx as regex

from schemas import Block, BlockKind, Document

# Numbered items inside a paragraph: 1.A、2.B … (23、C also occurs: a typo for 23.)
INLINE_MARK = regex.compile(r"(?:(?<=^)|(?<=[：:、；;，,。\s]))(?P<n>\d{1,3})[.．、](?=[^\d\s])")
ITEM_END = regex.compile(r"[、；;，,。\n]")
CN_NUM = "一二三四五六七八九十"
NUMERALS = CN_NUM + "零〇两百千万甲乙丙丁戊己庚辛壬癸东南西北"
# Numbered blocks, innermost last. An item block starts with one of these.
BLOCK_MARKS = [
    ("cn", regex.compile(rf"^\s*(?P<n>[{CN_NUM}]+)、")),
    ("paren_cn", regex.compile(rf"^\s*[（(](?P<n>[{CN_NUM}]+)[)）]")),
    ("arabic", regex.compile(r"^\s*(?P<n>\d{1,3})[.．、](?!\d)")),
    ("paren_arabic", regex.compile(r"^\s*[（(](?P<n>\d{1,3})[)）]")),
]
STYLE_ORDER = [s for s, _ in BLOCK_MARKS]
# Styles a list following '共5项任务：' may use: an outline 一、 would be the notice's own sections.
LIST_STYLES = ("paren_cn", "arabic", "paren_arabic")


@dataclass
class Item:
    name: str
    start: int   # offsets in Document.text of the number (numbered) or the name
    end: int
    number: int | None = None
    quote: str = ""  # Document.text[start:end]


@dataclass
class ItemList:
    """Items in text order; `numbered` lists carry their numbers (gaps are visible)."""

    items: list[Item]
    numbered: bool
    lead: str  # the text introducing the list (涉及的小区包括：)
    start: int

    @property
    def numbers(self) -> list[int]:
        return [i.number for i in self.items if i.number is not None]

    def consecutive(self) -> bool:
        return not self.numbered or self.numbers == list(range(1, len(self.items) + 1))


def cn_value(text: str) -> int:
    """一 … 九十九 as an int (list numbers only)."""
    if text == "十":
        return 10
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return CN_NUM.index(text) + 1 if len(text) == 1 else 0
    return (CN_NUM.index(tens) + 1 if tens else 1) * 10 + (CN_NUM.index(ones) + 1 if ones else 0)


def inline_numbered(block: Block, since: int = 0) -> ItemList | None:
    """Numbered items 1.…2.… in block.text[since:], the first numbered 1; None when fewer than 2."""
    text = block.text
    marks = [m for m in INLINE_MARK.finditer(text, since)]
    if len(marks) < 2 or marks[0].group("n") != "1":
        return None
    items = []
    for k, m in enumerate(marks):
        stop = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        end = ITEM_END.search(text, m.end(), stop)
        name = text[m.end():end.start() if end else stop].strip()
        items.append(Item(name, block.start + m.start("n"), block.start + m.end("n"), int(m.group("n")),
                          m.group("n")))
    lead = text[max(0, since - 40) if since else 0:marks[0].start()]
    return ItemList(items, True, lead, block.start + marks[0].start())


def names_list(block: Block, start: int, stop: int) -> ItemList | None:
    """'A、B、C' in block.text[start:stop] (the whole span, nothing else): names, else None."""
    text = block.text[start:stop].strip().rstrip("。；;")
    if "、" not in text:
        return None
    items, pos = [], block.text.index(text, start)
    for part in text.split("、"):
        name, lead = part.strip(), len(part) - len(part.lstrip())
        at = block.start + pos + lead
        items.append(Item(name, at, at + len(name), quote=name))
        pos += len(part) + 1
    return ItemList(items, False, block.text[max(0, start - 20):start], block.start + start)


def block_style(block: Block) -> tuple[str, int] | None:
    """The numbering a paragraph starts with: (style, number)."""
    for style, rx in BLOCK_MARKS:
        m = rx.match(block.text)
        if m:
            n = m.group("n")
            return style, int(n) if n.isdigit() else cn_value(n)
    return None


def following_blocks(document: Document, after: Block) -> ItemList | None:
    """Numbered paragraphs right after `after` (1. … 2. …), in one style, starting at 1.

    Stops at a restart (1 again), at a number that goes back, and at a marker of an outer style;
    paragraphs without a marker in between are the items' continuation."""
    blocks = document.blocks
    pos = next(k for k, b in enumerate(blocks) if b.seq == after.seq)
    if pos + 1 >= len(blocks) or blocks[pos + 1].kind == BlockKind.table:
        return None
    first = block_style(blocks[pos + 1])
    if first is None or first[1] != 1 or first[0] not in LIST_STYLES:
        return None
    style, items = first[0], []
    for b in blocks[pos + 1:]:
        if b.kind == BlockKind.table:
            break
        found = block_style(b)
        if found is None:
            continue
        if STYLE_ORDER.index(found[0]) < STYLE_ORDER.index(style):
            break
        if found[0] != style:
            continue
        if items and found[1] <= items[-1].number:
            break
        m = dict(BLOCK_MARKS)[style].match(b.text)
        items.append(Item(b.text[m.end():m.end() + 20].strip(), b.start + m.start("n"), b.start + m.end("n"),
                          found[1], m.group("n")))
    if len(items) < 2:
        return None
    return ItemList(items, True, after.text[-20:], items[0].start)


def same_name(a: str, b: str) -> bool:
    """Equal, or one written character apart inside a name of 4+ characters (信合小区 / 信和小区);
    never a first character, a digit, a letter or a numeral (一号院 / 二号院, A区 / C区 differ)."""
    if a == b:
        return True
    if len(a) != len(b) or len(a) < 4:
        return False
    diffs = [k for k, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diffs) == 1 and diffs[0] > 0 and all(
        regex.match(r"\p{Han}", ch) and ch not in NUMERALS for ch in (a[diffs[0]], b[diffs[0]]))


def contains_all(big: ItemList, small: ItemList) -> bool:
    return all(any(same_name(s.name, b.name) for b in big.items) for s in small.items)


__all__ = ["Item", "ItemList", "inline_numbered", "names_list", "following_blocks", "block_style",
           "same_name", "contains_all", "cn_value"]
