"""Property-based fuzzing of the readers and of cleaning (issue 17): whatever the bytes,
reading never raises and accounts for the input; cleaning never raises."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings as fuzz_settings, strategies as st  # noqa: E402

from storydiff.model import RawDocument, Skipped  # noqa: E402
from storydiff.pipeline import clean_or_skip  # noqa: E402
from storydiff.read import read_inputs  # noqa: E402
from storydiff.read.long_records import CUT_MARK, cut_long_strings  # noqa: E402
from storydiff.settings import Settings  # noqa: E402

LIMITS = Settings(max_file_bytes=4096, max_record_bytes=2048, max_document_chars=1500)
FUZZ = fuzz_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# bytes that look like text often enough to reach past the binary check
TEXTISH = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=1500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=1500).map(lambda t: t.encode("latin-1")),
    st.lists(st.sampled_from([b"{", b"}", b'"text"', b":", b'"', b"\n", b"\xff", b"\x00", b"<div>", b"<p>",
                              b"The pier closes. ", b"[", b"]", b",", b"\xef\xbb\xbf"]), max_size=200).map(b"".join),
)


def _read_and_clean(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(read_inputs([path], LIMITS))
        assert items, "every input is accounted for"
        for item in items:
            assert isinstance(item, (RawDocument, Skipped))
            if isinstance(item, Skipped):
                assert item.reason and "\n" not in item.reason
            else:
                cleaned = clean_or_skip(item, LIMITS)
                if not isinstance(cleaned, Skipped):
                    assert len(cleaned.text) <= LIMITS.max_document_chars


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl", "a.json", "a.html"])
@FUZZ
@given(data=TEXTISH)
def test_readers_never_raise(name, data):
    _read_and_clean(name, data)


@FUZZ
@given(data=TEXTISH, cut=st.integers(min_value=0, max_value=4000))
def test_gzip_readers_never_raise(data, cut):
    compressed = gzip.compress(data)
    _read_and_clean("a.jsonl.gz", compressed[: cut or None])
    _read_and_clean("a.warc.gz", compressed[: cut or None])


@FUZZ
@given(text=st.text(max_size=3000), title=st.one_of(st.none(), st.text(max_size=200)))
def test_cleaning_never_raises(text, title):
    raw = RawDocument(id="x", source_path="x", text=text, title=title)
    cleaned = clean_or_skip(raw, LIMITS)
    assert isinstance(cleaned, Skipped) or len(cleaned.text) <= LIMITS.max_document_chars


KEYS = st.text(alphabet="abcdefghij_-", max_size=8)  # keys are not what is cut: short ones
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=1500),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=20,
)


def _unmarked_prefix_of(cut, original) -> bool:
    """Each string of ``cut`` is its original, or (marked with CUT_MARK) a prefix of it."""
    if isinstance(original, str):
        return cut == original or (cut.endswith(CUT_MARK) and original.startswith(cut[:-1]))
    if isinstance(original, list):
        return len(cut) == len(original) and all(_unmarked_prefix_of(c, o) for c, o in zip(cut, original))
    if isinstance(original, dict):
        return list(cut) == list(original) and all(_unmarked_prefix_of(cut[k], original[k]) for k in original)
    return cut == original


@FUZZ
@given(record=st.dictionaries(KEYS, JSON_VALUES, max_size=6), limit=st.integers(1000, 6000),
       ensure_ascii=st.booleans(), piece=st.integers(1, 700))
def test_cutting_long_strings_keeps_valid_json(record, limit, ensure_ascii, piece):
    """Whatever the record and wherever the pieces break it, the cut record is valid JSON
    whose strings are the original's or marked prefixes of them, within the limit's slack;
    or it is given up with a reason."""
    data = json.dumps(record, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")
    cut = cut_long_strings((data[i : i + piece] for i in range(0, len(data), piece)), limit)
    if cut.problem:
        assert len(data) > limit
        return
    assert len(cut.json) <= max(len(data), limit + limit // 16 + 64)
    assert _unmarked_prefix_of(json.loads(cut.json.decode("utf-8", "surrogatepass")), record)
