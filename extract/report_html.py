"""The HTML report: each table with a discrepancy drawn as a table, the cells involved highlighted."""
from __future__ import annotations

import html
from pathlib import Path

from extract.show import connect_ro

CSS = """body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;max-width:1100px;margin:2em auto;line-height:1.5}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #bbb;padding:2px 6px;text-align:right}
td.label{text-align:left}.stated{background:#f8c4c4;font-weight:bold}.term{background:#fde9b0}
.disc{border-left:4px solid #c0392b;padding-left:.8em}.round{border-left:4px solid #e1a100;padding-left:.8em}
q{color:#333}small{color:#666}"""


def _esc(s) -> str:
    return html.escape("" if s is None else str(s))


def _cells(conn, table_id: int) -> tuple[int, int, list[dict]]:
    t = conn.execute("SELECT n_rows, n_cols FROM doc_tables WHERE id = ?", [table_id]).fetchone()
    cells = [dict(r) for r in conn.execute("SELECT * FROM table_cells WHERE table_id = ?", [table_id])]
    return t["n_rows"], t["n_cols"], cells


def draw_table(conn, table_id: int, marks: dict[tuple[int, int], str]) -> str:
    """The table as HTML with spans, cells in `marks` given their class (stated/term)."""
    n_rows, _, cells = _cells(conn, table_id)
    by_row: dict[int, list[dict]] = {}
    for c in cells:
        by_row.setdefault(c["row"], []).append(c)
    out = ["<table>"]
    for r in range(n_rows):
        out.append("<tr>")
        for c in sorted(by_row.get(r, []), key=lambda c: c["col"]):
            cls = marks.get((c["row"], c["col"]), "")
            label = "" if any(ch.isdigit() for ch in c["text"][:1]) else " label"
            span = (f' rowspan="{c["row_span"]}"' if c["row_span"] > 1 else "") + \
                   (f' colspan="{c["col_span"]}"' if c["col_span"] > 1 else "")
            out.append(f'<td class="{cls}{label}"{span}>{_esc(c["text"])}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _check_html(c: dict, cls: str) -> str:
    figs = "".join(f"<li>{_esc(f['role'])} {_esc(f['label'])} <b>{_esc(f['raw'])}</b> — <q>{_esc(f['quote'])}</q> "
                   f"<small>[{f['start']}:{f['end']}]</small></li>" for f in c["figures"])
    nums = f"stated {_esc(c['stated'])}, computed {_esc(c['computed'])}, difference {_esc(c['difference'])}, " \
           f"tolerance {_esc(c['tolerance'])} {_esc(c['unit'])}" if c["stated"] is not None else ""
    hint = f"<br>hint: {_esc(c['hint'])}" if c.get("hint") else ""
    return f'<div class="{cls}"><p><b>{_esc(c["kind"])}</b>: {_esc(c["message"])}<br><small>{nums}</small>{hint}</p><ul>{figs}</ul></div>'


def to_html(db_path: Path, notices, failures) -> str:
    conn = connect_ro(db_path)
    try:
        parts = [f"<!doctype html><meta charset='utf-8'><title>Discrepancy report</title><style>{CSS}</style>",
                 "<h1>Discrepancy report</h1>"]
        for n in sorted(notices, key=lambda n: (-len(n.by_status("discrepancy")), n.id)):
            parts.append(f"<h2>{_esc(n.title)}</h2><p><small>{_esc(n.path)}</small></p>")
            for c in n.by_status("discrepancy"):
                parts.append(_check_html(c, "disc"))
                if c.get("table_id"):
                    marks = {(f["row"], f["col"]): ("stated" if f["role"] == "stated" else "term")
                             for f in c["figures"] if f.get("row") is not None}
                    parts.append(draw_table(conn, c["table_id"], marks))
            for c in n.by_status("rounding"):
                parts.append(_check_html(c, "round"))
            parts.append(f"<p>{len(n.by_status('ok'))} of {len(n.checks)} checks exact; "
                         f"{len(n.by_status('rounding'))} within rounding; "
                         f"{len(n.by_status('discrepancy'))} discrepancies.</p>")
        if failures:
            parts.append("<h2>Files that could not be read</h2><ul>")
            parts += [f"<li><code>{_esc(f['path'])}</code> — {_esc(f['error'])}: {_esc(f['message'])}</li>" for f in failures]
            parts.append("</ul>")
        return "\n".join(parts)
    finally:
        conn.close()
