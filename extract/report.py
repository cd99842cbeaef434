"""Discrepancy reports: per notice, discrepancies first, then rounding notes, then what passed.

Reads only the database (checks, check_figures, tables, cells), so a report can be written at any
time after ingest. Markdown by default; HTML draws every table with a discrepancy and highlights
the cells involved; CSV and JSON carry one row per check for further analysis.
"""
from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from extract.show import connect_ro

STATUS_ORDER = {"discrepancy": 0, "rounding": 1, "unverifiable": 2, "ok": 3}


@dataclass
class NoticeChecks:
    id: int
    title: str
    path: str
    status: str
    checks: list[dict] = field(default_factory=list)

    def by_status(self, status: str) -> list[dict]:
        return [c for c in self.checks if c["status"] == status]


def load(db_path: Path) -> tuple[list[NoticeChecks], list[dict]]:
    """All notices with their checks (figures attached), and the recorded failures."""
    conn = connect_ro(db_path)
    try:
        notices = {r["id"]: NoticeChecks(r["id"], r["title"] or Path(r["path"]).name, r["path"], r["status"])
                   for r in conn.execute("SELECT id, title, path, status FROM notices ORDER BY id")}
        figures: dict[int, list[dict]] = {}
        for f in conn.execute("SELECT * FROM check_figures ORDER BY check_id, seq"):
            figures.setdefault(f["check_id"], []).append(dict(f))
        for c in conn.execute("SELECT c.*, t.table_index, t.caption FROM checks c "
                              "LEFT JOIN doc_tables t ON t.id = c.table_id ORDER BY c.notice_id, c.id"):
            d = dict(c)
            d["figures"] = figures.get(c["id"], [])
            d["page"] = _page(conn, c["notice_id"], c["start"])
            notices[c["notice_id"]].checks.append(d)
        failures = [dict(r) for r in conn.execute("SELECT path, error, message, at FROM failures ORDER BY path")]
        return list(notices.values()), failures
    finally:
        conn.close()


def _page(conn, notice_id: int, offset: int | None) -> int | None:
    if offset is None:
        return None
    row = conn.execute("SELECT page FROM blocks WHERE notice_id = ? AND start <= ? AND ? < \"end\"",
                       [notice_id, offset, offset]).fetchone()
    return row["page"] if row else None


def _where(c: dict) -> str:
    bits = []
    if c.get("table_index") is not None:
        bits.append(f"table {c['table_index'] + 1}" + (f" ({c['caption']})" if c.get("caption") else ""))
    if c.get("page"):
        bits.append(f"p.{c['page']}")
    if c.get("start") is not None:
        bits.append(f"chars {c['start']}–{c['end']}")
    return ", ".join(bits)


def _figure_line(f: dict) -> str:
    cell = f" (row {f['row']}, col {f['col']})" if f.get("row") is not None else ""
    label = f"{f['label']}: " if f.get("label") else ""
    return f"{f['role']} {label}{f['raw']} — “{f['quote']}” [{f['start']}:{f['end']}]{cell}"


def to_markdown(notices: list[NoticeChecks], failures: list[dict]) -> str:
    out = ["# Discrepancy report", ""]
    n_disc = sum(len(n.by_status("discrepancy")) for n in notices)
    n_all = sum(len(n.checks) for n in notices)
    out.append(f"{len(notices)} notices, {n_all} checks: {n_disc} discrepanc{'y' if n_disc == 1 else 'ies'}, "
               f"{sum(len(n.by_status('rounding')) for n in notices)} within rounding, "
               f"{sum(len(n.by_status('ok')) for n in notices)} exact, "
               f"{sum(len(n.by_status('unverifiable')) for n in notices)} not verifiable.")
    for n in sorted(notices, key=lambda n: (-len(n.by_status("discrepancy")), n.id)):
        out += ["", f"## {n.title}", "", f"`{n.path}` (notice {n.id}{', partial' if n.status == 'partial' else ''})", ""]
        for status, heading in (("discrepancy", "Discrepancies"), ("rounding", "Within rounding"),
                                ("unverifiable", "Not verifiable")):
            rows = n.by_status(status)
            if not rows:
                continue
            out += [f"### {heading} ({len(rows)})", ""]
            for c in rows:
                out.append(f"- **{c['kind']}** · {c['message']}")
                nums = [f"stated {c['stated']}" if c["stated"] else "", f"computed {c['computed']}" if c["computed"] else "",
                        f"difference {c['difference']}" if c["difference"] else "",
                        f"tolerance {c['tolerance']}" if c["tolerance"] else ""]
                nums_s = ", ".join(x for x in nums if x)
                if nums_s:
                    out.append(f"  - {nums_s}{' ' + c['unit'] if c['unit'] else ''}; {_where(c)}")
                if c.get("hint"):
                    out.append(f"  - hint: {c['hint']}")
                if status == "discrepancy":
                    out += [f"  - {_figure_line(f)}" for f in c["figures"]]
            out.append("")
        out.append(f"Checks passed exactly: {len(n.by_status('ok'))} of {len(n.checks)}.")
    if failures:
        out += ["", "## Files that could not be read", ""]
        out += [f"- `{f['path']}` — {f['error']}: {f['message']}" for f in failures]
    return "\n".join(out).rstrip() + "\n"


def to_rows(notices: list[NoticeChecks]) -> list[dict]:
    keys = ("id", "kind", "status", "subject", "stated", "computed", "difference", "tolerance", "unit",
            "message", "hint", "quote", "start", "end", "table_index", "page")
    return [dict({"notice_id": n.id, "notice_title": n.title, "path": n.path},
                 **{k: c.get(k) for k in keys}, figures=c["figures"])
            for n in notices for c in sorted(n.checks, key=lambda c: STATUS_ORDER.get(c["status"], 9))]


def to_csv(notices: list[NoticeChecks]) -> str:
    rows = to_rows(notices)
    buf = io.StringIO()
    fields = [k for k in (rows[0] if rows else {"notice_id": 0}) if k != "figures"] + ["figures"]
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for r in rows:
        r = dict(r, figures="; ".join(f"{f['role']} {f['label'] or ''} {f['raw']}".strip() for f in r["figures"]))
        w.writerow(r)
    return buf.getvalue()


def to_json(notices: list[NoticeChecks], failures: list[dict]) -> str:
    return json.dumps({"checks": to_rows(notices), "failures": failures}, ensure_ascii=False, indent=2)


def write_reports(db_path: Path, out_dir: Path, formats: list[str]) -> tuple[list[Path], int]:
    """Write the report in each format; return the files written and the number of discrepancies."""
    from extract.report_html import to_html

    notices, failures = load(db_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    render = {"md": lambda: to_markdown(notices, failures), "csv": lambda: to_csv(notices),
              "json": lambda: to_json(notices, failures), "html": lambda: to_html(db_path, notices, failures)}
    written = []
    for fmt in formats:
        p = out_dir / f"report.{fmt}"
        p.write_text(render[fmt](), encoding="utf-8")
        written.append(p)
    return written, sum(len(n.by_status("discrepancy")) for n in notices)
