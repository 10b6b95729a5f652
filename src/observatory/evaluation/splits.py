"""Deterministic splits and samples of evaluation sets, by a hash of the record id.

Rules are tuned on the ``tune`` half and reported on the ``holdout`` half, so that a figure
reported as held out never saw the tuning. The split of a record never changes: it depends
on its id only (SHA-256), not on file order or on the size of the set.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TypeVar

from observatory.errors import ConfigurationError

__all__ = ["SPLITS", "in_split", "sample"]

SPLITS = ("all", "tune", "holdout")
T = TypeVar("T")


def _bucket(record_id: str) -> int:
    return hashlib.sha256(record_id.encode("utf-8")).digest()[0]


def in_split(record_id: str, split: str) -> bool:
    """Whether a record belongs to ``split`` (``all``, ``tune`` or ``holdout``)."""
    if split not in SPLITS:
        raise ConfigurationError(f"unknown split {split!r} (choose from {', '.join(SPLITS)})")
    if split == "all":
        return True
    tune = _bucket(record_id) % 2 == 0
    return tune if split == "tune" else not tune


def sample(items: Sequence[T], ids: Sequence[str], n: int) -> list[T]:
    """``n`` items chosen by the order of their ids' hashes (the same every run)."""
    if n < 0:
        raise ConfigurationError(f"sample size must be positive, not {n}")
    order = sorted(range(len(items)), key=lambda i: hashlib.sha256(ids[i].encode()).hexdigest())
    keep = sorted(order[:n])
    return [items[i] for i in keep]
