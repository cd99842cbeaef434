"""The `notices` command: a thin layer over the library that prints and exits.

Each command opens the database, makes one library call and turns library errors into messages
(no tracebacks). Heavy modules are imported inside commands so `notices --help` stays fast.
"""
from __future__ import annotations

import sys
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
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first file that fails.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary line and errors.")] = False,
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
                          on_result=lambda r: _report(r, progress, quiet), on_total=progress.total)
    except StopIngest as stop:
        _err(f"stopped (--strict): {stop.result.message}")
        raise typer.Exit(1)
    except _errors() as e:
        _err(f"error: {e}")
        raise typer.Exit(1)
    typer.echo(summary.line())
    raise typer.Exit(1 if summary.failed else 0)


def _errors():
    from extract.errors import NoticesError

    return NoticesError


def _report(r, progress, quiet: bool) -> None:
    if r.status == "skipped":
        return
    progress.advance(r.path)
    if r.status == "failed":
        progress.print(f"failed: {r.message}", err=True)
    elif not quiet and not progress.enabled:
        progress.print(f"{r.status}: {r.path}")


@app.command()
def show(
    notice: Annotated[str, typer.Argument(help="Notice id, sha256 prefix, or (part of) its path or title.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Print one notice's facts grouped by kind, each with its quote.

    Example:  notices show 3      notices show 原州区
    """
    from extract.errors import NoticesError
    from extract.show import render_notice

    try:
        typer.echo(render_notice(db, notice))
    except NoticesError as e:
        _err(f"error: {e}")
        raise typer.Exit(1)


def main() -> None:  # pragma: no cover
    app()
