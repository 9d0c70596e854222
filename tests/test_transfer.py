"""Export and import: round trips, all-or-nothing, no duplicates, clear messages."""

import csv
import json

import pytest

from serge_reader import notes, transfer
from serge_reader.errors import UserError
from serge_reader.library import Library


def _fill(lib):
    notes.add_note(
        lib,
        "First [[Okhrana]] note\nwith two lines",
        work="conquered-city",
        position=notes.Position(page=12),
        tags=["police", "petrograd"],
    )
    notes.add_note(
        lib,
        "> a passage",
        work="midnight-in-the-century",
        kind="quotation",
        position=notes.Position(percent=37.5),
    )
    notes.add_note(lib, 'Séjourné, commas, "quotes" and ; semicolons', tags=["people"])


def _comparable(lib):
    return sorted(
        ({k: v for k, v in n.as_json().items() if k != "id"} for n in notes.list_notes(lib)),
        key=lambda n: n["uid"],
    )


def test_json_round_trip_into_an_empty_library_gives_the_same_notes(lib, tmp_path):
    _fill(lib)
    path = tmp_path / "notes.json"
    assert transfer.export_notes(lib, path, "json") == 3
    other = Library(tmp_path / "other")
    try:
        assert transfer.import_notes(other, path) == (3, 0)
        assert _comparable(other) == _comparable(lib)
        assert transfer.import_notes(other, path) == (0, 3)  # twice adds nothing
        assert notes.count_notes(other) == 3
    finally:
        other.close()


def test_markdown_export_is_a_folder_obsidian_reads(lib, tmp_path):
    _fill(lib)
    folder = tmp_path / "vault"
    transfer.export_notes(lib, folder, "md")
    files = sorted(folder.glob("*.md"))
    assert len(files) == 3
    text = files[0].read_text()
    assert text.startswith("---\nuid: ")
    assert 'work: "conquered-city"' in text and "page: 12" in text
    assert 'tags: ["petrograd", "police"]' in text
    assert "[[Okhrana]]" in text


def test_csv_has_one_row_per_note(lib, tmp_path):
    _fill(lib)
    path = tmp_path / "notes.csv"
    transfer.export_notes(lib, path, "csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 3
    assert {r["body"] for r in rows} >= {'Séjourné, commas, "quotes" and ; semicolons'}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not valid JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file|not valid JSON"),
        (b'{"format": "serge-reader-notes", "version": 1, "notes": [', "not valid JSON"),
        (b"[1, 2, 3]", "not a Serge Reader notes export"),
        (b'{"format": "serge-reader-notes", "version": 99, "notes": []}', "version"),
        (b"[" * 100000 + b"]" * 100000, "nested too deeply|not a Serge Reader"),
    ],
)
def test_malformed_files_change_nothing(lib, tmp_path, content, message):
    notes.add_note(lib, "keep me")
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        transfer.import_notes(lib, path)
    assert [n.body for n in notes.list_notes(lib)] == ["keep me"]


def test_one_bad_record_rejects_the_whole_file_and_is_named(lib, tmp_path):
    _fill(lib)
    path = tmp_path / "notes.json"
    transfer.export_notes(lib, path, "json")
    data = json.loads(path.read_text())
    for n in data["notes"]:
        n["uid"] = n["uid"] + "-new"
    data["notes"][1]["page"] = "twelve"
    path.write_text(json.dumps(data))
    with pytest.raises(UserError, match=r"record 2 .*'page'"):
        transfer.import_notes(lib, path)
    assert notes.count_notes(lib) == 3


def test_cancelling_an_import_changes_nothing(lib, tmp_path):
    _fill(lib)
    path = tmp_path / "notes.json"
    transfer.export_notes(lib, path, "json")
    fresh = Library(tmp_path / "fresh")
    try:
        with pytest.raises(transfer.Cancelled):
            transfer.import_notes(fresh, path, progress=lambda done, total: False)
        assert notes.count_notes(fresh) == 0
    finally:
        fresh.close()


def test_a_bad_record_after_many_good_ones_still_keeps_nothing(lib, tmp_path, monkeypatch):
    """The import writes in chunks, growing, while it checks the next: a bad record late in
    the file undoes the chunks already written, and the note counts include duplicates
    across chunks."""
    monkeypatch.setattr(transfer, "IMPORT_FIRST_CHUNK", 1)
    monkeypatch.setattr(transfer, "IMPORT_CHUNK", 3)  # chunks of 1, 2, 3, 3... notes
    for i in range(7):
        notes.add_note(lib, f"note {i} on the [[NEP]]", tags=["economy"])
    path = tmp_path / "notes.json"
    transfer.export_notes(lib, path, "json")
    data = json.loads(path.read_text())
    fresh = Library(tmp_path / "fresh")
    try:
        bad = json.loads(json.dumps(data))
        bad["notes"][6]["created"] = "yesterday"
        path.write_text(json.dumps(bad))
        with pytest.raises(UserError, match=r"record 7 .*'created'"):
            transfer.import_notes(fresh, path)
        assert notes.count_notes(fresh) == 0

        data["notes"].append(data["notes"][0])  # the same note twice, chunks apart
        path.write_text(json.dumps(data))
        assert transfer.import_notes(fresh, path) == (7, 1)
        assert _comparable(fresh) == _comparable(lib)
        assert len(notes.list_notes(fresh, tag="economy")) == 7
        assert all(notes.entries_of(fresh, n.id) == ["nep"] for n in notes.list_notes(fresh))
    finally:
        fresh.close()


def _pending(lib):
    return sorted(lib.conn.execute("SELECT kind, key FROM sync_pending"))


def test_imported_notes_reach_another_device_at_the_next_sync(lib, tmp_path):
    """The import marks its notes for sync in one statement, not by trigger: each imported
    note still goes out whole, tags and links included, and one deleted here and imported
    back before the sync arrives as a note, not as a deletion."""
    from serge_reader.sync import engine

    _fill(lib)
    path = tmp_path / "notes.json"
    transfer.export_notes(lib, path, "json")
    shared = tmp_path / "shared"
    shared.mkdir()
    a, b = Library(tmp_path / "a"), Library(tmp_path / "b")
    try:
        assert transfer.import_notes(a, path) == (3, 0)
        assert [k for k, _ in _pending(a)].count("note") == 3
        for device in (a, b, a):
            engine.run(device, shared)
        assert _comparable(b) == _comparable(lib)
        assert [n.id for n in notes.list_notes(b, about="okhrana")]

        gone = notes.list_notes(a, tag="people")[0]
        notes.delete_note(a, gone.id)
        assert transfer.import_notes(a, path) == (1, 2)
        for device in (a, b, a):
            engine.run(device, shared)
        assert _comparable(b) == _comparable(lib)
        assert _comparable(a) == _comparable(lib)
    finally:
        a.close()
        b.close()


def test_an_import_undone_leaves_nothing_for_sync_and_writes_are_recorded_after(
    lib, tmp_path, monkeypatch
):
    """Cancelled after its first chunk was written, or refused on a bad record late in the
    file: no note is left marked for sync, and the sync triggers, quiet while notes were
    written in bulk, record the next write again."""
    monkeypatch.setattr(transfer, "IMPORT_CHUNK", 2)
    _fill(lib)
    path = tmp_path / "notes.json"
    transfer.export_notes(lib, path, "json")
    fresh = Library(tmp_path / "fresh")
    try:
        with pytest.raises(transfer.Cancelled):
            transfer.import_notes(fresh, path, progress=lambda done, total: done < 2)
        bad = json.loads(path.read_text())
        bad["notes"][2]["kind"] = "essay"
        (tmp_path / "bad.json").write_text(json.dumps(bad))
        with pytest.raises(UserError, match=r"record 3 .*kind"):
            transfer.import_notes(fresh, tmp_path / "bad.json")
        assert notes.count_notes(fresh) == 0
        assert _pending(fresh) == []
        note = notes.add_note(fresh, "written after")
        assert _pending(fresh) == [("note", notes.get_note(fresh, note).uid)]
        # and after an import that succeeds, the triggers are back on for the reader's edits
        transfer.import_notes(fresh, path)
        fresh.conn.execute("DELETE FROM sync_pending")
        notes.update_note(fresh, note, body="edited after the import")
        assert _pending(fresh) == [("note", notes.get_note(fresh, note).uid)]
        assert (
            fresh.conn.execute("SELECT 1 FROM sync_state WHERE key = 'applying'").fetchone() is None
        )
    finally:
        fresh.close()
