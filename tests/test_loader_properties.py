"""Property tests: whatever bytes an editor saves, the loader raises only YamlFileError, and
`gongshi validate` ends with exit status 0 or 1 and a message, never a traceback."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REGIONS_YAML, REPO, VALID_TENDER
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_malformed import PENALTY_PATH, TENDER_PATH, VALID

from generator.cli import main
from generator.load import YamlFileError, decode_text, parse_yaml

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- (a) the loader alone -----------------------------------------------------------------------

YAML_CHARACTERS = list(
    "abcxyz019 \n\t:-?[]{},&*!|>'\"#%@`.+_~<=\\/\r\x00\x07\x85\u2028\ufeff中文号"
)
yamlish_text = st.text(alphabet=st.sampled_from(YAML_CHARACTERS), max_size=200)
numberish_text = st.one_of(
    st.text(alphabet="0123456789._eE+-", min_size=1, max_size=30),
    st.integers(1, 6000).map(lambda digits: "9" * digits),
    st.integers(0, 10**30).map(lambda exponent: f"1e{exponent}"),
)


def load_only_yaml_errors(text: str) -> None:
    try:
        parse_yaml(text)
    except YamlFileError as exc:
        assert exc.message
        assert exc.rule


@FAST
@given(st.text(max_size=300))
def test_any_text_parses_or_raises_yaml_file_error(text):
    load_only_yaml_errors(text)


@FAST
@given(yamlish_text)
def test_yaml_like_text_parses_or_raises_yaml_file_error(text):
    load_only_yaml_errors(text)


@FAST
@given(numberish_text)
def test_number_like_scalars_parse_or_raise_yaml_file_error(text):
    load_only_yaml_errors(f"budget: {text}\n")


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_yaml_file_error(raw):
    try:
        text = decode_text(raw)
    except YamlFileError as exc:
        assert exc.rule in ("file-binary", "file-encoding")
        assert exc.line is not None
        return
    load_only_yaml_errors(text)


@FAST
@given(
    st.text(alphabet=st.sampled_from(YAML_CHARACTERS), max_size=100),
    st.sampled_from(["utf-8", "gb18030", "utf-16"]),
)
def test_encoded_text_decodes_or_raises_yaml_file_error(text, encoding):
    try:
        decoded = decode_text(text.encode(encoding))
    except YamlFileError:
        return
    load_only_yaml_errors(decoded)


# --- (b) whole documents through `gongshi validate` ------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**17, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.text(max_size=30),
    numberish_text,
    st.sampled_from(["tender", "amendment", "candidates", "award", "termination", "penalty", "fine",
                     "company", "person", "construction", "open", "420902", "429004", "", " ",
                     "91350100M000100Y43", "XN-GC-2026-001", "XN-GC-2026-001-ZB", "../x", "https://a.cn/x",
                     "13812345678", "420984198512035612", "4209**********123X"]),
    st.dates().map(str),
    st.datetimes().map(lambda moment: moment.isoformat(sep=" ")),
)
keys = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["type", "title", "region", "published", "project", "code", "name", "uscc",
                     "rank", "amount", "kind", "until", "file", "url", "time", "<<"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=4),
    ),
    max_leaves=20,
)
documents = st.one_of(values, st.dictionaries(keys, values, max_size=8))

BASES: dict[str, Any] = {path: yaml.safe_load(text) for path, text in VALID.items()}
BASES[TENDER_PATH]["attachments"] = [
    {"title": "招标文件", "file": "zb.pdf"},
    {"title": "图纸", "url": "https://example.cn/tz.pdf"},
]


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """The valid folder, written once; each example swaps files in and restores them."""
    data = tmp_path_factory.mktemp("properties") / "data"
    (data / "files").mkdir(parents=True)
    (data / "files" / "zb.pdf").write_bytes(b"%PDF-1.4")
    (data / "regions.yaml").write_text(REGIONS_YAML, encoding="utf-8")
    for rel, content in VALID.items():
        write(data / "notices" / rel, content)
    return data


def run_validate(data: Path, files: dict[str, str | bytes]) -> tuple[int, str]:
    """`gongshi validate` on the valid folder with `files` replacing or adding notices."""
    try:
        for rel, content in files.items():
            write(data / "notices" / rel, content)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--config", str(REPO / "mkdocs.yml"), "validate", "--data", str(data)])
    finally:
        for rel in files:
            if rel in VALID:
                write(data / "notices" / rel, VALID[rel])
            else:
                (data / "notices" / rel).unlink()
    return code, out.getvalue() + err.getvalue()


def assert_no_crash(data: Path, files: dict[str, str | bytes]) -> None:
    code, output = run_validate(data, files)
    assert code in (0, 1), output
    assert "Traceback" not in output
    assert "已检查" in output  # the summary line, in the site's language


def dump(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@FAST
@given(documents)
def test_generated_documents_never_crash_validate(data, document):
    assert_no_crash(data, {"2026/420902/GEN-0001.yaml": dump(document)})


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths_of(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths_of(child, (*prefix, index))
    return found


def mutate(document: Any, path: tuple[Any, ...], action: str, new: Any) -> Any:
    """A copy of `document` with the value at `path` dropped, replaced or given a sibling."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    copy = dict(document) if isinstance(document, dict) else list(document)
    if rest:
        copy[head] = mutate(copy[head], rest, action, new)
    elif action == "drop":
        del copy[head]
    elif action == "replace":
        copy[head] = new
    elif isinstance(copy, dict):
        copy[f"{head}_x"] = new
    else:
        copy.append(new)
    return copy


@st.composite
def mutated_notices(draw: st.DrawFn) -> tuple[str, Any]:
    rel = draw(st.sampled_from(sorted(BASES)))
    base = BASES[rel]
    path = draw(st.sampled_from(paths_of(base)))
    action = draw(st.sampled_from(["drop", "replace", "add"]))
    return rel, mutate(base, path, action, draw(values))


@FAST
@given(mutated_notices())
def test_mutated_notices_never_crash_validate(data, mutation):
    rel, document = mutation
    assert_no_crash(data, {rel: dump(document)})


@st.composite
def edited_text(draw: st.DrawFn) -> str:
    """VALID_TENDER with a few characters inserted, deleted or replaced."""
    text = VALID_TENDER
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        inserted = draw(st.text(alphabet=st.sampled_from(YAML_CHARACTERS), max_size=3))
        removed = draw(st.integers(0, 3))
        text = text[:at] + inserted + text[at + removed:]
    return text


@FAST
@given(edited_text())
def test_edited_text_never_crashes_validate(data, text):
    assert_no_crash(data, {TENDER_PATH: text})


TENDER_LINES = VALID_TENDER.splitlines()
VALUE_LINES = [index for index, line in enumerate(TENDER_LINES) if ": " in line]


@FAST
@given(st.sampled_from(VALUE_LINES), st.one_of(numberish_text, yamlish_text, scalars.map(str)))
def test_any_plain_value_in_any_field_never_crashes_validate(data, index, value):
    """Each `key: value` line of the tender with its value replaced by arbitrary text."""
    lines = list(TENDER_LINES)
    key = lines[index].split(": ", 1)[0]
    lines[index] = f"{key}: {value}"
    assert_no_crash(data, {TENDER_PATH: "\n".join(lines) + "\n"})


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_validate(data, raw):
    assert_no_crash(data, {PENALTY_PATH: raw})


def test_unmodified_bases_are_valid(data):
    code, output = run_validate(data, {})
    assert code == 0, output
