"""The source registry: what each entry's `sources` keys stand for, and how a reader sees them.

The registry is every `*.toml` file in `resources/content/sources/`; each holds tables keyed
by source key (see docs/CONTENT.md). A reader never sees a key or a file name: what is shown
is the citation, author, title, publication and date. Qt-free and Markdown-free.
"""

from __future__ import annotations

import re
import sqlite3
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FOLDER = "sources"
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELDS = ("author", "title", "publication", "date", "url", "file", "book")
TEXT_FIELDS = ("author", "title", "publication", "date", "url", "file")
# A source's file name in ../shared/sources: kept in the registry, never shown to a reader.
SOURCE_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


class RegistryError(Exception):
    """The registry files have problems; the message lists each on its own line."""


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    author: str = ""
    publication: str = ""
    date: str = ""
    url: str = ""
    file: str = ""
    book: bool = False  # a book: its title is shown as a title, not in quotation marks
    defined_in: str = ""

    @property
    def citation(self) -> str:
        """The reference as a reader sees it: author, title, publication, date."""
        title = self.title if self.book else f"“{self.title}”"
        return ", ".join(x for x in (self.author, title, self.publication, self.date) if x)


def load_registry(root: Path) -> dict[str, Source]:
    """Every source defined under `root / "sources"`, by key; raises `RegistryError` listing
    every problem (a key defined twice, a bad key, a missing title, an unknown field)."""
    registry: dict[str, Source] = {}
    problems: list[str] = []
    for path in sorted((root / FOLDER).glob("*.toml")):
        name = f"{FOLDER}/{path.name}"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(f"{name}: {exc}")
            continue
        for key, table in data.items():
            if not isinstance(table, dict):
                problems.append(f"{name}: '{key}' is not a table")
                continue
            if not KEY.match(key):
                problems.append(f"{name}: '{key}' is not a key (lowercase words joined by hyphens)")
            if key in registry:
                problems.append(
                    f"{name}: source '{key}' is defined twice (also in {registry[key].defined_in})"
                )
                continue
            unknown = set(table) - set(FIELDS)
            if unknown:
                problems.append(f"{name}: {key}: unknown field(s): {', '.join(sorted(unknown))}")
            if not str(table.get("title", "")).strip():
                problems.append(f"{name}: {key}: no title")
            if any(not isinstance(table.get(f, ""), str) for f in TEXT_FIELDS):
                problems.append(f"{name}: {key}: fields must be strings")
                continue
            registry[key] = Source(
                key=key,
                defined_in=name,
                book=bool(table.get("book", False)),
                **{f: str(table.get(f, "")).strip() for f in TEXT_FIELDS},
            )
    if problems:
        raise RegistryError("\n".join(problems))
    return registry


def check_entry_sources(slug: str, keys: Iterable[str], registry: dict[str, Source]) -> list[str]:
    """Problems with one entry's source keys: each must be in the registry."""
    return [
        f"{slug}: source '{key}' is not in the registry (resources/content/sources/*.toml)"
        for key in keys
        if key not in registry
    ]


SCHEMA = """
CREATE TABLE sources (
    key TEXT PRIMARY KEY,
    author TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    publication TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    file TEXT NOT NULL DEFAULT '',  -- the shared source file; never shown to a reader
    citation TEXT NOT NULL           -- author, title, publication, date, as shown
);
"""


def insert(con: sqlite3.Connection, registry: dict[str, Source]) -> None:
    """The registry into a reference database that has the `sources` table, in key order."""
    con.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (s.key, s.author, s.title, s.publication, s.date, s.url, s.file, s.citation)
            for s in sorted(registry.values(), key=lambda s: s.key)
        ],
    )


def citations(
    con: sqlite3.Connection, keys: Iterable[str], schema: str = "ref"
) -> list[dict[str, str]]:
    """The reader's view of an entry's sources, in the entry's order: author, title,
    publication, date, url and the citation line (no key, no file name)."""
    found = []
    for key in keys:
        try:
            row = con.execute(
                f"SELECT author, title, publication, date, url, citation FROM {schema}.sources"
                " WHERE key = ?",
                (key,),
            ).fetchone()
        except sqlite3.OperationalError:  # a reference database built before the registry
            return []
        if row is None:
            continue  # the checker refuses such content; an old database shows nothing
        found.append(
            dict(
                zip(("author", "title", "publication", "date", "url", "citation"), row, strict=True)
            )
        )
    return found
