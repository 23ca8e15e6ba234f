"""What the log library raises: one exception, named by the catalogue key of its sentence.

The library knows nothing of languages: a caller says `error.key` with `error.values` through
the word catalogue (generator/words/verifying.py holds every key), or reads `str(error)`."""

from __future__ import annotations


class TlogError(ValueError):
    """A log file, note, key, proof or entry that is not what the formats say, or a proof
    that does not verify. `key` names the sentence in generator/words/verifying.py."""

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.values: dict[str, object] = values
        shown = ", ".join(f"{name}={value!r}" for name, value in values.items())
        super().__init__(f"{key}({shown})" if shown else key)
