"""Conflict Observatory: from raw conflict reports to sourced, geolocated, dated events.

The public API is pinned in ``__all__`` (``tests/test_public_api.py`` checks it)::

    import observatory
    result = observatory.extract(text, published="2015-06-08", source="AFP")
"""

from observatory.errors import ObservatoryError

# Imported eagerly, after the subpackage of the same name: importing
# ``observatory.extract.pipeline`` binds the subpackage to ``observatory.extract``,
# and this line rebinds the name to the function, once and for all.
from observatory.extract.pipeline import extract
from observatory.models import ExtractionResult

__version__ = "0.1.0"

__all__ = ["ExtractionResult", "ObservatoryError", "__version__", "extract"]
