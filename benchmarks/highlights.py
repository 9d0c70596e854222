"""Benchmark: importing 10,000 Kindle clippings (target: under 2 s), beside its floor.

The figure is the whole `operations.import_highlights` into an empty library: reading and
parsing the file, matching the books, planning, and writing the notes, their full-text
index and their origins in one transaction. The floor is the parsing alone (reading the
file is the least any import does). Run: `python benchmarks/highlights.py [--clippings N]`.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from serge_reader import operations
from serge_reader.highlights import kindle
from serge_reader.library import Library

BOOKS = [
    "The Case of Comrade Tulayev (NYRB Classics) (Serge, Victor)",
    "Memoirs of a Revolutionary (Serge, Victor;Greeman, Richard)",
    "L'Affaire Toulaév (Victor Serge)",
    "Midnight in the Century (Serge, Victor)",
    "Make It Stick (Peter C. Brown)",
]
WORDS = [
    "the",
    "revolution",
    "was",
    "a",
    "long",
    "night",
    "of",
    "waiting",
    "and",
    "the",
    "comrades",
    "kept",
    "their",
    "faith",
]


def clippings(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = ["\ufeff"]
    for i in range(count):
        loc = 100 + i * 3
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 60)))
        kind = "Note" if i % 7 == 6 else "Highlight"
        where = f"location {loc + 2}" if kind == "Note" else f"location {loc}-{loc + 2}"
        out.append(
            f"{BOOKS[i % len(BOOKS)]}\r\n- Your {kind} on page {loc // 15} | {where} | "
            f"Added on Monday, 3 June 2024 10:{i % 60:02d}:00\r\n\r\n{text} ({i})\r\n==========\r\n"
        )
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clippings", type=int, default=10_000)
    parser.add_argument("--target", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "My Clippings.txt"
        path.write_text(clippings(args.clippings), encoding="utf-8", newline="")
        start = time.perf_counter()
        kindle.read(path)
        floor = time.perf_counter() - start
        lib = Library(Path(tmp) / "data")
        try:
            start = time.perf_counter()
            done = operations.import_highlights(lib, path)
            took = time.perf_counter() - start
            again_start = time.perf_counter()
            operations.import_highlights(lib, path)
            again = time.perf_counter() - again_start
        finally:
            lib.close()
    ok = took < args.target
    print(
        f"{args.clippings:,} clippings: import {took:.2f} s (floor, parsing alone: {floor:.2f} s;"
        f" target < {args.target} s) {'ok' if ok else 'MISSED'}"
    )
    print(f"  re-import adding nothing: {again:.2f} s; {done.value.summary}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
