"""The command line as issue 15's reader used it: empty notes refused, works named by title
or alias, bytes that are not UTF-8 told the same way everywhere, every option documented."""

import json
import os
import re
import subprocess
import sys

from tests.conftest import ROOT


def test_an_empty_note_is_refused(cli):
    for text in ("", "   ", "\n\t\n"):
        result = cli("note", "add", text)
        assert result.returncode == 1, text
        assert result.stderr.startswith("serge-reader: ") and result.stderr.count("\n") == 1
    assert cli("note", "add", "-", stdin="  \n").returncode == 1
    assert json.loads(cli("note", "list", "--json").stdout) == []
    number = cli("note", "add", "kept").stdout.strip()
    for text in ("", "   "):
        result = cli("note", "edit", number, text)
        assert result.returncode == 1
        assert "note rm" in result.stderr
    assert json.loads(cli("note", "show", number, "--json").stdout)["body"] == "kept"


def test_a_work_is_named_by_title_or_alias_when_that_is_clear(cli):
    result = cli("progress", "memoirs", "--page", "10", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "memoirs-of-a-revolutionary"
    result = cli("progress", "Midnight in the Century", "--json")
    assert json.loads(result.stdout)["id"] == "midnight-in-the-century"
    added = cli("note", "add", "--work", "S'il est minuit dans le siècle", "a note")
    assert added.returncode == 0, added.stderr
    shown = json.loads(cli("note", "show", added.stdout.strip(), "--json").stdout)
    assert shown["work"] == "midnight-in-the-century"
    listed = json.loads(cli("note", "list", "--work", "midnight in the century", "--json").stdout)
    assert [n["id"] for n in listed] == [int(added.stdout)]
    entry = json.loads(cli("show", "Okhrana", "--json").stdout)
    assert entry["id"] == "okhrana"


def test_a_name_of_several_works_says_which_it_may_be(cli):
    result = cli("progress", "the")
    assert result.returncode == 1
    assert "more than one work" in result.stderr and "give its id" in result.stderr
    result = cli("progress", "okhrana")  # an entry, not a work
    assert result.returncode == 1 and "no work 'okhrana'" in result.stderr


def _raw(data_dir, *args, stdin=b""):
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "serge_reader", "--data-dir", os.fsencode(data_dir), *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_text_that_is_not_utf8_gets_one_message_wherever_it_comes_from(data_dir):
    latin1 = "café".encode("latin-1")
    from_argument = _raw(data_dir, "note", "add", latin1)
    from_stdin = _raw(data_dir, "note", "add", "-", stdin=latin1)
    assert from_argument.returncode == from_stdin.returncode == 1
    assert (
        from_argument.stderr
        == from_stdin.stderr
        == b"serge-reader: the text given is not valid UTF-8\n"
    )


def test_the_readme_documents_every_option():
    from serge_reader.cli import build_parser

    readme = (ROOT / "README.md").read_text()
    usage = readme[readme.index("## The command line") :]
    missing = []
    parser = build_parser()
    stack = [("", parser)]
    while stack:
        prefix, p = stack.pop()
        for action in p._actions:
            for option in action.option_strings:
                documented = re.search(re.escape(option) + r"\b", usage)
                if option.startswith("--") and option != "--help" and not documented:
                    missing.append(f"{prefix} {option}".strip())
            if action.choices and isinstance(action.choices, dict):
                stack.extend(
                    (f"{prefix} {name}".strip(), sub) for name, sub in action.choices.items()
                )
    assert missing == []
    assert "-- -" in usage  # a query that starts with a dash


def test_a_start_without_a_display_gives_a_one_line_hint(data_dir):
    if not sys.platform.startswith("linux"):
        return
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    result = subprocess.run(
        [sys.executable, "-m", "serge_reader", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "display" in result.stderr
    assert "serge-reader --help" in result.stderr
