"""Hash splits: stable, disjoint, about half each; samples are stable too."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observatory.errors import ConfigurationError
from observatory.evaluation.splits import in_split, sample


@given(st.text(min_size=1, max_size=40))
def test_every_id_is_in_exactly_one_half(record_id: str) -> None:
    assert in_split(record_id, "tune") != in_split(record_id, "holdout")
    assert in_split(record_id, "all")


def test_halves_are_about_even_and_stable() -> None:
    ids = [f"KEN{n}" for n in range(4000)]
    tune = [i for i in ids if in_split(i, "tune")]
    assert 0.45 < len(tune) / len(ids) < 0.55
    assert tune == [i for i in ids if in_split(i, "tune")]


def test_sample_is_deterministic_and_keeps_file_order() -> None:
    items = list(range(100))
    ids = [f"r{n}" for n in items]
    first = sample(items, ids, 10)
    assert first == sample(items, ids, 10) and first == sorted(first) and len(first) == 10


def test_unknown_split_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="unknown split 'test'"):
        in_split("x", "test")
