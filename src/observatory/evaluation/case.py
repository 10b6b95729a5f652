"""Score the extractor on CASE 2021 task 2 snippets (fine-grained event classification).

Input: the task's TSV (``id``, ``EventSnippet``, ``SubType``). Each snippet is fed to the
extractor without a publication date; the prediction is the sub-event type of the first
event it returns, or none. The CASE codes map to ACLED sub-event types
(:data:`CASE_TO_ACLED`); five codes are not conflict events (:data:`NON_CONFLICT`), and
for them the right answer is no event at all.

Output: :class:`CaseReport` with weighted, micro and macro F1 over the ACLED-coded rows
(the published task figures are weighted F1 over these codes), accuracy, and the share
of non-conflict snippets that produce no event. Nothing from the data is written anywhere.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from observatory.errors import InputError, InputNotFoundError, InvalidRecordError
from observatory.evaluation.scores import prf
from observatory.evaluation.splits import in_split, sample
from observatory.extract.pipeline import Extractor, default_extractor

__all__ = [
    "CASE_TO_ACLED",
    "NON_CONFLICT",
    "CaseReport",
    "CaseRow",
    "evaluate_case",
    "format_case_report",
    "score_case",
]

#: CASE 2021 task 2 codes and the ACLED sub-event type each stands for.
CASE_TO_ACLED: dict[str, str] = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
#: Codes that are not conflict events: the extractor should emit nothing.
NON_CONFLICT = frozenset({"MAN_MADE_DISASTER", "NATURAL_DISASTER", "ORG_CRIME", "DIPLO", "ATTRIB"})
_COLUMNS = ("id", "EventSnippet", "SubType")


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One scored snippet: its gold code, the gold sub-type and what was predicted."""

    id: str
    text: str
    code: str
    gold: str | None
    predicted: str | None


@dataclass(slots=True)
class CaseReport:
    rows: int = 0
    conflict_rows: int = 0
    accuracy: float = 0.0
    weighted_f1: float = 0.0
    micro_f1: float = 0.0
    macro_f1: float = 0.0
    no_event_share: float = 0.0
    non_conflict_rows: int = 0
    non_conflict_silent: float = 0.0
    per_label: dict[str, dict[str, float]] = field(default_factory=dict)
    errors: list[CaseRow] = field(default_factory=list)

    def to_json_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["errors"] = [asdict(e) for e in self.errors]
        return data


def read_case(path: Path) -> list[tuple[str, str, str]]:
    """``(id, snippet, code)`` for every row of a CASE 2021 task 2 TSV."""
    if not path.is_file():
        raise InputNotFoundError(f"{path}: no such file")
    rows: list[tuple[str, str, str]] = []
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise InvalidRecordError(f"{path}: not a CASE 2021 task 2 file (missing {missing})")
            for number, row in enumerate(reader, start=2):
                code = (row.get("SubType") or "").strip()
                if code not in CASE_TO_ACLED and code not in NON_CONFLICT:
                    raise InvalidRecordError(f"{path}:{number}: unknown CASE code {code!r}")
                rows.append((row["id"], row["EventSnippet"] or "", code))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 ({exc.reason})") from exc
    return rows


def score_case(rows: Sequence[CaseRow]) -> CaseReport:
    """Scores for already-predicted rows (pure; the hand-computed tests call this)."""
    report = CaseReport(rows=len(rows))
    conflict = [r for r in rows if r.gold is not None]
    other = [r for r in rows if r.gold is None]
    report.conflict_rows = len(conflict)
    report.non_conflict_rows = len(other)
    if other:
        report.non_conflict_silent = sum(r.predicted is None for r in other) / len(other)
    if not conflict:
        return report
    n = len(conflict)
    report.accuracy = sum(r.predicted == r.gold for r in conflict) / n
    report.no_event_share = sum(r.predicted is None for r in conflict) / n
    support = Counter(r.gold for r in conflict)
    tp_all = fp_all = fn_all = 0
    weighted = macro = 0.0
    for label in sorted(g for g in support if g is not None):
        tp = sum(1 for r in conflict if r.gold == label and r.predicted == label)
        fp = sum(1 for r in conflict if r.predicted == label and r.gold != label)
        fn = support[label] - tp
        precision, recall, f1 = prf(tp, fp, fn)
        report.per_label[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": float(support[label]),
        }
        weighted += f1 * support[label] / n
        macro += f1 / len(support)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    # Predictions of labels that never occur in the gold are false positives too.
    fp_all += sum(1 for r in conflict if r.predicted is not None and r.predicted not in support)
    report.weighted_f1, report.macro_f1 = weighted, macro
    report.micro_f1 = prf(tp_all, fp_all, fn_all)[2]
    return report


def evaluate_case(
    path: Path,
    *,
    limit: int | None = None,
    keep_errors: int = 0,
    extractor: Extractor | None = None,
    progress: Callable[[int, int], None] | None = None,
    split: str = "all",
    sample_size: int | None = None,
) -> CaseReport:
    """Run the extractor over every snippet of a CASE 2021 task 2 TSV and score it.

    ``split`` keeps the ``tune`` or ``holdout`` half, by a hash of the snippet id;
    ``sample_size`` keeps that many snippets chosen by hash, ``limit`` the first ones.
    """
    engine = extractor or default_extractor()
    data = [row for row in read_case(path) if in_split(row[0], split)]
    if sample_size is not None:
        data = sample(data, [row[0] for row in data], sample_size)
    if limit is not None:
        data = data[:limit]
    scored: list[CaseRow] = []
    for done, (rid, text, code) in enumerate(data, start=1):
        try:
            result = engine.extract(text) if text.strip() else None
        except InputError:
            result = None
        predicted = result.events[0].sub_event_type if result and result.events else None
        scored.append(CaseRow(rid, text, code, CASE_TO_ACLED.get(code), predicted))
        if progress is not None and (done % 100 == 0 or done == len(data)):
            progress(done, len(data))
    report = score_case(scored)
    if keep_errors:
        report.errors = _misses(scored)[:keep_errors]
    return report


def _misses(rows: Iterable[CaseRow]) -> list[CaseRow]:
    return [r for r in rows if r.predicted != r.gold]


def format_case_report(report: CaseReport) -> str:
    """A readable summary of a :class:`CaseReport`."""
    lines = [
        f"snippets scored:                   {report.rows}",
        f"conflict snippets (ACLED codes):   {report.conflict_rows}",
        f"sub-event type weighted F1:        {report.weighted_f1:.3f}  (best published: 0.839)",
        f"sub-event type micro F1:           {report.micro_f1:.3f}",
        f"sub-event type macro F1:           {report.macro_f1:.3f}",
        f"accuracy:                          {report.accuracy:.3f}",
        f"conflict snippets with no event:   {report.no_event_share:.3f}",
        f"non-conflict snippets left silent: {report.non_conflict_silent:.3f}"
        f" (n={report.non_conflict_rows})",
        "per sub-event type (precision / recall / F1 / support):",
    ]
    for label, v in sorted(report.per_label.items(), key=lambda kv: -kv[1]["support"]):
        lines.append(
            f"  {label:<38} {v['precision']:.3f} / {v['recall']:.3f} / {v['f1']:.3f} /"
            f" {int(v['support'])}"
        )
    for miss in report.errors:
        lines.append(
            f"  miss {miss.id}: gold {miss.code} ({miss.gold}), predicted {miss.predicted}:"
            f" {miss.text[:140]!r}"
        )
    return "\n".join(lines)
