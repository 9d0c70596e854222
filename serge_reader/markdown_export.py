"""A Markdown export as a mirror of the notes, for a folder an Obsidian vault keeps in step.

One file per note, named once (its first line and the start of its uid) and kept under that
name at every later export, however its text changes; a glossary page (in `Glossary/`) for
every entry a note links to, so that `[[Okhrana]]` opens it in Obsidian. The folder's
manifest (`.serge-reader-export.json`) lists the files the program wrote, with a hash of
each: exporting again rewrites them, and removes those of notes deleted since (and glossary
pages no note links to any more). Nothing else in the folder is ever touched; a file of the
program's that was changed since it was written (edited in Obsidian) is replaced or removed
only with `force`, as is any file already there under a name an export needs. All of this is
checked before anything is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from serge_reader import entries, names, notes, safe_files, storage
from serge_reader.errors import UserError
from serge_reader.library import Library
from serge_reader.wikilinks import WIKILINK

MANIFEST = ".serge-reader-export.json"
MANIFEST_FORMAT = "serge-reader-markdown"
GLOSSARY = "Glossary"
_UNSAFE = re.compile(r"[^\w\- ,'()]+", re.UNICODE)
_NAME = re.compile(r"^(?:" + GLOSSARY + r"/)?[^/\\.][^/\\]*\.md$")


def note_file_name(note: notes.Note) -> str:
    """A new note's file: its first line, then the start of its uid (which keeps two notes
    of one first line apart)."""
    title = _UNSAFE.sub("", notes.note_title(note.body, 50)).strip() or "note"
    return f"{title} {note.uid.replace('-', '')[:8]}.md"


def entry_file_name(title: str) -> str:
    return f"{GLOSSARY}/{_UNSAFE.sub('', title).strip() or 'entry'}.md"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _yaml(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON scalar or list is valid YAML


def _note_text(lib: Library, note: notes.Note, files: dict[str, str]) -> str:
    """The note with YAML front matter, as Obsidian reads it; a link that names an entry
    otherwise than its page's file name (`[[Trotsky]]`) is written to that page
    (`[[Leon Trotsky|Trotsky]]`), so that Obsidian follows it."""
    lines = ["---", f"uid: {note.uid}"]
    for key, value in (
        ("work", note.work),
        ("page", note.page),
        ("chapter", note.chapter),
        ("percent", note.percent),
    ):
        if value is not None:
            lines.append(f"{key}: {_yaml(value)}")
    lines.append(f"kind: {note.kind}")
    lines.append(f"tags: {_yaml(list(note.tags))}")
    lines.append(f"created: {note.created}")
    lines.append(f"updated: {note.updated}")
    lines.append("---")

    def link(m: re.Match[str]) -> str:
        target = names.link_target(lib, m.group(1))
        page = files.get(target or "")
        if page is None:
            return m.group(0)
        stem = page.removeprefix(f"{GLOSSARY}/").removesuffix(".md")
        if stem == m.group(1).strip():
            return m.group(0)
        return f"[[{stem}|{(m.group(2) or m.group(1)).strip()}]]"

    body = WIKILINK.sub(link, note.body.rstrip("\n"))
    return "\n".join(lines) + "\n\n" + body + "\n"


def _entry_text(lib: Library, slug: str) -> str:
    """A glossary page: the entry's title, aliases and text as the reader may see it (what
    lies past their place in a novel is left out)."""
    entry = entries.get_entry(lib, slug)
    front = [
        "---",
        f"serge-reader: {slug}",
        f"aliases: {_yaml(entry.aliases)}",
        "---",
    ]
    body = entry.body.strip("\n")
    return "\n".join(front) + f"\n\n# {entry.title}\n\n{body}\n"


def _read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """What an earlier export wrote: file name -> {"key", "sha256"}; only plain names of
    `.md` files in the folder or its glossary (a manifest is never a way out of it)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if data.get("format") != MANIFEST_FORMAT or not isinstance(files, dict):
        return {}
    return {
        name: info
        for name, info in files.items()
        if isinstance(name, str)
        and _NAME.match(name)
        and ".." not in name
        and isinstance(info, dict)
        and isinstance(info.get("key"), str)
        and isinstance(info.get("sha256"), str)
    }


def _unchanged(path: Path, digest: str) -> bool:
    """Whether a file is still as the program wrote it: a regular file with that hash."""
    try:
        st = path.lstat()
        if not stat.S_ISREG(st.st_mode):
            return False
        return _digest(path.read_text(encoding="utf-8")) == digest
    except (OSError, UnicodeDecodeError):
        return False


def export(
    lib: Library,
    folder: Path,
    items: list[notes.Note],
    report: Callable[[int, int], None],
    *,
    force: bool,
) -> None:
    """Mirror `items` into `folder` (see the module's docstring)."""
    before = _read_manifest(folder)
    by_key = {info["key"]: name for name, info in before.items()}
    linked = sorted({slug for note in items for slug in notes.linked_entries(lib, note.id)})
    files: dict[str, str] = {}  # key ("note:UID" or "entry:SLUG") -> file name
    taken: set[str] = set()
    for slug in linked:
        name = by_key.get(f"entry:{slug}") or entry_file_name(entries.entry_title(lib, slug))
        files[f"entry:{slug}"] = name
        taken.add(name.casefold())
    for note in items:
        name = by_key.get(f"note:{note.uid}") or note_file_name(note)
        if name.casefold() in taken:  # two first lines that differ only in case
            name = f"{name[:-3]} {note.id}.md"
        files[f"note:{note.uid}"] = name
        taken.add(name.casefold())
    wanted = set(files.values())
    pages = {
        slug: name for key, name in files.items() if (slug := key.removeprefix("entry:")) != key
    }
    stale = [name for name in before if name not in wanted]
    # Checked before anything is written: a file changed since the program wrote it, or
    # there already under a name needed, is replaced or removed only with `force`.
    for name in sorted(wanted | set(stale)):
        path = folder / name
        ours = name in before and _unchanged(path, before[name]["sha256"])
        if name in wanted:
            safe_files.checked_target(
                path, data_dir=lib.data_dir, library=lib.path.name, force=force or ours
            )
        elif path.exists() and not ours and not force:
            raise UserError(
                f"{path} was changed since it was exported, and its note is gone;"
                " give --force to remove it"
            )
    try:
        with storage.owner_only():
            folder.mkdir(parents=True, exist_ok=True)
            if linked:
                (folder / GLOSSARY).mkdir(exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"cannot create {folder} ({safe_files.describe_os_error(exc)}); nothing was exported"
        ) from None
    written: dict[str, dict[str, str]] = {
        name: info for name, info in before.items() if name not in wanted
    }
    done = 0
    try:
        jobs: list[tuple[str, str | notes.Note]] = [(f"entry:{slug}", slug) for slug in linked]
        jobs += [(f"note:{note.uid}", note) for note in items]
        for key, what in jobs:
            name = files[key]
            text = _entry_text(lib, what) if isinstance(what, str) else _note_text(lib, what, pages)
            try:
                with safe_files.replacing(folder / name) as f:
                    f.write(text)
            except UserError as exc:
                raise UserError(f"{exc}; {done} of {len(items)} notes were exported") from None
            written[name] = {"key": key, "sha256": _digest(text)}
            if key.startswith("note:"):
                done += 1
                report(done, len(items))
        for name in stale:
            with contextlib.suppress(FileNotFoundError):
                path = folder / name
                if stat.S_ISREG(path.lstat().st_mode):
                    os.unlink(path)
            written.pop(name, None)
    finally:
        _write_manifest(folder, written)


def _write_manifest(folder: Path, files: dict[str, Any]) -> None:
    content = {"format": MANIFEST_FORMAT, "version": 1, "files": dict(sorted(files.items()))}
    with contextlib.suppress(UserError, OSError), safe_files.replacing(folder / MANIFEST) as f:
        json.dump(content, f, ensure_ascii=False, indent=1)
