"""Datasette for the notices database: generated metadata, canned queries, Chinese search."""
from __future__ import annotations

from pathlib import Path

from extract.queries import NAMED
from extract.store.docs import TABLES, describe

LABELS = {"notices": "title", "departments": "name", "doc_tables": "caption"}
FACETS = {
    "notices": ["format", "status", "issuer"],
    "targets": ["unit", "region", "year"],
    "deadlines": ["kind", "precision", "department"],
    "funding": ["source", "role"],
    "responsibilities": ["department", "role"],
    "checks": ["status", "kind"],
    "failures": ["error"],
    "obligations": ["department", "role"],
    "discrepancies": ["kind"],
}
SEARCH_HIDDEN = {"text_seg", "search_seg"}


def build_metadata(db_path: Path) -> dict:
    """Datasette metadata: titles and descriptions for every table, view and column, facets, queries."""
    from sqlite_utils import Database

    db = Database(str(db_path))
    tables = {}
    for name in db.table_names() + db.view_names():
        if name.endswith("_fts") or "_fts_" in name:
            continue
        cols = [c.name for c in (db[name].columns if name in db.table_names() else db[name].columns)]
        spec: dict = {"description": TABLES.get(name, {}).get("description", "")}
        spec["columns"] = {c: describe(name, c) or "" for c in cols}
        if name in LABELS:
            spec["label_column"] = LABELS[name]
        if name in FACETS:
            spec["facets"] = [f for f in FACETS[name] if f in cols]
        tables[name] = spec
    queries = {name: {"title": q["title"], "description": q["description"], "sql": q["sql"]}
               for name, q in NAMED.items()}
    return {
        "title": "notices — obligations in Chinese government notices",
        "description": "Targets, deadlines, funding and responsibilities extracted from policy notices, each with "
                       "the exact quote and its offsets in notices.text; checks of stated totals. Amounts are in 元 "
                       "(amount_yuan), areas keep their unit (万平方米 or 平方米), dates are ISO (YYYY-MM-DD).",
        "databases": {db_path.stem: {"tables": tables, "queries": queries}},
    }


def make_app(db_path: Path):
    """An in-process Datasette instance (used by `notices serve` and by tests)."""
    try:
        from datasette.app import Datasette
    except ImportError:
        from extract.errors import NoticesError

        raise NoticesError("Datasette is not installed; install the extra: pip install -e '.[serve]'") from None
    return Datasette(files=[str(db_path)], metadata=build_metadata(db_path),
                     settings={"sql_time_limit_ms": 3000, "facet_time_limit_ms": 500})
