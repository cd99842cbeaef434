"""PDF reader: a PDF file -> checked pages -> paragraphs and ruled tables, in reading order.

Pages are read one at a time and checked before use: too many characters, no text layer (scanned),
glyphs without a Unicode mapping ((cid:N)), fake-bold doubles, struck-through tracked deletions and
margin page numbers are flagged or dropped here, never raised, so one bad page does not lose the
others. Characters are parsed once per page; tables (pdf_tables) take theirs first, the rest
become visual lines and paragraphs (pdf_lines).

Known limits: reading order is single-column (top to bottom); borderless tables come out as
text lines; vertical (竖排) text and scanned pages are not read (scans are flagged for OCR).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from extract import rx as regex
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from extract.errors import EncryptedFile, NoText, ReadError, TooBig
from extract.readers.builder import DocumentBuilder
from extract.readers.pdf_lines import (  # noqa: F401  (line_chars_to_text, starts_paragraph: re-exported)
    Char, Layout, Line, cell_chars_to_text, chars_to_lines, group_paragraphs, line_chars_to_text,
    measure_layout, paragraph_kind, starts_paragraph,
)
from extract.readers.pdf_tables import PageTable, find_page_tables, inside, join_split_tables
from extract.readers.textfix import fix_paragraph_text, join_lines
from schemas import Document

MAX_CHARS_PER_PAGE = 50_000
_PAGE_NUMBER = regex.compile(
    r"^[\s\-—–－―~·]*(第\s*)?[0-9０-９]+\s*(页)?(\s*[/／]\s*[0-9]+)?(\s*共\s*[0-9]+\s*页)?[\s\-—–－―~·]*$"
)
_BAD_GLYPH = regex.compile(r"^\(cid:\d+\)$|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


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
        except MemoryError:
            raise TooBig(f"{path}: page {i} needs more memory than allowed to decode (a huge or "
                         "hostile compressed stream)", path=str(path)) from None
        except Exception as exc:  # one broken page must not lose the others
            if "allocate" in str(exc).lower():  # zlib's out-of-memory surfaces as a plain error
                raise TooBig(f"{path}: page {i} needs more memory than allowed to decode (a huge or "
                             "hostile compressed stream)", path=str(path)) from None
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
    elif "unreadable" in statuses:
        why = "has pages that could not be parsed (damaged or truncated file); download it again"
    else:
        why = "contains no extractable text; use the source document"
    raise NoText(f"{path}: the PDF {why}", path=str(path))


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
