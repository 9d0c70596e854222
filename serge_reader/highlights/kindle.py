"""Kindle's `documents/My Clippings.txt`: highlights, notes and bookmarks in the device's
language.

Each entry is a title line `Title (Author)`, a meta line (kind, page, location, date, in
the device's language), a blank line, the text, and `==========`. The meta line is read by
its parts rather than by one pattern per language: the kind by its word, the page and the
location by theirs, the date by its month's name.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from serge_reader.errors import UserError
from serge_reader.highlights.model import (
    Book,
    Mark,
    Report,
    Source,
    local_stamp,
    read_text,
    report_every,
)

SEPARATOR = "=========="
WHAT = "a Kindle clippings file (My Clippings.txt)"

# The word for each kind, in English, French, German, Spanish, Italian, Portuguese, Dutch.
_KINDS = [
    ("bookmark", ("bookmark", "signet", "lesezeichen", "marcador", "segnalibro", "bladwijzer")),
    (
        "highlight",
        (
            "highlight",
            "surlignement",
            "markierung",
            "subrayado",
            "evidenziazione",
            "destaque",
            "markering",
            "clip",
            "extrait",
            "ausschnitt",
            "recorte",
            "ritaglio",
            "knipsel",
        ),
    ),
    ("note", ("note", "notiz", "nota", "notitie")),
]
_PAGE = re.compile(
    r"(?i)\b(?:page|pagina|página|seite|pág\.?)\s+([0-9ivxlcdm]+)(?:-[0-9ivxlcdm]+)?\b"
)
_LOCATION = re.compile(
    r"(?i)(?:location|emplacement|position|posición|ubicación|posizione|posição|locatie|pos\.)"
    r"\s+(\d+)(?:\s*-\s*(\d+))?"
)
_ADDED = re.compile(
    r"(?i)(added on|ajouté le|hinzugefügt am|añadido el|aggiunto in data|aggiunto il"
    r"|adicionado:?|adicionado em|toegevoegd op)\s*(.*)$"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january janvier januar jänner enero gennaio janeiro januari jan",
            "february février fevrier februar febrero febbraio fevereiro februari feb",
            "march mars märz marz marzo março maart mar",
            "april avril abril aprile apr",
            "may mai mayo maggio maio mei",
            "june juin juni junio giugno junho jun",
            "july juillet juli julio luglio julho jul",
            "august août aout agosto augustus aug",
            "september septembre septiembre settembre setembro sept sep",
            "october octobre oktober octubre ottobre outubro okt oct",
            "november novembre noviembre novembro nov",
            "december décembre decembre dezember diciembre dicembre dezembro dec dez",
        ],
        start=1,
    )
    for name in names.split()
}
_TIME = re.compile(r"(\d{1,2}):(\d\d)(?::(\d\d))?\s*([ap]\.?\s?m\.?)?", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"\b\d{1,4}\b")


def parse_date(text: str) -> str | None:
    """A meta line's date in any of the device languages, as a UTC stamp; None if unread."""
    m = _ADDED.search(text)
    moment = written_moment(m.group(2)) if m else None
    return local_stamp(moment) if moment is not None else None


def written_moment(text: str) -> datetime | None:
    """A date and time written in words in any of the device languages (`Monday, 3 June 2024
    10:15:00`, `03 juin 2024 21:08:13`), as the device's clock read; midnight when no time
    is written (an AM/PM marker is empty in many languages: the hour is then as written);
    None when the date cannot be read."""
    time = _TIME.search(text)
    hour = minute = second = 0
    if time:
        hour, minute, second = int(time.group(1)), int(time.group(2)), int(time.group(3) or 0)
        marker = (time.group(4) or "").lower().replace(".", "").replace(" ", "")
        if marker == "pm" and hour < 12:
            hour += 12
        elif marker == "am" and hour == 12:
            hour = 0
        text = text[: time.start()] + " " + text[time.end() :]
    day = _day(text)
    if day is None:
        return None
    try:
        return datetime(*day, hour, minute, second)
    except (ValueError, OverflowError):
        return None


@functools.lru_cache(maxsize=4096)
def _day(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written in words; a file holds many of the same day."""
    month = next((_MONTHS[w.lower()] for w in _WORD.findall(text) if w.lower() in _MONTHS), None)
    numbers = [int(n) for n in _NUMBER.findall(text)]
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if 1 <= n <= 31]
    if month is None or not years or not days:
        return None
    return years[0], month, days[0]


def _kind(head: str) -> str | None:
    words = set(_WORD.findall(head.lower()))
    for kind, names in _KINDS:
        if words & set(names):
            return kind
    return None


def _range(m: re.Match[str]) -> tuple[int, int]:
    start = int(m.group(1))
    end_text = m.group(2)
    if not end_text:
        return start, start
    end = int(end_text)
    if end < start:  # "680-82": the end written short
        prefix = str(start)[: max(0, len(str(start)) - len(end_text))]
        end = int(prefix + end_text) if prefix else end
        if end < start:
            end = start
    return start, end


def split_title(line: str) -> tuple[str, list[str]]:
    """`Title (Edition) (Last, First;Other, Name)` -> ("Title (Edition)", ["First Last", …])."""
    line = line.strip()
    if line.endswith(")"):
        depth = 0
        for i in range(len(line) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(line[i], 0)
            if depth == 0:
                title, inside = line[:i].strip(), line[i + 1 : -1].strip()
                if title:
                    return title, _authors(inside)
                break
    return line, []


def _authors(text: str) -> list[str]:
    out = []
    for part in re.split(r";|&| and ", text):
        part = part.strip()
        if "," in part:
            last, _, first = part.partition(",")
            part = f"{first.strip()} {last.strip()}".strip()
        if part:
            out.append(part)
    return out


def looks_like(text: str) -> bool:
    return SEPARATOR in text[:200_000] and bool(
        _LOCATION.search(text[:200_000]) or _PAGE.search(text[:200_000])
    )


def read(path: Path, report: Report | None = None) -> Source:
    text = read_text(path, WHAT)
    return parse(text, path, report)


def parse(text: str, path: Path, report: Report | None = None) -> Source:
    body = text.strip()
    if not body:
        raise UserError(f"{path} is empty: no clippings in it")
    if SEPARATOR not in body:
        raise UserError(f"{path} is not {WHAT}: no '{SEPARATOR}' between entries")
    if not body.endswith(SEPARATOR):
        raise UserError(
            f"{path} ends in the middle of an entry (the file is cut short); nothing was read"
        )
    chunks = body.split(SEPARATOR)[:-1]
    books: dict[str, Book] = {}
    refused = 0
    for n, chunk in enumerate(chunks, start=1):
        lines = chunk.strip("\n").split("\n")
        while lines and not lines[0].strip():
            lines.pop(0)
        if len(lines) < 2 or not lines[1].lstrip().startswith("-"):
            refused += 1
            continue
        title_line, meta = lines[0].strip(), lines[1].strip().lstrip("-").strip()
        parts = [p.strip() for p in meta.split("|")]
        kind = _kind(parts[0])
        if kind is None:
            refused += 1
            continue
        page = None
        loc: tuple[int, int] | None = None
        for part in parts:
            if page is None and (m := _PAGE.search(part)) and m.group(1).isdigit():
                page = int(m.group(1))
            if loc is None and (m := _LOCATION.search(part)):
                loc = _range(m)
        created = parse_date(parts[-1])
        content = "\n".join(lines[2:]).strip()
        book = books.get(title_line)
        if book is None:
            title, authors = split_title(title_line)
            book = books[title_line] = Book(key=title_line, title=title, authors=authors)
        if kind != "bookmark" and not content:
            continue  # a highlight of an image, or a note left empty
        spot = f"{loc[0]}-{loc[1]}" if loc else (f"p{page}" if page is not None else f"#{n}")
        book.marks.append(
            Mark(
                kind=kind,
                text=content,
                spot=spot if kind == "highlight" else f"{kind} {spot}",
                page=page,
                start=loc[0] if loc else None,
                end=loc[1] if loc else None,
                created=created,
            )
        )
        report_every(report, n, len(chunks))
    if not books:
        raise UserError(f"{path} is not {WHAT}: no entry could be read")
    for book in books.values():
        book.marks = _attach_notes(_drop_superseded(book.marks))
    return Source("kindle", path, list(books.values()), refused)


def same_passage(a: Mark, b: Mark) -> bool:
    """Whether two highlights are one passage marked again (the device keeps both when a
    highlight is changed): their locations overlap, and they start or end together or one
    text holds the other."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return a.spot == b.spot
    if a.start > b.end or b.start > a.end:
        return False
    return a.start == b.start or a.end == b.end or a.text in b.text or b.text in a.text


MAX_SPAN = 2000  # locations one highlight may cover, at most: how far back to look


class _Spans:
    """The kept highlights by where they start, to find those near a location quickly."""

    def __init__(self) -> None:
        self.starts: list[tuple[int, int]] = []  # (start, index in the marks)
        self.span = 0  # the longest highlight added: none starts further back than that

    def add(self, start: int, end: int, index: int) -> None:
        bisect.insort(self.starts, (start, index))
        self.span = max(self.span, min(end - start, MAX_SPAN))

    def remove(self, start: int, index: int) -> None:
        at = bisect.bisect_left(self.starts, (start, index))
        if at < len(self.starts) and self.starts[at] == (start, index):
            del self.starts[at]

    def near(self, low: int, high: int) -> list[int]:
        """Indexes of the highlights that may reach from `low` to `high`, latest first."""
        a = bisect.bisect_left(self.starts, (low - self.span, -1))
        b = bisect.bisect_right(self.starts, (high, 2**62))
        return sorted((i for _, i in self.starts[a:b]), reverse=True)


def _drop_superseded(marks: list[Mark]) -> list[Mark]:
    """An edited highlight appears twice: keep the later one (so with notes)."""
    kept: list[Mark | None] = []
    spans = _Spans()
    notes_at: dict[int, int] = {}
    for mark in marks:
        index = len(kept)
        if mark.kind == "highlight":
            if mark.start is not None and mark.end is not None:
                for i in spans.near(mark.start, mark.end):
                    old = kept[i]
                    if old is not None and same_passage(old, mark):
                        kept[i] = None
                        spans.remove(old.start or 0, i)
                spans.add(mark.start, mark.end, index)
            else:
                for i, old in enumerate(kept):
                    if old is not None and old.kind == "highlight" and same_passage(old, mark):
                        kept[i] = None
        elif mark.kind == "note" and mark.start is not None:
            if mark.start in notes_at:
                kept[notes_at[mark.start]] = None
            notes_at[mark.start] = index
        kept.append(mark)
    return [m for m in kept if m is not None]


def _attach_notes(marks: list[Mark]) -> list[Mark]:
    """A note follows its highlight and sits at its last location: it becomes that
    highlight's note. A note with no highlight there stays a note of its own."""
    out: list[Mark] = []
    spans = _Spans()
    for mark in marks:
        if mark.kind == "note" and mark.start is not None:
            for i in spans.near(mark.start, mark.start):
                h = out[i]
                if (
                    h.note is None
                    and h.start is not None
                    and h.end is not None
                    and h.start <= mark.start <= h.end
                ):
                    out[i] = replace(
                        h, note=mark.text, note_spot=mark.spot, note_created=mark.created
                    )
                    break
            else:
                out.append(mark)
            continue
        if mark.kind == "highlight" and mark.start is not None:
            spans.add(mark.start, mark.end or mark.start, len(out))
        out.append(mark)
    return out
