"""The ``observatory`` command: a thin layer over the library.

Every :class:`~observatory.errors.ObservatoryError` becomes one line on stderr
and exit code 2; no traceback reaches the user.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

import click

from observatory import __version__
from observatory.errors import ObservatoryError

P = ParamSpec("P")
R = TypeVar("R")


def _fail(message: str) -> None:
    click.echo(f"observatory: error: {message}", err=True)
    sys.exit(2)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the package's errors into a one-line message and exit code 2."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ObservatoryError as exc:
            _fail(str(exc))
        except (BrokenPipeError, KeyboardInterrupt):
            sys.exit(130)
        raise AssertionError("unreachable")

    return wrapper


@click.group()
@click.version_option(__version__, prog_name="observatory")
def main() -> None:
    """Conflict Observatory: from raw conflict reports to sourced, geolocated events."""


# --------------------------------------------------------------------- extract
def _table(result_json: dict[str, object]) -> str:
    from observatory.render import render_table

    return render_table(result_json)


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--published", help="Publication date of the report, YYYY-MM-DD.")
@click.option("--source", help="Who published the report (outlet, monitor, ground source).")
@click.option("--url", help="Where the report was published.")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True
)
@click.option(
    "--jsonl",
    type=click.Path(path_type=Path),
    help="Read one report a line (id, text, published, source, url).",
)
@handle_errors
def extract(
    file: Path | None,
    published: str | None,
    source: str | None,
    url: str | None,
    fmt: str,
    jsonl: Path | None,
) -> None:
    """Extract the events of one report FILE (or of every line of --jsonl) as JSON."""
    from observatory.extract.dates import parse_published
    from observatory.extract.pipeline import default_extractor
    from observatory.ingest.reader import read_report_file

    if (file is None) == (jsonl is None):
        raise click.UsageError("give either FILE or --jsonl IN.jsonl")
    day = parse_published(published) if published else None
    if jsonl is not None:
        _extract_jsonl(jsonl, day, source, url)
        return
    assert file is not None
    text = read_report_file(file)  # refuse bad input before loading anything heavy
    result = default_extractor().extract(text, published=day, source=source, url=url)
    payload = result.to_json_dict()
    if fmt == "table":
        click.echo(_table(payload))
    else:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _extract_jsonl(path: Path, day: date | None, source: str | None, url: str | None) -> None:
    """One JSON line out per line in; a broken line gives an error line, the rest go on."""
    from observatory.extract.batch import extract_jsonl

    failed = 0
    for item in extract_jsonl(path, published=day, source=source, url=url):
        click.echo(json.dumps(item.to_json_dict(), ensure_ascii=False))
        if item.error is not None:
            failed += 1
            click.echo(f"observatory: error: {item.error}", err=True)
    if failed:
        _fail(f"{path}: {failed} line(s) could not be extracted (see the error lines)")


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True
)
@handle_errors
def demo(fmt: str) -> None:
    """Run the extraction over the bundled example reports and print their events."""
    from observatory.examples import bundled_reports
    from observatory.extract.pipeline import default_extractor

    extractor = default_extractor()
    for record in bundled_reports():
        result = extractor.extract(
            record.text, published=record.published, source=record.source, url=record.url
        )
        payload = result.to_json_dict()
        if fmt == "json":
            click.echo(json.dumps({"id": record.id, **payload}, ensure_ascii=False))
        else:
            click.echo(f"== {record.id} ({record.source}, {record.published})")
            click.echo(_table(payload))
            click.echo()


# ------------------------------------------------------------------- gazetteer
@main.group()
def gazetteer() -> None:
    """Build and inspect the place index."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(path_type=Path), help="Where to write the index.")
@click.option("--if-missing", is_flag=True, help="Do nothing when the index already exists.")
@handle_errors
def gazetteer_build(path: Path | None, if_missing: bool) -> None:
    """Build the gazetteer index from the bundled place data."""
    from observatory.geo.gazetteer import build_gazetteer, default_gazetteer_path

    target = path or default_gazetteer_path()
    if if_missing and target.exists():
        click.echo(f"gazetteer: {target} exists; nothing to do")
        return
    stats = build_gazetteer(target)
    click.echo(f"gazetteer: built {target}: {stats}")


@gazetteer.command("info")
@click.option("--path", type=click.Path(path_type=Path), help="The index to describe.")
@handle_errors
def gazetteer_info(path: Path | None) -> None:
    """Show what the gazetteer index holds."""
    from observatory.geo.gazetteer import Gazetteer

    click.echo(str(Gazetteer.open(path, build_if_missing=False).info()))


# ------------------------------------------------------------------------ eval
@main.group("eval")
def eval_group() -> None:
    """Measure the extractor on annotated data."""


@eval_group.command("acled")
@click.argument("csv_file", type=click.Path(path_type=Path))
@click.option("--limit", type=int, help="Score only the first N rows.")
@click.option("--all-taxonomies", is_flag=True, help="Include legacy-taxonomy rows (mapped).")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable result.")
@click.option("--errors", "n_errors", type=int, default=0, help="Show the N worst misses.")
@handle_errors
def eval_acled(
    csv_file: Path, limit: int | None, all_taxonomies: bool, as_json: bool, n_errors: int
) -> None:
    """Score event type, fatalities and location on ACLED rows (notes as text)."""
    from observatory.evaluation.acled import evaluate_acled, format_acled_report

    report = evaluate_acled(
        csv_file,
        limit=limit,
        current_only=not all_taxonomies,
        keep_errors=n_errors,
        progress=_progress("scoring"),
    )
    if as_json:
        click.echo(json.dumps(report.to_json_dict(), indent=2))
    else:
        click.echo(format_acled_report(report))


@eval_group.command("case")
@click.argument("tsv_file", type=click.Path(path_type=Path))
@click.option("--limit", type=int, help="Score only the first N snippets.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable result.")
@click.option("--errors", "n_errors", type=int, default=0, help="Show N misses.")
@handle_errors
def eval_case(tsv_file: Path, limit: int | None, as_json: bool, n_errors: int) -> None:
    """Score sub-event types on CASE 2021 task 2 snippets (weighted, micro, macro F1)."""
    from observatory.evaluation.case import evaluate_case, format_case_report

    report = evaluate_case(
        tsv_file, limit=limit, keep_errors=n_errors, progress=_progress("scoring")
    )
    if as_json:
        click.echo(json.dumps(report.to_json_dict(), indent=2))
    else:
        click.echo(format_case_report(report))


@eval_group.command("news")
@click.option("--report", "report_path", type=click.Path(path_type=Path), help="One report text.")
@click.option("--articles", type=click.Path(path_type=Path), help="Articles, JSON Lines.")
@click.option("--gold", "gold_path", required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable result.")
@handle_errors
def eval_news(
    report_path: Path | None, articles: Path | None, gold_path: Path, as_json: bool
) -> None:
    """Score events, claims, places and sources against gold readings (NEWS-GOLD format)."""
    from observatory.evaluation.news import evaluate_news, format_news_scores

    if (report_path is None) == (articles is None):
        raise click.UsageError("give either --report FILE or --articles FILE.jsonl")
    scores = evaluate_news(gold_path, report=report_path, articles=articles)
    if as_json:
        click.echo(json.dumps(scores.to_json_dict(), indent=2))
    else:
        click.echo(format_news_scores(scores))


def _progress(label: str) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        if sys.stderr.isatty():
            click.echo(f"\r{label}: {done}/{total}", err=True, nl=done >= total)

    return show


# ----------------------------------------------------------------------- bench
@main.group()
def bench() -> None:
    """Measure speed and memory of the hot paths."""


@bench.command("extract")
@click.option("--reports", "n_reports", type=int, default=500, show_default=True)
@click.option("--words", type=int, default=600, show_default=True, help="Mean words per report.")
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@handle_errors
def bench_extract(n_reports: int, words: int, seed: int, as_json: bool) -> None:
    """Extraction throughput (reports/s, per-stage time, peak memory) on a generated corpus."""
    from observatory.bench.extraction import bench_extraction, format_bench

    result = bench_extraction(n_reports=n_reports, mean_words=words, seed=seed)
    click.echo(json.dumps(result.to_json_dict(), indent=2) if as_json else format_bench(result))


def run(argv: Iterable[str] | None = None) -> None:
    """Entry point for ``python -m observatory``."""
    main.main(args=list(argv) if argv is not None else None, prog_name="observatory")
