"""Moving notes out (Markdown folder, JSON, CSV) and back in (our JSON).

Import is all-or-nothing: every record is checked before anything is written, and the
whole import is one transaction. A note keeps its `uid` across export and import, so
importing the same file twice adds nothing the second time.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from serge_reader import names, notes, safe_files
from serge_reader.clock import now_iso
from serge_reader.errors import UserError
from serge_reader.library import Library

FORMAT_NAME = "serge-reader-notes"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 512 * 1024 * 1024
IMPORT_CHUNK = 10_000  # notes checked, then inserted in one statement (notes.insert_staged)
IMPORT_FIRST_CHUNK = 2_500  # and the first, which nothing overlaps, smaller (see import_notes)
IMPORT_CACHE_KB = 128 * 1024  # SQLite's page cache while importing
IMPORT_FTS_HASH_BYTES = 64 * 2**20  # the full-text index's memory while importing
FTS_HASH_BYTES = 2**20  # and otherwise (FTS5's default)
CSV_FIELDS = (
    "id",
    "uid",
    "work",
    "page",
    "chapter",
    "percent",
    "kind",
    "tags",
    "created",
    "updated",
    "body",
)

# Called with (done, total) now and then; returning False cancels.
ProgressCallback = Callable[[int, int], bool]


class Cancelled(UserError):
    """The reader cancelled; nothing was imported, or no file was left behind."""


def _report(progress: ProgressCallback | None, done: int, total: int, every: int = 500) -> None:
    if (
        progress is not None
        and (done % every == 0 or done == total)
        and progress(done, total) is False
    ):
        raise Cancelled("cancelled; nothing was changed")


def _all_notes(lib: Library) -> list[notes.Note]:
    return list(reversed(notes.list_notes(lib)))  # oldest first


def export_notes(
    lib: Library,
    path: Path,
    fmt: str,
    progress: ProgressCallback | None = None,
    *,
    force: bool = False,
) -> int:
    """Write every note to `path` in `fmt` (md: a folder; json, csv: a file); returns the count.

    Never onto the library or a file the program keeps (see `safe_files.checked_target`);
    an existing file, or a symbolic link, only with `force` (the reader agreed). A file is
    written whole or not at all."""
    if fmt not in ("json", "csv", "md"):
        raise UserError(f"unknown export format '{fmt}' (md, json or csv)")
    path = safe_files.checked_target(
        path, data_dir=lib.data_dir, library=lib.path.name, force=force, folder=fmt == "md"
    )
    items = _all_notes(lib)
    if fmt == "json":
        _export_json(lib, path, items, progress)
    elif fmt == "csv":
        _export_csv(path, items, progress)
    else:
        _export_markdown(lib, path, items, progress, force=force)
    return len(items)


def _portable(note: notes.Note) -> dict[str, Any]:
    """A note as exported: everything but its number, which is this library's own."""
    return {k: v for k, v in note.as_json().items() if k != "id"}


def _export_json(
    lib: Library, path: Path, items: list[notes.Note], progress: ProgressCallback | None
) -> None:
    reading = list(
        lib.db.query("SELECT work, status, page, pages, started, finished, updated FROM progress")
    )
    encoder = json.JSONEncoder(ensure_ascii=False)
    head = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "exported": now_iso()}
    with safe_files.replacing(path) as f:
        f.write("{")
        for key, value in [*head.items(), ("progress", reading)]:
            f.write(f"{encoder.encode(key)}: ")
            for chunk in encoder.iterencode(value):
                f.write(chunk)
            f.write(", ")
        f.write('"notes": [\n')
        for i, note in enumerate(items):
            if i:
                f.write(",\n")
            for chunk in encoder.iterencode(_portable(note)):
                f.write(chunk)
            _report(progress, i + 1, len(items))
        f.write("\n]}\n")


def _export_csv(path: Path, items: list[notes.Note], progress: ProgressCallback | None) -> None:
    with safe_files.replacing(path) as f:
        f.write("\ufeff")  # a byte order mark: spreadsheets then read it as UTF-8
        writer = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for i, note in enumerate(items):
            writer.writerow({**note.as_json(), "tags": ";".join(note.tags)})
            _report(progress, i + 1, len(items))


def _export_markdown(
    lib: Library,
    path: Path,
    items: list[notes.Note],
    progress: ProgressCallback | None,
    *,
    force: bool,
) -> None:
    """A folder mirroring the notes, with the glossary pages they link to (see
    `markdown_export`): exporting there again rewrites the program's own files and removes
    those of deleted notes; anything else is replaced only with `force`."""
    from serge_reader import markdown_export

    markdown_export.export(
        lib, path, items, lambda done, total: _report(progress, done, total), force=force
    )


def _load(path: Path) -> dict[str, Any]:
    content = safe_files.read_bytes(path, "a JSON export", MAX_IMPORT_BYTES)
    try:
        data = json.loads(content.decode("utf-8"))
    except UnicodeDecodeError:
        raise UserError(f"{path} is not a text file (not UTF-8)") from None
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise UserError(f"{path} is nested too deeply to be a notes export") from None
    except ValueError:  # a number of thousands of digits (Python's int limit)
        raise UserError(f"{path} holds a number too long to be a notes export") from None
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT_NAME
        or not isinstance(data.get("notes"), list)
    ):
        raise UserError(
            f"{path} is not a Serge Reader notes export (made by 'serge-reader export --format json')"
        )
    if data.get("version") != FORMAT_VERSION:
        raise UserError(
            f"{path} is a version {data.get('version')!r} export; this program reads version {FORMAT_VERSION}"
        )
    return data


_TYPES: dict[str, tuple[type, ...]] = {
    "uid": (str,),
    "body": (str,),
    "work": (str, type(None)),
    "page": (int, type(None)),
    "chapter": (str, type(None)),
    "percent": (int, float, type(None)),
    "kind": (str,),
    "tags": (list,),
    "created": (str,),
    "updated": (str,),
}
_STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def _check_record(lib: Library, i: int, raw: object) -> dict[str, Any]:
    """A record of the export, checked and cleaned (`notes.checked_record`); UserError
    naming it (its number, and its uid when it has one) if bad."""
    try:
        return _checked(lib, raw)
    except UserError as exc:
        where = f"record {i + 1}"
        if isinstance(raw, dict) and isinstance(raw.get("uid"), str):
            where += f" (uid {raw['uid'][:40]})"
        raise UserError(f"{where}: {exc}") from None


def _checked(lib: Library, raw: object) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise UserError("not an object")
    for key, types in _TYPES.items():
        if key not in raw:
            raise UserError(f"'{key}' is missing")
        if not isinstance(raw[key], types) or isinstance(raw[key], bool):
            raise UserError(f"'{key}' has the wrong type")
    for key in ("created", "updated"):
        if not _STAMP.match(raw[key]):
            raise UserError(f"'{key}' is not a time like 2026-01-31T12:00:00Z")
    notes.check_unicode(raw["uid"], "'uid'")
    if not raw["uid"].strip() or len(raw["uid"]) > 100:
        raise UserError("'uid' is empty or too long")
    if not all(isinstance(t, str) for t in raw["tags"]):
        raise UserError("'tags' must be a list of strings")
    return notes.checked_record(
        lib,
        raw["body"],
        work=raw["work"],
        position=notes.Position(raw["page"], raw["chapter"], raw["percent"]),
        tags=raw["tags"],
        kind=raw["kind"],
        uid=raw["uid"],
        created=raw["created"],
        updated=raw["updated"],
    )


def import_notes(
    lib: Library, path: Path, progress: ProgressCallback | None = None
) -> tuple[int, int]:
    """Import a JSON export; returns (added, already present). All or nothing: the first bad
    record is named and nothing is kept.

    Records are checked in a second thread while the ones before them are indexed: the
    checks are Python, and indexing is one long SQLite statement that lets go of Python's
    interpreter lock, so each runs on its own core. (Started any earlier, the checks would
    hold up the row-by-row statements, which need that lock between rows.) Checking takes
    about half the time writing does, so the chunks grow from a small first one, the only
    one waited for, to `IMPORT_CHUNK`.
    """
    data = _load(path)
    reading = _checked_progress(data.get("progress", []))
    raws: list[object] = data["notes"]
    total = len(raws)
    names.load(lib)  # before the checks leave this thread

    starts = [0]
    while starts[-1] < total or len(starts) == 1:  # an empty file: one empty chunk
        size = min(IMPORT_CHUNK, IMPORT_FIRST_CHUNK * 2 ** (len(starts) - 1))
        starts.append(min(total, starts[-1] + size))

    def check(chunk: int) -> list[notes.StagedNote]:
        return [
            notes.staged(_check_record(lib, i, raws[i]))
            for i in range(starts[chunk], starts[chunk + 1])
        ]

    added = 0
    cache = lib.conn.execute("PRAGMA cache_size").fetchone()[0]
    temp_store = lib.conn.execute("PRAGMA temp_store").fetchone()[0]
    lib.conn.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KB}")
    lib.conn.execute("PRAGMA temp_store = MEMORY")  # notes.insert_staged's staging table
    try:
        with ThreadPoolExecutor(1, thread_name_prefix="import-check") as checker, lib.atomic():
            checking = checker.submit(check, 0)
            # Read under the write lock: an import of the same file running at the same
            # moment has either added its notes by now, or will wait for this one.
            existing = {r[0] for r in lib.conn.execute("SELECT uid FROM notes")}
            for chunk in range(len(starts) - 1):
                checked = checking.result()  # the first bad record's UserError, if any
                fresh = []
                for row in checked:
                    if row.uid not in existing:
                        fresh.append(row)
                        existing.add(row.uid)

                def check_next(after: int = chunk + 1) -> None:
                    nonlocal checking
                    if after < len(starts) - 1:
                        checking = checker.submit(check, after)

                if fresh and not added:  # only an import that adds anything writes
                    _index_in_memory(lib, IMPORT_FTS_HASH_BYTES)
                notes.insert_staged(lib, fresh, meanwhile=check_next)
                added += len(fresh)
                _report(progress, starts[chunk + 1], total, every=1)
            _import_progress(lib, reading)
            if added:
                _index_in_memory(lib, FTS_HASH_BYTES)
    finally:
        lib.conn.execute(f"PRAGMA cache_size = {int(cache)}")
        lib.conn.execute(f"PRAGMA temp_store = {int(temp_store)}")
    return added, total - added


def _index_in_memory(lib: Library, size: int) -> None:
    """How much the full-text index gathers in memory before writing a segment: each
    segment written is merged again later, so fewer, larger ones make an import faster."""
    lib.conn.execute("INSERT INTO notes_fts(notes_fts, rank) VALUES ('hashsize', ?)", (size,))


_DATE = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\dZ)?$")


def _checked_progress(rows: object) -> list[dict[str, Any]]:
    """The export's progress rows, every field checked as the program writes it (a row the
    program cannot read must never reach the library); UserError naming the first bad one."""
    from serge_reader.progress import MAX_PAGES, STATUSES

    def whole(value: object, low: int) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= MAX_PAGES

    if not isinstance(rows, list):
        raise UserError("'progress' must be a list")
    checked = []
    for i, row in enumerate(rows):
        where = f"progress record {i + 1}"
        if not isinstance(row, dict) or not isinstance(row.get("work"), str):
            raise UserError(f"{where}: not a progress object")
        where += f" ({row['work'][:40]})"
        if row.get("status") not in STATUSES:
            raise UserError(f"{where}: 'status' must be one of {', '.join(STATUSES)}")
        if not whole(row.get("page"), 0):
            raise UserError(f"{where}: 'page' must be a whole number from 0 to {MAX_PAGES:,}")
        pages = row.get("pages")
        if pages is not None and not whole(pages, 1):
            raise UserError(f"{where}: 'pages' must be empty or a whole number above 0")
        if pages is not None and row["page"] > pages:
            raise UserError(f"{where}: 'page' is beyond 'pages'")
        for key in ("started", "finished"):
            value = row.get(key)
            if value is not None and not (isinstance(value, str) and _DATE.match(value)):
                raise UserError(f"{where}: '{key}' must be empty or a date like 2026-01-31")
        if not (isinstance(row.get("updated"), str) and _STAMP.match(row["updated"])):
            raise UserError(f"{where}: 'updated' is not a time like 2026-01-31T12:00:00Z")
        checked.append({k: row.get(k) for k in _PROGRESS_FIELDS})
    return checked


_PROGRESS_FIELDS = ("work", "status", "page", "pages", "started", "finished", "updated")


def _import_progress(lib: Library, rows: list[dict[str, Any]]) -> None:
    """Progress from the export (checked by `_checked_progress`), for works the library has
    no progress for yet."""
    for row in rows:
        lib.conn.execute(
            "INSERT OR IGNORE INTO progress (work, status, page, pages, started, finished, updated)"
            " SELECT :work, :status, :page, :pages, :started, :finished, :updated"
            " WHERE EXISTS (SELECT 1 FROM ref.works WHERE slug = :work AND readable)",
            row,
        )
