"""A folder that mixes good invented articles with every hostile input of issue 17, and
the check of what ``storydiff analyze`` made of it.

Everything is generated (no large file is stored). ``scale="full"`` builds the issue's
sizes (a 200 MB JSON line, a gzip that inflates to 2 GB, a sparse 1 GB file, a 10 MB
one-line HTML page, 100,000 nested divs): ``benchmarks/bench_hostile.py`` runs on it
and measures peak memory. ``scale="small"`` keeps every case past the default limits at a
size a test can afford (tests/test_hostile.py runs the CLI on it).

The articles, outlets and places are invented.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

# two invented events, three outlets each, so that the run finds stories to compare
EVENTS = {
    "bridge": [
        "The Tarrow bridge in Pellham was closed on Tuesday after engineers found cracks in two of its piers, "
        "the Pellham roads office said. Works director Anselm Rooke said repairs would take six weeks.",
        "Engineers shut the Tarrow bridge on Tuesday when they found cracks in its piers, according to the roads "
        "office of Pellham. Anselm Rooke, who runs the works, expects six weeks of repairs.",
        "Pellham's Tarrow bridge will stay closed for about six weeks, works director Anselm Rooke said on "
        "Tuesday, after cracks were found in two piers.",
    ],
    "harvest": [
        "Growers in the Vendry valley picked 40 percent fewer apples this year after a late frost, the Vendry "
        "Growers Cooperative said on Friday. Its chair Lusa Marrow called it the worst harvest in a decade.",
        "A late frost cut the Vendry valley apple harvest by 40 percent, said Lusa Marrow, chair of the Vendry "
        "Growers Cooperative, on Friday. She said it was the worst year in ten.",
        "Apple growers of the Vendry valley lost about 40 percent of their crop to frost this year, according "
        "to the growers' cooperative, which met on Friday.",
    ],
}
OUTLETS = ["Pellham Courier", "Vendry Weekly", "Southmarch Post"]

# text that must come out intact, one per legacy or Unicode encoding
INTACT = {
    "latin1.txt": ("latin-1", "A câmara de São Tomé aprovou ontem a reforma da praça, disse a vereadora Inês Araújo."),
    "cp1252.txt": ("cp1252", "Le maire a dit « c’est fini » : la façade coûtera 40 000 € — un record pour Évreuil."),
    "utf16.txt": ("utf-16", "Die Bürgermeisterin von Großkarlbach sagte, die Brücke über die Süd-Lauter sei geöffnet."),
    "utf8-stray-byte.txt": ("utf-8", "El alcalde de Villanúa inauguró el puente después de años de obras, según la señora Ibáñez."),
}

SCALES = {
    # name: (huge JSON line, bomb inflated, sparse file, one-line HTML, nested divs)
    "full": (200_000_000, 2 * 1024**3, 1024**3, 10_000_000, 100_000),
    "small": (20_000_000, 100_000_000, 1024**3, 3_000_000, 50_000),
}


@dataclass
class Expected:
    """What the run must give: the good articles' ids, the texts that must be intact, and
    for each hostile input, whether it is kept (with a note in ``removed``) or skipped."""

    good_ids: set[str] = field(default_factory=set)
    intact: dict[str, str] = field(default_factory=dict)  # file name -> sentence
    kept_with_note: set[str] = field(default_factory=set)  # file names
    kept: set[str] = field(default_factory=set)  # file names kept (maybe with some records skipped)
    skipped: set[str] = field(default_factory=set)  # file names skipped whole or in part


def build(folder: Path, scale: str = "small") -> Expected:
    huge_line, bomb_bytes, sparse_bytes, html_line, nesting = SCALES[scale]
    folder.mkdir(parents=True, exist_ok=True)
    expected = Expected()
    # --- good articles: JSON lines and plain text files
    records = []
    for event, texts in EVENTS.items():
        for i, (text, outlet) in enumerate(zip(texts, OUTLETS)):
            records.append({"id": f"{event}-{i}", "outlet": outlet, "published": "2025-09-0" + str(i + 1), "text": text})
    (folder / "good.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    expected.good_ids |= {r["id"] for r in records}
    expected.kept.add("good.jsonl")
    for name, (encoding, sentence) in INTACT.items():
        body = f"{sentence}\n\n{EVENTS['bridge'][0]}"
        if encoding == "utf-16":
            data = codecs.BOM_UTF16_LE + body.encode("utf-16-le")
        elif name == "utf8-stray-byte.txt":
            data = body.encode("utf-8").replace(b"Tarrow bridge", b"Tarrow\xff bridge", 1)
        else:
            data = body.encode(encoding)
        (folder / name).write_bytes(data)
        expected.good_ids.add(Path(name).stem)
        expected.intact[name] = sentence
    (folder / "controls.txt").write_text(EVENTS["harvest"][2].replace("crop", "cr\x07op\x1b") + "\n", encoding="utf-8")
    expected.good_ids.add("controls")
    expected.kept_with_note.add("controls.txt")
    expected.kept_with_note.add("utf8-stray-byte.txt")

    # --- an oversized article: one JSON line of ``huge_line`` bytes
    sentence = EVENTS["harvest"][0] + " "
    with (folder / "huge-line.jsonl").open("w", encoding="utf-8") as out:
        out.write('{"id": "huge", "outlet": "Southmarch Post", "text": "')
        block = sentence * (1_000_000 // len(sentence))
        for _ in range(huge_line // len(block) + 1):
            out.write(block)
        out.write('"}\n')
    expected.kept_with_note.add("huge-line.jsonl")

    # --- archives: a decompression bomb, a gzip inside a gzip, a truncated gzip
    with gzip.open(folder / "bomb.jsonl.gz", "wb", compresslevel=9) as out:
        zeros = b"\0" * (1 << 24)
        for _ in range(bomb_bytes // len(zeros)):
            out.write(zeros)
    expected.skipped.add("bomb.jsonl.gz")
    (folder / "nested.jsonl.gz").write_bytes(gzip.compress(gzip.compress(b'{"text": "x"}\n')))
    expected.skipped.add("nested.jsonl.gz")
    feed = "".join(json.dumps({"id": f"t{i}", "text": EVENTS["bridge"][1] + f" Note {i}."}) + "\n" for i in range(60))
    packed = gzip.compress(feed.encode())
    (folder / "truncated.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    expected.skipped.add("truncated.jsonl.gz")
    expected.kept.add("truncated.jsonl.gz")

    # --- not text, or too much of it
    (folder / "random.txt").write_bytes(random.Random(17).randbytes(100_000))
    expected.skipped.add("random.txt")
    with (folder / "sparse.txt").open("wb") as out:
        out.truncate(sparse_bytes)
    expected.skipped.add("sparse.txt")
    (folder / "empty.txt").write_bytes(b"")
    expected.skipped.add("empty.txt")
    paragraph = f"<p>{EVENTS['bridge'][2]}</p>"
    page = "<html><head><title>Tarrow bridge</title></head><body><article>" + paragraph
    filler = "<span>Pellham roads office notice.</span>" * (html_line // 40)
    (folder / "one-line.html").write_text(page + filler + "</article></body></html>", encoding="utf-8")
    expected.kept.add("one-line.html")
    expected.good_ids.add("one-line")
    (folder / "nested-divs.html").write_text("<div>" * nesting + paragraph + "</div>" * nesting, encoding="utf-8")
    expected.good_ids.add("nested-divs")
    expected.kept.add("nested-divs.html")

    # --- records: wrong field types, nesting too deep, invalid JSON, a WARC that lies
    odd = [
        {"id": "typed", "text": EVENTS["harvest"][1], "title": ["a", "list"], "published": 20250903, "outlet": {"x": 1}},
        {"id": "no-text", "text": 42},
        [1, 2, 3],
    ]
    lines = [json.dumps(r) for r in odd] + ["[" * 100_000 + "]" * 100_000, '{"id": "broken", "text": "unterminated']
    (folder / "odd-records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected.good_ids.add("typed")
    expected.kept.add("odd-records.jsonl")
    expected.skipped.add("odd-records.jsonl")
    article = f"<html><body><article>{paragraph}{paragraph}</article></body></html>".encode()
    (folder / "lying.warc").write_bytes(
        warc_record("https://pellham.example/a", article) + warc_record("https://pellham.example/b", article, 40)
    )
    expected.kept.add("lying.warc")
    expected.skipped.add("lying.warc")
    return expected


def warc_record(url: str, body: bytes, length: int | None = None) -> bytes:
    """One WARC response record of an HTML page; ``length`` sets a Content-Length that
    lies about it (tests/test_hostile.py uses it too)."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    headers = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url))}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {length if length is not None else len(http)}\r\n\r\n"
    )
    return headers.encode() + http + b"\r\n\r\n"


def check(folder: Path, expected: Expected, report: dict, exit_code: int) -> list[str]:
    """What is wrong with the run (an empty list when all is well)."""
    problems = []
    documents = report.get("documents", [])
    skipped = report.get("skipped", [])
    ids = {d["id"] for d in documents}
    by_file: dict[str, list[dict]] = {}
    for d in documents:
        by_file.setdefault(Path(d["source_path"]).name, []).append(d)
    skipped_files = {Path(s["source_path"]).name for s in skipped}
    if missing := expected.good_ids - ids:
        problems.append(f"good articles missing: {sorted(missing)}")
    for name, sentence in expected.intact.items():
        texts = [d["text"] for d in by_file.get(name, [])]
        if not any(sentence in t for t in texts):
            problems.append(f"{name}: text not intact: {texts[0][:120] if texts else 'no document'}")
    for name in expected.kept_with_note:
        docs = by_file.get(name, [])
        if not docs or not all(d["removed"] for d in docs):
            problems.append(f"{name}: not kept with a note in removed")
    for name in expected.kept:
        if name not in by_file:
            problems.append(f"{name}: nothing kept")
    for name in expected.skipped:
        if name not in skipped_files:
            problems.append(f"{name}: not in skipped")
    for s in skipped:
        if not s["reason"].strip() or "\n" in s["reason"]:
            problems.append(f"{s['source_path']}: no one-line reason")
    for file in sorted(p.name for p in folder.iterdir()):
        if file not in by_file and file not in skipped_files:
            problems.append(f"{file}: not accounted for")
    failed = [s["id"] for s in report.get("stories", []) if s.get("errors")]
    want = 3 if failed else 0
    if exit_code != want:
        problems.append(f"exit status {exit_code}, expected {want} ({len(failed)} stories failed)")
    if not report.get("stories"):
        problems.append("no stories")
    return problems


def file_sizes(folder: Path) -> dict[str, int]:
    return {p.name: os.stat(p).st_size for p in sorted(folder.iterdir())}
