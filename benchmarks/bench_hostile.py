"""Issue 17's acceptance run: ``storydiff analyze`` on a folder of hostile inputs beside good
articles, at the issue's sizes; its time, peak memory and what it made of each input.

    python benchmarks/bench_hostile.py                 # full size (about 1.3 GB of disk, sparse file aside)
    python benchmarks/bench_hostile.py --scale small   # the test's sizes

The folder is built by ``hostile_folder.build`` (in a temporary folder, removed after);
``storydiff analyze FOLDER --json report.json`` runs as a child process, and its peak
resident memory is read from ``getrusage(RUSAGE_CHILDREN)`` (the largest process among
the run and the children it waited for). The run passes when the report is written,
every good article is in it, every hostile input is a document (with a note when it was
cut) or a skipped entry with a one-line reason, the exit status says whether any story
failed, and peak memory is under 2 GB. Writes benchmarks/out/bench_hostile.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_folder import build, check, file_sizes  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
MEMORY_LIMIT_MB = 2048


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=["full", "small"], default="full")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storydiff-hostile-") as tmp:
        folder, report_path = Path(tmp) / "inputs", Path(tmp) / "report.json"
        started = time.perf_counter()
        expected = build(folder, args.scale)
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "storydiff", "analyze", str(folder), "--json", str(report_path)],
            capture_output=True, text=True,
        )
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
        problems = check(folder, expected, report, run.returncode)
        if peak_mb >= MEMORY_LIMIT_MB:
            problems.append(f"peak memory {peak_mb:.0f} MB, over {MEMORY_LIMIT_MB} MB")
        result = {
            "scale": args.scale,
            "inputs": file_sizes(folder),
            "exit_status": run.returncode,
            "summary": run.stderr.strip().splitlines()[-1:] if run.stderr.strip() else [],
            "seconds": round(seconds, 1),
            "build_seconds": round(build_s, 1),
            "peak_rss_mb": round(peak_mb),
            "documents": len(report.get("documents", [])),
            "stories": len(report.get("stories", [])),
            "skipped": [f"{Path(s['source_path']).name}: {s['reason']}" for s in report.get("skipped", [])],
            "cut": [f"{d['id']}: {d['removed'][-1]['reason']}" for d in report.get("documents", [])
                    if d["removed"] and "limit" in d["removed"][-1]["reason"]],
            "problems": problems,
            "load": os.getloadavg(),
        }
    print(json.dumps(result, indent=2))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"bench_hostile-{args.scale}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
