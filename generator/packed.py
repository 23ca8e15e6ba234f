"""Text kept deflated while a build holds it: a notice's body HTML stays alive from its facts to
the end of the build (its page, exports, search record and the body cache read it), and every
notice's facts are alive at once. As a str a body is ~4.7 KB (Chinese text takes two bytes a
character); deflated, ~1.3 KB. At 50,000 notices that is ~150 MiB of the build's peak, which
with one Pagefind run beside it must stay under 2 GiB (issue 18)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

# zlib's default level: within 5% of the best size at a third of its time, for body HTML
_LEVEL = 6


@dataclass(frozen=True, slots=True)
class PackedText:
    """A text, deflated; `text()` gives it back. Equal when the texts are. Serialized by
    pydantic as its text, so a page's cache key (render/facts.key_bytes) holds the text
    itself, as it did when facts held the str."""

    deflated: bytes

    @classmethod
    def of(cls, text: str) -> PackedText:
        return cls(zlib.compress(text.encode(), _LEVEL))

    def text(self) -> str:
        return zlib.decompress(self.deflated).decode()

    def __bool__(self) -> bool:
        return self.deflated != _EMPTY

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.is_instance_schema(
            cls, serialization=core_schema.plain_serializer_function_ser_schema(lambda packed: packed.text()))


_EMPTY = zlib.compress(b"", _LEVEL)
