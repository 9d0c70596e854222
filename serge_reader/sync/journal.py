"""The files in the shared folder: each device's journal, as numbered segments that are
written once, whole, and never changed (see docs/SYNC.md).

Reading is strict: a segment is applied whole or not at all. One that is truncated, fails
its hash, holds a record that does not check, or comes from a newer format is refused with
a reason (`BadSegment`) and read again at the next sync. Only exact names are read, so the
copies and partial files that sync engines make are never taken for segments.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from serge_reader import notes, progress
from serge_reader.errors import UserError
from serge_reader.storage import sync_dir
from serge_reader.sync import clock

FORMAT = "serge-reader-sync"
VERSION = 1
SYNC_DIR = "serge-reader-sync"  # inside the folder the reader chose
DEVICE_NAME = re.compile(r"^[0-9a-f]{12}$")
SEGMENT_NAME = re.compile(r"^([0-9]{8})\.jsonl$")
MAX_SEGMENT_BYTES = 2**31  # beyond anything written: refused rather than read into memory
_MAX_ID = 100
_NOT_STORED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # what notes.clean_body takes out
_GOOD_TAGS: set[str] = set()  # tags found good (most recur), so as to check each once
_MAX_TEXT = 1000
_EVENT_FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "session": {
        "work": (str,),
        "at": (str,),
        "from_page": (int,),
        "to_page": (int,),
        "before": (str, type(None)),
    },
    "read": {
        "work": (str,),
        "started": (str, type(None)),
        "finished": (str, type(None)),
        "status": (str,),
        "pages": (int, type(None)),
    },
}


class BadSegment(Exception):
    """A segment not to apply (now), with the reason in words."""


@dataclass(frozen=True)
class Segment:
    device: str
    seq: int
    path: Path

    @property
    def name(self) -> str:
        return self.path.name


def segment_name(seq: int) -> str:
    return f"{seq:08d}.jsonl"


def list_segments(root: Path) -> Iterator[Segment]:
    """Every segment in the shared folder `root`, by exact name only; regular files only."""
    try:
        devices = list(os.scandir(root))
    except OSError:
        return
    for device in devices:
        if not DEVICE_NAME.match(device.name) or not device.is_dir(follow_symlinks=False):
            continue
        try:
            files = list(os.scandir(device.path))
        except OSError:
            continue
        for entry in files:
            match = SEGMENT_NAME.match(entry.name)
            if match and entry.is_file(follow_symlinks=False):
                yield Segment(device.name, int(match.group(1)), Path(entry.path))


def encode(device: str, seq: int, records: Iterable[dict[str, Any]]) -> bytes:
    """A segment's bytes: header, records, trailer with count and hash."""
    return encode_lines(device, seq, [_line(record)[:-1].decode("utf-8") for record in records])


def encode_lines(device: str, seq: int, lines: list[str]) -> bytes:
    """`encode` of records already encoded, one JSON text each (the outbox's)."""
    header = _line({"format": FORMAT, "version": VERSION, "device": device, "seq": seq})
    body = header + "".join(line + "\n" for line in lines).encode("utf-8")
    count = len(lines)
    trailer = {"end": count, "sha256": hashlib.sha256(body).hexdigest()}
    return body + _line(trailer)


def _line(value: dict[str, Any]) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def write(root: Path, device: str, seq: int, data: bytes, *, replace: bool = False) -> bool:
    """Put a segment in place: a hidden temporary file, flushed, renamed, the folder flushed.
    True when written (or already there with these bytes); False when another file holds
    that name (a library restored from a backup reuses numbers): take the next number.
    With `replace`, a file of that name is replaced (this device's own, found damaged)."""
    folder = root / device
    _make_private_dir(root)
    _make_private_dir(folder)
    target = folder / segment_name(seq)
    if target.exists() and not replace:
        try:
            return target.read_bytes() == data
        except OSError:
            return False
    tmp = folder / f".{target.name}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    sync_dir(folder)
    return True


def next_free(root: Path, device: str, seq: int) -> int:
    """The first number from `seq` on that no file of this device uses."""
    used = {s.seq for s in list_segments(root) if s.device == device}
    while seq in used:
        seq += 1
    return seq


def _make_private_dir(folder: Path) -> None:
    folder.mkdir(mode=0o700, exist_ok=True)


def read(segment: Segment) -> list[dict[str, Any]]:
    """A segment's records, all checked; BadSegment when any of it is not right."""
    return [record for record, _line in read_lines(segment)]


def read_lines(segment: Segment) -> list[tuple[dict[str, Any], str]]:
    """A segment's records, all checked, each with its line as written (JSON that sync
    keeps as it is rather than encoding the record again); BadSegment as `read`."""
    try:
        if segment.path.stat().st_size > MAX_SEGMENT_BYTES:
            raise BadSegment("it is too large to be a journal")
        data = segment.path.read_bytes()
    except OSError as exc:
        raise BadSegment(f"it cannot be read ({exc.strerror})") from None
    if not data.endswith(b"\n"):
        raise BadSegment("it is incomplete (still arriving, or cut short)")
    cut = data.rfind(b"\n", 0, len(data) - 1) + 1
    body, last = data[:cut], data[cut:]
    try:
        texts = body.decode("utf-8").splitlines()
        lines = [json.loads(line) for line in texts]
        trailer = json.loads(last)
    except (UnicodeDecodeError, ValueError):
        raise BadSegment("it is damaged (not JSON lines)") from None
    if not lines or not isinstance(lines[0], dict) or lines[0].get("format") != FORMAT:
        raise BadSegment("it is not a Serge Reader journal")
    header = lines[0]
    version = header.get("version")
    if not isinstance(version, int) or version < 1:
        raise BadSegment("it is damaged (no format version)")
    if version > VERSION:
        raise BadSegment(
            f"it was written by a newer Serge Reader (format {version}); upgrade to read it"
        )
    if header.get("device") != segment.device or header.get("seq") != segment.seq:
        raise BadSegment("it is not where its device put it (a copy under another name?)")
    if (
        not isinstance(trailer, dict)
        or "end" not in trailer
        or trailer.get("sha256") != hashlib.sha256(body).hexdigest()
    ):
        raise BadSegment("it is incomplete or damaged (its check does not match)")
    records = lines[1:]
    if trailer["end"] != len(records):
        raise BadSegment("it is damaged (records missing)")
    for number, record in enumerate(records, 1):
        problem = record_problem(record)
        if problem:
            raise BadSegment(f"record {number} is not valid: {problem}")
    return list(zip(records, texts[1:], strict=True))


def _ok(value: Any, *types: type) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


def _text(value: Any, limit: int = _MAX_TEXT) -> bool:
    return isinstance(value, str) and len(value) <= limit


def _stamps(value: Any) -> bool:
    return isinstance(value, list) and all(clock.is_stamp(v) for v in value)


def _tags(value: Any) -> bool:
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        return False
    if all(t in _GOOD_TAGS for t in value) and len(set(value)) == len(value):
        return True
    try:
        good = notes.clean_tags(value) == value
    except UserError:
        return False
    if good and len(_GOOD_TAGS) < 10_000:
        _GOOD_TAGS.update(value)
    return good


def record_problem(record: Any) -> str | None:
    """What is wrong with a record (None when it can be applied as it is)."""
    if not isinstance(record, dict):
        return "not an object"
    kind = record.get("k")
    if kind == "note":
        return _note_problem(record)
    if kind == "progress":
        return _progress_problem(record)
    if kind in _EVENT_FIELDS:
        if not _text(record.get("uid"), _MAX_ID) or not record["uid"]:
            return "no uid"
        if not isinstance(record.get("d"), bool):
            return "no deletion flag"
        if record["d"]:
            return None
        fields = record.get("f")
        if not isinstance(fields, dict):
            return "no fields"
        for name, types in _EVENT_FIELDS[kind].items():
            if name not in fields or not _ok(fields[name], *types):
                return f"bad '{name}'"
            if isinstance(fields[name], str) and len(fields[name]) > 100_000:
                return f"'{name}' too long"
        return None
    return f"unknown kind {str(kind)[:20]!r}"


def _note_problem(r: dict[str, Any]) -> str | None:
    if not _text(r.get("uid"), _MAX_ID) or not r["uid"]:
        return "no uid"
    if not clock.is_stamp(r.get("v")) or not _stamps(r.get("p")):
        return "bad version"
    if not isinstance(r.get("d"), bool):
        return "no deletion flag"
    if not _tags(r.get("t")) or not _tags(r.get("b")):
        return "bad tags"
    if r["d"]:
        return None
    f = r.get("f")
    if not isinstance(f, dict):
        return "no fields"
    body = f.get("body")
    if not isinstance(body, str) or len(body) > notes.MAX_NOTE_CHARS:
        return "bad text"
    if _NOT_STORED.search(body):
        return "bad text"
    try:
        body.encode("utf-8")
    except UnicodeEncodeError:
        return "bad text"
    if not (f.get("work") is None or _text(f["work"], 200)):
        return "bad work"
    page = f.get("page")
    if not (page is None or (_ok(page, int) and 0 <= page <= progress.MAX_PAGES)):
        return "bad page"
    if not (f.get("chapter") is None or _text(f["chapter"])):
        return "bad chapter"
    percent = f.get("percent")
    if not (percent is None or (_ok(percent, int, float) and 0 <= percent <= 100)):
        return "bad percent"
    if f.get("kind") not in notes.NOTE_KINDS:
        return "bad kind"
    if not (_text(f.get("created"), 40) and _text(f.get("updated"), 40)):
        return "bad dates"
    return None


def _progress_problem(r: dict[str, Any]) -> str | None:
    if not _text(r.get("work"), 200) or not r["work"]:
        return "no work"
    if not clock.is_stamp(r.get("v")) or not isinstance(r.get("d"), bool):
        return "bad version"
    if r["d"]:
        return None
    f = r.get("f")
    if not isinstance(f, dict):
        return "no fields"
    if f.get("status") not in progress.STATUSES:
        return "bad status"
    page: Any = f.get("page")
    pages, chapter = f.get("pages"), f.get("chapter")
    if not (_ok(page, int) and 0 <= page <= progress.MAX_PAGES):
        return "bad page"
    if not (pages is None or (_ok(pages, int) and 0 < pages <= progress.MAX_PAGES)):
        return "bad page count"
    if not (chapter is None or (_ok(chapter, int) and chapter >= 1)):
        return "bad chapter"
    for name in ("started", "finished"):
        if not (f.get(name) is None or _text(f[name], 40)):
            return f"bad '{name}'"
    if not _text(f.get("updated"), 40):
        return "bad 'updated'"
    return None
