"""Bad input everywhere: each either works or gets a clear one-line UserError and changes
nothing. Generated with hypothesis (examples kept few, so the suite stays quick)."""

import json
import os
import pwd
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from serge_reader import backup, notes, progress, search, transfer
from serge_reader.errors import UserError
from serge_reader.library import Library

EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Any text at all, lone surrogates and control characters included.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=60)
NASTY = st.sampled_from(
    [
        *("", " ", "\x00", "\ud800", "a\udfffb", "\r\n", "\x1b[31m", "\u202e", "\n\x00\n"),
        *("[[", "]]", '"', "*", "NEAR(", "-", "#", ","),
    ]
)
TEXT = st.one_of(ANY_TEXT, NASTY, st.lists(NASTY, max_size=5).map("".join))
BIG = 10 * 1024 * 1024
WORK = "midnight-in-the-century"


@pytest.fixture
def own_folder(tmp_path):
    """A folder the test may lock itself out of. File permissions do not bind root, so under
    root the test runs as the user `nobody` (its effective ids), in a folder of nobody's."""
    if sys.platform == "win32":
        pytest.skip("POSIX file permissions")
    if os.geteuid() != 0:
        yield tmp_path
        return
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("file permissions do not bind root, and there is no user 'nobody' to be")
    folder = Path(tempfile.mkdtemp(prefix="serge-reader-test-"))
    os.chown(folder, nobody.pw_uid, nobody.pw_gid)
    os.setegid(nobody.pw_gid)
    os.seteuid(nobody.pw_uid)
    try:
        yield folder
    finally:
        os.seteuid(0)
        os.setegid(0)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def shared(lib):
    """The test's library, shared by its examples: they add to it, and must not break it."""
    notes.add_note(lib, "a note about the [[Okhrana]]", tags=["exile"])
    yield lib
    assert backup.check(lib) == []


def state(lib):
    """Everything in the library, as SQL."""
    return "\n".join(lib.conn.iterdump())


def refused_cleanly(lib, before, call):
    """Run `call`; if it refuses, the message is one line and the library is unchanged."""
    try:
        return call()
    except UserError as exc:
        message = str(exc)
        assert message and "\n" not in message and "\r" not in message, repr(message)
        assert state(lib) == before
        return exc


# -- search ---------------------------------------------------------------------------------


@EXAMPLES
@given(query=TEXT, limit=st.integers(0, 50))
def test_any_search_text_finds_something_or_nothing(shared, query, limit):
    before = state(shared)
    results = search.search(shared, query, limit=limit)
    assert len(results) <= limit
    assert isinstance(search.search_notes(shared, query), list)
    assert state(shared) == before


# -- notes ----------------------------------------------------------------------------------


BODIES = st.one_of(
    TEXT,
    st.sampled_from([0, 1, notes.MAX_NOTE_CHARS, notes.MAX_NOTE_CHARS + 1, BIG]).map(
        lambda n: "ж" * n
    ),
)


@EXAMPLES
@given(body=BODIES)
def test_any_note_text_is_kept_exactly_as_cleaned_or_refused(shared, body):
    before = state(shared)
    outcome = refused_cleanly(shared, before, lambda: notes.add_note(shared, body))
    if not isinstance(outcome, UserError):
        assert notes.get_note(shared, outcome).body == notes.clean_body(body)
        notes.delete_note(shared, outcome)  # keep the library small for the next example
    n = notes.add_note(shared, "to be edited")
    before = state(shared)
    edited = refused_cleanly(shared, before, lambda: notes.update_note(shared, n, body=body))
    if not isinstance(edited, UserError):
        assert notes.get_note(shared, n).body == notes.clean_body(body)
    notes.delete_note(shared, n)


@EXAMPLES
@given(tags=st.lists(TEXT, max_size=4))
def test_any_tags_are_stored_cleaned_or_refused(shared, tags):
    before = state(shared)
    outcome = refused_cleanly(shared, before, lambda: notes.add_note(shared, "tagged", tags=tags))
    if not isinstance(outcome, UserError):
        assert notes.get_note(shared, outcome).tags == tuple(sorted(notes.clean_tags(tags)))


HUGE_INTS = st.one_of(st.integers(), st.sampled_from([-1, 0, 2**31, 2**63 - 1, 2**63, 2**64]))


@EXAMPLES
@given(
    page=st.one_of(st.none(), HUGE_INTS),
    percent=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    chapter=st.one_of(st.none(), TEXT),
)
def test_any_position_is_stored_or_refused(shared, page, percent, chapter):
    before = state(shared)
    position = notes.Position(page, chapter, percent)
    outcome = refused_cleanly(
        shared, before, lambda: notes.add_note(shared, "placed", work=WORK, position=position)
    )
    if not isinstance(outcome, UserError):
        note = notes.get_note(shared, outcome)
        assert (note.page, note.percent) == (page, percent)


@EXAMPLES
@given(page=st.one_of(st.none(), HUGE_INTS), pages=st.one_of(st.none(), HUGE_INTS))
def test_any_reading_progress_is_stored_or_refused(shared, page, pages):
    assume(page is not None or pages is not None)
    before = state(shared)
    outcome = refused_cleanly(
        shared, before, lambda: progress.set_progress(shared, WORK, page=page, pages=pages)
    )
    if not isinstance(outcome, UserError):
        assert page is None or outcome.page == page
        assert pages is None or outcome.pages == pages


# -- import files ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def export_text(tmp_path_factory):
    """A real export of a few notes, from another library."""
    folder = tmp_path_factory.mktemp("export")
    with Library(folder / "data") as lib:
        for i in range(3):
            notes.add_note(lib, f"exported {i} [[POUM]]", tags=["spain"], work=WORK)
        progress.set_progress(lib, WORK, page=12)
        transfer.export_notes(lib, folder / "notes.json", "json")
    return (folder / "notes.json").read_text(encoding="utf-8")


def try_import(lib, tmp_path, content):
    path = tmp_path / "import.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(content)
    before = state(lib)
    return refused_cleanly(lib, before, lambda: transfer.import_notes(lib, path))


def imported_whole(lib, document):
    """Every note of an export that was accepted is in the library (imported now, or by an
    earlier example: this library is shared, and a note already there is not imported twice)."""
    for note in document["notes"]:
        row = lib.conn.execute("SELECT 1 FROM notes WHERE uid = ?", (note["uid"],)).fetchone()
        assert row is not None, note["uid"]


@EXAMPLES
@given(cut=st.floats(0, 1, exclude_max=True))
def test_a_truncated_export_imports_whole_or_not_at_all(shared, tmp_path, export_text, cut):
    text = export_text[: int(len(export_text) * cut)]
    outcome = try_import(shared, tmp_path, text)
    if not isinstance(outcome, UserError):  # only the trailing newline was cut
        assert text.strip() == export_text.strip()
        imported_whole(shared, json.loads(text))


@EXAMPLES
@given(content=st.binary(max_size=2000))
def test_binary_files_are_refused(shared, tmp_path, content):
    assert isinstance(try_import(shared, tmp_path, content), UserError)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=10,
)
FIELDS = [
    *("uid", "body", "work", "page", "chapter", "percent", "kind", "tags", "created", "updated"),
    *("format", "version", "notes", "progress"),
]


@EXAMPLES
@given(document=JSON)
def test_json_of_the_wrong_shape_is_refused(shared, tmp_path, document):
    assert isinstance(try_import(shared, tmp_path, json.dumps(document)), UserError)


@EXAMPLES
@given(field=st.sampled_from(FIELDS), value=JSON, record=st.integers(0, 2))
def test_an_export_with_one_bad_field_imports_whole_or_not_at_all(
    shared, tmp_path, export_text, field, value, record
):
    document = json.loads(export_text)
    if field in document:
        document[field] = value
    else:
        document["notes"][record][field] = value
    outcome = try_import(shared, tmp_path, json.dumps(document))
    if not isinstance(outcome, UserError):
        imported_whole(shared, document)


def test_a_huge_file_is_refused_before_it_is_read(shared, tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as f:
        f.truncate(transfer.MAX_IMPORT_BYTES + 1)  # sparse: takes no room
    before = state(shared)
    with pytest.raises(UserError, match="too large"):
        transfer.import_notes(shared, path)
    assert state(shared) == before


def test_an_export_holding_a_10_mb_note_is_refused_whole(shared, tmp_path, export_text):
    document = json.loads(export_text)
    document["notes"][1]["uid"] = "a-new-one"
    document["notes"][1]["body"] = "x" * BIG
    document["notes"][0]["uid"] = "another-new-one"
    outcome = try_import(shared, tmp_path, json.dumps(document))
    assert isinstance(outcome, UserError) and "too long" in str(outcome)


@pytest.mark.parametrize("make", [lambda p: None, lambda p: p.mkdir()])
def test_a_missing_file_or_a_folder_is_refused(shared, tmp_path, make):
    path = tmp_path / "x.json"
    make(path)
    before = state(shared)
    with pytest.raises(UserError):
        transfer.import_notes(shared, path)
    assert state(shared) == before


# -- the data folder ------------------------------------------------------------------------


def test_a_data_folder_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "data").write_text("mine")
    with pytest.raises(UserError, match="is a file"):
        Library(tmp_path / "data")
    assert (tmp_path / "data").read_text() == "mine"


def test_a_library_that_is_a_folder_is_refused(data_dir):
    (data_dir / "library.db").mkdir(parents=True)
    with pytest.raises(UserError, match="is a folder"):
        Library(data_dir)
    assert sorted(p.name for p in data_dir.iterdir()) == ["library.db"]


def test_a_missing_data_folder_is_made_private(tmp_path):
    with Library(tmp_path / "new" / "data") as lib:
        notes.add_note(lib, "first")
    assert (tmp_path / "new" / "data").stat().st_mode & 0o077 == 0


def test_a_data_folder_that_cannot_be_made_is_refused(own_folder):
    own_folder.chmod(0o500)
    try:
        with pytest.raises(UserError, match="cannot create the data folder"):
            Library(own_folder / "data")
    finally:
        own_folder.chmod(0o700)
    assert not (own_folder / "data").exists()


def test_an_unwritable_data_folder_is_refused(own_folder):
    data_dir = own_folder / "data"
    Library(data_dir).close()
    data_dir.chmod(0o500)
    try:
        with pytest.raises(UserError, match="not writable"):
            Library(data_dir)
    finally:
        data_dir.chmod(0o700)


def test_a_read_only_library_is_refused_unchanged(own_folder):
    data_dir = own_folder / "data"
    with Library(data_dir) as lib:
        notes.add_note(lib, "mine")
    library = data_dir / "library.db"
    library.chmod(0o400)
    before = library.read_bytes()
    try:
        with pytest.raises(UserError, match="read-only"):
            Library(data_dir)
    finally:
        library.chmod(0o600)
    assert library.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["library.db", "library.db-closed"]


def test_the_cli_refuses_a_page_beyond_any_book_in_one_line(cli):
    result = cli("note", "add", "--page", "9" * 30, "text")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert cli("note", "list", "--json").stdout.strip() == "[]"
