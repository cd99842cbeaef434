"""Format query results: a readable table on a terminal, CSV or JSON for pipes."""
from __future__ import annotations

import csv
import io
import json


def to_csv(columns: list[str], rows: list[tuple]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows(rows)
    return buf.getvalue()


def to_json(columns: list[str], rows: list[tuple]) -> str:
    return json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=2)


def to_table(columns: list[str], rows: list[tuple], width: int = 60) -> str:
    """A plain-text table with cells cut to `width` display characters."""
    from rich.cells import cell_len

    def cut(v) -> str:
        s = "" if v is None else str(v).replace("\n", " ")
        while cell_len(s) > width:
            s = s[: max(1, len(s) - max(1, (cell_len(s) - width) // 2))]
            if cell_len(s) <= width:
                s = s[:-1] + "…"
        return s

    cells = [[cut(c) for c in columns]] + [[cut(v) for v in r] for r in rows]
    widths = [max(cell_len(row[i]) for row in cells) for i in range(len(columns))]
    lines = []
    for k, row in enumerate(cells):
        lines.append("  ".join(v + " " * (w - cell_len(v)) for v, w in zip(row, widths)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
