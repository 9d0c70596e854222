"""One sync with the shared folder, and what `sync --status` tells (docs/SYNC.md).

A sync: write what an interrupted sync left in the outbox; read and check the segments not
yet applied (nothing written); then one transaction that records local changes, applies
everyone's, and remembers what was applied; then write this device's new segment, and
write again those of its own segments found damaged or gone in the folder.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from serge_reader import transfer
from serge_reader.clock import now_iso
from serge_reader.drafts import CONFLICT_TAG
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.sync import journal
from serge_reader.sync.clock import HybridClock
from serge_reader.sync.merge import Merger


@dataclass
class Report:
    """What a sync did, for one line of the CLI, JSON, or the window's status bar."""

    folder: str
    device: str
    sent: int = 0  # records this device published
    applied: int = 0  # changes made here by other devices' records
    conflicts: int = 0  # conflict versions made here
    devices: int = 0  # other devices seen in the folder
    segments: int = 0  # segments read and applied
    problems: list[str] = field(default_factory=list)  # segments set aside, and why
    republished: int = 0  # this device's own segments found damaged or gone, written again
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return self.applied > 0 or self.conflicts > 0

    def line(self) -> str:
        parts = [
            f"synced with {self.devices} other device{'s' if self.devices != 1 else ''}",
            f"sent {self.sent} change{'s' if self.sent != 1 else ''}",
            f"received {self.applied}",
        ]
        if self.conflicts:
            parts.append(
                f"{self.conflicts} conflict version{'s' if self.conflicts != 1 else ''}"
                f" kept as notes tagged '{CONFLICT_TAG}'"
            )
        if self.republished:
            parts.append(
                f"{self.republished} of this device's files found damaged or missing in the"
                " folder and written again"
            )
        if self.problems:
            parts.append(
                f"{len(self.problems)} file{'s' if len(self.problems) != 1 else ''}"
                f" set aside ({self.problems[0]})"
            )
        return ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "device": self.device,
            "sent": self.sent,
            "received": self.applied,
            "conflicts": self.conflicts,
            "devices": self.devices,
            "segments": self.segments,
            "problems": self.problems,
            "republished": self.republished,
            "seconds": round(self.seconds, 3),
        }


# -- this device's settings, kept in the library (never synced) -------------------------


def get_setting(lib: Library, key: str) -> str | None:
    row = lib.conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def _set(lib: Library, key: str, value: str) -> None:
    lib.conn.execute("INSERT OR REPLACE INTO sync_state VALUES (?, ?)", (key, value))


def folder_setting(lib: Library) -> Path | None:
    value = get_setting(lib, "folder")
    return Path(value) if value else None


def set_folder(lib: Library, folder: Path) -> Path:
    """Check and remember the sync folder; returns it, absolute."""
    folder = checked_folder(folder)
    if get_setting(lib, "folder") != str(folder):
        with lib.atomic():
            _set(lib, "folder", str(folder))
    return folder


def checked_folder(folder: Path) -> Path:
    folder = folder.expanduser()
    if not folder.exists():
        raise UserError(f"the sync folder {folder} does not exist; create it (or give another)")
    if not folder.is_dir():
        raise UserError(f"the sync folder {folder} is a file; give a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(f"the sync folder {folder} is not writable")
    folder = folder.resolve()
    for name in ("library.db", "library.db-wal"):
        if (folder / name).exists():
            raise UserError(
                f"the sync folder {folder} holds a library ({name}); give a folder of its own"
            )
    return folder


def device_id(lib: Library) -> str:
    """This library's device id: random, made once, nothing of the machine in it."""
    device = get_setting(lib, "device")
    if device is None:
        with lib.atomic():
            device = get_setting(lib, "device")
            if device is None:
                device = secrets.token_hex(6)
                _set(lib, "device", device)
    return device


# -- the sync itself ----------------------------------------------------------------------


def run(
    lib: Library, folder: Path | None = None, *, wall: Any = time.time, idle_writes: bool = True
) -> Report:
    """Sync with the folder given (then remembered) or the one remembered.

    With `idle_writes=False` (the window's syncs every few minutes) a sync that finds
    nothing to record, apply or set aside writes nothing to the library: an idle library
    stays unchanged (no new backup, no reload of the window); `last_sync` then keeps the
    time of the last sync that did something."""
    return _run(lib, folder, wall, idle_writes)


@contextlib.contextmanager
def _cycles_not_collected() -> Iterator[None]:
    """Python's cycle collector paused for the sync: a first sync makes millions of dicts
    and lists (records, histories), none in a cycle, and each collection walked them all."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(lib: Library, folder: Path | None, wall: Any, idle_writes: bool) -> Report:
    started = time.perf_counter()
    if folder is not None:
        folder = set_folder(lib, folder)
    else:
        folder = folder_setting(lib)
        if folder is None:
            raise UserError("no sync folder yet: give one with 'serge-reader sync --folder DIR'")
        folder = checked_folder(folder)
    device = device_id(lib)
    root = folder / journal.SYNC_DIR
    try:
        root.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot write in the sync folder {folder}: {exc.strerror}") from None
    report = Report(str(folder), device)
    _flush(lib, root, device)  # what an interrupted sync left
    applied = {(d, s) for d, s in lib.conn.execute("SELECT device, seq FROM sync_applied")}
    found = sorted(journal.list_segments(root), key=lambda s: (s.device, s.seq))
    report.devices = len({s.device for s in found} - {device})
    fresh: list[tuple[journal.Segment, list[tuple[dict[str, Any], str]]]] = []
    for segment in found:
        if (segment.device, segment.seq) in applied:
            continue
        try:
            fresh.append((segment, journal.read_lines(segment)))
        except journal.BadSegment as exc:
            report.problems.append(f"{segment.device}/{segment.name}: {exc}")
    problems = json.dumps(report.problems, ensure_ascii=False)
    if not (idle_writes or fresh or _has_pending(lib) or problems != get_setting(lib, "problems")):
        report.republished = _republish_damaged(lib, root, device, found, applied)
        report.seconds = time.perf_counter() - started
        return report
    # (the collector paused for this part only: a sync waiting on a slow folder must not
    # keep it off for the whole program, the window included)
    with _cycles_not_collected(), _large_writes(lib), lib.atomic():
        clock = HybridClock(device, get_setting(lib, "clock"), wall)
        merger = Merger(lib, clock)
        merger.capture()
        _set(lib, "applying", "1")  # the triggers record no change while others' are applied
        for _, lines in fresh:
            merger.lines.update((r["v"], line) for r, line in lines if r["k"] == "note")
        merger.apply(r for _, lines in fresh for r, _line in lines)
        lib.conn.execute("DELETE FROM sync_state WHERE key = 'applying'")
        merger.save()
        lib.conn.executemany(
            "INSERT OR IGNORE INTO sync_applied (device, seq) VALUES (?, ?)",
            [(s.device, s.seq) for s, _ in fresh],
        )
        lib.conn.execute("DELETE FROM sync_pending")
        _set(lib, "clock", clock.stamp())
        _set(lib, "last_sync", now_iso())
        _set(lib, "problems", problems)
    report.sent = _flush(lib, root, device)
    # After the transaction: every note's heads then have their text (`Merger.save`).
    report.republished = _republish_damaged(lib, root, device, found, applied)
    report.applied = merger.outcome.applied
    report.conflicts = merger.outcome.conflicts
    report.segments = len(fresh)
    report.seconds = time.perf_counter() - started
    return report


@contextlib.contextmanager
def _large_writes(lib: Library) -> Iterator[None]:
    """A page cache large enough for a first sync's writes, as an import has (with SQLite's
    2 MB, the indexes on random uids spill and are read back: 100,000 notes took minutes);
    the staging table of `notes.insert_records` in memory."""
    cache = lib.conn.execute("PRAGMA cache_size").fetchone()[0]
    temp_store = lib.conn.execute("PRAGMA temp_store").fetchone()[0]
    lib.conn.execute(f"PRAGMA cache_size = {-transfer.IMPORT_CACHE_KB}")
    lib.conn.execute("PRAGMA temp_store = MEMORY")
    try:
        yield
    finally:
        lib.conn.execute(f"PRAGMA cache_size = {int(cache)}")
        lib.conn.execute(f"PRAGMA temp_store = {int(temp_store)}")


def _has_pending(lib: Library) -> bool:
    return bool(lib.conn.execute("SELECT EXISTS (SELECT 1 FROM sync_pending)").fetchone()[0])


def forget_folder(lib: Library) -> None:
    """Stop syncing this library (what was synced stays; the folder is left as it is)."""
    with lib.atomic():
        lib.conn.execute("DELETE FROM sync_state WHERE key = 'folder'")


@dataclass(frozen=True)
class Summary:
    """What the window's indicator shows; quick to read (the folder is not looked at)."""

    folder: Path | None
    last_sync: str | None  # UTC ISO time of the last sync that did something
    pending: int  # local changes not yet written to the folder
    conflicts: int  # notes tagged 'conflict'


def summary(lib: Library) -> Summary:
    pending = lib.conn.execute(
        "SELECT (SELECT count(*) FROM sync_pending) + (SELECT count(*) FROM sync_outbox)"
    ).fetchone()[0]
    conflicts = lib.conn.execute(
        "SELECT count(*) FROM note_tags WHERE tag = ?", (CONFLICT_TAG,)
    ).fetchone()[0]
    return Summary(folder_setting(lib), get_setting(lib, "last_sync"), int(pending), int(conflicts))


def _flush(lib: Library, root: Path, device: str) -> int:
    """Write the outbox as this device's next segment; returns the records written."""
    rows = lib.conn.execute("SELECT id, record FROM sync_outbox ORDER BY id").fetchall()
    if not rows:
        return 0
    records = [str(r[1]) for r in rows]
    seq = int(get_setting(lib, "next_seq") or 1)
    while True:
        try:
            if journal.write(root, device, seq, journal.encode_lines(device, seq, records)):
                break
        except OSError as exc:
            raise UserError(
                f"cannot write in the sync folder {root.parent}: {exc.strerror}; "
                "the changes are kept and sent at the next sync"
            ) from None
        seq = journal.next_free(root, device, seq + 1)
    with lib.atomic():
        lib.conn.execute("DELETE FROM sync_outbox WHERE id <= ?", (rows[-1][0],))
        lib.conn.execute("INSERT OR IGNORE INTO sync_applied VALUES (?, ?)", (device, seq))
        _set(lib, "next_seq", str(seq + 1))
        _remember_published(lib, root, device, [seq])
    return len(records)


# -- this device's own files, kept whole in the folder ------------------------------------


def _published(lib: Library) -> dict[str, list[int]]:
    """This device's segments as written: seq -> [size, mtime in ns]."""
    known: dict[str, list[int]] = json.loads(get_setting(lib, "published") or "{}")
    return known


def _remember_published(lib: Library, root: Path, device: str, seqs: list[int]) -> None:
    known = _published(lib)
    for seq in seqs:
        try:
            info = (root / device / journal.segment_name(seq)).stat()
        except OSError:
            continue
        known[str(seq)] = [info.st_size, info.st_mtime_ns]
    _set(lib, "published", json.dumps(known, separators=(",", ":")))


def _republish_damaged(
    lib: Library,
    root: Path,
    device: str,
    found: list[journal.Segment],
    applied: set[tuple[str, int]],
) -> int:
    """Write again this device's segments that are gone from the folder or damaged there
    (a disk error, a sync engine's bad copy, a file deleted by hand), so that the other
    devices do not set them aside for ever. A segment is looked at closely (read and
    checked) only when its size or time differs from when it was written. The records it
    held are not kept anywhere else: each damaged one is replaced by everything this device
    knows (every note's current versions, progress, sessions and reads: applying a record
    twice changes nothing), since another device may have applied any of the others."""
    mine = {s.seq: s for s in found if s.device == device}
    ours = sorted(seq for d, seq in applied if d == device)
    known = _published(lib)
    damaged: list[int] = []
    checked: list[int] = []
    for seq in ours:
        segment = mine.get(seq)
        if segment is None:
            damaged.append(seq)
            continue
        try:
            info = segment.path.stat()
        except OSError:
            damaged.append(seq)
            continue
        if known.get(str(seq)) == [info.st_size, info.st_mtime_ns]:
            continue
        try:
            journal.read(segment)
        except journal.BadSegment:
            damaged.append(seq)
        else:
            checked.append(seq)
    if damaged:
        everything = Merger(lib, HybridClock(device)).everything()
        for seq in damaged:
            data = journal.encode(device, seq, everything)
            try:
                journal.write(root, device, seq, data, replace=True)
            except OSError as exc:
                raise UserError(
                    f"cannot write in the sync folder {root.parent}: {exc.strerror}"
                ) from None
    if damaged or checked:
        with lib.atomic():
            _remember_published(lib, root, device, damaged + checked)
    return len(damaged)


def status(lib: Library) -> dict[str, Any]:
    """Devices, last sync, pending changes and conflicts, for `sync --status`."""
    folder = folder_setting(lib)
    device = get_setting(lib, "device")
    devices: dict[str, dict[str, Any]] = {}
    if folder is not None:
        for segment in journal.list_segments(folder / journal.SYNC_DIR):
            entry = devices.setdefault(
                segment.device, {"device": segment.device, "segments": 0, "last_change": None}
            )
            entry["segments"] += 1
            try:
                mtime = segment.path.stat().st_mtime
            except OSError:
                continue
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(mtime))
            if entry["last_change"] is None or stamp > entry["last_change"]:
                entry["last_change"] = stamp
    if device is not None:
        devices.setdefault(device, {"device": device, "segments": 0, "last_change": None})
    pending = lib.conn.execute("SELECT count(*) FROM sync_pending").fetchone()[0]
    pending += lib.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
    conflicts = lib.conn.execute(
        "SELECT count(*) FROM note_tags WHERE tag = ?", (CONFLICT_TAG,)
    ).fetchone()[0]
    return {
        "folder": str(folder) if folder else None,
        "device": device,
        "last_sync": get_setting(lib, "last_sync"),
        "pending": int(pending),
        "conflicts": int(conflicts),
        "devices": [d | {"this": d["device"] == device} for _, d in sorted(devices.items())],
        "problems": json.loads(get_setting(lib, "problems") or "[]"),
    }
