"""Where the gazetteer keeps its files.

Input: the ``OBSERVATORY_HOME`` environment variable (optional).  Output: paths under it
(default ``~/.cache/conflict-observatory``): the index, the desk's places CSV and the
directory of imported packs.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["desk_places_path", "observatory_home", "packs_dir"]


def observatory_home() -> Path:
    """``$OBSERVATORY_HOME``, or ``~/.cache/conflict-observatory``."""
    home = os.environ.get("OBSERVATORY_HOME")
    return Path(home) if home else Path.home() / ".cache" / "conflict-observatory"


def desk_places_path(home: Path | None = None) -> Path:
    """The desk's own places: ``<home>/desk_places.csv``."""
    return (home or observatory_home()) / "desk_places.csv"


def packs_dir(home: Path | None = None) -> Path:
    """Imported place packs: ``<home>/packs/``."""
    return (home or observatory_home()) / "packs"
