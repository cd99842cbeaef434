-- The database of notices: the users' query surface. Names and columns are documented in
-- extract/store/docs.py (the same text feeds Datasette's metadata). Offsets `start`/`end` always
-- satisfy notices.text[start:end] == quote (or block/cell text).

CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE IF NOT EXISTS notices (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT,
    doc_number TEXT,
    issuer TEXT,
    issue_date TEXT,
    plan_year INTEGER,
    status TEXT NOT NULL DEFAULT 'ok',
    issues TEXT,
    pages INTEGER,
    encoding TEXT,
    size_bytes INTEGER,
    text TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    notice_id INTEGER REFERENCES notices(id) ON DELETE SET NULL,
    size_bytes INTEGER,
    mtime REAL,
    status TEXT NOT NULL,
    seen_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS blocks (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    page INTEGER,
    level INTEGER,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_seg TEXT,
    UNIQUE (notice_id, seq)
);

CREATE TABLE IF NOT EXISTS doc_tables (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    block_id INTEGER NOT NULL REFERENCES blocks(id) ON DELETE CASCADE,
    table_index INTEGER NOT NULL,
    caption TEXT,
    page INTEGER,
    pages TEXT,
    n_rows INTEGER NOT NULL,
    n_cols INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    UNIQUE (notice_id, table_index)
);

CREATE TABLE IF NOT EXISTS table_cells (
    id INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES doc_tables(id) ON DELETE CASCADE,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    "row" INTEGER NOT NULL,
    col INTEGER NOT NULL,
    row_span INTEGER NOT NULL DEFAULT 1,
    col_span INTEGER NOT NULL DEFAULT 1,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS failures (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT,
    error TEXT NOT NULL,
    message TEXT NOT NULL,
    size_bytes INTEGER,
    at TEXT NOT NULL,
    UNIQUE (path)
);

CREATE TABLE IF NOT EXISTS departments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS targets (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    value TEXT NOT NULL,
    value_num REAL,
    value_raw TEXT NOT NULL,
    unit_raw TEXT NOT NULL,
    unit TEXT NOT NULL,
    value_base TEXT,
    decimals INTEGER,
    approximate INTEGER NOT NULL DEFAULT 0,
    qualifier TEXT,
    region TEXT,
    year INTEGER,
    quote TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    block_seq INTEGER,
    table_row INTEGER,
    table_col INTEGER,
    sentence TEXT,
    search_seg TEXT
);

CREATE TABLE IF NOT EXISTS deadlines (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    raw TEXT NOT NULL,
    due_date TEXT,
    start_date TEXT,
    precision TEXT,
    task TEXT,
    department TEXT,
    department_id INTEGER REFERENCES departments(id),
    anchor TEXT,
    offset_days INTEGER,
    offset INTEGER,
    offset_unit TEXT,
    recurrence TEXT,
    year_source TEXT,
    quote TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    block_seq INTEGER,
    table_row INTEGER,
    table_col INTEGER,
    sentence TEXT,
    search_seg TEXT
);

CREATE TABLE IF NOT EXISTS funding (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    amount_yuan INTEGER,
    amount_yuan_exact TEXT NOT NULL,
    amount_raw TEXT NOT NULL,
    unit_raw TEXT NOT NULL,
    decimals INTEGER,
    approximate INTEGER NOT NULL DEFAULT 0,
    source TEXT,
    share_pct TEXT,
    share_raw TEXT,
    purpose TEXT,
    role TEXT,
    quote TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    block_seq INTEGER,
    table_row INTEGER,
    table_col INTEGER,
    sentence TEXT,
    search_seg TEXT
);

CREATE TABLE IF NOT EXISTS responsibilities (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    department TEXT NOT NULL,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    role TEXT NOT NULL,
    duty TEXT NOT NULL,
    deadline_id INTEGER REFERENCES deadlines(id) ON DELETE SET NULL,
    due_date TEXT,
    deadline_quote TEXT,
    amount_yuan INTEGER,
    quote TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    block_seq INTEGER,
    sentence TEXT,
    search_seg TEXT
);

CREATE TABLE IF NOT EXISTS citations (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    doc_number TEXT,
    title TEXT,
    quote TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    block_seq INTEGER
);

CREATE TABLE IF NOT EXISTS checks (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    subject TEXT,
    stated TEXT,
    computed TEXT,
    difference TEXT,
    tolerance TEXT,
    unit TEXT,
    message TEXT NOT NULL,
    hint TEXT,
    table_id INTEGER REFERENCES doc_tables(id) ON DELETE CASCADE,
    quote TEXT,
    start INTEGER,
    "end" INTEGER
);

CREATE TABLE IF NOT EXISTS check_figures (
    id INTEGER PRIMARY KEY,
    check_id INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    role TEXT NOT NULL,
    label TEXT,
    raw TEXT NOT NULL,
    value TEXT NOT NULL,
    decimals INTEGER,
    exact INTEGER,
    quote TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    table_id INTEGER REFERENCES doc_tables(id) ON DELETE CASCADE,
    "row" INTEGER,
    col INTEGER
);

-- blocks and doc_tables are found by notice through their UNIQUE (notice_id, …) indexes; the
-- separate notice_id indexes of older databases only slowed every insert.
DROP INDEX IF EXISTS idx_blocks_notice;
DROP INDEX IF EXISTS idx_tables_notice;
CREATE INDEX IF NOT EXISTS idx_cells_table ON table_cells(table_id);
CREATE INDEX IF NOT EXISTS idx_cells_notice ON table_cells(notice_id);
CREATE INDEX IF NOT EXISTS idx_targets_notice ON targets(notice_id);
CREATE INDEX IF NOT EXISTS idx_deadlines_notice ON deadlines(notice_id);
CREATE INDEX IF NOT EXISTS idx_deadlines_due ON deadlines(due_date);
CREATE INDEX IF NOT EXISTS idx_funding_notice ON funding(notice_id);
CREATE INDEX IF NOT EXISTS idx_resp_notice ON responsibilities(notice_id);
CREATE INDEX IF NOT EXISTS idx_resp_dept ON responsibilities(department_id);
CREATE INDEX IF NOT EXISTS idx_citations_notice ON citations(notice_id);
CREATE INDEX IF NOT EXISTS idx_checks_notice ON checks(notice_id);
CREATE INDEX IF NOT EXISTS idx_check_figures_check ON check_figures(check_id);
CREATE INDEX IF NOT EXISTS idx_check_figures_notice ON check_figures(notice_id);
CREATE INDEX IF NOT EXISTS idx_files_notice ON files(notice_id);
-- Every column that references another table's rows is indexed: deleting a parent row (a notice
-- re-stored after an upgrade deletes its blocks, tables, deadlines) looks its children up by it, and
-- without an index SQLite scans the whole child table once per deleted row (quadratic in the archive).
CREATE INDEX IF NOT EXISTS idx_tables_block ON doc_tables(block_id);
CREATE INDEX IF NOT EXISTS idx_checks_table ON checks(table_id);
CREATE INDEX IF NOT EXISTS idx_check_figures_table ON check_figures(table_id);
CREATE INDEX IF NOT EXISTS idx_resp_deadline ON responsibilities(deadline_id);
CREATE INDEX IF NOT EXISTS idx_deadlines_dept ON deadlines(department_id);

-- Which department must do what, by when, with how much: one row per responsibility, with the
-- deadline and amount the text ties to it (when it does), and the notice it comes from.
CREATE VIEW IF NOT EXISTS obligations AS
SELECT r.id AS responsibility_id,
       n.id AS notice_id,
       n.title AS notice_title,
       d.name AS department,
       r.role,
       r.duty,
       COALESCE(r.due_date, dl.due_date) AS due_date,
       dl.kind AS deadline_kind,
       COALESCE(r.deadline_quote, dl.raw) AS deadline_raw,
       r.amount_yuan,
       r.quote,
       r.start,
       r."end"
FROM responsibilities r
JOIN notices n ON n.id = r.notice_id
JOIN departments d ON d.id = r.department_id
LEFT JOIN deadlines dl ON dl.id = r.deadline_id;

-- Every check that does not reconcile, with stated vs computed and where the figures stand.
CREATE VIEW IF NOT EXISTS discrepancies AS
SELECT c.id AS check_id, n.id AS notice_id, n.title AS notice_title, n.path, c.kind, c.subject,
       c.stated, c.computed, c.difference, c.tolerance, c.unit, c.message, c.hint, c.quote,
       c.start, c."end", t.caption AS table_caption
FROM checks c
JOIN notices n ON n.id = c.notice_id
LEFT JOIN doc_tables t ON t.id = c.table_id
WHERE c.status = 'discrepancy';

-- Full-text search tables (FTS5 over the jieba-segmented columns) are created by
-- extract/store/__init__.py for each table in SEARCHABLE.
