"""Shared fixtures: one gazetteer per test session (built on first use, then cached)."""

from __future__ import annotations

import pytest

from observatory.geo.gazetteer import Gazetteer, default_gazetteer_path


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The default gazetteer, built into $OBSERVATORY_HOME (or ~/.cache) if missing."""
    return Gazetteer.open(default_gazetteer_path())
