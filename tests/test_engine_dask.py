"""The dask engine on a real cluster (two worker processes started here, not a mock): its
report equals the local engine's, on the demo corpus, on part of BASIL and on Parquet input."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from storydiff import analyze
from storydiff.cli import app
from storydiff.engines.dask import _partitions, _story_batches
from storydiff.model import Story

ROOT = Path(__file__).resolve().parents[1]
BASIL_ARTICLES = ROOT.parent / "shared" / "corpora" / "basil" / "articles"
BASIL_EVENTS = 5
"""Events of BASIL compared (three articles each): enough for several batches per worker."""

# Invented articles: two outlets on one event, one re-post of the first, one unrelated item.
TRAM = (
    "The city council of Norvale voted on Monday to extend the harbour tram line by four stops. "
    "Council leader Imre Vasko said the extension would cost 38 million crowns and open in 2027.\n\n"
    "Opposition councillor Dana Ruell said the vote was rushed and that residents were not consulted."
)
TRAM_OTHER = (
    "Norvale councillors approved a longer harbour tram line on Monday, adding four stops. "
    "\u201cThis is the biggest transport decision in a decade,\u201d council leader Imre Vasko said. "
    "The council put the cost at 41 million crowns.\n\n"
    "Residents' groups had asked for a public hearing before the vote."
)
BAKERY = (
    "A bakery in the old market of Selbridge won the regional bread prize on Saturday. "
    "Owner Pella Morrow said the sourdough recipe had been in her family for three generations."
)


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as running:
        yield running


def _on_cluster(inputs, cluster, **options):
    return analyze(inputs, engine="dask", scheduler=cluster.scheduler_address, **options)


def test_demo_report_equals_the_local_engine(cluster, demo_dir, demo_report, tmp_path):
    report = _on_cluster([demo_dir], cluster, work_dir=tmp_path)
    assert report.model_dump_json() == demo_report.model_dump_json()
    # the work files are Parquet, one row per document and per story
    [run_dir] = tmp_path.glob("run-*")
    documents = pq.read_table(run_dir / "documents.parquet")
    assert sorted(documents.column("id").to_pylist()) == sorted(d.id for d in report.documents)
    stories = pq.read_table(run_dir / "stories.parquet")
    assert sorted(stories.column("id").to_pylist()) == sorted(s.id for s in report.stories)


def test_basil_events_equal_the_local_engine(cluster):
    if not BASIL_ARTICLES.is_dir():
        pytest.skip("../shared/corpora/basil is not present")
    # files are named <event>_<n>.json: the first 3 x N files in name order are N whole events
    files = sorted(BASIL_ARTICLES.glob("*/*.json"))[: 3 * BASIL_EVENTS]
    local = analyze(files)
    assert len(local.stories) >= BASIL_EVENTS // 2  # several stories, so several batches
    assert _on_cluster(files, cluster).model_dump_json() == local.model_dump_json()


def _invented_corpus(folder: Path) -> list[Path]:
    table = pa.table(
        {
            "id": ["norvale-tram", None, "norvale-tram-repost", "selbridge-bread"],
            "title": ["Norvale extends tram line", "Council backs tram extension", None, "Selbridge bakery wins prize"],
            "text": [TRAM, TRAM_OTHER, TRAM, BAKERY],
            "outlet": ["Norvale Gazette", "Harbour Courier", "Coastline Wire", "Selbridge Post"],
            "published": ["2025-03-03", "2025-03-03", "2025-03-04", "2025-03-01"],
        }
    )
    pq.write_table(table, folder / "feed.parquet", row_group_size=2)
    (folder / "norvale-tram.txt").write_text("Tram line vote in Norvale\n\n" + TRAM_OTHER, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    pq.write_table(pa.table({"title": ["a row without a body"]}), folder / "broken.parquet")
    return [folder / "feed.parquet", folder / "norvale-tram.txt", folder / "empty.txt", folder / "broken.parquet"]


def test_parquet_input_ids_and_skipped_equal_the_local_engine(cluster, tmp_path):
    inputs = _invented_corpus(tmp_path)
    local = analyze(inputs)
    report = _on_cluster(inputs, cluster)
    assert report.model_dump_json() == local.model_dump_json()
    ids = [d.id for d in report.documents]
    # ids made unique in input order across files: the .txt comes after the Parquet row
    assert ids == ["norvale-tram", "feed-2", "norvale-tram-repost", "selbridge-bread", "norvale-tram~2"]
    assert {s.reason for s in report.skipped} == {"empty file", "row 1: record has no text, html or body-paragraphs"}
    groups = sorted(sorted(g.members) for g in report.duplicate_groups)
    assert groups == [["feed-2", "norvale-tram~2"], ["norvale-tram", "norvale-tram-repost"]]


def test_cli_engine_dask(cluster, tmp_path):
    inputs = _invented_corpus(tmp_path)
    out = tmp_path / "report.json"
    args = ["analyze", *map(str, inputs), "--json", str(out), "--engine", "dask"]
    result = CliRunner().invoke(app, [*args, "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["documents"] == json.loads(analyze(inputs).model_dump_json())["documents"]
    refused = CliRunner().invoke(app, ["analyze", str(inputs[0]), "--scheduler", cluster.scheduler_address])
    assert refused.exit_code == 2


def test_partitions_keep_order_and_balance():
    assert _partitions(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert _partitions([1], 8) == [[1]]
    assert _partitions([], 4) == []
    stories = [Story(id=f"s{i}", headline="", documents=[f"d{i}-{j}" for j in range(n)]) for i, n in enumerate([5, 1, 1, 1, 1, 1])]
    batches = _story_batches([(i, "") for i in range(len(stories))], stories, 2)
    assert [[i for i, _ in batch] for batch in batches] == [[0], [1, 2, 3, 4, 5]]
