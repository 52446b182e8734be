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
   asyncio clients (a minimal keep-alive HTTP/1.1 client: see ``_Connection``) each ask for story pages one after another for ``--seconds``,
   the story drawn at random: ``--popular`` of the requests go to 100 stories (the day's
   news that most readers open), the rest uniformly over all stories. Reports requests per
   second, latency percentiles, errors and the machine's load average at the end; writes
   benchmarks/out/bench_serve.json.

A store renders each story's page as it stores the analysis (``Settings.store_pages``);
the copied stories get theirs from ``Store.render_pages`` before the load (once).

The issue's target: p95 under 300 ms with 50 clients for 30 s on a 10k-article store.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
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

from storydiff.store import Store

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"


def build_store(articles: int) -> Path:
    path = OUT / f"serve-{articles}.db"
    if path.exists():
        return path
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


class _Connection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams (GET, Content-Length bodies).
    The load generator shares the machine's cores with the server: httpx's async client
    took 7 ms of CPU per story page, more than the server it measured (2 ms); this one
    takes a fraction of a millisecond, so the figures are the server's."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: text/html\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def load(base: str, story_ids: list[str], clients: int, seconds: float, popular: float) -> dict:
    hot = story_ids[:100]
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds
    host, port = base.removeprefix("http://").split(":")

    async def one_client(rng: random.Random) -> None:
        nonlocal errors
        connection = _Connection(host, int(port))
        try:
            while time.monotonic() < stop:
                story = rng.choice(hot) if rng.random() < popular else rng.choice(story_ids)
                started = time.perf_counter()
                try:
                    status, _ = await connection.get(f"/stories/{story}")
                    if status != 200:
                        errors += 1
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    errors += 1
                    connection.close()
                    connection = _Connection(host, int(port))
                latencies.append(time.perf_counter() - started)
        finally:
            connection.close()

    await asyncio.gather(*(one_client(random.Random(i)) for i in range(clients)))
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies), "errors": errors, "rps": round(len(latencies) / seconds, 1),
        "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1), "p99_ms": round(q[98] * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1),
    }


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (uvicorn's workers), from /proc (Linux)."""
    total = 0.0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0
    return total + sum(_cpu_seconds(int(child)) for child in children)


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
    started = time.perf_counter()
    with Store.open(store) as opened:  # pages a store renders as it analyses: here, for the copied stories
        rendered = opened.render_pages()
    if rendered:
        print(f"rendered {rendered} story pages into the store in {time.perf_counter() - started:.0f} s", file=sys.stderr)
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
        client_cpu, server_cpu = time.process_time(), _cpu_seconds(server.pid)
        figures = asyncio.run(load(base, ids, args.clients, args.seconds, args.popular))
        # where the machine's time went: the load generator is Python too, on the same cores
        figures["client_cpu_s"] = round(time.process_time() - client_cpu, 1)
        figures["server_cpu_s"] = round(_cpu_seconds(server.pid) - server_cpu, 1)
    finally:
        server.terminate()
        server.wait(10)
    figures.update(articles=n_docs, stories=len(ids), clients=args.clients, seconds=args.seconds,
                   workers=args.workers, popular=args.popular, load_average=[round(x, 2) for x in os.getloadavg()])
    print(json.dumps(figures, indent=2))
    (OUT / "bench_serve.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
