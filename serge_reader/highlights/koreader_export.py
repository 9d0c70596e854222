"""KOReader's own exports of highlights (its "Export highlights" plugin): JSON and Markdown.

The JSON export is one book (`title`, `author`, `file`, `number_of_pages`, `entries`,
`created_on`, `version` "json/…") or several (`documents`: a list of those); each entry has
the highlighted `text`, the reader's `note`, `chapter`, `page` and `time` (seconds since the
epoch). The Markdown export has, per book, `# Title`, `##### Author, Author`, a `## Chapter`
heading when the chapter changes, then for each highlight `### Page N @ 03 June 2024 09:08:13
PM` (the date as the device's C library writes it: English, or the device's language), the
text (wrapped in the style's emphasis: `*…*`, `**…**`, `++…++`, …), and a note after a `---`
line; the file ends with `_Generated at: 2024-06-05-10-00-00_`.

Both give the same marks as the sidecars they were made from: the spot is the highlight's
time, as the sidecar writes it, and the book is named by its title and author alike in both
exports, so a JSON and a Markdown export of the same highlights are one import.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from serge_reader.clock import STAMP_FORMAT
from serge_reader.errors import UserError
from serge_reader.highlights import kindle
from serge_reader.highlights.model import Book, Mark, Source, local_stamp, read_text

WHAT_JSON = "a KOReader highlights export (JSON)"
WHAT_MARKDOWN = "a KOReader highlights export (Markdown)"
_SPOT_FORMAT = "%Y-%m-%d %H:%M:%S"  # the sidecar's datetime, which names a highlight
_MAX_TIME = 32_503_680_000  # the year 3000: later is no device's clock

_JSON_START = re.compile(r'\s*\{\s*(?:"|\})')
_TITLE = re.compile(r"^# (?!#)(.*)$")
_AUTHOR = re.compile(r"^##### (.*)$")
_CHAPTER = re.compile(r"^## (?!#)(.*)$")
_ENTRY = re.compile(r"^### (?:Page|Seite|Página|Pagina|Pág\.?|Стр\.?) ?(\S*) @ (.+?)\s*$")
_GENERATED = re.compile(r"^_Generated at: [\d-]+_$")
_BACKLINK = re.compile(r"^\[[^\]\n]*\]\(<file://[^\n]*>\)$")
# The emphasis the Markdown export wraps a highlight in, by its style (none keeps it bare).
_STYLES = [
    ("**_", "_**"),
    ("**", "**"),
    ("==", "=="),
    ("++", "++"),
    ("~~", "~~"),
    ("<u>", "</u>"),
    ("*", "*"),
]


def looks_like_json(text: str) -> bool:
    return bool(_JSON_START.match(text.lstrip("\ufeff")))


def looks_like_markdown(text: str) -> bool:
    """A `# Title` line, an `##### Author` line under it, and a `### Page … @ …` entry."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n", 40)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or first + 1 >= len(lines):
        return False
    return (
        bool(_TITLE.match(lines[first]))
        and bool(_AUTHOR.match(lines[first + 1]))
        and any(_ENTRY.match(line) for line in lines[first + 2 :])
    )


def is_export(path: Path, head: str) -> bool:
    """Whether `path` (whose beginning is `head`) is to be read as one of these exports."""
    suffix = path.suffix.lower()
    return (
        suffix in (".json", ".md", ".markdown")
        or looks_like_json(head)
        or looks_like_markdown(head)
    )


def read(path: Path) -> Source:
    text = read_text(path, "a KOReader highlights export")
    if path.suffix.lower() == ".json" or looks_like_json(text):
        return read_json(path, text)
    return read_markdown(path, text)


# --- JSON -------------------------------------------------------------------------------------


def read_json(path: Path, text: str) -> Source:
    try:
        data = json.loads(text)
    except RecursionError:
        raise UserError(f"{path} is nested too deeply to be {WHAT_JSON}") from None
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or not text.rstrip().endswith("}"):
            raise UserError(f"{path} is cut short: not a whole {WHAT_JSON[2:]}") from None
        raise UserError(f"{path} is not {WHAT_JSON}: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(data, dict):
        raise UserError(f"{path} is not {WHAT_JSON}: it does not hold an object")
    if isinstance(data.get("documents"), list):
        documents = data["documents"]
    elif isinstance(data.get("entries"), list):
        documents = [data]
    else:
        raise UserError(f"{path} is not {WHAT_JSON}: it has neither documents nor entries")
    source = Source("koreader", path, [])
    for document in documents:
        if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
            source.refused += 1
            continue
        book, refused = _json_book(document)
        source.refused += refused
        if book.marks:
            source.books.append(book)
    if not source.books and source.refused:
        raise UserError(f"{path} is not {WHAT_JSON}: none of its highlights could be read")
    return source


def _json_book(document: dict[str, Any]) -> tuple[Book, int]:
    title = _text(document.get("title")) or "Unknown Book"
    author = _text(document.get("author"))
    pages = _count(document.get("number_of_pages"))
    book = Book(_key(title, author), title, _authors(author), device_pages=pages)
    refused = 0
    for item in document["entries"]:
        if isinstance(item, dict) and item.get("text") == "":
            continue  # a passage of a scanned page, exported as an image: nothing to quote
        mark = _json_mark(item, pages)
        if mark is None:
            refused += 1
        elif mark.kind == "highlight" or mark.text:
            book.marks.append(mark)
    return book, refused


def _json_mark(item: object, pages: int | None) -> Mark | None:
    if not isinstance(item, dict):
        return None
    text = _text(item.get("text"))
    if text is None:
        return None
    sort = item.get("sort")
    kind = "highlight" if sort in (None, "highlight") else str(sort)
    if kind not in ("highlight", "note", "bookmark"):
        return None
    when = item.get("time")
    moment = (
        datetime.fromtimestamp(when)
        if isinstance(when, int | float) and not isinstance(when, bool) and 0 < when < _MAX_TIME
        else None
    )
    page = _page(item.get("page"))
    return Mark(
        kind=kind,
        text=text,
        spot=_spot(moment, page, text),
        note=_text(item.get("note")),
        page=page,
        share=_share(page, pages),
        chapter=_text(item.get("chapter")),
        created=(
            datetime.fromtimestamp(when, UTC).strftime(STAMP_FORMAT)
            if moment is not None and isinstance(when, int | float)
            else None
        ),
    )


# --- Markdown ---------------------------------------------------------------------------------


def read_markdown(path: Path, text: str) -> Source:
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if not looks_like_markdown(text):
        raise UserError(
            f"{path} is not {WHAT_MARKDOWN}: it does not begin with a book's '# Title' and "
            "'##### Author' and hold '### Page … @ …' entries"
        )
    if not lines or not _GENERATED.match(lines[-1].strip()):
        raise UserError(
            f"{path} is cut short: {WHAT_MARKDOWN} ends with its '_Generated at: …_' line; "
            "nothing was read"
        )
    lines.pop()
    source = Source("koreader", path, [])
    book: Book | None = None
    chapter: str | None = None
    head: re.Match[str] | None = None
    body: list[str] = []

    def close() -> None:
        if book is not None and head is not None:
            mark = _markdown_mark(head, body, chapter)
            if mark is None:
                source.refused += 1
            else:
                book.marks.append(mark)

    i = 0
    while i < len(lines):
        line = lines[i]
        if (
            not _TITLE.match(line)
            and "# " in line
            and i + 1 < len(lines)
            and _AUTHOR.match(lines[i + 1])
        ):
            # Versions that write the books one after the other with no line between them
            # leave the next book's title at the end of the last highlight's line.
            cut = line.rindex("# ")
            lines[i : i + 1] = [line[:cut], line[cut:]]
            continue
        title = _TITLE.match(line)
        author = _AUTHOR.match(lines[i + 1]) if title and i + 1 < len(lines) else None
        if title and author:
            close()
            head, body, chapter = None, [], None
            name, by = title.group(1).strip(), author.group(1).strip()
            by_text = None if by in ("", "N/A") else by
            book = Book(_key(name, by_text), name, _authors(by_text))
            source.books.append(book)
            i += 2
            continue
        if book is not None and (match := _CHAPTER.match(line)):
            close()
            head, body = None, []
            chapter = match.group(1).strip() or None
        elif book is not None and (match := _ENTRY.match(line)):
            close()
            head, body = match, []
        elif head is not None:
            body.append(line)
        elif line.strip():
            source.refused += 1  # text outside any entry
        i += 1
    close()
    source.books = [b for b in source.books if b.marks]
    if not source.books:
        raise UserError(f"{path} is not {WHAT_MARKDOWN}: none of its highlights could be read")
    return source


def _markdown_mark(head: re.Match[str], body: list[str], chapter: str | None) -> Mark | None:
    while body and (not body[-1].strip() or _BACKLINK.match(body[-1].strip())):
        body = body[:-1]
    content = "\n".join(body).strip("\n")
    text, _, note = content.partition("\n\n---\n")
    text = _unstyled(text.strip())
    if not text:
        return None
    page = _page(head.group(1))
    moment = kindle.written_moment(head.group(2))
    return Mark(
        kind="highlight",
        text=text,
        spot=_spot(moment, page, text),
        note=note.strip() or None,
        page=page,
        chapter=chapter,
        created=local_stamp(moment) if moment is not None else None,
    )


def _unstyled(text: str) -> str:
    for start, end in _STYLES:
        if len(text) > len(start) + len(end) and text.startswith(start) and text.endswith(end):
            return text[len(start) : -len(end)].strip()
    return text


# --- both -------------------------------------------------------------------------------------


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _count(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 10_000_000:
        return value
    return None


def _page(value: object) -> int | None:
    """The page as KOReader gives it: its number, or the book's own page label when it has
    them (`xii`: no number)."""
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 9:
        value = int(value.strip())
    return _count(value)


def _share(page: int | None, pages: int | None) -> float | None:
    if page is None or not pages:
        return None
    return min(max(page / pages, 0.0), 1.0)


def _key(title: str, author: str | None) -> str:
    """The book's name in both exports (neither has the sidecar's checksum)."""
    by = ", ".join(a.strip() for a in (author or "").split("\n") if a.strip())
    return f"{title} ({by})" if by else title


def _authors(author: str | None) -> list[str]:
    """KOReader puts one author a line (the JSON export) or joins them with `, ` (Markdown);
    `Serge, Victor` is one author."""
    if not author:
        return []
    lines = [a.strip() for a in author.split("\n") if a.strip()]
    if len(lines) > 1:
        return lines
    parts = [p.strip() for p in lines[0].split(", ") if p.strip()]
    return parts if len(parts) > 1 and all(" " in p for p in parts) else lines


def _spot(moment: datetime | None, page: int | None, text: str) -> str:
    if moment is not None:
        return moment.strftime(_SPOT_FORMAT)
    from serge_reader.highlights.merge import text_hash

    return f"page {page} {text_hash(text)[:12]}"
