"""The inbox: files dropped in a folder are ingested once, half-written files wait, failures retry on change."""
from __future__ import annotations

import os
import shutil
import time

from sqlite_utils import Database

from extract.watch import ready_files, watch
from tests.conftest import CORPUS


def _age(path, seconds):
    t = time.time() - seconds
    os.utime(path, (t, t))


def test_dropped_file_appears_once(tmp_path):
    inbox, db_path = tmp_path / "inbox", tmp_path / "n.db"
    inbox.mkdir()
    f = inbox / "new.txt"
    shutil.copy(next(CORPUS.glob("003_*.txt")), f)
    _age(f, 10)
    s = watch(inbox, db_path, once=True, settle=2)
    assert s.stored == 1
    assert Database(db_path)["notices"].count == 1
    s = watch(inbox, db_path, once=True, settle=2)
    assert s.seen == 0  # nothing new: not even read again


def test_file_being_written_is_not_taken(tmp_path):
    inbox, db_path = tmp_path / "inbox", tmp_path / "n.db"
    inbox.mkdir()
    f = inbox / "arriving.txt"
    f.write_bytes(next(CORPUS.glob("000_*.txt")).read_bytes()[:500])  # just modified
    assert ready_files(inbox, db_path, settle=5) == []
    (inbox / "download.pdf.part").write_bytes(b"%PDF-")
    _age(inbox / "download.pdf.part", 60)
    assert ready_files(inbox, db_path, settle=5) == []
    _age(f, 10)
    assert ready_files(inbox, db_path, settle=5) == [f]


def test_failed_file_is_retried_only_when_it_changes(tmp_path):
    inbox, db_path = tmp_path / "inbox", tmp_path / "n.db"
    inbox.mkdir()
    f = inbox / "bad.txt"
    f.write_bytes(b"")
    _age(f, 10)
    s = watch(inbox, db_path, once=True, settle=1)
    assert s.failed == 1
    assert watch(inbox, db_path, once=True, settle=1).seen == 0
    shutil.copy(next(CORPUS.glob("001_*.txt")), f)
    _age(f, 5)
    s = watch(inbox, db_path, once=True, settle=1)
    assert s.stored == 1
    assert Database(db_path)["failures"].count == 0
