"""The shipped reference content: complete, linked, sourced, our own words, and built."""

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


def test_text_lengths(entries):
    for e in by_kind(entries, "period"):
        assert 150 <= _words(e.body) <= 400, e.slug
    for e in by_kind(entries, "term"):
        assert 60 <= _words(e.body) <= 250, e.slug
    for e in by_kind(entries, "work"):
        if e.fields["genre"] == "novel":
            assert 80 <= _words(e.body) <= 250, e.slug
        assert _words(e.body) >= 30, e.slug


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
