"""The local and the dask engine on the whole of BASIL (300 articles): equal reports, and
the wall time of each.

BASIL is written as Parquet shards (so that the dask workers read in parallel, and the
Parquet reader is exercised); both engines read the same shards. The local engine runs
in this process with its models loaded beforehand; the dask engine runs on a local
cluster of ``--workers`` processes, whose start and model loading are timed apart from
the analysis (a long-lived cluster pays them once).

    python benchmarks/bench_engines.py [--workers 2] [--shards 8]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil import BASIL_DIR, load_basil  # noqa: E402

from storydiff import Settings, analyze  # noqa: E402
from storydiff.embed import load_encoder  # noqa: E402
from storydiff.nlp import load_spacy  # noqa: E402


def write_shards(articles, folder: Path, shards: int) -> list[Path]:
    """BASIL's RawDocument fields as ``shards`` Parquet files of consecutive articles."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [a.raw.model_dump(exclude={"source_path", "html", "headings", "outlet_source"}) for a in articles]
    size = -(-len(records) // shards)
    paths = []
    for n in range(0, len(records), size):
        path = folder / f"basil-{n // size:02d}.parquet"
        pq.write_table(pa.Table.from_pylist(records[n : n + size]), path)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shards", type=int, default=8)
    args = parser.parse_args()
    if not BASIL_DIR.is_dir():
        sys.exit(f"BASIL not found at {BASIL_DIR}")

    from distributed import Client, LocalCluster

    from storydiff.engines.dask import preload_models

    settings = Settings()
    load_spacy(settings)
    load_encoder(settings.sentence_model)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = write_shards(load_basil(), Path(tmp), args.shards)

        start = time.perf_counter()
        local = analyze(inputs, settings=settings)
        local_s = time.perf_counter() - start

        start = time.perf_counter()
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
            cluster_s = time.perf_counter() - start
            with Client(cluster) as client:
                start = time.perf_counter()
                preload_models(client, settings)
                models_s = time.perf_counter() - start
            start = time.perf_counter()
            distributed = analyze(inputs, settings=settings, engine="dask", scheduler=cluster.scheduler_address)
            dask_s = time.perf_counter() - start

    n = len(local.documents)
    same = local.model_dump_json() == distributed.model_dump_json()
    print(f"BASIL: {n} articles, {len(local.stories)} stories, {len(inputs)} Parquet shards")
    print(f"  reports equal (model_dump_json): {same}")
    print(f"  local engine            {local_s:7.1f} s  {n / local_s:6.2f} articles/s (models loaded beforehand)")
    print(f"  dask engine, {args.workers} workers  {dask_s:7.1f} s  {n / dask_s:6.2f} articles/s (models loaded beforehand)")
    print(f"    cluster start {cluster_s:.1f} s, model loading on the workers {models_s:.1f} s")
    print(f"  speed-up {local_s / dask_s:.2f}x")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
