"""What the readers of e-reader files give: books, and the marks made in them.

Qt-free and library-free: a reader turns a device's file into a `Source`, and
`serge_reader.highlights.merge` decides what of it the library takes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from serge_reader.clock import STAMP_FORMAT
from serge_reader.errors import UserError
from serge_reader.safe_files import read_bytes

DEVICES = ("kindle", "koreader", "kobo")
DEVICE_NAMES = {"kindle": "Kindle", "koreader": "KOReader", "kobo": "Kobo"}
MAX_TEXT_BYTES = 64 * 2**20  # a clippings file of many years is a few MB
MAX_DATABASE_BYTES = 1024 * 2**20
MAX_FOLDER_FILES = 20_000  # sidecars looked at in a folder

# Called with (done, total) now and then; returning False cancels (see transfer).
Report = Callable[[int, int], bool]


@dataclass(frozen=True)
class Mark:
    """One thing marked on the device.

    `kind` is highlight, note (a note of its own, Kindle) or bookmark; `note` is the
    reader's note on a highlight. `spot` is where the device says it is, as it says it (a
    Kindle location range, a KOReader xpointer, a Kobo bookmark id): with the book, it names
    the mark across imports. `start`/`end` order marks and tell an edited highlight from a
    new one (Kindle locations); `share` is how far into the book (0..1) when the device
    knows only that.
    """

    kind: str
    text: str
    spot: str
    note: str | None = None
    page: int | None = None
    start: int | None = None
    end: int | None = None
    share: float | None = None
    chapter: str | None = None
    created: str | None = None  # UTC stamp
    note_spot: str | None = None  # where the note is, when it has its own place (Kindle)
    note_created: str | None = None


@dataclass
class Book:
    key: str  # how the device names the book, stable across imports
    title: str
    authors: list[str]
    marks: list[Mark] = field(default_factory=list)
    device_pages: int | None = None  # the device's own page count (KOReader)


@dataclass
class Source:
    device: str  # kindle, koreader or kobo
    path: Path
    books: list[Book]
    refused: int = 0  # entries that could not be read (told, never fatal)

    @property
    def device_name(self) -> str:
        return DEVICE_NAMES[self.device]


def local_stamp(moment: datetime) -> str:
    """A device's local time (naive) as a stored UTC stamp, read in this computer's zone."""
    if moment.tzinfo is None:  # naive: taken as local time, at that hour's offset
        offset = _offset(moment.year, moment.month, moment.day, moment.hour)
        return (moment - offset).strftime(STAMP_FORMAT)
    return moment.astimezone(UTC).strftime(STAMP_FORMAT)


@functools.lru_cache(maxsize=4096)
def _offset(year: int, month: int, day: int, hour: int) -> timedelta:
    return datetime(year, month, day, hour).astimezone().utcoffset() or timedelta(0)


def read_text(path: Path, what: str, limit: int = MAX_TEXT_BYTES) -> str:
    """A UTF-8 text file (a BOM dropped, line ends made `\\n`); UserError for a binary one."""
    content = read_bytes(path, what, limit)
    if b"\x00" in content[:65536]:
        raise UserError(f"{path} is a binary file, not {what}")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{path} is not a text file (not UTF-8), not {what}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


def report_every(report: Report | None, done: int, total: int, every: int = 500) -> None:
    if report is not None and (done % every == 0 or done == total) and report(done, total) is False:
        from serge_reader.transfer import Cancelled

        raise Cancelled("cancelled; nothing was changed")
