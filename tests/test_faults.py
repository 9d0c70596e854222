"""Issue 19: exports, imports, backups and restores under real-world faults. Each test here
failed before its fix; the file named in each is what the fault was found with."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from serge_reader import backup, notes, transfer
from serge_reader.errors import UserError
from serge_reader.library import Library

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "serge_reader"]


def one_line_error(out: subprocess.CompletedProcess[str]) -> None:
    assert out.returncode == 1, out
    assert "Traceback" not in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- 3: an export or a backup never writes onto the library, and never replaces unasked ------


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("name", ["library.db", "library.db-wal", "library.db-shm"])
def test_export_onto_the_library_is_refused_even_with_force(cli, data_dir, fmt, name):
    cli("note", "add", "my reading history")
    cli("progress", "conquered-city", "--page", "12")
    for force in ([], ["--force"]):
        out = cli("export", "--format", fmt, *force, str(data_dir / name))
        one_line_error(out)
        assert "library" in out.stderr
    assert cli("check").stdout.strip() == "ok"
    listed = json.loads(cli("note", "list", "--json").stdout)
    assert [n["body"] for n in listed] == ["my reading history"]


def test_backup_onto_the_library_or_a_kept_backup_is_refused(cli, data_dir):
    cli("note", "add", "kept")
    made = Path(cli("backup").stdout.strip())
    before = digest(made)
    for target in (data_dir / "library.db", made):
        one_line_error(cli("backup", "--force", str(target)))
    assert digest(made) == before
    assert cli("check").stdout.strip() == "ok"


def test_an_existing_file_is_replaced_only_with_force(cli, tmp_path):
    cli("note", "add", "exported")
    for command in (["export", "--format", "json"], ["backup"]):
        target = tmp_path / f"{command[0]}.out"
        target.write_text("mine, not an export")
        out = cli(*command, str(target))
        one_line_error(out)
        assert "--force" in out.stderr
        assert target.read_text() == "mine, not an export"
        assert cli(*command, "--force", str(target)).returncode == 0
        assert target.read_bytes() != b"mine, not an export"


def test_a_device_is_refused_and_a_symlink_needs_force(cli, tmp_path):
    cli("note", "add", "exported")
    one_line_error(cli("export", "--format", "csv", "--force", "/dev/null"))
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    out = cli("export", "--format", "csv", str(link))
    one_line_error(out)
    assert real.read_text() == "old"
    assert cli("export", "--format", "csv", "--force", str(link)).returncode == 0
    assert "exported" in real.read_text() and link.is_symlink()


def test_a_symlink_to_the_library_is_refused_even_with_force(cli, data_dir, tmp_path):
    cli("note", "add", "kept")
    link = tmp_path / "innocent.json"
    link.symlink_to(data_dir / "library.db")
    one_line_error(cli("export", "--format", "json", "--force", str(link)))
    one_line_error(cli("backup", "--force", str(link)))
    assert cli("check").stdout.strip() == "ok"


def test_markdown_export_replaces_earlier_files_only_with_force(lib, tmp_path):
    notes.add_note(lib, "first version")
    folder = tmp_path / "vault"
    transfer.export_notes(lib, folder, "md")
    (written,) = folder.glob("*.md")
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    written.write_text("edited in Obsidian")
    with pytest.raises(UserError, match="--force"):
        transfer.export_notes(lib, folder, "md")
    assert written.read_text() == "edited in Obsidian"
    transfer.export_notes(lib, folder, "md", force=True)
    assert "first version" in written.read_text()
    with pytest.raises(UserError, match="data folder"):
        transfer.export_notes(lib, lib.data_dir, "md", force=True)


def test_the_window_asks_before_replacing_an_export(qtbot, lib, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

    from serge_reader.ui import transfer_dialogs

    notes.add_note(lib, "exported")
    target = tmp_path / "notes.json"
    target.write_text("mine")
    parent = QWidget()
    qtbot.addWidget(parent)
    # The reader typed "notes" and chose JSON: the suffix is added after the file dialog.
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(tmp_path / "notes"), list(transfer_dialogs.FORMATS)[1]),
    )
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]

    def exec_(box):
        asked.append(box.text())
        return answer[0]

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert transfer_dialogs.export_interactively(parent, lib) is None
    assert asked and str(target) in asked[0]
    assert target.read_text() == "mine"
    answer[0] = QMessageBox.StandardButton.Yes
    assert transfer_dialogs.export_interactively(parent, lib) is not None
    assert json.loads(target.read_text())["notes"][0]["body"] == "exported"


# -- 8: a full disk leaves nothing half-written, and says so in one line ----------------------


def _limited(limit: int):
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_an_export_on_a_full_disk_leaves_nothing_half_written(data_dir, tmp_path, fmt):
    with Library(data_dir) as lib:
        for i in range(40):
            notes.add_note(lib, f"note {i} " + "words to fill the disk " * 2000)
        notes.add_note(lib, "the last, larger than the space left " + "x" * 400_000)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / ("vault" if fmt == "md" else f"notes.{fmt}")
    if fmt != "md":
        target.write_text("the earlier export")
    out = subprocess.run(
        [*CLI, "--data-dir", str(data_dir), "export", "--format", fmt, "--force", str(target)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        preexec_fn=_limited(300_000),  # each note fits; the whole export does not
    )
    one_line_error(out)
    assert "disk is full" in out.stderr
    leftovers = [
        p.name
        for p in out_dir.rglob("*")
        if p.name.startswith(".") and p.name != ".serge-reader-export.json"  # the manifest
    ]
    assert leftovers == []
    if fmt == "md":
        for written in target.glob("*.md"):  # whole files only
            assert written.read_text().endswith("words to fill the disk \n")
    else:
        assert target.read_text() == "the earlier export"


def test_leftovers_of_killed_exports_and_backups_are_cleaned(lib, data_dir, tmp_path):
    notes.add_note(lib, "n")
    old = time.time() - 3600
    backups = data_dir / "backups"
    backups.mkdir()
    left = [
        tmp_path / ".export-abcd1234",
        tmp_path / ".serge-part-0123456789ab-notes.json",
        backups / "library-20260101-000000.db.part",
        backups / "library-20260101-000000.db.part-journal",
    ]
    fresh = tmp_path / ".serge-part-ba9876543210-other.json"  # another export under way
    mine = tmp_path / ".export-mine"  # not a name this program ever made
    for p in [*left, fresh, mine]:
        p.write_bytes(b"x" * 1000)
        if p is not fresh:
            os.utime(p, (old, old))
    transfer.export_notes(lib, tmp_path / "notes.json", "json")
    backup.backup_now(lib)
    assert [p for p in left if p.exists()] == []
    assert fresh.exists() and mine.exists()


# -- 4: an import checks every field of every record before writing anything -----------------


PROGRESS = {
    "work": "conquered-city",
    "status": "reading",
    "page": 12,
    "pages": 200,
    "started": "2026-01-02",
    "finished": None,
    "updated": "2026-01-02T10:00:00Z",
}


@pytest.mark.parametrize(
    "field, value",
    [
        ("page", "abc"),
        ("page", 1.5),
        ("page", True),
        ("page", -1),
        ("page", 10**30),
        ("pages", "abc"),
        ("pages", 0),
        ("updated", 5),
        ("updated", "yesterday"),
        ("finished", 2026),
        ("started", ["2026"]),
        ("status", "devoured"),
        ("status", None),
        ("page", 500),  # beyond 'pages'
    ],
)
def test_a_bad_progress_field_is_refused_and_nothing_is_written(cli, tmp_path, field, value):
    doc = {
        "format": "serge-reader-notes",
        "version": 1,
        "progress": [PROGRESS | {field: value}],
        "notes": [],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    out = cli("import", str(path))
    one_line_error(out)
    assert "progress record 1" in out.stderr and field in out.stderr
    works = cli("works", "--json")
    assert works.returncode == 0, works.stderr
    assert cli("show", "conquered-city").returncode == 0


def test_good_progress_is_imported(cli, tmp_path):
    doc = {"format": "serge-reader-notes", "version": 1, "progress": [PROGRESS], "notes": []}
    path = tmp_path / "good.json"
    path.write_text(json.dumps(doc))
    assert cli("import", str(path)).returncode == 0
    row = json.loads(cli("progress", "conquered-city", "--json").stdout)
    assert (row["status"], row["page"], row["pages"]) == ("reading", 12, 200)


def test_the_app_exits_non_zero_when_it_fails_at_start(data_dir):
    with Library(data_dir) as lib:  # a row no check lets in any more, written behind its back
        lib.conn.execute(
            "INSERT INTO progress (work, status, page, pages, updated)"
            " VALUES ('conquered-city', 'reading', 3, 'abc', '2026-01-01T00:00:00Z')"
        )
    out = subprocess.run(
        [sys.executable, "-m", "serge_reader", "--data-dir", str(data_dir), "--quit-when-ready"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode != 0, out.stderr


@pytest.mark.parametrize("make", ["fifo", "dev_zero", "pipe"])
def test_only_regular_files_are_imported(cli, tmp_path, make):
    if make == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)
        out = cli("import", str(path))  # would wait for ever for a writer
    elif make == "dev_zero":
        out = cli("import", "/dev/zero")  # would read until memory runs out
    else:
        out = subprocess.run(
            [*CLI, "--data-dir", str(tmp_path / "d"), "import", "/dev/stdin"],
            input="{}",
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    one_line_error(out)
    assert "not a file" in out.stderr


def test_a_number_of_thousands_of_digits_is_refused_in_one_line(cli, tmp_path):
    path = tmp_path / "big.json"
    path.write_text(
        '{"format": "serge-reader-notes", "version": 1, "notes": [], "progress": [{"page": '
        + "9" * 5000
        + "}]}"
    )
    one_line_error(cli("import", str(path)))


@pytest.mark.parametrize("args", [("search", "x", "--limit", "9" * 20), ("note", "show", "9" * 20)])
def test_huge_numbers_on_the_command_line_are_usage_errors(cli, args):
    out = cli(*args)
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr


def test_two_imports_of_one_file_at_once_add_each_note_once(lib, data_dir, tmp_path, monkeypatch):
    with Library(tmp_path / "source") as source:
        for i in range(5):
            notes.add_note(source, f"note {i}")
        transfer.export_notes(source, tmp_path / "notes.json", "json")
    real_atomic = Library.atomic
    other_done = threading.Event()

    def atomic_after_the_other_import(self):
        if self is lib and not other_done.is_set():
            other_done.set()  # the other import commits between this one's read and write
            with Library(data_dir) as other:
                assert transfer.import_notes(other, tmp_path / "notes.json") == (5, 0)
        return real_atomic(self)

    monkeypatch.setattr(Library, "atomic", atomic_after_the_other_import)
    assert transfer.import_notes(lib, tmp_path / "notes.json") == (0, 5)
    assert notes.count_notes(lib) == 5


def test_an_empty_data_dir_is_refused(cli):
    out = subprocess.run(
        [sys.executable, "-m", "serge_reader", "--data-dir", "", "works"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ, "HOME": "/nonexistent-home", "SERGE_READER_DATA_DIR": ""},
    )
    one_line_error(out)
    assert "data-dir" in out.stderr


# -- 5: a restore takes only a sound Serge Reader library --------------------------------------


def _other_program_db(path: Path, version: int = 0, drop: str | None = None) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()


@pytest.mark.parametrize("version", [0, -1, 3])
def test_restoring_another_programs_database_changes_nothing(lib, data_dir, tmp_path, version):
    notes.add_note(lib, "mine")
    lib.close()
    source = tmp_path / "other.db"
    _other_program_db(source, version)
    before = digest(data_dir / "library.db")
    with pytest.raises(UserError, match="not a Serge Reader library"):
        backup.restore(data_dir, source)
    assert digest(data_dir / "library.db") == before
    assert not list(data_dir.glob("library-replaced-*"))
    lib.reopen()


def test_a_backup_missing_a_table_is_not_restored(lib, data_dir, tmp_path):
    notes.add_note(lib, "mine")
    made = backup.backup_now(lib)
    con = sqlite3.connect(made)
    con.execute("DROP TABLE reading_sessions")
    con.commit()
    con.close()
    assert "reading_sessions" in (backup.check_file(made) or "")
    with pytest.raises(UserError, match="reading_sessions"):
        backup.restore_into(lib, made)
    assert [n.body for n in notes.list_notes(lib)] == ["mine"]


# -- 6: a restore killed between its renames is finished or undone at the next opening --------


KILLER = """
import os, sys
from pathlib import Path
from serge_reader import backup
real = backup.set_aside
def killed(*args, **kwargs):
    if sys.argv[3] == "after":
        real(*args, **kwargs)
    os._exit(9)  # as a kill -9, or a power cut
backup.set_aside = killed
backup.restore(Path(sys.argv[1]), Path(sys.argv[2]))
"""


@pytest.mark.parametrize("moment", ["before", "after"])
def test_a_restore_killed_between_its_renames_is_resumed(data_dir, moment):
    with Library(data_dir) as lib:
        notes.add_note(lib, "in the backup")
        made = backup.backup_now(lib)
        notes.add_note(lib, "written after it")
    out = subprocess.run(
        [sys.executable, "-c", KILLER, str(data_dir), str(made), moment],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode == 9, out.stderr
    with Library(data_dir) as lib:
        assert lib.notice is not None and "interrupted" in lib.notice
        bodies = sorted(n.body for n in notes.list_notes(lib))
    if moment == "after":  # the library was already aside: the restore is finished
        assert bodies == ["in the backup"]
        assert "finished" in lib.notice
        (aside,) = data_dir.glob("library-replaced-*.db")
        con = sqlite3.connect(aside)
        assert len(con.execute("SELECT * FROM notes").fetchall()) == 2
        con.close()
    else:  # nothing was moved yet: undone, the library as it was
        assert bodies == ["in the backup", "written after it"]
        assert "undone" in lib.notice
    assert not (data_dir / ".restoring.db").exists()
    assert not (data_dir / "library.db-restoring").exists()
    with Library(data_dir) as again:
        assert again.notice is None


def test_the_cli_says_a_restore_was_resumed(cli, data_dir):
    cli("note", "add", "in the backup")
    made = cli("backup").stdout.strip()
    subprocess.run(
        [sys.executable, "-c", KILLER, str(data_dir), made, "after"], cwd=ROOT, timeout=60
    )
    out = cli("note", "list", "--json")
    assert out.returncode == 0
    assert "restore" in out.stderr and "finished" in out.stderr


# -- smaller --------------------------------------------------------------------------------


def test_a_library_from_a_newer_program_is_left_byte_for_byte(data_dir):
    Library(data_dir).close()
    path = data_dir / "library.db"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA user_version = 99")
    con.close()
    before = digest(path)
    with pytest.raises(UserError, match="newer"):
        Library(data_dir)
    assert digest(path) == before
    assert sorted(p.name for p in data_dir.iterdir() if p.name.startswith("library.db")) == [
        "library.db",
        "library.db-closed",
    ]


def test_a_backup_dated_in_the_future_is_not_recommended(data_dir):
    with Library(data_dir) as lib:
        notes.add_note(lib, "n")
        good = backup.backup_now(lib)
    future = good.with_name(
        f"library-{(datetime.now(UTC) + timedelta(days=400)).strftime('%Y%m%d-%H%M%S')}.db"
    )
    future.write_bytes(good.read_bytes())
    assert backup.newest_good_backup(data_dir) == good


def test_settings_are_readable_by_the_owner_only(qtbot, data_dir):
    from serge_reader.ui.app import settings_for

    settings = settings_for(data_dir)
    settings.setValue("x", 1)
    settings.sync()
    assert stat.S_IMODE((data_dir / "settings.ini").stat().st_mode) == 0o600


# -- 7: rendering takes a bounded time, whatever a note holds ---------------------------------


def _render(text: str) -> str:
    from serge_reader.render import markdown_to_html

    return markdown_to_html(text, lambda target: None)


def test_runs_of_brackets_are_scanned_once(monkeypatch):
    """Counted, not timed: the brackets of a paragraph are paired in one pass, however many
    link patterns look at it (each scanning to the end made runs of `[` quadratic)."""
    from serge_reader import render

    monkeypatch.setattr(render, "RENDER_BUDGET_S", 600)  # counted here, not timed
    passes = []
    real = render._BRACKET.finditer
    monkeypatch.setattr(
        render,
        "_BRACKET",
        type("R", (), {"finditer": lambda self, d: passes.append(1) or real(d)})(),
    )
    out = _render("[" * 20_000)
    assert "plain text" not in out  # rendered, not given up on
    assert len(passes) <= 2


@pytest.mark.parametrize(
    "text",
    [
        "- " * 1000 + "a",  # a 2 KB nested list: RecursionError before
        "1. " * 700 + "a",
        "[a](" * 5000,  # a link scan to the end of the paragraph at each `[`
        "word " * 200_000,  # 1 MB on one line
        "a" * 1_000_000,  # 1 MB without a space
    ],
)
def test_any_note_renders_in_bounded_time_or_as_plain_text(text):
    started = time.perf_counter()
    out = _render(text)
    assert time.perf_counter() - started < 5  # generous: the figures are in benchmarks
    assert out


def test_long_notes_and_long_words_are_shown_so_that_qt_can_lay_them_out():
    out = _render("x" * 5000)
    runs = out.replace("<", " ").replace(">", " ").replace("\u200b", " ").split()
    assert max(len(run) for run in runs) < 1000  # Qt may wrap it: a break at least this often
    long = _render("word " * 50_000)
    assert "plain text" in long and "the editor has it whole" in long


def test_the_app_does_not_reopen_an_entry_it_did_not_get_past_showing(open_window, data_dir):
    from serge_reader.ui.app import settings_for

    with Library(data_dir) as lib:
        n = notes.add_note(lib, "a note that hung the last start")
    settings = settings_for(data_dir)
    settings.setValue("last_entry", f"note:{n}")
    settings.setValue("opening_entry", f"note:{n}")  # left by a start that never finished
    settings.sync()
    window = open_window()
    assert window.panel.current == "home"
    assert window.settings.value("opening_entry") is None
