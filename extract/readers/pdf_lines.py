"""Visual lines of a PDF page: characters grouped into lines, lines joined into paragraphs.

Why characters and not `page.extract_text()`: the text must come out without the layout artefacts
of the PDF (autospace gaps turned into spaces, justified Latin kerning), and paragraphs must be
rebuilt from visual lines, by geometry alone: a line ends a paragraph when the next line's first
piece would have fitted after it, when the next line is indented, or when the size or gap changes.
Nothing here opens a file, reads a page object or flags a problem; `pdf` does that.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Any

from extract import rx as regex

from extract.readers.textfix import fix_cell_text
from schemas import BlockKind

Char = dict[str, Any]  # one pdfplumber character: text, x0, x1, top, bottom, size, fontname…

SPACE_GAP_RATIO = 0.3  # a gap wider than 0.3 em next to CJK is a space (autospace is ~0.2 em)
LATIN_GAP_RATIO = 0.15  # between two Latin glyphs a word space is ~0.25 em, kerning < 0.05 em
WIDE_GAP_RATIO = 2.0  # a gap wider than 2 em separates two fields (two spaces, kept as layout)
_HEADING = regex.compile(r"^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|第[一二三四五六七八九十百]+[章节条部分])")
_HEADING_LEVEL = [(regex.compile(r"^(?:第[一二三四五六七八九十百]+[章部分]|[一二三四五六七八九十百]+、)"), 1),
                  (regex.compile(r"^（[一二三四五六七八九十百]+）"), 2)]
_SENTENCE_END = "。；：！？;:!?"
_WORD_CHAR = regex.compile(r"[0-9A-Za-z.,%@_/:\-]")
_NO_LINE_START = set("，。、；：！？”’）》」』】〕〉,.;:!?)]}%")
_NO_LINE_END = set("“‘（《「『【〔〈([{")


# ---------------------------------------------------------------- characters -> lines

@dataclass
class Line:
    """One visual line of body text with its geometry."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    page_width: float
    lead_width: float = 0.0  # width of the first unbreakable piece (word, or char + closing marks)


def lead_piece_width(chars: list[Char]) -> float:
    """Width of what a line breaker must move as a whole: opening marks with what follows them,
    a Latin/digit run or one character, and the closing marks that may not start a line."""
    glyphs = [c for c in chars if not c["text"].isspace()]
    if not glyphs:
        return 0.0
    end = 1
    while end < len(glyphs) and glyphs[end - 1]["text"] in _NO_LINE_END:
        end += 1
    if _WORD_CHAR.match(glyphs[end - 1]["text"]):
        while end < len(glyphs) and _WORD_CHAR.match(glyphs[end]["text"]):
            end += 1
    while end < len(glyphs) and glyphs[end]["text"] in _NO_LINE_START:
        end += 1
    return glyphs[end - 1]["x1"] - glyphs[0]["x0"]


def group_line_chars(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into visual lines (vertical overlap of more than half a glyph)."""
    rows: list[list[Char]] = []
    bottom = float("-inf")
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        half = (ch["bottom"] - ch["top"]) / 2
        if rows and ch["top"] + half < bottom:
            rows[-1].append(ch)
            bottom = max(bottom, ch["bottom"])
        else:
            rows.append([ch])
            bottom = ch["bottom"]
    return [sorted(r, key=lambda c: c["x0"]) for r in rows]


def line_chars_to_text(chars: list[Char]) -> str:
    """Text of one line: glyphs in x order, a space only for an explicit space or a wide gap."""
    out: list[str] = []
    prev: Char | None = None
    for ch in chars:
        t = ch["text"]
        if prev is not None and not t.isspace() and out and not out[-1].isspace():
            gap = ch["x0"] - prev["x1"]
            latin = ord(t[0]) < 0x2E80 and ord(prev["text"][-1]) < 0x2E80
            if gap > (LATIN_GAP_RATIO if latin else SPACE_GAP_RATIO) * prev["size"]:
                out.append("  " if gap > WIDE_GAP_RATIO * prev["size"] else " ")
        if not (t.isspace() and out and out[-1].isspace()):
            out.append(" " if t.isspace() else t)
        prev = ch
    return "".join(out).strip()


def _line_size(chars: list[Char]) -> float:
    sizes = Counter(round(c["size"] * 2) / 2 for c in chars if not c["text"].isspace())
    return sizes.most_common(1)[0][0] if sizes else round(chars[0]["size"] * 2) / 2


def chars_to_lines(chars: list[Char], page: int, width: float) -> list[Line]:
    """Visual lines of a page (or region), top to bottom."""
    out = []
    for row in group_line_chars(chars):
        text = line_chars_to_text(row)
        if text:
            out.append(Line(text, min(c["x0"] for c in row), max(c["x1"] for c in row),
                            min(c["top"] for c in row), max(c["bottom"] for c in row),
                            _line_size(row), page, width, lead_piece_width(row)))
    return out


def cell_chars_to_text(chars: list[Char]) -> str:
    """Text of a table cell: its lines joined with the CJK wrap rule."""
    return fix_cell_text([line_chars_to_text(r) for r in group_line_chars(chars)])


# ---------------------------------------------------------------- lines -> paragraphs

@dataclass
class Layout:
    """Document-wide measures: body font size and text margins per page width."""

    body_size: float
    margins: dict[int, tuple[float, float]]

    def left(self, line: Line) -> float:
        return self.margins.get(round(line.page_width), (line.x0, line.page_width - line.x0))[0]

    def right(self, line: Line) -> float:
        return self.margins.get(round(line.page_width), (line.x0, line.page_width - line.x0))[1]


def measure_layout(lines: list[Line]) -> Layout:
    """Body size (most common, by characters) and left/right text edges per page width."""
    sizes = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 12.0
    margins = {}
    for width in {round(ln.page_width) for ln in lines}:
        body_lines = [ln for ln in lines if round(ln.page_width) == width and abs(ln.size - body) <= 1]
        body_lines = body_lines or [ln for ln in lines if round(ln.page_width) == width]
        left = left_margin(Counter(round(ln.x0) for ln in body_lines))
        x1s = [ln.x1 for ln in body_lines if abs(ln.x0 - left) < 2 and ln.x1 > width / 2]
        right = median(x1s) if len(x1s) >= 3 else width - left
        margins[width] = (float(left), float(right))
    return Layout(body, margins)


def left_margin(x0_counts: Counter) -> int:
    """The text's left edge: the most common line start, or a smaller one that is common too
    (when most paragraphs are one indented line, the mode is the indent, not the margin)."""
    mode_x, mode_n = x0_counts.most_common(1)[0]
    smaller = [x for x, n in x0_counts.items() if x < mode_x and n >= max(2, 0.25 * mode_n)]
    return min(smaller, default=mode_x)


def is_centred(line: Line, lay: Layout) -> bool:
    left, right = lay.left(line), lay.right(line)
    centre_off = abs((line.x0 - left) - (right - line.x1)) / 2
    return line.x0 > left + 2.5 * line.size and centre_off <= 0.75 * line.size


def is_display(line: Line, lay: Layout) -> bool:
    """A title line: larger than body text, or centred."""
    return line.size > lay.body_size + 1 or is_centred(line, lay)


def next_would_fit(prev: Line, cur: Line, lay: Layout) -> bool:
    """Whether cur's first piece would have fitted at the end of prev: then prev ended on
    purpose (a paragraph end), not because the line was full."""
    return prev.x1 + cur.lead_width <= lay.right(prev) + 0.1 * prev.size


def joins_title(prev: Line, cur: Line, lay: Layout) -> bool:
    """A wrapped title: two display lines of one size, the first one running full width."""
    width = lay.right(prev) - lay.left(prev)
    return (is_display(prev, lay) and is_display(cur, lay) and abs(prev.size - cur.size) <= 0.5
            and prev.page == cur.page and prev.x1 - prev.x0 >= width - 2.5 * prev.size
            and cur.top - prev.bottom <= cur.size)


def starts_paragraph(prev: Line, cur: Line, lay: Layout) -> bool:
    """Whether cur begins a new paragraph rather than continuing prev's."""
    if is_display(prev, lay) or is_display(cur, lay):
        return True
    if cur.x0 > lay.left(cur) + 0.75 * cur.size or next_would_fit(prev, cur, lay):
        return True
    if abs(prev.size - cur.size) > 1:
        return True
    if prev.page == cur.page and cur.top - prev.bottom > 1.6 * cur.size:
        return True
    return bool(_HEADING.match(cur.text)) and prev.text[-1] in _SENTENCE_END


def group_paragraphs(lines: list[Line], lay: Layout) -> list[list[Line]]:
    """Consecutive lines (no table between them) grouped into paragraphs."""
    groups: list[list[Line]] = []
    for ln in lines:
        prev = groups[-1][-1] if groups else None
        if prev is not None and (joins_title(prev, ln, lay) or not starts_paragraph(prev, ln, lay)):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


def paragraph_kind(group: list[Line], text: str, lay: Layout) -> tuple[BlockKind, int | None]:
    """Heading for titles and short numbered headings (`一、…`, `（一）…`), else paragraph."""
    if is_display(group[0], lay) and not any(p in text for p in "。；"):
        return BlockKind.heading, None
    if len(group) == 1 and len(text) <= 40 and "。" not in text:
        for pattern, level in _HEADING_LEVEL:
            if pattern.match(text):
                return BlockKind.heading, level
    return BlockKind.paragraph, None
