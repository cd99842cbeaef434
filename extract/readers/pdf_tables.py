"""Ruled tables of a PDF page: grid, merged-cell spans, cell text, and the join across pages.

Why not pdfplumber's `Table.extract()` alone: it reports a merged cell as `None` without saying
whether the span goes right or down, and it gives no way to join a table that a page break
split in two. Here the grid comes from the cell rectangles themselves (a cell covering two
column edges spans two columns), every character is assigned to the cell under its centre, and
cell text is made by the caller's line builder, so tables and paragraphs share one text rule.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from extract.readers.builder import RawCell

Char = dict[str, Any]
BBox = tuple[float, float, float, float]
EDGE_TOLERANCE = 1.5  # pt: cell edges closer than this are the same grid line


@dataclass
class PageTable:
    """A table found on one page (or joined over several), with origin cells and column edges."""

    page: int
    bbox: BBox
    col_edges: list[float]
    n_rows: int
    n_cols: int
    cells: list[RawCell] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    header_rows: int | None = None

    @property
    def top(self) -> float:
        return self.bbox[1]


def _cluster_edges(values: list[float]) -> list[float]:
    """Sorted distinct edge positions, merging values within EDGE_TOLERANCE."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > EDGE_TOLERANCE:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    """Index of the edge nearest to v."""
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def cells_to_grid(cell_boxes: list[BBox]) -> tuple[list[float], list[float], list[tuple[int, int, int, int]]]:
    """Column edges, row edges and (row, col, row_span, col_span) for each cell rectangle."""
    col_edges = _cluster_edges([b[0] for b in cell_boxes] + [b[2] for b in cell_boxes])
    row_edges = _cluster_edges([b[1] for b in cell_boxes] + [b[3] for b in cell_boxes])
    spans = []
    for x0, top, x1, bottom in cell_boxes:
        c0, c1 = _index(col_edges, x0), _index(col_edges, x1)
        r0, r1 = _index(row_edges, top), _index(row_edges, bottom)
        spans.append((r0, c0, max(1, r1 - r0), max(1, c1 - c0)))
    return col_edges, row_edges, spans


def _owner_grid(spans: list[tuple[int, int, int, int]], n_rows: int, n_cols: int) -> list[list[int]]:
    """For every grid position, the index of the origin cell covering it (-1 if none)."""
    grid = [[-1] * n_cols for _ in range(n_rows)]
    for i, (r, c, rs, cs) in enumerate(spans):
        for rr in range(r, min(r + rs, n_rows)):
            for cc in range(c, min(c + cs, n_cols)):
                grid[rr][cc] = i
    return grid


def chars_to_cells(chars: list[Char], col_edges: list[float], row_edges: list[float],
                   owner: list[list[int]], n_cells: int) -> list[list[Char]]:
    """Characters of each origin cell, assigned by the character's centre point."""
    out: list[list[Char]] = [[] for _ in range(n_cells)]
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        r, c = bisect_right(row_edges, cy) - 1, bisect_right(col_edges, cx) - 1
        if 0 <= r < len(owner) and 0 <= c < len(owner[0]) and owner[r][c] >= 0:
            out[owner[r][c]].append(ch)
    return out


def inside(bbox: BBox, ch: Char, pad: float = 1.0) -> bool:
    """Whether the character's centre lies in bbox (padded)."""
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return bbox[0] - pad <= cx <= bbox[2] + pad and bbox[1] - pad <= cy <= bbox[3] + pad


def table_from_boxes(cell_boxes: list[BBox], bbox: BBox, chars: list[Char], page: int,
                     cell_text: Callable[[list[Char]], str]) -> PageTable | None:
    """One PageTable from pdfplumber cell rectangles; None for a one-column frame (a box around
    text, or a layout table), whose text then stays in the paragraphs."""
    col_edges, row_edges, spans = cells_to_grid(cell_boxes)
    n_rows, n_cols = len(row_edges) - 1, len(col_edges) - 1
    if n_rows < 1 or n_cols < 2:
        return None
    owner = _owner_grid(spans, n_rows, n_cols)
    per_cell = chars_to_cells([c for c in chars if inside(bbox, c)], col_edges, row_edges,
                              owner, len(spans))
    cells = [RawCell(row=r, col=c, row_span=rs, col_span=cs, text=cell_text(cc))
             for (r, c, rs, cs), cc in zip(spans, per_cell)]
    return PageTable(page=page, bbox=bbox, col_edges=col_edges, n_rows=n_rows, n_cols=n_cols,
                     cells=cells, pages=[page])


def find_page_tables(page: Any, chars: list[Char], page_no: int,
                     cell_text: Callable[[list[Char]], str]) -> list[PageTable]:
    """Ruled tables of a pdfplumber page (lines strategy), top to bottom."""
    out = []
    for t in page.find_tables():
        pt = table_from_boxes([tuple(c) for c in t.cells], tuple(t.bbox), chars, page_no, cell_text)
        if pt is not None:
            out.append(pt)
    return sorted(out, key=lambda t: t.top)


def _row_signature(table: PageTable, row: int) -> tuple:
    """The cells starting in a row, as comparable tuples (col, spans, text)."""
    return tuple(sorted((c.col, c.row_span, c.col_span, c.text) for c in table.cells if c.row == row))


def same_columns(a: PageTable, b: PageTable, tolerance: float = 3.0) -> bool:
    """Whether two tables have the same column count and column edges (a continued table)."""
    if a.n_cols != b.n_cols or len(a.col_edges) != len(b.col_edges):
        return False
    return all(abs(x - y) <= tolerance for x, y in zip(a.col_edges, b.col_edges))


def repeated_header_rows(a: PageTable, b: PageTable) -> int:
    """How many leading rows of b repeat the leading rows of a (the page's repeated header)."""
    k = 0
    while k < min(a.n_rows, b.n_rows) - 1 and _row_signature(a, k) == _row_signature(b, k):
        k += 1
    return k


def join_continued(a: PageTable, b: PageTable) -> PageTable:
    """a followed by b's body rows: b's repeated header rows are dropped, pages are combined."""
    k = repeated_header_rows(a, b)
    shift = a.n_rows - k
    moved = [RawCell(row=c.row + shift, col=c.col, text=c.text, row_span=c.row_span,
                     col_span=c.col_span) for c in b.cells if c.row >= k]
    header = k if k else a.header_rows
    return PageTable(page=a.page, bbox=a.bbox, col_edges=a.col_edges, n_rows=shift + b.n_rows,
                     n_cols=a.n_cols, cells=a.cells + moved, pages=a.pages + b.pages,
                     header_rows=header)


def join_split_tables(pages: list[tuple[int, list[Any]]]) -> Iterator[Any]:
    """Items of all pages in order (each page's items sorted top to bottom), with a table that
    ends its page joined to a same-column table that starts the next page."""
    pending: PageTable | None = None
    for number, items in pages:
        for i, item in enumerate(items):
            if not isinstance(item, PageTable):
                if pending is not None:
                    yield pending
                    pending = None
                yield item
                continue
            if (pending is not None and i == 0 and pending.pages[-1] == number - 1
                    and same_columns(pending, item)):
                pending = join_continued(pending, item)
                continue
            if pending is not None:
                yield pending
            pending = item
    if pending is not None:
        yield pending
