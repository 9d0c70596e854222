"""The shipped reference content: complete, linked, sourced, our own words, and built."""

import itertools
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from serge_reader import paths, reference
from serge_reader.content import CATEGORIES, load_content, month_span
from serge_reader.reference import plain_text

CONTENT = paths.content_dir()
OVERLAP_CHECK = Path(__file__).resolve().parents[2] / "shared" / "tools" / "overlap_check.py"
SIGNATURE = {
    "okhrana": r"okhrana",
    "poum": r"poum",
    "nep": r"\bnep\b",
    "left-opposition": r"left opposition",
}


@pytest.fixture(scope="module")
def entries():
    return load_content(CONTENT)


def by_kind(entries, kind):
    return [e for e in entries if e.kind == kind]


def test_the_counts_the_product_promises(entries):
    assert len(by_kind(entries, "work")) >= 28
    assert len(by_kind(entries, "period")) >= 15
    terms = by_kind(entries, "term")
    assert len(terms) >= 90
    minimum = {
        "organization": 20,
        "event": 12,
        "concept": 10,
        "place": 12,
        "publication": 6,
        "person": 30,
    }
    for category, n in minimum.items():
        assert sum(e.fields["category"] == category for e in terms) >= n, category
    assert {e.fields["category"] for e in terms} <= set(CATEGORIES)


def test_every_entry_has_sources_and_every_link_resolves(entries):
    # load_content raises on any broken link, missing source or field; this checks it did not
    assert all(e.sources for e in entries)
    slugs = {e.slug for e in entries}
    assert all(t in slugs for e in entries for ts in e.links.values() for t in ts)


def test_every_work_has_a_period_and_periods_cover_his_life(entries):
    assert all(e.links.get("written_in") for e in by_kind(entries, "work"))
    spans = sorted(
        (month_span(e.fields["start"], end=False), month_span(e.fields["end"], end=True))
        for e in by_kind(entries, "period")
    )
    assert spans[0][0] <= month_span("1890-12", end=False)
    assert spans[-1][1] >= month_span("1947-11", end=True)
    reach = spans[0][1]
    for start, end in spans[1:]:
        assert start <= reach + 1, "a gap between periods"
        reach = max(reach, end)


def _words(text):
    return len(re.findall(r"\w+", plain_text(text)))


def _visible(body):
    """The text a first reading shows: spoiler blocks are read only later."""
    from serge_reader import spoilers

    return "\n".join(s.text for s in spoilers.segments(body) if not s.held)


def test_text_lengths(entries):
    for e in by_kind(entries, "period"):
        assert 150 <= _words(_visible(e.body)) <= 400, e.slug
    for e in by_kind(entries, "term"):
        assert 60 <= _words(_visible(e.body)) <= 250, e.slug
    for e in by_kind(entries, "work"):
        if e.fields["genre"] == "novel":
            assert 80 <= _words(_visible(e.body)) <= 250, e.slug
        assert _words(_visible(e.body)) >= 30, e.slug


def test_signature_terms_are_linked_wherever_they_are_named(entries):
    for slug, pattern in SIGNATURE.items():
        for e in entries:
            if e.slug != slug and e.kind != "term" and re.search(pattern, plain_text(e.body), re.I):
                linked = {t for ts in e.links.values() for t in ts} | set(
                    re.findall(r"\[\[([^|\]]+)", e.body)
                )
                assert slug in linked, f"{e.slug} names {slug} without linking it"


def test_aliases_cover_other_languages(entries):
    names = {a for e in entries for a in (e.title, *e.aliases)}
    for expected in ("Toulaev", "Leningrad", "GPU", "OGPU", "Кибальчич"):
        assert any(expected in n for n in names), expected


def test_shipped_database_is_built_from_the_current_content():
    con = sqlite3.connect(f"file:{paths.reference_db_path()}?mode=ro", uri=True)
    stored = dict(con.execute("SELECT key, value FROM meta").fetchall())
    con.close()
    assert stored["content_hash"] == reference.content_hash(CONTENT), (
        "data/serge.db is stale: run 'serge-reader content build'"
    )


def test_the_build_is_deterministic(tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    reference.build(CONTENT, a)
    reference.build(CONTENT, b)
    assert a.read_bytes() == b.read_bytes()


def test_a_broken_link_fails_the_build_and_leaves_the_old_database(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    okhrana = content / "terms" / "okhrana.md"
    okhrana.write_text(okhrana.read_text().replace("[links]", '[links]\nmentions = ["nowhere"]', 1))
    target = tmp_path / "serge.db"
    target.write_bytes(b"old")
    with pytest.raises(Exception, match="missing entry 'nowhere'"):
        reference.build(content, target)
    assert target.read_bytes() == b"old"


@pytest.mark.skipif(
    not OVERLAP_CHECK.exists(), reason="the shared overlap checker is not beside this checkout"
)
def test_no_sentence_is_copied_from_the_sources():
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, str(OVERLAP_CHECK), "resources", "data"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout[-2000:]


# --- Issue 14: the kinds of error a historian found, each caught from now on


def _date(value):
    """A "YYYY" or "YYYY-MM" as (year, month or None)."""
    year, _, month = str(value).partition("-")
    return int(year), int(month) if month else None


def test_periods_follow_each_other_without_overlap_to_the_month(entries):
    periods = sorted(
        by_kind(entries, "period"),
        key=lambda e: (
            month_span(e.fields["start"], end=False),
            month_span(e.fields["end"], end=True),
        ),
    )
    for e in periods:
        assert month_span(e.fields["start"], end=False) <= month_span(e.fields["end"], end=True)
    for before, after in itertools.pairwise(periods):
        (ey, em), (sy, sm) = _date(before.fields["end"]), _date(after.fields["start"])
        # compared at the precision both give: a month where both have one, else the year
        ended, starts = (ey, em or 0), (sy, sm or 0)
        if em is None or sm is None:
            ended, starts = (ey, 0), (sy, 0)
        assert starts >= ended, f"{after.slug} starts before {before.slug} ends"
        assert starts[0] - ended[0] <= 1, f"a gap between {before.slug} and {after.slug}"


def test_berlin_comes_after_kronstadt():
    # the error that started it: a year-only "1921" put Serge in Berlin during Kronstadt
    entries = {e.slug: e for e in load_content(CONTENT)}
    kronstadt = month_span(entries["kronstadt-and-nep"].fields["start"], end=False)
    berlin = month_span(entries["berlin-german-october"].fields["start"], end=False)
    assert berlin > kronstadt


# A publisher or series and the first year it published; a translation cannot be older.
FOUNDED = {
    "nyrb classics": 1999,
    "new york review books classics": 1999,
    "new york review of books classics": 1999,
    "pm press": 2007,
    "haymarket books": 2001,
    "redwords": 1990,
}


def test_no_translation_is_older_than_its_publisher_or_series(entries):
    for e in by_kind(entries, "work"):
        for t in e.fields.get("translations", []):
            founded = FOUNDED.get(str(t.get("publisher", "")).casefold())
            if founded and t.get("year"):
                assert t["year"] >= founded, f"{e.slug}: {t['publisher']} {t['year']}"


def test_every_source_key_is_in_the_registry(entries):
    from serge_reader.sources import load_registry

    registry = load_registry(CONTENT)
    assert {"serge-encyclopedia-biography", "wikipedia-victor-serge"} <= set(registry)
    for e in entries:
        for key in e.sources:
            assert key in registry, f"{e.slug}: source '{key}' is not registered"
    assert all(s.title for s in registry.values())
    assert "general-knowledge" not in registry


def test_a_source_key_defined_twice_or_unknown_fails_the_build(tmp_path):
    from serge_reader.content import ContentError

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "sources" / "twice.toml").write_text(
        '[wikipedia-victor-serge]\ntitle = "Again"\n', encoding="utf-8"
    )
    with pytest.raises(ContentError, match="defined twice"):
        load_content(content)
    (content / "sources" / "twice.toml").unlink()
    okhrana = content / "terms" / "okhrana.md"
    okhrana.write_text(
        okhrana.read_text(encoding="utf-8").replace(
            'sources = ["', 'sources = ["no-such-source", "', 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="'no-such-source' is not in the registry"):
        load_content(content)


def test_no_general_knowledge_and_no_file_names_in_the_content(entries):
    for e in entries:
        assert "general knowledge" not in e.sources, e.slug
        for text in (e.body, e.source_note):
            assert not SOURCE_FILE.search(text), e.slug
            # the old way of naming a source, "001 says": not a number such as 680,000
            assert not re.search(r"(?<![\d,.])\b00[0-4]\b(?![,.]\d)", text), e.slug


def test_every_entry_is_linked_from_another(entries):
    from serge_reader.content import name_index, resolve_body_links

    names = name_index(entries)
    linked = set()
    for e in entries:
        targets = {t for ts in e.links.values() for t in ts} | set(resolve_body_links(e, names))
        targets |= {r["to"] for r in e.fields.get("relations", [])}
        linked |= targets - {e.slug}
        if e.fields.get("appears"):  # listed under "Who's who" on its novel's page
            linked.add(e.slug)
    orphans = sorted(e.slug for e in entries if e.slug not in linked)
    assert not orphans, f"no entry links to {orphans}"


def test_a_link_is_never_broken_across_lines(entries):
    for e in entries:
        for line in e.body.splitlines():
            assert line.count("[[") == line.count("]]"), f"{e.slug}: {line[:60]}"


SOURCE_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    """Everything a reader is shown of every entry: `show` as text, JSON and HTML."""
    import contextlib
    import io

    from serge_reader import cli

    data = tmp_path_factory.mktemp("data")
    out = {}
    for e in load_content(CONTENT):
        for flag in ((), ("--json",), ("--html",)):
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                assert cli.main(["--data-dir", str(data), "show", e.slug, *flag]) == 0
            out[(e.slug, flag)] = buffer.getvalue()
    return out


def test_readers_never_see_a_source_file_name_or_key(shown):
    from serge_reader.sources import load_registry

    keys = sorted(load_registry(CONTENT), key=len, reverse=True)
    key_pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w-])")
    for (slug, flag), text in shown.items():
        assert not SOURCE_FILE.search(text), f"{slug} {flag}: a source file name"
        found = key_pattern.search(text)
        assert not found, f"{slug} {flag}: the registry key '{found.group(0) if found else ''}'"


def test_readers_see_citations(shown):
    page = shown[("okhrana", ("--html",))]
    assert "Sources:" in page and "Wikipedia" in page
    assert "Jared Marcel Pollen" in shown[("marseille-and-flight", ())]
    assert '"citation"' in shown[("okhrana", ("--json",))]
    assert "December 1921" in shown[("berlin-german-october", ())]


def test_every_novel_is_set_in_its_sourced_years_and_places(tmp_path):
    from serge_reader.content import NOVELS

    target = tmp_path / "serge.db"
    reference.build(CONTENT, target)
    with sqlite3.connect(target) as con:
        rows = con.execute(
            "SELECT work, start, end, places, chapter FROM novel_settings ORDER BY work, position"
        ).fetchall()
    by_work: dict[str, list[tuple]] = {}
    for work, *rest in rows:
        by_work.setdefault(work, []).append(tuple(rest))
    assert set(by_work) == set(NOVELS)
    assert by_work["men-in-prison"] == [("1912", "1917", '["Paris (La Santé)", "Melun"]', None)]
    assert by_work["conquered-city"] == [("1919", "1920", '["Petrograd"]', None)]
    assert by_work["last-times"][0][:2] == ("1940-06", None)  # no source gives the end
    # The later parts of Unforgiving Years are held in its entry's spoiler blocks: each is
    # tied to the chapter (part) it begins in, the first is told from the start.
    assert [r[3] for r in by_work["unforgiving-years"]] == [None, 2, 3, 4]


def test_a_setting_is_checked_like_the_rest_of_the_content():
    from serge_reader.content import Entry, check

    def work(slug, setting):
        return Entry(
            slug,
            "work",
            slug,
            "Text.",
            sources=("s",),
            links={"written_in": ()},
            fields={"setting": setting},
        )

    problems = check(
        [
            work("men-in-prison", [{"start": "1917", "end": "1912", "places": ["Melun"]}]),
            work("conquered-city", [{"start": "spring 1919", "places": []}]),
            work("last-times", [{"start": "1940", "places": ["Paris"], "chapter": 0, "day": 1}]),
            work("the-first-book", [{"start": "1912", "places": ["Paris"]}]),
        ]
    )
    assert "men-in-prison: setting 1: ends before it starts" in problems
    assert 'conquered-city: setting 1: start must be "YYYY" or "YYYY-MM"' in problems
    assert "conquered-city: setting 1: places must be a list of place names" in problems
    assert "last-times: setting 1: chapter must be a whole number from 1" in problems
    assert "last-times: setting 1: unknown field(s): day" in problems
    assert "the-first-book: [[setting]] is for the seven novels" in problems


def test_the_windows_start_never_imports_sqlite_utils(tmp_path):
    """sqlite-utils builds the reference database; importing it costs 0.24 s, so the window
    must start without it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def imported(*args: str) -> set[str]:
        out = subprocess.run(
            [sys.executable, "-X", "importtime", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        assert out.returncode == 0, out.stderr[-2000:]
        return {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines()}

    started = imported("-m", "serge_reader", "--data-dir", str(tmp_path), "--quit-when-ready")
    assert "serge_reader.ui.main_window" in started  # the window did start
    assert not {m for m in started if m.split(".")[0] == "sqlite_utils"}
    assert "sqlite_utils" in imported("-c", "import serge_reader.reference")
