"""The `notices` command: a thin layer over the library that prints and exits.

Each command opens the database, makes one library call and turns library errors into messages
(no tracebacks). Heavy modules are imported inside commands so `notices --help` stays fast.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

DEFAULT_DB = Path("outputs/notices.db")

app = typer.Typer(
    name="notices",
    help=(
        "Turn Chinese government notices (txt, docx, pdf) into a SQLite database of grounded "
        "obligations — targets, deadlines, funding, responsible departments — and flag the figures "
        "that don't add up.\n\n"
        "Example:  notices ingest corpus/  &&  notices show 1"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.", show_default=True)]


def _err(message: str) -> None:
    typer.echo(message, err=True)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (folders are searched recursively).",
                                                exists=True)],
    db: DbOption = DEFAULT_DB,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first file that fails (files are stored in the order listed, so the same file stops the run whatever --jobs is).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary line and errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print a line for every file.")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=0,
                                                help="Parser processes (default: number of cores; 0 parses in this process).")] = None,
    max_size: Annotated[float, typer.Option("--max-size", min=0.001, help="Largest file to read, in MB.")] = 50,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Seconds allowed to parse one file.")] = 120,
    max_memory: Annotated[int, typer.Option("--max-memory", min=256, help="Memory limit of a parser process, in MB.")] = 2048,
) -> None:
    """Read notices into the database; unchanged files are skipped, bad files recorded.

    Exit code 0 when every file was stored or unchanged, 1 when some failed (they are recorded in
    the `failures` table), 2 for usage errors.

    Example:  notices ingest corpus/ inbox/new.pdf --db outputs/notices.db
    """
    from extract.ingest import StopIngest, ingest as run
    from extract.workers import Limits, default_jobs

    from extract.cli_progress import Progress

    progress = Progress(enabled=not quiet and sys.stderr.isatty())
    n_jobs = default_jobs() if jobs is None else jobs
    try:
        with progress:
            summary = run(paths, db, strict=strict, jobs=n_jobs, max_mb=max_size,
                          limits=Limits(seconds=timeout, memory_mb=max_memory),
                          on_result=lambda r: _report(r, progress, verbose and not quiet),
                          on_total=progress.total)
    except StopIngest as stop:
        _err(f"stopped at the first failure (--strict): {stop.result.path}")
        raise typer.Exit(1)
    except _errors() as e:
        _err(f"error: {e}")
        raise typer.Exit(1)
    typer.echo(summary.line())
    raise typer.Exit(1 if summary.failed else 0)


def _errors():
    from extract.errors import NoticesError

    return NoticesError


def _report(r, progress, verbose: bool) -> None:
    if r.status == "skipped":
        return
    progress.advance(r.path)
    if r.status == "failed":
        progress.print(f"failed: {r.message}", err=True)
    elif verbose:
        progress.print(f"{r.status}: {r.path}")


@app.command()
def show(
    notice: Annotated[str, typer.Argument(help="Notice id, sha256 prefix, or (part of) its path or title.")],
    db: DbOption = DEFAULT_DB,
    cells: Annotated[bool, typer.Option("--cells", help="Also list the facts read from table cells.")] = False,
) -> None:
    """Print one notice's facts grouped by kind, each with its quote.

    Example:  notices show 3      notices show 原州区
    """
    from extract.errors import NoticesError
    from extract.show import render_notice

    try:
        typer.echo(render_notice(db, notice, cells=cells))
    except NoticesError as e:
        _err(f"error: {e}")
        raise typer.Exit(1)


class Format(str, Enum):
    auto = "auto"
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def query(
    sql: Annotated[Optional[str], typer.Argument(help="One SQL statement (read-only).")] = None,
    db: DbOption = DEFAULT_DB,
    named: Annotated[Optional[str], typer.Option("--named", help="Run a named query instead (see --list).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="Named parameter, k=v (repeatable).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output: table on a terminal, csv otherwise (auto).")] = Format.auto,
    timeout: Annotated[float, typer.Option("--timeout", min=0.01, help="Seconds before the query is stopped.")] = 5.0,
    list_named: Annotated[bool, typer.Option("--list", help="List the named queries and their parameters.")] = False,
) -> None:
    """Run one read-only SQL statement (or a named query) and print the rows.

    Examples:
      notices query "select department, count(*) from obligations group by department"
      notices query --named obligations_due_before -p before=2024-12-31 --format json
    """
    from extract.errors import NoticesError
    from extract.output import to_csv, to_json, to_table
    from extract.queries import NAMED
    from extract.query import run_query

    if list_named:
        for name, q in NAMED.items():
            typer.echo(f"{name}({', '.join(q['params'])}): {q['title']}")
        return
    if (sql is None) == (named is None):
        _err("give either an SQL statement or --named NAME (see --list)")
        raise typer.Exit(2)
    params = _params(param or [])
    if named:
        if named not in NAMED:
            _err(f"no named query {named!r}; available: {', '.join(NAMED)}")
            raise typer.Exit(2)
        missing = [p for p in NAMED[named]["params"] if p not in params]
        if missing:
            _err(f"--named {named} needs " + ", ".join(f"-p {m}=…" for m in missing))
            raise typer.Exit(2)
        sql = NAMED[named]["sql"]
    try:
        result = run_query(db, sql, params, timeout=timeout)
    except NoticesError as e:
        _err(f"error: {e}")
        raise typer.Exit(1)
    kind = fmt.value if fmt != Format.auto else ("table" if sys.stdout.isatty() else "csv")
    render = {"table": to_table, "csv": to_csv, "json": to_json}[kind]
    typer.echo(render(result.columns, result.rows).rstrip("\n"))


def _params(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            _err(f"--param takes k=v, got {item!r}")
            raise typer.Exit(2)
        k, v = item.split("=", 1)
        out[k.strip()] = v
    return out


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.")] = 8001,
    host: Annotated[str, typer.Option("--host", help="Interface to bind.")] = "127.0.0.1",
    metadata_out: Annotated[Optional[Path], typer.Option("--write-metadata", help="Also write the generated metadata JSON here.")] = None,
) -> None:
    """Open the database in Datasette: documented tables, facets, canned queries, Chinese search.

    Needs the `serve` extra (pip install -e '.[serve]'). Example:  notices serve --port 8001
    """
    import json

    from extract.errors import NoticesError
    from extract.serve import build_metadata, make_app

    if not db.exists():
        _err(f"error: {db}: no database here; run `notices ingest` first")
        raise typer.Exit(1)
    try:
        ds = make_app(db)
    except NoticesError as e:
        _err(f"error: {e}")
        raise typer.Exit(1)
    if metadata_out:
        metadata_out.write_text(json.dumps(build_metadata(db), ensure_ascii=False, indent=2), encoding="utf-8")
    import uvicorn

    typer.echo(f"serving {db} at http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="Folder to watch (searched recursively).", exists=True,
                                           file_okay=False, dir_okay=True)],
    db: DbOption = DEFAULT_DB,
    once: Annotated[bool, typer.Option("--once", help="Ingest what is ready now and exit (for cron).")] = False,
    interval: Annotated[float, typer.Option("--interval", min=0.1, help="Seconds between scans.")] = 5.0,
    settle: Annotated[float, typer.Option("--settle", min=0, help="Seconds a file must stay unchanged before it is read.")] = 2.0,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=0, help="Parser processes (default: cores).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only failures and summaries.")] = False,
) -> None:
    """Ingest notices as they are dropped into a folder, once each (Ctrl+C to stop).

    A file still being written is left until it has not changed for --settle seconds; a file that
    failed is retried only when it changes. Example (cron):  notices watch inbox/ --once
    """
    from extract.watch import watch as run
    from extract.workers import default_jobs

    def echo(r) -> None:
        if r.status == "failed":
            _err(f"failed: {r.message}")
        elif not quiet and r.status != "skipped":
            typer.echo(f"{r.status}: {r.path}")

    try:
        summary = run(folder, db, once=once, interval=interval, settle=settle,
                      jobs=default_jobs() if jobs is None else jobs, on_result=echo)
    except KeyboardInterrupt:
        raise typer.Exit(0)
    except _errors() as e:
        _err(f"error: {e}")
        raise typer.Exit(1)
    typer.echo(summary.line())
    raise typer.Exit(1 if summary.failed else 0)


class FailOn(str, Enum):
    never = "never"
    discrepancy = "discrepancy"


@app.command()
def report(
    db: DbOption = DEFAULT_DB,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the report files to.")] = Path("outputs"),
    fmt: Annotated[Optional[list[str]], typer.Option("--format", "-f", help="md, html, csv or json (repeatable).")] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when there is a discrepancy.")] = FailOn.never,
) -> None:
    """Write the discrepancy report: per notice, discrepancies first, then rounding notes, then passes.

    Example:  notices report --format md --format html --fail-on discrepancy
    """
    from extract.errors import NoticesError
    from extract.report import write_reports

    formats = fmt or ["md"]
    bad = [f for f in formats if f not in ("md", "html", "csv", "json")]
    if bad:
        _err(f"unknown format {bad[0]!r}: use md, html, csv or json")
        raise typer.Exit(2)
    try:
        written, n_disc = write_reports(db, out, formats)
    except NoticesError as e:
        _err(f"error: {e}")
        raise typer.Exit(1)
    for p in written:
        typer.echo(f"wrote {p}")
    typer.echo(f"{n_disc} discrepanc{'y' if n_disc == 1 else 'ies'}")
    raise typer.Exit(1 if fail_on == FailOn.discrepancy and n_disc else 0)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # python3 -m extract.cli
    app()
