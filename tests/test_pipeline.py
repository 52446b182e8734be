"""End to end through ``storydiff.analyze``: the seeds (read at run time) and the demo corpus."""

from __future__ import annotations

import re

from storydiff import analyze
from storydiff.model import Report


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _sentences(text: str) -> list[str]:
    """Sentences of a raw file: lines first (a caption line has no final stop), then stops."""
    return [
        s
        for line in text.splitlines()
        for s in re.split(r"(?<=[.!?\u201d\"])\s+", _norm(line))
        if len(s) > 30
    ]


def _by_id(report: Report):
    return {d.id: d for d in report.documents}


def test_seeds_copies_and_one_story(seeds_report, seeds_gold):
    groups = [sorted(g.members) for g in seeds_report.duplicate_groups]
    assert groups == [sorted(g) for g in seeds_gold["duplicates"]]
    stories = [sorted(s.documents) for s in seeds_report.stories]
    assert stories == [sorted(s) for s in seeds_gold["stories"]]


def test_seeds_metadata(seeds_report, seeds_gold):
    docs = _by_id(seeds_report)
    for doc_id, expected in seeds_gold["documents"].items():
        for field in ("title", "outlet", "author", "dateline"):
            if field in expected:
                assert getattr(docs[doc_id], field) == expected[field], (doc_id, field)
        if "title" in expected:
            assert _norm(docs[doc_id].text).count(expected["title"]) == 0 or not docs[doc_id].text.startswith(
                expected["title"]
            ), f"{doc_id}: the title is repeated at the top of the body"


def test_seeds_no_body_sentence_lost(seeds_report, seeds_dir):
    docs = _by_id(seeds_report)
    for path in sorted(seeds_dir.glob("*.txt")):
        doc = docs[path.stem]
        kept = _norm(doc.text) + " " + " ".join(_norm(r.text) for r in doc.removed)
        kept += " " + _norm(doc.title or "")
        for sentence in _sentences(path.read_text(encoding="utf-8")):
            # a sentence may straddle a removed piece and the text; compare on its first 40 characters
            assert sentence[:40] in kept, (path.name, sentence[:60])


def test_every_input_is_accounted_for(seeds_report, seeds_dir):
    accounted = {d.source_path for d in seeds_report.documents} | {s.source_path for s in seeds_report.skipped}
    assert {str(p) for p in seeds_dir.iterdir()} <= accounted


def test_copies_point_to_their_canonical(seeds_report):
    docs = _by_id(seeds_report)
    for group in seeds_report.duplicate_groups:
        assert group.canonical in group.members
        for member in group.members:
            assert docs[member].duplicate_of == (None if member == group.canonical else group.canonical)


def test_demo_corpus_copies_and_stories(demo_report, demo_gold):
    groups = sorted(sorted(g.members) for g in demo_report.duplicate_groups)
    assert groups == sorted(sorted(g) for g in demo_gold["duplicates"])
    stories = sorted(sorted(s.documents) for s in demo_report.stories)
    assert stories == sorted(sorted(s) for s in demo_gold["stories"])


def test_analyze_accepts_a_single_path(seeds_dir):
    first = sorted(seeds_dir.glob("*.txt"))[0]
    report = analyze(first)
    assert [d.id for d in report.documents] == [first.stem]
    assert len(report.stories) == 1


def test_parsing_in_a_child_process_gives_the_same_report(demo_report, demo_dir, monkeypatch):
    # The demo corpus is below Settings.parse_in_child_from: its report was parsed in
    # process. Forced into a child process, every story must come out the same.
    from storydiff import Settings, nlp

    in_child = nlp._parse_groups_in_child
    batches: list[int] = []

    def counted(groups, *args):
        for docs in in_child(groups, *args):
            batches.append(len(docs))
            yield docs

    monkeypatch.setattr(nlp, "_parse_groups_in_child", counted)
    forced = analyze([demo_dir], settings=Settings(parse_in_child_from=1))
    assert sum(batches) == len({d.text for d in forced.documents})  # each distinct text parsed once, there
    assert len(demo_report.stories) > 1
    assert [s.model_dump() for s in forced.stories] == [s.model_dump() for s in demo_report.stories]


def test_the_parsing_child_dies_with_its_parent():
    # A killed parent (SIGKILL, out of memory) must not leave its parsing child waiting
    # for work forever with the model in memory.
    import os
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import multiprocessing, time\n"
        "from storydiff.nlp import load_spacy, parse_groups\n"
        "from storydiff.settings import Settings\n"
        "settings = Settings()\n"
        "stream = parse_groups([['A first invented sentence.']] * 40, load_spacy(settings), settings, in_child=True)\n"
        "next(stream)\n"
        "print(*[p.pid for p in multiprocessing.active_children()], flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        children = [int(pid) for pid in parent.stdout.readline().split()]
        assert children, "no parsing child was started"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in children):
            time.sleep(0.2)
        assert not any(_alive(pid) for pid in children)
    finally:
        parent.kill()


def _alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
