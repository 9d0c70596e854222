"""Helpers for the character and spoiler tests: a small content tree of our own (under
tests/fixtures/novel_content), built into a reference database, and the checks that no
held-back passage reaches a reader."""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

from serge_reader import cli, entries, pages, reference
from serge_reader.library import Library
from serge_reader.reference import plain_text
from serge_reader.spoilers import Place
from serge_reader.textnorm import words

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "novel_content"
PROBE_WORDS = 8  # a run of this many words of a passage, found in an output, is a leak


def build_fixture(target: Path, content: Path = FIXTURE) -> Path:
    reference.build(content, target)
    return target


def normalized(text: str) -> str:
    """Text (HTML, markdown or plain) as its folded words, tags, entities and link targets
    gone, for matching."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", plain_text(text)))
    return " " + " ".join(words(text)) + " "


def probes(markdown: str) -> list[str]:
    """Runs of words that stand for a passage: any of them in an output means it leaked."""
    w = words(plain_text(markdown))
    if len(w) <= PROBE_WORDS:
        return [" ".join(w)] if w else []
    return [" ".join(w[i : i + PROBE_WORDS]) for i in range(0, len(w) - PROBE_WORDS + 1, 3)]


def strings_of(value: Any) -> Iterable[str]:
    """Every string inside a JSON-like value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_of(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from strings_of(v)


def forbidden_passages(lib: Library, place: Place) -> dict[str, list[str]]:
    """What a reader at `place` must not see, as probes: each spoiler block not reached, and
    the role and text of each character not met. Runs that also stand in the open text of
    some entry (a shared phrase) prove nothing and are left out."""
    open_text = " ".join(
        normalized(" ".join(seg.text for _, seg, _ in entries.passages(lib, slug) if not seg.held))
        for (slug,) in lib.conn.execute("SELECT slug FROM ref.entries WHERE kind != 'character'")
    )
    found: dict[str, list[str]] = {}
    for slug, position, work, chapter, body in lib.conn.execute(
        "SELECT slug, position, work, chapter, body FROM ref.passages WHERE work IS NOT NULL"
    ):
        if not place.shows(work, chapter):
            found[f"{slug}#{position} ({work} {chapter})"] = [
                p for p in probes(body) if f" {p} " not in open_text
            ]
    for slug, role in lib.conn.execute("SELECT slug, role FROM ref.characters"):
        if not entries.met(lib, slug, place):
            texts = [role] + [
                seg.text for _, seg, _ in entries.passages(lib, slug) if seg.work is None
            ]
            found[f"{slug} (not met)"] = [
                p for t in texts for p in probes(t) if f" {p} " not in open_text
            ]
    return {k: v for k, v in found.items() if v}


def leaks(output: str, forbidden: dict[str, list[str]]) -> list[str]:
    text = normalized(output)
    return [name for name, runs in forbidden.items() if any(f" {p} " in text for p in runs)]


def run_cli(data_dir: Path, *args: str) -> str:
    """The CLI in this process (the reference database as the test set it), its stdout."""
    out = io.StringIO()
    with redirect_stdout(out):
        code = cli.main(["--data-dir", str(data_dir), *args])
    assert code == 0, (args, out.getvalue())
    return out.getvalue()


def every_output(lib: Library, slug: str) -> dict[str, str]:
    """Everything a reader can be shown of one entry: the panel's page, `show` as text and
    as JSON (what the CLI prints, made the same way in this process)."""
    entry = entries.get_entry(lib, slug)
    return {
        "page": pages.entry_page(lib, slug),
        "json": " ".join(strings_of(entry.as_json())),
        "text": cli._entry_text(lib, entry, reveal=False),
    }


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
