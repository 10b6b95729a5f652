"""Stage 4a, actors: canonical actors found in text by a data-driven dictionary.

The dictionary lives in JSON files, one per conflict theatre plus ``generic.json``
(see ``observatory/data/actors/README.md``); adding a conflict means adding a
file, not code. Each file is a list of actors::

    {"name": "Islamic State", "type": "rebel", "inter": 2, "parent": null,
     "country": null, "generic": false, "party": false,
     "aliases": ["ISIS", "ISIL", {"text": "IS", "case_sensitive": true}]}

Aliases are case-insensitive unless given as ``{"text": ..., "case_sensitive": true}``.
``{a|b|}`` inside an alias expands to variants (``"Assad{'s|} forces"`` gives
"Assad's forces" and "Assad forces"; an empty branch makes the group optional).

Matching works on word tokens, so boundaries are exact, hyphens and spaces are
interchangeable ("al-Nusra" = "al Nusra"), "U.S." equals "US", curly and straight
apostrophes are one, and a possessive "'s" is its own token. Two tokens join only
across spaces, hyphens or quotation marks, never across other punctuation. At
each position the longest alias wins; matches never overlap. A named (non-generic)
actor absorbs one following group noun ("ISIS jihadists", "Hezbollah fighters").

Files load in order (bundled ``generic.json`` first, then the other bundled files
alphabetically, then user files); where two files map one alias to different
actors the later file wins and the fact is kept in :attr:`ActorDictionary.shadowed`.
An actor defined again under the same name in a later file adds aliases; its
type, inter, parent and country must agree.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from observatory.errors import ActorDictionaryError

#: ACLED interaction codes by actor type.
INTER_CODES: dict[str, int] = {
    "state_forces": 1,
    "rebel": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external": 8,
}

#: Environment variable naming extra actor files or folders (``os.pathsep``-separated).
ENV_VAR = "OBSERVATORY_ACTORS_PATH"

_ALLOWED_KEYS = frozenset(
    {"name", "aliases", "type", "inter", "parent", "country", "generic", "party", "note"}
)

_TOKEN = re.compile(
    r"(?<![^\W_])[^\W\d_](?:\.[^\W\d_])+\.?(?![^\W_])"  # abbreviation: U.S. / U.N.
    r"|[^\W_]+"  # a word (letters, digits, any script)
    r"|(?<=[^\W_])['\u2019][sS](?![^\W_])"  # possessive 's
)
# Characters allowed between two tokens of one alias.
_JOINERS = " \t\r\n\u00a0-\u2010\u2011\u2013\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
_BRACES = re.compile(r"\{([^{}]*)\}")

# Group nouns a named actor swallows when they follow it ("IS militants").
# fmt: off
_ABSORB = frozenset(
    {
        "fighters", "fighter", "militants", "militant", "jihadists", "jihadist", "militiamen",
        "militiaman", "militia", "militias", "forces", "troops", "soldiers", "soldier", "members",
        "member", "gunmen", "insurgents", "rebels", "operatives", "units", "warplanes", "jets",
        "aircraft", "helicopters", "commanders", "commander", "activists", "supporters", "cadres",
        "loyalists", "elements", "airstrikes", "strikes", "raids",
    }
)
# fmt: on
# Nouns after which a generic adjective-like alias is not an actor ("military defeats").
# fmt: off
_NOT_ACTOR_HEADS = frozenset(
    {
        "defeat", "defeats", "setback", "setbacks", "expert", "experts", "analyst", "analysts",
        "source", "sources", "court", "courts", "tribunal", "hospital", "academy", "college",
        "school", "uniform", "uniforms", "age", "service", "spokesman", "spokeswoman",
        "spokesperson", "doctrine", "strategy", "history", "budget", "exercise", "exercises",
        "parade", "intervention", "hardware",
    }
)
# fmt: on


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: name, surface aliases, ACLED type and inter code."""

    name: str
    aliases: tuple[str, ...]
    type: str
    inter: int
    parent: str | None
    country: str | None
    generic: bool
    #: A political party or one of its wings: its members act as a crowd, not as an
    #: armed group (ACLED codes their fights as riots).
    party: bool = False


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor found in a text: character span ``[start, end)`` and the actor."""

    start: int
    end: int
    text: str
    actor: Actor


class _Tokens:
    """Word tokens of a text: spans, and normalised text (lower-case and exact)."""

    __slots__ = ("ends", "lows", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        spans = [m.span() for m in _TOKEN.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        low = text.lower()
        if len(low) != len(text):  # rare: lower-casing changed lengths
            self.lows = [text[s:e].lower() for s, e in spans]
        else:
            self.lows = [low[s:e] for s, e in spans]
        for k, word in enumerate(self.lows):
            if "." in word or not word[0].isalnum():
                self.lows[k] = _normalise(word)

    def __len__(self) -> int:
        return len(self.starts)

    def exact(self, k: int) -> str:
        """Token ``k`` normalised but with its case kept."""
        return _normalise(self.text[self.starts[k] : self.ends[k]])

    def joinable(self, k: int) -> bool:
        """Whether token ``k`` and token ``k + 1`` may belong to one alias."""
        return self.text[self.ends[k] : self.starts[k + 1]].strip(_JOINERS) == ""


def _normalise(word: str) -> str:
    if word[0] in "'\u2019":
        return "'s"
    return word.replace(".", "")


def _alias_tokens(alias: str, case_sensitive: bool) -> tuple[str, ...]:
    toks = _Tokens(alias)
    if case_sensitive:
        return tuple(toks.exact(k) for k in range(len(toks)))
    return tuple(toks.lows)


def expand_alias(alias: str) -> list[str]:
    """Expand ``{a|b|}`` groups into every variant (whitespace normalised)."""
    if alias.count("{") != alias.count("}") or "{" in _BRACES.sub("", alias):
        raise ValueError(f"unbalanced braces in alias {alias!r}")
    parts = _BRACES.split(alias)
    choices = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    variants = {" ".join("".join(c).split()) for c in itertools.product(*choices)}
    return sorted(v for v in variants if v)


def inter_for(actor: Actor, event_country: str | None) -> int:
    """ACLED inter code of ``actor`` in an event in ``event_country``.

    A state's forces are 1 at home and 8 abroad; the dictionary stores each
    foreign military by its usual role, so this corrects it when the event's
    country is known. Other types keep their code.
    """
    if event_country and actor.country and actor.type in ("state_forces", "external"):
        return 1 if actor.country == event_country.upper() else 8
    return actor.inter


_Key = tuple[str, ...]


@dataclass(slots=True)
class _Draft:
    """An actor being assembled from one or more file entries."""

    name: str
    type: str
    inter: int
    parent: str | None
    country: str | None
    generic: bool
    origin: str
    aliases: list[str]
    party: bool = False


class ActorDictionary:
    """Canonical actors and a matcher over their aliases; build with :meth:`load`."""

    __slots__ = ("_actors", "_by_name", "_ci", "_cs", "_cs_lengths", "_first", "shadowed")

    def __init__(
        self,
        actors: Sequence[Actor],
        ci_index: dict[_Key, Actor],
        cs_index: dict[_Key, Actor],
        shadowed: Sequence[tuple[str, str, str, str]] = (),
    ) -> None:
        self._actors: tuple[Actor, ...] = tuple(actors)
        self._by_name: dict[str, Actor] = {a.name.casefold(): a for a in actors}
        self._ci = ci_index
        self._cs = cs_index
        self._first = _first_token_lengths(ci_index, cs_index)
        self._cs_lengths = {k: frozenset(v) for k, v in _first_token_lengths(cs_index).items()}
        #: ``(alias, earlier actor, later actor, later file)`` for cross-file overrides.
        self.shadowed: tuple[tuple[str, str, str, str], ...] = tuple(shadowed)

    # -- building -----------------------------------------------------------------------

    @classmethod
    def load(
        cls, paths: Sequence[Path] | None = None, *, extra_paths: Sequence[Path] = ()
    ) -> ActorDictionary:
        """Load actor files: ``paths`` (default: every bundled file) then ``extra_paths``.

        A path may be a ``.json`` file or a folder of them. Raises
        :class:`ActorDictionaryError` naming the file and entry on bad data.
        """
        sources: list[tuple[str, str]] = []
        if paths is None:
            sources.extend(_bundled_sources())
        else:
            sources.extend(_read_paths(paths))
        sources.extend(_read_paths(extra_paths))
        return cls._build(sources)

    @classmethod
    def _build(cls, sources: Iterable[tuple[str, str]]) -> ActorDictionary:
        drafts: dict[str, _Draft] = {}
        owner: dict[tuple[bool, _Key], tuple[str, str]] = {}  # key -> (actor, file)
        shadowed: list[tuple[str, str, str, str]] = []
        for label, raw in sources:
            entries = _parse_file(label, raw)
            seen_here: dict[tuple[bool, _Key], str] = {}
            names_here: set[str] = set()
            for index, entry in enumerate(entries):
                draft, aliases = _parse_entry(label, index, entry)
                where = f"{label}: entry {index} ({draft.name!r})"
                if draft.name.casefold() in names_here:
                    raise ActorDictionaryError(f"{where}: actor defined twice in one file")
                names_here.add(draft.name.casefold())
                known = drafts.get(draft.name.casefold())
                if known is None:
                    drafts[draft.name.casefold()] = draft
                    known = draft
                else:
                    for field in ("type", "inter", "parent", "country", "generic", "party"):
                        if getattr(known, field) != getattr(draft, field):
                            raise ActorDictionaryError(
                                f"{where}: redefines {field} of actor {draft.name!r} "
                                f"from {known.origin} ({getattr(known, field)!r} -> "
                                f"{getattr(draft, field)!r})"
                            )
                # The name matches in any case, unless it is also a case-sensitive alias.
                cs_forms = {a.casefold() for a, cs in aliases if cs}
                name_alias = [] if draft.name.casefold() in cs_forms else [(draft.name, False)]
                for alias, case_sensitive in [*name_alias, *aliases]:
                    words = _alias_tokens(alias, case_sensitive)
                    if not words:
                        raise ActorDictionaryError(f"{where}: alias {alias!r} has no words")
                    key = (case_sensitive, words)
                    other = seen_here.get(key)
                    if other is not None and other != known.name:
                        raise ActorDictionaryError(
                            f"{where}: alias {alias!r} already maps to {other!r} in this file"
                        )
                    seen_here[key] = known.name
                    previous = owner.get(key)
                    if previous is not None and previous[0] != known.name:
                        shadowed.append((alias, previous[0], known.name, label))
                    owner[key] = (known.name, label)
                    if alias not in known.aliases and alias != known.name:
                        known.aliases.append(alias)
        actors: dict[str, Actor] = {}
        for key_name, d in drafts.items():
            if d.parent is not None and d.parent.casefold() not in drafts:
                raise ActorDictionaryError(
                    f"{d.origin}: actor {d.name!r} has unknown parent {d.parent!r}"
                )
            _check_no_cycle(d, drafts)
            parent = drafts[d.parent.casefold()].name if d.parent is not None else None
            actors[key_name] = Actor(
                d.name, tuple(d.aliases), d.type, d.inter, parent, d.country, d.generic, d.party
            )
        ci: dict[_Key, Actor] = {}
        cs: dict[_Key, Actor] = {}
        for (case_sensitive, words_key), (name, _label) in owner.items():
            (cs if case_sensitive else ci)[words_key] = actors[name.casefold()]
        return cls(list(actors.values()), ci, cs, shadowed)

    # -- queries ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors)

    @property
    def alias_count(self) -> int:
        """Distinct surface forms the matcher knows (after ``{a|b}`` expansion)."""
        return len(self._ci) + len(self._cs)

    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name or alias (aliases' case rules apply)."""
        actor = self._by_name.get(name.casefold())
        if actor is not None:
            return actor
        return self._cs.get(_alias_tokens(name, True)) or self._ci.get(_alias_tokens(name, False))

    def find(self, text: str) -> list[ActorMention]:
        """Actor mentions in ``text``: leftmost-longest, non-overlapping, in text order."""
        toks = _Tokens(text)
        lows = toks.lows
        first = self._first
        n = len(lows)
        found: list[ActorMention] = []
        i = 0
        while i < n:
            lengths = first.get(lows[i])
            if lengths is None:
                i += 1
                continue
            best = self._longest(toks, i, lengths)
            if best is None:
                i += 1
                continue
            length, actor = best
            last = i + length - 1
            if last + 1 < n and toks.joinable(last):
                follower = lows[last + 1]
                if actor.generic and follower in _NOT_ACTOR_HEADS:
                    i += 1
                    continue
                if not actor.generic and follower in _ABSORB:
                    last += 1
            if actor.generic and length == 1 and lows[i] in _ABSORB and found:
                # "IS [Islamic State] militants": the noun belongs to the named actor.
                prev = found[-1]
                if not prev.actor.generic and text[prev.end : toks.starts[i]].strip(" ])") == "":
                    i += 1
                    continue
            start, end = toks.starts[i], toks.ends[last]
            found.append(ActorMention(start, end, text[start:end], actor))
            i = last + 1
        return found

    def _longest(self, toks: _Tokens, i: int, lengths: tuple[int, ...]) -> tuple[int, Actor] | None:
        """The longest alias starting at token ``i`` whose tokens are joined, if any."""
        n = len(toks)
        joined = 1  # how many tokens from i on are joined by mere spaces/hyphens/quotes
        for length in lengths:
            if i + length > n:
                continue
            while joined < length and toks.joinable(i + joined - 1):
                joined += 1
            if joined < length:
                continue
            if length in self._cs_lengths.get(toks.lows[i], ()):
                exact = tuple(toks.exact(k) for k in range(i, i + length))
                actor = self._cs.get(exact)
                if actor is not None:
                    return length, actor
            actor = self._ci.get(tuple(toks.lows[i : i + length]))
            if actor is not None:
                return length, actor
        return None


# -- file handling ----------------------------------------------------------------------


def _check_no_cycle(draft: _Draft, drafts: dict[str, _Draft]) -> None:
    seen = {draft.name.casefold()}
    parent = draft.parent
    while parent is not None:
        if parent.casefold() in seen:
            raise ActorDictionaryError(
                f"{draft.origin}: actor {draft.name!r} is its own ancestor via {parent!r}"
            )
        seen.add(parent.casefold())
        parent = drafts[parent.casefold()].parent if parent.casefold() in drafts else None


def _first_token_lengths(*indexes: dict[_Key, Actor]) -> dict[str, tuple[int, ...]]:
    """Lower-cased first token -> alias lengths (in tokens) starting with it, longest first."""
    lengths: dict[str, set[int]] = {}
    for index in indexes:
        for key in index:
            lengths.setdefault(key[0].lower(), set()).add(len(key))
    return {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


def bundled_files() -> list[str]:
    """Names of the bundled actor files in load order (``generic.json`` first)."""
    folder = resources.files("observatory").joinpath("data", "actors")
    names = [p.name for p in folder.iterdir() if p.name.endswith(".json")]
    return sorted(names, key=lambda n: (n != "generic.json", n))


def _bundled_sources() -> list[tuple[str, str]]:
    folder = resources.files("observatory").joinpath("data", "actors")
    return [
        (f"data/actors/{name}", folder.joinpath(name).read_text(encoding="utf-8"))
        for name in bundled_files()
    ]


def _read_paths(paths: Sequence[Path]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for path in paths:
        path = Path(path)
        files = sorted(path.glob("*.json")) if path.is_dir() else [path]
        for file in files:
            try:
                out.append((str(file), file.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                raise ActorDictionaryError(f"{file}: cannot read actor file: {exc}") from exc
    return out


def _parse_file(label: str, raw: str) -> list[object]:
    try:
        data: object = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ActorDictionaryError(f"{label}: not valid JSON: {exc}") from exc
    if not isinstance(data, list):
        raise ActorDictionaryError(f"{label}: top level must be a JSON list of actors")
    return data


def _parse_entry(label: str, index: int, entry: object) -> tuple[_Draft, list[tuple[str, bool]]]:
    """Validate one file entry; return the actor draft and its expanded aliases."""
    where = f"{label}: entry {index}"
    if not isinstance(entry, dict):
        raise ActorDictionaryError(f"{where}: must be a JSON object")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ActorDictionaryError(f"{where}: missing or empty 'name'")
    where = f"{where} ({name!r})"
    unknown = sorted(set(entry) - _ALLOWED_KEYS)
    if unknown:
        raise ActorDictionaryError(f"{where}: unknown field(s) {', '.join(unknown)}")
    kind = entry.get("type")
    if not isinstance(kind, str) or kind not in INTER_CODES:
        raise ActorDictionaryError(
            f"{where}: unknown type {kind!r}; expected one of {', '.join(INTER_CODES)}"
        )
    inter = entry.get("inter", INTER_CODES[kind])
    if inter != INTER_CODES[kind] or isinstance(inter, bool):
        raise ActorDictionaryError(
            f"{where}: inter {inter!r} does not match type {kind!r} (expected {INTER_CODES[kind]})"
        )
    parent = entry.get("parent")
    if parent is not None and (not isinstance(parent, str) or not parent.strip()):
        raise ActorDictionaryError(f"{where}: 'parent' must be an actor name or null")
    country = entry.get("country")
    if country is not None and (
        not isinstance(country, str) or len(country) != 2 or not country.isupper()
    ):
        raise ActorDictionaryError(f"{where}: 'country' must be an ISO2 code or null")
    generic = entry.get("generic", False)
    if not isinstance(generic, bool):
        raise ActorDictionaryError(f"{where}: 'generic' must be true or false")
    party = entry.get("party", False)
    if not isinstance(party, bool):
        raise ActorDictionaryError(f"{where}: 'party' must be true or false")
    raw_aliases = entry.get("aliases", [])
    if not isinstance(raw_aliases, list):
        raise ActorDictionaryError(f"{where}: 'aliases' must be a list")
    aliases: list[tuple[str, bool]] = []
    for raw in raw_aliases:
        case_sensitive = False
        if isinstance(raw, dict):
            text = raw.get("text")
            flag = raw.get("case_sensitive", False)
            if not isinstance(flag, bool) or set(raw) - {"text", "case_sensitive"}:
                raise ActorDictionaryError(
                    f"{where}: alias object {raw!r} needs 'text' and a boolean 'case_sensitive'"
                )
            case_sensitive = flag
        else:
            text = raw
        if not isinstance(text, str) or not text.strip():
            raise ActorDictionaryError(f"{where}: alias {raw!r} is not a non-empty string")
        try:
            variants = expand_alias(text)
        except ValueError as exc:
            raise ActorDictionaryError(f"{where}: {exc}") from exc
        aliases.extend((v, case_sensitive) for v in variants)
    draft = _Draft(name.strip(), kind, inter, parent, country, generic, label, [], party)
    return draft, aliases


def env_paths() -> list[Path]:
    """Paths named by ``OBSERVATORY_ACTORS_PATH`` (files or folders), in order."""
    value = os.environ.get(ENV_VAR, "")
    paths = [Path(p) for p in value.split(os.pathsep) if p.strip()]
    for path in paths:
        if not path.exists():
            raise ActorDictionaryError(f"{path}: named in {ENV_VAR} but does not exist")
    return paths


@cache
def default_actors() -> ActorDictionary:
    """The bundled dictionary plus any files in ``OBSERVATORY_ACTORS_PATH``; loaded once."""
    return ActorDictionary.load(extra_paths=env_paths())


__all__ = [
    "ENV_VAR",
    "INTER_CODES",
    "Actor",
    "ActorDictionary",
    "ActorMention",
    "bundled_files",
    "default_actors",
    "env_paths",
    "expand_alias",
    "inter_for",
]
