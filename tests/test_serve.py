"""Datasette in-process: documented tables, canned queries, Chinese search from the search box."""
from __future__ import annotations

import asyncio

import pytest
from sqlite_utils import Database

from extract.ingest import ingest
from extract.serve import build_metadata, make_app
from extract.store.docs import describe
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "notices.db"
    ingest([CORPUS], path, jobs=0)
    return path


def get_json(db_path, url):
    ds = make_app(db_path)

    async def go():
        await ds.invoke_startup()
        r = await ds.client.get(url)
        return r.status_code, (r.json() if r.headers.get("content-type", "").startswith("application/json") else r.text)

    return asyncio.run(go())


def test_every_table_view_and_column_is_documented(db_path):
    db = Database(db_path)
    missing = [f"{t}.{c.name}" for t in db.table_names() + db.view_names() if "_fts" not in t
               for c in db[t].columns if not describe(t, c.name)]
    assert missing == []
    md = build_metadata(db_path)["databases"]["notices"]
    assert md["tables"]["departments"]["label_column"] == "name"
    assert "status" in md["tables"]["checks"]["facets"]


@pytest.mark.parametrize("word,expect", [("财政", "财政"), ("财政局", "财政局"), ("住建部门", "住建部门"),
                                         ("老旧小区改造", "老旧小区改造")])
def test_search_box_finds_chinese_words(db_path, word, expect):
    status, rows = get_json(db_path, f"/notices/blocks.json?_search={word}&_shape=array&_size=max")
    assert status == 200
    exact = Database(db_path).execute("select count(*) from blocks where instr(text, ?) > 0", [word]).fetchone()[0]
    assert rows and all(expect in r["text"] or expect[:2] in r["text"] for r in rows)
    assert len(rows) >= 0.9 * exact


def test_canned_queries_run(db_path):
    status, rows = get_json(db_path, "/notices/search_paragraphs.json?q=财政&_shape=array")
    assert status == 200 and len(rows) == Database(db_path).execute(
        "select count(*) from blocks where instr(text, '财政') > 0").fetchone()[0]
    status, rows = get_json(db_path, "/notices/unreconciled.json?_shape=array")
    assert status == 200 and len(rows) == 1 and rows[0]["stated"] == "84"
    status, rows = get_json(db_path, "/notices/funding_above.json?min_yuan=50000000&_shape=array")
    assert status == 200 and any(r["as_written"] == "8294.52万元" for r in rows)
    status, rows = get_json(db_path, "/notices/notices_citing.json?cited=国办发〔2020〕23号&_shape=array")
    assert status == 200 and sorted(r["id"] for r in rows) == [2, 4, 5]  # 001, 003, 004
    status, rows = get_json(db_path, "/notices/department_duties.json?department=财政局&_shape=array")
    assert status == 200 and rows and all("财政局" in r["department"] for r in rows)


def test_pages_render(db_path):
    status, page = get_json(db_path, "/notices/notices")
    assert status == 200 and "notices" in page
    status, rows = get_json(db_path, "/notices/responsibilities.json?_labels=on&_shape=array&_size=5")
    assert status == 200 and isinstance(rows[0]["department_id"], dict)  # label column expands the FK


def test_datasette_cannot_write(db_path):
    status, body = get_json(db_path, "/notices.json?sql=delete+from+notices")
    assert status == 400
