"""PDF reader: pdfplumber characters -> lines -> paragraphs and ruled tables, in reading order.

Why characters and not `page.extract_text()`: the text of a notice must come out without the
layout artefacts of the PDF (autospace gaps turned into spaces, tables scrambled into lines,
page numbers, struck-through tracked deletions), and paragraphs must be rebuilt from visual
lines. Characters are parsed once per page; tables, lines and checks all reuse them.

Known limits: reading order is single-column (top to bottom); borderless tables come out as
text lines; vertical (竖排) text and scanned pages are not read (scans are flagged for OCR).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

import pdfplumber
import regex
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from extract.errors import EncryptedFile, NoText, ReadError
from extract.readers.builder import DocumentBuilder
from extract.readers.pdf_tables import PageTable, find_page_tables, inside, join_split_tables
from extract.readers.textfix import fix_cell_text, fix_paragraph_text, join_lines
from schemas import BlockKind, Document

Char = dict[str, Any]
MAX_CHARS_PER_PAGE = 50_000
SPACE_GAP_RATIO = 0.3  # a gap wider than 0.3 em next to CJK is a space (autospace is ~0.2 em)
LATIN_GAP_RATIO = 0.15  # between two Latin glyphs a word space is ~0.25 em, kerning < 0.05 em
WIDE_GAP_RATIO = 2.0  # a gap wider than 2 em separates two fields (two spaces, kept as layout)
_PAGE_NUMBER = regex.compile(
    r"^[\s\-—–－―~·]*(第\s*)?[0-9０-９]+\s*(页)?(\s*[/／]\s*[0-9]+)?(\s*共\s*[0-9]+\s*页)?[\s\-—–－―~·]*$"
)
_BAD_GLYPH = regex.compile(r"^\(cid:\d+\)$|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
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


# ---------------------------------------------------------------- page checks

def dedupe_chars(chars: list[Char], tolerance: float = 1.0) -> list[Char]:
    """Drop glyphs drawn twice at (almost) the same place (fake bold), like pdfplumber's
    `dedupe_chars` but hashed on a grid, which is several times faster."""
    seen: set[tuple] = set()
    out = []
    for c in chars:
        gx, gy = round(c["x0"] / tolerance), round(c["top"] / tolerance)
        ident = (c["text"], c.get("fontname"), round(c["size"], 1))
        if any((ident, gx + dx, gy + dy) in seen for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            continue
        seen.add((ident, gx, gy))
        out.append(c)
    return out


def is_coloured(color: Any) -> bool:
    """Whether a fill colour is a real colour (not black, white or grey)."""
    if not isinstance(color, (tuple, list)) or len(color) not in (3, 4):
        return False
    if len(color) == 3:
        return max(color) - min(color) > 0.15
    return max(color[:3]) > 0.15


def drop_struck_chars(chars: list[Char], page: Any) -> list[Char]:
    """Remove coloured characters with a horizontal rule through their middle (tracked deletions)."""
    coloured = [c for c in chars if is_coloured(c.get("non_stroking_color"))]
    if not coloured:
        return chars
    rules = [(r["x0"], r["x1"], (r["top"] + r["bottom"]) / 2) for r in page.lines + page.rects
             if r["bottom"] - r["top"] < 2 and r["x1"] - r["x0"] > 1]
    struck = set()
    for c in coloured:
        h, cx = c["bottom"] - c["top"], (c["x0"] + c["x1"]) / 2
        if any(x0 <= cx <= x1 and c["top"] + 0.35 * h < y < c["bottom"] - 0.1 * h for x0, x1, y in rules):
            struck.add(id(c))
    return [c for c in chars if id(c) not in struck]


def bad_glyph_share(chars: list[Char]) -> float:
    """Share of non-space glyphs that are `(cid:N)`, control or replacement characters."""
    visible = [c["text"] for c in chars if not c["text"].isspace()]
    if not visible:
        return 0.0
    return sum(1 for t in visible if _BAD_GLYPH.search(t)) / len(visible)


def is_page_furniture(line: Line, height: float) -> bool:
    """Page numbers (`— 1 —`, `第 1 页`) in the top or bottom margin zone."""
    in_margin = line.top < 0.1 * height or line.top > 0.86 * height
    return in_margin and bool(_PAGE_NUMBER.match(line.text))


# ---------------------------------------------------------------- pages

@dataclass
class PageContent:
    """What one page contributed: body lines and tables (or why it contributed nothing)."""

    number: int
    lines: list[Line] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    status: str = "ok"  # ok, empty, image_only, garbage, too_many_chars, unreadable

    def items(self) -> list[Line | PageTable]:
        return sorted([*self.lines, *self.tables], key=lambda it: it.top)


def read_page(page: Any, number: int, builder: DocumentBuilder) -> PageContent:
    """Lines and tables of one page; problems are flagged, never raised."""
    content = PageContent(number)
    chars = page.chars
    if len(chars) > MAX_CHARS_PER_PAGE:
        builder.flag("too_many_chars", f"page {number} has {len(chars)} characters "
                     f"(limit {MAX_CHARS_PER_PAGE}); it was skipped", number)
        content.status = "too_many_chars"
    elif not chars:
        content.status = "image_only" if page.images else "empty"
        if page.images:
            builder.flag("no_text", f"page {number} has images but no text layer (scanned?); "
                         "it needs OCR", number)
    elif (share := bad_glyph_share(chars)) > 0.1:
        builder.flag("garbage_text", f"page {number}: {share:.0%} of the glyphs have no Unicode "
                     "mapping ((cid:N) or control characters); needs OCR or the source document",
                     number)
        content.status = "garbage"
    else:
        good = [c for c in chars if not _BAD_GLYPH.search(c["text"])]
        if len(good) < len(chars):
            builder.flag("unmapped_glyphs", f"page {number}: {len(chars) - len(good)} glyphs "
                         "without a Unicode mapping were left out", number)
        fill_page_content(content, page, dedupe_chars(good))
    return content


def fill_page_content(content: PageContent, page: Any, chars: list[Char]) -> None:
    """Tables first (their characters are excluded from the text), then body lines."""
    chars = drop_struck_chars(chars, page)
    content.tables = find_page_tables(page, chars, content.number, cell_chars_to_text)
    body = [c for c in chars if not any(inside(t.bbox, c) for t in content.tables)]
    lines = chars_to_lines(body, content.number, float(page.width))
    content.lines = [ln for ln in lines if not is_page_furniture(ln, float(page.height))]


def open_pdf(path: Path) -> Any:
    """pdfplumber.open with every failure turned into a ReadError that says what to do."""
    if not path.is_file():
        raise ReadError(f"{path}: file not found", path=str(path))
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages
        return pdf
    except Exception as exc:  # pdfminer raises many unrelated types; none may escape
        raise pdf_error(path, exc) from exc


def pdf_error(path: Path, exc: Exception) -> ReadError:
    """The ReadError for a pdfminer/pdfplumber failure."""
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return EncryptedFile(f"{path}: the PDF is encrypted (password protected); remove the "
                             "password (e.g. print to a new PDF) or use the source document",
                             path=str(path))
    return ReadError(f"{path}: cannot be read as a PDF ({type(cause).__name__}: {cause}); check "
                     "that the file is a complete PDF, or use the source document", path=str(path))


def read_pages(pdf: Any, path: Path, builder: DocumentBuilder) -> list[PageContent]:
    """Every page's content; a page that fails to parse is flagged and skipped."""
    out = []
    for i, page in enumerate(pdf.pages, start=1):
        try:
            out.append(read_page(page, i, builder))
        except Exception as exc:  # one broken page must not lose the others
            builder.flag("unreadable", f"page {i} could not be parsed ({type(exc).__name__}: "
                         f"{exc})", i)
            out.append(PageContent(i, status="unreadable"))
        finally:
            page.close()  # free the page's parsed objects: peak memory stays flat on long PDFs
    return out


def require_text(pages: list[PageContent], path: Path) -> None:
    """Raise NoText when no page gave usable text, saying why and what to do next."""
    if any(p.lines or p.tables for p in pages):
        return
    statuses = {p.status for p in pages}
    if "garbage" in statuses:
        why = ("has no usable text layer: its fonts lack a Unicode map, so the text comes out as "
               "(cid:N) glyphs; it needs OCR, or use the source .docx")
    elif "too_many_chars" in statuses:
        why = (f"has pages with more than {MAX_CHARS_PER_PAGE} characters (drawn text or a "
               "corrupt page), which were skipped; use the source document")
    elif "image_only" in statuses:
        why = "has no text layer (scanned images); it needs OCR, or use the source .docx"
    else:
        why = "contains no extractable text; use the source document"
    raise NoText(f"{path}: the PDF {why}", path=str(path))


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


# ---------------------------------------------------------------- assembly

def emit(items: list[Line | PageTable], lay: Layout, builder: DocumentBuilder) -> None:
    """Add paragraphs and tables to the builder in reading order."""
    run: list[Line] = []
    for item in [*items, None]:
        if isinstance(item, Line):
            run.append(item)
            continue
        for group in group_paragraphs(run, lay):
            text = fix_paragraph_text(join_lines([ln.text for ln in group]))
            kind, level = paragraph_kind(group, text, lay)
            builder.add_paragraph(text, kind=kind, page=group[0].page, level=level)
        run = []
        if item is not None:
            builder.add_table(item.cells, page=item.page, pages=item.pages,
                              header_rows=item.header_rows)


def read_pdf(path: str | Path) -> Document:
    """Read a PDF notice into a Document (format 'pdf'); raise ReadError subclasses if unusable."""
    path = Path(path)
    builder = DocumentBuilder()
    pdf = open_pdf(path)
    try:
        pages = read_pages(pdf, path, builder)
    finally:
        pdf.close()
    require_text(pages, path)
    items = list(join_split_tables([(p.number, p.items()) for p in pages]))
    lay = measure_layout([it for it in items if isinstance(it, Line)])
    emit(items, lay, builder)
    return builder.build(str(path), "pdf", pages=len(pages))
