"""storydiff serve under load: story pages on a 10k-article store, many clients at once.

    python benchmarks/bench_serve.py                       # 10k articles, 50 clients, 30 s
    python benchmarks/bench_serve.py --articles 2000 --clients 20 --seconds 10 --workers 2

1. **Store**: the demo corpus (examples/demo) is ingested and analysed once; its stories
   are then repeated, rows copied with new document and story ids (and those ids replaced
   in each copy's analysis), until the store holds ``--articles`` articles. A store of
   10k really analysed articles takes hours on two cores; the server's work per page (read
   a story's rows, render its report view) is the same on copies. Kept at
   ``benchmarks/out/serve-<articles>.db`` and reused.
2. **Load**: ``storydiff serve`` runs in a child process (``--workers``); ``--clients``
   asyncio clients (httpx) each ask for story pages one after another for ``--seconds``,
   the story drawn at random: ``--popular`` of the requests go to 100 stories (the day's
   news that most readers open), the rest uniformly over all stories. Reports requests per
   second, latency percentiles and errors; writes benchmarks/out/bench_serve.json.

The issue's target: p95 under 300 ms with 50 clients for 30 s on a 10k-article store.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"


def build_store(articles: int) -> Path:
    path = OUT / f"serve-{articles}.db"
    if path.exists():
        return path
    from storydiff.store import Store

    base = OUT / "serve-base.db"
    if not base.exists():
        with Store.open(base) as store:
            store.ingest([ROOT / "examples" / "demo"])
    shutil.copy(base, path)
    db = sqlite3.connect(path)
    docs = db.execute("SELECT id, content_hash, story, published, outlet, title, document, signature, embedding FROM documents").fetchall()
    stories = db.execute("SELECT * FROM stories").fetchall()
    columns = [c[1] for c in db.execute("PRAGMA table_info(stories)")]
    top = max(s[0] for s in stories)
    ids_of: dict[int, list[str]] = {}
    for d in docs:
        ids_of.setdefault(d[2], []).append(d[0])
    copy = 0
    while db.execute("SELECT count(*) FROM documents").fetchone()[0] < articles:
        copy += 1
        with db:
            for d in docs:
                db.execute(
                    "INSERT INTO documents (id, content_hash, story, published, outlet, title, document, signature, embedding)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (f"{d[0]}~c{copy}", f"{d[1]}~c{copy}", d[2] + copy * top, d[3], d[4], d[5],
                     d[6].replace(json.dumps(d[0]), json.dumps(f"{d[0]}~c{copy}")), d[7], d[8]),
                )
            for s in stories:
                row = dict(zip(columns, s))
                row["story"] = s[0] + copy * top
                for field in ("analysis", "copies"):
                    if row[field]:
                        for doc_id in ids_of.get(s[0], []):
                            row[field] = row[field].replace(json.dumps(doc_id), json.dumps(f"{doc_id}~c{copy}"))
                if row["analysis"]:
                    row["analysis"] = row["analysis"].replace(f'"id":"S{s[0]}"', f'"id":"S{row["story"]}"')
                db.execute(f"INSERT INTO stories ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                           [row[c] for c in columns])
    db.close()
    return path


async def load(base: str, story_ids: list[str], clients: int, seconds: float, popular: float) -> dict:
    hot = story_ids[:100]
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    async def one_client(client: httpx.AsyncClient, rng: random.Random) -> None:
        nonlocal errors
        while time.monotonic() < stop:
            story = rng.choice(hot) if rng.random() < popular else rng.choice(story_ids)
            started = time.perf_counter()
            try:
                response = await client.get(f"{base}/stories/{story}")
                if response.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        await asyncio.gather(*(one_client(client, random.Random(i)) for i in range(clients)))
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies), "errors": errors, "rps": round(len(latencies) / seconds, 1),
        "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1), "p99_ms": round(q[98] * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--popular", type=float, default=0.8)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    store = build_store(args.articles)
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    n_docs = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    ids = [f"S{n}" for (n,) in db.execute("SELECT story FROM stories WHERE analysis IS NOT NULL ORDER BY date_end DESC, story DESC")]
    db.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "storydiff", "serve", "--store", str(store), "--port", str(port), "--workers", str(args.workers), "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api/changes").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        figures = asyncio.run(load(base, ids, args.clients, args.seconds, args.popular))
    finally:
        server.terminate()
        server.wait(10)
    figures.update(articles=n_docs, stories=len(ids), clients=args.clients, seconds=args.seconds,
                   workers=args.workers, popular=args.popular)
    print(json.dumps(figures, indent=2))
    (OUT / "bench_serve.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
