"""The open-data writer's JSON is byte for byte what `json.dumps(…, ensure_ascii=False,
indent=1)` gives, for every kind of value the exports hold and for those they do not."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.load import YamlInt
from generator.render.jsonout import dumps, write_document


def _reference(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(), st.sampled_from(["", "孝感市 › 孝南区", "a\nb\u2028c\x00\x1f\"\\", "\ud7ff😀"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.tuples(children, children),
        st.dictionaries(st.text(max_size=5), children, max_size=4),
        st.dictionaries(st.one_of(st.integers(), st.booleans(), st.none()), children, max_size=3),
    ),
    max_leaves=30,
)


@given(VALUES)
def test_any_value_is_encoded_as_json_dumps_does(value):
    assert dumps(value) == _reference(value)


@given(st.dictionaries(st.text(max_size=5).filter(lambda key: key != "items"), VALUES, max_size=4),
       st.lists(VALUES, max_size=5))
def test_a_document_written_in_pieces_is_the_whole_dumped(head, items):
    stream = io.StringIO()
    write_document(stream, head, "items", iter(items))
    assert stream.getvalue() == _reference({**head, "items": items}) + "\n"


def test_number_subclasses_and_empty_containers():
    value = {"rank": YamlInt("07"), "e": [], "d": {}, "n": [[], {}, [[]]], "f": 1e-7, "big": 10**30}
    assert dumps(value) == _reference(value)


def test_what_json_refuses_is_refused():
    with pytest.raises(TypeError):
        dumps({"amount": Decimal("1.5")})
