"""A realistic synthetic library for the benchmarks, the same for the same seed and size.

Notes are written in the words of the reference content itself (drawn by their frequency
there), so the full-text index sees the vocabulary a reader of Serge would use: median about
80 words, a long tail past 2,000. They link to real titles and aliases with `[[...]]`, carry
tags, and sit on pages of every readable work, most of them on the works being read. Reading
progress and sessions go through the core (`progress.set_progress`), notes through
`notes.checked_record`/`insert_record` in one transaction, as an import would.

    python benchmarks/generate.py [--notes 100000] [--seed 1] [--out DIR]

Without --out the library is cached under benchmarks/out/, keyed by seed and size.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import random
import re
import shutil
import sys
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from serge_reader import entries, notes, progress  # noqa: E402
from serge_reader.library import Library  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
DONE_FILE = "generated.json"
MEDIAN_WORDS = 80
SIGMA = 0.85  # spread of the log-normal note length
LONG_SHARE = 0.003  # notes of 2,000 to 5,000 words
TAGS = (
    "prison", "exile", "revolution", "style", "character", "to-check", "quote", "history",
    "stalinism", "terror", "memory", "literature", "politics", "anarchism", "bolsheviks",
    "civil-war", "kronstadt", "opposition", "trotsky", "paris", "mexico", "spain", "poum",
    "gpu", "trials", "friendship", "hope", "hunger", "city", "winter", "translation",
    "reread", "important", "question", "compare", "teaching", "essay-idea", "chapter-summary",
    "image", "dialogue", "landscape", "irony", "ethics", "power", "party", "workers",
    "peasants", "army", "journalism", "poetry", "dates", "names", "sources", "disagree",
    "beautiful", "obscure", "context", "biography", "method", "ending",
)  # fmt: skip
START = datetime(2021, 1, 4, 8, 0, tzinfo=UTC)
END = datetime(2026, 11, 1, 22, 0, tzinfo=UTC)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


def cache_dir(notes_count: int, seed: int) -> Path:
    return OUT / f"library-s{seed}-n{notes_count}"


def cached_library(notes_count: int, seed: int, *, quiet: bool = False) -> Path:
    """The data folder of the library for (seed, size), generated the first time."""
    folder = cache_dir(notes_count, seed)
    if not (folder / DONE_FILE).exists():
        generate(folder, notes_count=notes_count, seed=seed, quiet=quiet)
    return folder


class Vocabulary:
    """Words of the reference content, drawn by their frequency there."""

    def __init__(self, lib: Library) -> None:
        counts: Counter[str] = Counter()
        for (body,) in lib.conn.execute("SELECT body FROM ref.entries ORDER BY slug"):
            text = _LINK.sub(lambda m: m.group(2) or m.group(1), body)
            counts.update(_WORD.findall(text))
        self.words = sorted(counts)
        self.cumulative: list[int] = []
        total = 0
        for w in self.words:
            total += counts[w]
            self.cumulative.append(total)

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)


def note_length(rng: random.Random) -> int:
    if rng.random() < LONG_SHARE:
        return rng.randint(2000, 5000)
    return max(3, min(1999, round(rng.lognormvariate(math.log(MEDIAN_WORDS), SIGMA))))


def note_body(rng: random.Random, vocab: Vocabulary, names: list[str], *, quotation: bool) -> str:
    """A note of markdown prose: sentences, paragraphs, `[[links]]`, now and then a heading."""
    words = vocab.draw(rng, note_length(rng))
    for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 2, 3, 4))):  # links, in place of words
        name = rng.choice(names)
        link = f"[[{name}|{name.lower()}]]" if rng.random() < 0.15 else f"[[{name}]]"
        words[rng.randrange(len(words))] = link
    if rng.random() < 0.01:
        words[rng.randrange(len(words))] = "[[Some unknown name]]"
    out: list[str] = []
    i = 0
    sentences = 0
    while i < len(words):
        n = rng.randint(6, 24)
        sentence = words[i : i + n]
        i += n
        first = sentence[0]
        sentence[0] = first if first.startswith("[[") else first[:1].upper() + first[1:]
        if len(sentence) > 8 and rng.random() < 0.4:
            sentence[len(sentence) // 2] += ","
        out.append(" ".join(sentence) + rng.choice(".....?!"))
        sentences += 1
        if sentences % rng.randint(3, 6) == 0 and i < len(words):
            out.append("\n\n")
    text = " ".join(out).replace(" \n\n ", "\n\n")
    if quotation:
        return "> " + text.replace("\n\n", "\n>\n> ")
    if rng.random() < 0.05:
        return f"# {' '.join(vocab.draw(rng, rng.randint(2, 5))).capitalize()}\n\n{text}"
    return text


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def plan_works(
    lib: Library, rng: random.Random
) -> tuple[list[tuple[str, int]], dict[str, str], list[float]]:
    """Readable works with a page count, the status each will end in, and how many notes
    each draws (the works being read and finished draw most)."""
    works = [
        (w.id, w.pages or rng.randint(150, 520)) for w in progress.reading_list(lib) if w.readable
    ]
    order = list(range(len(works)))
    rng.shuffle(order)
    statuses = ["reading"] * 3 + ["finished"] * 9 + ["abandoned"] * 2 + ["want-to-read"] * 5
    status = {works[i][0]: s for i, s in zip(order, statuses, strict=False)}
    weight = {"reading": 6.0, "finished": 4.0, "abandoned": 1.0, "want-to-read": 0.3}
    weights = [weight.get(status.get(slug, ""), 0.2) * rng.uniform(0.5, 1.5) for slug, _ in works]
    return works, status, weights


def write_progress(
    lib: Library, rng: random.Random, works: list[tuple[str, int]], status: dict[str, str]
) -> int:
    """Reading sessions through the core, then dated across the years they stand for."""
    first_session = lib.conn.execute("SELECT coalesce(max(id), 0) FROM reading_sessions").fetchone()
    steps: list[tuple[str, int | None, str | None]] = []
    for slug, pages in works:
        wanted = status.get(slug)
        if wanted is None:
            continue
        progress.set_progress(lib, slug, pages=pages)
        if wanted == "want-to-read":
            continue
        target = {"finished": pages, "reading": rng.randint(pages // 5, pages * 4 // 5)}.get(
            wanted, rng.randint(10, pages // 3)
        )
        page = 0
        while page < target:
            page = min(target, page + rng.randint(4, 35))
            steps.append((slug, page, None))
        if wanted == "abandoned":
            steps.append((slug, None, "abandoned"))
    # Interleave the works' sessions as a reader's years would, in order within each work.
    queues: dict[str, list[tuple[str, int | None, str | None]]] = {}
    for step in steps:
        queues.setdefault(step[0], []).append(step)
    ordered: list[tuple[str, int | None, str | None]] = []
    while queues:
        slug = rng.choice(sorted(queues))
        ordered.append(queues[slug].pop(0))
        if not queues[slug]:
            del queues[slug]
    span = (END - START).total_seconds()
    moments = sorted(START + timedelta(seconds=rng.uniform(0, span)) for _ in ordered)
    # The reader read yesterday and today: a streak and a pace to show.
    moments[-2:] = [END - timedelta(days=1), END - timedelta(hours=1)]
    for (slug, page, new_status), _ in zip(ordered, moments, strict=True):
        progress.set_progress(lib, slug, page=page, status=new_status)
    ids = [
        r[0]
        for r in lib.conn.execute(
            "SELECT id FROM reading_sessions WHERE id > ? ORDER BY id", first_session
        )
    ]
    starts = [iso(START - timedelta(days=30))] * (len(ids) - len(ordered))
    lib.conn.executemany(
        "UPDATE reading_sessions SET at = ? WHERE id = ?",
        zip(starts + [iso(m) for m in moments], ids, strict=True),
    )
    lib.conn.execute(
        "UPDATE progress SET"
        " started = (SELECT substr(min(at), 1, 10) FROM reading_sessions s"
        "   WHERE s.work = progress.work AND s.to_page > 0),"
        " finished = CASE WHEN status = 'finished' THEN (SELECT substr(max(at), 1, 10)"
        "   FROM reading_sessions s WHERE s.work = progress.work) END,"
        " updated = (SELECT max(at) FROM reading_sessions s WHERE s.work = progress.work)"
    )
    return len(ids)


def generate(
    folder: Path, *, notes_count: int, seed: int, quiet: bool = False
) -> dict[str, object]:
    """Write a fresh library into `folder` (replacing what is there); returns its figures."""
    began = time.perf_counter()
    rng = random.Random(seed)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    lib = Library(partial)
    vocab = Vocabulary(lib)
    names = [name for name, _ in entries.all_names(lib)]
    works, status, weights = plan_works(lib, rng)
    cumulative = [sum(weights[: i + 1]) for i in range(len(weights))]
    span = (END - START).total_seconds()
    moments = sorted(rng.uniform(0, span) for _ in range(notes_count))
    lengths: list[int] = []
    with lib.atomic():
        sessions = write_progress(lib, rng, works, status)
        for i, offset in enumerate(moments):
            quotation = rng.random() < 0.15
            body = note_body(rng, vocab, names, quotation=quotation)
            lengths.append(len(body.split()))
            work: str | None = None
            position = notes.Position()
            if rng.random() < 0.92:
                w = bisect.bisect_left(cumulative, rng.random() * cumulative[-1])
                work, pages = works[min(w, len(works) - 1)]
                position = notes.Position(
                    page=rng.randint(1, pages),
                    chapter=str(rng.randint(1, 30)) if rng.random() < 0.1 else None,
                )
            created = START + timedelta(seconds=offset)
            edited = created + timedelta(minutes=rng.choice((0, 0, 0, 2, 15, 60 * 24 * 40)))
            record = notes.checked_record(
                lib,
                body,
                work=work,
                position=position,
                tags=rng.sample(TAGS, rng.choice((0, 1, 1, 1, 2, 2, 3, 4))),
                kind="quotation" if quotation else "note",
                uid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                created=iso(created),
                updated=iso(min(edited, END)),
            )
            notes.insert_record(lib, record)
            if not quiet and (i + 1) % 10_000 == 0:
                print(f"  generated {i + 1:,} notes", file=sys.stderr)
    lib.close()
    lengths.sort()
    figures: dict[str, object] = {
        "seed": seed,
        "notes": notes_count,
        "median_words": lengths[len(lengths) // 2] if lengths else 0,
        "over_2000_words": sum(n > 2000 for n in lengths),
        "total_words": sum(lengths),
        "reading_sessions": sessions,
        "statuses": dict(sorted(Counter(status.values()).items())),
        "bytes": (partial / "library.db").stat().st_size,
        "seconds": round(time.perf_counter() - began, 1),
    }
    (partial / DONE_FILE).write_text(json.dumps(figures, indent=2) + "\n")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="a data folder to write (default: the cache)")
    args = parser.parse_args()
    folder = args.out or cache_dir(args.notes, args.seed)
    figures = generate(folder, notes_count=args.notes, seed=args.seed)
    print(json.dumps(figures, indent=2))
    print(f"library written to {folder}")


if __name__ == "__main__":
    main()
