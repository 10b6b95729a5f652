"""The one exception tree of Conflict Observatory.

Every error the package raises on purpose is an :class:`ObservatoryError`. Each
carries a stable code (``E1xx`` input, ``E2xx`` data, ``E3xx`` configuration)
that the CLI prints with a one-line message and exit code 2::

    ObservatoryError                     base; ``code`` and ``message``
    ├── InputError                       something the user gave us is unusable
    │   ├── EmptyInputError       E101   empty file or text with nothing to read
    │   ├── BinaryInputError      E102   the bytes are not text (NUL bytes, control bytes)
    │   ├── EncodingError         E103   the bytes are not UTF-8 (nor a declared encoding)
    │   ├── InputTooLargeError    E104   over the size limit
    │   ├── InvalidDateError      E105   a date that cannot be parsed or does not exist
    │   ├── InvalidRecordError    E106   a JSON Lines record that is malformed
    │   └── InputNotFoundError    E107   a path that does not exist or is not a file
    ├── DataError                        shipped or built data is broken
    │   ├── ActorDictionaryError  E201   the actor dictionary file is malformed
    │   └── GazetteerError        E202   the gazetteer index is missing or malformed
    └── ConfigurationError        E301   a setting or option is wrong

Callers who want to catch everything the package raises on purpose catch
``ObservatoryError``; anything else escaping is a bug.
"""

from __future__ import annotations


class ObservatoryError(Exception):
    """Base class: every deliberate error of the package."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(ObservatoryError):
    """Something the user supplied cannot be used."""

    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class EncodingError(InputError):
    code = "E103"


class InputTooLargeError(InputError):
    code = "E104"


class InvalidDateError(InputError):
    code = "E105"


class InvalidRecordError(InputError):
    code = "E106"


class InputNotFoundError(InputError):
    code = "E107"


class DataError(ObservatoryError):
    """Data shipped with the package, or built from it, is broken."""

    code = "E200"


class ActorDictionaryError(DataError):
    code = "E201"


class GazetteerError(DataError):
    code = "E202"


class ConfigurationError(ObservatoryError):
    code = "E301"


__all__ = [
    "ActorDictionaryError",
    "BinaryInputError",
    "ConfigurationError",
    "DataError",
    "EmptyInputError",
    "EncodingError",
    "GazetteerError",
    "InputError",
    "InputNotFoundError",
    "InputTooLargeError",
    "InvalidDateError",
    "InvalidRecordError",
    "ObservatoryError",
]
