"""Named queries for the questions users ask every week.

The same definitions serve `notices query --named NAME` and Datasette's canned queries.
Parameters are named (`:before`); Datasette passes them as text, hence the casts.
"""
from __future__ import annotations

NAMED: dict[str, dict] = {
    "obligations_due_before": {
        "title": "Obligations due before a date, by department",
        "description": "Responsibilities and deadlines due before :before (ISO date, e.g. 2024-12-31), "
                       "grouped by department.",
        "sql": """select department, due_date, duty, deadline_raw, notice_title, notice_id, quote
from obligations where due_date is not null and due_date < :before
order by department, due_date""",
        "params": ["before"],
    },
    "deadlines_before": {
        "title": "Deadlines before a date",
        "description": "Every deadline due before :before (ISO date), with its task and who must meet it.",
        "sql": """select d.due_date, d.precision, d.raw, d.task, d.department, n.title as notice, d.quote
from deadlines d join notices n on n.id = d.notice_id
where d.due_date is not null and d.due_date < :before order by d.due_date""",
        "params": ["before"],
    },
    "funding_above": {
        "title": "Funding commitments above an amount, by source",
        "description": "Amounts above :min_yuan (in 元; 1亿元 = 100000000), with their source and notice.",
        "sql": """select coalesce(f.source, '(source not stated)') as source, f.amount_yuan, f.amount_raw || f.unit_raw as as_written,
f.role, f.purpose, n.title as notice, f.quote
from funding f join notices n on n.id = f.notice_id
where f.amount_yuan > cast(:min_yuan as integer) order by source, f.amount_yuan desc""",
        "params": ["min_yuan"],
    },
    "unreconciled": {
        "title": "Checks that don't reconcile",
        "description": "Every discrepancy found: stated vs computed, difference, tolerance and the quote.",
        "sql": """select notice_title, kind, subject, stated, computed, difference, tolerance, unit, message, quote, start, "end"
from discrepancies order by notice_id, check_id""",
        "params": [],
    },
    "department_duties": {
        "title": "Everything one department is responsible for",
        "description": "Duties of departments whose name contains :department (e.g. 财政), across notices.",
        "sql": """select department, role, duty, due_date, notice_title, quote
from obligations where instr(department, :department) > 0 order by notice_id, start""",
        "params": ["department"],
    },
    "notices_citing": {
        "title": "Notices citing a document",
        "description": "Notices that cite a document number or title containing :cited (e.g. 国办发〔2020〕23号).",
        "sql": """select distinct n.id, n.title, n.doc_number, n.issue_date, c.doc_number as cited_number, c.title as cited_title
from citations c join notices n on n.id = c.notice_id
where instr(coalesce(c.doc_number, '') || coalesce(c.title, ''), :cited) > 0 order by n.issue_date""",
        "params": ["cited"],
    },
    "search_paragraphs": {
        "title": "Search paragraphs (Chinese full-text)",
        "description": "Paragraphs containing the words of :q, segmented like the index (财政, 住建部门, 老旧小区改造).",
        "sql": """select n.title as notice, b.seq, b.page, b.text from blocks b join notices n on n.id = b.notice_id
where b.id in (select rowid from blocks_fts where blocks_fts match cjk_query(:q))
   or instr(b.text, :q) > 0
order by b.notice_id, b.seq""",
        "params": ["q"],
    },
}
