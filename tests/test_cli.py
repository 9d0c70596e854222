"""The command-line contract, through a subprocess, as other tools use it."""

import json

import pytest


def test_version_and_help(cli):
    out = cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("serge-reader ")
    assert cli("--help").returncode == 0


def test_search_json_has_the_contract_fields(cli):
    out = cli("search", "okhrana", "--json")
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout)
    assert results[0]["id"] == "okhrana"
    assert {"id", "kind", "title", "snippet"} <= set(results[0])


def test_search_by_kind_and_limit(cli):
    out = json.loads(cli("search", "revolution", "--kind", "work", "--limit", "3", "--json").stdout)
    assert 0 < len(out) <= 3 and all(r["kind"] == "work" for r in out)


def test_show_work_json(cli):
    entry = json.loads(cli("show", "midnight-in-the-century", "--json").stdout)
    assert entry["kind"] == "work"
    assert entry["original_title"]
    assert isinstance(entry["year"], int)
    assert {"id", "title", "aliases", "body", "links", "translations", "pages"} <= set(entry)
    assert all({"id", "kind", "title"} <= set(link) for link in entry["links"])


def test_show_term_and_period(cli):
    term = json.loads(cli("show", "okhrana", "--json").stdout)
    assert term["category"] == "organization"
    period = json.loads(cli("show", "mexico", "--json").stdout)
    assert period["start"] and period["end"]


def test_show_prints_links_as_a_reader_reads_them(cli):
    out = cli("show", "men-in-prison").stdout
    assert "[[" not in out
    assert "during the Bonnot gang affair, the young editor of l’anarchie" in out
    assert "Arrested in Paris in 1912" in out  # [[paris]]: the entry's title


def test_show_html_is_what_the_app_displays(cli):
    out = cli("show", "poum", "--html")
    assert out.returncode == 0 and out.stdout.startswith("<html>")


def test_note_lifecycle(cli):
    add = cli(
        "note",
        "add",
        "--work",
        "conquered-city",
        "--page",
        "12",
        "--tag",
        "terror",
        "About the [[Cheka]]",
    )
    assert add.returncode == 0, add.stderr
    n = add.stdout.strip()
    assert n.isdigit()
    shown = json.loads(cli("note", "show", n, "--json").stdout)
    assert {"id", "body", "work", "page", "tags", "created", "updated"} <= set(shown)
    assert shown["page"] == 12 and shown["tags"] == ["terror"]
    assert cli("note", "edit", n, "-", stdin="Changed text").returncode == 0
    assert json.loads(cli("note", "list", "--json").stdout)[0]["body"] == "Changed text"
    found = json.loads(cli("search", "changed", "--kind", "note", "--json").stdout)
    assert [(r["id"], r["kind"]) for r in found] == [(f"note:{n}", "note")]
    assert json.loads(cli("show", f"note:{n}", "--json").stdout)["body"] == "Changed text"
    assert cli("note", "rm", n).returncode == 0
    assert json.loads(cli("note", "list", "--json").stdout) == []


def test_works_json_and_progress(cli):
    works = json.loads(cli("works", "--json").stdout)
    assert {"id", "title", "year", "status", "page", "pages", "percent"} <= set(works[0])
    out = cli("progress", "conquered-city", "--pages", "200", "--page", "50", "--json")
    assert out.returncode == 0, out.stderr
    row = json.loads(out.stdout)
    assert (row["status"], row["page"], row["pages"], row["percent"]) == ("reading", 50, 200, 25.0)


@pytest.mark.parametrize(
    "args",
    [
        ("show", "no-such-entry"),
        ("show", "note:999"),
        ("note", "show", "999"),
        ("note", "add", "--work", "nowhere", "text"),
        ("progress", "conquered-city", "--page", "100000", "--pages", "200"),
        ("progress", "conquered-city", "--status", "devoured"),
        ("progress", "les-hommes-perdus", "--page", "3"),
        ("import", "/no/such/file.json"),
    ],
)
def test_user_errors_exit_1_with_one_line_and_no_traceback(cli, args):
    out = cli(*args)
    assert out.returncode == 1, out
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args", [("frobnicate",), ("progress",), ("note", "add", "--page", "x", "t")]
)
def test_usage_errors_exit_2(cli, args):
    out = cli(*args)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


def test_export_import_through_the_cli(cli, tmp_path):
    cli("note", "add", "A note to carry over")
    path = tmp_path / "out.json"
    assert cli("export", "--format", "json", str(path)).returncode == 0
    assert cli("import", str(path)).returncode == 0
    assert len(json.loads(cli("note", "list", "--json").stdout)) == 1


def test_backup_check_restore(cli, tmp_path):
    cli("note", "add", "before the backup")
    backup = cli("backup")
    assert backup.returncode == 0, backup.stderr
    cli("note", "add", "after the backup")
    assert cli("check").stdout.strip() == "ok"
    assert cli("restore", backup.stdout.strip()).returncode == 0
    bodies = [n["body"] for n in json.loads(cli("note", "list", "--json").stdout)]
    assert bodies == ["before the backup"]


def test_a_damaged_library_is_set_aside_and_the_command_still_works(cli, data_dir):
    cli("note", "add", "kept in a backup")
    made = cli("backup").stdout.strip()
    (data_dir / "library.db").write_bytes(b"garbage" * 100)
    added = cli("note", "add", "after the damage")
    assert added.returncode == 0, added.stderr
    assert added.stderr.count("\n") == 1
    assert "damaged" in added.stderr and f"restore {made}" in added.stderr
    assert len(list(data_dir.glob("library-damaged-*.db"))) == 1
    assert cli("restore", made).returncode == 0
    listed = json.loads(cli("note", "list", "--json").stdout)
    assert [n["body"] for n in listed] == ["kept in a backup"]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--quit-when-ready"],
        ["--data-dir", "somewhere"],
        ["--data-dir=somewhere", "--quit-when-ready"],
        ["--data-dir", "first", "--data-dir=second"],
    ],
)
def test_the_windows_own_options_are_read_as_the_parser_reads_them(argv):
    from serge_reader import cli

    quick = cli._window_only(argv)
    assert quick is not None
    assert vars(quick) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--version"], ["--data"], ["--data-dir"], ["--data-dir", "-x"], ["works"]],
)
def test_anything_but_the_windows_own_options_goes_to_the_parser(argv):
    from serge_reader import cli

    assert cli._window_only(argv) is None
