"""The document model every reader produces: one text, and blocks that point into it.

Why one text with offsets: every later fact is grounded by `text[start:end] == quote`, so the
text a reader builds is the single coordinate system of a notice. Tables are part of that text
(cells joined by tab, rows by newline) so a figure in a cell has offsets like any other quote.
"""
from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field, PrivateAttr, model_validator


class BlockKind(str, Enum):
    paragraph = "paragraph"
    heading = "heading"
    table = "table"


class Cell(BaseModel):
    """One origin cell of a table; a merged cell appears once, with its spans."""

    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    text: str
    start: int = Field(description="offset of the cell text in Document.text")
    end: int


class Table(BaseModel):
    """A table as a grid of origin cells (covered grid positions have no Cell)."""

    n_rows: int
    n_cols: int
    cells: list[Cell]
    pages: list[int] = Field(default_factory=list, description="pdf pages the table stands on")
    header_rows: int | None = Field(
        default=None, description="rows the source marks as header (docx tblHeader), if any"
    )

    _covering: tuple[int, dict[tuple[int, int], Cell]] | None = PrivateAttr(default=None)

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid position (row, col), following spans.

        Extractors ask this cell by cell, so the grid positions are indexed once (and again if
        cells are added). Positions outside the grid have no cell."""
        covering = self.__pydantic_private__["_covering"]  # self._covering is 5x slower to read
        if covering is None or covering[0] != len(self.cells):
            index: dict[tuple[int, int], Cell] = {}
            for c in self.cells:
                for r in range(c.row, min(c.row + c.row_span, self.n_rows)):  # spans bounded by the grid
                    for k in range(c.col, min(c.col + c.col_span, self.n_cols)):
                        index.setdefault((r, k), c)
            covering = self._covering = (len(self.cells), index)
        return covering[1].get((row, col))

    def grid(self) -> list[list[str]]:
        """Rows of cell texts, spans filled with the origin cell's text (for display and tests)."""
        out = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, min(c.row + c.row_span, self.n_rows)):
                for k in range(c.col, min(c.col + c.col_span, self.n_cols)):
                    out[r][k] = c.text
        return out

    def origin_grid(self) -> list[list[str | None]]:
        """Rows of cell texts where covered positions are None (spans not repeated)."""
        out: list[list[str | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row][c.col] = c.text
        return out


class Block(BaseModel):
    """A paragraph, heading or table, in reading order, with its place in the text and source."""

    seq: int
    kind: BlockKind
    start: int
    end: int
    text: str
    page: int | None = Field(default=None, description="1-based pdf page where the block starts")
    level: int | None = Field(default=None, description="heading/list level when the source says it")
    table: Table | None = None


class PageIssue(BaseModel):
    """Something wrong with part of a file that was kept rather than failing the whole file."""

    page: int | None = None
    kind: str = Field(description="short kind, e.g. 'garbage_text', 'no_text', 'too_many_chars'")
    message: str
    lost_content: bool = Field(
        default=True, description="True when part of the notice could not be read (the notice is partial)"
    )


class Document(BaseModel):
    """What a reader returns for one file."""

    path: str
    format: str = Field(description="txt, docx or pdf: decided from the content, not the name")
    text: str
    blocks: list[Block]
    pages: int | None = None
    encoding: str | None = Field(default=None, description="txt only: the encoding that decoded it")
    issues: list[PageIssue] = Field(default_factory=list)

    @property
    def partial(self) -> bool:
        return any(i.lost_content for i in self.issues)

    @model_validator(mode="after")
    def _offsets_point_into_text(self) -> "Document":
        for b in self.blocks:
            if self.text[b.start : b.end] != b.text:
                raise ValueError(f"block {b.seq} offsets [{b.start},{b.end}) do not match its text")
            if b.table:
                for c in b.table.cells:
                    if self.text[c.start : c.end] != c.text:
                        raise ValueError(
                            f"table block {b.seq} cell ({c.row},{c.col}) offsets do not match its text"
                        )
        return self

    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind != BlockKind.table]

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == BlockKind.table]
