"""Readers: every input kind, encodings, and bad inputs accounted for as Skipped."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from storydiff.model import RawDocument, Skipped
from storydiff.read import read_inputs
from storydiff.read.jsonl import read_stdin

BAD_DIR = Path(__file__).parent / "fixtures" / "bad"

BODY = (
    "The harbour board of Quillport voted on Thursday to close the old ferry pier for repairs. "
    "Board chair Odile Fenwick said the work would take eleven weeks and cost about 2 million crowns."
)
PAGE = f"""<html><head><title>Quillport closes ferry pier | The Quill Courier</title>
<meta property="og:site_name" content="The Quill Courier"><meta name="author" content="Bram Tolle">
<meta property="article:published_time" content="2024-05-02T09:00:00+01:00"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Quillport closes ferry pier</h1>
<p>{BODY}</p><h2>What changes for passengers</h2>
<p>Ferries will dock at the north quay until the repairs end, the board said in a statement on its website.</p>
</article></body></html>"""


def read(*paths) -> list[RawDocument | Skipped]:
    return list(read_inputs([str(p) for p in paths]))


def test_text_file(tmp_path):
    (tmp_path / "pier-story.txt").write_text(BODY, encoding="utf-8")
    [doc] = read(tmp_path / "pier-story.txt")
    assert doc.id == "pier-story" and doc.text == BODY


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_encodings_are_detected(tmp_path, encoding):
    text = "Café owner Renée Dufôret said the pier “was never safe” for façade work. " * 3
    if encoding == "latin-1":
        text = text.replace("“", '"').replace("”", '"')
    (tmp_path / "enc.txt").write_bytes(text.encode(encoding))
    [doc] = read(tmp_path / "enc.txt")
    assert doc.text == text


def test_html_file_keeps_paragraphs_headings_and_metadata(tmp_path):
    (tmp_path / "pier.html").write_text(PAGE, encoding="utf-8")
    [doc] = read(tmp_path / "pier.html")
    assert doc.title == "Quillport closes ferry pier"
    assert doc.author == "Bram Tolle"
    assert doc.outlet == "The Quill Courier" and doc.outlet_source == "site name"
    assert doc.published == "2024-05-02T09:00:00+01:00"
    assert BODY in doc.text.split("\n\n")
    assert "What changes for passengers" in doc.headings


def test_jsonl_records_ids_and_line_numbers(tmp_path):
    lines = [
        json.dumps({"id": "q-1", "text": BODY, "outlet": "Quill Courier", "published": "2024-05-02"}),
        json.dumps({"text": BODY, "title": "Pier closes"}),
        "",
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"html": PAGE, "url": "https://quill.example/pier"}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = read(tmp_path / "feed.jsonl")
    assert [i.id for i in items if isinstance(i, RawDocument)] == ["q-1", "feed-2", "feed-6"]
    assert items[0].outlet == "Quill Courier" and items[0].outlet_source == "record"
    reasons = [i.reason for i in items if isinstance(i, Skipped)]
    assert reasons[0].startswith("line 4: invalid JSON (")
    assert reasons[1].startswith("line 5: record has no text")
    assert items[-1].url == "https://quill.example/pier" and BODY in items[-1].text


def test_json_file_one_record_list_and_basil(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": BODY}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"text": BODY}, {"id": "x", "text": BODY}]), encoding="utf-8")
    basil = {
        "source": "nyt", "title": "Pier Closes", "date": "2024-05-02", "uuid": "u-123", "triplet-uuid": "t-9",
        "body-paragraphs": [["QUILLPORT — The pier closed.", "Repairs start soon."], ["Ferries move north."]],
    }
    (tmp_path / "basil.json").write_text(json.dumps(basil), encoding="utf-8")
    by_id = {d.id: d for d in read(tmp_path)}
    assert set(by_id) == {"one", "many-1", "x", "u-123"}
    b = by_id["u-123"]
    assert b.text == "QUILLPORT — The pier closed. Repairs start soon.\n\nFerries move north."
    assert (b.title, b.published, b.outlet) == ("Pier Closes", "2024-05-02", "The New York Times")


def test_gzip_jsonl_and_truncation(tmp_path):
    data = "\n".join(json.dumps({"id": f"g{i}", "text": BODY}) for i in range(200)).encode()
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(data))
    assert [d.id for d in read(tmp_path / "feed.jsonl.gz")][:2] == ["g0", "g1"]
    (tmp_path / "cut.gz").write_bytes(gzip.compress(data)[:300])
    items = read(tmp_path / "cut.gz")
    assert isinstance(items[-1], Skipped) and items[-1].reason == "truncated gzip stream"


def test_warc_html_responses(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, ctype, body in [
            ("https://quill.example/pier", "text/html; charset=utf-8", PAGE.encode()),
            ("https://quill.example/logo.png", "image/png", b"\x89PNG\x00\x00"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    [doc] = read(path)
    assert doc.id == "crawl-1" and doc.url == "https://quill.example/pier"
    assert doc.title == "Quillport closes ferry pier"


def test_stdin_json_lines():
    stream = io.BytesIO((json.dumps({"text": BODY}) + "\n" + "oops\n").encode())
    items = list(read_stdin(stream))
    assert items[0].id == "stdin-1" and items[0].source_path == "-"
    assert isinstance(items[1], Skipped) and items[1].reason.startswith("line 2: invalid JSON")


def test_bad_inputs_are_skipped_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a> <a href='/s'>Sport</a></nav></body></html>")
    (tmp_path / "notes.xyz").write_text("something")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "good.txt").write_text(BODY)
    reasons = {Path(i.source_path).name: i.reason for i in read(tmp_path) if isinstance(i, Skipped)}
    assert reasons == {
        "empty.txt": "empty file",
        "photo.txt": "binary file, not text",
        "nav.html": "no article text found in the HTML page",
        "notes.xyz": "unsupported file type .xyz",
    }
    assert read(tmp_path / "missing.txt")[0].reason == "no such file or folder"


def test_shared_bad_fixtures():
    if not BAD_DIR.is_dir():
        pytest.skip("tests/fixtures/bad is not written yet")
    items = read(BAD_DIR)
    reasons = {Path(i.source_path).name: i.reason for i in items if isinstance(i, Skipped)}
    expected = {"empty.txt": "empty file", "image.txt": "binary file, not text",
                "broken.jsonl.gz": "truncated gzip stream", "nav-only.html": "no article text found in the HTML page"}
    for name, reason in expected.items():
        if (BAD_DIR / name).exists():
            assert reasons[name] == reason
    if (BAD_DIR / "bad.jsonl").exists():
        assert reasons["bad.jsonl"].startswith("line ") and "invalid JSON" in reasons["bad.jsonl"]


def test_parquet_rows_like_json_records(tmp_path):
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "id": ["q-1", None, None],
        "title": ["Pier closes", None, "no body"],
        "text": [BODY, BODY, None],
        "source": ["Quill Courier", None, None],
        "published": [dt.date(2024, 5, 2), None, None],
    })
    pq.write_table(table, tmp_path / "rows.parquet", row_group_size=2)  # rows span two row groups
    items = read(tmp_path / "rows.parquet")
    assert [i.id for i in items if isinstance(i, RawDocument)] == ["q-1", "rows-2"]
    first = items[0]
    assert (first.text, first.title, first.outlet, first.outlet_source) == (BODY, "Pier closes", "Quill Courier", "record")
    assert first.published == "2024-05-02"
    assert isinstance(items[2], Skipped) and items[2].reason.startswith("row 3: record has no text")


def test_parquet_bad_and_empty_files(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "fake.parquet").write_text("not parquet at all")
    pq.write_table(pa.table({"text": pa.array([], pa.string())}), tmp_path / "empty.parquet")
    reasons = {Path(i.source_path).name: i.reason for i in read(tmp_path) if isinstance(i, Skipped)}
    assert reasons["fake.parquet"].startswith("not a readable Parquet file")
    assert reasons["empty.parquet"] == "empty file"
