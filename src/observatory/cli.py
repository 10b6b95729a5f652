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
    """Build the gazetteer index from the bundled data, imported packs and desk places."""
    from observatory.geo.gazetteer import build_gazetteer, default_gazetteer_path

    target = path or default_gazetteer_path()
    if if_missing and target.exists():
        click.echo(f"gazetteer: {target} exists; nothing to do")
        return
    stats = build_gazetteer(target)
    click.echo(f"gazetteer: built {target}\n{stats.describe()}")


@gazetteer.command("info")
@click.option("--path", type=click.Path(path_type=Path), help="The index to describe.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable result.")
@handle_errors
def gazetteer_info(path: Path | None, as_json: bool) -> None:
    """Show what the gazetteer index holds: sources, packs, desk places, build, size."""
    from dataclasses import asdict

    from observatory.geo.gazetteer import Gazetteer

    gaz = Gazetteer.open(path, build_if_missing=False)
    info = gaz.info()
    gaz.close()
    click.echo(json.dumps(asdict(info), indent=2) if as_json else info.describe())


@gazetteer.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["geonames", "wof"]),
    required=True,
    help="geonames: a GeoNames country dump (SY.txt or SY.zip); wof: a Who's On First TSV/CSV.",
)
@click.option("--name", help="Pack name (default: format and file name, e.g. geonames-SY).")
@click.option("--no-build", is_flag=True, help="Store the pack; do not rebuild the index.")
@handle_errors
def gazetteer_import(file: Path, fmt: str, name: str | None, no_build: bool) -> None:
    """Import a place pack into $OBSERVATORY_HOME/packs and rebuild the index."""
    from observatory.geo.gazetteer import build_gazetteer, default_gazetteer_path
    from observatory.geo.packs import import_pack

    info = import_pack(file, fmt, name=name)
    click.echo(
        f"gazetteer: pack {info.name}: {info.rows:,} places stored in {info.path} "
        f"({info.skipped:,} rows skipped: not places, deprecated or superseded)"
    )
    if not no_build:
        target = default_gazetteer_path()
        stats = build_gazetteer(target)
        click.echo(f"gazetteer: rebuilt {target} in {stats.seconds:.1f} s")


# ---------------------------------------------------------------------- places
@main.group()
def places() -> None:
    """The desk's own places and aliases (they win over every pack)."""


@places.command("add")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--no-build", is_flag=True, help="Store the places; do not update the index.")
@click.option("--full", is_flag=True, help="Rebuild the whole index instead of an overlay.")
@handle_errors
def places_add(file: Path, no_build: bool, full: bool) -> None:
    """Add places from FILE.csv (name, lat, lon, country, admin1, kind, aliases[, place_id])."""
    from observatory.geo.desk import add_places_to_gazetteer

    result, update = add_places_to_gazetteer(file, rebuild=not no_build, full=full)
    click.echo(
        f"places: {result.added} new place(s), {result.attached} alias row(s), "
        f"{result.duplicates} already stored; {result.total} row(s) in {result.path}"
    )
    if update is not None:
        click.echo(f"gazetteer: {update.mode} of {update.path} in {update.seconds:.1f} s")


@places.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@handle_errors
def places_list(as_json: bool) -> None:
    """List the desk's places and aliases."""
    from observatory.geo.desk import format_place, load_desk_places

    for place in load_desk_places():
        click.echo(
            json.dumps(place.to_json_dict(), ensure_ascii=False) if as_json else format_place(place)
        )


# --------------------------------------------------------------------- geocode
@main.command()
@click.argument("text", required=False)
@click.option(
    "--jsonl",
    type=click.Path(path_type=Path),
    help="Read one document a line (id, text, optional toponyms [{start, end}]).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a readable list.")
@click.option("--country", "countries", multiple=True, help="ISO code known to apply (repeat).")
@click.option(
    "--candidates",
    "n_cands",
    type=int,
    default=3,
    show_default=True,
    help="Candidates shown per place (readable output).",
)
@handle_errors
def geocode(
    text: str | None,
    jsonl: Path | None,
    as_json: bool,
    countries: tuple[str, ...],
    n_cands: int,
) -> None:
    """Find the places of TEXT (or of every line of --jsonl) with coordinates and candidates."""
    from observatory.geo.gazetteer import Gazetteer
    from observatory.geo.geocode import format_geo_results, geocode_jsonl
    from observatory.geo.geocode import geocode as run_geocode

    if (text is None) == (jsonl is None):
        raise click.UsageError("give either TEXT or --jsonl IN.jsonl")
    gaz = Gazetteer.open()
    if jsonl is not None:
        failed = 0
        for item in geocode_jsonl(jsonl, gaz, countries=countries):
            click.echo(json.dumps(item.to_json_dict(), ensure_ascii=False))
            if item.error is not None:
                failed += 1
                click.echo(f"observatory: error: {item.error}", err=True)
        if failed:
            _fail(f"{jsonl}: {failed} line(s) could not be geocoded (see the error lines)")
        return
    assert text is not None
    results = run_geocode(text, gaz, countries=countries)
    if as_json:
        payload = {"toponyms": [r.to_json_dict() for r in results]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(format_geo_results(results, candidates=n_cands))


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
@click.option(
    "--split",
    type=click.Choice(["all", "tune", "holdout"]),
    default="all",
    show_default=True,
    help="Half of the rows by a hash of their id: tune on one, report the other.",
)
@click.option("--sample", "sample_size", type=int, help="Score N rows chosen by hash.")
@handle_errors
def eval_acled(
    csv_file: Path,
    limit: int | None,
    all_taxonomies: bool,
    as_json: bool,
    n_errors: int,
    split: str,
    sample_size: int | None,
) -> None:
    """Score event type, fatalities and location on ACLED rows (notes as text)."""
    from observatory.evaluation.acled import evaluate_acled, format_acled_report

    report = evaluate_acled(
        csv_file,
        limit=limit,
        current_only=not all_taxonomies,
        keep_errors=n_errors,
        progress=_progress("scoring"),
        split=split,
        sample_size=sample_size,
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
@click.option(
    "--split", type=click.Choice(["all", "tune", "holdout"]), default="all", show_default=True
)
@click.option("--sample", "sample_size", type=int, help="Score N snippets chosen by hash.")
@handle_errors
def eval_case(
    tsv_file: Path,
    limit: int | None,
    as_json: bool,
    n_errors: int,
    split: str,
    sample_size: int | None,
) -> None:
    """Score sub-event types on CASE 2021 task 2 snippets (weighted, micro, macro F1)."""
    from observatory.evaluation.case import evaluate_case, format_case_report

    report = evaluate_case(
        tsv_file,
        limit=limit,
        keep_errors=n_errors,
        progress=_progress("scoring"),
        split=split,
        sample_size=sample_size,
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
@click.option("--limit", type=int, help="Score only the first N articles.")
@click.option("--sample", "sample_size", type=int, help="Score N articles chosen by hash.")
@click.option("--errors", "n_errors", type=int, default=0, help="List N missed or spare events.")
@handle_errors
def eval_news(
    report_path: Path | None,
    articles: Path | None,
    gold_path: Path,
    as_json: bool,
    limit: int | None,
    sample_size: int | None,
    n_errors: int,
) -> None:
    """Score events, claims, places and sources against gold readings (NEWS-GOLD format)."""
    from observatory.evaluation.news import evaluate_news, format_news_scores

    if (report_path is None) == (articles is None):
        raise click.UsageError("give either --report FILE or --articles FILE.jsonl")
    scores = evaluate_news(
        gold_path,
        report=report_path,
        articles=articles,
        limit=limit,
        sample_size=sample_size,
        keep_misses=n_errors,
    )
    if as_json:
        click.echo(json.dumps(scores.to_json_dict(), indent=2))
    else:
        click.echo(format_news_scores(scores))


@eval_group.command("geo")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--corpus", type=click.Choice(["gwn", "trnews", "geovirus"]), required=True)
@click.option("--end-to-end", is_flag=True, help="Detect the toponyms too (default: gold spans).")
@click.option("--limit", type=int, help="Score only the first N documents.")
@click.option("--all-types", is_flag=True, help="GWN: count associative toponyms too.")
@click.option("--geonames-only", is_flag=True, help="Only gold toponyms that carry a GeoNames id.")
@click.option("--sample", "sample_size", type=int, help="Score N documents chosen by hash.")
@click.option("--errors", "n_errors", type=int, default=0, help="Show the N worst misses.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable result.")
@handle_errors
def eval_geo(
    file: Path,
    corpus: str,
    end_to_end: bool,
    limit: int | None,
    all_types: bool,
    geonames_only: bool,
    sample_size: int | None,
    n_errors: int,
    as_json: bool,
) -> None:
    """Geocoding accuracy (Acc@161km, median error, AUC) on GeoWebNews, TR-News, GeoVirus."""
    from observatory.evaluation.geo import evaluate_geo, format_geo_report

    report = evaluate_geo(
        file,
        corpus,
        end_to_end=end_to_end,
        limit=limit,
        include_associative=all_types,
        keep_misses=n_errors,
        progress=_progress("geocoding"),
        geonames_only=geonames_only,
        sample_size=sample_size,
    )
    click.echo(
        json.dumps(report.to_json_dict(), indent=2) if as_json else format_geo_report(report)
    )


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


@bench.command("gazetteer")
@click.option("--no-build", is_flag=True, help="Measure an existing index instead of building.")
@click.option("--path", type=click.Path(path_type=Path), help="The index (with --no-build).")
@click.option("--rounds", type=int, default=200, show_default=True, help="Lookup loop rounds.")
@click.option("--json", "as_json", is_flag=True)
@handle_errors
def bench_gazetteer_cmd(no_build: bool, path: Path | None, rounds: int, as_json: bool) -> None:
    """Index build time and size (temp dir), open() memory and lookups per second."""
    from observatory.bench.gazetteer import bench_gazetteer, format_gazetteer_bench

    result = bench_gazetteer(path, build=not no_build, rounds=rounds)
    click.echo(
        json.dumps(result.to_json_dict(), indent=2) if as_json else format_gazetteer_bench(result)
    )


@bench.command("geo")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--corpus", type=click.Choice(["gwn", "trnews", "geovirus"]), default="gwn", show_default=True
)
@click.option("--repeat", type=int, default=1, show_default=True, help="Passes over the texts.")
@click.option("--json", "as_json", is_flag=True)
@handle_errors
def bench_geo_cmd(file: Path, corpus: str, repeat: int, as_json: bool) -> None:
    """Geocoding throughput (toponyms/s) and peak memory, detect + resolve over FILE's texts."""
    from observatory.bench.geo import bench_geo_corpus, format_geo_bench

    result = bench_geo_corpus(file, corpus, repeat=repeat)
    click.echo(json.dumps(result.to_json_dict(), indent=2) if as_json else format_geo_bench(result))


def run(argv: Iterable[str] | None = None) -> None:
    """Entry point for ``python -m observatory``."""
    main.main(args=list(argv) if argv is not None else None, prog_name="observatory")
