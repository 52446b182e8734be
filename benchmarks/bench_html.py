"""How big the HTML report of a 300-article corpus is, and how fast headless Chromium renders it.

Targets (issue 6): under 10 MB, rendered in under 2 seconds. The corpus is BASIL (100 events x
3 outlets, read at run time through benchmarks/basil.py). By default the findings are
synthetic, at realistic counts per article (the pipeline on 300 articles is slow): the
real texts, one story per event, and entity mentions, quotes, claims, labels, comparisons,
omissions and framing placed on real word boundaries. ``--pipeline`` renders the report of
the real pipeline instead.

    python benchmarks/bench_html.py [--pipeline] [--report report.json] [--save report.json] [--out bench.html]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil import load_basil, to_document, write_jsonl  # noqa: E402

from storydiff.model import (  # noqa: E402
    Claim,
    Comparison,
    DateValue,
    Document,
    Entity,
    Framing,
    Label,
    Mention,
    Omission,
    OutletFraming,
    QuantityValue,
    Quote,
    Report,
    StatedValue,
    Story,
)
from storydiff.report import to_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Findings per article and per story, roughly what the pipeline finds in a news article.
ENTITIES_PER_STORY = 15
MENTIONS_PER_DOC = 40
QUOTES_PER_DOC = 5
CLAIMS_PER_DOC = 12
LABELS_PER_DOC = 8
COMPARISONS_PER_STORY = 10
FRAMED_ACTORS = 3


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def _span(rng: random.Random, words: list[tuple[int, int]], length: int) -> tuple[int, int]:
    i = rng.randrange(max(1, len(words) - length))
    j = min(len(words) - 1, i + length - 1)
    return words[i][0], words[j][1]


def synthetic_story(index: int, docs: list[Document], rng: random.Random) -> Story:
    ids = [d.id for d in docs]
    entities = [Entity(id=f"s{index}e{k}", name=f"Actor {k}", type="PERSON", aliases=[f"A{k}"],
                       roles=["official"] if k % 3 == 0 else [], mentions={}) for k in range(ENTITIES_PER_STORY)]
    quotes, claims, labels = [], [], []
    for d in docs:
        words = _words(d.text)
        if len(words) < 10:
            continue
        for _ in range(MENTIONS_PER_DOC):
            e = rng.choice(entities)
            a, b = _span(rng, words, 2)
            e.spans.append(Mention(doc=d.id, start=a, end=b, text=d.text[a:b]))
            e.mentions[d.id] = e.mentions.get(d.id, 0) + 1
        for q in range(QUOTES_PER_DOC):
            a, b = _span(rng, words, 15)
            quotes.append(Quote(id=f"{d.id}q{q}", doc=d.id, text=d.text[a:b], kind="direct",
                                speaker=rng.choice(entities).id, cue="said", start=a, end=b))
        for c in range(CLAIMS_PER_DOC):
            a, b = _span(rng, words, 4)
            # the sentence: about 25 words around the claim, like a real news sentence
            i = next(k for k, w in enumerate(words) if w[0] == a)
            sa, sb = words[max(0, i - 10)][0], words[min(len(words) - 1, i + 15)][1]
            value = (QuantityValue(amount=rng.randint(1, 500), counted="people") if c % 2
                     else DateValue(date=f"2019-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", event="event"))
            claims.append(Claim(id=f"{d.id}c{c}", doc=d.id, kind=value.type, text=d.text[a:b],
                                sentence=d.text[min(a, sa):max(b, sb)], start=a, end=b,
                                sentence_start=min(a, sa), sentence_end=max(b, sb), value=value))
        for _ in range(LABELS_PER_DOC):
            a, b = _span(rng, words, 2)
            labels.append(Label(entity=rng.choice(entities).id, doc=d.id, term=d.text[a:b], head=d.text[a:b],
                                voice=rng.choice(["narrator", "quoted", "attributed"]), loaded=rng.random() < 0.2,
                                start=a, end=b))
    comparisons = []
    for k in range(COMPARISONS_PER_STORY):
        by_doc = {}
        used = []
        for d in docs:
            mine = [c for c in claims if c.doc == d.id]
            if mine and rng.random() < 0.7:
                c = rng.choice(mine)
                by_doc[d.id] = StatedValue(value=c.text, claims=[c.id])
                used.append(c.id)
        status = rng.choice(["agree", "compatible", "conflict"]) if len(by_doc) > 1 else "single-source"
        comparisons.append(Comparison(id=f"s{index}k{k}", topic=f"fact {k}", status=status, claims=used,
                                      by_document=by_doc,
                                      disputed_between=[entities[0].id, entities[1].id] if status == "conflict" else []))
    framing = [Framing(entity=e.id, name=e.name,
                       by_document={d: OutletFraming(narrator=[l.term for l in labels if l.doc == d and l.entity == e.id])
                                    for d in ids})
               for e in entities[:FRAMED_ACTORS]]
    return Story(id=f"story-{index}", headline=docs[0].title or "story", documents=ids,
                 outlets=[d.outlet or d.id for d in docs], entities=entities, quotes=quotes, claims=claims,
                 comparisons=comparisons,
                 omissions=[Omission(fact="fact 0", reported_by=ids[:1], missing_from=ids[1:])],
                 labels=labels, framing=framing)


def synthetic_report() -> Report:
    articles = load_basil()
    rng = random.Random(6)
    by_event: dict[str, list[Document]] = {}
    for a in articles:
        by_event.setdefault(a.event, []).append(to_document(a.raw))
    documents = [d for docs in by_event.values() for d in docs]
    stories = [synthetic_story(i, docs, rng) for i, docs in enumerate(by_event.values())]
    return Report(storydiff_version="bench", documents=documents, stories=stories)


def pipeline_report() -> Report:
    from storydiff import analyze

    with tempfile.TemporaryDirectory() as tmp:
        return analyze([write_jsonl(load_basil(), Path(tmp) / "basil.jsonl")])


def chromium_render_seconds(path: Path, runs: int = 3) -> list[float]:
    """Seconds from navigation start to the load event, and first layout done, per run."""
    from playwright.sync_api import sync_playwright

    url = path.resolve().as_uri()
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url, wait_until="load")
            page.evaluate("document.body.getBoundingClientRect().height")  # forces a full layout
            times.append(time.perf_counter() - start)
            context.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pipeline", action="store_true", help="render the real pipeline's report (slow)")
    parser.add_argument("--report", type=Path, help="render this JSON report instead (e.g. one saved with --save)")
    parser.add_argument("--save", type=Path, help="save the report as JSON, to re-render it without the pipeline")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "storydiff-bench.html")
    args = parser.parse_args()

    t0 = time.perf_counter()
    if args.report:
        report = Report.model_validate_json(args.report.read_text(encoding="utf-8"))
    else:
        report = pipeline_report() if args.pipeline else synthetic_report()
    if args.save:
        args.save.write_text(report.model_dump_json(), encoding="utf-8")
    t1 = time.perf_counter()
    html = to_html(report)
    t2 = time.perf_counter()
    args.out.write_text(html, encoding="utf-8")
    size = args.out.stat().st_size
    n = lambda attr: sum(len(getattr(s, attr)) for s in report.stories)  # noqa: E731
    print(f"report: {'saved' if args.report else 'pipeline' if args.pipeline else 'synthetic'}, {len(report.documents)} documents, "
          f"{len(report.stories)} stories, {n('claims')} claims, {n('quotes')} quotes, {n('labels')} labels, "
          f"{sum(len(e.spans) for s in report.stories for e in s.entities)} entity mentions (built in {t1 - t0:.1f} s)")
    print(f"to_html: {t2 - t1:.2f} s; size {size / 1e6:.2f} MB (target < 10 MB)")
    if Path(CHROMIUM).exists():
        times = chromium_render_seconds(args.out)
        print(f"chromium load+layout: {', '.join(f'{t:.2f}' for t in times)} s; best {min(times):.2f} s (target < 2 s)")
    else:
        print(f"chromium: {CHROMIUM} missing, render time not measured")


if __name__ == "__main__":
    main()
