"""The library database's schema, as a numbered list of steps.

Each step runs in one transaction together with its `PRAGMA user_version` bump, so a library
is always at exactly one version. Steps are never edited once released: a change is a new
step. Tests build a library at every earlier version and migrate it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable

from serge_reader.errors import UserError


def _pending(kind: str, key: str) -> str:
    """Statements of a trigger body that mark `key` changed now. Not INSERT OR IGNORE (or
    REPLACE): in a trigger, the conflict clause of the statement that fired it (an upsert's,
    say) would override it."""
    now = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
    return (
        f"DELETE FROM sync_pending WHERE kind = '{kind}' AND key = {key};\n"
        f"INSERT INTO sync_pending SELECT '{kind}', {key}, {now} WHERE {key} IS NOT NULL;\n"
    )


def _trigger(name: str, event: str, table: str, body: str) -> str:
    """A trigger that records a change, except while a sync applies others' changes (it
    marks that in `sync_state`, inside its transaction)."""
    quiet = "NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying')"
    return f"CREATE TRIGGER {name} AFTER {event} ON {table} WHEN {quiet} BEGIN\n{body}END;\n"


_NOTE_OF_TAG = "(SELECT uid FROM notes WHERE id = {}.note)"
_SYNC_TRIGGERS = "".join(
    [
        _trigger("sync_notes_ai", "INSERT", "notes", _pending("note", "new.uid")),
        _trigger(
            "sync_notes_au",
            "UPDATE",
            "notes",
            _pending("note", "old.uid") + _pending("note", "new.uid"),
        ),
        _trigger("sync_notes_ad", "DELETE", "notes", _pending("note", "old.uid")),
        _trigger(
            "sync_tags_ai", "INSERT", "note_tags", _pending("note", _NOTE_OF_TAG.format("new"))
        ),
        _trigger(
            "sync_tags_ad", "DELETE", "note_tags", _pending("note", _NOTE_OF_TAG.format("old"))
        ),
        _trigger("sync_progress_ai", "INSERT", "progress", _pending("progress", "new.work")),
        _trigger(
            "sync_progress_au",
            "UPDATE",
            "progress",
            _pending("progress", "old.work") + _pending("progress", "new.work"),
        ),
        _trigger("sync_progress_ad", "DELETE", "progress", _pending("progress", "old.work")),
    ]
    + [
        _trigger(
            f"sync_{table}_ai",
            "INSERT",
            table,
            f"UPDATE {table} SET uid = lower(hex(randomblob(16))) WHERE id = new.id AND uid IS NULL;\n"
            + _pending(kind, f"(SELECT uid FROM {table} WHERE id = new.id)"),
        )
        + _trigger(f"sync_{table}_ad", "DELETE", table, _pending(kind, "old.uid"))
        for table, kind in (("reading_sessions", "session"), ("reads", "read"))
    ]
)


# A step is SQL, or a function of the connection for what SQL cannot do (run in the step's
# transaction all the same).
Step = str | Callable[[sqlite3.Connection], None]


def retag_from_text(con: sqlite3.Connection) -> None:
    """9: the `#tags` written in notes' texts are tags (`serge_reader.tags`): each note gets
    those it lacks, whatever their case; and a case-insensitive index finds a tag's
    spellings. Notes' texts and `updated` stamps are left as they were."""
    from serge_reader.tags import inline_tags, key

    con.execute("CREATE INDEX note_tags_tag_nocase ON note_tags(tag COLLATE NOCASE)")
    have: dict[int, set[str]] = {}
    for note, tag in con.execute("SELECT note, tag FROM note_tags"):
        have.setdefault(note, set()).add(key(tag))
    rows = []
    for note, body in con.execute("SELECT id, body FROM notes WHERE body LIKE '%#%'"):
        known = have.setdefault(note, set())
        for tag in inline_tags(body):
            if key(tag) not in known:
                known.add(key(tag))
                rows.append((note, tag))
    con.executemany("INSERT INTO note_tags VALUES (?, ?)", rows)


MIGRATIONS: list[Step] = [
    # 1: reading progress, notes and tags; everything refers to content by slug.
    """
    CREATE TABLE progress (
        work TEXT PRIMARY KEY,
        status TEXT NOT NULL DEFAULT 'want-to-read'
            CHECK (status IN ('want-to-read', 'reading', 'finished', 'abandoned')),
        page INTEGER NOT NULL DEFAULT 0 CHECK (page >= 0),
        pages INTEGER CHECK (pages IS NULL OR pages > 0),
        started TEXT,
        finished TEXT,
        updated TEXT NOT NULL
    );
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,           -- stable across export and import
        body TEXT NOT NULL,
        work TEXT,                          -- a work's slug
        page INTEGER CHECK (page IS NULL OR page >= 0),
        chapter TEXT,
        percent REAL CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
        kind TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'quotation')),
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE INDEX notes_work ON notes(work, page);
    CREATE TABLE note_tags (
        note INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (note, tag)
    );
    CREATE INDEX note_tags_tag ON note_tags(tag);
    CREATE TABLE note_links (               -- the entries a note's [[links]] resolve to
        note INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
        target TEXT NOT NULL,               -- an entry's slug
        PRIMARY KEY (note, target)
    );
    CREATE INDEX note_links_target ON note_links(target);
    CREATE VIRTUAL TABLE notes_fts USING fts5(
        body, content = 'notes', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
        INSERT INTO notes_fts(rowid, body) VALUES (new.id, new.body);
    END;
    CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
        INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
    END;
    CREATE TRIGGER notes_au AFTER UPDATE OF body ON notes BEGIN
        INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
        INSERT INTO notes_fts(rowid, body) VALUES (new.id, new.body);
    END;
    """,
    # 2: reading history. Every change of position is a session (kept for pace, streaks and
    # undo, with the progress row as it was before); a finished read is kept when re-reading.
    """
    CREATE TABLE reading_sessions (
        id INTEGER PRIMARY KEY,
        work TEXT NOT NULL,
        at TEXT NOT NULL,                   -- UTC, ISO 8601
        from_page INTEGER NOT NULL,
        to_page INTEGER NOT NULL,
        before TEXT                         -- JSON of the progress row before, for undo
    );
    CREATE INDEX reading_sessions_work ON reading_sessions(work, id);
    CREATE INDEX reading_sessions_at ON reading_sessions(at);
    CREATE TABLE reads (
        id INTEGER PRIMARY KEY,
        work TEXT NOT NULL,
        started TEXT,
        finished TEXT,
        status TEXT NOT NULL,
        pages INTEGER
    );
    CREATE INDEX reads_work ON reads(work);
    """,
    # 3: the notes list, newest first, pages through an index instead of sorting every note.
    """
    CREATE INDEX notes_updated ON notes(updated, id);
    """,
    # 4: a token that every write changes (Library.atomic), so that an automatic backup can
    # tell at once whether the library changed since the newest backup, which carries the
    # token as it was.
    """
    CREATE TABLE library_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version TEXT NOT NULL
    );
    INSERT INTO library_state VALUES (1, lower(hex(randomblob(8))));
    """,
    # 5: an index of the three-letter prefixes in the notes' full-text index, so that a
    # look-up of a word being typed (`okh`, `the`) reads one list instead of merging those of
    # every word that starts so. Rebuilding it takes about 7 s per 100,000 notes, once.
    """
    DROP TABLE notes_fts;
    CREATE VIRTUAL TABLE notes_fts USING fts5(
        body, content = 'notes', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '3'
    );
    INSERT INTO notes_fts(notes_fts) VALUES ('rebuild');
    """,
    # 6: the reader's chapter in a work (`progress WORK --chapter N`), which decides the
    # spoilers shown; NULL: the chapter the page falls in, from the novel's chapter list.
    """
    ALTER TABLE progress ADD COLUMN chapter INTEGER CHECK (chapter IS NULL OR chapter >= 1);
    """,
    # 7: highlights and notes taken in from e-readers (`import-highlights`): each import is a
    # batch, listed and removable as a whole; each note it made remembers where on the
    # device it came from, so that importing again adds only what is new.
    """
    CREATE TABLE highlight_batches (
        id INTEGER PRIMARY KEY,
        device TEXT NOT NULL,               -- kindle, koreader, kobo
        source TEXT NOT NULL,               -- the file or folder read
        imported TEXT NOT NULL,             -- UTC
        highlights INTEGER NOT NULL DEFAULT 0,
        notes INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        works INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE highlight_origins (
        note INTEGER PRIMARY KEY REFERENCES notes(id) ON DELETE CASCADE,
        batch INTEGER NOT NULL REFERENCES highlight_batches(id),
        device TEXT NOT NULL,
        book TEXT NOT NULL,                 -- the book as the device names it
        spot TEXT NOT NULL,                 -- where in it, as the device says
        loc_start INTEGER,                  -- a Kindle location range
        loc_end INTEGER,
        text_hash TEXT NOT NULL,            -- of the device's text
        body_hash TEXT NOT NULL,            -- of the note as imported: else the reader edited it
        highlight INTEGER REFERENCES notes(id) ON DELETE SET NULL,  -- a note's highlight
        approximate INTEGER NOT NULL DEFAULT 0  -- its page was estimated from a position
    );
    CREATE INDEX highlight_origins_spot ON highlight_origins(device, book, spot);
    CREATE INDEX highlight_origins_batch ON highlight_origins(batch);
    """,
    # 8: sync through a shared folder (docs/SYNC.md). Sessions and reads get a stable uid;
    # triggers note in `sync_pending`, inside the writing transaction, what changed for the
    # next sync, whoever wrote it; everything already there is pending for the first sync.
    # (Not INSERT OR IGNORE: in a trigger, the writing statement's conflict clause, an
    # upsert's say, would override it.)
    """
    ALTER TABLE reading_sessions ADD COLUMN uid TEXT;
    UPDATE reading_sessions SET uid = lower(hex(randomblob(16)));
    CREATE UNIQUE INDEX reading_sessions_uid ON reading_sessions(uid);
    ALTER TABLE reads ADD COLUMN uid TEXT;
    UPDATE reads SET uid = lower(hex(randomblob(16)));
    CREATE UNIQUE INDEX reads_uid ON reads(uid);
    CREATE TABLE sync_pending (
        kind TEXT NOT NULL,                 -- note, progress, session, read
        key TEXT NOT NULL,                  -- a note's, session's or read's uid; a work's slug
        at INTEGER NOT NULL,                -- when it last changed: ms since 1970, UTC
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);  -- this device's
    CREATE TABLE sync_outbox (id INTEGER PRIMARY KEY, record TEXT NOT NULL);
    CREATE TABLE sync_notes (
        uid TEXT PRIMARY KEY,
        heads TEXT NOT NULL,                -- JSON: the versions no one has replaced
        gone TEXT NOT NULL                  -- JSON: the versions replaced
    );
    CREATE TABLE sync_progress (work TEXT PRIMARY KEY, v TEXT NOT NULL, record TEXT NOT NULL);
    CREATE TABLE sync_events (
        uid TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        deleted INTEGER NOT NULL
    );
    CREATE TABLE sync_applied (
        device TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (device, seq)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO sync_pending SELECT 'note', uid, 0 FROM notes;
    INSERT OR IGNORE INTO sync_pending SELECT 'progress', work, 0 FROM progress;
    INSERT OR IGNORE INTO sync_pending SELECT 'session', uid, 0 FROM reading_sessions;
    INSERT OR IGNORE INTO sync_pending SELECT 'read', uid, 0 FROM reads;
    """
    + _SYNC_TRIGGERS,
    retag_from_text,
    # 10: what ties another version of a note (a note tagged 'conflict', kept by a save or a
    # sync when both texts changed) to the note it is a version of, by uid, so that the notes
    # panel can offer to keep either. Sync carries it in the version's records (`of`). No
    # foreign key: sync may make a version before its note arrives.
    """
    CREATE TABLE note_versions (
        uid TEXT PRIMARY KEY,               -- the other version's uid
        of TEXT NOT NULL                    -- the uid of the note it is a version of
    ) WITHOUT ROWID;
    CREATE INDEX note_versions_of ON note_versions(of);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def user_version(con: sqlite3.Connection) -> int:
    return int(con.execute("PRAGMA user_version").fetchone()[0])


def migrate(con: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the library up to `target`; returns the version it started at.

    `con` must be in autocommit mode (isolation_level=None): each step opens its own
    transaction.
    """
    start = user_version(con)
    if start > SCHEMA_VERSION:
        raise UserError(
            f"this library was written by a newer Serge Reader (schema {start}, this program "
            f"knows {SCHEMA_VERSION}); it was left unchanged: upgrade the program to open it"
        )
    for version in range(start, target):
        step = MIGRATIONS[version]
        statements = _split(step) if isinstance(step, str) else []
        con.execute("BEGIN IMMEDIATE")
        try:
            # Another program opening the library at the same moment may have taken this
            # step while we waited for the write lock.
            if user_version(con) <= version:
                for statement in statements:
                    con.execute(statement)
                if callable(step):
                    step(con)
                con.execute(f"PRAGMA user_version = {version + 1}")
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:  # a failed step may have ended it; the step's error is told
                with contextlib.suppress(sqlite3.Error):
                    con.execute("ROLLBACK")
            raise
    return start


def _split(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
