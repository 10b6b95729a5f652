"""The optimal assignment on matrices small enough to check by hand and by brute force."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from observatory.evaluation.assignment import best_assignment


def test_prefers_the_cheaper_total() -> None:
    # Greedy would take (0, 0) at 0.1 and leave row 1 with (1, 1) at 0.9: total 1.0.
    # The optimum is (0, 1) + (1, 0) = 0.2 + 0.3 = 0.5.
    assert sorted(best_assignment([[0.1, 0.2], [0.3, 0.9]])) == [(0, 1), (1, 0)]


def test_more_matches_beat_cheaper_ones() -> None:
    # Row 0 could take column 0 alone at 0.0, but then row 1 (only column 0 allowed)
    # stays unmatched; two matches are better.
    assert sorted(best_assignment([[0.0, 0.5], [0.4, None]])) == [(0, 1), (1, 0)]


def test_forbidden_pairs_are_never_returned() -> None:
    assert best_assignment([[None, None], [None, 0.2]]) == [(1, 1)]
    assert best_assignment([[None]]) == []
    assert best_assignment([]) == []


def _brute(costs: list[list[float | None]]) -> tuple[int, float]:
    rows, cols = len(costs), len(costs[0])
    best = (0, 0.0)
    for perm in itertools.permutations(range(max(rows, cols)), rows):
        pairs = [(i, j) for i, j in enumerate(perm) if j < cols and costs[i][j] is not None]
        total = sum(costs[i][j] or 0.0 for i, j in pairs)
        if len(pairs) > best[0] or (len(pairs) == best[0] and total < best[1] - 1e-12):
            best = (len(pairs), total)
    return best


cells = st.one_of(st.none(), st.floats(min_value=0.0, max_value=0.99))


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda r: st.integers(min_value=1, max_value=4).flatmap(
            lambda c: st.lists(st.lists(cells, min_size=c, max_size=c), min_size=r, max_size=r)
        )
    )
)
def test_matches_brute_force(costs: list[list[float | None]]) -> None:
    pairs = best_assignment(costs)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    count, total = _brute(costs)
    assert len(pairs) == count
    assert abs(sum(costs[i][j] or 0.0 for i, j in pairs) - total) < 1e-9


def test_a_chain_of_dearer_pairs_still_wins_on_size() -> None:
    # Found by hypothesis: three pairs costing 2.0 in all beat two pairs costing 0.
    costs: list[list[float | None]] = [
        [None, 0.75, None, None],
        [0.0, None, None, 0.75],
        [0.5, 0.0, None, None],
    ]
    assert sorted(best_assignment(costs)) == [(0, 1), (1, 3), (2, 0)]
