"""Sync figures (docs/SYNC.md, docs/BENCHMARKS.md): a library of N notes (benchmarks/
generate.py's, cached) synced to an empty device, then 100 changes synced incrementally,
then single edits on the device that received them.

    python benchmarks/sync_bench.py [--notes 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import cached_library  # noqa: E402

from serge_reader import notes  # noqa: E402
from serge_reader.library import Library  # noqa: E402
from serge_reader.sync import engine  # noqa: E402

LATER_EDITS = 60


def timed(lib: Library, folder: Path) -> tuple[float, engine.Report]:
    start = time.perf_counter()
    report = engine.run(lib, folder)
    return time.perf_counter() - start, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    source = cached_library(args.notes, args.seed, quiet=True)
    work = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    figures: dict[str, object] = {"notes": args.notes}
    try:
        shutil.copytree(source, work / "a", ignore=shutil.ignore_patterns("backups"))
        shared = work / "shared"
        shared.mkdir()
        with Library(work / "a") as a, Library(work / "b") as b:
            seconds, report = timed(a, shared)
            figures["first sync, publishing device (s)"] = round(seconds, 2)
            figures["records published"] = report.sent
            size = sum(p.stat().st_size for p in shared.rglob("*.jsonl"))
            figures["journal size (MB)"] = round(size / 1e6, 1)
            seconds, report = timed(b, shared)
            figures["first sync to an empty device (s)"] = round(seconds, 2)
            figures["records applied"] = report.applied
            rng = random.Random(args.seed)
            ids = [r[0] for r in a.conn.execute("SELECT id FROM notes")]
            start = time.perf_counter()
            for note_id in rng.sample(ids, 100):
                notes.update_note(a, note_id, body=f"changed {note_id}", tags=["changed"])
            figures["100 edits themselves (s)"] = round(time.perf_counter() - start, 2)
            seconds, report = timed(a, shared)
            figures["incremental sync of 100 changes, sending (s)"] = round(seconds, 3)
            seconds, report = timed(b, shared)
            figures["incremental sync of 100 changes, receiving (s)"] = round(seconds, 3)
            figures["changes received"] = report.applied
            seconds, report = timed(b, shared)
            figures["sync with nothing new (s)"] = round(seconds, 3)
            # What the reader's next edits there cost: each its own transaction, as the
            # window's; the full-text index merges what the syncs left in some of them.
            ids = [r[0] for r in b.conn.execute("SELECT id FROM notes")]
            slowest = 0.0
            for note_id in rng.sample(ids, LATER_EDITS):
                start = time.perf_counter()
                notes.update_note(b, note_id, body=f"edited later {note_id}")
                slowest = max(slowest, time.perf_counter() - start)
            figures[f"slowest of the next {LATER_EDITS} edits there (s)"] = round(slowest, 3)
            assert (
                a.conn.execute("SELECT count(*) FROM notes").fetchone()
                == b.conn.execute("SELECT count(*) FROM notes").fetchone()
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
