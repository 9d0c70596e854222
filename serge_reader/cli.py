"""The `serge-reader` command: the app window, or one of the commands below it.

The command-line contract (names, options, JSON fields, exit codes) is relied on by other
tools; see README.md. Exit 0 on success, 1 on a user error (one line on stderr), 2 on a
usage error. A user error never prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from serge_reader import __version__, paths
from serge_reader.errors import UserError
from serge_reader.library import Library

Handler = Callable[[argparse.Namespace], int]


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
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
    p.add_argument("--kind", choices=("work", "period", "term", "note"))
    p.add_argument("--limit", type=_non_negative, default=20)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", help="show an entry (slug) or a note (note:N)")
    p.add_argument("id")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--html", action="store_true")

    p = sub.add_parser("works", help="the reading list")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("progress", help="show or set progress in a work")
    p.add_argument("work")
    p.add_argument("--page", type=_non_negative)
    p.add_argument("--pages", type=_non_negative)
    p.add_argument("--percent", type=_percent, help="for e-books: a percentage, turned into a page")
    p.add_argument("--status", help="want-to-read, reading, finished or abandoned")
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
    p.add_argument("n", type=_non_negative)
    p.add_argument("--json", action="store_true")
    p = nsub.add_parser("edit", help="replace a note's text")
    p.add_argument("n", type=_non_negative)
    p.add_argument("text", help="the new text, or - to read it from stdin")
    p = nsub.add_parser("rm", help="delete a note")
    p.add_argument("n", type=_non_negative)

    p = sub.add_parser("export", help="export all notes")
    p.add_argument("--format", choices=("md", "json", "csv"), required=True)
    p.add_argument("path")
    p = sub.add_parser("import", help="import notes from a JSON export")
    p.add_argument("path")

    p = sub.add_parser("backup", help="back up the library now")
    p.add_argument("path", nargs="?")
    p = sub.add_parser("restore", help="replace the library with a backup")
    p.add_argument("path")
    sub.add_parser("check", help="check the library's integrity")

    content = sub.add_parser("content", help="work on the reference content")
    csub = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    csub.add_parser("build", help="build data/serge.db from resources/content")
    return parser


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _read_text(text: str) -> str:
    if text != "-":
        return text
    try:
        return sys.stdin.read()
    except UnicodeDecodeError:
        raise UserError("the text on standard input is not UTF-8") from None


def _open(args: argparse.Namespace) -> Library:
    lib = Library(paths.data_dir(args.data_dir))
    if lib.recovery is not None:  # a damaged library was set aside: say so, then carry on
        print(f"serge-reader: {lib.recovery.message}", file=sys.stderr)
    return lib


def cmd_search(args: argparse.Namespace) -> int:
    from serge_reader.search import KINDS, marked, search

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
    if not entry_id.startswith("note:"):
        return None
    try:
        number = int(entry_id[5:])
    except ValueError:
        raise UserError(f"'{entry_id}' is not a note id (note:N)") from None
    return number


def cmd_show(args: argparse.Namespace) -> int:
    from serge_reader import entries, notes, pages

    with _open(args) as lib:
        number = _note_number(args.id)
        if args.html:
            print(
                pages.note_page(lib, number)
                if number is not None
                else pages.entry_page(lib, args.id)
            )
        elif number is not None:
            note = notes.get_note(lib, number)
            if args.json:
                _print_json(note)
            else:
                _print_note(note)
        else:
            entry = entries.get_entry(lib, args.id)
            if args.json:
                _print_json(entry)
            else:
                print(f"{entry['title']}\n{pages.subtitle(entry)}\n\n{entry['body']}")
                for link in entry["links"]:
                    print(f"  → {entries.link_heading(link)}: {link['title']} ({link['id']})")
    return 0


def _print_note(note: dict[str, Any]) -> None:
    from serge_reader.pages import position_label

    meta = [f"note {note['id']}", note["kind"]]
    if note["work"]:
        meta.append(note["work"])
    if position_label(note):
        meta.append(position_label(note))
    meta.extend(f"#{t}" for t in note["tags"])
    meta.append(f"updated {note['updated']}")
    print(" · ".join(meta))
    print(note["body"].rstrip())


def cmd_works(args: argparse.Namespace) -> int:
    from serge_reader.entries import list_works
    from serge_reader.progress import with_percent

    with _open(args) as lib:
        works = [with_percent(w) for w in list_works(lib)]
    if args.json:
        _print_json(
            [
                {k: w[k] for k in ("id", "title", "year", "status", "page", "pages", "percent")}
                | {"readable": bool(w["readable"])}
                for w in works
            ]
        )
        return 0
    for w in works:
        if not w["readable"]:
            state = w["availability"]
        elif w["status"]:
            state = w["status"] + (f" p.{w['page']}/{w['pages'] or '?'}" if w["page"] else "")
        else:
            state = ""
        print(f"{w['year']}  {w['id']:<45} {w['title']:<45} {state}")
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    from serge_reader.progress import get_progress, set_progress, undo_last

    with _open(args) as lib:
        if args.undo:
            if (args.page, args.pages, args.percent, args.status) != (None, None, None, None):
                raise UserError("--undo takes no other change")
            row = undo_last(lib, args.work)
        elif (args.page, args.pages, args.percent, args.status) == (None, None, None, None):
            row = get_progress(lib, args.work)
        else:
            row = set_progress(
                lib,
                args.work,
                page=args.page,
                pages=args.pages,
                percent=args.percent,
                status=args.status,
            )
    if args.json:
        _print_json(
            {
                k: row[k]
                for k in (
                    "id",
                    "title",
                    "status",
                    "page",
                    "pages",
                    "percent",
                    "started",
                    "finished",
                )
            }
        )
    else:
        pct = f" ({row['percent']}%)" if row["percent"] is not None else ""
        print(
            f"{row['title']}: {row['status'] or 'not started'}, page {row['page']} of {row['pages'] or '?'}{pct}"
        )
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    from serge_reader import notes

    with _open(args) as lib:
        if args.note_command == "add":
            number = notes.add_note(
                lib,
                _read_text(args.text),
                work=args.work,
                position=notes.Position(args.page, args.chapter, args.percent),
                tags=args.tag,
                kind="quotation" if args.quotation else "note",
            )
            print(number)
        elif args.note_command == "list":
            items = notes.list_notes(lib, work=args.work, tag=args.tag)
            if args.json:
                _print_json(items)
            else:
                for n in items:
                    print(f"{n['id']:>6}  {(n['work'] or '-'):<32} {notes.note_title(n)}")
        elif args.note_command == "show":
            note = notes.get_note(lib, args.n)
            if args.json:
                _print_json(note)
            else:
                _print_note(note)
        elif args.note_command == "edit":
            notes.update_note(lib, args.n, body=_read_text(args.text))
        elif args.note_command == "rm":
            notes.delete_note(lib, args.n)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from serge_reader import transfer

    with _open(args) as lib:
        count = transfer.export_notes(lib, Path(args.path), args.format)
    print(f"exported {count} notes to {args.path}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from serge_reader import transfer

    with _open(args) as lib:
        added, skipped = transfer.import_notes(lib, Path(args.path))
    print(f"imported {added} notes ({skipped} already present)", file=sys.stderr)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from serge_reader import backup

    with _open(args) as lib:
        target = backup.backup_to(lib, Path(args.path)) if args.path else backup.backup_now(lib)
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

    with _open(args) as lib:
        problems = [lib.recovery.problem] if lib.recovery else backup.check(lib)
    if problems:
        raise UserError(f"the library is damaged: {problems[0]}")
    print("ok")
    return 0


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


def cmd_gui(args: argparse.Namespace) -> int:
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
    "backup": cmd_backup,
    "restore": cmd_restore,
    "check": cmd_check,
    "content": cmd_content,
}


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Bytes that are not UTF-8 on the command line arrive as lone surrogates: refuse them."""
    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    raise UserError(
                        f"the {name.replace('_', ' ')} given is not valid UTF-8"
                    ) from None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
