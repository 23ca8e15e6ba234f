"""The open-data JSON writer: whatever it writes in pieces is the same document as the whole,
one record per line."""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from generator.load import YamlInt
from generator.render.jsonout import write_document

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
    st.text(), st.sampled_from(["", "孝感市 › 孝南区", "a\nb\u2028c\x00\x1f\"\\", "\ud7ff😀"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=5), children, max_size=4),
    ),
    max_leaves=30,
)


def _written(head: dict, items: list) -> str:
    stream = io.StringIO()
    write_document(stream, head, "items", iter(items))
    return stream.getvalue()


@given(st.dictionaries(st.text(max_size=5).filter(lambda key: key != "items"), VALUES, max_size=4),
       st.lists(VALUES, max_size=5))
def test_a_document_written_in_pieces_reads_back_whole(head, items):
    assert json.loads(_written(head, items)) == {**head, "items": items}


def test_each_record_is_one_line_and_chinese_stays_readable():
    items = [{"title": "孝感市 道路\n工程", "n": YamlInt("07")}, {"title": "二"}, {}]
    text = _written({"version": 1}, items)
    lines = text.splitlines()
    assert lines[0] == '{"version":1,'
    assert lines[1] == '"items":['
    assert [json.loads(line.rstrip(",")) for line in lines[2:5]] == [
        {"title": "孝感市 道路\n工程", "n": 7}, {"title": "二"}, {}]
    assert lines[5:] == ["]}"]
    assert "孝感市" in text and text.endswith("\n")


def test_an_empty_list():
    assert json.loads(_written({}, [])) == {"items": []}
