"""Conflict Observatory: from raw conflict reports to sourced, geolocated, dated events."""

from observatory.errors import ObservatoryError
from observatory.models import ExtractionResult

__version__ = "0.1.0"

__all__ = ["ExtractionResult", "ObservatoryError", "__version__", "extract"]


def __getattr__(name: str) -> object:
    # ``extract`` is imported lazily so that ``import observatory`` stays cheap.
    if name == "extract":
        from observatory.extract.pipeline import extract

        return extract
    raise AttributeError(name)
