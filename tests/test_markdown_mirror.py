"""A Markdown export is a mirror an Obsidian vault can keep in step, and a CSV export opens
in a spreadsheet with its accents."""

import csv
import json

import pytest

from serge_reader import notes, transfer
from serge_reader.errors import UserError
from serge_reader.markdown_export import MANIFEST


def md_files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.md"))


def test_exporting_again_mirrors_edits_and_deletions(lib, tmp_path):
    folder = tmp_path / "vault"
    a = notes.add_note(lib, "First thoughts on the [[Okhrana]]")
    b = notes.add_note(lib, "To be deleted")
    transfer.export_notes(lib, folder, "md")
    first = md_files(folder)
    assert len([f for f in first if not f.startswith("Glossary/")]) == 2
    assert "Glossary/Okhrana.md" in first
    notes.update_note(lib, a, body="Second thoughts on the [[Okhrana]]")
    notes.delete_note(lib, b)
    (folder / "mine.md").write_text("the reader's own file")
    transfer.export_notes(lib, folder, "md")  # no --force: all it replaces is its own
    after = md_files(folder)
    note_files = [f for f in after if not f.startswith("Glossary/") and f != "mine.md"]
    assert len(note_files) == 1  # one file for the edited note, none for the deleted one
    assert note_files[0] in first  # under the name it had
    assert "Second thoughts" in (folder / note_files[0]).read_text()
    assert (folder / "mine.md").read_text() == "the reader's own file"
    notes.update_note(lib, a, body="No link now")
    transfer.export_notes(lib, folder, "md")
    assert "Glossary/Okhrana.md" not in md_files(folder)  # no note links to it now


def test_glossary_pages_make_the_links_resolve_in_obsidian(lib, tmp_path):
    folder = tmp_path / "vault"
    notes.add_note(lib, "[[Okhrana]] and [[Trotsky]], and [[Xenia]] and [[Nowhere]]")
    transfer.export_notes(lib, folder, "md")
    assert (folder / "Glossary" / "Okhrana.md").read_text().startswith("---\nserge-reader: okhrana")
    assert (folder / "Glossary" / "Leon Trotsky.md").exists()
    (note,) = [p for p in folder.glob("*.md")]
    text = note.read_text()
    assert "[[Okhrana]]" in text and "[[Leon Trotsky|Trotsky]]" in text
    assert "[[Xenia]]" in text and "[[Nowhere]]" in text


def test_a_file_edited_in_obsidian_is_replaced_or_removed_only_with_force(lib, tmp_path):
    folder = tmp_path / "vault"
    n = notes.add_note(lib, "a note")
    transfer.export_notes(lib, folder, "md")
    (written,) = folder.glob("*.md")
    written.write_text("edited in Obsidian")
    notes.delete_note(lib, n)
    with pytest.raises(UserError, match="--force"):
        transfer.export_notes(lib, folder, "md")
    assert written.read_text() == "edited in Obsidian"
    transfer.export_notes(lib, folder, "md", force=True)
    assert not written.exists()


def test_a_manifest_never_leads_out_of_the_folder(lib, tmp_path):
    folder = tmp_path / "vault"
    folder.mkdir()
    outside = tmp_path / "precious.md"
    outside.write_text("keep")
    manifest = {
        "format": "serge-reader-markdown",
        "version": 1,
        "files": {"../precious.md": {"key": "note:x", "sha256": "0"}},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest))
    notes.add_note(lib, "a note")
    transfer.export_notes(lib, folder, "md")
    assert outside.read_text() == "keep"


def test_csv_starts_with_a_byte_order_mark_for_spreadsheets(lib, tmp_path):
    notes.add_note(lib, "Séjourné à Mexico")
    path = tmp_path / "notes.csv"
    transfer.export_notes(lib, path, "csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert rows[0]["body"] == "Séjourné à Mexico" and "id" in rows[0]
