"""Derive src/observatory/data/geo/wof_places.tsv.gz from the flattened Who's On First files.

Input: the directory holding whosonfirst-sy/, whosonfirst-iq/ and whosonfirst-tr-border/
(each with one *_places.tsv and its LICENSE-NOTE.md), by default ../shared/gazetteer-sources.
Output: the gzipped TSV (or, with --check, a comparison with the shipped file).

Rows dropped: deprecated or superseded records and country rows.  Columns kept: see
KEEP, plus ``country`` (SY, IQ or TR: which file the row came from).  Values are copied
unchanged.

    python scripts/make_wof_pack.py [SOURCES_DIR] [--out PATH] [--check]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "src" / "observatory" / "data" / "geo" / "wof_places.tsv.gz"
PARTS = {
    "whosonfirst-sy/wof_sy_places.tsv": "SY",
    "whosonfirst-iq/wof_iq_places.tsv": "IQ",
    "whosonfirst-tr-border/wof_tr_border_places.tsv": "TR",
}
KEEP = (
    "wof_id", "placetype", "name", "gn_name", "name_ara", "name_ara_variants", "name_eng",
    "name_variants_other", "lat", "lon", "geonameid", "gn_feature_code", "gn_population",
    "gn_admin1_code", "country",
)


def derive(sources: Path) -> tuple[list[list[str]], dict[str, int]]:
    rows: list[list[str]] = []
    dropped: dict[str, int] = {}
    for part, country in PARTS.items():
        with open(sources / part, encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if rec["deprecated"] or rec["superseded_by"] or rec["placetype"] == "country":
                    dropped[part] = dropped.get(part, 0) + 1
                    continue
                rec["country"] = country
                rows.append([rec[c] for c in KEEP])
    return rows, dropped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sources", nargs="?", type=Path,
                        default=ROOT.parent / "shared" / "gazetteer-sources")
    parser.add_argument("--out", type=Path, default=PACK)
    parser.add_argument("--check", action="store_true", help="compare with the shipped pack")
    args = parser.parse_args()
    rows, dropped = derive(args.sources)
    print(f"{len(rows)} rows kept; dropped per file: {dropped}", file=sys.stderr)
    if args.check:
        with gzip.open(PACK, "rt", encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader)
            shipped = sorted(map(tuple, reader))
        same = header == list(KEEP) and shipped == sorted(map(tuple, rows))
        print("shipped pack matches" if same else "shipped pack DIFFERS", file=sys.stderr)
        return 0 if same else 1
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n",
                        escapechar=None)
    writer.writerow(KEEP)
    writer.writerows(rows)
    with gzip.open(args.out, "wt", encoding="utf-8", newline="") as fh:
        fh.write(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
