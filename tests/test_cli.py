"""The command line: outputs, exit codes and one-line errors (run as a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "fixtures" / "bad"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "storydiff", *args], input=stdin, capture_output=True, text=True, timeout=600
    )


def test_version_and_schema():
    assert run("--version").stdout.startswith("storydiff ")
    schema = json.loads(run("schema").stdout)
    for field in ("documents", "duplicate_groups", "stories", "skipped"):
        assert field in schema["properties"]


def test_missing_input_is_one_line_error():
    result = run("analyze", "no/such/folder")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no/such/folder" in result.stderr and "Traceback" not in result.stderr


def test_nothing_readable_fails_with_one_line(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    result = run("analyze", str(tmp_path))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("storydiff: error")]
    assert len(errors) == 1 and "Traceback" not in result.stderr
    assert "empty.txt" in errors[0] or "blob.txt" in errors[0]


def test_bad_inputs_are_skipped_with_reasons_and_the_rest_analysed(tmp_path):
    if not BAD.is_dir():
        pytest.skip("tests/fixtures/bad is not written yet")
    out = tmp_path / "report.json"
    result = run("analyze", str(BAD), "--json", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(out.read_text())
    skipped = {Path(s["source_path"]).name: s["reason"] for s in report["skipped"]}
    for name in ("empty.txt", "image.txt", "nav-only.html"):
        assert name in skipped and skipped[name], name
    assert any(".gz" in name for name in skipped), skipped
    assert any("JSON" in reason for reason in skipped.values()), skipped
    assert report["documents"], "the readable files must still be analysed"
    # every input file is accounted for: a document, a skipped entry, or a record of one of them
    accounted = {Path(d["source_path"]).name for d in report["documents"]} | set(skipped)
    assert {p.name for p in BAD.iterdir() if not p.name.startswith(".")} <= accounted


def test_stdin_json_lines_and_stdout_json():
    lines = "\n".join(
        json.dumps({"id": f"r{i}", "outlet": "The Lakeside Courier", "title": f"Ferry timetable change {i}",
                    "text": "The harbour board of Port Elmwick said on Monday that the winter ferry timetable "
                            f"will add {i + 2} crossings a day from next month. Travellers welcomed the change."})
        for i in range(2)
    )
    result = run("analyze", "-", stdin=lines)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert sorted(d["id"] for d in report["documents"]) == ["r0", "r1"]
    assert all(d["outlet"] == "The Lakeside Courier" for d in report["documents"])


def test_writes_all_three_formats(tmp_path, demo_dir):
    paths = {kind: tmp_path / f"r.{kind}" for kind in ("json", "html", "md")}
    result = run("analyze", str(demo_dir), "--json", str(paths["json"]), "--html", str(paths["html"]),
                 "--markdown", str(paths["md"]))
    assert result.returncode == 0, result.stderr
    report = json.loads(paths["json"].read_text())
    assert len(report["stories"]) >= 2
    assert paths["html"].read_text().lstrip().lower().startswith("<!doctype html")
    assert paths["md"].read_text().startswith("#")


def test_json_alone_is_streamed_story_by_story_to_the_same_text(tmp_path, demo_dir, demo_report):
    from storydiff.report import to_json

    path = tmp_path / "streamed.json"
    result = run("analyze", str(demo_dir), "--json", str(path))
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == to_json(demo_report)
    assert f"{len(demo_report.stories)} stories" in result.stderr
    assert not list(tmp_path.glob("*.partial"))


def test_a_stream_that_fails_leaves_no_report(tmp_path, demo_report):
    from storydiff.report import to_json, write_json_stream

    header = demo_report.model_copy(update={"stories": []})

    def failing():
        yield demo_report.stories[0]
        raise RuntimeError("the analysis stopped")

    path = tmp_path / "r.json"
    with pytest.raises(RuntimeError):
        write_json_stream(header, failing(), path)
    assert not list(tmp_path.iterdir())
    write_json_stream(header, iter([]), path)  # no story at all: the header's own text
    assert path.read_text(encoding="utf-8") == to_json(header)
