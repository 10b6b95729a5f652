"""Optimal one-to-one assignment (Hungarian method) for matching predictions to gold.

Input: a rectangular cost matrix where ``None`` marks a pair that may not be matched.
Output: the list of ``(row, column)`` pairs of a matching with the most pairs and, among
those, the least total cost. Pure Python, O(n^3): reports carry tens of events, not
thousands.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["best_assignment"]

_FORBIDDEN = 1e9


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Column assigned to each row of a square matrix, minimising the total cost."""
    n = len(cost)
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    owner = [0] * (n + 1)  # owner[j]: row (1-based) holding column j; 0 = free
    way = [0] * (n + 1)
    for row in range(1, n + 1):
        owner[0] = row
        col0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[col0] = True
            row0, delta, col1 = owner[col0], inf, 0
            for col in range(1, n + 1):
                if used[col]:
                    continue
                reduced = cost[row0 - 1][col - 1] - u[row0] - v[col]
                if reduced < minv[col]:
                    minv[col], way[col] = reduced, col0
                if minv[col] < delta:
                    delta, col1 = minv[col], col
            for col in range(n + 1):
                if used[col]:
                    u[owner[col]] += delta
                    v[col] -= delta
                else:
                    minv[col] -= delta
            col0 = col1
            if owner[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            owner[col0] = owner[col1]
            col0 = col1
    result = [0] * n
    for col in range(1, n + 1):
        if owner[col]:
            result[owner[col] - 1] = col - 1
    return result


def best_assignment(costs: Sequence[Sequence[float | None]]) -> list[tuple[int, int]]:
    """Pairs ``(row, column)`` matching as many allowed pairs as possible, cheapest first.

    Costs of allowed pairs must lie in ``[0, 1)``. Among matchings of the largest size,
    the one with the least total cost wins.
    """
    rows = len(costs)
    cols = len(costs[0]) if rows else 0
    if rows == 0 or cols == 0:
        return []
    for line in costs:
        if len(line) != cols:
            raise ValueError("cost matrix rows differ in length")
        for value in line:
            if value is not None and not 0.0 <= value < 1.0:
                raise ValueError(f"cost {value} is outside [0, 1)")
    size = rows + cols
    square = [[_FORBIDDEN] * size for _ in range(size)]
    for i in range(rows):
        for j in range(cols):
            value = costs[i][j]
            # Scaled so that all pair costs together stay under 1: one more matched
            # pair (which saves 2) then always beats any cheaper, smaller matching.
            square[i][j] = _FORBIDDEN if value is None else value / (size + 1)
        square[i][cols + i] = 1.0  # row i left unmatched
    for j in range(cols):
        square[rows + j][j] = 1.0  # column j left unmatched
        for k in range(rows):
            square[rows + j][cols + k] = 0.0
    chosen = _hungarian(square)
    return [
        (i, chosen[i]) for i in range(rows) if chosen[i] < cols and costs[i][chosen[i]] is not None
    ]
