"""Precision, recall and F1 from counts: the one definition every evaluation uses."""

from __future__ import annotations

__all__ = ["f1_score", "prf"]


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """``(precision, recall, F1)`` from true positives, false positives and false negatives;
    an empty denominator gives 0."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, f1_score(precision, recall)
