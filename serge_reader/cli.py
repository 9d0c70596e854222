"""The `serge-reader` command: the app window, or one of the commands below it.

The command-line contract (names, options, JSON fields, exit codes) is relied on by other
tools; see README.md. Exit 0 on success, 1 on a user error (one line on stderr), 2 on a
usage error. A user error never prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from serge_reader import __version__, paths
from serge_reader.errors import UserError
from serge_reader.library import Library

if TYPE_CHECKING:
    from serge_reader.entries import Entry
    from serge_reader.notes import Note
    from serge_reader.opening import Opened

Handler = Callable[[argparse.Namespace], int]


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return value


def _count(text: str) -> int:
    """A limit or a note number: whole, not negative, and one SQLite can hold."""
    value = _non_negative(text)
    if value > 2**62:  # SQLite's integers end at 2**63 - 1
        raise argparse.ArgumentTypeError(f"{text} is too large")
    return value


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 100")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="serge-reader",
        description="A reading companion for the works of Victor Serge. "
        "Without a command, opens the app window.",
    )
    parser.add_argument("--version", action="version", version=f"serge-reader {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="where the library lives")
    parser.add_argument(
        "--quit-when-ready",
        action="store_true",
        help="open the window, wait until all of it has painted, exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("search", help="search works, periods, glossary and notes")
    p.add_argument("query")
    p.add_argument("--kind", choices=("work", "period", "term", "character", "note"))
    p.add_argument("--limit", type=_count, default=20)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="show an entry (slug) or a note (note:N)")
    p.add_argument("id")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--html", action="store_true")
    p.add_argument(
        "--spoilers", action="store_true", help="show passages past your place in the novels"
    )

    p = sub.add_parser("works", help="the reading list")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("progress", help="show or set progress in a work")
    p.add_argument("work")
    p.add_argument("--page", type=_non_negative)
    p.add_argument("--pages", type=_non_negative, help="the page count of your edition")
    p.add_argument(
        "--edition", metavar="N|ISBN", help="your edition: its number in --json's editions, or ISBN"
    )
    p.add_argument("--percent", type=_percent, help="for e-books: a percentage, turned into a page")
    p.add_argument("--status", help="want-to-read, reading, finished or abandoned")
    p.add_argument(
        "--chapter", type=_non_negative, help="the chapter you are in (0: follow the page)"
    )
    p.add_argument("--undo", action="store_true", help="undo the last change to this work")
    p.add_argument("--json", action="store_true")

    note = sub.add_parser("note", help="add, list, show, edit or remove notes")
    nsub = note.add_subparsers(dest="note_command", metavar="ACTION", required=True)
    p = nsub.add_parser("add", help="add a note; prints its number")
    p.add_argument("--work")
    p.add_argument("--page", type=_non_negative)
    p.add_argument("--chapter")
    p.add_argument("--percent", type=_percent)
    p.add_argument("--tag", action="append", default=[])
    p.add_argument("--quotation", action="store_true", help="a passage copied from the book")
    p.add_argument("text", help="the note's markdown text, or - to read it from stdin")
    p = nsub.add_parser("list", help="list notes")
    p.add_argument("--work")
    p.add_argument("--tag")
    p.add_argument("--json", action="store_true")
    p = nsub.add_parser("show", help="show one note")
    p.add_argument("n", type=_count)
    p.add_argument("--json", action="store_true")
    p = nsub.add_parser("edit", help="replace a note's text")
    p.add_argument("n", type=_count)
    p.add_argument("text", help="the new text, or - to read it from stdin")
    p = nsub.add_parser("rm", help="delete a note")
    p.add_argument("n", type=_count)

    p = sub.add_parser("export", help="export all notes")
    p.add_argument("--format", choices=("md", "json", "csv"), required=True)
    p.add_argument("--force", action="store_true", help="replace files already there")
    p.add_argument("path")
    p = sub.add_parser("import", help="import notes from a JSON export")
    p.add_argument("path")

    p = sub.add_parser(
        "import-highlights", help="take in highlights and notes from a Kindle, KOReader or Kobo"
    )
    p.add_argument("path", help="My Clippings.txt, a metadata.*.lua, KoboReader.sqlite or a device")
    p.add_argument("--from", dest="device", choices=("kindle", "koreader", "kobo"))
    p.add_argument("--dry-run", action="store_true", help="show what would be done; change nothing")
    p.add_argument("--bookmarks", action="store_true", help="take bookmarks in too")
    p.add_argument(
        "--choose",
        action="append",
        default=[],
        metavar="BOOK=WORK",
        help="the work a book is (a work's id; empty to skip the book)",
    )
    p.add_argument("--json", action="store_true")
    hl = sub.add_parser("highlights", help="list or remove e-reader imports")
    hsub = hl.add_subparsers(dest="highlights_command", metavar="ACTION", required=True)
    p = hsub.add_parser("list", help="every import, newest first")
    p.add_argument("--json", action="store_true")
    p = hsub.add_parser("rm", help="remove an import's notes (those you edited since are kept)")
    p.add_argument("batch", type=_non_negative)

    p = sub.add_parser("backup", help="back up the library now")
    p.add_argument("--force", action="store_true", help="replace a file already there")
    p.add_argument("path", nargs="?")
    p = sub.add_parser("restore", help="replace the library with a backup")
    p.add_argument("path")
    sub.add_parser("check", help="check the library's integrity")

    p = sub.add_parser("sync", help="sync with your other computers through a shared folder")
    p.add_argument("--folder", metavar="DIR", help="the shared folder (remembered)")
    p.add_argument("--status", action="store_true", help="devices, last sync, pending, conflicts")
    p.add_argument("--json", action="store_true")

    content = sub.add_parser("content", help="work on the reference content")
    csub = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    csub.add_parser("build", help="build data/serge.db from resources/content")
    return parser


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


NOT_UTF8 = "the {what} given is not valid UTF-8"


def _read_text(text: str) -> str:
    if text != "-":
        return text
    try:
        read = sys.stdin.read()
        read.encode("utf-8")  # bytes that are not UTF-8 may arrive as lone surrogates
    except (UnicodeDecodeError, UnicodeEncodeError):
        raise UserError(NOT_UTF8.format(what="text")) from None
    return read


def _note_text(text: str, *, editing: int | None = None) -> str:
    """A note's text from an argument or standard input; an empty one is refused, as the
    window never saves an empty note."""
    body = _read_text(text)
    if body.strip():
        return body
    if editing is None:
        raise UserError("the note is empty: nothing was saved")
    raise UserError(
        f"the new text is empty: note {editing} was left as it was"
        f" (to delete it: serge-reader note rm {editing})"
    )


def _work(lib: Library, name: str | None) -> str | None:
    """The work a `WORK` argument names: its id, a title or alias (see `names.find_entry`)."""
    from serge_reader.names import find_entry

    return find_entry(lib, name, kind="work") if name else None


def _open(args: argparse.Namespace) -> Library:
    return _opened(args).library


def _opened(args: argparse.Namespace) -> Opened:
    """The library, with what opening it took said on stderr, then the command carries on."""
    from serge_reader.opening import open_library

    opened = open_library(paths.data_dir(args.data_dir))
    if opened.recovery is not None:  # a damaged library was set aside
        print(f"serge-reader: {opened.recovery.message}", file=sys.stderr)
    if opened.notice is not None:  # a restore that was killed, finished or undone
        print(f"serge-reader: {opened.notice}", file=sys.stderr)
    return opened


def cmd_search(args: argparse.Namespace) -> int:
    from serge_reader.search import KINDS, marked, query_problem, search

    problem = query_problem(args.query)
    if problem:
        raise UserError(problem)
    with _open(args) as lib:
        results = search(
            lib, args.query, kinds=[args.kind] if args.kind else KINDS, limit=args.limit
        )
    if args.json:
        _print_json([r.to_json() for r in results])
    else:
        for r in results:
            print(f"{r.kind:<7} {r.id:<40} {r.title}")
            if r.snippet and r.snippet != r.title:
                print(f"        {marked(r.snippet, '[', ']')}")
    return 0


def _note_number(entry_id: str) -> int | None:
    from serge_reader.notes import NoteRef

    ref = NoteRef.parse(entry_id)
    return ref.number if ref else None


def cmd_show(args: argparse.Namespace) -> int:
    from serge_reader import entries, notes, pages

    with _open(args) as lib:
        number = _note_number(args.id)
        if number is None:
            from serge_reader.names import find_entry

            args.id = find_entry(lib, args.id)
        if args.html:
            print(
                pages.note_page(lib, number)
                if number is not None
                else pages.entry_page(lib, args.id, reveal=args.spoilers)
            )
        elif number is not None:
            note = notes.get_note(lib, number)
            if args.json:
                _print_json(_note_json(lib, note))
            else:
                _print_note(note)
        else:
            entry = entries.get_entry(lib, args.id, reveal=args.spoilers)
            if args.json:
                on_it = [n.id for n in notes.list_notes(lib, about=args.id)]
                _print_json(entry.as_json() | {"notes": on_it})
            else:
                print(f"{entry.title}\n{pages.subtitle(entry)}\n")
                print(_entry_text(lib, entry, reveal=args.spoilers))
                for link in entry.links:
                    print(f"  → {link.heading}: {link.title} ({link.id})")
                if entry.source_note:
                    print(f"\nOn the sources: {entry.source_note}")
                for source in entry.sources:
                    print(f"  Source: {source['citation']}")
    return 0


def _plain_links(lib: Library, text: str) -> str:
    """`[[okhrana]]` and `[[l-anarchie|l’anarchie]]` as a reader reads them in a terminal:
    the words shown, or the entry's title (the link itself is listed below the text)."""
    from serge_reader import entries
    from serge_reader.wikilinks import WIKILINK

    def shown(m: re.Match[str]) -> str:
        if m.group(2):
            return m.group(2)
        slug = entries.resolve_name(lib, m.group(1))
        return entries.entry_title(lib, slug) if slug else m.group(1)

    return WIKILINK.sub(shown, text)


def _entry_text(lib: Library, entry: Entry, *, reveal: bool) -> str:
    """An entry's text for the terminal: each passage held back a one-line notice that says
    how to see it."""
    from serge_reader import entries
    from serge_reader.spoilers import ENDING

    slug, character = entry.id, entry.character
    how = f"serge-reader show {slug} --spoilers"
    if character and not character.met:
        first = ", ".join(f"chapter {a.chapter} of {a.title}" for a in character.appears)
        return f"(You have not met this character yet: first seen in {first}. See all: {how})"
    from serge_reader.spoilers import EVERYTHING, SHOW_ALL

    place = SHOW_ALL if reveal else entries.reader_place(lib)
    out = []
    if character:
        out.append(character.role)
    for _, seg, _ in entries.passages(lib, slug):
        if seg.work is None or seg.chapter is None or place.shows(seg.work, seg.chapter):
            out.append(_plain_links(lib, seg.text.strip("\n")))
        else:
            title = entries.entry_title(lib, seg.work)
            where = "about its ending" if seg.chapter == ENDING else f"from chapter {seg.chapter}"
            out.append(f"[Spoiler for *{title}* {where} — show: {how}]")
    if character:
        out.extend(f"  {r.label}: {r.title} ({r.id})" for r in character.relations)
        if character.model:
            out.append(f"Real-world model: {character.model}")
    if entry.work and entry.work.characters:
        heading = "Who's who" if place.chapter(slug) >= EVERYTHING else "Who's who so far"
        out.append(
            heading
            + ":\n"
            + "\n".join(f"  {c.title} ({c.id}): {c.role}" for c in entry.work.characters)
        )
    return "\n\n".join(out)


def _note_json(lib: Library, note: Note) -> dict[str, Any]:
    """A note as `--json` gives it, with the entries its `[[links]]` resolve to."""
    from serge_reader import notes

    return {**note.as_json(), "links": notes.linked_entries(lib, note.id)}


def _print_note(note: Note) -> None:
    from serge_reader.pages import position_label

    meta = [f"note {note.id}", note.kind]
    if note.work:
        meta.append(note.work)
    if position_label(note.position):
        meta.append(position_label(note.position))
    meta.extend(f"#{t}" for t in note.tags)
    meta.append(f"updated {note.updated}")
    print(" · ".join(meta))
    print(note.body.rstrip())


def cmd_works(args: argparse.Namespace) -> int:
    from serge_reader.progress import reading_list

    with _open(args) as lib:
        works = reading_list(lib)
    if args.json:
        keys = ("id", "title", "year", "status", "page", "pages", "percent", "readable")
        _print_json([{k: v for k, v in w.as_json().items() if k in keys} for w in works])
        return 0
    for w in works:
        if not w.readable:
            state = w.availability
        elif w.status:
            state = w.status + (f" p.{w.page}/{w.pages or '?'}" if w.page else "")
        else:
            state = ""
        print(f"{w.year}  {w.id:<45} {w.title:<45} {state}")
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    from serge_reader.progress import editions, get_progress, set_progress, undo_last

    with _open(args) as lib:
        args.work = _work(lib, args.work)
        changes = (args.page, args.pages, args.percent, args.status, args.chapter, args.edition)
        if args.undo:
            if changes != (None,) * len(changes):
                raise UserError("--undo takes no other change")
            row = undo_last(lib, args.work)
        elif changes == (None,) * len(changes):
            row = get_progress(lib, args.work)
        else:
            row = set_progress(
                lib,
                args.work,
                page=args.page,
                pages=args.pages,
                percent=args.percent,
                status=args.status,
                chapter=args.chapter,
                edition=args.edition,
            )
        listed = editions(lib, args.work)
    if args.json:
        shown = row.as_json()
        _print_json(
            {
                k: shown[k]
                for k in (
                    "id",
                    "title",
                    "status",
                    "page",
                    "pages",
                    "percent",
                    "chapter",
                    "started",
                    "finished",
                )
            }
            | {"editions": listed}
        )
    else:
        pct = f" ({row.percent}%)" if row.percent is not None else ""
        pct += f", chapter {row.chapter}" if row.chapter else ""
        print(
            f"{row.title}: {row.status or 'not started'}, page {row.page} of {row.pages or '?'}{pct}"
        )
        if not args.undo and changes == (None,) * len(changes):
            for e in listed:  # to choose one with --edition N
                bits = [e["title"], *([f"tr. {e['translator']}"] if e["translator"] else [])]
                bits += [", ".join(str(x) for x in (e["publisher"], e["year"]) if x)]
                bits += [f"ISBN {e['isbn']}"] if e["isbn"] else []
                bits += [f"{e['pages']} pages" if e["pages"] else "pages not known"]
                print(f"  edition {e['number']}: " + "; ".join(b for b in bits if b))
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    from serge_reader import notes

    with _open(args) as lib:
        if args.note_command == "add":
            work = _work(lib, args.work)
            if work:
                from serge_reader.progress import check_page

                check_page(lib, work, args.page)  # the rule of `progress --page`
            number = notes.add_note(
                lib,
                _note_text(args.text),
                work=work,
                position=notes.Position(args.page, args.chapter, args.percent),
                tags=args.tag,
                kind="quotation" if args.quotation else "note",
            )
            print(number)
        elif args.note_command == "list":
            items = notes.list_notes(lib, work=_work(lib, args.work), tag=args.tag)
            if args.json:
                _print_json([n.as_json() for n in items])
            else:
                for n in items:
                    print(f"{n.id:>6}  {(n.work or '-'):<32} {n.title}")
        elif args.note_command == "show":
            note = notes.get_note(lib, args.n)
            if args.json:
                _print_json(_note_json(lib, note))
            else:
                _print_note(note)
        elif args.note_command == "edit":
            notes.update_note(lib, args.n, body=_note_text(args.text, editing=args.n))
        elif args.note_command == "rm":
            notes.delete_note(lib, args.n)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from serge_reader import transfer

    with _open(args) as lib:
        count = transfer.export_notes(lib, Path(args.path), args.format, force=args.force)
    print(f"exported {count} notes to {args.path}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from serge_reader import transfer

    with _open(args) as lib:
        added, skipped = transfer.import_notes(lib, Path(args.path))
    print(f"imported {added} notes ({skipped} already present)", file=sys.stderr)
    return 0


def cmd_import_highlights(args: argparse.Namespace) -> int:
    from serge_reader import operations
    from serge_reader.highlights import merge, read_source

    choices: dict[str, str | None] = {}
    for choice in args.choose:
        book, sep, work = choice.rpartition("=")
        if not sep or not book:
            raise UserError(f"--choose takes BOOK=WORK, not '{choice}'")
        choices[book] = work.strip() or None
    source = read_source(Path(args.path), args.device)
    keys = {b.title: b.key for b in source.books} | {b.key: b.key for b in source.books}
    unknown = [book for book in choices if book not in keys]
    if unknown:
        raise UserError(f"no book '{unknown[0]}' in {args.path}")
    choices = {keys[book]: work for book, work in choices.items()}
    with _open(args) as lib:
        if args.dry_run:
            plan = merge.plan_import(lib, source, choices=choices, bookmarks=args.bookmarks)
            batch = None
        else:
            done = operations.import_highlights(
                lib, source, choices=choices, bookmarks=args.bookmarks
            )
            plan, batch = done.value.plan, done.value.batch
    if args.json:
        _print_json(plan.to_json() | {"batch": batch, "dry_run": args.dry_run})
        return 0
    print(("would import: " if args.dry_run else "") + plan.summary())
    for book in plan.books:
        if book.status in ("ambiguous",):
            options = ", ".join(book.candidates) or "see 'serge-reader works'"
            print(
                f"  choose a work for '{book.title}' with --choose '{book.title}=WORK' ({options})"
            )
    if batch is not None:
        print(f"  batch {batch}: 'serge-reader highlights rm {batch}' takes it out again")
    return 0


def cmd_highlights(args: argparse.Namespace) -> int:
    from serge_reader.highlights import merge

    with _open(args) as lib:
        if args.highlights_command == "list":
            rows = merge.list_batches(lib)
            if args.json:
                _print_json(rows)
            for row in [] if args.json else rows:
                print(
                    f"{row['id']:>4}  {merge.batch_summary(row)}  ({row['remaining']} notes left)"
                )
        else:
            from serge_reader import operations

            removed = operations.remove_highlight_batch(lib, args.batch).value
            kept = f"; kept {removed.kept} you edited since" if removed.kept else ""
            print(f"removed {removed.removed} notes{kept}", file=sys.stderr)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from serge_reader import backup

    with _open(args) as lib:
        target = (
            backup.backup_to(lib, Path(args.path), force=args.force)
            if args.path
            else backup.backup_now(lib)
        )
    print(target)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from serge_reader import backup

    aside = backup.restore(paths.data_dir(args.data_dir), Path(args.path))
    kept = f"; the replaced library was kept as {aside}" if aside else ""
    print(f"restored {args.path}{kept}", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from serge_reader import backup

    opened = _opened(args)
    with opened.library as lib:
        problems = [opened.recovery.problem] if opened.recovery else backup.check(lib)
    if problems:
        raise UserError(f"the library is damaged: {problems[0]}")
    print("ok")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from serge_reader.sync import engine

    with _open(args) as lib:
        if args.status:
            if args.folder:
                raise UserError("--status takes no --folder")
            state = engine.status(lib)
            if args.json:
                _print_json(state)
            else:
                _print_sync_status(state)
            return 0
        report = engine.run(lib, Path(args.folder) if args.folder else None)
    if args.json:
        _print_json(report.to_json())
    else:
        print(report.line())
    return 0


def _print_sync_status(state: dict[str, Any]) -> None:
    print(f"folder: {state['folder'] or '(none: serge-reader sync --folder DIR)'}")
    print(f"this device: {state['device'] or '(not synced yet)'}")
    print(f"last sync: {state['last_sync'] or 'never'}")
    print(f"pending changes: {state['pending']}")
    print(f"conflict versions: {state['conflicts']} (notes tagged 'conflict')")
    for d in state["devices"]:
        this = " (this one)" if d["this"] else ""
        print(f"device {d['device']}{this}: {d['segments']} files, last {d['last_change']}")
    for problem in state["problems"]:
        print(f"set aside: {problem}")


def cmd_content(args: argparse.Namespace) -> int:
    from serge_reader import reference
    from serge_reader.content import ContentError

    root = paths.PACKAGE_DIR.parent
    if not (root / "resources" / "content").is_dir():
        raise UserError("'content build' works in a source checkout of Serge Reader")
    try:
        count = reference.build(root / "resources" / "content", root / "data" / "serge.db")
    except ContentError as exc:
        print(exc, file=sys.stderr)
        raise UserError("the content has problems; nothing was built") from None
    print(f"built data/serge.db with {count} entries", file=sys.stderr)
    return 0


def _check_display() -> None:
    """On Linux and the BSDs, a window needs an X or Wayland display (or a Qt platform set):
    without one Qt aborts with a long message, so say it in one line first."""
    import os

    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return
    if any(os.environ.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")):
        return
    raise UserError(
        "there is no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set):"
        " start it from a desktop session, or use the commands (serge-reader --help)"
    )


def cmd_gui(args: argparse.Namespace) -> int:
    _check_display()
    try:
        from serge_reader.ui.app import run
    except ImportError as exc:
        raise UserError(f"the app window cannot start: {exc}") from None
    return int(run(paths.data_dir(args.data_dir), quit_when_ready=args.quit_when_ready))


COMMANDS: dict[str | None, Handler] = {
    None: cmd_gui,
    "search": cmd_search,
    "show": cmd_show,
    "works": cmd_works,
    "progress": cmd_progress,
    "note": cmd_note,
    "export": cmd_export,
    "import": cmd_import,
    "import-highlights": cmd_import_highlights,
    "highlights": cmd_highlights,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "check": cmd_check,
    "content": cmd_content,
    "sync": cmd_sync,
}


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Bytes that are not UTF-8 on the command line arrive as lone surrogates: refuse them."""
    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    raise UserError(NOT_UTF8.format(what=name.replace("_", " "))) from None


def _window_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when `argv` holds nothing but the window's own options, spelled out
    (`--data-dir DIR`, `--data-dir=DIR`, `--quit-when-ready`), read as the parser reads
    them; else None. The launcher starts the window so, and building the whole parser,
    every command's options and help, would cost the start a hundredth of a second."""
    args = argparse.Namespace(command=None, data_dir=None, quit_when_ready=False)
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--quit-when-ready":
            args.quit_when_ready = True
        elif arg.startswith("--data-dir="):
            args.data_dir = arg.removeprefix("--data-dir=")
        elif arg == "--data-dir" and rest and not rest[0].startswith("-"):
            args.data_dir = rest.pop(0)
        else:
            return None  # anything else (help, a command, a mistake) is the parser's
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _window_only(argv) or build_parser().parse_args(argv)
    try:
        _check_text_arguments(args)
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"serge-reader: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
