"""Builds a Document from blocks in reading order, keeping every offset consistent.

docx and pdf readers synthesize the document text: blocks joined by one newline, a table as its
rows joined by newlines and its origin cells joined by tabs. Each block and cell records its
offsets as it is appended, so `text[start:end]` always equals the block or cell text.
"""
from __future__ import annotations

from dataclasses import dataclass

from schemas import Block, BlockKind, Cell, Document, PageIssue, Table


@dataclass
class RawCell:
    """A cell before it has offsets: grid position, spans and text."""

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1


class DocumentBuilder:
    """Append paragraphs and tables in reading order, then `build()` the Document."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.blocks: list[Block] = []
        self.issues: list[PageIssue] = []

    def _append(self, s: str) -> int:
        if self._parts:
            self._parts.append("\n")
            self._len += 1
        start = self._len
        self._parts.append(s)
        self._len += len(s)
        return start

    def add_paragraph(
        self, text: str, *, kind: BlockKind = BlockKind.paragraph, page: int | None = None,
        level: int | None = None,
    ) -> Block | None:
        """Add a paragraph (stripped); empty paragraphs are skipped, returning None."""
        text = text.strip()
        if not text:
            return None
        start = self._append(text)
        block = Block(seq=len(self.blocks), kind=kind, start=start, end=start + len(text),
                      text=text, page=page, level=level)
        self.blocks.append(block)
        return block

    def add_table(
        self, cells: list[RawCell], *, page: int | None = None, pages: list[int] | None = None,
        header_rows: int | None = None,
    ) -> Block | None:
        """Add a table from its origin cells; rows become lines, cells are tab-separated."""
        if not cells:
            return None
        n_rows = max(c.row + c.row_span for c in cells)
        n_cols = max(c.col + c.col_span for c in cells)
        by_row: dict[int, list[RawCell]] = {}
        for c in sorted(cells, key=lambda c: (c.row, c.col)):
            by_row.setdefault(c.row, []).append(c)
        table_start = self._append("")
        pos = table_start
        out: list[Cell] = []
        pieces: list[str] = []
        for r in range(n_rows):
            if r:
                pieces.append("\n")
                pos += 1
            for i, c in enumerate(by_row.get(r, [])):
                if i:
                    pieces.append("\t")
                    pos += 1
                text = c.text.strip()
                out.append(Cell(row=c.row, col=c.col, row_span=c.row_span, col_span=c.col_span,
                                text=text, start=pos, end=pos + len(text)))
                pieces.append(text)
                pos += len(text)
        body = "".join(pieces)
        self._parts[-1] = body
        self._len += len(body)
        table = Table(n_rows=n_rows, n_cols=n_cols, cells=out, pages=pages or ([page] if page else []),
                      header_rows=header_rows)
        block = Block(seq=len(self.blocks), kind=BlockKind.table, start=table_start,
                      end=table_start + len(body), text=body, page=page, table=table)
        self.blocks.append(block)
        return block

    def flag(self, kind: str, message: str, page: int | None = None, *, lost_content: bool = True) -> None:
        """Record a problem with part of the file (lost_content=False for notes that lose nothing)."""
        self.issues.append(PageIssue(page=page, kind=kind, message=message, lost_content=lost_content))

    def build(self, path: str, format: str, *, pages: int | None = None,
              encoding: str | None = None) -> Document:
        return Document(path=path, format=format, text="".join(self._parts), blocks=self.blocks,
                        pages=pages, encoding=encoding, issues=self.issues)
