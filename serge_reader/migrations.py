"""The library database's schema, as a numbered list of steps.

Each step runs in one transaction together with its `PRAGMA user_version` bump, so a library
is always at exactly one version. Steps are never edited once released: a change is a new
step. Tests build a library at every earlier version and migrate it.
"""

from __future__ import annotations

import sqlite3

from serge_reader.errors import UserError

MIGRATIONS: list[str] = [
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
        statements = _split(MIGRATIONS[version])
        con.execute("BEGIN IMMEDIATE")
        try:
            # Another program opening the library at the same moment may have taken this
            # step while we waited for the write lock.
            if user_version(con) <= version:
                for statement in statements:
                    con.execute(statement)
                con.execute(f"PRAGMA user_version = {version + 1}")
            con.execute("COMMIT")
        except BaseException:
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
