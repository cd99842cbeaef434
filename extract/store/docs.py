"""Descriptions of every table, view and column: the users' documentation of the query surface.

The same text is written into Datasette's metadata (`notices serve`), and a test checks that every
column in the database is described here.
"""
from __future__ import annotations

G = {
    "quote": "the exact text the fact comes from, as written in the notice",
    "start": "offset of the quote in notices.text (characters, 0-based): notices.text[start:end] == quote",
    "end": "end offset (exclusive) of the quote in notices.text",
    "block_seq": "blocks.seq of the paragraph or table the quote stands in",
    "table_row": "for a fact read from a table cell: its grid row (0-based)",
    "table_col": "for a fact read from a table cell: its grid column (0-based)",
    "sentence": "the sentence around the quote, for context",
    "notice_id": "the notice (notices.id)",
    "id": "row id",
    "search_seg": "jieba-segmented text used by full-text search (internal)",
}

TABLES: dict[str, dict] = {
    "meta": {"description": "Database settings (schema version).",
             "columns": {"key": "setting name", "value": "setting value"}},
    "notices": {
        "description": "One row per notice (a distinct file content). Metadata as written in the notice.",
        "columns": {
            "id": "notice id", "sha256": "sha256 of the file bytes: the notice's identity",
            "path": "path of the file it was last read from", "format": "txt, docx or pdf (from the content)",
            "title": "the notice's title as written", "doc_number": "发文字号, e.g. 宛建〔2023〕21号",
            "issuer": "issuing body or bodies (、-separated) as written",
            "issue_date": "date of issue (ISO YYYY-MM-DD)", "plan_year": "the year the notice plans for: the one its title names, else its year of issue when the title names none (empty for a title naming several years or a range)",
            "status": "ok, or partial when part of the file could not be read (see issues)",
            "issues": "JSON list of problems met while reading (page, kind, message)",
            "pages": "number of pages (pdf)", "encoding": "txt only: the encoding that decoded the file",
            "size_bytes": "file size in bytes", "text": "the full text of the notice; all offsets point into it",
            "pipeline_version": "version of the extraction pipeline that produced the rows",
            "ingested_at": "when it was stored (UTC, ISO 8601)",
        },
    },
    "files": {
        "description": "Every file path seen by ingest, and the notice its bytes belong to.",
        "columns": {"path": "file path", "sha256": "sha256 of the bytes", "notice_id": "the notice (null if it failed)",
                    "size_bytes": "file size in bytes", "mtime": "file modification time (Unix seconds)",
                    "status": "stored, unchanged or failed at the last run", "seen_at": "when it was last seen (UTC)"},
    },
    "blocks": {
        "description": "Paragraphs, headings and tables of each notice in reading order, with their place in the text.",
        "columns": {"seq": "position in reading order (0-based)", "kind": "paragraph, heading or table",
                    "page": "pdf page (1-based) where the block starts", "level": "heading or list level, when known",
                    "start": "offset in notices.text", "end": "end offset (exclusive)", "text": "the block text",
                    "text_seg": "jieba-segmented text used by full-text search (internal)"},
    },
    "doc_tables": {
        "description": "Tables found in notices (merged across pages when a table continues).",
        "columns": {"block_id": "the table's block (blocks.id)", "table_index": "0-based index of the table in its notice",
                    "caption": "the short paragraph just before the table (its title)", "page": "first pdf page",
                    "pages": "pdf pages the table stands on (comma-separated)", "n_rows": "rows", "n_cols": "columns",
                    "start": "offset of the table text in notices.text", "end": "end offset (exclusive)"},
    },
    "table_cells": {
        "description": "Cells of tables; a merged cell appears once, with its spans.",
        "columns": {"table_id": "the table (doc_tables.id)", "row": "grid row (0-based)", "col": "grid column (0-based)",
                    "row_span": "rows the cell covers", "col_span": "columns the cell covers", "text": "cell text as written",
                    "start": "offset of the cell text in notices.text", "end": "end offset (exclusive)"},
    },
    "failures": {
        "description": "Files that could not be ingested, with what is wrong and what to do.",
        "columns": {"path": "file path", "sha256": "sha256 of the bytes, when they could be read",
                    "error": "short error kind (empty, encoding, legacy_office, encrypted, no_text, too_big, timeout, …)",
                    "message": "what is wrong and what to do next", "size_bytes": "file size in bytes",
                    "at": "when it failed (UTC)"},
    },
    "departments": {"description": "Departments and organisations named as responsible, as written.",
                    "columns": {"name": "department name as written (e.g. 区住建和交通局, 市县财政部门)"}},
    "targets": {
        "description": "What is to be achieved: quantities with their unit (263 个, 33150 户, 27.61 万平方米, 100%).",
        "columns": {"subject": "what is to be achieved (e.g. 改造城镇老旧小区), or the table column it comes from",
                    "value": "the number (exact decimal text)", "value_num": "the number as a float, for sorting",
                    "value_raw": "the number as written", "unit_raw": "unit as written (e.g. 户（套）)",
                    "unit": "normalized unit: 个, 户, 栋, 套, 平方米, 万平方米, %, 公里 …",
                    "value_base": "value in the base unit (万平方米 → 平方米), exact decimal text",
                    "decimals": "digits written after the decimal point", "approximate": "1 when written as approximate (约, 余, 以上…)",
                    "qualifier": "约/余/以上/不低于… as written", "region": "the region the target is for, when stated",
                    "year": "the year the target is for, when stated"},
    },
    "deadlines": {
        "description": "When things must be done: the time expression as written, resolved to dates where the notice allows.",
        "columns": {"kind": "by (on or before due_date), range (start_date to due_date: 3月至4月, and periods written as one point such as 第三季度, 上半年, 于9月), on (one day), after, relative (counts from an event), recurring",
                    "raw": "the time expression as written", "due_date": "last day that satisfies it (ISO), when resolvable",
                    "start_date": "first day, for ranges (ISO)",
                    "precision": "day, month-end, quarter-end, half-year, year-end, year, relative …",
                    "task": "what must be done by then", "department": "who must do it, when the sentence says",
                    "department_id": "departments.id of that department", "anchor": "for relative deadlines: the event it counts from",
                    "offset_days": "for relative deadlines: days after the anchor (calendar days; null for working days, months, hours, minutes)",
                    "offset": "for relative deadlines: the offset as written (30 in 30个工作日内)",
                    "offset_unit": "unit of the offset: 日, 天, 工作日, 个月, 周, 小时, 分钟",
                    "recurrence": "for recurring deadlines: daily, weekly, monthly, quarterly, half-yearly, yearly",
                    "year_source": "where an implicit year came from (text, notice date, doc number, title, context)"},
    },
    "funding": {
        "description": "Money: amounts with their source and purpose. amount_yuan is in 元 (8294.52万元 → 82945200).",
        "columns": {"amount_yuan": "amount in 元 (integer)", "amount_yuan_exact": "amount in 元, exact decimal text",
                    "amount_raw": "number as written (e.g. 8294.52)", "unit_raw": "unit as written (元, 万元, 亿元)",
                    "decimals": "digits written after the decimal point", "approximate": "1 when written as approximate",
                    "source": "source of the money when named (中央预算内资金, 地方财政配套资金, 居民 …)",
                    "share_pct": "share of a total in percent, when stated (按照投资总额80%计算 → 80)",
                    "share_raw": "the share as written", "purpose": "what the money is for",
                    "role": "total, component … when the text says"},
    },
    "responsibilities": {
        "description": "Who must do what: a department, its role and its duty, as written.",
        "columns": {"department": "department as written", "department_id": "departments.id",
                    "role": "牵头, 负责, 配合, 成员, 参与, 会同, 指导, 组长 …", "duty": "what it must do, as written",
                    "deadline_id": "deadlines.id of the deadline stated in the same clause, if any",
                    "due_date": "due date tied to the duty (ISO), if any", "deadline_quote": "the deadline as written",
                    "amount_yuan": "amount tied to the duty, in 元, if any"},
    },
    "citations": {
        "description": "Documents a notice cites (document numbers and 《titles》), to see which notices implement which.",
        "columns": {"doc_number": "cited document number (e.g. 国办发〔2020〕23号)", "title": "cited title (without 《》)"},
    },
    "checks": {
        "description": "Every cross-check of a stated figure against what the notice contains, passed or not.",
        "columns": {"kind": "table_total, subtotal, text_vs_table, parts_vs_whole, share_rate, share_descriptive, item_count …",
                    "status": "ok (exact), rounding (equal within written precision), discrepancy, unverifiable",
                    "subject": "what is checked (measure and unit)", "stated": "the stated figure (exact decimal text)",
                    "computed": "what the parts compute to", "difference": "computed − stated",
                    "tolerance": "largest difference written rounding allows", "unit": "unit of stated/computed/difference",
                    "message": "one readable sentence, Chinese labels as written", "hint": "a likely cause, when one is found",
                    "table_id": "the table involved (doc_tables.id), if any",
                    "quote": "the stated figure as written", "start": "offset of the stated figure", "end": "end offset"},
    },
    "check_figures": {
        "description": "The figures taking part in each check, with where each stands.",
        "columns": {"check_id": "the check (checks.id)", "seq": "order within the check",
                    "role": "stated, term, base or rate", "label": "row/column label or part name", "raw": "figure as written",
                    "value": "value (exact decimal text, in the check's unit)", "decimals": "decimals used for its rounding interval",
                    "exact": "1 for exact figures (counts, rates)", "table_id": "doc_tables.id when in a table",
                    "row": "table row", "col": "table column"},
    },
    "obligations": {
        "description": "View: which department must do what, by when, with how much — one row per responsibility.",
        "columns": {"responsibility_id": "responsibilities.id", "notice_title": "the notice's title",
                    "department": "department as written", "role": "牵头/负责/配合…", "duty": "what it must do",
                    "due_date": "due date (ISO) when the text ties one", "deadline_kind": "kind of that deadline",
                    "deadline_raw": "the deadline as written", "amount_yuan": "amount tied to the duty, in 元"},
    },
    "discrepancies": {
        "description": "View: every check that does not reconcile, with stated vs computed and the quote.",
        "columns": {"check_id": "checks.id", "notice_title": "the notice's title", "path": "file path",
                    "table_caption": "caption of the table involved"},
    },
}


VIEW_BASES = {"obligations": "responsibilities", "discrepancies": "checks"}


def describe(table: str, column: str) -> str | None:
    """The description of a column; a view's columns fall back to those of its base table."""
    for name in (table, VIEW_BASES.get(table)):
        text = TABLES.get(name or "", {}).get("columns", {}).get(column)
        if text:
            return text
    return G.get(column)
