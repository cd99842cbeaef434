"""Ingest end to end: corpus stored, unchanged on rerun, re-extracted after an upgrade, failures recorded."""
from __future__ import annotations

import shutil

import pytest
from sqlite_utils import Database

from extract import ingest as ingest_mod
from extract.ingest import ingest
from tests.conftest import CORPUS, RENDITIONS

FACT_TABLES = ("targets", "deadlines", "funding", "responsibilities", "citations")


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("db") / "notices.db"
    summary = ingest([CORPUS], db_path, jobs=0)
    return db_path, summary


def test_corpus_is_stored_without_failure(corpus_db):
    db_path, summary = corpus_db
    assert (summary.seen, summary.stored, summary.failed) == (5, 5, 0)
    assert summary.skipped == 1  # corpus/README.md is not a notice type in a folder
    db = Database(db_path)
    assert db["notices"].count == 5
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_rerun_reports_all_unchanged(corpus_db):
    db_path, _ = corpus_db
    again = ingest([CORPUS], db_path, jobs=0)
    assert (again.seen, again.stored, again.unchanged, again.failed) == (5, 0, 5, 0)


def test_every_stored_offset_points_at_its_text(corpus_db):
    db = Database(corpus_db[0])
    texts = {r["id"]: r["text"] for r in db.query("select id, text from notices")}
    n = 0
    for r in db.query('select notice_id, start, "end", text from blocks'):
        assert texts[r["notice_id"]][r["start"]:r["end"]] == r["text"]
        n += 1
    for r in db.query('select notice_id, start, "end", text from table_cells'):
        assert texts[r["notice_id"]][r["start"]:r["end"]] == r["text"]
    for table in FACT_TABLES + ("checks", "check_figures"):
        for r in db.query(f'select notice_id, start, "end", quote from {table} where quote is not null'):
            assert texts[r["notice_id"]][r["start"]:r["end"]] == r["quote"], table
            n += 1
    assert n > 300


def test_stored_tables_and_cells(corpus_db):
    db = Database(corpus_db[0])
    row = next(db.query("select t.n_rows, t.n_cols, t.caption from doc_tables t join notices n on n.id = t.notice_id "
                        "where n.path like '%000_%'"))
    assert (row["n_rows"], row["n_cols"]) == (22, 6)
    assert row["caption"] == "2024 年度全区城镇老旧小区改造目标任务调表"
    cell = next(db.query("select c.text from table_cells c join doc_tables t on t.id = c.table_id "
                         "join notices n on n.id = t.notice_id where n.path like '%000_%' and c.row = 1 and c.col = 5"))
    assert cell["text"] == "283.79"
    spans = next(db.query("select c.row_span, c.col_span from table_cells c join notices n on n.id = c.notice_id "
                          "where n.path like '%002_%' and c.text = '指标任务分解(单位:户)'"))
    assert (spans["row_span"], spans["col_span"]) == (1, 15)


def test_upgrade_reextracts_in_place(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(CORPUS.glob("001_*.txt")), src / "a.txt")
    db_path = tmp_path / "n.db"
    ingest([src], db_path, jobs=0)
    db = Database(db_path)
    before_id = db.execute("select id from notices").fetchone()[0]
    before_funding = db["funding"].count
    monkeypatch.setattr(ingest_mod, "PIPELINE_VERSION", "next-version")
    s = ingest([src], db_path, jobs=0)
    assert s.stored == 1 and s.unchanged == 0
    assert db.execute("select id, pipeline_version from notices").fetchall() == [(before_id, "next-version")]
    assert db["funding"].count == before_funding  # replaced, not duplicated


def test_bad_files_are_recorded_and_the_run_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(CORPUS.glob("000_*.txt")), src / "good.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "fake.docx").write_bytes(b"this is not a zip file at all")
    (src / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    db_path = tmp_path / "n.db"
    s = ingest([src], db_path, jobs=0)
    assert (s.stored, s.failed, s.skipped) == (1, 3, 1)
    db = Database(db_path)
    kinds = {r["path"].rsplit("/", 1)[1]: r["error"] for r in db.query("select path, error from failures")}
    assert kinds == {"empty.txt": "empty", "fake.docx": "mislabelled", "old.docx": "legacy_office"}
    msg = next(db.query("select message from failures where path like '%old.docx'"))["message"]
    assert "old.docx" in msg and "convert" in msg


def test_strict_stops_at_first_failure(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_empty.txt").write_bytes(b"")
    shutil.copy(next(CORPUS.glob("000_*.txt")), src / "b_good.txt")
    with pytest.raises(ingest_mod.StopIngest) as e:
        ingest([src], tmp_path / "n.db", jobs=0, strict=True)
    assert "a_empty.txt" in str(e.value)


def test_same_bytes_under_two_names_is_one_notice(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("x.txt", "copy-of-x.txt"):
        shutil.copy(next(CORPUS.glob("002_*.txt")), src / name)
    db_path = tmp_path / "n.db"
    ingest([src], db_path, jobs=0)
    db = Database(db_path)
    assert db["notices"].count == 1
    assert db["files"].count == 2


def test_worker_processes_give_the_same_rows(tmp_path, corpus_db):
    db_path = tmp_path / "w.db"
    s = ingest([CORPUS, RENDITIONS / "001.docx"], db_path, jobs=2)
    assert (s.stored, s.failed) == (6, 0)
    a, b = Database(corpus_db[0]), Database(db_path)
    for table in FACT_TABLES + ("blocks", "checks"):
        q = f"select count(*) from {table} t join notices n on n.id = t.notice_id where n.format = 'txt'"
        assert a.execute(q).fetchone() == b.execute(q).fetchone(), table


def _fts_state(db) -> dict[str, tuple[int, int]]:
    """Per searchable table: (rows, rows the index finds for a token every row has), after
    FTS5's own integrity check (index == content) has passed."""
    from extract.store import SEARCHABLE

    out = {}
    for table, col in SEARCHABLE.items():
        db.execute(f"INSERT INTO {table}_fts({table}_fts, rank) VALUES ('integrity-check', 1)")
        rows = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        hits = db.execute(f"SELECT count(*) FROM {table}_fts WHERE {table}_fts MATCH '财政'").fetchone()[0]
        with_token = db.execute(f"SELECT count(*) FROM {table} WHERE ' ' || {col} || ' ' LIKE '% 财政 %'").fetchone()[0]
        assert hits == with_token, table
        out[table] = (rows, hits)
    return out


def test_search_index_matches_the_rows_after_ingest_reextraction_and_an_old_schema(tmp_path, monkeypatch):
    """New rows are indexed in bulk (no insert trigger): the index must hold exactly the rows, after
    a first ingest, after re-extraction in place, and in a database made when a trigger did it."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(next(CORPUS.glob("001_*.txt")), src / "a.txt")
    db_path = tmp_path / "n.db"
    ingest([src], db_path, jobs=0)
    first = _fts_state(Database(db_path))
    assert first["responsibilities"][1] > 0 and first["blocks"][1] > 0
    monkeypatch.setattr(ingest_mod, "PIPELINE_VERSION", "next-version")
    ingest([src], db_path, jobs=0)
    assert _fts_state(Database(db_path)) == first
    # An older database still carries the insert trigger: opening it removes the trigger, so new
    # rows are not indexed twice.
    db = Database(db_path)
    db.execute("CREATE TRIGGER blocks_ai AFTER INSERT ON blocks BEGIN "
               "INSERT INTO blocks_fts(rowid, text_seg) VALUES (new.id, new.text_seg); END")
    db.conn.commit()
    shutil.copy(next(CORPUS.glob("003_*.txt")), src / "b.txt")
    ingest([src], db_path, jobs=0)
    after = _fts_state(Database(db_path))
    assert after["blocks"][0] > first["blocks"][0]


def test_no_delete_scans_a_whole_table(tmp_path):
    """Re-storing a notice deletes its rows; each table referencing another must be found through
    an index, or every deleted parent row scans the whole child table (re-ingesting an archive
    after an upgrade was 3x slower than the first ingest at 400 notices, and quadratic)."""
    from extract.store import FACT_TABLES, open_db
    db = open_db(tmp_path / "n.db")
    for table in (*FACT_TABLES, "notices", "departments"):
        plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN DELETE FROM {table} WHERE id = 1").fetchall()]
        assert not [step for step in plan if step.startswith("SCAN")], (table, plan)
