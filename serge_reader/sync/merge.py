"""Turning local changes into records, and applying everyone's records to the library.

Both run inside the caller's one write transaction (see `engine.run`). The rules are in
docs/SYNC.md; in short: a note is the union of its versions, of which the heads (versions
no one has replaced) decide it — the latest live head is the note, the other live heads
with another text become conflict versions, tags merge three-way, a live head beats a
deletion. Progress: the latest stamp wins. Sessions and reads: the union, deletions kept.

Reads of the library's own tables are a few small functions here (`_local_notes`,
`_local_progress`, `_local_event`), so that a change of how the rest of the program reads
notes does not touch sync.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from serge_reader import drafts, entries, transfer
from serge_reader.drafts import CONFLICT_TAG
from serge_reader.library import Library
from serge_reader.notes import MAX_NOTE_CHARS, insert_records
from serge_reader.sync.clock import HybridClock
from serge_reader.wikilinks import iter_links

Record = dict[str, Any]
State = dict[str, Any]  # a note as sync compares it: {"f": fields, "t": sorted tags}

NOTE_FIELDS = ("body", "work", "page", "chapter", "percent", "kind", "created", "updated")
PROGRESS_FIELDS = ("status", "page", "pages", "started", "finished", "updated", "chapter")
EVENT_TABLES = {
    "session": ("reading_sessions", ("work", "at", "from_page", "to_page", "before")),
    "read": ("reads", ("work", "started", "finished", "status", "pages")),
}
_CONFLICT_NAMESPACE = uuid.UUID("6f1f0c52-52a8-4c41-9a59-2f6c1d0e8b11")
_BATCH = 500
MANY = 5000  # notes inserted at once for which the full-text index is given more memory


@dataclass
class Outcome:
    """What one merge did."""

    published: int = 0  # records this device adds to its journal
    applied: int = 0  # notes, progress rows and events changed here by others' records
    conflicts: int = 0  # conflict versions made here
    notes: set[str] = field(default_factory=set)  # uids of notes written here


@dataclass
class NoteHistory:
    """What sync knows of one note: its heads (whole records) and the versions replaced."""

    heads: list[Record]
    gone: set[str]

    def integrate(self, record: Record) -> bool:
        """Add a record; True when it told something new."""
        parents = set(record["p"])
        known = record["v"] in self.gone or any(h["v"] == record["v"] for h in self.heads)
        if known and parents <= self.gone:
            return False
        self.gone |= parents
        self.heads = [h for h in self.heads if h["v"] not in self.gone]
        if not known:
            self.heads.append(record)
        self.heads.sort(key=lambda h: h["v"])
        return True

    def resolve(self) -> tuple[State | None, list[Record]]:
        """The note as the heads make it (None: deleted), and the live heads that lost with
        another text, for conflict versions."""
        live = [h for h in self.heads if not h["d"]]
        if not live:
            return None, []
        winner = max(live, key=lambda h: h["v"])
        if len(live) == 1:
            tags = sorted(winner["t"])
        else:
            tags = sorted(
                {
                    t
                    for h in live
                    for t in h["t"]
                    if t not in h["b"] or all(t in other["t"] for other in live)
                }
            )
        losers = [h for h in live if h is not winner and h["f"]["body"] != winner["f"]["body"]]
        return {"f": winner["f"], "t": tags}, losers


class Merger:
    """One sync's work on the library, inside the caller's transaction."""

    def __init__(self, lib: Library, clock: HybridClock) -> None:
        self.lib = lib
        self.con = lib.conn
        self.clock = clock
        self.outcome = Outcome()
        self._histories: dict[str, NoteHistory] = {}
        self._dirty: set[str] = set()
        self._resolved: dict[str, str | None] = {}  # link targets resolved in this merge
        self._inserts: dict[str, Record] = {}  # new notes, inserted together (insert_records)
        self._writes: dict[str, State | None] = {}  # notes to change (None: delete), together
        # The JSON of note records as read from the journals, by version: kept as it is in
        # `sync_notes` rather than encoded again (the heads of a first sync are all of them).
        self.lines: dict[str, str] = {}
        # Whether sync knows any note yet (`save` writes at the end): a first sync here
        # looks up nothing for its 100,000 notes.
        self._known = bool(
            self.con.execute("SELECT EXISTS (SELECT 1 FROM sync_notes)").fetchone()[0]
        )

    # -- this device's changes --------------------------------------------------------

    def capture(self) -> None:
        """Turn what changed here since the last sync (`sync_pending`) into records."""
        pending: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for kind, key, at in self.con.execute(
            "SELECT kind, key, at FROM sync_pending ORDER BY at, kind, key"
        ):
            pending[kind].append((key, at))
        changed = pending.get("note", [])
        for start in range(0, len(changed), _BATCH):
            self._capture_notes(changed[start : start + _BATCH])
        for work, at in pending.get("progress", []):
            self._capture_progress(work, at)
        for kind in EVENT_TABLES:
            for uid, _at in pending.get(kind, []):
                self._capture_event(kind, uid)

    def _capture_notes(self, changed: Sequence[tuple[str, int]]) -> None:
        uids = [uid for uid, _ in changed]
        local = _local_notes(self.lib, uids)
        ties = drafts.version_ties(self.lib, uids)  # another version carries its note's uid
        self._load(uids)
        for uid, at in changed:
            history = self._history(uid)
            merged, _ = history.resolve()
            now = local.get(uid)
            if now == merged or (now is None and not history.heads):
                continue
            record = {
                "k": "note",
                "uid": uid,
                "v": self.clock.tick(at),
                "p": [h["v"] for h in history.heads],
                "d": now is None,
                "f": now["f"] if now else None,
                "t": now["t"] if now else [],
                "b": merged["t"] if merged else [],
            }
            if now is not None and uid in ties:
                record["of"] = ties[uid]
            history.integrate(record)
            self._dirty.add(uid)
            self._publish(record)

    def _capture_progress(self, work: str, at: int) -> None:
        now = _local_progress(self.lib, work)
        stored = self._stored_progress(work)
        if stored is not None and (None if stored["d"] else stored["f"]) == now:
            return
        if stored is None and now is None:
            return
        record = {"k": "progress", "work": work, "v": self.clock.tick(at), "d": now is None}
        if now is not None:
            record["f"] = now
        self._store_progress(record)
        self._publish(record)

    def _capture_event(self, kind: str, uid: str) -> None:
        known = self.con.execute("SELECT deleted FROM sync_events WHERE uid = ?", (uid,)).fetchone()
        row = _local_event(self.lib, kind, uid)
        if row is not None and known is None:
            record: Record = {"k": kind, "uid": uid, "d": False, "f": row}
        elif row is None and known is not None and not known[0]:
            record = {"k": kind, "uid": uid, "d": True}
        else:
            return
        self.con.execute(
            "INSERT OR REPLACE INTO sync_events VALUES (?, ?, ?)", (uid, kind, int(record["d"]))
        )
        self._publish(record)

    def _publish(self, record: Record) -> None:
        text = _json(record)
        self.con.execute("INSERT INTO sync_outbox (record) VALUES (?)", (text,))
        if record["k"] == "note":
            self.lines[record["v"]] = text
        self.outcome.published += 1

    # -- everyone's records ----------------------------------------------------------

    def apply(self, records: Iterable[Record]) -> None:
        """Apply records read from the journals (this device's own included: harmless)."""
        by_note: dict[str, list[Record]] = defaultdict(list)
        progress: dict[str, Record] = {}
        events: list[Record] = []
        ties: list[tuple[str, str]] = []
        for record in records:
            kind = record["k"]
            if kind == "note":
                by_note[record["uid"]].append(record)
                self.clock.seen(record["v"])
                of = record.get("of")
                if isinstance(of, str) and 0 < len(of) <= 100 and of != record["uid"]:
                    ties.append((record["uid"], of))
            elif kind == "progress":
                self.clock.seen(record["v"])
                best = progress.get(record["work"])
                if best is None or record["v"] > best["v"]:
                    progress[record["work"]] = record
            else:
                events.append(record)
        drafts.tie_versions(self.lib, ties)
        uids = list(by_note)
        for start in range(0, len(uids), _BATCH):
            batch = uids[start : start + _BATCH]
            self._apply_notes({uid: by_note[uid] for uid in batch})
        self._write_notes()
        if self._inserts:
            # One statement for all: the full-text index then takes them in one pass, with
            # the memory an import gives it when they are many (fewer segments to merge).
            records = list(self._inserts.values())
            if len(records) >= MANY:
                self._fts_hash(transfer.IMPORT_FTS_HASH_BYTES)
                insert_records(self.lib, records[:1])
                insert_records(self.lib, records[1:])
                self._fts_optimize()
                self._fts_hash(transfer.FTS_HASH_BYTES)
            else:
                insert_records(self.lib, records)
            self._inserts = {}
        for record in progress.values():
            self._apply_progress(record)
        for record in events:
            self._apply_event(record)

    def _fts_hash(self, size: int) -> None:
        self.con.execute("INSERT INTO notes_fts(notes_fts, rank) VALUES ('hashsize', ?)", (size,))

    def _fts_optimize(self) -> None:
        """Merge the full-text index into one segment on a level of its own, once, here.
        Many notes inserted at once leave one large segment on the lowest level, the one
        where every later small write lands: the index merged it whole again at about the
        13th edit after a first sync of 100,000 notes (a pause of seconds in the reader's
        save). FTS5 leaves a lone segment where it is, hence the first note inserted
        alone (by the caller): then there are two to merge."""
        self.con.execute("INSERT INTO notes_fts(notes_fts) VALUES ('optimize')")

    def _apply_notes(self, batch: dict[str, list[Record]]) -> None:
        self._load(batch)
        before = {uid: self._history(uid).resolve()[0] for uid in batch}
        changed = []
        for uid, records in batch.items():
            history = self._history(uid)
            if any([history.integrate(r) for r in records]):
                self._dirty.add(uid)
                changed.append(uid)
        self._settle(changed, before)

    def _settle(self, uids: list[str], before: dict[str, State | None]) -> None:
        """Write to the library the notes whose heads changed, and make conflict versions."""
        inserts: list[Record] = []
        conflicts: list[Record] = []
        for uid in uids:
            merged, losers = self._history(uid).resolve()
            for loser in losers:
                conflicts.append(_conflict_version(uid, loser))
            if merged == before[uid]:
                continue
            self.outcome.applied += 1
            self.outcome.notes.add(uid)
            if merged is None:
                self._inserts.pop(uid, None)
                self._writes[uid] = None
            elif before[uid] is None and uid not in self._writes:
                inserts.append(
                    {"uid": uid, **merged["f"], "tags": merged["t"], "links": self._links(merged)}
                )
            else:  # a note deleted earlier in this merge is still there: changed back
                self._writes[uid] = merged
        self._inserts.update((r["uid"], r) for r in inserts)
        if conflicts:
            made = {c["uid"]: c for c in conflicts}
            drafts.tie_versions(self.lib, ((c["uid"], c["of"]) for c in conflicts))
            self._load(made)
            prior = {cuid: self._history(cuid).resolve()[0] for cuid in made}
            fresh = []
            for cuid, record in made.items():
                if self._history(cuid).integrate(record):
                    self._dirty.add(cuid)
                    self._publish(record)
                    self.outcome.conflicts += 1
                    fresh.append(cuid)
            if fresh:
                self._settle(fresh, prior)

    def _write_notes(self) -> None:
        """Delete and change the notes already in the library, each kind in one statement.
        The full-text index writes what it holds in memory as a new segment at every
        statement that changes it (and whenever a note comes before the one it took last):
        a statement per note left a segment per note, and merging those with the large
        segment a first sync leaves made 100 changes take seconds."""
        uids = list(self._writes)
        rows: dict[str, tuple[int, str]] = {}
        for start in range(0, len(uids), _BATCH):
            part = uids[start : start + _BATCH]
            marks = ", ".join("?" * len(part))
            rows.update(
                (uid, (note_id, body))
                for uid, note_id, body in self.con.execute(
                    f"SELECT uid, id, body FROM notes WHERE uid IN ({marks})", part
                )
            )
        gone: list[int] = []
        changed: list[tuple[int, State]] = []  # the note's id and what it becomes
        retext: set[int] = set()  # the notes among them whose text changes
        for uid in uids:
            merged = self._writes[uid]
            if uid not in rows:
                if merged is not None:  # made in this merge, not inserted yet: insert as is
                    self._inserts[uid] = {
                        "uid": uid,
                        **merged["f"],
                        "tags": merged["t"],
                        "links": self._links(merged),
                    }
            elif merged is None:
                gone.append(rows[uid][0])
            else:
                note_id, body = rows[uid]
                changed.append((note_id, merged))
                if body != merged["f"]["body"]:
                    retext.add(note_id)
        self._writes = {}
        if gone:
            self.con.execute(
                "DELETE FROM notes WHERE id IN (SELECT value FROM json_each(?))", (_json(gone),)
            )
        if not changed:
            return
        changed.sort(key=lambda item: item[0])  # the index takes its notes in rowid order
        self._update_notes([c for c in changed if c[0] in retext], NOTE_FIELDS)
        self._update_notes(
            [c for c in changed if c[0] not in retext], [k for k in NOTE_FIELDS if k != "body"]
        )
        ids = _json([note_id for note_id, _ in changed])
        self.con.execute(
            "DELETE FROM note_tags WHERE note IN (SELECT value FROM json_each(?))", (ids,)
        )
        self.con.executemany(
            "INSERT INTO note_tags VALUES (?, ?)",
            [(note_id, t) for note_id, merged in changed for t in merged["t"]],
        )
        self.con.execute(
            "DELETE FROM note_links WHERE note IN (SELECT value FROM json_each(?))",
            (_json(sorted(retext)),),
        )
        self.con.executemany(
            "INSERT INTO note_links VALUES (?, ?)",
            [
                (note_id, t)
                for note_id, merged in changed
                if note_id in retext
                for t in self._links(merged)
            ],
        )

    def _update_notes(self, changed: list[tuple[int, State]], columns: Sequence[str]) -> None:
        """One UPDATE for all `changed` notes, of `columns` (a note's text only when it
        changes: the full-text index is then left alone)."""
        if not changed:
            return
        self.con.execute(
            f"CREATE TEMP TABLE changed (id INTEGER PRIMARY KEY, {', '.join(columns)})"
        )
        try:
            self.con.executemany(
                f"INSERT INTO temp.changed VALUES (:id, {', '.join(':' + k for k in columns)})",
                [{**merged["f"], "id": note_id} for note_id, merged in changed],
            )
            self.con.execute(
                f"UPDATE notes SET {', '.join(f'{k} = c.{k}' for k in columns)}"
                " FROM temp.changed AS c WHERE notes.id = c.id"
            )
        finally:
            self.con.execute("DROP TABLE temp.changed")

    def _links(self, merged: State) -> list[str]:
        body = merged["f"]["body"]
        if "[[" not in body:
            return []
        found = set()
        for link in iter_links(body):
            if link.target not in self._resolved:
                self._resolved[link.target] = entries.resolve_name(self.lib, link.target)
            if slug := self._resolved[link.target]:
                found.add(slug)
        return sorted(found)

    def _apply_progress(self, record: Record) -> None:
        stored = self._stored_progress(record["work"])
        if stored is not None and stored["v"] >= record["v"]:
            return
        self._store_progress(record)
        now = _local_progress(self.lib, record["work"])
        wanted = None if record["d"] else record["f"]
        if now == wanted:
            return
        self.outcome.applied += 1
        if wanted is None:
            self.con.execute("DELETE FROM progress WHERE work = ?", (record["work"],))
        else:
            names = ", ".join(("work", *PROGRESS_FIELDS))
            values = ", ".join(f":{k}" for k in ("work", *PROGRESS_FIELDS))
            self.con.execute(
                f"INSERT OR REPLACE INTO progress ({names}) VALUES ({values})",
                {"work": record["work"], **wanted},
            )

    def _apply_event(self, record: Record) -> None:
        kind, uid = record["k"], record["uid"]
        table, columns = EVENT_TABLES[kind]
        known = self.con.execute("SELECT deleted FROM sync_events WHERE uid = ?", (uid,)).fetchone()
        if known is not None and (known[0] or not record["d"]):
            return  # a deletion stays; a known event is known
        self.con.execute(
            "INSERT OR REPLACE INTO sync_events VALUES (?, ?, ?)", (uid, kind, int(record["d"]))
        )
        if record["d"]:
            if self.con.execute(f"DELETE FROM {table} WHERE uid = ?", (uid,)).rowcount:
                self.outcome.applied += 1
            return
        if self.con.execute(f"SELECT 1 FROM {table} WHERE uid = ?", (uid,)).fetchone():
            return
        names = ", ".join((*columns, "uid"))
        values = ", ".join(f":{c}" for c in (*columns, "uid"))
        self.con.execute(
            f"INSERT INTO {table} ({names}) VALUES ({values})", {**record["f"], "uid": uid}
        )
        self.outcome.applied += 1

    def everything(self) -> list[Record]:
        """Records of all this library holds that sync carries (to write again a segment of
        this device found damaged): every note's heads, progress, sessions and reads."""
        out: list[Record] = []
        uids = [uid for (uid,) in self.con.execute("SELECT uid FROM sync_notes ORDER BY uid")]
        self._load(uids)
        for uid in uids:
            # A head whose text is not known here any more (kept without it, and the note
            # changed since) is left out: the next sync's record of the note replaces it.
            out.extend(h for h in self._histories[uid].heads if h["f"] is None or not _unknown(h))
        out.extend(json.loads(r[0]) for r in self.con.execute("SELECT record FROM sync_progress"))
        for uid, kind, deleted in self.con.execute(
            "SELECT uid, kind, deleted FROM sync_events ORDER BY uid"
        ):
            if deleted:
                out.append({"k": kind, "uid": uid, "d": True})
            elif (row := _local_event(self.lib, kind, uid)) is not None:
                out.append({"k": kind, "uid": uid, "d": False, "f": row})
        return out

    # -- sync's own records of notes and progress -------------------------------------

    def _load(self, uids: Iterable[str]) -> None:
        wanted = [u for u in uids if u not in self._histories]
        if not self._known:
            self._histories.update((uid, NoteHistory([], set())) for uid in wanted)
            return
        for start in range(0, len(wanted), _BATCH):
            part = wanted[start : start + _BATCH]
            marks = ", ".join("?" * len(part))
            found = {
                uid: NoteHistory(json.loads(heads), set(json.loads(gone)))
                for uid, heads, gone in self.con.execute(
                    f"SELECT uid, heads, gone FROM sync_notes WHERE uid IN ({marks})", part
                )
            }
            self._fill_texts(found)
            for uid in part:
                self._histories[uid] = found.get(uid) or NoteHistory([], set())

    def _fill_texts(self, found: dict[str, NoteHistory]) -> None:
        """Give back their text to the heads kept without it (`save`): the note's text,
        when it is still the one the head had (its digest says). When the note was changed
        or deleted here since, the head's text stays unknown (None, digest kept): only
        `capture` meets such a head, and it needs no more than to see that the note
        differs from it; the record it makes replaces the head."""
        stripped = [uid for uid, h in found.items() if any(_DIGEST in x for x in h.heads)]
        if not stripped:
            return
        marks = ", ".join("?" * len(stripped))
        texts = dict(
            self.con.execute(f"SELECT uid, body FROM notes WHERE uid IN ({marks})", stripped)
        )
        for uid in stripped:
            body = texts.get(uid)
            for head in found[uid].heads:
                if _DIGEST in head and body is not None and _digest(body) == head[_DIGEST]:
                    head["f"]["body"] = body
                    del head[_DIGEST]

    def _history(self, uid: str) -> NoteHistory:
        if uid not in self._histories:
            self._load([uid])
        return self._histories[uid]

    def save(self) -> None:
        """Write back what changed in sync's records of notes. A live head whose text is
        the note's (as the library holds it now: the heads' winner) is kept without its
        text, with a digest of it (`_fill_texts` reads the text from the note): the text
        is then in the library once, not twice (100,000 notes: a library a quarter smaller)."""
        lines = self.lines

        def encoded(heads: list[Record]) -> str:
            live = [h for h in heads if not h["d"]]
            text = max(live, key=lambda h: h["v"])["f"]["body"] if live else None
            return (
                "["
                + ",".join(
                    _without_text(h, lines.get(h["v"]))
                    if not h["d"] and (h["f"]["body"] == text or _unknown(h))
                    else lines.get(h["v"]) or _json(h)
                    for h in heads
                )
                + "]"
            )

        self.con.executemany(
            "INSERT OR REPLACE INTO sync_notes (uid, heads, gone) VALUES (?, ?, ?)",
            (
                (
                    uid,
                    encoded(self._histories[uid].heads),
                    json.dumps(sorted(gone)) if (gone := self._histories[uid].gone) else "[]",
                )
                for uid in self._dirty
            ),
        )
        self._dirty.clear()

    def _stored_progress(self, work: str) -> Record | None:
        row = self.con.execute(
            "SELECT record FROM sync_progress WHERE work = ?", (work,)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def _store_progress(self, record: Record) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO sync_progress (work, v, record) VALUES (?, ?, ?)",
            (record["work"], record["v"], json.dumps(record, ensure_ascii=False)),
        )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# The decoder of one JSON string, in C (not in the stubs): cuts a text out of a line.
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_DIGEST = "text_digest"  # in `sync_notes` only: a head kept without its text (`save`)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _unknown(head: Record) -> bool:
    """A head kept without its text whose note has changed since (`_fill_texts`)."""
    return head["f"]["body"] is None


def _without_text(head: Record, line: str | None) -> str:
    """The JSON of a head kept without its text: cut out of its line as read from the
    journal when that is plain (encoding 100,000 records again cost seconds)."""
    body = head["f"]["body"]
    if body is None:
        digest = head[_DIGEST]
    else:
        digest = _digest(body)
        if line is not None and line.endswith("}") and line.count('"body":"') == 1:
            start = line.index('"body":"') + 7
            text, end = _scanstring(line, start + 1)
            if text == body:
                return f'{line[:start]}null{line[end:-1]},"{_DIGEST}":"{digest}"}}'
    fields = {k: v for k, v in head["f"].items() if k != "body"}
    return _json({**head, "f": {**fields, "body": None}, _DIGEST: digest})


def _conflict_version(uid: str, loser: Record) -> Record:
    """The note that keeps a losing head's text: the same on every device that makes it."""
    fields = loser["f"]
    saved = str(fields["updated"])[:16].replace("T", " ")
    text = (
        f"Another version of a note, changed on two devices before they synced (this text "
        f"was saved at {saved} UTC; the note shows the later one). Keep what you want and "
        f"delete the other.\n\n{fields['body']}"
    )
    return {
        "k": "note",
        "uid": str(uuid.uuid5(_CONFLICT_NAMESPACE, f"{uid} {loser['v']}")),
        "v": f"{loser['v']}-conflict",
        "p": [],
        "d": False,
        "f": {**fields, "body": text[:MAX_NOTE_CHARS]},
        "t": sorted({*loser["t"], CONFLICT_TAG}),
        "b": [],
        "of": uid,  # the note it is a version of (`drafts.versions`)
    }


# -- the library's tables, read as sync compares them ---------------------------------


def _local_notes(lib: Library, uids: Sequence[str]) -> dict[str, State]:
    if not uids:
        return {}
    marks = ", ".join("?" * len(uids))
    columns = ", ".join(f"n.{c}" for c in NOTE_FIELDS)
    rows = lib.conn.execute(
        f"SELECT n.uid, {columns}, (SELECT group_concat(tag, char(31)) FROM"
        " (SELECT tag FROM note_tags WHERE note = n.id ORDER BY tag))"
        f" FROM notes n WHERE n.uid IN ({marks})",
        list(uids),
    )
    out: dict[str, State] = {}
    for row in rows:
        tags = row[-1].split("\x1f") if row[-1] else []
        out[row[0]] = {"f": dict(zip(NOTE_FIELDS, row[1:-1], strict=True)), "t": sorted(tags)}
    return out


def _local_progress(lib: Library, work: str) -> dict[str, Any] | None:
    columns = ", ".join(PROGRESS_FIELDS)
    row = lib.conn.execute(f"SELECT {columns} FROM progress WHERE work = ?", (work,)).fetchone()
    return dict(zip(PROGRESS_FIELDS, row, strict=True)) if row else None


def _local_event(lib: Library, kind: str, uid: str) -> dict[str, Any] | None:
    table, columns = EVENT_TABLES[kind]
    row = lib.conn.execute(
        f"SELECT {', '.join(columns)} FROM {table} WHERE uid = ?", (uid,)
    ).fetchone()
    return dict(zip(columns, row, strict=True)) if row else None
