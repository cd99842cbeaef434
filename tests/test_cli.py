"""The `notices` command: exit codes, messages without tracebacks, help with examples, show, query."""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from extract.cli import app
from tests.conftest import CORPUS

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "n.db"
    r = runner.invoke(app, ["ingest", str(CORPUS), "--db", str(path), "--jobs", "0"])
    assert r.exit_code == 0, r.output
    assert "5 files seen: 5 stored, 0 unchanged, 0 failed" in r.output
    return path


@pytest.mark.parametrize("command", ["ingest", "show", "query", "report", "serve", "watch"])
def test_every_command_explains_itself_with_an_example(command):
    r = runner.invoke(app, [command, "--help"])
    assert r.exit_code == 0
    assert "Example" in r.output


def test_top_level_help_has_an_example():
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0 and "notices ingest corpus/" in r.output


def test_second_ingest_is_all_unchanged(db):
    r = runner.invoke(app, ["ingest", str(CORPUS), "--db", str(db), "--jobs", "0", "--quiet"])
    assert r.exit_code == 0
    assert r.output.strip().endswith("5 files seen: 0 stored, 5 unchanged, 0 failed (1 other files skipped)")


def test_failed_file_exits_1_with_a_message_and_no_traceback(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 20)
    r = runner.invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "n.db"), "--jobs", "0"])
    assert r.exit_code == 1
    assert "broken.pdf" in r.output and "Traceback" not in r.output
    assert "1 files seen: 0 stored, 0 unchanged, 1 failed" in r.output


def test_missing_path_is_a_usage_error(tmp_path):
    r = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "n.db")])
    assert r.exit_code == 2


def test_strict_stops_with_exit_1(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(b"")
    shutil.copy(next(CORPUS.glob("000_*.txt")), src / "b.txt")
    r = runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "n.db"), "--jobs", "0", "--strict"])
    assert r.exit_code == 1 and "(--strict)" in r.output and "a.txt" in r.output


def test_show_prints_facts_with_quotes(db):
    r = runner.invoke(app, ["show", "001_", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "Funding" in r.output and "8294.52万元" in r.output
    assert "“" in r.output  # quotes are printed


def test_show_unknown_notice_is_a_clear_error(db):
    r = runner.invoke(app, ["show", "no-such-notice", "--db", str(db)])
    assert r.exit_code == 1 and "no notice matches" in r.output


def test_query_json_and_csv(db):
    r = runner.invoke(app, ["query", "select count(*) as n from notices", "--db", str(db), "-f", "json"])
    assert r.exit_code == 0 and json.loads(r.output) == [{"n": 5}]
    r = runner.invoke(app, ["query", "select format, count(*) as n from notices group by format", "--db", str(db)])
    assert r.output.splitlines() == ["format,n", "txt,5"]


def test_query_cannot_write(db):
    r = runner.invoke(app, ["query", "delete from notices", "--db", str(db)])
    assert r.exit_code == 1 and "read-only" in r.output
    r = runner.invoke(app, ["query", "select count(*) from notices", "--db", str(db), "-f", "json"])
    assert json.loads(r.output)[0]["count(*)"] == 5


def test_query_timeout_stops_a_runaway_query(db):
    sql = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"
    r = runner.invoke(app, ["query", sql, "--db", str(db), "--timeout", "0.3"])
    assert r.exit_code == 1 and "took longer than 0.3 s" in r.output


def test_named_query_with_parameter(db):
    r = runner.invoke(app, ["query", "--named", "notices_citing", "-p", "cited=国办发〔2020〕23号", "--db", str(db), "-f", "json"])
    assert r.exit_code == 0, r.output
    titles = [row["title"] for row in json.loads(r.output)]
    assert len(titles) == 3  # 001, 003 and 004 cite it
    r = runner.invoke(app, ["query", "--named", "notices_citing", "--db", str(db)])
    assert r.exit_code == 2 and "-p cited=" in r.output


def test_report_writes_markdown_and_fails_on_discrepancy(db, tmp_path):
    r = runner.invoke(app, ["report", "--db", str(db), "--out", str(tmp_path), "-f", "md", "-f", "html",
                            "-f", "csv", "-f", "json", "--fail-on", "discrepancy"])
    assert r.exit_code == 1, r.output  # 003 has a real discrepancy
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "84" in md and "81" in md
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<table" in html or "disc" in html
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert sum(c["status"] == "discrepancy" for c in data["checks"]) == 1
    r = runner.invoke(app, ["report", "--db", str(db), "--out", str(tmp_path)])
    assert r.exit_code == 0
